"""The remote store: lodpub on an existing SPARQL engine (Virtuoso, Fuseki, GraphDB, Neptune) over HTTP.

Configured by :class:`RemoteOptions` (publisher.config reads them from ``LODPUB_STORE_*``; docs/backends.md):
``LODPUB_STORE=sparql+http://HOST:PORT/sparql`` for queries, an update endpoint (default the query URL), a Graph
Store Protocol endpoint (optional), user, password and scheme (digest or basic), the query time limit and the
triples per update request.

What writes guarantee, readers being served all the while:

- a new record graph (``add_graphs``) appears in one request: a Graph Store PUT when that endpoint is
  configured (Virtuoso loads one PUT in one transaction), else an INSERT DATA request holding it whole;
- a changed record graph (``write_graphs``) changes in one SPARQL Update request holding the difference
  (DELETE DATA what went, INSERT DATA what came), so readers see it wholly old or wholly new on engines
  that run an update request as one transaction (Virtuoso, Fuseki/TDB2, GraphDB, Neptune do);
- several graphs share a request up to a size the engine accepts (Virtuoso 7 refuses requests of more
  than about a thousand triples; a refused request is halved and retried), so a *batch* is not one
  transaction: after a killed ingest every record is wholly old or wholly new and the next ingest
  completes the rest. A single record whose change alone is too big for one request, or that holds blank
  nodes (dropped and re-inserted), is the exception.

Reads are paged (an engine row limit such as Virtuoso's ResultSetMaxRows is detected, never taken for
the end of the data); a user query the engine cuts short raises ``Truncated`` rather than answering less.
"""

from __future__ import annotations

import itertools
import re
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import BinaryIO

import pyoxigraph as ox

from publisher.read import queries
from publisher.store import sparql_http as wire
from publisher.store.base import Store, quads_from_rows, rows_of
from publisher.store.interface import PUBLISHED_GRAPH, GraphWrite, QueryResult, Row, StoreError
from publisher.store.sparql_http import SparqlHttp

UPDATE_TRIPLES = {"virtuoso": 250, "other": 50_000}  # triples per update request (Virtuoso's cost per triple
# grows with the request: 0.2 ms at 100, 0.6 ms at 1000, 1.2 ms at 2000)
GRAPHS_PER_QUERY = 100  # graphs named in one query's VALUES (lookups)
MAX_GRAPHS_PER_QUERY = 500  # when reading whole graphs
_NAMES_A_GRAPH = re.compile(r"\bGRAPH\s*<", re.IGNORECASE)
_SYNTAX = ox.Store()  # an empty store: pyoxigraph parses queries here, so syntax errors read as on Oxigraph


@dataclass(frozen=True)
class RemoteOptions:
    """How to reach the engine beyond its query URL (``LODPUB_STORE_*``, read by publisher.config)."""

    update_url: str | None = None
    graph_store_url: str | None = None
    user: str | None = None
    password: str | None = None
    auth: str = "digest"
    timeout: float = 30.0
    update_triples: int | None = None


def _weight(change: queries.Change) -> int:
    return len(change[2]) + len(change[3])


