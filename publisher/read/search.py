"""Search: the full-text index of the published works (publisher.search), ranked; while a store has no whole
index yet (it is being built), works whose titles and authors' names contain every word (SPARQL, any backend)."""

from __future__ import annotations

from markupsafe import Markup

from publisher.read import queries
from publisher.search import sync
from publisher.search.index import MAX_WORDS, Hit, SearchTimeout
from publisher.store import Reader

__all__ = ["MAX_WORDS", "SearchTimeout", "search_works"]


def search_works(store: Reader, text: str, limit: int, seconds: float = 3.0) -> tuple[list[Hit], bool]:
    """The works matching ``text``, best first, and whether they came from the full-text index (SearchTimeout
    past ``seconds``)."""
    index = sync.ready(store)
    if index is not None:
        return index.search(text, limit, seconds), True
    return simple_search(store, text, limit), False


def simple_search(store: Reader, text: str, limit: int) -> list[Hit]:
    """Works matching every word of ``text`` (case-insensitive) in their title or an author's name (SPARQL)."""
    words = [w for w in text.lower().split() if w][:MAX_WORDS]
    if not words:
        return []
    return [Hit(r["w"].value, r["title"].value, None, r["issued"].value[:4] if "issued" in r else None,
                r["authors"].value if "authors" in r else "", Markup(""))
            for r in store.select(queries.search(words, limit))]
