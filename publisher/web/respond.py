"""Negotiated responses: choose a representation (suffix, ?format= or Accept), render it, add the headers.

Every negotiated answer carries ``Vary: Accept``, a strong ``ETag`` (a digest of the body), ``Last-Modified``
(304 on ``If-None-Match`` / ``If-Modified-Since``), ``Link`` headers for the alternates and FAIR
signposting (cite-as, describedby/describes, type, author, license, item), and CORS for reads.
"""

from __future__ import annotations

import hashlib
from urllib.parse import quote, urlencode

from flask import Response, request
from pyoxigraph import NamedNode

from mappings.vocab import RDF
from publisher import formats, render, urls
from publisher.read.document import Document
from publisher.render import format_url, html, rdf
from publisher.render.citations.bibliography import CitationError
from publisher.store import term_value
from publisher.web.context import base, settings
from publisher.web.negotiation import AcceptError, Negotiated, negotiate, offered

SCHEMA_HTTPS = "https://schema.org/"
URI_SAFE = ":/?#[]@!$&'()*+,;=%~"
EXPOSED = "Link, ETag, Last-Modified, Content-Location, Vary, Location"


class Refusal(Exception):
    """A request that cannot be answered with a representation: 400 or 406, with a message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def local_path(iri: str) -> str:
    """A site-relative link for one of our IRIs (others unchanged)."""
    return urls.local_path(iri, base())


def choose(offers: tuple[str, ...], suffix_key: str | None = None) -> Negotiated:
    """The representation to answer with: ``?format=``, else the URL suffix, else Accept (RFC 9110)."""
    wanted = request.args.get("format")
    named = formats.find(wanted) if wanted else None
    key = (named.key if named else "?") if wanted else suffix_key
    if key is not None:
        if key not in offers:
            raise Refusal(406, f"format {wanted or key!r} is not available here; available: {offered(offers)}")
        return Negotiated(formats.get(key))
    try:
        chosen = negotiate(request.headers.get("Accept"), offers)
    except AcceptError as exc:
        raise Refusal(400, str(exc)) from None
    if chosen is None:
        raise Refusal(406, f"none of the requested types is available; available: {offered(offers)}")
    return chosen


def params_for(chosen: Negotiated) -> dict[str, str]:
    """Renderer arguments: the Accept parameters, overridden by query parameters (style=, locale=)."""
    return {**chosen.params, **{k: v for k, v in request.args.items() if k != "format"}}


def negotiated(doc: Document, suffix_key: str | None = None) -> Response:
    """The negotiated response for a document (a 400/406 refusal as plain text)."""
    offers = render.offers(doc)
    try:
        chosen = choose(offers, suffix_key)
    except Refusal as refusal:
        return refusal_response(refusal)
    key = chosen.representation.key
    try:
        body = render.render(doc, key, params_for(chosen), settings())
    except CitationError as exc:  # an argument the renderer cannot use (an unknown citation style ...)
        return refusal_response(Refusal(400, str(exc)))
    response = Response(body, content_type=content_type(key))
    response.headers["Content-Location"] = local_path(format_url(doc, key))
    response.headers["Link"] = ", ".join(links(doc, key, offers))
    response.set_etag(hashlib.sha256(body).hexdigest()[:40])
    if doc.modified:
        response.last_modified = doc.modified
    finish(response)
    response.make_conditional(request)
    return response


def finish(response: Response) -> Response:
    """Vary and CORS headers every negotiated answer carries."""
    response.vary.add("Accept")
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Expose-Headers"] = EXPOSED
    return response


def preflight(response: Response) -> Response:
    """CORS for the automatic OPTIONS answers of a blueprint (preflights of reads with unusual Accept headers)."""
    if request.method == "OPTIONS":
        response.headers["Access-Control-Allow-Origin"] = "*"
        response.headers["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        response.headers["Access-Control-Allow-Headers"] = "Accept, If-None-Match, If-Modified-Since"
        response.headers["Access-Control-Max-Age"] = "86400"
    return response


def content_type(key: str) -> str:
    """The Content-Type for a representation (UTF-8 stated for text types)."""
    fmt = formats.get(key)
    media_type = fmt.served_as or fmt.media_type
    return media_type + "; charset=utf-8" if media_type.startswith("text/") else media_type


def see_other(doc: Document, suffix_key: str | None = None) -> Response:
    """303 See Other from a thing's URI to its document, in the format the client prefers."""
    try:
        chosen = choose(render.offers(doc), suffix_key)
    except Refusal as refusal:
        return refusal_response(refusal)
    key = chosen.representation.key
    location = local_path(doc.url if key == "html" and not request.args.get("format") else format_url(doc, key))
    args = params_for(chosen)
    if args:
        location += "?" + urlencode(args)
    response = Response(f"See {location}\n", status=303, content_type="text/plain; charset=utf-8")
    response.headers["Location"] = location
    return finish(response)


