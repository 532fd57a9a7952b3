"""A real browser on a real server: headless Chromium (Playwright) browses the pages of `lodpub serve`.

Opens the home page, searches, follows a work to its author and journal, with JavaScript off (the pages
need none); then, with JavaScript on, a record whose title and abstract hold ``</script><script>`` and
``<!--`` shows them as text and runs no script. Every request must stay on the loopback server.
"""

from __future__ import annotations

import os
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, Route

from mappings.uris import Minter
from tests import servers
from tests.helpers import BASE, HOSTILE_ABSTRACT, HOSTILE_RECORD, HOSTILE_TITLE, SAMPLES, free_port, need

try:
    from playwright.sync_api import Browser, Dialog, sync_playwright
except ImportError:  # pragma: no cover - reported by need() below
    sync_playwright = None  # type: ignore[assignment]

pytestmark = pytest.mark.browser
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`lodpub serve` on a loopback port over a disk store holding the samples and the hostile record."""
    from publisher.ingest.pipeline import ingest
    from publisher.store import open_store

    need(sync_playwright is not None and os.path.exists(CHROMIUM), "headless Chromium (Playwright, /usr/bin/chromium)")
    folder = tmp_path_factory.mktemp("browser")
    (folder / "hostile.xml").write_text(HOSTILE_RECORD, encoding="utf-8")
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    store = open_store(str(folder / "store"), writable=True)
    summary = ingest([str(SAMPLES), str(folder / "hostile.xml")], store, Minter(base))
    store.close()
    assert summary.rejected == 0 and summary.written > 1, summary
    with servers.lodpub({"LODPUB_STORE": str(folder / "store")}, kind="serve", base=base, port=port) as running:
        yield running.url + "/"


@pytest.fixture(scope="module")
def browser(server: str) -> Iterator[Browser]:
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Watch:
    """What a page did that it should not: dialogs, console errors, page errors, requests off the server."""

    def _dialog(self, dialog: Dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def __init__(self, page: Page, base: str) -> None:
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.off_site: list[str] = []
        page.on("dialog", self._dialog)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)

        def only_loopback(route: Route) -> None:
            if route.request.url.startswith(base):
                route.continue_()
            else:
                self.off_site.append(route.request.url)
                route.abort()

        page.route("**/*", only_loopback)


def test_browse_search_and_follow_links_without_javascript(browser: Browser, server: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    watch = Watch(page, server)
    page.goto(server)
    assert page.locator("h1").first.inner_text() == "lodpub linked data"
    assert int(page.locator("td.n.works").inner_text()) >= 20
    page.fill("#home-q", "safe space")
    page.press("#home-q", "Enter")
    page.wait_for_url("**/search?q=safe+space")
    results = page.locator("ol.results li a")
    assert results.count() >= 2
    article = results.filter(has_text="It is a safe space").first
    article.click()
    page.wait_for_url("**/doc/work/*")
    assert "safe space" in page.locator("h1").inner_text()
    work_url = page.url
    page.locator("dd.authors a", has_text="Boyce").first.click()
    page.wait_for_url("**/doc/person/*")
    person_page = page.url
    assert "Boyce" in page.locator("h1").inner_text()
    assert page.locator("section.identity li").count() >= 1  # why the records name one person
    assert page.locator("ol.works li a").count() >= 2  # their works from every source
    page.goto(work_url)
    page.locator("a.journal").click()
    page.wait_for_url("**/doc/journal/issn-1361-9322")
    assert page.locator("h1").inner_text().lower().startswith("mental health review")
    assert page.locator("ol.works li a").count() >= 1
    page.goto(person_page.replace("/doc/", "/id/"))  # a URI: 303 to the document
    assert page.url == person_page
    assert not watch.dialogs and not watch.off_site, (watch.dialogs, watch.off_site)
    context.close()


def test_hostile_record_shows_as_text_and_runs_nothing(browser: Browser, server: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    watch = Watch(page, server)
    page.goto(server + "search?q=hostile")
    link = page.locator("ol.results li a").first
    assert link.inner_text() == HOSTILE_TITLE
    link.click()
    page.wait_for_url("**/doc/work/*")
    assert page.locator("h1").inner_text() == HOSTILE_TITLE
    assert page.locator("section.abstract p").inner_text() == HOSTILE_ABSTRACT
    assert page.title().startswith(HOSTILE_TITLE)
    scripts = page.evaluate("Array.from(document.scripts).filter(s => !s.src).map(s => s.type)")
    assert scripts == ["application/ld+json"]  # the only inline script: data (cite.js comes from /static/)
    data = page.evaluate("JSON.parse(document.querySelector('script[type=\"application/ld+json\"]').textContent)")
    assert data["name"] == HOSTILE_TITLE and data["abstract"] == HOSTILE_ABSTRACT
    assert page.evaluate("document.querySelector('meta[name=citation_title]').content") == HOSTILE_TITLE
    page.locator("a.journal").click()
    page.wait_for_url("**/doc/journal/**")
    assert "</script>" in page.locator("h1").inner_text()
    page.go_back()
    page.wait_for_timeout(300)  # give any injected script the chance to run
    assert not watch.dialogs, watch.dialogs
    assert not watch.errors, watch.errors
    assert not watch.off_site, watch.off_site
    context.close()


WORK_OF_THE_SEED_ARTICLE = Minter(BASE).work_for_doi("10.1108/MHRJ-06-2017-0021").rsplit("/", 1)[-1]


def test_server_is_the_real_thing(server: str) -> None:
    work = server + "id/work/" + WORK_OF_THE_SEED_ARTICLE
    request = urllib.request.Request(work, headers={"Accept": "text/turtle"})
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - loopback only; follows the 303
        assert response.url == server + "doc/work/" + WORK_OF_THE_SEED_ARTICLE + ".ttl"
        assert response.headers["Content-Type"] == "text/turtle; charset=utf-8"
        assert b"foaf:name" in response.read()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(pytest.main([str(Path(__file__))]))
