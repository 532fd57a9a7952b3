"""The one store interface every backend implements; views and commands talk to this and nothing else.

Reads use SPARQL 1.1 and quad patterns; writes replace whole record graphs atomically. Query results are
pyoxigraph result objects (``QuerySolutions``, ``QueryBoolean``, or a list of ``Triple``) whatever the
backend, so the SPARQL endpoint and the pages serialise them the same way.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import BinaryIO

from pyoxigraph import Literal, NamedNode, Quad, QueryBoolean, QuerySolutions, Triple

QueryResult = QuerySolutions | QueryBoolean | list[Triple]
LOOKUP_CHUNK = 200  # subjects per query in quads_about
RDF_FIRST = "http://www.w3.org/1999/02/22-rdf-syntax-ns#first"


def quads_from_rows(rows: object) -> list[Quad]:
    """Quads from ?s ?p ?o ?g rows; a row with an unbound value (a remote engine mid-rewrite) is skipped."""
    out = []
    for r in rows:  # type: ignore[attr-defined]
        s, p, o, g = r["s"], r["p"], r["o"], r["g"]
        if s is not None and p is not None and o is not None and g is not None:
            out.append(Quad(s, p, o, g))
    return out


class StoreError(Exception):
    """A store that cannot be opened, read or written; the message says which and why."""


class StoreBusy(StoreError):
    """Another process holds the store's write lock (an ingest or an update is running)."""


class StoreTimeout(StoreError):
    """A query or write ran out of time (on a remote engine: its own limit or the client's)."""


@dataclass
class GraphWrite:
    """One record graph to (re)write: its IRI and its content as N-Triples."""

    graph: str
    ntriples: bytes


class Store(ABC):
    """A quad store holding one named graph per source record; the default graph is their union."""

    description: str = "store"
    cheap_lookups: bool = False  # a quad-pattern look-up costs microseconds (in-process), not a round trip

    # -- reading ---------------------------------------------------------------------------------------
    @abstractmethod
    def query(self, sparql: str, *, default_graphs: Sequence[str] | None = None,
              named_graphs: Sequence[str] | None = None) -> QueryResult:
        """Run a SPARQL query; without ``default_graphs`` the default graph is the union of all graphs."""

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
    def dump(self, out: BinaryIO, fmt: str, graphs: Sequence[str] | None = None) -> None:
        """Stream the whole dataset (or some graphs) to ``out`` in N-Quads, N-Triples, TriG or Turtle."""

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
                values[graph] = str(quad.object.value)  # type: ignore[union-attr]
                break
        return values

    def quads_about(self, subjects: Iterable[str], predicates: Sequence[NamedNode] = (),
                    graphs: Sequence[str] | None = None) -> list[Quad]:
        """Quads whose subject is one of ``subjects`` (only these predicates / graphs if given), 200 a query."""
        wanted = list(dict.fromkeys(subjects))
        only = f"FILTER(?p IN ({', '.join(str(p) for p in predicates)}))" if predicates else ""
        within = f"VALUES ?g {{ {' '.join(str(NamedNode(g)) for g in graphs)} }}" if graphs else ""
        out: list[Quad] = []
        for start in range(0, len(wanted), LOOKUP_CHUNK):
            values = " ".join(str(NamedNode(s)) for s in wanted[start:start + LOOKUP_CHUNK])
            out += quads_from_rows(self.query(f"SELECT ?s ?p ?o ?g WHERE {{ VALUES ?s {{ {values} }} {within} "
                                              f"GRAPH ?g {{ ?s ?p ?o }} {only} }}"))
        return out

    def quads_linking_to(self, objects: Sequence[str], limit: int) -> list[Quad]:
        """At most ``limit`` quads whose object is one of ``objects`` (rdf:first, i.e. list cells, left out)."""
        values = " ".join(str(NamedNode(o)) for o in objects)
        query = (f"SELECT ?s ?p ?o ?g WHERE {{ VALUES ?o {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} "
                 f"FILTER(?p != <{RDF_FIRST}>) }} LIMIT {limit}")
        return quads_from_rows(self.query(query))

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

    def count_triples(self) -> int:
        """The number of quads in all named graphs."""
        result = self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        for row in result:  # type: ignore[union-attr]
            return int(row["n"].value)
        return 0

    # -- writing ---------------------------------------------------------------------------------------
    @abstractmethod
    def write_graphs(self, writes: Sequence[GraphWrite]) -> None:
        """Replace each graph with its new content, all in one transaction."""

    def add_graphs(self, writes: Sequence[GraphWrite], *, bulk: bool = False) -> None:
        """Add graphs known not to exist yet (``bulk``: a faster, non-transactional path where safe)."""
        self.write_graphs(writes)

    def is_empty(self) -> bool:
        """Whether the store holds no named graph."""
        return next(iter(self.named_graphs()), None) is None

    def compact(self) -> None:
        """Reorganise the storage for reading after a large load (a no-op where the engine does it itself)."""

    def publish_if_due(self, interval: float) -> None:
        """Publish when ``interval`` seconds have passed since the last publication (where that applies)."""

    @abstractmethod
    def delete_graphs(self, graphs: Sequence[str]) -> int:
        """Remove whole graphs in one transaction; return how many existed."""

    @abstractmethod
    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 Update (administrators only: callers check credentials)."""

    @contextmanager
    def writing(self) -> Iterator[Store]:
        """A writable view of this store for the duration of the block (readers see it afterwards)."""
        yield self

    def refresh(self) -> None:
        """Pick up changes published by another process (no-op where reads are always current)."""

    def publish(self) -> None:
        """Make the writes so far visible to other processes (no-op where they already are)."""

    def close(self) -> None:
        """Release the store."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
