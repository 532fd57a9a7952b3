"""Table 2: work pages through lodpub (gunicorn, 2 workers) vs Oxigraph's server and rdflib-endpoint on DESCRIBE."""

from __future__ import annotations

import random
import statistics
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox

from bench import load
from bench.servers import BASE_URI
from publisher.store import term_value

REPRESENTATIONS = (("work page, HTML", "text/html"), ("work page, Turtle", "text/turtle"),
                   ("work page, JSON-LD", "application/ld+json"))
DOI_ACCEPT = "application/ld+json"
DESCRIBE_ACCEPT = "text/turtle"


@dataclass
class PageRow:
    """One kind of request on one server: the runs and their medians."""

    label: str
    server: str
    runs: list[load.LoadResult] = field(default_factory=list)
    note: str = ""

    def median(self, attr: str) -> float:
        """The median of one LoadResult attribute over the runs."""
        return statistics.median(getattr(r, attr) for r in self.runs) if self.runs else float("nan")


def sample_works(snapshot: Path, count: int, seed: int = 8) -> tuple[list[str], list[str]]:
    """(work IRIs, DOIs) sampled from a store snapshot: works described by a record, and works with a DOI."""
    store = ox.Store.read_only(str(snapshot))

    def column(query: str) -> list[str]:
        solutions = store.query(query)
        assert isinstance(solutions, ox.QuerySolutions)
        return [term_value(row[0]) for row in solutions]

    works = column("SELECT DISTINCT ?w WHERE { GRAPH ?g { ?g <http://xmlns.com/foaf/0.1/primaryTopic> ?w } } "
                   "LIMIT 200000")
    dois = column("SELECT ?d WHERE { GRAPH ?g { ?w <http://purl.org/ontology/bibo/doi> ?d } } LIMIT 200000")
    rng = random.Random(seed)
    return rng.sample(works, min(count, len(works))), rng.sample(dois, min(count, len(dois)))


def doc_path(work: str) -> str:
    """The document path of a work IRI (``.../id/work/x`` -> ``/doc/work/x``)."""
    return "/doc/" + work[len(BASE_URI) + len("id/"):]


def describe_path(endpoint_path: str, work: str) -> str:
    """A SPARQL protocol GET of DESCRIBE for a work."""
    return f"{endpoint_path}?query=" + quote(f"DESCRIBE <{work}>", safe="")


def bench_lodpub(url: str, works: list[str], dois: list[str], runs: int, seconds: float,
                 connections: int, warm: int = 0) -> list[PageRow]:
    """Work pages in three representations and DOI resolution (303 then the JSON-LD document).

    ``warm=0``: first views (the server runs with its page cache off, so every request builds its answer).
    ``warm=N``: the first N works only, each requested before the measurement (the page cache replays them).
    """
    rows = []
    paths = [doc_path(w) for w in works][:warm or None]
    suffix, note = (f" (page cache warm, {warm:,} works)", "each work requested before") if warm else ("", "")
    for label, accept in REPRESENTATIONS:
        row = PageRow(label + suffix, "lodpub", note=note)
        load.run(url, paths if warm else paths[:50], accept, seconds=max(2.0, warm / 25), connections=connections)
        row.runs = [load.run(url, paths, accept, seconds=seconds, connections=connections) for _ in range(runs)]
        rows.append(row)
    row = PageRow("/doi/… JSON-LD (303, then the document)" + suffix, "lodpub",
                  note="; ".join(filter(None, ("each resolution is 2 requests; req/s counts both", note))))
    doi_paths = ["/doi/" + quote(d, safe="/:;()") for d in dois][:warm or None]
    if warm:
        load.run(url, doi_paths, DOI_ACCEPT, seconds=max(2.0, warm / 25), connections=connections,
                 follow_redirects=True)
    row.runs = [load.run(url, doi_paths, DOI_ACCEPT, seconds=seconds, connections=connections,
                         follow_redirects=True) for _ in range(runs)]
    rows.append(row)
    return rows


def bench_describe(url: str, server: str, endpoint_path: str, works: list[str], runs: int, seconds: float,
                   connections: int, note: str = "") -> PageRow:
    """DESCRIBE of the same works as Turtle from a SPARQL server."""
    paths = [describe_path(endpoint_path, w) for w in works]
    row = PageRow("DESCRIBE <work>, Turtle", server, note=note)
    load.run(url, paths[:50], DESCRIBE_ACCEPT, seconds=2, connections=connections)
    row.runs = [load.run(url, paths, DESCRIBE_ACCEPT, seconds=seconds, connections=connections)
                for _ in range(runs)]
    return row
