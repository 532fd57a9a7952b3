"""What keeps a browser safe on lodpub's pages: only http(s) links (pages, Link headers, the SPARQL results page),
a strict Content-Security-Policy and no framing on every HTML answer, router redirects that do not echo the Host
header (issue 18, items 4 and 10). tests/test_browser_links.py runs the pages in Chromium."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from flask.testing import FlaskClient

from publisher.sparql.runtime import shutdown
from publisher.store import open_store
from publisher.urls import safe_href
from publisher.web.app import create_app
from publisher.web.security import DATA_POLICY, PAGE_POLICY
from tests.helpers import BASE
from tests.hostile_links import SCRIPT_URLS, load_hostile_store

HREF = re.compile(r'href="([^"]*)"')


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[FlaskClient, list[str]]]:
    """A client of an app over a store holding script URLs where links go, and the hostile works' IRIs."""
    data = tmp_path_factory.mktemp("hostile") / "data"
    store = open_store(str(data), writable=True)
    works = load_hostile_store(store)
    store.close()
    reader = open_store(str(data))
    app = create_app(reader, LODPUB_BASE_URI=BASE, TESTING=True)
    yield app.test_client(), works
    shutdown(app)


@pytest.mark.parametrize("url, expected", [
    ("http://example.org/a", True), ("HTTPS://example.org", True), ("/doc/work/1", True), ("/sparql?query=x", True),
    ("javascript:alert(1)", False), (" javascript:alert(1)", False), ("java\tscript:alert(1)", False),
    ("JaVaScRiPt:alert(1)", False), ("data:text/html,x", False), ("vbscript:x", False), ("//evil.example/", False),
    ("/\\evil.example", False), ("http:/x", False), ("http://", False), ("", False), ("mailto:a@b", False),
])
def test_safe_href(url: str, expected: bool) -> None:
    assert (safe_href(url) is not None) is expected


def links_in(html: str) -> list[str]:
    return HREF.findall(html)


def test_script_urls_are_text_not_links_on_every_page(hostile: tuple[FlaskClient, list[str]]) -> None:
    client, works = hostile
    pages = [w.replace(BASE + "id/", "/doc/") for w in works] + ["/", "/search?q=mental", "/dataset", "/dumps/"]
    for work in works:
        page = client.get(work.replace(BASE + "id/", "/doc/"), headers={"Accept": "text/html"}).get_data(as_text=True)
        pages += sorted({h for h in links_in(page) if h.startswith("/doc/") and "." not in h.rsplit("/", 1)[-1]})
    seen = 0
    for path in dict.fromkeys(pages):
        response = client.get(path, headers={"Accept": "text/html"})
        assert response.status_code == 200, path
        html = response.get_data(as_text=True)
        bad = [h for h in links_in(html) if safe_href(h.replace("&amp;", "&")) is None]
        assert not bad, (path, bad)
        seen += any(url in html for url in SCRIPT_URLS) or "javascript:alert" in html
        assert response.headers["Content-Security-Policy"] == PAGE_POLICY
        assert response.headers["X-Frame-Options"] == "DENY"
    assert seen >= 3  # the script URLs are on the pages, as text


def test_link_headers_name_http_iris_only(hostile: tuple[FlaskClient, list[str]]) -> None:
    client, works = hostile
    for work in works:
        for accept in ("text/html", "text/turtle", "application/ld+json"):
            response = client.get(work.replace(BASE + "id/", "/doc/"), headers={"Accept": accept})
            targets = re.findall(r"<([^>]*)>", response.headers["Link"])
            assert targets and all(safe_href(t) for t in targets), targets
            if accept != "text/html":
                assert response.headers["Content-Security-Policy"] == DATA_POLICY


def test_the_sparql_results_page_links_http_iris_only(hostile: tuple[FlaskClient, list[str]]) -> None:
    client, _ = hostile
    query = ('SELECT ?x WHERE { VALUES ?s { "javascript:alert(1)" "data:text/html,x" " javascript:x" '
             '"http://example.org/ok" } BIND(IRI(?s) AS ?x) }')
    response = client.get("/sparql", query_string={"query": query, "format": "html"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "javascript:alert(1)" in html
    assert 'href="http://example.org/ok"' in html
    assert all(safe_href(h.replace("&amp;", "&")) for h in links_in(html)), links_in(html)
    assert response.headers["Content-Security-Policy"] == PAGE_POLICY
    assert '<script src="/static/sparql.js"></script>' in html  # the page's own script, allowed by 'self'


def test_embed_fragments_and_errors_carry_the_policy(hostile: tuple[FlaskClient, list[str]]) -> None:
    client, works = hostile
    work_id = works[0].rsplit("/", 1)[-1]
    for path in (f"/embed/{work_id}", "/doc/work/no-such-work", "/doi/10.9999/none", "/sparql"):
        response = client.get(path, headers={"Accept": "text/html"})
        assert response.headers["Content-Security-Policy"] == PAGE_POLICY, path
        assert response.headers["X-Frame-Options"] == "DENY"


def test_a_trailing_slash_redirect_does_not_echo_the_host_header(client: FlaskClient) -> None:
    response = client.get("/dumps", headers={"Host": "evil.example"})
    assert response.status_code in (301, 308)
    assert response.headers["Location"] == "/dumps/"


def test_static_files_are_served_under_the_policy(client: FlaskClient) -> None:
    for name in ("sparql.js", "lodpub.css", "sparql.css"):
        response = client.get(f"/static/{name}")
        assert response.status_code == 200 and response.headers["X-Content-Type-Options"] == "nosniff"
