"""Production serving: gunicorn with 2 workers on loopback under a short concurrent load of work pages,
DOI JSON-LD and SPARQL SELECTs while ``lodpub ingest`` keeps replacing records; every response must be
complete and consistent (each record wholly old or wholly new), on the on-disk store and on Virtuoso.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import requests

from publisher.store import Store
from tests import servers
from tests.helpers import BACKENDS, BASE, REPO, SAMPLES, ingest_samples, map_file

pytestmark = pytest.mark.slow
THREADS, PER_THREAD, DEADLINE = 8, 100, 180.0  # bounded in count and in time
TITLE = "http://purl.org/dc/terms/title"


REVISED = "Revised edition: "  # put in front of every title of the revised copy


@dataclass
class Work:
    """A sample work: its IRI, its DOI and the title each representation shows before the revision."""

    iri: str
    doi: str | None
    shown: dict[str, str] = field(default_factory=dict)  # kind of request -> title before the revision


@dataclass
class Tally:
    """What the load saw."""

    requests: int = 0
    versions: set[str] = field(default_factory=set)
    problems: list[str] = field(default_factory=list)
    latency: dict[str, list[float]] = field(default_factory=dict)


def revised_copy(tmp_path: Path) -> tuple[Path, Path, list[Work]]:
    """The eprints-xml samples, and a copy whose every title is changed; the works with both titles."""
    original, revised = tmp_path / "original", tmp_path / "revised"
    shutil.copytree(SAMPLES / "eprints-xml", original)
    revised.mkdir()
    for path in sorted(original.glob("*.xml")):
        text = path.read_text(encoding="utf-8")
        (revised / path.name).write_text(text.replace("<title>", "<title>" + REVISED), encoding="utf-8")
    before = {m.work: m.record.doi for p in sorted(original.glob("*.xml")) for m in map_file(p)}
    after = {m.work: m.record.doi for p in sorted(revised.glob("*.xml")) for m in map_file(p)}
    assert before == after and before
    return original, revised, [Work(iri, doi) for iri, doi in sorted(before.items())]


@dataclass
class Served:
    """gunicorn over a store holding every sample, the settings a re-ingest needs, and the two copies."""

    server: servers.Server
    settings: dict[str, str]
    original: Path
    revised: Path
    works: list[Work]


@pytest.fixture(params=["oxigraph", *(["virtuoso"] if "virtuoso" in BACKENDS else [])])
def served(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Served]:
    """gunicorn -w 2 over a store holding every sample."""
    original, revised, works = revised_copy(tmp_path)
    settings = {"LODPUB_BASE_URI": BASE, "LODPUB_RATE_BUDGET": "100000", "LODPUB_QUERY_TIMEOUT": "30",
                "LODPUB_CLIENT_QUERIES": "64", "LODPUB_SERVER_QUERIES": "64"}  # consistency under load, not limits
    store: Store
    if request.param == "virtuoso":
        from tests.virtuoso import server, virtuoso_store

        store = virtuoso_store("store")
        settings.update(server("store").settings)
    else:
        from publisher.store import open_store

        settings["LODPUB_STORE"] = str(tmp_path / "data")
        store = open_store(settings["LODPUB_STORE"], writable=True)
    started = time.monotonic()
    summary = ingest_samples(store)
    store.close()
    print(f"\n[{request.param}] ingest of the samples: {summary.read} records, {summary.triples} triples "
          f"in {time.monotonic() - started:.2f} s")
    with servers.lodpub(settings, workers=2, threads=1, log=tmp_path / "gunicorn.log") as gunicorn:
        yield Served(gunicorn, settings, original, revised, works)


def check_page(session: requests.Session, url: str, work: Work) -> str:
    """The title a work's HTML page shows (old or new)."""
    response = session.get(url + work.iri[len(BASE) - 1:], headers={"Accept": "text/html"}, timeout=60)
    assert response.status_code == 200, (response.status_code, response.text[:300])
    shown = re.findall(r"<h1>(.*?)</h1>", response.text, re.S)
    assert len(shown) == 1 and response.text.rstrip().endswith("</html>"), "incomplete page"
    return str(shown[0]).replace("&amp;", "&").replace("&#39;", "'").replace("&quot;", '"')


def check_doi(session: requests.Session, url: str, work: Work) -> str:
    """The title in a work's JSON-LD reached through its DOI."""
    response = session.get(f"{url}/doi/{work.doi}", headers={"Accept": "application/ld+json"}, timeout=60)
    assert response.status_code == 200, (response.status_code, response.text[:300])
    return str(json.loads(response.text)["name"])


def record_count(session: requests.Session, url: str, work: Work) -> int:
    """How many record graphs describe a work."""
    query = f"SELECT (COUNT(?g) AS ?n) WHERE {{ <{work.iri}> <http://www.w3.org/ns/prov#wasDerivedFrom> ?g }}"
    response = session.get(url + "/sparql", params={"query": query},
                           headers={"Accept": "application/sparql-results+json"}, timeout=60)
    return int(json.loads(response.text)["results"]["bindings"][0]["n"]["value"])


