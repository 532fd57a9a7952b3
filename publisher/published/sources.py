"""What the published view reads from and writes to a store: record graphs in, the published graph out.

The published view lives in the store's *default graph* (on a remote engine, the graph named
:data:`PUBLISHED_GRAPH` under the base), which is what SPARQL queries without ``GRAPH`` see; every source
record keeps its own named graph. This module is the only one of the room that touches the store.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Iterator

from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad, RdfFormat, Triple, parse

from mappings.vocab import FOAF, LODPUB
from publisher.published.archive import GraphArchive
from publisher.published.mentions import RecordGraph
from publisher.store import Store, term_value

Term = NamedNode | Literal
Triple3 = tuple[str, str, Term]
Statement4 = tuple[str, str, Term, str]
ABOUT_BUDGET = 400_000  # statements about subjects kept read (a popular concept is described in many chunks)


def _named(quads: Iterable[Quad]) -> Iterator[Quad]:
    for q in quads:
        if not isinstance(q.graph_name, DefaultGraph):
            yield q


class Sources:
    """Reads of the record graphs (never the published view) and of the published view, memoised per refresh."""

    def __init__(self, store: Store, cache: int = 20_000, archive: GraphArchive | None = None) -> None:
        self.store = store
        self.cache = cache  # record graphs kept read (a rebuild's chunks share them; LRU beyond)
        self.archive = archive  # a first load's record graphs as written: read from there, not from the store
        self._graphs: OrderedDict[str, RecordGraph] = OrderedDict()  # indexed once, shared by a rebuild's chunks
        self._formats: dict[str, str] = {}
        self._about: dict[str, list[Statement4]] = {}  # record graphs do not change while a refresh reads them
        self._about_size = 0

    def preload(self, graph: str, ntriples: bytes) -> None:
        """A record graph's content as just written (N-Triples): read from here, not from the store."""
        self._graphs[graph] = RecordGraph.of(graph, _parsed(ntriples))

    def record(self, graph: str) -> RecordGraph:
        """A record graph, indexed by subject and predicate."""
        found = self._graphs.get(graph)
        if found is None:
            kept = self.archive.get(graph) if self.archive is not None else None
            if kept is not None:
                triples = _parsed(kept)
            else:
                triples = [(term_value(q.subject), q.predicate.value, q.object) for q in self.store.graph_quads(graph)
                           if isinstance(q.object, NamedNode | Literal)]
            found = self._graphs[graph] = RecordGraph.of(graph, triples)
            if len(self._graphs) > self.cache:
                self._graphs.popitem(last=False)
        else:
            self._graphs.move_to_end(graph)
        return found

    def graph_triples(self, graph: str) -> list[Triple3]:
        """Every triple of a record graph."""
        return self.record(graph).triples()

    def input_format(self, graph: str) -> str:
        """The input format of a record graph (``lodpub:inputFormat``)."""
        if graph not in self._formats:
            value = next((term_value(q.object) for q in self.store.match(
                subject=graph, predicate=LODPUB.inputFormat.value, graph=graph)), "")
            self._formats[graph] = value
        return self._formats[graph]

    def graphs_with_key(self, key: str) -> set[str]:
        """Record graphs in which something carries this identity key."""
        return {term_value(q.graph_name) for q in _named(self.store.match(
            predicate=LODPUB.identityKey.value, obj=Literal(key)))}

    def one_graph_per_holder(self, key: str) -> set[str]:
        """One record graph for each local IRI that carries this identity key (an IRI minted from the key itself
        is the same in all its records: one of them tells identity all it needs)."""
        holders: dict[str, str] = {}
        for q in _named(self.store.match(predicate=LODPUB.identityKey.value, obj=Literal(key))):
            holders.setdefault(term_value(q.subject), term_value(q.graph_name))
        return set(holders.values())

    def graphs_with_name_key(self, key: str, limit: int) -> set[str] | None:
        """Record graphs naming someone with this family and first given name (``lodpub:nameKey``); None when
        there are over ``limit`` (a name that common is no evidence worth reading them all for)."""
        found: set[str] = set()
        for q in _named(self.store.match(predicate=LODPUB.nameKey.value, obj=Literal(key))):
            found.add(term_value(q.graph_name))
            if len(found) > limit:
                return None
        return found

    def graphs_about(self, iri: str) -> set[str]:
        """Record graphs that say something about ``iri``."""
        return {term_value(q.graph_name) for q in _named(self.store.match(subject=iri))}

    def graph_of_topic(self, work: str) -> set[str]:
        """Record graphs whose primary topic is ``work``."""
        return {term_value(q.graph_name) for q in _named(self.store.match(
            predicate=FOAF.primaryTopic.value, obj=NamedNode(work)))}

    def statements_about(self, subjects: Iterable[str]) -> list[Statement4]:
        """(subject, predicate, object, graph) for every record-graph statement about the subjects (each subject read
        from the store once while this reader lives: the record graphs do not change under a refresh)."""
        wanted = list(dict.fromkeys(subjects))
        missing = [s for s in wanted if s not in self._about]
        if missing:
            if self._about_size > ABOUT_BUDGET:
                self._about.clear()
                self._about_size = 0
            fresh: dict[str, list[Statement4]] = {s: [] for s in missing}
            for q in self.store.quads_about(missing):
                if isinstance(q.object, NamedNode | Literal):
                    subject = term_value(q.subject)
                    fresh.setdefault(subject, []).append((subject, q.predicate.value, q.object,
                                                          term_value(q.graph_name)))
            self._about.update(fresh)
            self._about_size += sum(len(found) for found in fresh.values())
        return [st for s in wanted for st in self._about[s]]

    def credited_name(self, graph: str, person: str) -> str | None:
        """A person's name as one record credits them, "Family, Given" (None for an organisation)."""
        wanted = (FOAF.familyName.value, FOAF.givenName.value)
        kept = self._graphs.get(graph)
        if kept is not None:  # read for identity already: no look-up (the last value, as the store's order gives)
            said = kept.by_subject.get(person, {})
            names = {p: term_value(said[p][-1]) for p in wanted if said.get(p)}
        else:
            names = {q.predicate.value: term_value(q.object) for q in self.store.match(subject=person, graph=graph)
                     if q.predicate.value in wanted}
        family, given = names.get(FOAF.familyName.value), names.get(FOAF.givenName.value)
        return f"{family}, {given}" if family and given else family

    def supported(self, s: str, p: str, o: Term) -> bool:
        """Whether some record graph states (s, p, o)."""
        return next(_named(self.store.match(subject=s, predicate=p, obj=o)), None) is not None

    def published(self, subject: str) -> list[Triple]:
        """The published description of ``subject`` (its own triples only)."""
        return list(self.store.published_match(subject=subject))

    def published_members(self, canonical: str) -> list[str]:
        """The local IRIs merged into ``canonical`` (``lodpub:canonical`` links)."""
        return [term_value(t.subject) for t in self.store.published_match(
            predicate=LODPUB.canonical.value, obj=NamedNode(canonical))]

    def published_canonical(self, local: str) -> str | None:
        """The canonical IRI a local IRI was merged into, if it was."""
        for t in self.store.published_match(subject=local, predicate=LODPUB.canonical.value):
            return term_value(t.object)
        return None


def _parsed(ntriples: bytes) -> list[Triple3]:
    """A record graph's N-Triples as the triples the store holds (a repeated statement once)."""
    return list(dict.fromkeys((term_value(t.subject), t.predicate.value, t.object)
                              for t in parse(ntriples, RdfFormat.N_TRIPLES)
                              if isinstance(t.object, NamedNode | Literal)))
