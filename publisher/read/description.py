"""What every source graph says about one thing, merged in a fixed order of sources.

Where several source graphs describe one work (or one person, journal ...), values are merged in a fixed order of
sources, the same on every backend: the publisher's own metadata (Crossref) first, then repositories, then
catalogues, then OAI-PMH harvests; ties by graph IRI. Single-valued fields take the first value in that order.
While a work loads, its own record graphs come before all others (:class:`Neighbourhood`), so a person is named
as the work's own sources name them ("Melanie J." on the thesis, "Melanie" on the article).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from pyoxigraph import BlankNode, Literal, NamedNode, Triple

from mappings.vocab import LODPUB
from publisher.store import Reader, term_value
from publisher.store.interface import Term

# input format -> rank of its graphs when several sources describe one thing (lower first)
# TODO(lead): take this order from mappings.parsers.precedence() (each parser declares its own) once it lands.
SOURCE_ORDER = {"crossref": 0, "eprints-xml": 1, "eprints-page": 2, "marcxml": 3, "marc": 3, "bl-catalogue": 4,
                "uketd-dc": 5, "oai-dc": 6}


_FORMATS: dict[str, str] = {}  # graph -> input format (a graph IRI never changes format: it is derived from it)


def _graph_format(store: Reader, graph: str) -> str:
    """The input format of a record graph (remembered: its IRI is derived from its format and record)."""
    found = _FORMATS.get(graph)
    if found is None:
        found = next((term_value(q.object) for q in store.match(subject=graph, predicate=LODPUB.inputFormat.value,
                                                                 graph=graph)), "")
        if len(_FORMATS) >= 65536:
            _FORMATS.clear()
        if found:
            _FORMATS[graph] = found
    return found


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
    """Reads descriptions from a store, a work's own record graphs (``own``) first."""

    store: Reader
    own: frozenset[str] = frozenset()

    def rank(self, graph: str) -> tuple[int, int, str]:
        """Where a source graph comes in the merge order."""
        return (0 if graph in self.own else 1), SOURCE_ORDER.get(_graph_format(self.store, graph), 9), graph

    def describe(self, iri: str) -> Description:
        """What all graphs say about ``iri``, in the merge order of their sources.

        A work's neighbours (people, concepts, journals) are read from the work's own record graphs when these
        say anything about them: a popular concept sits in thousands of graphs.
        """
        if self.own:
            own = [q.triple for g in sorted(self.own) for q in self.store.match(subject=iri, graph=g)]
            if own:
                return Description(iri, own)
        quads = list(self.store.match(subject=iri))
        if len({q.graph_name for q in quads}) > 1:
            quads.sort(key=lambda q: self.rank(term_value(q.graph_name)))
        return Description(iri, [q.triple for q in quads])
