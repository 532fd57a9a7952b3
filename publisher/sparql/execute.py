"""Running one query job against a store: check it, choose its dataset, evaluate it, serialise the answer.

This runs inside a query worker process (see :mod:`publisher.sparql.pool`), so everything here, the rdflib
safety parse included, is under the wall-clock limit that kills the worker.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

import pyoxigraph as ox

from publisher.sparql import results
from publisher.sparql.safety import Refused, check_query
from publisher.store import Store, StoreError

_ERROR_AT = re.compile(r"error at 1:(\d+)")
_ENGINE_STATUS = re.compile(r"answered (\d{3})\b")
TABLE = "application/vnd.lodpub.table+json"  # SPARQL JSON for the HTML page to render as a table


@dataclass(frozen=True)
class Job:
    """A query to run, as the endpoint received it, with everything needed to answer it."""

    query: str
    base_iri: str
    default_graphs: tuple[str, ...] | None = None  # from the protocol (overrides FROM)
    named_graphs: tuple[str, ...] | None = None
    formats: dict[str, str] = field(default_factory=dict)  # result kind (solutions/boolean/graph) -> key
    max_rows: int = 100_000
    max_bytes: int = results.DEFAULT_MAX_BYTES  # of the answer


@dataclass(frozen=True)
class Outcome:
    """The answer: a status, a media type and a body (an error message for statuses >= 400)."""

    status: int
    media_type: str
    body: bytes
    kind: str = ""  # solutions, boolean or graph
    rows: int = 0

    @classmethod
    def error(cls, status: int, message: str) -> Outcome:
        """An error answer with a plain-text message."""
        return cls(status, "text/plain; charset=utf-8", message.encode("utf-8") + b"\n")


def run_job(store: Store, job: Job) -> Outcome:
    """Run a job; every failure becomes an Outcome with a status and a message."""
    try:
        check = check_query(job.query, job.base_iri)
    except Refused as exc:
        return Outcome.error(400, str(exc))
    default, named = job.default_graphs, job.named_graphs
    if default is None and named is None and check.dataset is not None:
        default, named = check.dataset.default, check.dataset.named
    elif default is not None or named is not None:
        default, named = default or (), named or ()
    prefix = f"BASE <{job.base_iri}> "
    try:  # no local for the result: frames kept alive by rdflib's parse garbage must not hold it
        return _serialise(store.query(prefix + job.query, default_graphs=default, named_graphs=named), job)
    except (results.TooManyRows, results.TooLarge) as exc:
        return Outcome.error(422, str(exc))
    except SyntaxError as exc:
        return Outcome.error(400, "SPARQL syntax error: " + _unshift(str(exc), len(prefix)))
    except ValueError as exc:  # an invalid graph IRI, a bad argument
        return Outcome.error(400, f"cannot run this query: {exc}")
    except StoreError as exc:  # a remote engine's time limit, row limit, refusal or error
        return _store_failure(exc)
    except OSError as exc:
        return Outcome.error(500, f"the store failed while answering: {exc}")


def _store_failure(exc: StoreError) -> Outcome:
    """A remote engine's failure: its own 4xx (a syntax error) as 400, its row limit as 422, else 503."""
    status = getattr(exc, "status", None)
    found = _ENGINE_STATUS.search(str(exc))
    if status is None and found:
        status = int(found[1])
    if getattr(exc, "limit", None) is not None:
        return Outcome.error(422, str(exc))
    if status is not None and 400 <= status < 500 and status not in (401, 403):
        return Outcome.error(400, f"the query was refused: {exc}")
    return Outcome.error(503, f"the store could not answer: {exc}")


def _serialise(result: object, job: Job) -> Outcome:
    cap = job.max_rows
    if isinstance(result, ox.QueryBoolean):
        fmt = job.formats.get("boolean", "srx")
        body = results.write_boolean(bool(result), "srj" if fmt == "html" else fmt)
        return _table("boolean", body, 1) if fmt == "html" else \
            Outcome(200, results.content_type(fmt), body, "boolean", 1)
    if isinstance(result, ox.QuerySolutions):
        fmt = job.formats.get("solutions", "srx")
        body, rows = results.write_solutions(result, "srj" if fmt == "html" else fmt, cap, job.max_bytes)
        return _table("solutions", body, rows) if fmt == "html" else \
            Outcome(200, results.content_type(fmt), body, "solutions", rows)
    fmt = job.formats.get("graph", "rdfxml")
    assert isinstance(result, list), type(result)
    triples = results.capped_triples(result, cap)
    if fmt == "html":
        return _table("graph", json.dumps(results.graph_table(triples)).encode("utf-8"), len(triples))
    return Outcome(200, results.content_type(fmt), results.write_graph(triples, fmt, job.max_bytes), "graph",
                   len(triples))


def _table(kind: str, body: bytes, rows: int) -> Outcome:
    """An answer for the HTML page: SPARQL JSON the view renders as a table."""
    return Outcome(200, TABLE, body, kind, rows)


def _unshift(message: str, shift: int) -> str:
    """Report error columns on line 1 as the client wrote them (without the BASE lodpub put in front)."""
    return _ERROR_AT.sub(lambda m: f"error at 1:{max(1, int(m[1]) - shift)}", message)
