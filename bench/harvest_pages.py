"""SPARQL harvest page times on a store: the ORDER BY + OFFSET listing, keyset paging on the work IRI, and pages of
harvest ordinals (docs/harvesting.md), each timed at the start, the middle and the end of the listing.

    python -m bench.harvest_pages STORE_DIR [--page 1000] [--repeat 3] [--no-sort]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

from publisher.store import Store, open_store, term_value

PREFIXES = ("PREFIX foaf: <http://xmlns.com/foaf/0.1/> PREFIX dcterms: <http://purl.org/dc/terms/> "
            "PREFIX lodpub: <https://w3id.org/lodpub/ns#> ")
OFFSET = PREFIXES + ("SELECT ?work ?graph WHERE { GRAPH ?graph { ?graph foaf:primaryTopic ?work } } "
                     "ORDER BY ?work ?graph LIMIT %d OFFSET %d")
KEYSET = PREFIXES + ("SELECT ?work ?graph WHERE { GRAPH ?graph { ?graph foaf:primaryTopic ?work } "
                     'FILTER(STR(?work) > "%s") } ORDER BY ?work ?graph LIMIT %d')
ORDINALS = PREFIXES + ("SELECT ?graph ?work ?n WHERE { VALUES ?n { %s } "
                       "GRAPH ?graph { ?graph lodpub:harvestOrdinal ?n ; foaf:primaryTopic ?work } } ORDER BY ?n")
LAST = PREFIXES + "SELECT (MAX(?n) AS ?last) WHERE { GRAPH ?g { ?g lodpub:harvestOrdinal ?n } }"
COUNTER = PREFIXES + ("SELECT ?last WHERE { GRAPH <urn:x-lodpub:harvest> "
                      "{ <urn:x-lodpub:harvest> lodpub:lastOrdinal ?last } }")
WORKS = PREFIXES + "SELECT ?work WHERE { GRAPH ?graph { ?graph foaf:primaryTopic ?work } }"


def timed(store: Store, query: str, repeat: int) -> tuple[float, int]:
    """The median milliseconds of ``repeat`` runs of a SELECT, and its row count."""
    times, rows = [], 0
    for _ in range(repeat):
        began = time.perf_counter()
        rows = sum(1 for _ in store.select(query))
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times), rows


def measure(store: Store, page: int, repeat: int, sort: bool) -> dict[str, list[float | int]]:
    """Every shape's page time (ms) and rows at the start, middle and end of the listing."""
    last_ms, last_rows = timed(store, LAST, repeat)
    last = int(term_value(next(iter(store.select(LAST)))["last"]))
    results: dict[str, list[float | int]] = {"MAX(ordinal)": [round(last_ms, 1), last_rows],
                                             "counter look-up": [round(timed(store, COUNTER, repeat)[0], 1), 1]}
    where = {"start": 0, "middle": (last + 1) // 2, "end": max(0, last + 1 - page)}
    for name, first in where.items():
        values = " ".join(str(n) for n in range(first, first + page))
        ms, rows = timed(store, ORDINALS % values, repeat)
        results[f"ordinal page at {name}"] = [round(ms, 1), rows]
    if sort:
        works = sorted(term_value(row["work"]) for row in store.select(WORKS))
        for name, first in where.items():
            ms, rows = timed(store, OFFSET % (page, first), 1)
            results[f"ORDER BY/OFFSET page at {name}"] = [round(ms, 1), rows]
            after = works[first - 1] if first else ""
            ms, rows = timed(store, KEYSET % (after, page), 1)
            results[f"keyset STR(?work) page at {name}"] = [round(ms, 1), rows]
    return results


def main(argv: list[str] | None = None) -> int:
    """Command line: print each shape's page time as TSV, then JSON."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("store")
    ap.add_argument("--page", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--no-sort", dest="sort", action="store_false", help="skip the sorting shapes (slow on big stores)")
    args = ap.parse_args(argv)
    store = open_store(args.store)
    try:
        results = measure(store, args.page, args.repeat, args.sort)
    finally:
        store.close()
    for name, (ms, rows) in results.items():
        print(f"{name}\t{ms} ms\t{rows} rows")
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
