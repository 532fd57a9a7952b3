"""The search index at a larger scale without ingesting: the works of an existing index copied N times (new IRIs,
same text) into a new index, then its size and the time of searches and browse pages read straight from it.

    python -m bench.search_scale SOURCE.sqlite OUT.sqlite --copies 100

Copies repeat each title and name N times, so a word matches N times as many works as in the source: the searches
here are a stress estimate (real collections have more distinct words), the browse pages an exact one.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import time
from pathlib import Path

from publisher.search import listing
from publisher.search.index import SearchIndex, WorkText

BATCH = 5000


def copy(source: Path, out: Path, copies: int) -> SearchIndex:
    """A new index holding every work of ``source`` ``copies`` times (browse links to things copied too)."""
    src = sqlite3.connect(source)
    rows = src.execute("SELECT docs.iri, works.kind, works.year, works.title, works.authors, works.abstract, "
                       "works.other, docs.rid FROM works JOIN docs ON docs.rid = works.rowid").fetchall()
    links: dict[int, list[listing.Linked]] = {}
    for rid, facet, iri, label in src.execute("SELECT links.rid, things.facet, things.iri, things.label FROM links "
                                              "JOIN things ON things.iri = links.target"):
        links.setdefault(rid, []).append((facet, iri, label))
    out.unlink(missing_ok=True)
    index = SearchIndex(out)
    batch: list[WorkText] = []
    for n in range(copies):
        for iri, kind, year, title, authors, abstract, other, rid in rows:
            batch.append(WorkText(f"{iri}-{n}", title, kind, year, authors, abstract, other,
                                  linked=[(f, f"{i}-{n % 10}", lb) for f, i, lb in links.get(rid, [])]))
            if len(batch) >= BATCH:
                index.put(batch)
                batch = []
    index.put(batch)
    index.mark_complete()
    index.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return index


def timed(call: object, repeat: int = 3) -> float:
    """The median milliseconds of a call."""
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        call()  # type: ignore[operator]
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    """Command line: build the copy and print its figures."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("source", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--copies", type=int, default=100)
    args = ap.parse_args(argv)
    began = time.monotonic()
    index = copy(args.source, args.out, args.copies)
    works = index.count()
    size = args.out.stat().st_size
    print(f"{works:,} works, {size / 1e6:,.0f} MB ({size / works:,.0f} bytes a work), copied in "
          f"{time.monotonic() - began:,.0f} s")
    rng = random.Random(8)
    titles = [t for (t,) in index.conn.execute("SELECT title FROM works LIMIT 3000")]
    words = [w.strip(".,:;()") for t in titles for w in t.split() if len(w) > 3]
    counts = sorted(((index.conn.execute("SELECT COUNT(*) FROM works WHERE works MATCH ?",
                                         ('"' + w.replace('"', "") + '"',)).fetchone()[0], w)
                     for w in set(rng.sample(words, 40))), reverse=True)
    for label, word in (("most common of 40 title words", counts[0]), ("median", counts[len(counts) // 2]),
                        ("rarest", counts[-1])):
        ms = timed(lambda w=word[1]: index.search(w, 101, seconds=30))
        print(f"search '{word[1]}' ({label}: {word[0]:,} matches): {ms:,.0f} ms")
    pair = f'"{counts[len(counts) // 2][1]}" {counts[-1][1]}'
    print(f"search {pair}: {timed(lambda: index.search(pair, 101, seconds=30)):,.0f} ms")
    conn = index.conn
    articles = "ScholarlyArticle"
    overview_ms = timed(lambda: (listing.counts(conn, "kind"), listing.counts(conn, "year")))
    print(f"browse overview counts: {overview_ms:.1f} ms")
    first_ms = timed(lambda: listing.works_page(conn, "kind", articles, None, None, 50))
    print(f"works of a type, first page: {first_ms:.1f} ms")
    deep = listing.works_page(conn, "kind", articles, None, None, 50)
    for _ in range(200):
        deep = listing.works_page(conn, "kind", articles, deep.after, None, 50)
    deep_ms = timed(lambda: listing.works_page(conn, "kind", articles, deep.after, None, 50))
    print(f"works of a type, page 202: {deep_ms:.1f} ms")
    print(f"people, first page: {timed(lambda: listing.things_page(conn, 'person', None, None, 50)):.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
