"""Browse pages: works by type and year, people, journals and subjects with their counts, paged by key, linked
from the home page's counts, cached like the work pages; the lists agree with the published view."""

from __future__ import annotations

from collections import Counter

import html5lib
import pytest
from flask import Flask
from flask.testing import FlaskClient

from publisher.search.listing import sort_key
from publisher.store import Store
from publisher.web.views import browse
from tests.helpers import path_of, rows, works

Tree = object


def parse(client: FlaskClient, path: str, status: int = 200) -> Tree:
    r = client.get(path)
    assert r.status_code == status, (path, r.status_code)
    return html5lib.parse(r.get_data(as_text=True), namespaceHTMLElements=False)


def counted(doc: Tree, css_class: str) -> dict[str, int]:
    """The links of a browse list with the count after each."""
    out = {}
    for li in doc.findall(f".//nav[@class='browse {css_class}']//li"):  # type: ignore[attr-defined]
        out[li.find("a").get("href")] = int(li.find("span").text.strip("()"))
    return out


def listed(doc: Tree, selector: str) -> list[str]:
    return [a.get("href") for a in doc.findall(selector)]  # type: ignore[attr-defined]


def walk(client: FlaskClient, path: str, selector: str) -> list[str]:
    """Every row of a paged list, following its "next" links (and checking "previous" goes back)."""
    seen: list[str] = []
    pages = []
    target: str | None = path
    while target is not None:
        doc = parse(client, target)
        here = listed(doc, selector)
        assert here, target
        pages.append((target, here))
        seen += here
        nxt = doc.find(".//nav[@class='pages']/a[@rel='next']")  # type: ignore[attr-defined]
        target = None if nxt is None else nxt.get("href")
    for (_t, earlier), (later, _rows) in zip(pages, pages[1:], strict=False):
        prev = parse(client, later).find(".//nav[@class='pages']/a[@rel='prev']")  # type: ignore[attr-defined]
        assert prev is not None and listed(parse(client, prev.get("href")), selector) == earlier
    return seen


@pytest.fixture()
def small_pages(app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pages of 4 rows (the samples are small), and no pages of another size kept in the page cache."""
    monkeypatch.setattr(browse, "PAGE_SIZE", 4)
    cache = app.extensions.get("lodpub.page_cache")
    if cache is not None:
        cache.entries.clear()
        monkeypatch.setattr(cache, "max_bytes", 0)


def test_types_and_years_count_every_work(client: FlaskClient, loaded_store: Store) -> None:
    doc = parse(client, "/browse")
    types, years = counted(doc, "types"), counted(doc, "years")
    everything = {path_of(w) for w in works(loaded_store)}
    assert sum(types.values()) == len(everything)
    by_year = Counter(v[:4] for v in rows(loaded_store, "SELECT (SAMPLE(STR(?d)) AS ?y) WHERE { ?w dcterms:type ?t ; "
                                                        "dcterms:issued ?d } GROUP BY ?w"))
    assert years == {f"/browse/year/{y}": n for y, n in by_year.items()}
    for href, n in types.items():
        kind = href.rsplit("/", 1)[-1]
        shown = listed(parse(client, href), ".//ol[@class='works results']/li/a")
        assert len(shown) == n and set(shown) <= {path_of(w) for w in rows(
            loaded_store, f"SELECT ?w WHERE {{ ?w dcterms:type ?t ; a schema:{kind} }}")}
    parse(client, "/browse/type/NoSuchType", 404)
    parse(client, "/browse/year/19x5", 404)


def test_people_journals_subjects_with_counts(client: FlaskClient, loaded_store: Store, small_pages: None) -> None:
    people = walk(client, "/browse/people", ".//ul[@class='things']/li/a")
    expected = rows(loaded_store, "SELECT DISTINCT ?p WHERE { ?w dcterms:type ?t ; dcterms:creator|dcterms:contributor "
                                  "?p . ?p a foaf:Person }")
    assert sorted(people) == sorted(path_of(p) for p in expected)  # each once, none missing
    doc = parse(client, "/browse/people")
    first = doc.find(".//ul[@class='things']/li")  # type: ignore[attr-defined]
    iri = next(p for p in expected if path_of(p) == first.find("a").get("href"))
    n = len(rows(loaded_store, f"SELECT DISTINCT ?w WHERE {{ ?w dcterms:type ?t ; dcterms:creator|dcterms:contributor "
                               f"<{iri}> }}"))
    assert first.find("span").text == f"({n})"
    labels = [sort_key(a.text) for a in doc.findall(".//ul[@class='things']/li/a")]  # type: ignore[attr-defined]
    assert labels == sorted(labels)
    subjects = walk(client, "/browse/subjects", ".//ul[@class='things']/li/a")
    assert len(subjects) == len(set(subjects)) > 4
    journals = walk(client, "/browse/journals", ".//ul[@class='things']/li/a")
    assert set(journals) == {path_of(j) for j in rows(loaded_store, "SELECT DISTINCT ?j WHERE { ?w dcterms:type ?t ; "
                                                                    "dcterms:isPartOf+ ?j . ?j a schema:Periodical }")}


def test_works_lists_page_by_key(client: FlaskClient, small_pages: None) -> None:
    doc = parse(client, "/browse")
    biggest = max(counted(doc, "types").items(), key=lambda kv: kv[1])
    assert biggest[1] > 4
    shown = walk(client, biggest[0], ".//ol[@class='works results']/li/a")
    assert len(shown) == len(set(shown)) == biggest[1]
    for bad in ("?after=xyz", "?after=99999999999999999999999", "?before=-1", "?after=1&before=2"):
        assert parse(client, biggest[0] + bad) is not None


def test_home_counts_link_to_the_lists(client: FlaskClient) -> None:
    doc = parse(client, "/")
    links = listed(doc, ".//section[@class='stats']//th/a")
    assert {"/browse", "/browse/people", "/browse/journals", "/browse/subjects"} <= set(links)
    assert any(h.startswith("/browse/type/") for h in links)
    for href in links:
        parse(client, href)


def test_browse_pages_are_cached(app: Flask, client: FlaskClient, loaded_store: Store) -> None:
    cache = app.extensions["lodpub.page_cache"]
    for path in ("/browse", "/browse/people", "/browse/type/Book"):
        client.get(path)
        kept = any(key[0] == path + "?" for key in cache.entries)
        assert kept == (loaded_store.version() is not None), path  # a remote engine's pages are never kept