class RemoteStore(Store):
    """A store on a SPARQL engine reached over HTTP; every record is one named graph there."""

    def __init__(self, http: SparqlHttp, *, page_size: int = 10_000, update_triples: int | None = None,
                 description: str | None = None) -> None:
        self.http = http
        self.page_size = page_size
        self.update_triples = update_triples
        self.max_triples: int | None = None  # the largest request the engine took, once it refused one
        self.description = description or f"SPARQL engine at {http.query_url}"

    @classmethod
    def from_options(cls, spec: str, options: RemoteOptions | None = None) -> RemoteStore:
        """The store named by ``sparql+http(s)://...``, reached as the options say."""
        o = options or RemoteOptions()
        http = SparqlHttp(spec.split("+", 1)[1], o.update_url, o.graph_store_url,
                          wire.make_auth(o.user, o.password, o.auth), timeout=o.timeout)
        return cls(http, update_triples=o.update_triples)

    # -- reading ---------------------------------------------------------------------------------------
    def query(self, sparql: str, *, default_graphs: Sequence[str] | None = None,
              named_graphs: Sequence[str] | None = None) -> QueryResult:
        """Run a query on the engine; results come back as pyoxigraph objects. The default graph is the published
        view (the graph PUBLISHED_GRAPH) unless the query or the caller names its dataset."""
        _SYNTAX.query(sparql)  # raises SyntaxError; evaluation over no data is not iterated
        if not default_graphs and not _NAMES_A_GRAPH.search(sparql):
            # no dataset named: the published view is the default graph. (Virtuoso, given a default graph, finds
            # nothing in GRAPH <iri> though GRAPH ?g ranges over every graph: a query naming a graph keeps the
            # engine's own default, the union; docs/backends.md)
            default_graphs = [PUBLISHED_GRAPH]
        form = wire.query_form(sparql)
        if form == "DESCRIBE" and self.http.detect() == "virtuoso":
            sparql = queries.VIRTUOSO_DESCRIBE + sparql
        response = self.http.query(sparql, form, default_graphs, named_graphs, rows=wire.final_limit(sparql))
        if form in ("SELECT", "ASK"):
            return wire.solutions(response.content)
        media_type = response.headers.get("Content-Type", "application/n-triples").split(";")[0]
        rdf_format = ox.RdfFormat.from_media_type(media_type) or ox.RdfFormat.N_TRIPLES
        return [wire.canonical_triple(q.triple) for q in ox.parse(response.content, rdf_format)]

    def _rows(self, sparql: str, limit: int | None = None, required: Sequence[str] = ()) -> list[Row]:
        """The rows of a SELECT; rows missing a ``required`` variable are asked for again (see below)."""
        for attempt in range(4):
            result = wire.solutions(self.http.query(sparql, "SELECT", rows=limit).content)
            rows = list(rows_of(result)) if isinstance(result, ox.QuerySolutions) else []
            if all(name in row for row in rows for name in required):
                return rows
            # Virtuoso at read committed can return a row of a record being rewritten whose new literals
            # do not resolve yet (unbound): a moment later the answer is whole
            time.sleep(0.05 * 2 ** attempt)
        raise StoreError("the SPARQL engine keeps answering rows with unbound values; on Virtuoso set "
                         "DefaultIsolation = 4 (docs/backends.md)")

    def _select(self, select: str, order: str) -> Iterator[Row]:
        """Every row of ``select`` (no solution modifiers, every ``order`` variable bound), paged when many."""
        required = [name.lstrip("?") for name in order.split()]
        while True:
            page = self.page_size
            try:
                rows = self._rows(queries.first_page(select, page), page, required)
            except wire.Truncated as exc:
                if exc.limit >= page:
                    raise
                self.page_size = exc.limit  # the engine's row limit: page below it
                continue
            break
        if len(rows) < page:
            yield from rows
            return
        offset = 0
        while True:
            rows = self._rows(queries.ordered_page(select, order, page, offset), page, required)
            yield from rows
            if len(rows) < page:
                return
            offset += page

    def match(self, subject: str | None = None, predicate: str | None = None,
              obj: ox.NamedNode | ox.Literal | None = None, graph: str | None = None) -> Iterator[ox.Quad]:
        """Quads matching a pattern, in the named graphs."""
        query, free = queries.quad_pattern(f"<{subject}>" if subject else None,
                                           f"<{predicate}>" if predicate else None,
                                           str(obj) if obj is not None else None, f"<{graph}>" if graph else None)
        given: Row = {k: ox.NamedNode(v) for k, v in (("s", subject), ("p", predicate), ("g", graph)) if v}
        if obj is not None:
            given["o"] = obj
        if not free:
            if self.ask(query):
                yield from quads_from_rows([given])
            return
        for row in self._select(query, " ".join(free)):
            yield from quads_from_rows([{**given, **row}])

    def named_graphs(self) -> Iterator[str]:
        """The IRIs of all named graphs the engine shows."""
        for row in self._select(queries.NAMED_GRAPHS, "?g"):
            yield row["g"].value

    def has_graph(self, graph: str) -> bool:
        """Whether a named graph exists (holds a triple)."""
        return self.ask(queries.has_graph(graph))

    def is_empty(self) -> bool:
        """Whether the engine shows no named graph."""
        return not self.ask(queries.ANY_QUAD)

    def graph_values(self, graphs: Sequence[str], predicate: str) -> dict[str, str]:
        """For each graph, the value of ``predicate`` on the graph's IRI inside it: one query per 100 graphs."""
        values: dict[str, str] = {}
        for chunk in wire.chunks(graphs, GRAPHS_PER_QUERY):
            for row in self._select(queries.graph_values(chunk, predicate), "?g ?v"):
                values.setdefault(row["g"].value, row["v"].value)
        return values

    def _graph_rows(self, graphs: Iterable[str]) -> Iterator[Row]:
        """Rows ?g ?s ?p ?o of some graphs, as many graphs per query as fill about half a page."""
        pending, per_query = iter(graphs), 10
        while chunk := list(itertools.islice(pending, per_query)):
            rows = list(self._select(queries.graph_rows(chunk), "?g ?s ?p ?o"))
            yield from rows
            per_graph = max(1, len(rows) // len(chunk))  # ordered paging is slow: stay below one page
            per_query = max(1, min(MAX_GRAPHS_PER_QUERY, self.page_size // (2 * per_graph)))

    def _quads(self, graphs: Iterable[str]) -> Iterator[ox.Quad]:
        for row in self._graph_rows(graphs):
            yield from quads_from_rows([row])

    def dump(self, out: BinaryIO, syntax: ox.RdfFormat, graphs: Sequence[str] | None = None) -> None:
        """Stream the dataset (the published view as the default graph, then the record graphs), the published view
        alone in a triple syntax, or some graphs, many graphs per query, as one document in ``syntax``."""
        rdf_format = syntax
        if graphs is None:
            view = (ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph())
                    for q in self._quads([PUBLISHED_GRAPH]))
            quads: Iterable[ox.Quad] = itertools.chain(view, self._quads(self.named_graphs())) \
                if rdf_format.supports_datasets else view
        else:
            quads = self._quads(graphs)
        if rdf_format.supports_datasets:
            ox.serialize(quads, out, rdf_format)
        else:
            ox.serialize((q.triple for q in quads), out, rdf_format)

    # -- writing ---------------------------------------------------------------------------------------
    def _contents(self, graphs: Sequence[str]) -> dict[str, dict[str, list[str] | None]]:
        """The stored triples of some graphs: canonical line -> stored form (None when it has a blank node)."""
        contents: dict[str, dict[str, list[str] | None]] = {}
        for row in self._graph_rows(graphs):
            triple = quads_from_rows([row])[0].triple
            contents.setdefault(str(row["g"].value), {})[wire.canonical_line(triple)] = wire.stored_forms(triple)
        return contents

    def write_graphs(self, writes: Sequence[GraphWrite]) -> None:
        """Replace graphs, each by one update: its difference from what is stored, or drop and insert."""
        if not writes:
            return
        stored = self._contents([w.graph for w in writes])
        changes: list[queries.Change] = []
        for write in writes:
            new, new_blank = wire.parse_lines(write.ntriples)
            old = stored.get(write.graph, {})
            if new_blank or None in old.values():
                changes.append((write.graph, True, [], sorted(new)))
                continue
            gone = [form for line, forms in old.items() if line not in new for form in forms or ()]
            came = sorted(line for line in new if line not in old)
            if len(gone) + len(came) > len(new):  # mostly new: dropping and inserting sends less
                changes.append((write.graph, True, [], sorted(new)))
            elif gone or came:
                changes.append((write.graph, False, gone, came))
        self._apply(changes)

    def add_graphs(self, writes: Sequence[GraphWrite], *, bulk: bool = False) -> None:
        """Create graphs: one Graph Store PUT each when configured, else whole-graph INSERT DATA requests."""
        if self.http.graph_store_url:
            for write in writes:
                lines, _ = wire.parse_lines(write.ntriples)
                self.http.put_graph(write.graph, "\n".join(sorted(lines)).encode() + b"\n")
            return
        self._apply([(w.graph, False, [], sorted(wire.parse_lines(w.ntriples)[0])) for w in writes])

    def _apply(self, changes: Sequence[queries.Change]) -> None:
        """Send changes in update requests of about ``update_triples``; a graph's change is never split
        unless the engine refuses it whole (``max_triples``: learnt from refusals)."""
        if self.update_triples is None:
            self.update_triples = UPDATE_TRIPLES.get(self.http.detect(), UPDATE_TRIPLES["other"])
        queue = deque(changes)
        while queue:
            target, hard = self.update_triples, self.max_triples
            group: list[queries.Change] = []
            size = 0
            while queue and (not group or size + _weight(queue[0]) <= min(target, hard or target)):
                change = queue.popleft()
                group.append(change)
                size += _weight(change)
            if hard is not None and size > hard:  # one graph the engine refused whole: send it in parts
                graph, drop, gone, came = group[0]
                take_gone, take_came = gone[:hard], came[:max(0, hard - len(gone))]
                group = [(graph, drop, take_gone, take_came)]
                if len(gone) > len(take_gone) or len(came) > len(take_came):
                    queue.appendleft((graph, False, gone[len(take_gone):], came[len(take_came):]))
                size = len(take_gone) + len(take_came)
            try:
                self.http.update(queries.changes(group))
            except wire.Refused:
                raise
            except StoreError:
                if size <= 1:
                    raise
                self.max_triples = size // 2
                queue.extendleft(reversed(group))

    def delete_graphs(self, graphs: Sequence[str]) -> int:
        """Drop the graphs that exist, 100 per update request (each request one transaction)."""
        existing: list[str] = []
        for chunk in wire.chunks(graphs, GRAPHS_PER_QUERY):
            found = {str(row["g"].value) for row in self._rows(queries.existing_graphs(chunk))}
            existing += [g for g in chunk if g in found]
        for chunk in wire.chunks(existing, GRAPHS_PER_QUERY):
            self.http.update(queries.drop_graphs(chunk, silent=True))
        return len(existing)

    def update(self, sparql: str) -> None:
        """Run a SPARQL Update on the engine."""
        self.http.update(sparql)

    def change_published(self, remove: Sequence[ox.Triple], add: Sequence[ox.Triple], *, settled: Sequence[str] = (),
                         bulk: bool = False) -> None:
        """Change the published view's graph in requests the engine takes, then clear the pending marks (a crash
        in between leaves them, and the next write finishes the refresh)."""
        if remove or add:
            self._apply([(PUBLISHED_GRAPH, False, [f"{t} ." for t in remove], [f"{t} ." for t in add])])
        if settled:
            self.http.update(queries.change_published([], [], settled))

    def close(self) -> None:
        """Close the connections."""
        self.http.close()
