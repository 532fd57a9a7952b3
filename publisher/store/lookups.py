"""Quad-pattern reads on pyoxigraph, with a per-request memo.

A page reads a few hundred quads by subject. In Oxigraph each quad read decodes its terms from RocksDB's string
table (~20 µs a quad here), and a SPARQL query adds parsing and planning, so these reads go straight to the
indexes, and inside :meth:`IndexReads.read_memo` each (subject, graph) is read once: the document, the work
view and its citations ask for the same subjects again.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar

import pyoxigraph as ox

from publisher.store.interface import CHANGES_GRAPH, PENDING_GRAPH

RDF_FIRST = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#first")
PENDING = ox.NamedNode(PENDING_GRAPH)
SYSTEM = frozenset({PENDING, ox.NamedNode(CHANGES_GRAPH)})  # named graphs that hold no record
DEFAULT = ox.DefaultGraph()
Key = tuple[ox.NamedNode, ox.NamedNode | ox.DefaultGraph | None]
_MEMO: ContextVar[dict[Key, list[ox.Quad]] | None] = ContextVar("lodpub_read_memo", default=None)


class IndexReads:
    """The reading half of the Oxigraph stores: ``match``, ``quads_about`` and ``quads_linking_to`` by index."""

    inner: ox.Store
    cheap_lookups = True

    @contextmanager
    def read_memo(self) -> Iterator[None]:
        """Within the block (this thread or task only), each (subject, graph) is read from the store once."""
        if _MEMO.get() is not None:
            yield
            return
        token = _MEMO.set({})
        try:
            yield
        finally:
            _MEMO.reset(token)

    def _about(self, s: ox.NamedNode, g: ox.NamedNode | ox.DefaultGraph | None) -> list[ox.Quad]:
        """Every quad with subject ``s`` in graph ``g`` (None: in every named graph), memoised when a memo is on."""
        memo = _MEMO.get()
        found = memo.get((s, g)) if memo is not None else None
        if found is None:
            whole = memo.get((s, None)) if memo is not None and isinstance(g, ox.NamedNode) and g not in SYSTEM \
                else None
            if whole is not None:
                found = [q for q in whole if q.graph_name == g]
            else:
                found = [q for q in self.inner.quads_for_pattern(s, None, None, g)
                         if g is not None or not (isinstance(q.graph_name, ox.DefaultGraph) or q.graph_name in SYSTEM)]
            if memo is not None:
                memo[(s, g)] = found
        return found

    def match(self, subject: str | None = None, predicate: str | None = None,
              obj: ox.NamedNode | ox.Literal | None = None,
              graph: str | None = None) -> Iterator[ox.Quad]:
        """Quads matching a pattern, from the named graphs only."""
        s = ox.NamedNode(subject) if subject else None
        p = ox.NamedNode(predicate) if predicate else None
        g = ox.NamedNode(graph) if graph else None
        memo = _MEMO.get()
        if s is not None and obj is None and memo is not None and (p is None or (s, g) in memo):
            yield from (q for q in self._about(s, g) if p is None or q.predicate == p)
            return
        if g is not None:  # one named graph: nothing to filter out
            yield from self.inner.quads_for_pattern(s, p, obj, g)
            return
        for quad in self.inner.quads_for_pattern(s, p, obj, g):
            if not isinstance(quad.graph_name, ox.DefaultGraph) and quad.graph_name not in SYSTEM:
                yield quad

    def quads_about(self, subjects: Iterable[str], predicates: Sequence[ox.NamedNode] = (),
                    graphs: Sequence[str] | None = None) -> list[ox.Quad]:
        """Quads about ``subjects`` by index look-ups (no SPARQL to parse and plan): see ``Store.quads_about``."""
        only = set(predicates)
        in_graphs = [ox.NamedNode(g) for g in dict.fromkeys(graphs)] if graphs else [None]
        out: list[ox.Quad] = []
        for s in dict.fromkeys(subjects):
            node = ox.NamedNode(s)
            for g in in_graphs:  # a popular concept sits in thousands of graphs: look in the few given ones only
                out += (q for q in self._about(node, g) if not only or q.predicate in only)
        return out

    def quads_linking_to(self, objects: Sequence[str], limit: int) -> list[ox.Quad]:
        """Quads pointing at ``objects`` by index look-ups: see ``Store.quads_linking_to``."""
        out: list[ox.Quad] = []
        for o in dict.fromkeys(objects):
            for quad in self.inner.quads_for_pattern(None, None, ox.NamedNode(o), None):
                if isinstance(quad.graph_name, ox.DefaultGraph) or quad.predicate == RDF_FIRST or \
                        quad.graph_name in SYSTEM:
                    continue
                if len(out) >= limit:
                    return out
                out.append(quad)
        return out

    def graph_quads(self, graph: str) -> list[ox.Quad]:
        """Every quad of one record graph, in one call."""
        return list(self.inner.quads_for_pattern(None, None, None, ox.NamedNode(graph)))

    # -- the published view: the default graph ---------------------------------------------------------
    def published_match(self, subject: str | None = None, predicate: str | None = None,
                        obj: ox.NamedNode | ox.Literal | None = None) -> Iterator[ox.Triple]:
        """Triples of the published view (the default graph) matching a pattern."""
        s = ox.NamedNode(subject) if subject else None
        p = ox.NamedNode(predicate) if predicate else None
        if s is not None and obj is None and _MEMO.get() is not None:
            yield from (q.triple for q in self._about(s, DEFAULT) if p is None or q.predicate == p)
            return
        for quad in self.inner.quads_for_pattern(s, p, obj, DEFAULT):
            yield quad.triple

    def published_about(self, subjects: Iterable[str], predicates: Sequence[ox.NamedNode] = ()) -> list[ox.Triple]:
        """Published triples about ``subjects`` by index look-ups (memoised within a read memo)."""
        only = set(predicates)
        return [q.triple for s in dict.fromkeys(subjects) for q in self._about(ox.NamedNode(s), DEFAULT)
                if not only or q.predicate in only]

    def published_linking_to(self, objects: Sequence[str], limit: int) -> list[ox.Triple]:
        """Published triples pointing at ``objects`` (list cells left out), at most ``limit``."""
        out: list[ox.Triple] = []
        for o in dict.fromkeys(objects):
            for quad in self.inner.quads_for_pattern(None, None, ox.NamedNode(o), DEFAULT):
                if quad.predicate == RDF_FIRST:
                    continue
                if len(out) >= limit:
                    return out
                out.append(quad.triple)
        return out
