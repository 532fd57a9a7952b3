"""Browse pages and search through lodpub (gunicorn, 2 workers) over an ingested store: requests a second with the
page cache off (every answer built) and on (answers replayed), the search index's size and build time.

    python -m bench.browse_bench STORE [--seconds 10] [--connections 4] [--out FILE]

STORE is a data directory an ingest filled (e.g. the bench corpus: ``python -m bench.corpus DIR --records N`` then
``lodpub ingest DIR --store STORE``); its search index is rebuilt once to time the build.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

from bench import load
from bench.servers import lodpub
from publisher.search.sync import FILE_NAME


def index_figures(store: Path) -> dict[str, float]:
    """The index's works, size (bytes, per work) and build time (``lodpub reindex``)."""
    began = time.monotonic()
    subprocess.run([sys.executable, "-m", "publisher.cli", "reindex", "--store", str(store)], check=True,
                   capture_output=True)
    seconds = time.monotonic() - began
    conn = sqlite3.connect(store / FILE_NAME)
    works = conn.execute("SELECT COUNT(*) FROM docs").fetchone()[0]
    size = (store / FILE_NAME).stat().st_size
    return {"works": works, "bytes": size, "bytes_per_work": size / max(works, 1), "build_seconds": seconds}


def queries(store: Path, count: int = 200, seed: int = 8) -> list[str]:
    """Search queries as people type them: title words, an author's family name, two words, a quoted pair,
    a DOI, a word without its accents; drawn from the index."""
    rng = random.Random(seed)
    conn = sqlite3.connect(store / FILE_NAME)
    rows = conn.execute("SELECT title, authors FROM works ORDER BY rowid LIMIT 2000").fetchall()
    dois = [k for (k,) in conn.execute("SELECT key FROM idents WHERE key LIKE '10.%' LIMIT 200")]
    out: list[str] = []
    while len(out) < count:
        title, authors = rng.choice(rows)
        words = [w.strip(".,:;()\"'") for w in title.split() if len(w) > 3]
        names = [a.split()[-1] for a in (authors or "").split("; ") if a.split()]
        kind = len(out) % 5
        if kind == 0 and words:
            out.append(rng.choice(words))
        elif kind == 1 and names:
            out.append(rng.choice(names))
        elif kind == 2 and len(words) > 1:
            out.append(" ".join(rng.sample(words, 2)))
        elif kind == 3 and len(words) > 1:
            i = rng.randrange(len(words) - 1)
            out.append(f'"{words[i]} {words[i + 1]}"')
        elif kind == 4 and dois:
            out.append(rng.choice(dois))
    return ["/search?q=" + quote(q, safe="") for q in out]


def browse_paths(url: str) -> list[str]:
    """The browse pages a visitor opens: the overview, each type's and a few years' first pages, the people,
    journals and subjects, and the pages after them (keyset keys read from the pages themselves)."""
    import re

    def get(path: str) -> str:
        with urllib.request.urlopen(url + path, timeout=60) as answer:  # noqa: S310 - loopback
            return str(answer.read().decode())

    overview = get("/browse")
    paths = ["/browse"] + re.findall(r'href="(/browse/(?:type|year)/[^"]+)"', overview)[:20]
    for which in ("people", "journals", "subjects"):
        path = f"/browse/{which}"
        for _page in range(5):
            paths.append(path)
            after = re.search(r'rel="next" href="([^"]+)"', get(path))
            if not after:
                break
            path = after.group(1).replace("&amp;", "&")
    return paths


def measure(store: Path, seconds: float, connections: int, log: Path) -> list[tuple[str, str, load.LoadResult]]:
    """Requests a second on browse pages and on searches, page cache off and on."""
    results = []
    for cache in (False, True):
        with lodpub(store, log, workers=2, page_cache=cache) as server:
            url = server.url
            browse, search = browse_paths(url), queries(store)
            for label, paths in (("browse pages", browse), ("search queries", search)):
                load.run(url, paths, "text/html", seconds=2 if not cache else max(2.0, len(paths) / 50),
                         connections=connections)
                results.append((label, "on" if cache else "off",
                                load.run(url, paths, "text/html", seconds=seconds, connections=connections)))
    return results


def main(argv: list[str] | None = None) -> int:
    """Command line: measure and print a Markdown report."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("store", type=Path)
    ap.add_argument("--seconds", type=float, default=10.0)
    ap.add_argument("--connections", type=int, default=4)
    ap.add_argument("--out", type=Path)
    args = ap.parse_args(argv)
    figures = index_figures(args.store)
    rows = measure(args.store, args.seconds, args.connections, args.store.parent / "browse-bench-server.log")
    lines = [f"Search index: {figures['works']:,.0f} works, {figures['bytes'] / 1e6:.1f} MB "
             f"({figures['bytes_per_work']:,.0f} bytes a work), built in {figures['build_seconds']:.1f} s "
             "(`lodpub reindex`).", "",
             "| requests | page cache | req/s | p50 ms | p99 ms | errors |",
             "| --- | --- | ---: | ---: | ---: | ---: |"]
    lines += [f"| {label} | {cache} | {r.requests_per_s:,.0f} | {r.p50_ms:.1f} | {r.p99_ms:.1f} | {r.errors} |"
              for label, cache, r in rows]
    text = "\n".join(lines) + "\n"
    print(text)
    if args.out:
        args.out.write_text(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
