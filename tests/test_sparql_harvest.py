"""Harvesting over SPARQL with real clients (SPARQLWrapper, rdflib's SPARQLStore) from ``lodpub serve``.

The recipe is the one in docs/harvesting.md: page through the works and their record graphs in a stable
order, then CONSTRUCT each record graph. The harvest must equal the store's dump, graph for graph.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pyoxigraph import RdfFormat
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, POST, SPARQLWrapper

from publisher.read.lookup import canonical
from publisher.store import term_value
from tests.helpers import running_server, serving_settings

PAGE = 7  # small, so that the samples take several pages
LISTING = """PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
SELECT ?work ?graph ?modified WHERE {
  GRAPH ?graph { ?graph foaf:primaryTopic ?work . OPTIONAL { ?work dcterms:modified ?modified } }
  %s
}
ORDER BY ?work ?graph
LIMIT %d OFFSET %d"""
RECORD = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <%s> { ?s ?p ?o } }"


@pytest.fixture(scope="module")
def endpoint(loaded_store: Any) -> Iterator[str]:
    """``lodpub serve`` over the loaded samples; yields the SPARQL endpoint URL."""
    with running_server(serving_settings(loaded_store), kind="serve") as url:
        yield url + "/sparql"


def list_records(endpoint: str, since: str | None = None) -> list[tuple[str, str]]:
    """Every (work, record graph), page by page, as the recipe does it."""
    condition = f'FILTER(?modified >= "{since}"^^xsd:dateTime)' if since else ""
    client = SPARQLWrapper(endpoint)
    client.setReturnFormat(JSON)
    found: list[tuple[str, str]] = []
    offset = 0
    while True:
        client.setQuery(LISTING % (condition, PAGE, offset))
        answer: Any = client.queryAndConvert()
        rows = answer["results"]["bindings"]
        found += [(r["work"]["value"], r["graph"]["value"]) for r in rows]
        if len(rows) < PAGE:
            return found
        offset += PAGE


def test_harvest_with_sparqlwrapper_equals_the_dump(endpoint: str, loaded_store: Any) -> None:
    records = list_records(endpoint)
    assert len(records) == len(set(records)) > PAGE * 2  # several pages, no record twice
    assert records == sorted(records)
    harvest = Dataset()
    client = SPARQLWrapper(endpoint)  # default return format: XML, so CONSTRUCT comes as RDF/XML
    for graph_iri in sorted({g for _, g in records}):
        client.setQuery(RECORD % graph_iri)
        description = client.queryAndConvert()
        assert isinstance(description, Graph) and len(description) > 10
        named = harvest.graph(URIRef(graph_iri))
        for triple in description:
            named.add(triple)
    dump = io.BytesIO()
    loaded_store.dump(dump, RdfFormat.N_QUADS)
    expected = Dataset()
    expected.parse(data=dump.getvalue(), format="nquads")
    names = {str(g.identifier) for g in expected.graphs() if len(g) and g.identifier != DATASET_DEFAULT_GRAPH_ID}
    assert {str(g.identifier) for g in harvest.graphs() if len(g)} == names
    for name in names:
        assert isomorphic(harvest.graph(URIRef(name)), expected.graph(URIRef(name))), name


def test_harvest_of_works_modified_since(endpoint: str, loaded_store: Any) -> None:
    since = "2015-01-01T00:00:00"
    query = ('PREFIX dcterms: <http://purl.org/dc/terms/> PREFIX foaf: <http://xmlns.com/foaf/0.1/> '
             'SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?g foaf:primaryTopic ?w . ?w dcterms:modified ?m } '
             f'FILTER(?m >= "{since}"^^<http://www.w3.org/2001/XMLSchema#dateTime>) }}')
    expected = int(next(iter(loaded_store.query(query)))["n"].value)
    recent = list_records(endpoint, since)
    assert 0 < len(recent) == expected < len(list_records(endpoint))


def test_rdflib_sparqlstore_as_a_client(endpoint: str, loaded_store: Any) -> None:
    remote = Graph(store=SPARQLStore(endpoint, returnFormat="xml"))
    rows = list(remote.query(LISTING % ("", 1000, 0)))
    assert len(rows) == len(list_records(endpoint))
    work = URIRef(canonical(loaded_store, str(rows[0][0])))  # type: ignore[index]  # the published work
    triples = set(remote.triples((work, None, None)))
    assert len(triples) == len(loaded_store.published_about([str(work)])) > 5
    assert remote.query("ASK { ?s ?p ?o }").askAnswer is True
    described = remote.query(f"DESCRIBE <{work}>").graph
    assert described is not None and len(described) == len(triples)


# -- paging on harvest ordinals (docs/harvesting.md, "Large stores") ------------------------------------------
ORDINAL_PAGE = """PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX lodpub: <https://w3id.org/lodpub/ns#>
SELECT ?graph ?work ?n WHERE {
  VALUES ?n { %s }
  GRAPH ?graph { ?graph lodpub:harvestOrdinal ?n ; foaf:primaryTopic ?work }
}
ORDER BY ?n"""
LAST_ORDINAL = """PREFIX lodpub: <https://w3id.org/lodpub/ns#>
SELECT (MAX(?n) AS ?last) WHERE { GRAPH ?g { ?g lodpub:harvestOrdinal ?n } }"""

COUNTER = """PREFIX lodpub: <https://w3id.org/lodpub/ns#>
SELECT ?last WHERE { GRAPH <urn:x-lodpub:harvest> { <urn:x-lodpub:harvest> lodpub:lastOrdinal ?last } }"""


def ordinal_page(client: SPARQLWrapper, first: int, size: int) -> list[tuple[int, str]]:
    """The (ordinal, record graph) pairs numbered first .. first + size - 1, as the recipe asks for them."""
    client.setQuery(ORDINAL_PAGE % " ".join(str(n) for n in range(first, first + size)))
    answer: Any = client.queryAndConvert()
    return [(int(r["n"]["value"]), r["graph"]["value"]) for r in answer["results"]["bindings"]]


def last_ordinal(client: SPARQLWrapper) -> int:
    """The highest ordinal given so far."""
    client.setQuery(LAST_ORDINAL)
    answer: Any = client.queryAndConvert()
    rows = answer["results"]["bindings"]
    return int(rows[0]["last"]["value"]) if rows and "last" in rows[0] else -1


def test_ordinal_pages_follow_on_while_an_ingest_runs(tmp_path: Path) -> None:
    """Page k+1 starts where page k ended while an ingest adds records: the records there before keep their
    numbers, new ones are numbered after them, and paging on to the last number harvests every record once."""
    from mappings.uris import Minter
    from publisher.ingest.pipeline import ingest
    from publisher.store import open_store
    from tests.helpers import BASE, SAMPLES

    directory = tmp_path / "store"
    store = open_store(str(directory), writable=True)
    ingest([str(SAMPLES / "eprints-xml"), str(SAMPLES / "oai-dc")], store, Minter(BASE))
    store.publish()
    before = {term_value(q.subject): int(term_value(q.object))
              for q in store.match(predicate="https://w3id.org/lodpub/ns#harvestOrdinal")}
    assert sorted(before.values()) == list(range(len(before)))  # numbered 0 .. n-1 in the order first written
    later = [str(SAMPLES / name) for name in ("marcxml", "crossref", "datacite", "uketd-dc")]
    with running_server(directory, kind="serve") as url:
        client = SPARQLWrapper(url + "/sparql", returnFormat=JSON)
        client.setMethod(POST)
        first_page = ordinal_page(client, 0, PAGE)
        writer = threading.Thread(target=ingest, args=(later, store, Minter(BASE)),
                                  kwargs={"batch_size": 5, "publish_interval": 0.0})
        writer.start()
        pages: list[list[tuple[int, str]]] = [first_page]
        start = PAGE
        while writer.is_alive() or start <= last_ordinal(client):
            page = ordinal_page(client, start, PAGE)
            if page:
                assert page[0][0] == pages[-1][-1][0] + 1  # starts where the page before ended
                assert [n for n, _ in page] == list(range(start, start + len(page)))
                pages.append(page)
                start += PAGE
        writer.join()
        assert ordinal_page(client, 0, PAGE) == first_page  # the first page did not move
        client.setQuery(COUNTER)
        answer: Any = client.queryAndConvert()
        assert int(answer["results"]["bindings"][0]["last"]["value"]) == last_ordinal(client)
    assert len(pages) > 3
    harvested = [pair for page in pages for pair in page]
    store.publish()
    final = {term_value(q.subject): int(term_value(q.object))
             for q in store.match(predicate="https://w3id.org/lodpub/ns#harvestOrdinal")}
    store.close()
    assert len(harvested) == len({g for _, g in harvested}) == len(final) > len(before)  # each record once
    assert {g: n for n, g in harvested} == final
    assert all(final[g] == n for g, n in before.items())  # the records there before kept their numbers
