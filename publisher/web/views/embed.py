"""``/embed/<work id or DOI>``: the HTML fragment (JSON-LD script + citation meta tags) for a repository page.

``?part=jsonld`` or ``?part=meta`` returns one part. The fragment is the same markup lodpub's own work
pages carry, safe to paste into any page's ``<head>`` (see publisher.render.citations.fragment).
"""

from __future__ import annotations

from flask import Blueprint, Response, request

from publisher.read.lookup import find_work
from publisher.render.citations.fragment import PARTS, fragment
from publisher.web import respond
from publisher.web.context import base, store

bp = Blueprint("embed", __name__)


@bp.get("/embed/<path:target>", merge_slashes=False)
def embed(target: str) -> Response:
    """The embeddable fragment for a work named by id, URI or DOI."""
    part = request.args.get("part", "all")
    if part not in PARTS:
        return respond.plain(400, f"unknown part {part!r}; use one of: {', '.join(PARTS)}")
    view = find_work(store(), base(), target)
    if view is None:
        return respond.plain(404, f"no work {target!r} is published here (give a work id, a work URI or a DOI)")
    response = Response(str(fragment(view, base(), part)), content_type="text/html; charset=utf-8")
    response.headers["Cache-Control"] = "public, max-age=3600"
    return respond.finish(response)

