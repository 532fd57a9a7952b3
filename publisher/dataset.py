"""Counts (``lodpub stats``) and the dataset description generated from the store: VoID and DCAT.

Everything here is SPARQL over the store interface, so it works the same on every backend.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import asdict, dataclass, field

from pyoxigraph import Literal, NamedNode, Triple

from mappings.rdfout import serialise
from mappings.uris import Minter
from mappings.vocab import DCAT, DCTERMS, FOAF, PREFIXES, RDF, RDFS, SDO, VOID, XSD
from publisher.dumps import DUMP_TYPES
from publisher.store import Store, StoreError, open_store

DEFAULT_DATA_LICENCE = "https://creativecommons.org/publicdomain/zero/1.0/"
VOCABULARIES = ["dcterms", "bibo", "schema", "foaf", "skos", "madsrdf", "prov", "owl", "relators", "lodpub"]
P = {k: f"PREFIX {k}: <{v}>" for k, v in PREFIXES.items()}
PROLOGUE = "\n".join(P.values()) + "\n"


@dataclass
class Stats:
    """Counts of what the store holds."""

    records: int = 0
    works: int = 0
    works_by_type: dict[str, int] = field(default_factory=dict)
    persons: int = 0
    organisations: int = 0
    journals: int = 0
    concepts: int = 0
    graphs: int = 0
    triples: int = 0
    modified: str | None = None


def _scalar(store: Store, query: str) -> str | None:
    for row in store.query(PROLOGUE + query):  # type: ignore[union-attr]
        value = row[0]
        return None if value is None else str(value.value)
    return None


def _count(store: Store, where: str, var: str = "?x") -> int:
    return int(_scalar(store, f"SELECT (COUNT(DISTINCT {var}) AS ?n) WHERE {{ {where} }}") or 0)


def stats(store: Store) -> Stats:
    """Count records, works by type, persons, organisations, journals, concepts, graphs and triples."""
    s = Stats()
    s.records = _count(store, "?x a lodpub:SourceRecord")
    s.works = _count(store, "?x dcterms:type ?t")
    query = ("SELECT ?type (COUNT(DISTINCT ?w) AS ?n) WHERE { ?w dcterms:type ?t ; a ?type . "
             "FILTER(STRSTARTS(STR(?type), STR(schema:))) } GROUP BY ?type ORDER BY DESC(?n)")
    for row in store.query(PROLOGUE + query):  # type: ignore[union-attr]
        s.works_by_type[row["type"].value.rsplit("/", 1)[-1]] = int(row["n"].value)
    s.persons = _count(store, "?x a foaf:Person")
    s.organisations = _count(store, "?x a foaf:Organization")
    s.journals = _count(store, "?x a schema:Periodical")
    s.concepts = _count(store, "?x a skos:Concept")
    s.graphs = sum(1 for _ in store.named_graphs())
    s.triples = store.count_triples()
    s.modified = _scalar(store, "SELECT (MAX(?m) AS ?max) WHERE { ?w dcterms:type ?t ; dcterms:modified ?m }")
    return s


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
    example = _scalar(store, "SELECT ?w WHERE { ?w dcterms:type ?t } ORDER BY ?w LIMIT 1")
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


def run_stats(args: argparse.Namespace) -> int:
    """The ``lodpub stats`` command."""
    try:
        store = open_store(args.store)
    except StoreError as exc:
        print(f"lodpub stats: {exc}", file=sys.stderr)
        return 2
    try:
        s = stats(store)
    finally:
        store.close()
    if args.json:
        print(json.dumps(asdict(s), indent=2))
        return 0
    print(f"records   {s.records}\nworks     {s.works}")
    for cls, n in s.works_by_type.items():
        print(f"  {cls:24s} {n}")
    print(f"persons   {s.persons}\norgs      {s.organisations}\njournals  {s.journals}\nconcepts  {s.concepts}")
    print(f"graphs    {s.graphs}\ntriples   {s.triples}")
    return 0


def run_describe(args: argparse.Namespace) -> int:
    """The ``lodpub describe-dataset`` command: print the VoID + DCAT description."""
    try:
        store = open_store(args.store)
        base = Minter(args.base).base
    except (StoreError, ValueError) as exc:
        print(f"lodpub describe-dataset: {exc}", file=sys.stderr)
        return 2
    try:
        triples = description(store, base)
    finally:
        store.close()
    sys.stdout.buffer.write(serialise(triples, args.format))
    return 0
