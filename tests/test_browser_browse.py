"""Browse and search in a real browser on `lodpub serve` (issue 19): the home page's counts lead to the lists, the
lists show counts and lead to the things, search finds what people type (accents, DOIs, phrases) and shows type,
year and a highlighted snippet that no record can turn into markup; person, journal and subject pages carry
JSON-LD a browser parses.

Set LODPUB_SCREENSHOTS=DIR to keep a full-page screenshot of each page checked here (for a person to look at).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from tests.helpers import HOSTILE
from tests.test_browser import Watch, browser, server
from tests.test_browser_pages import shot

pytestmark = pytest.mark.browser
__all__ = ["browser", "server"]
CHAPTER_DOI = "10.21832/9781847691293-003"


@pytest.fixture()
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    yield context.new_page()
    context.close()


def count_of(text: str) -> int:
    found = re.search(r"\((\d+)\)\s*$", text)
    assert found, text
    return int(found.group(1))


def test_home_counts_lead_to_the_lists(page: Page, server: str) -> None:
    watch = Watch(page, server)
    page.goto(server)
    rows = page.locator("section.stats th a")
    assert {"Works", "People", "Journals", "Subjects"} <= set(rows.all_inner_texts())
    page.locator("section.stats th a", has_text="People").click()
    page.wait_for_url("**/browse/people")
    assert page.locator("h1").inner_text() == "People"
    people = page.locator("ul.things li")
    assert people.count() > 10
    first = people.first
    assert re.match(r"^.+, .+ \(\d+\)$", first.inner_text())  # "Family, Given (n)"
    shot(page, "browse-people")
    page.goto(server)
    page.locator("section.stats th a", has_text="Journals").click()
    page.wait_for_url("**/browse/journals")
    journal = page.locator("ul.things li").first
    n = count_of(journal.inner_text())
    journal.locator("a").click()
    page.wait_for_url("**/doc/journal/**")
    assert page.locator("section h2", has_text="Articles").inner_text() == f"Articles ({n})"
    assert not watch.errors and not watch.dialogs and not watch.off_site


def test_browse_by_type_and_year(page: Page, server: str) -> None:
    watch = Watch(page, server)
    page.goto(server + "browse")
    shot(page, "browse")
    types = page.locator("nav.types li")
    years = page.locator("nav.years li")
    assert types.count() >= 5 and years.count() >= 5
    article = page.locator("nav.types li", has_text="Scholarly article")
    n = count_of(article.inner_text())
    article.locator("a").click()
    page.wait_for_url("**/browse/type/ScholarlyArticle")
    assert page.locator("h1").inner_text() == "Scholarly article"
    assert page.locator("p.count").inner_text() == f"{n} works, by title."
    items = page.locator("ol.results li")
    assert items.count() == n and all(re.search(r"\b(19|20)\d\d\b", t) for t in items.all_inner_texts())
    shot(page, "browse-type")
    page.goto(server + "browse")
    year = page.locator("nav.years li").first
    label, n = year.locator("a").inner_text(), count_of(year.inner_text())
    year.locator("a").click()
    page.wait_for_url(f"**/browse/year/{label}")
    assert page.locator("h1").inner_text() == f"Works of {label}"
    assert page.locator("ol.results li").count() == n
    assert page.locator("p.count").inner_text().startswith(f"{n} work")
    assert not watch.errors and not watch.off_site


def test_search_finds_what_people_type(page: Page, server: str) -> None:
    watch = Watch(page, server)
    page.goto(server)
    page.locator("#home-q").fill("Dornyei")
    page.locator("section.intro button").click()
    page.wait_for_url("**/search?q=Dornyei")
    results = page.locator("ol.results li")
    assert results.count() >= 1
    first = results.first
    assert first.locator(".kind").inner_text() == "Chapter" and first.locator(".date").inner_text() == "2009"
    assert "Dörnyei" in first.locator("mark").all_inner_texts()  # found without the accent, highlighted with it
    shot(page, "search-accents")
    page.goto(server + "search?q=" + CHAPTER_DOI)
    assert page.locator("ol.results li").count() >= 1
    page.locator("ol.results li a").first.click()
    page.wait_for_url("**/doc/work/**")
    assert CHAPTER_DOI.lower() in page.content().lower()
    page.goto(server + 'search?q="safe space"')
    phrase = page.locator("ol.results li")
    assert phrase.count() >= 2 and page.locator("p.count").inner_text().endswith("best first.")
    assert page.locator("ol.results li .snippet mark").count() >= 1
    shot(page, "search-phrase")
    page.goto(server + 'search?q="space safe"')
    assert page.locator("ol.results li").count() == 0
    assert not watch.errors and not watch.dialogs and not watch.off_site


def test_a_snippet_cannot_become_markup(page: Page, server: str) -> None:
    watch = Watch(page, server)
    page.goto(server + "search?q=alert+abstract")
    snippet = page.locator("ol.results li .snippet")
    assert snippet.count() == 1
    assert HOSTILE in snippet.inner_text()  # the record's text, shown as text
    assert snippet.locator("script").count() == 0 and snippet.locator("mark").count() >= 1
    assert [e.evaluate("e => e.tagName") for e in snippet.locator("*").all()] == \
        ["MARK"] * snippet.locator("*").count()
    shot(page, "search-hostile")
    assert not watch.dialogs and not watch.errors


def test_person_journal_and_subject_pages_have_json_ld(page: Page, server: str) -> None:
    def data() -> dict[str, Any]:
        found = page.evaluate("Array.from(document.querySelectorAll('script[type=\"application/ld+json\"]'))"
                              ".map(s => JSON.parse(s.textContent))")
        assert len(found) == 1
        return dict(found[0])

    page.goto(server + "search?q=boyce")
    page.locator("ol.results li a").first.click()
    page.wait_for_url("**/doc/work/**")
    page.locator("dd.authors a", has_text="Boyce").first.click()
    page.wait_for_url("**/doc/person/**")
    person = data()
    assert person["@type"] == "Person" and person["name"] == page.locator("h1").inner_text()
    assert page.locator("dd.variants").inner_text() == "Melanie J. Boyce"
    assert person["alternateName"] == ["Melanie J. Boyce"]
    shot(page, "person-variants")
    page.goto(server + "browse/journals")
    page.locator("ul.things li a", has_text="Mental Health Review Journal").click()
    journal = data()
    assert journal["@type"] == "Periodical" and sorted(journal["issn"]) == ["1361-9322", "2042-8758"]
    assert "sameAs" not in journal and page.locator("dt", has_text="Web site").count() == 0
    assert page.locator("dd.record-links .note").inner_text().startswith("as the source records give them")
    shot(page, "journal")
    page.goto(server + "browse/subjects")
    while page.locator("ul.things li a", has_text="Self-harm").count() == 0:  # the subjects come 50 a page
        page.locator("nav.pages a[rel=next]").click()
        page.wait_for_load_state()
    shot(page, "browse-subjects")
    page.locator("ul.things li a", has_text="Self-harm").first.click()
    subject = data()
    assert subject["@type"] == "DefinedTerm" and subject["inDefinedTermSet"]
