"""The VoID + DCAT description of the dataset, as triples: counts, vocabularies, class partitions, the SPARQL
service and the dump distributions."""

from __future__ import annotations

import os

from pyoxigraph import Literal, NamedNode, Triple

from mappings.vocab import DCAT, DCTERMS, FOAF, PREFIXES, RDF, RDFS, SDO, VOID, XSD
from publisher.formats import DUMP_TYPES
from publisher.read.stats import Stats, example_work, stats
from publisher.store import Store

DEFAULT_DATA_LICENCE = "https://creativecommons.org/publicdomain/zero/1.0/"
VOCABULARIES = ["dcterms", "bibo", "schema", "foaf", "skos", "madsrdf", "prov", "owl", "relators", "lodpub"]


def description(store: Store, base: str, counts: Stats | None = None, *, title: str | None = None,
                licence: str | None = None) -> list[Triple]:
    """The VoID + DCAT description of the dataset, as triples (title and licence default to the environment)."""
    counts = counts or stats(store)
    dataset, catalog = NamedNode(base + "dataset"), NamedNode(base + "catalog")
    licence_iri = NamedNode(licence or os.environ.get("LODPUB_DATA_LICENCE") or DEFAULT_DATA_LICENCE)
    title = title or os.environ.get("LODPUB_TITLE") or "lodpub linked data"
    out: list[Triple] = []

    def add(s: NamedNode, p: NamedNode, o: NamedNode | Literal) -> None:
        out.append(Triple(s, p, o))

    def integer(n: int) -> Literal:
        return Literal(str(n), datatype=XSD.integer)

    add(catalog, RDF.type, DCAT.Catalog)
    add(catalog, DCTERMS.title, Literal(title + " catalogue"))
    add(catalog, DCAT.dataset, dataset)
    for cls in (VOID.Dataset, DCAT.Dataset):
        add(dataset, RDF.type, cls)
    add(dataset, DCTERMS.title, Literal(title))
    add(dataset, DCTERMS.description, Literal(
        "Bibliographic records from library catalogues and repositories, in DCMI Terms, BIBO and Schema.org."))
    add(dataset, DCTERMS.license, licence_iri)
    if counts.modified:
        add(dataset, DCTERMS.modified, Literal(counts.modified, datatype=XSD.dateTime))
    add(dataset, VOID.triples, integer(counts.triples))
    add(dataset, VOID.entities, integer(counts.works))
    add(dataset, VOID.documents, integer(counts.records))
    add(dataset, VOID.uriSpace, Literal(base + "id/"))
    add(dataset, VOID.sparqlEndpoint, NamedNode(base + "sparql"))
    add(dataset, VOID.rootResource, NamedNode(base))
    for prefix in VOCABULARIES:
        add(dataset, VOID.vocabulary, NamedNode(PREFIXES[prefix]))
    example = example_work(store)
    if example:
        add(dataset, VOID.exampleResource, NamedNode(example))
    for i, (type_name, n) in enumerate(sorted(counts.works_by_type.items()), start=1):
        part = NamedNode(f"{base}dataset#class-{i}")
        add(dataset, VOID.classPartition, part)
        add(part, VOID["class"], NamedNode(PREFIXES["schema"] + type_name))
        add(part, VOID.entities, integer(n))
    add(dataset, VOID.classes, integer(len(counts.works_by_type)))
    service = NamedNode(base + "sparql#service")
    add(service, RDF.type, DCAT.DataService)
    add(service, DCAT.endpointURL, NamedNode(base + "sparql"))
    add(service, DCTERMS.conformsTo, NamedNode("https://www.w3.org/TR/sparql11-protocol/"))
    add(service, DCAT.servesDataset, dataset)
    add(catalog, DCAT.service, service)
    for fmt, (ext, media_type) in DUMP_TYPES.items():
        url = NamedNode(f"{base}dumps/dataset.{ext}.gz")
        dist = NamedNode(f"{base}dataset#dump-{fmt}")
        add(dataset, DCAT.distribution, dist)
        add(dataset, VOID.dataDump, url)
        add(dist, RDF.type, DCAT.Distribution)
        add(dist, DCAT.downloadURL, url)
        add(dist, DCAT.mediaType, NamedNode("https://www.iana.org/assignments/media-types/" + media_type))
        add(dist, DCAT.compressFormat, NamedNode("https://www.iana.org/assignments/media-types/application/gzip"))
        add(dist, DCTERMS.license, licence_iri)
        add(dist, RDFS.label, Literal(f"Whole dataset as gzipped {media_type}"))
        if counts.modified:
            add(dist, DCTERMS.modified, Literal(counts.modified, datatype=XSD.dateTime))
    add(dataset, FOAF.homepage, NamedNode(base))
    add(dataset, SDO.url, NamedNode(base))
    return out
