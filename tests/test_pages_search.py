"""Search: a full-text index of the published works, ranked, accent- and case-insensitive, with DOIs and phrases;
results with type, year and a snippet; safe against injection (the query and the highlighted snippet)."""

from __future__ import annotations

import re
import unicodedata

import html5lib
import pytest
from flask.testing import FlaskClient

from publisher.read.search import search_works
from publisher.search import index as search_index
from publisher.search import sync
from publisher.search.index import SearchTimeout, fts_query, highlighted
from publisher.store import Store
from tests.helpers import path_of, person_named, rows, store_values, works


def page(client: FlaskClient, q: str) -> list[dict[str, str]]:
    """The results of a search page: each one's link, type, year and snippet (as HTML)."""
    r = client.get("/search", query_string={"q": q})
    assert r.status_code == 200 and r.mimetype == "text/html"
    doc = html5lib.parse(r.get_data(as_text=True), namespaceHTMLElements=False)
    found = []
    for li in doc.findall(".//ol[@class='works results']/li"):
        kind, date, snippet = li.find(".//span[@class='kind']"), li.find(".//span[@class='date']"), \
            li.find("p[@class='snippet']")
        found.append({"href": li.find("a").get("href"), "kind": "" if kind is None else kind.text or "",
                      "year": "" if date is None else date.text or "",
                      "marks": "" if snippet is None else " ".join(m.text or "" for m in snippet.iter("mark")),
                      "tags": "" if snippet is None else " ".join(e.tag for e in snippet.iter() if e is not snippet)})
    return found


def search(client: FlaskClient, q: str) -> list[str]:
    return [r["href"] for r in page(client, q)]


def fold(text: str) -> str:
    """Lower case without accents (what the index's tokenizer does to letters)."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))


def tokens(text: str) -> set[str]:
    return set(re.findall(r"\w+", fold(text)))


def indexed_text(store: Store, work: str) -> set[str]:
    """The words of what the index holds of a work, read here from the store: title, creators' names, abstract,
    keywords, identifiers and the journal's title."""
    text = [*store_values(store, work, "dcterms:title|dcterms:alternative|dcterms:abstract|schema:keywords|"
                                       "dcterms:identifier|bibo:doi|bibo:isbn13|schema:isbn|bibo:issn"),
            *store_values(store, work, "(dcterms:creator|dcterms:contributor)/(foaf:name|schema:name)"),
            *store_values(store, work, "dcterms:isPartOf+/(dcterms:title|schema:name)")]
    return {t for value in text for t in tokens(value)}


def test_search_titles_and_authors(client: FlaskClient, loaded_store: Store) -> None:
    safe_space = rows(loaded_store, 'SELECT DISTINCT ?w WHERE { ?w dcterms:title ?t '
                                    'FILTER(CONTAINS(LCASE(?t), "safe space")) }')
    assert len(safe_space) >= 2
    assert {path_of(w) for w in safe_space} <= set(search(client, "safe space"))
    assert search(client, "SAFE Space") == search(client, "safe space")
    boyce = {path_of(w) for w in rows(loaded_store, "SELECT DISTINCT ?w WHERE { ?w dcterms:creator "
                                                    f"<{person_named(loaded_store, 'Boyce')}> }}")}
    assert boyce <= set(search(client, "boyce"))
    both = set(search(client, "Boyce mutual"))  # one word in an author's name, one in the title
    assert both and both <= boyce
    assert search(client, "voĭna") == search(client, "VOĬNA") == search(client, "voina") != []
    assert search(client, "zzzz-no-such-thing") == []
    assert search(client, "") == []


def test_accents_are_folded(client: FlaskClient, loaded_store: Store) -> None:
    dornyei = {path_of(w) for w in rows(loaded_store, "SELECT DISTINCT ?w WHERE { ?w dcterms:creator ?p . "
                                                      '?p foaf:familyName "Dörnyei" }')}
    assert dornyei
    for q in ("Dornyei", "dörnyei", "DORNYEI", "zoltan dornyei"):
        assert set(search(client, q)) == dornyei, q
    assert all("Dörnyei" in r["marks"] or r["marks"] == "" for r in page(client, "Dornyei"))


