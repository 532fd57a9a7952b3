"""Harvest ordinals: each record graph is numbered once, when lodpub first writes it, and keeps its number.

The number (``<graph> lodpub:harvestOrdinal N`` inside the record graph) is what a SPARQL harvest pages on
(docs/harvesting.md): a page is the records whose ordinals fall in a range, found by index look-ups on the bound
values, so its cost does not grow with the store, and a page is never shifted by an ingest: a new record takes a
number above every number given before (the last one given is kept in the system graph ``urn:x-lodpub:harvest``,
so a number is never given twice, even after its record is deleted); a changed record keeps its number.
"""

from __future__ import annotations

from pyoxigraph import Literal, NamedNode

from mappings.vocab import LODPUB, XSD
from publisher.store import Store, term_value
from publisher.store.interface import HARVEST_GRAPH

ORDINAL = LODPUB.harvestOrdinal
LAST = LODPUB.lastOrdinal
HOLDER = NamedNode(HARVEST_GRAPH)
MAX_QUERY = f"SELECT (MAX(?n) AS ?m) WHERE {{ GRAPH ?g {{ ?g {ORDINAL} ?n }} }}"


def statement(graph: str, ordinal: int) -> bytes:
    """The N-Triples line numbering a record graph."""
    return f"{NamedNode(graph)} {ORDINAL} {Literal(str(ordinal), datatype=XSD.integer)} .\n".encode()


class Ordinals:
    """The numbers of one ingest: kept for records already numbered, the next free one for the others."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.last = max(self._saved(), self._highest())
        self.saved = self.last

    def _saved(self) -> int:
        for quad in self.store.match(subject=HARVEST_GRAPH, predicate=LAST.value, graph=HARVEST_GRAPH):
            return int(term_value(quad.object))
        return -1

    def _highest(self) -> int:
        for row in self.store.select(MAX_QUERY):
            if "m" in row:
                return int(term_value(row["m"]))
        return -1

    def number(self, stored: str | None) -> int:
        """A record's number: the one it has (``stored``), else the next one free."""
        if stored is not None:
            return int(stored)
        self.last += 1
        return self.last

    def save(self) -> None:
        """Keep the last number given in the store (so that it is never given again)."""
        if self.last == self.saved:
            return
        count = Literal(str(self.last), datatype=XSD.integer)
        self.store.update(f"DELETE WHERE {{ GRAPH {HOLDER} {{ {HOLDER} {LAST} ?n }} }} ;\n"
                          f"INSERT DATA {{ GRAPH {HOLDER} {{ {HOLDER} {LAST} {count} }} }}")
        self.saved = self.last
