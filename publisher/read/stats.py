"""What the dataset holds, counted from the store: records, works by type, people, journals, triples.

Everything here is SPARQL over the store interface, so it works the same on every backend.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mappings.vocab import PREFIXES
from publisher.store import Store

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


def example_work(store: Store) -> str | None:
    """The first work IRI in IRI order (the dataset's example resource)."""
    return _scalar(store, "SELECT ?w WHERE { ?w dcterms:type ?t } ORDER BY ?w LIMIT 1")


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
