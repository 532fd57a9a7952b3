"""The SPARQL 1.1 Service Description of the endpoint, with the dataset's VoID + DCAT description.

Returned for a GET on /sparql without a query, in an RDF format. ``sd:endpoint`` is the URL the request was
made to, so a client that fetched the description from a URL finds that URL in it.
"""

from __future__ import annotations

from pyoxigraph import Literal, NamedNode, Triple

from mappings.vocab import DCTERMS, RDF, RDFS, SD, VOID, XSD
from publisher import formats, urls
from publisher.read.stats import example_work, stats
from publisher.render.void import description
from publisher.sparql import formats as sparql_formats
from publisher.store import Store

FORMATS_NS = "http://www.w3.org/ns/formats/"
SIMPLE_ENTAILMENT = NamedNode("http://www.w3.org/ns/entailment/Simple")


def service_description(store: Store, base: str, endpoint: str, limits: dict[str, float], *, title: str,
                        licence: str) -> list[Triple]:
    """The service description triples for the endpoint at ``endpoint`` serving the dataset at ``base``."""
    counts = stats(store)
    service = NamedNode(urls.absolute(base, urls.SPARQL) + "#service")
    dataset = NamedNode(urls.absolute(base, urls.DATASET))
    default_graph = NamedNode(dataset.value + "#default-graph")
    out = [
        Triple(service, RDF.type, SD.Service),
        Triple(service, SD.endpoint, NamedNode(endpoint)),
        Triple(service, SD.supportedLanguage, SD.SPARQL11Query),
        Triple(service, SD.feature, SD.UnionDefaultGraph),
        Triple(service, SD.defaultEntailmentRegime, SIMPLE_ENTAILMENT),
        Triple(service, SD.defaultDataset, dataset),
        Triple(service, RDFS.label, Literal("lodpub SPARQL endpoint")),
        Triple(service, RDFS.comment, Literal(_limits_text(limits))),
        Triple(dataset, RDF.type, SD.Dataset),
        Triple(dataset, SD.defaultGraph, default_graph),
        Triple(default_graph, RDF.type, SD.Graph),
        Triple(default_graph, RDFS.comment, Literal("The union of all record graphs (one named graph per "
                                                    "source record).")),
        Triple(default_graph, VOID.triples, Literal(str(counts.triples), datatype=XSD.integer)),
        Triple(default_graph, DCTERMS.title, Literal("Union of all record graphs")),
    ]
    out += [Triple(service, SD.resultFormat, NamedNode(FORMATS_NS + w3c))
            for w3c in (formats.get(key).w3c for key in sparql_formats.offered()) if w3c]
    out += description(counts, base, title=title, licence=licence, example=example_work(store))
    return out


def _limits_text(limits: dict[str, float]) -> str:
    return (f"SPARQL 1.1 Query over HTTP (GET, POST form, POST direct). A query runs for at most "
            f"{limits['timeout']:g} s and returns at most {limits['max_rows']:g} rows (or triples); a query "
            f"over either limit gets an error, never a partial answer (so does an answer over "
            f"{limits.get('max_answer_mb', 64):g} MiB, or a query needing more than the memory a query process "
            f"has). Each client may run {limits.get('client_queries', 2):g} queries at once and use "
            f"{limits['budget']:g} s of query time per minute; over either it gets 429 with Retry-After, and when "
            f"every query process is busy 503 with Retry-After. SERVICE and LOAD are refused; FROM and FROM "
            f"NAMED select graphs already in the store and fetch nothing.")
