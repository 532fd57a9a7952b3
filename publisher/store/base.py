"""The store every backend implements: a :class:`~publisher.store.interface.Reader` and a
:class:`~publisher.store.interface.Writer` (see there), opened, refreshed and closed.

Backends implement the raw ``query()`` (pyoxigraph result objects whatever the backend, so the SPARQL endpoint
serialises them the same way), quad patterns, dumps and graph writes; the typed reads and the SPARQL versions of
the bulk look-ups are defined here once.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import BinaryIO, cast

from pyoxigraph import BlankNode, Literal, NamedNode, Quad, QueryBoolean, QuerySolutions, RdfFormat, Triple

from publisher.read import queries
from publisher.store.interface import PUBLISHED_GRAPH, GraphWrite, QueryResult, Row, term_value

LOOKUP_CHUNK = 200  # subjects per query in quads_about


def rows_of(solutions: QuerySolutions) -> Iterator[Row]:
    """SELECT solutions as rows: variable name -> bound value (unbound variables left out)."""
    names = [v.value for v in solutions.variables]
    for solution in solutions:
        yield {name: value for name, value in zip(names, solution, strict=True) if value is not None}


def quads_from_rows(rows: Iterable[Row]) -> list[Quad]:
    """Quads from ?s ?p ?o ?g rows; a row with an unbound value (a remote engine mid-rewrite) is skipped."""
    return [Quad(cast(NamedNode | BlankNode, r["s"]), cast(NamedNode, r["p"]), r["o"], cast(NamedNode, r["g"]))
            for r in rows if all(k in r for k in "spog")]


class Store(ABC):
    """A quad store holding one named graph per source record; the default graph is their union."""

    description: str = "store"
    cheap_lookups: bool = False  # a quad-pattern look-up costs microseconds (in-process), not a round trip
    loads_concurrently: bool = False  # add_graphs may run in a thread while others read
    own_default_graph: bool = False  # the default graph holds data of its own (not the union of the named graphs)

    # -- reading ---------------------------------------------------------------------------------------
    @abstractmethod
    def query(self, sparql: str, *, default_graphs: Sequence[str] | None = None,
              named_graphs: Sequence[str] | None = None) -> QueryResult:
        """Run any SPARQL query (the endpoint's raw path); without ``default_graphs`` the default graph is the union
        of all graphs."""

    def select(self, sparql: str) -> Iterator[Row]:
        """The rows of a SELECT query (TypeError for another query form)."""
        result = self.query(sparql)
        if not isinstance(result, QuerySolutions):
            raise TypeError("select() takes a SELECT query")
        return rows_of(result)

    def ask(self, sparql: str) -> bool:
        """The answer to an ASK query."""
        result = self.query(sparql)
        if not isinstance(result, QueryBoolean):
            raise TypeError("ask() takes an ASK query")
        return bool(result)

    def construct(self, sparql: str) -> list[Triple]:
        """The triples of a CONSTRUCT or DESCRIBE query."""
        result = self.query(sparql)
        if not isinstance(result, list):
            raise TypeError("construct() takes a CONSTRUCT or DESCRIBE query")
        return result

    @abstractmethod
    def match(self, subject: str | None = None, predicate: str | None = None, obj: NamedNode | Literal | None = None,
              graph: str | None = None) -> Iterator[Quad]:
        """Quads matching a pattern (None is a wildcard), across all named graphs."""

    @abstractmethod
    def named_graphs(self) -> Iterator[str]:
        """The IRIs of all named graphs."""

    @abstractmethod
    def has_graph(self, graph: str) -> bool:
        """Whether a named graph exists."""

    @abstractmethod
    def dump(self, out: BinaryIO, syntax: RdfFormat, graphs: Sequence[str] | None = None) -> None:
        """Stream the whole dataset (or some graphs) to ``out`` in an RDF syntax (a triple syntax: graphs merged)."""

    def describe(self, iri: str) -> list[Triple]:
        """Every triple whose subject is ``iri``, across all graphs, without duplicates."""
        seen: dict[Triple, None] = {}
        for quad in self.match(subject=iri):
            seen.setdefault(quad.triple, None)
        return list(seen)

    def graph_values(self, graphs: Sequence[str], predicate: str) -> dict[str, str]:
        """For each graph, the value of ``predicate`` on the graph's own IRI inside it (absent: no entry)."""
        values: dict[str, str] = {}
        for graph in graphs:
            for quad in self.match(subject=graph, predicate=predicate, graph=graph):
                values[graph] = term_value(quad.object)
                break
        return values

    def quads_about(self, subjects: Iterable[str], predicates: Sequence[NamedNode] = (),
                    graphs: Sequence[str] | None = None) -> list[Quad]:
        """Quads whose subject is one of ``subjects`` (only these predicates / graphs if given), 200 a query."""
        wanted = list(dict.fromkeys(subjects))
        out: list[Quad] = []
        for start in range(0, len(wanted), LOOKUP_CHUNK):
            out += quads_from_rows(self.select(queries.quads_about(wanted[start:start + LOOKUP_CHUNK], predicates,
                                                                   graphs)))
        return out

    def quads_linking_to(self, objects: Sequence[str], limit: int) -> list[Quad]:
        """At most ``limit`` quads whose object is one of ``objects`` (rdf:first, i.e. list cells, left out)."""
        return quads_from_rows(self.select(queries.quads_linking_to(objects, limit)))

    @contextmanager
    def read_memo(self) -> Iterator[None]:
        """A block whose reads may be remembered until it ends (one page's reads; a no-op where not useful)."""
        yield

    def version(self) -> str | None:
        """A token that changes whenever reads may answer differently (None: unknown, do not cache)."""
        return None

    def reopen_spec(self) -> str | None:
        """A specification another process can pass to ``open_store`` to read this store (None: it cannot)."""
        return None

    def graph_quads(self, graph: str) -> list[Quad]:
        """Every quad of one record graph."""
        return list(self.match(graph=graph))

    # -- the published view (on an engine without a default graph of its own: the graph PUBLISHED_GRAPH) -----
    def published_match(self, subject: str | None = None, predicate: str | None = None,
                        obj: NamedNode | Literal | None = None) -> Iterator[Triple]:
        """Triples of the published view matching a pattern."""
        query, free = queries.published_pattern(f"<{subject}>" if subject else None,
                                                f"<{predicate}>" if predicate else None,
                                                str(obj) if obj is not None else None)
        given: Row = {k: NamedNode(v) for k, v in (("s", subject), ("p", predicate)) if v}
        if obj is not None:
            given["o"] = obj
        rows: Iterable[Row] = ([given] if self.ask(query) else []) if not free else \
            ({**given, **row} for row in self.select(query))
        for row in rows:
            yield Triple(cast(NamedNode | BlankNode, row["s"]), cast(NamedNode, row["p"]), row["o"])

    def published_about(self, subjects: Iterable[str], predicates: Sequence[NamedNode] = ()) -> list[Triple]:
        """Published triples about ``subjects``, 200 a query."""
        wanted = list(dict.fromkeys(subjects))
        out: list[Triple] = []
        for start in range(0, len(wanted), LOOKUP_CHUNK):
            rows = self.select(queries.quads_about(wanted[start:start + LOOKUP_CHUNK], predicates, [PUBLISHED_GRAPH],
                                                   system=True))
            out += [q.triple for q in quads_from_rows(rows)]
        return out

    def published_linking_to(self, objects: Sequence[str], limit: int) -> list[Triple]:
        """At most ``limit`` published triples whose object is one of ``objects`` (list cells left out)."""
        rows = self.select(queries.quads_linking_to(objects, limit, graph=PUBLISHED_GRAPH))
        return [q.triple for q in quads_from_rows(rows)]

    def count_published(self) -> int:
        """The number of triples in the published view."""
        for row in self.select(queries.COUNT_PUBLISHED):
            return int(cast(Literal, row["n"]).value)
        return 0

    def change_published(self, remove: Sequence[Triple], add: Sequence[Triple], *, settled: Sequence[str] = (),
                         bulk: bool = False) -> None:
        """Change the published view and clear pending marks: one update request (engines that cap a request's
        size get several, the pending marks cleared by the last)."""
        self.update(queries.change_published([f"{t} ." for t in remove], [f"{t} ." for t in add], settled,
                                             PUBLISHED_GRAPH))

    def clear_published(self) -> None:
        """Empty the published view's graph."""
        self.update(queries.drop_graphs([PUBLISHED_GRAPH], silent=True))

    def mark_pending(self, graphs: Sequence[str]) -> None:
        """Note record graphs about to be written whose published view is yet to be refreshed."""
        if graphs:
            self.update(queries.mark_pending(graphs))

    def pending(self) -> list[str]:
        """Record graphs left pending by an interrupted write."""
        return [term_value(row["g"]) for row in self.select(queries.PENDING)]

    def count_triples(self) -> int:
        """The number of quads in all record graphs."""
        for row in self.select(queries.COUNT_QUADS):
            return int(cast(Literal, row["n"]).value)
        return 0

    def is_empty(self) -> bool:
        """Whether the store holds no named graph."""
        return next(iter(self.named_graphs()), None) is None

    # -- writing ---------------------------------------------------------------------------------------
    @abstractmethod
    def write_graphs(self, writes: Sequence[GraphWrite]) -> None:
        """Replace each graph with its new content, all in one transaction."""

    def add_graphs(self, writes: Sequence[GraphWrite], *, bulk: bool = False) -> None:
        """Add graphs known not to exist yet (``bulk``: a faster, non-transactional path where safe)."""
        self.write_graphs(writes)

    @abstractmethod
    def delete_graphs(self, graphs: Sequence[str]) -> int:
        """Remove whole graphs in one transaction; return how many existed."""

    @abstractmethod
    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 Update (administrators only: callers check credentials)."""

    def rebase(self, old: str, new: str) -> None:
        """Move every IRI under the base ``old`` to the base ``new`` (record graphs' names included) in one SPARQL
        Update: readers see the data wholly before or after, where the engine runs a request as one transaction."""
        self.update(queries.rebase(old, new, default_graph=self.own_default_graph))

    def compact(self) -> None:
        """Reorganise the storage for reading after a large load (a no-op where the engine does it itself)."""

    def publish(self) -> None:
        """Make the writes so far visible to other processes (no-op where they already are)."""

    def publish_if_due(self, interval: float) -> None:
        """Publish when ``interval`` seconds have passed since the last publication (where that applies)."""

    # -- opening and closing ---------------------------------------------------------------------------
    @contextmanager
    def writing(self) -> Iterator[Store]:
        """A writable view of this store for the duration of the block (readers see it afterwards)."""
        yield self

    def refresh(self) -> None:
        """Pick up changes published by another process (no-op where reads are always current)."""

    def close(self) -> None:
        """Release the store."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
