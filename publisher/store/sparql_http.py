"""The wire layer of the remote store: SPARQL 1.1 Protocol, Update and Graph Store Protocol over HTTP,
and the RDF term forms it carries (the request texts are built by publisher.read.queries).

Only standard requests are sent: queries as form POSTs (``query``, ``default-graph-uri``,
``named-graph-uri``; a direct ``application/sparql-query`` POST hangs Virtuoso 7.2), updates as form
POSTs (``update``) and whole graphs as Graph Store Protocol PUTs. Engine quirks are detected from the
``Server`` header and answered here, not by callers:

- results are asked for in one explicit format per query form (Virtuoso ignores q-values in a list);
- a result cut short by the engine (Virtuoso's ``X-SPARQL-MaxRows`` header; an "anytime" answer at the
  time limit, ``X-SQL-State: S1TAT``) raises :class:`Truncated` / ``StoreTimeout`` instead of being
  returned as if complete;
- the engine is given the query time limit where it takes one per request (Virtuoso ``timeout`` in
  milliseconds, Fuseki ``timeout`` in seconds) and the client enforces it too (read timeout).
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import pyoxigraph as ox
import requests
from requests.auth import AuthBase, HTTPBasicAuth, HTTPDigestAuth

from publisher.read import queries
from publisher.store.interface import StoreError, StoreTimeout

EMPTY_GRAPH = "urn:x-lodpub:no-graph"  # names an empty dataset part (protocol lists cannot be empty)
XSD_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
BOOLEAN_FORMS = {"1": "true", "0": "false"}  # Virtuoso's N-Triples and JSON say "1"/"0"
RESULTS_XML = "application/sparql-results+xml"  # Virtuoso writes JSON ten times slower
RDF_ACCEPT = "application/n-triples"
CLIENT_MARGIN = 5.0  # seconds the client waits beyond the engine's own time limit
_PROLOGUE = re.compile(r"\s+|#[^\n]*|BASE\s*<[^>]*>|PREFIX\s*[\w.-]*:\s*<[^>]*>", re.IGNORECASE)
_FORM = re.compile(r"(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)
_LIMIT = re.compile(r"\bLIMIT\s+(\d+)(\s+OFFSET\s+\d+)?\s*$", re.IGNORECASE)
DEADLOCK_RETRIES = (0.05, 0.2, 0.5, 1.0)  # seconds between attempts after a serialisation failure


class Refused(StoreError):
    """The engine refused the credentials (HTTP 401 or 403)."""


class Truncated(StoreError):
    """The engine returned fewer rows than the answer has (a row limit); ``limit`` is that limit."""

    def __init__(self, message: str, limit: int) -> None:
        super().__init__(message)
        self.limit = limit


def query_form(sparql: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the form of a query, read after its prologue."""
    pos = 0
    while True:
        match = _PROLOGUE.match(sparql, pos)
        if not match or match.end() == pos:
            break
        pos = match.end()
    form = _FORM.match(sparql, pos)
    if form is None:
        raise SyntaxError("not a SPARQL query: expected SELECT, ASK, CONSTRUCT or DESCRIBE after the prologue")
    return form.group(1).upper()


def solutions(data: bytes) -> ox.QuerySolutions | ox.QueryBoolean:
    """SPARQL XML results as pyoxigraph objects (Virtuoso's ``nodeID://`` blank node labels made valid)."""
    data = data.replace(b"<bnode>nodeID://", b"<bnode>")
    return ox.parse_query_results(data, ox.QueryResultsFormat.XML)


def final_limit(sparql: str) -> int | None:
    """The LIMIT that ends a query, if it visibly does (an engine row limit at or above it cut nothing)."""
    match = _LIMIT.search(sparql)
    return int(match.group(1)) if match else None


def stored_forms(triple: ox.Triple) -> list[str] | None:
    """The N-Triples lines that delete a stored triple: a plain string also as ``^^xsd:string`` (Virtuoso
    keeps the two apart; elsewhere the second is a no-op). None when it holds a blank node (DELETE DATA
    cannot name one)."""
    if isinstance(triple.subject, ox.BlankNode) or isinstance(triple.object, ox.BlankNode):
        return None
    line = canonical_line(triple)
    obj = triple.object
    if isinstance(obj, ox.Literal) and obj.datatype.value == XSD_STRING and obj.language is None:
        return [line, f"{triple.subject} {triple.predicate} {obj}^^<{XSD_STRING}> ."]
    return [line]


def make_auth(user: str | None, password: str | None, scheme: str) -> AuthBase | None:
    """HTTP authentication for the engine, or None without a user."""
    if not user:
        return None
    if scheme not in ("digest", "basic"):
        raise StoreError(f"LODPUB_STORE_AUTH must be 'digest' or 'basic', not {scheme!r}")
    return HTTPDigestAuth(user, password or "") if scheme == "digest" else HTTPBasicAuth(user, password or "")