def moved(doc: Document, status: int, suffix_key: str | None = None) -> Response:
    """A thing merged into another (identity: docs/identity.md): its URI and document point at the one it is now,
    303 from the thing's URI, 301 from its old document (the suffix kept)."""
    target = urls.document_url(doc.canonical or doc.iri, base())
    location = local_path(target + (f".{formats.get(suffix_key).suffix}" if suffix_key else ""))
    if request.query_string:
        location += "?" + request.query_string.decode("latin-1")
    response = Response(f"{doc.iri} is {doc.canonical}: see {location}\n", status=status,
                        content_type="text/plain; charset=utf-8")
    response.headers["Location"] = location
    return finish(response)


def not_found(iri: str, suffix_key: str | None = None, message: str = "Not found") -> Response:
    """404 in the negotiated format: an HTML page for browsers, an empty graph for RDF clients, else text."""
    try:
        key = choose(formats.DOCUMENT_KEYS, suffix_key).representation.key
    except Refusal:
        text = f"{message}: lodpub has no description of {iri}\n"
        return finish(Response(text, status=404, content_type="text/plain; charset=utf-8"))
    if key == "html":
        body = html.error_page(settings(), 404, message, f"lodpub has no description of {iri}.")
    else:
        body = rdf.not_found(key, iri, message)
    return finish(Response(body, status=404, content_type=content_type(key)))


def plain(status: int, message: str) -> Response:
    """A plain-text answer (400, 404 ...) with the headers every negotiated answer carries."""
    return finish(Response(message + "\n", status=status, content_type="text/plain; charset=utf-8"))


def refusal_response(refusal: Refusal) -> Response:
    """A 400 or 406 as plain text that says what is available."""
    return plain(refusal.status, str(refusal))


def link(target: str, rel: str, media_type: str | None = None) -> str:
    """One Link header value; characters a URI reference may not hold are percent-encoded."""
    value = f'<{quote(target, safe=URI_SAFE)}>; rel="{rel}"'
    return value + f'; type="{media_type}"' if media_type else value


def links(doc: Document, key: str, offers: tuple[str, ...]) -> list[str]:
    """Link header values: alternates, then FAIR signposting (only to http(s) IRIs and our own paths)."""
    return [value for target, value in _links(doc, key, offers) if urls.safe_href(target)]


def _links(doc: Document, key: str, offers: tuple[str, ...]) -> list[tuple[str, str]]:
    """(target, Link header value) for every link a document's answer could carry."""
    def fmt(k: str) -> str:
        return local_path(format_url(doc, k))

    def linked(target: str, rel: str, media_type: str | None = None) -> tuple[str, str]:
        return target, link(target, rel, media_type)

    out = [linked(fmt(k), "alternate", formats.get(k).media_type) for k in offers if k != key]
    work = doc.work
    out.append(linked(work.doi_iri if work and work.doi_iri else doc.iri, "cite-as"))
    if key == "html":
        out += [linked(fmt(k), "describedby", formats.get(k).media_type) for k in offers if k != "html"]
        out.append(linked(SCHEMA_HTTPS + "AboutPage", "type"))
    else:
        out.append(linked(fmt("html"), "describes", "text/html"))
    out += [linked(SCHEMA_HTTPS + t.rsplit("/", 1)[-1], "type") for t in item_types(doc)]
    if work:
        out += [linked(a.orcid, "author") for a in work.authors if a.orcid]
        if work.licence:
            out.append(linked(work.licence.iri, "license"))
        out += [linked(f.iri, "item") for f in work.files]
    return list(dict.fromkeys(out))


def item_types(doc: Document) -> list[str]:
    """The schema.org types of the document's primary topic."""
    rdf_type = RDF.type
    return list(dict.fromkeys(term_value(q.object) for q in doc.quads
                              if term_value(q.subject) == doc.iri and q.predicate == rdf_type
                              and isinstance(q.object, NamedNode)
                              and term_value(q.object).startswith("http://schema.org/")))
