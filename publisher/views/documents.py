"""Cool URIs: ``/id/...`` answers 303 See Other to ``/doc/...``, the negotiated describing document."""

from __future__ import annotations

from flask import Blueprint, Response, current_app

from publisher.negotiation import BY_SUFFIX
from publisher.render.document import Document, load, probe
from publisher.render.respond import negotiated, not_found, see_other
from publisher.web import base, store

bp = Blueprint("documents", __name__)
SUFFIXES = sorted(BY_SUFFIX, key=len, reverse=True)  # "csl.json" before "json"


def resolve(path: str, full: bool = True) -> tuple[Document | None, str | None, str]:
    """The document a path under /id/ or /doc/ names, the key its format suffix selects, and the IRI.

    ``full=False`` gives the document without its statements (enough for a redirect).
    """
    def find(iri: str) -> Document | None:
        if not full:
            return probe(store(), base(), iri)
        return load(store(), base(), iri, licence=current_app.config["LODPUB_DATA_LICENCE"])

    iri = base() + "id/" + path
    doc = find(iri)
    if doc is not None:
        return doc, None, iri
    for suffix in SUFFIXES:
        if path.endswith("." + suffix) and len(path) > len(suffix) + 1:
            stripped = base() + "id/" + path[:-len(suffix) - 1]
            return find(stripped), BY_SUFFIX[suffix].key, stripped
    return None, None, iri


@bp.get("/id/<path:path>")
def thing(path: str) -> Response:
    """The URI of a thing: 303 to its document, keeping the client's preferred format."""
    doc, suffix_key, iri = resolve(path, full=False)
    if doc is None:
        return not_found(iri, suffix_key)
    return see_other(doc, suffix_key)


@bp.get("/doc/<path:path>")
def document(path: str) -> Response:
    """The document about a thing, in the negotiated (or suffix-selected) format."""
    doc, suffix_key, iri = resolve(path)
    if doc is None:
        return not_found(iri, suffix_key)
    return negotiated(doc, suffix_key)
