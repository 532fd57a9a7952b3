"""The dataset: its VoID + DCAT description (/dataset, /.well-known/void), dumps (/dumps/) and sitemap."""

from __future__ import annotations

import base64
import time

from flask import Blueprint, Response, abort, request, send_file
from pyoxigraph import DefaultGraph, Quad

from publisher import urls
from publisher.formats import BY_SUFFIX
from publisher.read.document import Document
from publisher.read.stats import example_work, last_mapped, stats, work_pages
from publisher.render import about_document, sitemap
from publisher.render.html import page
from publisher.render.void import description, dump_checksums
from publisher.web import dumps
from publisher.web.cache import per_version
from publisher.web.context import base, settings, store
from publisher.web.respond import finish, negotiated, preflight

bp = Blueprint("dataset", __name__)
bp.after_request(preflight)


def dataset_document() -> Document:
    """The dataset description as a document (cached per version of the data)."""
    site = settings()
    counts = per_version("stats", lambda: stats(store()))
    triples = per_version("description", lambda: description(
        counts, base(), title=site.title, licence=site.data_licence, example=example_work(store())))
    iri = urls.absolute(base(), urls.DATASET)
    doc = Document(iri=iri, url=iri, kind="dataset")
    made = [(d.format.suffix or d.format.key, d.size, d.sha256) for d in map(dumps.existing, dumps.DUMPS) if d]
    doc.quads = [Quad(t.subject, t.predicate, t.object, DefaultGraph())
                 for t in triples + dump_checksums(base(), made)]
    doc.modified = per_version("mapped", lambda: last_mapped(store()))
    doc.quads += about_document(doc, site.data_licence)
    return doc


@bp.get(urls.DATASET)
@bp.get(urls.VOID)
def dataset() -> Response:
    """The VoID + DCAT description, negotiated like any document."""
    return negotiated(dataset_document())


@bp.get(urls.DATASET + ".<suffix>")
def dataset_with_suffix(suffix: str) -> Response:
    """The description in the format a suffix names (``/dataset.ttl``)."""
    if suffix not in BY_SUFFIX:
        abort(404)
    return negotiated(dataset_document(), BY_SUFFIX[suffix].key)


# -- dumps ---------------------------------------------------------------------------------------------
@bp.get(urls.DUMPS)
def dumps_index() -> Response:
    """The dumps with their sizes and SHA-256 checksums (made on first visit; large ones in the background)."""
    rows, deadline = [], time.monotonic() + settings().dump_wait
    for name, fmt in dumps.DUMPS.items():
        made = dumps.ensure(name, wait=deadline - time.monotonic())
        rows.append({"name": name, "href": urls.DUMPS + name, "media_type": fmt.media_type,
                     "size": made.size if made else None, "sha256": made.sha256 if made else None})
    modified = per_version("mapped", lambda: last_mapped(store()))
    body = page(settings(), "dumps.html", title="Data dumps", dumps=rows, modified=modified)
    response = Response(body, content_type="text/html; charset=utf-8")
    if not all(row["size"] is not None for row in rows):
        response.headers["Retry-After"] = "30"
    return response


@bp.get(urls.DUMPS + "<name>")
def dump_file(name: str) -> Response:
    """A gzipped dump (Content-Type application/gzip; Repr-Digest and ETag carry its SHA-256)."""
    checksum = name.endswith(".sha256")
    dump_name = name.removesuffix(".sha256")
    if dump_name not in dumps.DUMPS:
        abort(404)
    made = dumps.ensure(dump_name)
    if made is None:
        response = Response("The dump is being made; try again shortly.\n", status=503,
                            content_type="text/plain; charset=utf-8")
        response.headers["Retry-After"] = "30"
    elif checksum:
        response = Response(f"{made.sha256}  {dump_name}\n", content_type="text/plain; charset=utf-8")
    else:
        response = send_file(made.path, mimetype="application/gzip", as_attachment=True, download_name=dump_name,
                             etag=made.sha256, conditional=True)
        digest = base64.b64encode(bytes.fromhex(made.sha256)).decode()
        response.headers["Repr-Digest"] = f"sha-256=:{digest}:"
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


# -- sitemap -------------------------------------------------------------------------------------------
def xml_response(body: str) -> Response:
    """An XML answer with an ETag (sitemaps are read often, change rarely)."""
    response = Response(body, content_type="application/xml; charset=utf-8")
    response.add_etag()
    finish(response).make_conditional(request)
    return response


def _work_pages() -> list[tuple[str, str | None]]:
    return per_version("sitemap", lambda: work_pages(store(), base()))


@bp.get(urls.SITEMAP)
def sitemap_index() -> Response:
    """The sitemap of work pages (a sitemap index when there are more than 50,000)."""
    pages = _work_pages()
    if len(pages) <= sitemap.SITEMAP_SIZE:
        return xml_response(sitemap.urlset(pages))
    return xml_response(sitemap.index(base(), len(pages)))


@bp.get(urls.SITEMAP_PART.format(number="<int:number>"))
def sitemap_part(number: int) -> Response:
    """One part of a large sitemap."""
    pages = sitemap.part(_work_pages(), number)
    if not pages:
        abort(404)
    return xml_response(sitemap.urlset(pages))
