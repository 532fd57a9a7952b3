"""Pages for people: the home page (what the dataset holds), title/author search, and HTML error pages."""

from __future__ import annotations

from flask import Blueprint, Response, request
from pyoxigraph import Literal
from werkzeug.exceptions import HTTPException

from mappings.vocab import PREFIXES
from publisher.read.stats import stats
from publisher.render.html import error_page, page
from publisher.web.cache import per_version
from publisher.web.context import store
from publisher.web.negotiation import BY_KEY, RDF_KEYS, AcceptError, negotiate

bp = Blueprint("pages", __name__)
PREFIX = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())
MAX_WORDS = 8
MAX_RESULTS = 100


def html(body: bytes, status: int = 200) -> Response:
    """An HTML response."""
    response = Response(body, status=status, content_type="text/html; charset=utf-8")
    response.vary.add("Accept")
    return response


@bp.get("/")
def home() -> Response:
    """What the dataset holds, a search box, the SPARQL endpoint and the dumps."""
    counts = per_version("stats", lambda: stats(store()))
    recent = per_version("recent", recent_works)
    alternates = [{"href": f"/dataset.{BY_KEY[k].suffix}", "type": BY_KEY[k].media_type,
                   "label": f"Dataset description ({BY_KEY[k].label})"} for k in RDF_KEYS if k != "html"]
    response = html(page("home.html", title="Home", stats=counts, recent=recent, alternates=alternates))
    response.add_etag()
    response.make_conditional(request)
    return response


def recent_works(limit: int = 10) -> list[dict[str, str | None]]:
    """The most recently modified works (title and date)."""
    query = PREFIX + ("SELECT ?w (SAMPLE(?t) AS ?title) (SAMPLE(STR(?d)) AS ?issued) (MAX(STR(?m)) AS ?mod) WHERE { "
                      "?w dcterms:type ?type ; dcterms:title ?t . OPTIONAL { ?w dcterms:issued ?d } "
                      "OPTIONAL { ?w dcterms:modified ?m } } GROUP BY ?w ORDER BY DESC(?mod) ?w LIMIT " + str(limit))
    return [{"iri": r["w"].value, "title": r["title"].value, "issued": r["issued"].value if r["issued"] else None}
            for r in store().query(query)]  # type: ignore[union-attr]


def search_query(words: list[str], limit: int) -> str:
    """SPARQL for works whose titles and creators' names, together, contain every word (case-insensitive).

    The words enter the query only as literals written by pyoxigraph (escaped) in a VALUES block; one
    pass over the works (one subquery per word made Virtuoso refuse queries of many words).
    """
    variables = [f"?q{i}" for i in range(len(words))]
    values = f"VALUES ({' '.join(variables)}) {{ ({' '.join(str(Literal(w)) for w in words)}) }}"
    tests = " && ".join(f"CONTAINS(?hay, {v})" for v in variables)
    return PREFIX + (
        "SELECT ?w (SAMPLE(?t) AS ?title) (SAMPLE(STR(?d)) AS ?issued) "
        "(GROUP_CONCAT(DISTINCT ?name; separator=\"; \") AS ?authors) WHERE {\n"
        "{ SELECT ?w (LCASE(GROUP_CONCAT(DISTINCT STR(?text); separator=\"\\n\")) AS ?hay) WHERE {\n"
        "  ?w dcterms:type ?type .\n"
        "  { ?w dcterms:title ?text } UNION { ?w dcterms:creator|dcterms:contributor ?p . ?p foaf:name ?text }\n"
        "} GROUP BY ?w }\n"
        f"{values}\nFILTER({tests})\n"
        "?w dcterms:title ?t .\n"
        "OPTIONAL { ?w dcterms:issued ?d } OPTIONAL { ?w dcterms:creator ?c . ?c foaf:name ?name }\n"
        f"}} GROUP BY ?w ORDER BY LCASE(SAMPLE(STR(?t))) ?w LIMIT {limit}")


def search_works(text: str, limit: int = MAX_RESULTS) -> list[dict[str, str | None]]:
    """Works matching every word of ``text`` in their title or an author's name."""
    words = [w for w in text.lower().split() if w][:MAX_WORDS]
    if not words:
        return []
    rows = store().query(search_query(words, limit))
    return [{"iri": r["w"].value, "title": r["title"].value, "issued": r["issued"].value if r["issued"] else None,
             "authors": r["authors"].value if r["authors"] else None} for r in rows]  # type: ignore[union-attr]


@bp.get("/search")
def search() -> Response:
    """Simple search over titles and author names."""
    q = request.args.get("q", "").strip()[:200]
    results = search_works(q, MAX_RESULTS + 1) if q else []
    more = len(results) > MAX_RESULTS
    message = f"Only the first {MAX_WORDS} words are used." if len(q.split()) > MAX_WORDS else None
    return html(page("search.html", title=f"Search: {q}" if q else "Search", q=q, results=results[:MAX_RESULTS],
                     more=more, message=message))


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
        response = html(error_page(status, error.name, error.description or ""), status)
    else:
        response = Response(f"{status} {error.name}: {error.description}\n", status=status,
                            content_type="text/plain; charset=utf-8")
    for name, value in error.get_headers():
        if name.lower() == "allow":
            response.headers[name] = value
    return response
