"""DOI resolution: ``/doi/<DOI>`` and ``/resolve?uri=...`` answer 303 to the work's document, and the context.

A DOI is routed whole (slashes, dots, parentheses, ``;``, ``<`` and ``>`` included; a trailing ``.bib`` is
part of the DOI, never a format suffix) and matched case-insensitively. The format is negotiated here
(``?format=`` or Accept, RFC 9110 via publisher.web.negotiation) and kept in the redirect as the document's
suffix URL (``/doc/work/<id>.bib``), with ``style=``/``locale=`` for formatted citations. Unknown DOI: 404
(HTML or plain text); not a DOI: 400; nothing acceptable: 406 listing the formats; ``Vary: Accept`` always.
Also serves the shipped schema.org JSON-LD context at ``/context/schema.jsonld``.
"""

from __future__ import annotations

import json
from urllib.parse import quote, urlencode

from flask import Blueprint, Response, request

from mappings.uris import Minter
from publisher import formats, render, urls
from publisher.read.document import Document
from publisher.read.lookup import NotADoi, canonical, parse_doi
from publisher.read.workview import WorkView, load_work
from publisher.render.citations import bibliography
from publisher.render.citations.schemaorg import shipped_context
from publisher.render.html import error_page
from publisher.web import respond
from publisher.web.context import base, settings, store
from publisher.web.negotiation import AcceptError, negotiate
from publisher.web.page_cache import cached

bp = Blueprint("doi", __name__)

CITATION_PARAMS = ("style", "locale")


@bp.get(urls.DOI + "<path:doi>", merge_slashes=False)
def by_doi(doi: str) -> Response:
    """303 from a DOI to its work's document, in the negotiated format (replayed while the data is unchanged)."""
    return cached(lambda: resolve_doi(doi))


@bp.get(urls.RESOLVE)
def resolve() -> Response:
    """303 from ``?uri=`` (a DOI in any form) to its work's document, in the negotiated format."""
    value = request.args.get("uri") or request.args.get("doi")
    if not value:
        return respond.plain(400, "give the DOI to resolve as ?uri=https://doi.org/10.NNNN/... (or doi:10.NNNN/...)")
    return cached(lambda: resolve_doi(value))


@bp.get(urls.SCHEMA_CONTEXT)
def schema_context() -> Response:
    """The schema.org JSON-LD context our JSON-LD refers to (shipped, never fetched from schema.org)."""
    body = json.dumps(shipped_context(), indent=2).encode("utf-8")
    response = Response(body, content_type="application/ld+json")
    response.headers["Cache-Control"] = "public, max-age=86400"
    return respond.finish(response)


def resolve_doi(value: str) -> Response:
    """Resolve a DOI in any written form (see :func:`parse_doi`)."""
    try:
        doi = parse_doi(value)
    except NotADoi as exc:
        return respond.plain(400, str(exc))
    iri = canonical(store(), Minter(base()).work_for_doi(doi))
    view = load_work(store(), iri)
    if view is None:
        return _unknown(doi)
    return see_work(view)


def see_work(view: WorkView) -> Response:
    """303 See Other to the work's document in the chosen format (style/locale checked first)."""
    doc = Document(iri=view.iri, url=urls.document_url(view.iri, base()), kind="work", work=view)
    try:
        chosen = respond.choose(render.offers(doc))
    except respond.Refusal as refusal:
        return respond.refusal_response(refusal)
    key = chosen.representation.key
    if key == "jsonld":  # DOI content negotiation's JSON-LD is Schema.org's shape, the DOI its @id
        key = "schemaorg"
    params: dict[str, str] = {}
    if key == "bibliography":
        params = {k: v for k, v in {**chosen.params, **request.args}.items() if k in CITATION_PARAMS and v}
        try:
            bibliography.check(params)
        except bibliography.CitationError as exc:
            return respond.plain(400, str(exc))
    location = respond.local_path(doc.url if key == "html" else render.format_url(doc, key))
    if params:
        location += "?" + urlencode(params)
    response = Response(f"See {location}\n", status=303, content_type="text/plain; charset=utf-8")
    response.headers["Location"] = location
    return respond.finish(response)


def _unknown(doi: str) -> Response:
    """404 for a DOI we hold no work for: an HTML page for browsers, plain text for everyone else."""
    url = "https://doi.org/" + quote(doi, safe="/:;()!$&'*+,=@-._~")
    message = f"No work with DOI {doi} is published here. Try {url} for the original."
    if _wants_html():
        page = error_page(settings(), 404, "Unknown DOI", f"No work with DOI {doi} is published here.",
                          see=("Try", url, " for the original."))
        return respond.finish(Response(page, status=404, content_type="text/html; charset=utf-8"))
    return respond.plain(404, message)


def _wants_html() -> bool:
    """Whether the client would take HTML over every other format a work has."""
    try:
        chosen = negotiate(request.headers.get("Accept"), formats.WORK_KEYS)
    except AcceptError:
        return False
    return chosen is not None and chosen.representation.key == "html"