class SparqlHttp:
    """Sends queries, updates and graph PUTs to one engine; one keep-alive session per thread."""

    def __init__(self, query_url: str, update_url: str | None = None, graph_store_url: str | None = None,
                 auth: AuthBase | None = None, timeout: float = 30.0, write_timeout: float = 600.0) -> None:
        self.query_url = query_url
        self.update_url = update_url or query_url
        self.graph_store_url = graph_store_url
        self.auth = auth
        self.timeout = timeout
        self.write_timeout = write_timeout
        self.engine: str | None = None  # "virtuoso", "fuseki" or "other", from the first answer
        self._local = threading.local()

    def _session(self) -> requests.Session:
        session = getattr(self._local, "session", None)
        if session is None:
            session = self._local.session = requests.Session()
        return session

    def _send(self, method: str, url: str, *, timeout: float, **kwargs: Any) -> requests.Response:
        for pause in (*DEADLOCK_RETRIES, None):
            try:
                response = self._session().request(method, url, auth=self.auth, timeout=(10.0, timeout), **kwargs)
            except requests.Timeout as exc:
                raise StoreTimeout(f"the SPARQL engine at {url} did not answer within {timeout:.0f} s") from exc
            except requests.RequestException as exc:
                raise StoreError(f"cannot reach the SPARQL engine at {url}: {exc}") from exc
            # a serialisation failure (SQLSTATE 40001, e.g. Virtuoso's "SR172: Transaction deadlocked" when a
            # read meets a concurrent rewrite) rolled the request back whole: it is safe to send it again
            if pause is None or response.status_code < 500 or "40001" not in response.text[:500]:
                break
            time.sleep(pause)
        if self.engine is None:
            server = response.headers.get("Server", "")
            self.engine = ("virtuoso" if "Virtuoso" in server else
                           "fuseki" if "Fuseki" in server or "Fuseki-Request-Id" in response.headers else "other")
        if response.headers.get("X-SQL-State") == "S1TAT":
            raise StoreTimeout(f"the query ran out of time on the engine ({self.timeout:.0f} s)")
        if response.status_code >= 400:
            detail = response.text.strip().splitlines()[0][:300] if response.text.strip() else response.reason
            if "estimated execution time" in detail:  # Virtuoso refuses what it expects to overrun
                raise StoreTimeout(f"the engine expects this query to overrun its time limit: {detail}")
            if response.status_code in (401, 403):
                raise Refused(f"the SPARQL engine refused the credentials for {url} "
                                 f"(LODPUB_STORE_USER/PASSWORD/AUTH): {detail}")
            raise StoreError(f"the SPARQL engine at {url} answered {response.status_code}: {detail}")
        return response

    def detect(self) -> str:
        """The engine's kind, asking it once if no answer has been seen yet."""
        if self.engine is None:
            self.query(queries.ENGINE_PROBE, "ASK")
        return self.engine or "other"

    def query(self, sparql: str, form: str, default_graphs: Sequence[str] | None = None,
              named_graphs: Sequence[str] | None = None, timeout: float | None = None,
              rows: int | None = None) -> requests.Response:
        """Run a query, answered in SPARQL XML (SELECT, ASK) or N-Triples (CONSTRUCT, DESCRIBE).

        ``rows`` is the query's own LIMIT, if any: an engine row limit at or above it cut nothing.
        """
        limit = timeout or self.timeout
        data: list[tuple[str, str]] = [("query", sparql)]
        for name, graphs in (("default-graph-uri", default_graphs), ("named-graph-uri", named_graphs)):
            if graphs is not None:
                data += [(name, graph) for graph in graphs or [EMPTY_GRAPH]]
        if self.engine == "virtuoso":
            data.append(("timeout", str(int(limit * 1000))))
        elif self.engine == "fuseki":
            data.append(("timeout", f"{limit:g}"))
        accept = RESULTS_XML if form in ("SELECT", "ASK") else RDF_ACCEPT
        response = self._send("POST", self.query_url, data=data, headers={"Accept": accept},
                              timeout=limit + CLIENT_MARGIN)
        max_rows = response.headers.get("X-SPARQL-MaxRows")
        if max_rows is not None and (rows is None or rows > int(max_rows)):
            raise Truncated(f"the engine cut the answer at {max_rows} rows (its result row limit, Virtuoso's "
                            "ResultSetMaxRows); ask for fewer rows with LIMIT", int(max_rows))
        return response

    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 Update request (one request: one transaction where the engine allows)."""
        self._send("POST", self.update_url, data={"update": sparql}, timeout=self.write_timeout,
                   headers={"Accept": RESULTS_XML + ", text/plain;q=0.5"})

    def put_graph(self, graph: str, ntriples: bytes) -> None:
        """Replace (or create) one graph with the Graph Store Protocol."""
        if not self.graph_store_url:
            raise StoreError("no Graph Store Protocol endpoint configured (LODPUB_STORE_GRAPH_STORE)")
        self._send("PUT", self.graph_store_url, params={"graph": graph}, data=ntriples, timeout=self.write_timeout,
                   headers={"Content-Type": "application/n-triples"})

    def close(self) -> None:
        """Close this thread's connections."""
        session = getattr(self._local, "session", None)
        if session is not None:
            session.close()
            self._local.session = None


def chunks(items: Iterable[str], size: int) -> Iterator[list[str]]:
    """Items in lists of ``size`` (the last one shorter)."""
    chunk: list[str] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def canonical_triple(triple: ox.Triple) -> ox.Triple:
    """A triple with its boolean object, if any, in canonical form ("true"/"false")."""
    obj, forms = triple.object, BOOLEAN_FORMS
    if isinstance(obj, ox.Literal) and obj.datatype.value == XSD_BOOLEAN and obj.value in forms:
        return ox.Triple(triple.subject, triple.predicate, ox.Literal(forms[obj.value], datatype=obj.datatype))
    return triple


def canonical_line(triple: ox.Triple) -> str:
    """The N-Triples line of a triple as lodpub compares it (plain strings, canonical booleans)."""
    return f"{canonical_triple(triple)} ."


def parse_lines(ntriples: bytes) -> tuple[set[str], bool]:
    """The canonical lines of an N-Triples payload, and whether it holds blank nodes."""
    triples = [q.triple for q in ox.parse(ntriples, ox.RdfFormat.N_TRIPLES)]
    blank = any(isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode) for t in triples)
    return {canonical_line(t) for t in triples}, blank
