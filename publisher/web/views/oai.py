"""The OAI-PMH 2.0 provider at /oai (GET and POST): a thin view over publisher.oai.provider."""

from __future__ import annotations

from flask import Blueprint, Response, request

from publisher import urls
from publisher.oai.provider import Provider
from publisher.web.context import settings, store

bp = Blueprint("oai", __name__)


@bp.route(urls.OAI, methods=["GET", "POST"])
def oai() -> Response:
    """Answer one OAI-PMH request (the arguments in the query string, or form-encoded in a POST body)."""
    values = request.form if request.method == "POST" else request.args
    body = Provider(store(), settings()).respond({k: values.getlist(k) for k in values})
    response = Response(body, content_type="text/xml; charset=utf-8")
    response.headers["Cache-Control"] = "no-cache"
    return response