def test_a_doi_finds_its_work(client: FlaskClient, loaded_store: Store) -> None:
    found = rows(loaded_store, "SELECT ?w WHERE { ?w bibo:doi ?d } ORDER BY ?w LIMIT 3")
    assert found
    for work in found:
        doi = next(iter(store_values(loaded_store, work, "bibo:doi")))
        for q in (doi, doi.lower(), doi.upper(), f"doi:{doi}", f"https://doi.org/{doi}"):
            assert search(client, q)[:1] == [path_of(work)], q


def test_quoted_phrases(client: FlaskClient, loaded_store: Store) -> None:
    phrase = set(search(client, '"safe space"'))
    assert phrase and phrase <= set(search(client, "safe space"))
    for href in phrase:  # the two words next to each other, in this order, in some field
        work = next(w for w in works(loaded_store) if path_of(w) == href)
        texts = [fold(v) for v in store_values(loaded_store, work, "dcterms:title|dcterms:abstract")]
        assert any(re.search(r"\bsafe\W+space\b", t) for t in texts), href
    assert search(client, '"space safe"') == []
    assert search(client, '"mutual safe space"') == []


@pytest.mark.parametrize("word", ["support", "evidence", "history", "health", "language"])
def test_titles_rank_above_abstracts(client: FlaskClient, loaded_store: Store, word: str) -> None:
    results = search(client, word)
    titled = [path_of(w) for w in works(loaded_store)
              if any(word in tokens(t) for t in store_values(loaded_store, w, "dcterms:title"))]
    assert titled and results
    first_other = next((i for i, href in enumerate(results) if href not in titled), len(results))
    assert set(results[:first_other]) == set(titled) & set(results), (word, results, titled)


def test_results_show_type_year_and_snippet(client: FlaskClient) -> None:
    results = page(client, "snow depth")
    assert results and results[0]["kind"] == "Dataset" and results[0]["year"] == "2013"
    assert "snow" in results[0]["marks"].lower() and results[0]["tags"].split() <= ["mark"] * 10
    assert all(r["kind"] for r in page(client, "the"))


def test_snippets_escape_markup() -> None:
    made = highlighted('<script>alert(1)</script> \x02<b>x</b>\x03 <mark onclick="x">')
    assert str(made) == ('&lt;script&gt;alert(1)&lt;/script&gt; <mark>&lt;b&gt;x&lt;/b&gt;</mark> '
                         '&lt;mark onclick=&#34;x&#34;&gt;')


@pytest.mark.parametrize("q", ['"', "\\", '" } SELECT * WHERE { ?s ?p ?o } #', "') || true || ('", "'s",
                               '"""', "?w", "<http://x>", "|", "a|b", "} ; DROP ALL ; {", "a" * 500, "%00",
                               "\u2028", "(2018)", "NEAR(a b)", "title:safe", "safe OR space", "-safe", "^safe",
                               "safe AND NOT space", "{title authors}: safe", "*", "sa*", "x" * 199 + '"'])
def test_search_is_safe_against_injection(client: FlaskClient, loaded_store: Store, q: str) -> None:
    found = search(client, q)
    words = tokens(q.strip()[:200])
    for href in found:  # every result holds every word the query has (FTS5 operators are only words)
        work = next(w for w in works(loaded_store) if path_of(w) == href)
        text = indexed_text(loaded_store, work)
        assert all(w in text for w in words), (q, href, words - text)
    match = fts_query(q)
    assert match is None or all(part.startswith('"') for part in match.split(" AND "))


def test_a_search_has_a_time_bound(loaded_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    index = sync.ready(loaded_store)
    assert index is not None
    monkeypatch.setattr(search_index, "PROGRESS_STEPS", 1)  # the samples' index is too small to take long
    with pytest.raises(SearchTimeout):
        index.search("the", 10, seconds=-1)
    assert search_works(loaded_store, "the", 10)[1] is True  # the full-text index answered
