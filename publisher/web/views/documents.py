"""Cool URIs: ``/id/...`` answers 303 See Other to ``/doc/...``, the negotiated describing document."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, Response, request

from publisher import urls
from publisher.formats import BY_SUFFIX
from publisher.read.document import Document, load, probe
from publisher.render import about_document
from publisher.web.context import base, settings, store
from publisher.web.page_cache import cached
from publisher.web.respond import moved, negotiated, not_found, preflight, see_other

bp = Blueprint("documents", __name__)
bp.after_request(preflight)
SUFFIXES = sorted(BY_SUFFIX, key=len, reverse=True)  # "csl.json" before "json"


def raw_tail(prefix: str) -> str | None:
    """The request path after ``prefix`` as the client sent it (percent-escapes kept: ``HV%201568``)."""
    raw = request.environ.get("RAW_URI") or request.environ.get("REQUEST_URI")
    if not raw:
        return None
    path = urlsplit(raw).path
    return path[len(prefix):] if path.startswith(prefix) else None


def resolve(path: str, prefix: str, full: bool = True) -> tuple[Document | None, str | None, str]:
    """The document a path under /id/ or /doc/ names, the key its format suffix selects, and the IRI.

    Our IRIs may hold percent-escapes (classification notations), which the router has decoded: the path
    as sent is tried first. ``full=False`` gives the document without its statements (for a redirect).
    """
    raw = raw_tail(request.script_root + prefix)
    if raw is not None and raw != path:
        found = _resolve(raw, full)
        if found[0] is not None:
            return found
    return _resolve(path, full)


def _resolve(path: str, full: bool) -> tuple[Document | None, str | None, str]:
    """:func:`resolve` for one spelling of the path."""
    def find(iri: str) -> Document | None:
        if not full:
            return probe(store(), base(), iri)
        doc = load(store(), base(), iri)
        if doc is not None:
            doc.quads += about_document(doc, settings().data_licence)
        return doc

    iri = urls.thing_iri(path, base())
    doc = find(iri)
    if doc is not None:
        return doc, None, iri
    for suffix in SUFFIXES:
        if path.endswith("." + suffix) and len(path) > len(suffix) + 1:
            stripped = urls.thing_iri(path[:-len(suffix) - 1], base())
            return find(stripped), BY_SUFFIX[suffix].key, stripped
    return None, None, iri


@bp.get(urls.THING + "<path:path>")
def thing(path: str) -> Response:
    """The URI of a thing: 303 to its document, keeping the client's preferred format."""
    doc, suffix_key, iri = resolve(path, urls.THING, full=False)
    if doc is None:
        return not_found(iri, suffix_key)
    if doc.canonical:
        return moved(doc, 303, suffix_key)
    return see_other(doc, suffix_key)


@bp.get(urls.DOCUMENT + "<path:path>")
def document(path: str) -> Response:
    """The document about a thing, in the negotiated (or suffix-selected) format (replayed while unchanged)."""
    def build() -> Response:
        doc, suffix_key, iri = resolve(path, urls.DOCUMENT)
        if doc is None:
            return not_found(iri, suffix_key)
        if doc.canonical:
            return moved(doc, 301, suffix_key)
        return negotiated(doc, suffix_key)

    return cached(build)
