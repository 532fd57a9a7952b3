"""Browse pages: the works by type and by year, and the people, journals and subjects with how many works each
has, paged by key; read from the browse lists kept beside the search index (publisher.search.listing), which the
refresh of the published view keeps current. Cached like the work pages (per version of the store's data)."""

from __future__ import annotations

import re

from flask import Blueprint, Response, abort, request

from publisher import urls
from publisher.render.html import page
from publisher.search import listing, sync
from publisher.search.index import SearchIndex
from publisher.web.context import settings, store
from publisher.web.page_cache import cached
from publisher.web.views.pages import html

bp = Blueprint("browse", __name__)
PAGE_SIZE = 50
THINGS = {"people": ("person", "People"), "journals": ("journal", "Journals"), "subjects": ("subject", "Subjects")}
KIND = re.compile(r"^[A-Za-z]{1,60}$")
YEAR = re.compile(r"^[0-9X]{4}$")


def _index() -> SearchIndex | None:
    return sync.ready(store())


def _not_ready() -> Response:
    response = html(page(settings(), "browse.html", title="Browse", ready=False), 503)
    response.headers["Retry-After"] = "30"
    return response


def _keys() -> tuple[str | None, str | None]:
    after, before = request.args.get("after"), request.args.get("before")
    return (after[:2000] if after else None), (before[:2000] if before else None)


@bp.get(urls.BROWSE)
def overview() -> Response:
    """Works by type and by year, and the lists of people, journals and subjects, each with a count."""
    def build() -> Response:
        index = _index()
        if index is None:
            return _not_ready()
        conn = index.conn
        return html(page(settings(), "browse.html", title="Browse", ready=True, types=listing.counts(conn, "kind"),
                         years=listing.counts(conn, "year"), totals=listing.totals(conn),
                         works=listing.count(conn, "all"), things=THINGS))
    return cached(build)


@bp.get(urls.BROWSE_TYPE + "<kind>")
@bp.get(urls.BROWSE_YEAR + "<year>")
def works(kind: str | None = None, year: str | None = None) -> Response:
    """The works of one type or one year, by title, a page at a time."""
    if (kind is not None and not KIND.match(kind)) or (year is not None and not YEAR.match(year)):
        abort(404)

    def build() -> Response:
        index = _index()
        if index is None:
            return _not_ready()
        after, before = _keys()
        column, value = ("kind", kind) if kind is not None else ("year", year)
        found = listing.works_page(index.conn, column, value or "", after, before, PAGE_SIZE)
        if not found.rows and after is None and before is None:
            abort(404)
        total = listing.count(index.conn, column, value or "")
        return html(page(settings(), "browse_works.html", title=value, kind=kind, year=year, found=found,
                         total=total, rows=[{"iri": r[2], "title": r[3], "kind": r[4], "year": r[5],  # type: ignore[index]
                                             "authors": r[6]} for r in found.rows]))  # type: ignore[index]
    return cached(build)


@bp.get(urls.BROWSE_THINGS + "<any(people, journals, subjects):which>")
def things(which: str) -> Response:
    """The people, journals or subjects by name, each with its number of works, a page at a time."""
    def build() -> Response:
        index = _index()
        if index is None:
            return _not_ready()
        facet, label = THINGS[which]
        after, before = _keys()
        found = listing.things_page(index.conn, facet, after, before, PAGE_SIZE)
        return html(page(settings(), "browse_things.html", title=label, which=which, found=found,
                         total=listing.totals(index.conn).get(facet, 0)))
    return cached(build)
