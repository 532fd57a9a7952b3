"""What the published view says about one thing: its one consolidated description (docs/identity.md).

Several source records may describe one work, person or journal; the published view already holds the single
description built from them (single-valued fields from the best source, the rest as a union), so a page reads
that and nothing else, and every page, format and query says the same thing.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from pyoxigraph import BlankNode, Literal, NamedNode, Triple

from mappings.vocab import PROV
from publisher.store import Reader, term_value
from publisher.store.interface import Term


class Description:
    """The triples about one subject, indexed by predicate."""

    def __init__(self, iri: str, triples: list[Triple]) -> None:
        self.iri = iri
        self.by_predicate: dict[str, list[Term]] = defaultdict(list)
        for t in triples:
            if isinstance(t.object, NamedNode | BlankNode | Literal):
                self.by_predicate[t.predicate.value].append(t.object)

    def values(self, prop: NamedNode) -> list[str]:
        """All values of a property, as strings, without duplicates, in first-seen order."""
        return list(dict.fromkeys(str(o.value) for o in self.by_predicate.get(prop.value, [])))

    def iris(self, prop: NamedNode) -> list[str]:
        """The IRI values of a property."""
        return list(dict.fromkeys(o.value for o in self.by_predicate.get(prop.value, []) if isinstance(o, NamedNode)))

    def first(self, *props: NamedNode) -> str | None:
        """The first value of the first property that has one."""
        for prop in props:
            found = self.values(prop)
            if found:
                return found[0]
        return None

    def literal(self, prop: NamedNode) -> Literal | None:
        """The first literal value of a property (with its datatype)."""
        for o in self.by_predicate.get(prop.value, []):
            if isinstance(o, Literal):
                return o
        return None


@dataclass(frozen=True)
class Neighbourhood:
    """Reads published descriptions from a store (for one page: reads are remembered within its read memo)."""

    store: Reader

    def describe(self, iri: str) -> Description:
        """The published description of ``iri``."""
        return Description(iri, self.store.published_about([iri]))

    def sources(self, iri: str) -> list[str]:
        """The record graphs a work's description was built from."""
        return sorted(term_value(t.object) for t in self.store.published_about([iri], (PROV.wasDerivedFrom,)))
