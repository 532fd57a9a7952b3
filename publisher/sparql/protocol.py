"""Reading SPARQL 1.1 Protocol requests: GET, POST form-encoded and POST direct, for queries and updates.

Everything a client can get wrong is a :class:`ProtocolError` carrying the status to answer with: 400 (two
``query`` parameters, an update sent to the query endpoint, bad UTF-8, no query), 413 (body too large),
414 (query string too long) or 415 (a content type or charset the protocol does not allow).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl

from flask import Request

FORM = "application/x-www-form-urlencoded"
QUERY_TYPE = "application/sparql-query"
UPDATE_TYPE = "application/sparql-update"
FORMAT_PARAMETERS = ("format", "output", "results")


class ProtocolError(Exception):
    """A request the protocol does not allow: the status to answer with and a message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class QueryRequest:
    """A query request: the query (None: none was sent), its protocol dataset and a format hint."""

    query: str | None
    default_graphs: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None
    format_hint: str | None = None


@dataclass(frozen=True)
class UpdateRequest:
    """An update request: the update and its protocol dataset (using-graph-uri, using-named-graph-uri)."""

    update: str
    using: tuple[str, ...] = ()
    using_named: tuple[str, ...] = ()


def read_query(request: Request, max_bytes: int) -> QueryRequest:
    """The query request a GET or POST carries."""
    if request.method == "GET" or request.method == "HEAD":
        if len(request.query_string) > max_bytes:
            raise ProtocolError(414, f"the query string is longer than {max_bytes} bytes, this endpoint's limit")
        params = _pairs(request.query_string, "query string")
        return _query_from(params, None)
    url_params = _pairs(request.query_string, "query string")
    kind = _content_type(request, (FORM, QUERY_TYPE), "a query")
    body = _body(request, max_bytes)
    found = _query_from(url_params + _pairs(body, "form body"), None) if kind == FORM \
        else _query_from(url_params, _text(body, "query"))
    if found.query is None:
        raise ProtocolError(400, "no query: POST it as the form parameter 'query' or as the body")
    return found


def read_update(request: Request, max_bytes: int) -> UpdateRequest:
    """The update request a POST carries."""
    url_params = _pairs(request.query_string, "query string")
    kind = _content_type(request, (FORM, UPDATE_TYPE), "an update")
    body = _body(request, max_bytes)
    params = url_params + _pairs(body, "form body") if kind == FORM else url_params
    if any(k == "query" for k, _ in params):
        raise ProtocolError(400, "a query was sent to the update endpoint; queries go to /sparql")
    updates = [v for k, v in params if k == "update"]
    if kind == UPDATE_TYPE:
        if updates:
            raise ProtocolError(400, "an update was sent both in the body and as a parameter")
        updates = [_text(body, "update")]
    if len(updates) != 1:
        raise ProtocolError(400, "send exactly one update" + ("" if updates else " (parameter 'update')"))
    if not updates[0].strip():
        raise ProtocolError(400, "the update is empty")
    return UpdateRequest(updates[0], _all(params, "using-graph-uri"), _all(params, "using-named-graph-uri"))


def _query_from(params: list[tuple[str, str]], direct: str | None) -> QueryRequest:
    if any(k == "update" for k, _ in params):
        raise ProtocolError(400, "updates are not run by the query endpoint; administrators POST them to "
                                 "/sparql/update")
    queries = [v for k, v in params if k == "query"]
    if direct is not None:
        queries.append(direct)
    if len(queries) > 1:
        raise ProtocolError(400, "send exactly one query: this request holds several")
    hint = next((v for k, v in params if k in FORMAT_PARAMETERS and v), None)
    default = _all(params, "default-graph-uri")
    named = _all(params, "named-graph-uri")
    if not queries:
        if direct is not None or any(k in ("default-graph-uri", "named-graph-uri") for k, _ in params):
            raise ProtocolError(400, "no query: send it as the 'query' parameter")
        return QueryRequest(None, format_hint=hint)
    if not queries[0].strip():
        raise ProtocolError(400, "the query is empty")
    given = bool(default or named)
    return QueryRequest(queries[0], default if given else None, named if given else None, hint)


def _all(params: list[tuple[str, str]], name: str) -> tuple[str, ...]:
    return tuple(v.strip() for k, v in params if k == name)


def _content_type(request: Request, allowed: tuple[str, ...], what: str) -> str:
    kind = request.mimetype
    if not kind:
        raise ProtocolError(415, f"a POST must say what it holds: Content-Type {' or '.join(allowed)}")
    if kind not in allowed:
        raise ProtocolError(415, f"Content-Type {kind} cannot carry {what}; use {' or '.join(allowed)}")
    charset = request.mimetype_params.get("charset")
    if charset and charset.strip().lower() not in ("utf-8", "utf8"):
        raise ProtocolError(415, f"charset {charset} is not accepted: SPARQL requests are UTF-8")
    return kind


def _body(request: Request, max_bytes: int) -> bytes:
    if request.content_length is not None and request.content_length > max_bytes:
        raise ProtocolError(413, f"the request body is larger than {max_bytes} bytes, this endpoint's limit")
    data = request.stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ProtocolError(413, f"the request body is larger than {max_bytes} bytes, this endpoint's limit")
    return data


def _text(data: bytes, what: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ProtocolError(400, f"the {what} is not valid UTF-8 ({exc.reason} at byte {exc.start})") from None


def _pairs(data: bytes, where: str) -> list[tuple[str, str]]:
    """Decode ``a=1&b=2`` strictly as UTF-8 (parse_qsl would replace bad bytes silently)."""
    try:
        return parse_qsl(data.decode("utf-8"), keep_blank_values=True, encoding="utf-8", errors="strict")
    except UnicodeDecodeError:
        raise ProtocolError(400, f"the {where} is not valid percent-encoded UTF-8") from None
    except ValueError as exc:
        raise ProtocolError(400, f"the {where} cannot be read: {exc}") from None
