"""No script runs from lodpub's pages in Chromium: every page kind and /embed, loaded and with every link clicked,
over a store whose data holds ``javascript:`` and ``data:`` URLs where links go (issue 18, item 4). Also: the
SPARQL page's own script and style sheets still work under the Content-Security-Policy.
"""

from __future__ import annotations

import os
import urllib.parse
from collections.abc import Iterator

import pytest

from publisher import urls
from publisher.store import open_store, term_value
from tests import servers
from tests.helpers import free_port, need
from tests.hostile_links import load_hostile_store

try:
    from playwright.sync_api import Browser, Dialog, Page, Response, Route, sync_playwright
    from playwright.sync_api import Error as PlaywrightError
except ImportError:  # pragma: no cover - reported by need() below
    sync_playwright = None  # type: ignore[assignment]

pytestmark = pytest.mark.browser
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
MAX_CLICKS = 400  # distinct links clicked in all (bounded)
HOSTILE_QUERY = ('SELECT ?x ?y WHERE { VALUES ?s { "javascript:alert(document.domain)" "data:text/html,x" } '
                 'BIND(IRI(?s) AS ?x) BIND(IRI("JavaScript:alert(3)") AS ?y) }')


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, list[str]]]:
    """gunicorn over the hostile store; the base URL and one page of every kind (and /embed, the SPARQL pages)."""
    need(sync_playwright is not None and os.path.exists(CHROMIUM), "headless Chromium (Playwright, /usr/bin/chromium)")
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    data = tmp_path_factory.mktemp("links") / "data"
    store = open_store(str(data), writable=True)
    works = load_hostile_store(store, base)
    by_kind: dict[str, str] = {}
    for quad in store.match():
        iri = term_value(quad.subject)
        if urls.is_thing(iri, base):
            kind = urls.kind_of(urls.thing_path(iri, base))
            by_kind[kind] = min(by_kind.get(kind, iri), iri)
    store.close()
    pages = ["", "search?q=mental", "dataset", "dumps/", "sparql", "doc/work/no-such-work", "doi/10.9999/none",
             "sparql?" + urllib.parse.urlencode({"query": HOSTILE_QUERY, "format": "html"}),
             *(urls.page_link(w, base).lstrip("/") for w in works),
             *(urls.page_link(iri, base).lstrip("/") for _, iri in sorted(by_kind.items())),
             *(f"embed/{w.rsplit('/', 1)[-1]}" for w in works)]
    with servers.lodpub({"LODPUB_STORE": str(data)}, base=base, port=port, workers=1, threads=4):
        yield base, pages


@pytest.fixture(scope="module")
def browser(site: tuple[str, list[str]]) -> Iterator[Browser]:
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def visit(page: Page, url: str) -> Response | None:
    """Go to ``url`` (again after a click's navigation, which an off-site link turns into an error page)."""
    for attempt in range(3):
        try:
            return page.goto(url, wait_until="domcontentloaded")
        except PlaywrightError:
            if attempt == 2:
                raise
            page.wait_for_timeout(200)
    return None


class Runs:
    """What ran on a page that should not have: dialogs (``alert``), page errors; requests that left the server."""

    def __init__(self, page: Page, base: str) -> None:
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.off_site: list[str] = []
        page.on("dialog", self._dialog)
        page.on("pageerror", lambda e: self.errors.append(str(e)))

        def only_loopback(route: Route) -> None:
            if route.request.url.startswith(base):
                route.continue_()
            else:
                self.off_site.append(route.request.url)
                route.abort()

        page.route("**/*", only_loopback)

    def _dialog(self, dialog: Dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()


def test_no_script_runs_on_load_or_on_any_click(browser: Browser, site: tuple[str, list[str]]) -> None:
    base, pages = site
    context = browser.new_context()
    page = context.new_page()
    runs = Runs(page, base)
    clicked: set[str] = set()
    kinds = 0
    for path in pages:
        response = visit(page, base + path)
        assert response is not None and response.status in (200, 404), (path, response and response.status)
        if response.headers.get("content-type", "").startswith("text/html"):
            assert "script-src 'self'" in response.headers["content-security-policy"], path
            assert response.headers["x-frame-options"] == "DENY"
            kinds += 1
        hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
        assert all(h.startswith(("http://", "https://")) for h in hrefs), (path, hrefs)
        fresh = True
        for index, href in enumerate(hrefs):
            if href in clicked or len(clicked) >= MAX_CLICKS:
                continue
            clicked.add(href)
            if not fresh:  # the last click may have navigated (or started to): load the page again
                visit(page, base + path)
            page.locator("a[href]").nth(index).click(no_wait_after=True, timeout=5000)
            page.wait_for_timeout(30)
            fresh = False
    page.wait_for_timeout(300)  # give anything injected the chance to run
    print(f"\n{len(pages)} pages ({kinds} HTML) loaded, {len(clicked)} distinct links clicked: "
          f"{len(runs.dialogs)} script executions, {len(runs.off_site)} off-site requests stopped by the test")
    assert not runs.dialogs and not runs.errors, (runs.dialogs, runs.errors)
    assert len(clicked) > 50
    context.close()


def test_the_sparql_page_script_works_under_the_policy(browser: Browser, site: tuple[str, list[str]]) -> None:
    base, _ = site
    context = browser.new_context()
    page = context.new_page()
    runs = Runs(page, base)
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(base + "sparql")
    before = page.input_value("#query")
    page.select_option("#example", "1")
    assert page.input_value("#query") != before  # sparql.js ran: the example picker filled the editor
    assert page.evaluate("getComputedStyle(document.body).fontFamily")  # the style sheets loaded
    page.click("button[type=submit]")
    page.wait_for_selector("section.results")
    assert not violations and not runs.dialogs and not runs.errors, (violations, runs.errors)
    context.close()
