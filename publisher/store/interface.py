"""What a store's readers and writers see: a reader protocol (typed SPARQL results, quad patterns) and a writer
protocol (whole record graphs, updates, publication), the results' types and the errors.

Code that only reads (publisher.read, the pages) takes a :class:`Reader`; code that only writes (the bulk writer)
a :class:`Writer`; :class:`~publisher.store.base.Store` is both, plus opening, refreshing and closing, and the raw
``query()`` the SPARQL endpoint passes user queries through.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import BinaryIO, Protocol

from pyoxigraph import BlankNode, Literal, NamedNode, Quad, QueryBoolean, QuerySolutions, RdfFormat, Triple

Term = NamedNode | BlankNode | Literal
# The published view (one consolidated description per thing: docs/identity.md) is the store's default graph; on a
# remote engine, which has no default graph of its own, it is this named graph (and the SPARQL default graph).
PUBLISHED_GRAPH = "urn:x-lodpub:published"
# Record graphs written whose published view is yet to be refreshed (a crash between the two is finished later).
PENDING_GRAPH = "urn:x-lodpub:pending"
# The change log of the published view (publisher/published/changes.py): when each work changed, for harvesters.
CHANGES_GRAPH = "urn:x-lodpub:changes"
# Where ``lodpub harvest`` keeps, per repository, the datestamp an incremental harvest resumes from.
HARVEST_GRAPH = "urn:x-lodpub:harvest"
SYSTEM_GRAPHS = frozenset({PUBLISHED_GRAPH, PENDING_GRAPH, CHANGES_GRAPH, HARVEST_GRAPH})
Row = dict[str, Term]  # one SELECT solution: variable name (no ?) -> its value; unbound variables are absent
QueryResult = QuerySolutions | QueryBoolean | list[Triple]  # a raw result, whatever the query form


def term_value(term: object) -> str:
    """The IRI, blank node id or lexical form of an RDF term (a quoted triple as N-Triples)."""
    return str(getattr(term, "value", term))


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


class Reader(Protocol):
    """Reading a store: SPARQL with typed results (the default graph of a query is the published view), quad
    patterns over the record graphs, and triple patterns over the published view."""

    description: str
    cheap_lookups: bool  # a quad-pattern look-up costs microseconds (in-process), not a round trip

    def select(self, sparql: str) -> Iterator[Row]:
        """The rows of a SELECT query (TypeError for another query form)."""
        ...

    def ask(self, sparql: str) -> bool:
        """The answer to an ASK query."""
        ...

    def construct(self, sparql: str) -> list[Triple]:
        """The triples of a CONSTRUCT or DESCRIBE query."""
        ...

    def match(self, subject: str | None = None, predicate: str | None = None, obj: NamedNode | Literal | None = None,
              graph: str | None = None) -> Iterator[Quad]:
        """Quads matching a pattern (None is a wildcard), across all named graphs."""
        ...

    def quads_about(self, subjects: Iterable[str], predicates: Sequence[NamedNode] = (),
                    graphs: Sequence[str] | None = None) -> list[Quad]:
        """Quads whose subject is one of ``subjects`` (only these predicates / graphs if given)."""
        ...

    def quads_linking_to(self, objects: Sequence[str], limit: int) -> list[Quad]:
        """At most ``limit`` quads whose object is one of ``objects`` (rdf:first, i.e. list cells, left out)."""
        ...

    def graph_values(self, graphs: Sequence[str], predicate: str) -> dict[str, str]:
        """For each graph, the value of ``predicate`` on the graph's own IRI inside it (absent: no entry)."""
        ...

    def describe(self, iri: str) -> list[Triple]:
        """Every triple whose subject is ``iri``, across all graphs, without duplicates."""
        ...

    def named_graphs(self) -> Iterator[str]:
        """The IRIs of all record graphs."""
        ...

    def graph_quads(self, graph: str) -> list[Quad]:
        """Every quad of one record graph."""
        ...

    def published_match(self, subject: str | None = None, predicate: str | None = None,
                        obj: NamedNode | Literal | None = None) -> Iterator[Triple]:
        """Triples of the published view matching a pattern (None is a wildcard)."""
        ...

    def published_about(self, subjects: Iterable[str], predicates: Sequence[NamedNode] = ()) -> list[Triple]:
        """Published triples whose subject is one of ``subjects`` (only these predicates if given)."""
        ...

    def published_linking_to(self, objects: Sequence[str], limit: int) -> list[Triple]:
        """At most ``limit`` published triples whose object is one of ``objects`` (list cells left out)."""
        ...

    def count_published(self) -> int:
        """The number of triples in the published view (each once)."""
        ...

    def has_graph(self, graph: str) -> bool:
        """Whether a named graph exists."""
        ...

    def is_empty(self) -> bool:
        """Whether the store holds no named graph."""
        ...

    def count_triples(self) -> int:
        """The number of quads in all named graphs."""
        ...

    def dump(self, out: BinaryIO, syntax: RdfFormat, graphs: Sequence[str] | None = None) -> None:
        """Stream the whole dataset (or some graphs) to ``out`` in an RDF syntax (a triple syntax: graphs merged)."""
        ...

    def read_memo(self) -> AbstractContextManager[None]:
        """A block whose reads may be remembered until it ends (one page's reads)."""
        ...

    def version(self) -> str | None:
        """A token that changes whenever reads may answer differently (None: unknown, do not cache)."""
        ...


class Writer(Protocol):
    """Writing a store: whole record graphs (each replaced atomically), administrators' updates, publication."""

    def write_graphs(self, writes: Sequence[GraphWrite]) -> None:
        """Replace each graph with its new content, all in one transaction."""
        ...

    def add_graphs(self, writes: Sequence[GraphWrite], *, bulk: bool = False) -> None:
        """Add graphs known not to exist yet (``bulk``: a faster, non-transactional path where safe)."""
        ...

    def delete_graphs(self, graphs: Sequence[str]) -> int:
        """Remove whole graphs in one transaction; return how many existed."""
        ...

    def rebase(self, old: str, new: str) -> None:
        """Move every IRI under the base ``old`` to the base ``new``, atomically for readers."""
        ...

    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 Update (administrators only: callers check credentials)."""
        ...

    def change_published(self, remove: Sequence[Triple], add: Sequence[Triple], *, settled: Sequence[str] = (),
                         bulk: bool = False) -> None:
        """Change the published view (and clear the ``settled`` graphs' pending marks) in one transaction where the
        engine allows (``bulk``: a first load's faster path)."""
        ...

    def clear_published(self) -> None:
        """Empty the published view (before it is rebuilt from the record graphs)."""
        ...

    def mark_pending(self, graphs: Sequence[str]) -> None:
        """Note record graphs about to be written whose published view is yet to be refreshed."""
        ...

    def pending(self) -> list[str]:
        """Record graphs written whose published view was not refreshed (a crash in between)."""
        ...

    def compact(self) -> None:
        """Reorganise the storage for reading after a large load."""
        ...

    def publish(self) -> None:
        """Make the writes so far visible to other processes."""
        ...

    def publish_if_due(self, interval: float) -> None:
        """Publish when ``interval`` seconds have passed since the last publication."""
        ...
