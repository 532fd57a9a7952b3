"""The SPARQL endpoint: /sparql (SPARQL 1.1 Protocol queries, service description, query page), /sparql/update."""

from __future__ import annotations

import time

from flask import Blueprint, Response, current_app, request

from mappings.rdfout import serialise
from publisher import formats
from publisher.sparql import formats as result_formats
from publisher.sparql import page, protocol, results
from publisher.sparql.description import service_description
from publisher.sparql.execute import TABLE, Job, Outcome
from publisher.sparql.pool import Busy
from publisher.sparql.runtime import Runtime, runtime
from publisher.sparql.update import authorised
from publisher.sparql.update_runner import UpdateOptions, run_logged
from publisher.web.budget import BUSY_RETRY, Limited
from publisher.web.client import client_key
from publisher.web.context import base, settings, store
from publisher.web.guard import ClientWatch
from publisher.web.negotiation import AcceptError
from publisher.web.security import sent_by_a_page

bp = Blueprint("sparql", __name__)
CORS = {"Access-Control-Allow-Origin": "*", "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
        "Access-Control-Allow-Headers": "Content-Type, Accept", "Access-Control-Expose-Headers": "Retry-After",
        "Access-Control-Max-Age": "86400"}


def _runtime() -> Runtime:
    return runtime(current_app, store())


def _text(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    return Response(message.rstrip("\n") + "\n", status, headers, mimetype="text/plain")


@bp.after_request
def cross_origin_reads(response: Response) -> Response:
    """CORS for the query endpoint (not for updates); results vary with Accept."""
    if request.endpoint == "sparql.query":
        response.headers.extend({k: v for k, v in CORS.items() if k not in response.headers})
        response.vary.add("Accept")
    return response


@bp.route("/sparql", methods=["GET", "POST"])
def query() -> Response:
    """Answer a query; without one, the service description (or the query page for browsers)."""
    rt = _runtime()
    accept = request.headers.get("Accept")
    try:
        req = protocol.read_query(request, rt.settings.max_query_bytes)
        if req.query is None:
            return _description(rt, result_formats.choose_description(accept, req.format_hint))
        chosen = result_formats.choose(accept, req.format_hint)
    except protocol.ProtocolError as exc:
        return _text(exc.status, exc.message)
    except AcceptError as exc:
        return _text(400, str(exc))
    job = Job(req.query, rt.settings.base, req.default_graphs, req.named_graphs, chosen, rt.settings.max_rows,
              rt.settings.max_answer_bytes)
    started = time.monotonic()
    client = client_key(request.remote_addr)
    try:  # refused at once when over a limit or when no worker is free: no thread waits here
        if not rt.executor.available():
            raise Busy
        with rt.limiter.admitted(client):
            outcome = rt.executor.run(job, rt.settings.timeout, ClientWatch.of(request))
    except Limited as exc:  # 429 (this client's limits) or 503 (the server's)
        current_app.extensions["lodpub.refusals"].remember("sparql", client, exc)  # refused at the door meanwhile
        return _text(exc.status, f"{exc}; try again in {exc.retry_after} s", {"Retry-After": str(exc.retry_after)})
    except Busy:
        return _text(503, "every query worker is busy; try again shortly", {"Retry-After": str(BUSY_RETRY)})
    if "html" in chosen.values() and (outcome.media_type == TABLE or outcome.status >= 400):
        return _page(req.query, outcome, time.monotonic() - started)
    if outcome.status >= 400:
        return _text(outcome.status, outcome.body.decode("utf-8"))
    return Response(outcome.body, outcome.status, content_type=outcome.media_type)


def _page(query_text: str, outcome: Outcome, elapsed: float) -> Response:
    ok = outcome.status < 400
    html = page.render(site_title=settings().title, endpoint=request.base_url,
                       query=query_text, result=page.table(outcome.kind, outcome.body) if ok else None,
                       error=None if ok else outcome.body.decode("utf-8"), elapsed=elapsed)
    return Response(html, outcome.status, mimetype="text/html")


def _description(rt: Runtime, key: str) -> Response:
    if key == "html":
        html = page.render(site_title=settings().title, endpoint=request.base_url)
        return Response(html, mimetype="text/html")
    s = store()
    cache_key = (s.version(), request.base_url, key)
    body = rt.cached_description(cache_key)
    if body is None:
        triples = service_description(s, base(), request.base_url, rt.settings.limits(), title=rt.settings.title,
                                      licence=rt.settings.licence)
        body = serialise(triples, formats.get(key).rdf or key)
        rt.remember_description(cache_key, body)
    return Response(body, content_type=results.content_type(key))


@bp.route("/sparql/update", methods=["POST"])
def update() -> Response:
    """Run an administrator's update (HTTP Basic credentials from LODPUB_ADMIN_USER / _PASSWORD), logged, under
    the update time limit, with a recovery snapshot before DROP/CLEAR (publisher.sparql.update_runner)."""
    rt, site = _runtime(), settings()
    endpoint = rt.settings
    if not endpoint.admin_user or not endpoint.admin_password:
        return _text(403, "the update endpoint is disabled: set LODPUB_ADMIN_USER and LODPUB_ADMIN_PASSWORD")
    if (header := sent_by_a_page(request)) is not None:  # a page, even one of ours, must not use stored credentials
        return _text(403, f"updates are accepted from programs (curl, SPARQLWrapper ...), not from web pages: this "
                          f"request carries the {header} header a browser adds for a page")
    client = client_key(request.remote_addr)
    try:
        rt.logins.check(client)
    except Limited as exc:
        return _text(429, f"{exc}; try again in {exc.retry_after} s", {"Retry-After": str(exc.retry_after)})
    if not authorised(request.headers.get("Authorization"), endpoint.admin_user, endpoint.admin_password):
        if request.headers.get("Authorization"):  # a wrong password, not the first challenge
            rt.logins.failed(client)
        return _text(401, "updates need an administrator's credentials",
                     {"WWW-Authenticate": 'Basic realm="lodpub SPARQL update", charset="UTF-8"'})
    try:
        req = protocol.read_update(request, endpoint.max_update_bytes)
    except protocol.ProtocolError as exc:
        return _text(exc.status, exc.message)
    options = UpdateOptions(timeout=endpoint.update_timeout, memory_mb=endpoint.memory_mb, log_path=site.update_log,
                            recovery_dir=site.recovery_dir, keep_hours=site.recovery_hours)
    result = run_logged(store(), req.update, endpoint.base, options, who=endpoint.admin_user, client=client,
                        using=req.using, using_named=req.using_named)
    return _text(result.status, result.message, {"Retry-After": "10"} if result.status == 503 else None)