def check_sparql(session: requests.Session, url: str, works: list[Work]) -> list[str]:
    """Every work's titles by SPARQL: exactly one each."""
    values = " ".join(f"<{w.iri}>" for w in works)
    query = f"SELECT ?w ?t WHERE {{ VALUES ?w {{ {values} }} ?w <{TITLE}> ?t }}"
    response = session.get(url + "/sparql", params={"query": query},
                           headers={"Accept": "application/sparql-results+json"}, timeout=60)
    assert response.status_code == 200, (response.status_code, response.text[:300])
    rows = json.loads(response.text)["results"]["bindings"]
    by_work: dict[str, list[str]] = {}
    for row in rows:
        by_work.setdefault(row["w"]["value"], []).append(row["t"]["value"])
    assert set(by_work) == {w.iri for w in works} and all(len(t) == 1 for t in by_work.values()), by_work
    return [by_work[w.iri][0] for w in works]


def test_concurrent_load_while_reingesting(served: Served) -> None:
    url, original, revised, works = served.server.url, served.original, served.revised, served.works
    env = servers.environment(**served.settings)
    tally, stop, lock = Tally(), threading.Event(), threading.Lock()
    ingests: list[tuple[int, float, str]] = []

    def reingest() -> None:
        cli = [sys.executable, "-m", "publisher.cli", "ingest", "--progress", "none", "--report", os.devnull]
        source = revised
        while not stop.is_set():
            started = time.monotonic()
            done = subprocess.run([*cli, str(source)], cwd=REPO, env=env, capture_output=True, text=True)
            ingests.append((done.returncode, time.monotonic() - started, done.stderr[-500:]))
            source = original if source == revised else revised

    def record(kind: str, shown: list[tuple[Work, str]], took: float) -> None:
        with lock:
            tally.requests += 1
            tally.latency.setdefault(kind, []).append(took)
            for work, title in shown:
                old = work.shown[kind]
                if title not in (old, REVISED + old):
                    tally.problems.append(f"{kind} {work.iri}: {title!r} is neither {old!r} nor the revision")
                tally.versions.add("old" if title == old else "new")

    def load(number: int) -> None:
        session = requests.Session()
        for i in range(PER_THREAD):
            if stop.is_set():
                return
            work = works[(number + i) % len(works)]
            started = time.monotonic()
            try:
                if i % 3 == 0:
                    shown = [(work, check_page(session, url, work))]
                elif i % 3 == 1:
                    work = doi_works[(number + i) % len(doi_works)]
                    shown = [(work, check_doi(session, url, work))]
                else:
                    shown = list(zip(works, check_sparql(session, url, works), strict=True))
                record(("page", "doi", "sparql")[i % 3], shown, time.monotonic() - started)
            except (AssertionError, requests.RequestException, ValueError, KeyError) as exc:
                with lock:
                    tally.problems.append(f"{type(exc).__name__}: {str(exc)[:300]}")

    session = requests.Session()
    works = [w for w in works if record_count(session, url, w) == 1]  # one record: its revision is the title
    doi_works = [w for w in works if w.doi]
    assert len(works) >= 3 and doi_works
    for work in works:  # what each representation shows before the load
        work.shown["page"] = check_page(session, url, work)
        if work.doi:
            work.shown["doi"] = check_doi(session, url, work)
    for work, title in zip(works, check_sparql(session, url, works), strict=True):
        work.shown["sparql"] = title
    assert not any(title.startswith(REVISED) for w in works for title in w.shown.values())
    writer = threading.Thread(target=reingest)
    writer.start()
    loaders = [threading.Thread(target=load, args=(n,)) for n in range(THREADS)]
    started = time.monotonic()
    for thread in loaders:
        thread.start()
    for thread in loaders:
        thread.join(timeout=max(1.0, DEADLINE - (time.monotonic() - started)))
    stop.set()
    for thread in loaders:
        thread.join()
    writer.join()
    took = time.monotonic() - started
    for kind, times in sorted(tally.latency.items()):
        times.sort()
        print(f"  {kind:7s} {len(times):4d} requests, median {1000 * times[len(times) // 2]:.0f} ms, "
              f"p95 {1000 * times[int(len(times) * 0.95)]:.0f} ms")
    print(f"  {tally.requests} requests in {took:.1f} s; ingests during the load: "
          f"{', '.join(f'{t:.1f} s' for _, t, _ in ingests)}")
    server_log = served.server.log_tail(4000)
    assert not tally.problems, (tally.problems[:10], server_log)
    assert all(code == 0 for code, _, _ in ingests), ingests
    assert len(ingests) >= 2 and tally.versions == {"old", "new"}, (len(ingests), tally.versions)
    assert tally.requests >= THREADS * PER_THREAD * 0.5, "the load did not finish in time"
