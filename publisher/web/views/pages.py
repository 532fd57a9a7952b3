"""Pages for people: the home page (what the dataset holds), title/author search, and HTML error pages."""

from __future__ import annotations

from flask import Blueprint, Response, request
from werkzeug.exceptions import HTTPException

from publisher import formats, urls
from publisher.read.search import MAX_WORDS, SearchTimeout, search_works
from publisher.read.stats import recent_works, stats
from publisher.render.html import alternate, error_page, page
from publisher.search import sync
from publisher.web.cache import per_version
from publisher.web.context import settings, store
from publisher.web.negotiation import AcceptError, negotiate
from publisher.web.page_cache import cached

bp = Blueprint("pages", __name__)
MAX_RESULTS = 100


def html(body: bytes, status: int = 200) -> Response:
    """An HTML response."""
    response = Response(body, status=status, content_type="text/html; charset=utf-8")
    response.vary.add("Accept")
    return response


@bp.get(urls.HOME)
def home() -> Response:
    """What the dataset holds, a search box, the SPARQL endpoint and the dumps."""
    counts = per_version("stats", lambda: stats(store()))
    recent = per_version("recent", lambda: recent_works(store()))
    alternates = [alternate(urls.format_url(urls.DATASET, f.suffix or f.key), f, f"Dataset description ({f.label})")
                  for f in map(formats.get, formats.RDF_KEYS)]
    response = html(page(settings(), "home.html", title="Home", stats=counts, recent=recent, alternates=alternates))
    response.add_etag()
    response.make_conditional(request)
    return response


@bp.get(urls.SEARCH)
def search() -> Response:
    """Full-text search of the works (titles, authors, abstracts, identifiers), ranked; cached per data version
    once the index is whole."""
    if sync.ready(store()) is None:
        return _search()
    return cached(_search)


def _search() -> Response:
    q = request.args.get("q", "").strip()[:200]
    try:
        results, ranked = search_works(store(), q, MAX_RESULTS + 1) if q else ([], True)
    except SearchTimeout as exc:
        return html(page(settings(), "search.html", title=f"Search: {q}", q=q, results=[], more=False,
                         message=f"This search took too long ({exc}); try more specific words."), 503)
    more = len(results) > MAX_RESULTS
    message = f"Only the first {MAX_WORDS} words are used." if len(q.split()) > MAX_WORDS else None
    if not ranked:
        message = "The search index is being built: until it is ready, titles and authors' names are matched."
    return html(page(settings(), "search.html", title=f"Search: {q}" if q else "Search", q=q,
                     results=results[:MAX_RESULTS], more=more, message=message))


@bp.app_errorhandler(404)
@bp.app_errorhandler(405)
def http_error(error: HTTPException) -> Response:
    """Errors the app raises: an HTML page for browsers, plain text for everyone else."""
    status = error.code or 500
    try:
        wants_html = (chosen := negotiate(request.headers.get("Accept"), ("html", "nt"))) is not None \
            and chosen.representation.key == "html"
    except AcceptError:
        wants_html = False
    if wants_html:
        response = html(error_page(settings(), status, error.name, error.description or ""), status)
    else:
        response = Response(f"{status} {error.name}: {error.description}\n", status=status,
                            content_type="text/plain; charset=utf-8")
    for name, value in error.get_headers():
        if name.lower() == "allow":
            response.headers[name] = value
    return response
