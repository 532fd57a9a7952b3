"""What the dataset holds, read from the store: counts (records, works by type, people, journals, triples), its
example work, when it last changed, the most recent works and every work page (the sitemap). Everything but the
record counts is read from the published view (the default graph), where each thing is described once.

Everything here is SPARQL (publisher.read.queries) over the store interface, so it works the same on every backend.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from publisher import urls
from publisher.read import queries
from publisher.store import Reader


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
    triples: int = 0  # in the published view (each once): what a query of the default graph counts
    record_quads: int = 0  # in the record graphs: what every source said, one graph per record
    modified: str | None = None


@dataclass
class WorkSummary:
    """A work as lists show it: its IRI, title, date of issue and (in search results) its authors."""

    iri: str
    title: str
    issued: str | None = None
    authors: str | None = None


def _scalar(store: Reader, query: str) -> str | None:
    """The first value of the first row of a SELECT, if bound."""
    for row in store.select(query):
        return next((value.value for value in row.values()), None)
    return None


def _count(store: Reader, where: str) -> int:
    return int(_scalar(store, queries.count(where)) or 0)


def stats(store: Reader) -> Stats:
    """Count records, works by type, persons, organisations, journals, concepts, graphs and triples."""
    s = Stats()
    s.records = int(_scalar(store, queries.RECORDS) or 0)
    s.works = _count(store, "?x dcterms:type ?t")
    for row in store.select(queries.WORKS_BY_TYPE):
        s.works_by_type[row["type"].value.rsplit("/", 1)[-1]] = int(row["n"].value)
    s.persons = _count(store, "?x a foaf:Person")
    s.organisations = _count(store, "?x a foaf:Organization")
    s.journals = _count(store, "?x a schema:Periodical")
    s.concepts = _count(store, "?x a skos:Concept")
    s.graphs = sum(1 for _ in store.named_graphs())
    s.triples = store.count_published()
    s.record_quads = store.count_triples()
    s.modified = _scalar(store, queries.LAST_MODIFIED_WORK)
    return s


def example_work(store: Reader) -> str | None:
    """The first work IRI in IRI order (the dataset's example resource)."""
    return _scalar(store, queries.EXAMPLE_WORK)


def last_mapped(store: Reader) -> datetime.datetime | None:
    """When a record was last (re)mapped into the store: the dataset's modification time."""
    found = _scalar(store, queries.LAST_MAPPED)
    return parse_time(found) if found else None


def recent_works(store: Reader, limit: int = 10) -> list[WorkSummary]:
    """The most recently modified works."""
    return [WorkSummary(r["w"].value, r["title"].value, r["issued"].value if "issued" in r else None)
            for r in store.select(queries.recent_works(limit))]


def work_pages(store: Reader, base: str) -> list[tuple[str, str | None]]:
    """Every work's document URL with its last modification date, sorted."""
    return [(urls.document_url(r["w"].value, base), r["modified"].value[:10] if "modified" in r else None)
            for r in store.select(queries.WORK_PAGES) if urls.is_thing(r["w"].value, base)]


def parse_time(value: str) -> datetime.datetime | None:
    """An xsd:dateTime or xsd:date as an aware UTC datetime (None if it is neither)."""
    text = value.strip().replace("Z", "+00:00")
    for candidate in (text, text[:10]):
        try:
            parsed = datetime.datetime.fromisoformat(candidate)
        except ValueError:
            continue
        return parsed.replace(tzinfo=parsed.tzinfo or datetime.UTC).astimezone(datetime.UTC)
    return None
