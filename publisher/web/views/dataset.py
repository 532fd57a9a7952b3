"""The dataset: its VoID + DCAT description (/dataset, /.well-known/void), dumps (/dumps/) and sitemap."""

from __future__ import annotations

import base64
import datetime
import time
from xml.sax.saxutils import escape

from flask import Blueprint, Response, abort, current_app, request, send_file
from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad

from mappings.vocab import DCAT, PREFIXES, XSD
from publisher.read.document import Document, about_document, parse_time
from publisher.read.stats import stats
from publisher.render.html import page
from publisher.render.void import description
from publisher.web import dumps
from publisher.web.cache import per_version
from publisher.web.context import base, store
from publisher.web.negotiation import BY_SUFFIX
from publisher.web.respond import finish, negotiated, preflight

bp = Blueprint("dataset", __name__)
bp.after_request(preflight)
SPDX = "http://spdx.org/rdf/terms#"
SITEMAP_SIZE = 50_000  # URLs per sitemap file (the sitemaps.org limit)
PREFIX = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())


def dataset_document() -> Document:
    """The dataset description as a document (cached per version of the data)."""
    counts = per_version("stats", lambda: stats(store()))
    config = current_app.config
    triples = per_version("description", lambda: description(
        store(), base(), counts, title=config["LODPUB_TITLE"], licence=config["LODPUB_DATA_LICENCE"]))
    doc = Document(iri=base() + "dataset", url=base() + "dataset", kind="dataset")
    doc.quads = [Quad(t.subject, t.predicate, t.object, DefaultGraph()) for t in triples]
    doc.modified = per_version("mapped", last_mapped)
    for name in dumps.DUMPS:
        made = dumps.existing(name)
        if made is not None:
            dist = NamedNode(f"{base()}dataset#dump-{made.fmt}")
            checksum = NamedNode(f"{base()}dataset#sha256-{made.fmt}")
            sha256 = NamedNode(SPDX + "checksumAlgorithm_sha256")
            value = Literal(made.sha256, datatype=XSD.hexBinary)
            doc.quads += [Quad(dist, DCAT.byteSize, Literal(str(made.size), datatype=XSD.nonNegativeInteger)),
                          Quad(dist, NamedNode(SPDX + "checksum"), checksum),
                          Quad(checksum, NamedNode(SPDX + "algorithm"), sha256),
                          Quad(checksum, NamedNode(SPDX + "checksumValue"), value)]
    doc.quads += about_document(doc, current_app.config["LODPUB_DATA_LICENCE"])
    return doc


def last_mapped() -> datetime.datetime | None:
    """When a record was last (re)mapped into the store: the dataset's modification time."""
    query = PREFIX + "SELECT (MAX(?t) AS ?last) WHERE { ?a prov:endedAtTime ?t }"
    for row in store().query(query):  # type: ignore[union-attr]
        return parse_time(row["last"].value) if row["last"] is not None else None
    return None


@bp.get("/dataset")
@bp.get("/.well-known/void")
def dataset() -> Response:
    """The VoID + DCAT description, negotiated like any document."""
    return negotiated(dataset_document())


@bp.get("/dataset.<suffix>")
def dataset_with_suffix(suffix: str) -> Response:
    """The description in the format a suffix names (``/dataset.ttl``)."""
    if suffix not in BY_SUFFIX:
        abort(404)
    return negotiated(dataset_document(), BY_SUFFIX[suffix].key)


# -- dumps ---------------------------------------------------------------------------------------------
@bp.get("/dumps/")
def dumps_index() -> Response:
    """The dumps with their sizes and SHA-256 checksums (made on first visit; large ones in the background)."""
    rows, deadline = [], time.monotonic() + float(current_app.config.get("LODPUB_DUMP_WAIT", 10.0))
    for name, (_fmt, media_type) in dumps.DUMPS.items():
        made = dumps.ensure(name, wait=deadline - time.monotonic())
        rows.append({"name": name, "href": f"/dumps/{name}", "media_type": media_type,
                     "size": made.size if made else None, "sha256": made.sha256 if made else None})
    modified = per_version("mapped", last_mapped)
    body = page("dumps.html", title="Data dumps", dumps=rows, modified=modified)
    response = Response(body, content_type="text/html; charset=utf-8")
    if not all(row["size"] is not None for row in rows):
        response.headers["Retry-After"] = "30"
    return response


@bp.get("/dumps/<name>")
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
def work_pages() -> list[tuple[str, str | None]]:
    """Every work's document URL with its last modification date, sorted."""
    query = PREFIX + ("SELECT ?w (MAX(STR(?m)) AS ?modified) WHERE { ?w dcterms:type ?t . "
                      "OPTIONAL { ?w dcterms:modified ?m } } GROUP BY ?w ORDER BY ?w")
    rows = store().query(query)
    id_base = base() + "id/"
    return [(base() + "doc/" + r["w"].value[len(id_base):], r["modified"].value[:10] if r["modified"] else None)
            for r in rows if r["w"].value.startswith(id_base)]  # type: ignore[union-attr]


def xml_response(body: str) -> Response:
    """An XML answer with an ETag (sitemaps are read often, change rarely)."""
    response = Response(body, content_type="application/xml; charset=utf-8")
    response.add_etag()
    finish(response).make_conditional(request)
    return response


@bp.get("/sitemap.xml")
def sitemap() -> Response:
    """The sitemap of work pages (a sitemap index when there are more than 50,000)."""
    pages = per_version("sitemap", work_pages)
    head = '<?xml version="1.0" encoding="UTF-8"?>\n'
    if len(pages) <= SITEMAP_SIZE:
        return xml_response(head + urlset(pages))
    parts = "".join(f"<sitemap><loc>{escape(base())}sitemap-{n}.xml</loc></sitemap>\n"
                    for n in range(1, (len(pages) - 1) // SITEMAP_SIZE + 2))
    return xml_response(head + '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
                        + parts + "</sitemapindex>\n")


@bp.get("/sitemap-<int:number>.xml")
def sitemap_part(number: int) -> Response:
    """One part of a large sitemap."""
    pages = per_version("sitemap", work_pages)[(number - 1) * SITEMAP_SIZE:number * SITEMAP_SIZE]
    if number < 1 or not pages:
        abort(404)
    return xml_response('<?xml version="1.0" encoding="UTF-8"?>\n' + urlset(pages))


def urlset(pages: list[tuple[str, str | None]]) -> str:
    """A sitemaps.org urlset."""
    lines = [f"<url><loc>{escape(url)}</loc>" + (f"<lastmod>{escape(mod)}</lastmod>" if mod else "") + "</url>"
             for url, mod in pages]
    return ('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + "\n".join(lines)
            + "\n</urlset>\n")
