"""Title/author search: case-insensitive, every word in a title or an author's name, safe against injection."""

from __future__ import annotations

import html5lib
import pytest
from flask.testing import FlaskClient

from publisher.store import Store
from tests.helpers import path_of, person_named, rows, store_values, works


# -- search ----------------------------------------------------------------------------------------------
def search(client: FlaskClient, q: str) -> list[str]:
    r = client.get("/search", query_string={"q": q})
    assert r.status_code == 200 and r.mimetype == "text/html"
    doc = html5lib.parse(r.get_data(as_text=True), namespaceHTMLElements=False)
    return [a.get("href") for a in doc.findall(".//ol[@class='works results']/li/a")]


def test_search_titles_and_authors(client: FlaskClient, loaded_store: Store) -> None:
    safe_space = rows(loaded_store, 'SELECT DISTINCT ?w WHERE { ?w dcterms:title ?t '
                                    'FILTER(CONTAINS(LCASE(?t), "safe space")) }')
    assert len(safe_space) >= 2
    assert set(search(client, "safe space")) == {path_of(w) for w in safe_space}
    assert set(search(client, "SAFE Space")) == {path_of(w) for w in safe_space}
    boyce = {path_of(w) for w in rows(loaded_store, "SELECT DISTINCT ?w WHERE { ?w dcterms:creator "
                                                    f"<{person_named(loaded_store, 'Boyce')}> }}")}
    assert boyce <= set(search(client, "boyce"))
    both = set(search(client, "Boyce mutual"))  # one word in an author's name, one in the title
    assert both and both <= boyce
    assert search(client, "voĭna") == search(client, "VOĬNA") != []
    assert search(client, "zzzz-no-such-thing") == []
    assert search(client, "") == []


def expected_search(store: Store, q: str) -> set[str]:
    """Works whose title or a creator's name contains every word of ``q`` (computed here, not by SPARQL)."""
    words = q.strip()[:200].lower().split()[:8]
    found = set()
    for work in works(store):
        titles = store_values(store, work, "dcterms:title")
        names = store_values(store, work, "(dcterms:creator|dcterms:contributor)/foaf:name")
        if words and all(any(w in t.lower() for t in titles) or any(w in n.lower() for n in names) for w in words):
            found.add(path_of(work))
    return found


@pytest.mark.parametrize("q", ['"', "\\", '" } SELECT * WHERE { ?s ?p ?o } #', "') || true || ('", "'s",
                               '"""', "?w", "<http://x>", "|", "a|b", "} ; DROP ALL ; {", "a" * 500, "%00",
                               "\u2028", "(2018)"])
def test_search_is_safe_against_injection(client: FlaskClient, loaded_store: Store, q: str) -> None:
    assert set(search(client, q)) == expected_search(loaded_store, q)
