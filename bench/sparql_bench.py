"""Table 3: four SPARQL queries through lodpub's /sparql, raw pyoxigraph in-process, rdflib-endpoint and
Virtuoso; and a SPARQLWrapper harvest of the store (listing pages plus one CONSTRUCT per page of records)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

PREFIXES = """PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""
SINCE = "2020-01-01T00:00:00"
QUERIES = {
    "harvest page": PREFIXES + f"""SELECT ?work ?modified WHERE {{
  ?work dcterms:modified ?modified . FILTER(?modified >= "{SINCE}"^^xsd:dateTime)
}} ORDER BY ?modified ?work LIMIT 1000 OFFSET 2000""",
    "count by type": "SELECT ?type (COUNT(?s) AS ?n) WHERE { ?s a ?type } GROUP BY ?type ORDER BY DESC(?n)",
    "describe": "DESCRIBE <{work}>",
    "title word": PREFIXES + """SELECT ?work ?title WHERE {
  ?work dcterms:title ?title . FILTER(CONTAINS(LCASE(STR(?title)), "spectroscopy"))
} LIMIT 100""",
}
ACCEPT = {"describe": "text/turtle"}
SELECT_ACCEPT = "application/sparql-results+json"
LISTING = PREFIXES + """SELECT ?work ?graph WHERE { GRAPH ?graph { ?graph foaf:primaryTopic ?work } }
ORDER BY ?work ?graph LIMIT %d OFFSET %d"""
RECORDS = "CONSTRUCT { ?s ?p ?o } WHERE { VALUES ?g { %s } GRAPH ?g { ?s ?p ?o } }"


@dataclass
class Timing:
    """Seconds per run of one query on one engine (median reported), or why it was not run."""

    seconds: list[float] = field(default_factory=list)
    note: str = ""

    @property
    def median(self) -> float:
        """The median time in seconds (NaN when not run)."""
        return statistics.median(self.seconds) if self.seconds else float("nan")


def query_text(name: str, work: str) -> str:
    """A query of the benchmark with the sample work filled in."""
    return QUERIES[name].replace("{work}", work)


def timed(fn: Callable[[], object], runs: int, budget: float = 120.0, warm_up: bool = False) -> Timing:
    """Run ``fn`` up to ``runs`` times (fewer when a run is slow), timing each; a warm-up run is not counted
    unless it alone takes longer than ``budget`` (a query that slow is timed once)."""
    timing = Timing()
    if warm_up:
        t0 = time.perf_counter()
        fn()
        if time.perf_counter() - t0 > budget:
            timing.seconds.append(time.perf_counter() - t0)
            return timing
    started = time.monotonic()
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        timing.seconds.append(time.perf_counter() - t0)
        if time.monotonic() - started > budget:
            break
    return timing


def over_http(endpoint: str, name: str, work: str, runs: int, *, post: bool = False) -> Timing:
    """Time a query sent with the SPARQL protocol (GET, or POST form-encoded)."""
    query = query_text(name, work)
    accept = ACCEPT.get(name, SELECT_ACCEPT)
    session = requests.Session()

    def once() -> None:
        if post:
            r = session.post(endpoint, data={"query": query}, headers={"Accept": accept}, timeout=600)
        else:
            r = session.get(endpoint, params={"query": query}, headers={"Accept": accept}, timeout=600)
        r.raise_for_status()
        if len(r.content) < 10:
            raise RuntimeError(f"{endpoint}: empty answer to {name}")

    try:
        return timed(once, runs, warm_up=True)
    except (requests.RequestException, RuntimeError) as exc:
        return Timing(note=f"failed: {str(exc)[:80]}")


def in_process(snapshot: Path, name: str, work: str, runs: int) -> Timing:
    """Time a query on pyoxigraph opened read-only in this process, results serialised as lodpub would."""
    import pyoxigraph as ox

    store = ox.Store.read_only(str(snapshot))
    query = query_text(name, work)

    def once() -> None:
        result = store.query(query, use_default_graph_as_union=True)
        if isinstance(result, ox.QueryTriples):
            ox.serialize(result, format=ox.RdfFormat.TURTLE)
        else:
            result.serialize(format=ox.QueryResultsFormat.JSON)

    return timed(once, runs, warm_up=True)


def harvest(endpoint: str, total_works: int, *, ordered: bool, page: int = 1000,
            budget: float = 300.0) -> tuple[float, int, str]:
    """SPARQLWrapper harvest: listing pages (``ORDER BY ?work ?graph`` as docs/harvesting.md has it, or in the
    engine's own order), then one CONSTRUCT per page of record graphs.

    Pages are taken in order until done, or (when the store is too big to finish within ``budget``) spread
    evenly over the whole listing so that deep OFFSETs are paid for. Returns (records/s, records, note).
    """
    from SPARQLWrapper import JSON, N3, POST, SPARQLWrapper

    listing = LISTING if ordered else LISTING.replace("ORDER BY ?work ?graph ", "")
    lister = SPARQLWrapper(endpoint)
    lister.setReturnFormat(JSON)
    lister.setTimeout(900)
    fetcher = SPARQLWrapper(endpoint)
    fetcher.setMethod(POST)
    fetcher.setReturnFormat(N3)
    fetcher.setTimeout(900)
    pages = max(1, -(-total_works // page))
    offsets = [i * page for i in range(pages)]
    records = 0
    seconds = 0.0
    done = 0
    spread = offsets[:: max(1, len(offsets) // 20)] if pages > 50 else offsets
    try:
        for offset in spread:
            t0 = time.perf_counter()
            lister.setQuery(listing % (page, offset))
            answer: Any = lister.queryAndConvert()
            rows = answer["results"]["bindings"]
            graphs = sorted({r["graph"]["value"] for r in rows})
            if graphs:
                fetcher.setQuery(RECORDS % " ".join(f"<{g}>" for g in graphs))
                body = fetcher.query().response.read()
                if not body:
                    raise RuntimeError("empty CONSTRUCT answer")
            seconds += time.perf_counter() - t0
            records += len(rows)
            done += 1
            if seconds > budget:
                break
    except Exception as exc:  # noqa: BLE001 - a failed page is a finding: report it, keep the run going
        return 0.0, records, f"failed after {done} pages ({seconds:.0f} s): {str(exc)[:100]}"
    note = "full harvest" if done == pages else f"{done} of {pages} pages, spread evenly over the listing"
    order = "ordered listing" if ordered else "listing in the engine's order"
    return (records / seconds if seconds else 0.0), records, f"{note}; {order}"
