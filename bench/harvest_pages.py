"""SPARQL harvest page times on a store: the ORDER BY + OFFSET listing, keyset paging on the work IRI, and pages of
harvest ordinals (docs/harvesting.md), each timed at the start, the middle and the end of the listing.

    python -m bench.harvest_pages STORE_DIR [--page 1000] [--repeat 3] [--no-sort]
    python -m bench.harvest_pages BIG_DIR --grow-from STORE_DIR --copies 10   # first make a 10x store, then measure

``--grow-from`` makes a bigger store without ingesting it: ``--copies`` copies of every record graph of a store
(graph, work and ordinal renamed per copy; the published view copied once), bulk-loaded.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import statistics
import time

from publisher.store import Store, open_store, term_value
from publisher.store.interface import PUBLISHED_GRAPH

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


ORDINAL_LINE = re.compile(rb'(<https://w3id\.org/lodpub/ns#harvestOrdinal> ")(\d+)(")')
RENAMED = re.compile(rb"(/graph/[0-9a-f]{16}|/id/work/[0-9a-f]{16})")


def grow(source: str, target: str, copies: int) -> int:
    """Write ``copies`` copies of ``source``'s record graphs into a new store at ``target``; the quads written."""
    import pyoxigraph as ox

    reader = open_store(source)
    try:
        last = int(term_value(next(iter(reader.select(LAST)))["last"]))
        view, records = io.BytesIO(), io.BytesIO()
        reader.dump(view, ox.RdfFormat.N_QUADS, [PUBLISHED_GRAPH])
        reader.dump(records, ox.RdfFormat.N_QUADS, list(reader.named_graphs()))
    finally:
        reader.close()
    writer = open_store(target, writable=True)
    written = view.getvalue().count(b"\n")
    try:
        writer.inner.bulk_load(view.getvalue(), ox.RdfFormat.N_QUADS)  # type: ignore[attr-defined]
        for copy in range(copies):
            data = records.getvalue()
            if copy:
                data = RENAMED.sub(lambda m, c=copy: m.group(1) + b"-%d" % c, data)  # type: ignore[misc]
                data = ORDINAL_LINE.sub(lambda m, s=copy * (last + 1): m.group(1) + b"%d" % (int(m.group(2)) + s)
                                        + m.group(3), data)  # type: ignore[misc]
            writer.inner.bulk_load(data, ox.RdfFormat.N_QUADS)  # type: ignore[attr-defined]
            written += data.count(b"\n")
        writer.update("INSERT DATA { GRAPH <urn:x-lodpub:harvest> { <urn:x-lodpub:harvest> "
                      f"<https://w3id.org/lodpub/ns#lastOrdinal> {copies * (last + 1) - 1} }} }}")
        writer.compact()
    finally:
        writer.close()
    return written


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
    ap.add_argument("--grow-from", metavar="STORE_DIR", help="first write copies of this store's records into STORE")
    ap.add_argument("--copies", type=int, default=10)
    args = ap.parse_args(argv)
    if args.grow_from:
        print(f"{grow(args.grow_from, args.store, args.copies)} quads written", flush=True)
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
