"""Search: works whose titles and authors' names contain every word of a query (SPARQL, any backend)."""

from __future__ import annotations

from publisher.read import queries
from publisher.read.stats import WorkSummary
from publisher.store import Reader

MAX_WORDS = 8  # words of a query used (the rest are ignored, and the page says so)


def search_works(store: Reader, text: str, limit: int) -> list[WorkSummary]:
    """Works matching every word of ``text`` (case-insensitive) in their title or an author's name."""
    words = [w for w in text.lower().split() if w][:MAX_WORDS]
    if not words:
        return []
    return [WorkSummary(r["w"].value, r["title"].value, r["issued"].value if "issued" in r else None,
                        r["authors"].value if "authors" in r else None)
            for r in store.select(queries.search(words, limit))]
