"""What a librarian reads on the pages (issue 19), in a real browser on `lodpub serve`: words instead of codes,
files with names, types and sizes, lists without a citation per item, and the "Cite this" box, with JavaScript off,
and on under a strict Content-Security-Policy (no inline script) with and without ``connect-src``.

Set LODPUB_SCREENSHOTS=DIR to keep a full-page screenshot of each page checked here (for a person to look at).
"""

from __future__ import annotations

import os
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Route, expect
from playwright.sync_api import Error as PlaywrightError

from tests.test_browser import Watch, browser, server

pytestmark = pytest.mark.browser
__all__ = ["browser", "server"]  # the fixtures of tests/test_browser.py: one served store for both modules
ARTICLE = "10.1109/LCSYS.2021.3050609"  # Crossref + CaltechAUTHORS EPrints: files with sizes and versions
CHAPTER_DOI = "10.21832/9781847691293-003"
STRICT = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; "
          "base-uri 'none'; frame-ancestors 'none'")  # no connect-src: the box must fall back to reloading
SELF = "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'none'"


def shot(page: Page, name: str) -> None:
    """Keep a full-page screenshot when LODPUB_SCREENSHOTS names a folder."""
    folder = os.environ.get("LODPUB_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def with_csp(page: Page, server: str, policy: str) -> None:
    """Every answer from the server carries ``policy`` (what a hardened deployment sends); registered after
    :class:`Watch`, so it runs first and hands other requests on to the watch's guard."""
    def add_policy(route: Route) -> None:
        if not route.request.url.startswith(server):
            route.fallback()
            return
        try:
            answer = route.fetch(max_redirects=0)  # a 303 goes back to the browser as it is
            route.fulfill(response=answer, headers={**answer.headers, "content-security-policy": policy})
        except PlaywrightError:  # the page went on (a reload) while this answer was on its way
            return

    page.route("**/*", add_policy)


@pytest.fixture()
def no_js(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1000, "height": 900})
    yield context.new_page()
    context.close()


def work_page(page: Page, server: str, doi: str, query: str = "") -> None:
    page.goto(f"{server}doi/{doi}{query}")
    page.wait_for_url("**/doc/work/*")


def test_codes_are_words_and_files_are_described(no_js: Page, server: str) -> None:
    page = no_js
    watch = Watch(page, server)
    work_page(page, server, ARTICLE)
    shot(page, "work-article")
    facts = {dt.inner_text(): dd.inner_text() for dt, dd in zip(page.locator("dl.facts dt").all(),
                                                                page.locator("dl.facts dd").all(), strict=True)}
    assert facts["Language"] == "English"
    assert facts["Status"] == "Peer reviewed · Published"
    files = page.locator("dd.files li")
    assert files.count() == 2
    assert files.nth(0).inner_text() == "2009.09100.pdf PDF · 3.6 MB · Submitted version"
    assert files.nth(1).inner_text() == "09319250.pdf PDF · 3.6 MB · Accepted version"
    assert files.nth(1).locator("a").get_attribute("href") == "https://authors.library.caltech.edu/106567/3/09319250.pdf"
    sources = page.locator("section.provenance li").all_inner_texts()
    assert any("(Crossref)" in s for s in sources) and any("(EPrints XML)" in s for s in sources)
    # an EPrints thesis: its statuses and version in words, once each
    page.goto(server + "search?q=safe+space")
    theses = [a.get_attribute("href") for a in page.locator("ol.results li a", has_text="It's a safe space").all()]
    statuses = {}
    for href in theses:  # the repository's records of the thesis (the catalogue's has no status)
        page.goto(server.rstrip("/") + str(href))
        if page.locator("dd.status").count():
            statuses[href] = page.locator("dd.status").inner_text()
            if statuses[href].startswith("Unpublished"):
                assert page.locator("dd.files li").first.inner_text() == "Boyce_2016.pdf PDF"
                shot(page, "work-thesis")
    assert "Unpublished · Not peer reviewed · Accepted version" in statuses.values(), statuses
    # a subject heading's scheme by its name
    page.goto(server + "doc/concept/computer-algorithms")
    assert page.locator("dd.schemes").inner_text() == "British Library catalogue headings"
    shot(page, "concept-bl")
    page.goto(server + "doc/concept/robotics")
    assert page.locator("dd.schemes").inner_text() == "Keywords"
    assert not watch.off_site


def test_lists_show_type_and_year_not_a_citation(no_js: Page, server: str) -> None:
    page = no_js
    work_page(page, server, ARTICLE)
    page.locator("dd.authors a", has_text="Singletary").click()
    page.wait_for_url("**/doc/person/**")
    shot(page, "person")
    item = page.locator("ol.works li").first
    assert item.locator(".citation").count() == 0
    assert item.locator(".work-meta").inner_text() == "Scholarly article · 2022"
    assert "IEEE Control Systems Letters, vol. 6" not in item.inner_text()  # the source's citation string
    page.goto(server + "doc/concept/robotics")
    assert page.locator("ol.works li .work-meta").first.inner_text() == "Scholarly article · 2022"
    assert page.locator("ol.works .citation").count() == 0


def test_cite_this_without_javascript(no_js: Page, server: str) -> None:
    page = no_js
    work_page(page, server, ARTICLE)
    box = page.locator("section#cite")
    assert box.locator("h2").inner_text() == "Cite this"
    assert box.locator("select option").all_inner_texts() == ["APA (7th edition)", "Harvard (Cite Them Right)",
                                                                "Chicago (author-date)", "Vancouver"]
    assert box.locator(".reference").inner_text().startswith("Singletary, A., Kolathaya, S., & Ames, A. D. (2022).")
    assert box.locator("button.cite-copy").is_hidden()  # copying needs JavaScript
    box.locator("select").select_option("harvard")
    box.locator("button.cite-show").click()
    page.wait_for_url("**?style=harvard#cite")
    assert page.locator("section#cite .reference").inner_text() == (
        "Singletary, A., Kolathaya, S. and Ames, A.D. (2022) ‘Safety-Critical Kinematic Control of Robotic Systems’, "
        "IEEE Control Systems Letters, 6, pp. 139–144. Available at: https://doi.org/10.1109/LCSYS.2021.3050609.")
    assert page.locator("section#cite select").input_value() == "harvard"
    shot(page, "cite-harvard-nojs")
    page.locator("section#cite select").select_option("vancouver")
    page.locator("section#cite button.cite-show").click()
    page.wait_for_url("**?style=vancouver#cite")
    assert page.locator("section#cite .reference").inner_text().startswith("Singletary A, Kolathaya S, Ames AD.")
    downloads = {a.inner_text(): (a.get_attribute("href"), a.get_attribute("download"))
                 for a in page.locator(".cite-downloads a").all()}
    assert list(downloads) == ["BibTeX", "RIS", "CSL-JSON"]
    assert downloads["BibTeX"][1] == "singletary2022safety.bib" and downloads["RIS"][1] == "singletary2022safety.ris"
    base = server.rstrip("/")
    for label, start in (("BibTeX", b"@article{singletary2022safety,"), ("RIS", b"TY  - JOUR"), ("CSL-JSON", b"{")):
        with urllib.request.urlopen(base + str(downloads[label][0]), timeout=10) as answer:  # noqa: S310 - loopback
            assert answer.read().startswith(start), label
    page.goto(f"{server}doi/{ARTICLE}?style=no-such-style")  # an unknown style shows the default, never an error
    assert page.locator("section#cite select").input_value() == "apa"


@pytest.mark.parametrize("policy", [SELF, STRICT], ids=["csp-self", "csp-strict"])
def test_cite_this_with_javascript_under_a_csp(browser: Browser, server: str, policy: str) -> None:
    context = browser.new_context(viewport={"width": 1000, "height": 900})
    page = context.new_page()
    watch = Watch(page, server)
    with_csp(page, server, policy)
    work_page(page, server, ARTICLE)
    page.goto(page.url)  # the document itself (a followed redirect is not routed again, so had no policy)
    box = page.locator("section#cite")
    assert box.locator("button.cite-show").is_hidden() and box.locator("button.cite-copy").is_visible()
    page.evaluate("window.__same_page = true")
    box.locator("select").select_option("chicago")
    expect(box.locator(".reference")).to_have_attribute("data-style", "chicago")  # (no eval: the CSP forbids it)
    assert box.locator(".reference").inner_text().startswith("Singletary, Andrew, Shishir Kolathaya, and Aaron D. Ames."
                                                             " 2022. “Safety-Critical Kinematic Control")
    assert page.url.endswith("?style=chicago#cite")
    same_page = page.evaluate("window.__same_page === true")
    assert same_page == (policy == SELF)  # fetched in place; without connect-src the form reloads the page
    box.locator("select").select_option("vancouver")
    expect(box.locator(".reference")).to_have_attribute("data-style", "vancouver")
    assert box.locator(".reference").inner_text().startswith("Singletary A, Kolathaya S, Ames AD.")  # no "1. "
    shot(page, f"cite-js-{'self' if policy == SELF else 'strict'}")
    unexpected = [e for e in watch.errors  # the strict policy refuses the fetch (then the form reloads the page)
                  if policy == SELF or not ("Content Security Policy" in e and "connect" in e.lower())]
    assert not unexpected and not watch.dialogs and not watch.off_site, (unexpected, watch.off_site)
    page.unroute_all(behavior="ignoreErrors")  # a request still in flight must not fail the next test
    context.close()


def test_a_chapter_names_its_book(no_js: Page, server: str) -> None:
    page = no_js
    work_page(page, server, CHAPTER_DOI)
    host = page.locator("dd.host")
    assert host.locator("a.book").count() == 1
    shot(page, "work-chapter")
    tags = page.evaluate("Array.from(document.querySelectorAll('meta[name^=citation_]')).map(m => [m.name, m.content])")
    book = dict(tags).get("citation_inbook_title")
    assert book and host.locator("a.book").inner_text() == book and dict(tags)["citation_book_title"] == book
    data = page.evaluate("JSON.parse(document.querySelector('script[type=\"application/ld+json\"]').textContent)")
    parts = data["isPartOf"] if isinstance(data["isPartOf"], list) else [data["isPartOf"]]
    books = [p for p in parts if p["@type"] == "Book"]
    href = host.locator("a.book").get_attribute("href") or ""
    assert len(books) == 1 and books[0]["name"] == book and books[0]["@id"].endswith(href.removeprefix("/doc/"))


def test_unknown_doi_links_to_doi_org(no_js: Page, server: str) -> None:
    page = no_js
    watch = Watch(page, server)
    page.goto(server + "doi/10.9999/not-here")
    assert page.locator("h1").inner_text() == "Unknown DOI"
    link = page.locator("article.error p.see a")
    assert link.get_attribute("href") == "https://doi.org/10.9999/not-here"
    shot(page, "unknown-doi")
    link.click()
    page.wait_for_timeout(300)
    assert watch.off_site == ["https://doi.org/10.9999/not-here"]  # followed (and stopped by the test's guard)
