"""The SPARQL endpoint's limits (issue 18, items 2, 3, 7, 10): per-client limits shared across processes, no
thread waiting for a busy worker, a memory ceiling per query process and recycling, cancellation when the client
leaves, the answer-bytes cap, XML answers always well-formed, the client address behind a proxy."""

from __future__ import annotations

import multiprocessing as mp
import socket
import threading
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from publisher.sparql import pool as pool_module
from publisher.sparql.execute import Job, run_job
from publisher.sparql.pool import Busy, ProcessPool
from publisher.sparql.runtime import shutdown
from publisher.store import open_store
from publisher.web.app import create_app
from publisher.web.budget import ClientBudget, FailureThrottle, Limited
from publisher.web.client import client_key
from publisher.web.guard import Abandoned, ClientWatch, WorkLimit
from tests.helpers import BASE, SAMPLES, ingest_samples

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
HUNGRY = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?a ?c ?i"
SIMPLE = Job("ASK { ?s ?p ?o }", BASE, formats={"boolean": "srj"})


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("limits") / "data"
    store = open_store(str(path), writable=True)
    ingest_samples(store)
    store.close()
    return str(path)


# -- per-client limits shared by the server's processes -------------------------------------------------------
def _hold(path: str, ready: mp.synchronize.Event, release: mp.synchronize.Event) -> None:
    budget = ClientBudget(path, kind="sparql", seconds_per_minute=0, max_running=2, longest=30)
    budget.admit("10.0.0.1")
    budget.admit("10.0.0.1")
    ready.set()
    release.wait(30)  # exits without finishing: a killed server process


def test_running_queries_are_counted_across_processes(tmp_path: Path) -> None:
    path = str(tmp_path / "limits.sqlite")
    ctx = mp.get_context("spawn")
    ready, release = ctx.Event(), ctx.Event()
    other = ctx.Process(target=_hold, args=(path, ready, release))
    other.start()
    assert ready.wait(30)
    here = ClientBudget(path, kind="sparql", seconds_per_minute=0, max_running=2, longest=30)
    started = time.monotonic()
    with pytest.raises(Limited) as limited:
        here.admit("10.0.0.1")
    assert time.monotonic() - started < 0.1 and limited.value.retry_after >= 1
    here.finish(here.admit("10.0.0.2"))  # another client is not limited
    release.set()
    other.join(30)
    here.finish(here.admit("10.0.0.1"))  # the dead process's work no longer counts


def test_query_seconds_are_charged_across_instances(tmp_path: Path) -> None:
    path = str(tmp_path / "limits.sqlite")
    first = ClientBudget(path, kind="sparql", seconds_per_minute=0.000001, max_running=4, longest=30)
    second = ClientBudget(path, kind="sparql", seconds_per_minute=0.000001, max_running=4, longest=30)
    search = ClientBudget(path, kind="search", seconds_per_minute=0.000001, max_running=4, longest=30)
    with first.admitted("10.0.0.1"):
        time.sleep(0.01)
    with pytest.raises(Limited) as limited:
        second.admit("10.0.0.1")
    assert "budget" in str(limited.value) and 1 <= limited.value.retry_after <= 60
    search.finish(search.admit("10.0.0.1"))  # each kind of work has its own budget


def test_wrong_passwords_are_throttled(tmp_path: Path) -> None:
    throttle = FailureThrottle(str(tmp_path / "limits.sqlite"), kind="login", allowed=3, window=60)
    for _ in range(3):
        throttle.check("10.0.0.1")
        throttle.failed("10.0.0.1")
    with pytest.raises(Limited) as limited:
        throttle.check("10.0.0.1")
    assert 50 <= limited.value.retry_after <= 60
    throttle.check("10.0.0.2")


def test_client_keys() -> None:
    assert client_key("192.0.2.7") == "192.0.2.7"
    assert client_key("2001:db8:1:2:3:4:5:6") == client_key("2001:db8:1:2:ffff::1") == "2001:db8:1:2::/64"
    assert client_key("::ffff:192.0.2.7") == "192.0.2.7"
    assert client_key(None) == "-"


@pytest.mark.parametrize("proxies, separate", [(0, False), (1, True)])
def test_the_client_address_behind_a_trusted_proxy(tmp_path: Path, proxies: int, separate: bool) -> None:
    app = create_app(open_store("memory:"), LODPUB_BASE_URI=BASE, TESTING=True, LODPUB_RATE_BUDGET=0.000001,
                     LODPUB_PROXIES=proxies, LODPUB_LIMITS_FILE=str(tmp_path / "limits.sqlite"))
    client = app.test_client()
    try:
        statuses = [client.get("/sparql", query_string={"query": "ASK {}"},
                               headers={"X-Forwarded-For": f"198.51.100.{i}"}).status_code for i in (1, 2)]
        assert statuses == ([200, 200] if separate else [200, 429])
    finally:
        shutdown(app)


# -- the query pool -------------------------------------------------------------------------------------------
def when_free(pool: ProcessPool, job: Job) -> int:
    """The status of a job run once a worker is free (a replaced worker's successor is not waited for: Busy)."""
    deadline = time.monotonic() + 30
    while True:
        try:
            return pool.run(job, 30).status
        except Busy:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def test_busy_is_answered_at_once(data_dir: str) -> None:
    single = ProcessPool(data_dir, 1, wait=30)
    try:
        assert single.run(SIMPLE, 30).status == 200
        runaway = threading.Thread(target=single.run, args=(Job(RUNAWAY, BASE), 3.0))
        runaway.start()
        time.sleep(0.3)
        started = time.monotonic()
        with pytest.raises(Busy):
            single.run(SIMPLE, 30)
        assert time.monotonic() - started < 0.1  # no thread waits for a busy worker
        runaway.join()
    finally:
        single.close()


def test_a_query_over_the_memory_ceiling_is_refused_naming_the_limit(data_dir: str) -> None:
    small = ProcessPool(data_dir, 1, wait=30, memory_mb=400)
    try:
        outcome = small.run(Job(HUNGRY, BASE), 60)
        assert outcome.status == 422, outcome.body
        assert b"400 MiB" in outcome.body and b"LODPUB_QUERY_MEMORY_MB" in outcome.body
        assert when_free(small, SIMPLE) == 200  # replaced
    finally:
        small.close()


def test_a_worker_that_grew_is_recycled(data_dir: str, monkeypatch: pytest.MonkeyPatch) -> None:
    single = ProcessPool(data_dir, 1, wait=30)
    try:
        assert single.run(SIMPLE, 30).status == 200
        before = {w.process.pid for w in single._all}
        monkeypatch.setattr(pool_module, "RECYCLE_GROWTH", 1024 * 1024)
        grown = Job("SELECT ?a ?b WHERE { ?a ?p ?b . ?c ?q ?b } ORDER BY ?a LIMIT 10", BASE,
                    formats={"solutions": "srj"})
        assert when_free(single, grown) == 200
        monkeypatch.setattr(pool_module, "RECYCLE_GROWTH", 1 << 40)
        assert when_free(single, SIMPLE) == 200
        assert {w.process.pid for w in single._all}.isdisjoint(before)
    finally:
        single.close()


def test_a_query_whose_client_left_is_stopped(data_dir: str) -> None:
    single = ProcessPool(data_dir, 1, wait=30)
    ours, theirs = socket.socketpair()
    try:
        assert single.run(SIMPLE, 30).status == 200
        threading.Timer(0.5, theirs.close).start()
        started = time.monotonic()
        outcome = single.run(Job(RUNAWAY, BASE), 20, ClientWatch(ours))
        assert outcome.status == 499 and time.monotonic() - started < 3
        assert when_free(single, SIMPLE) == 200
    finally:
        ours.close()
        single.close()


def test_work_limits_in_a_web_thread() -> None:
    ours, theirs = socket.socketpair()
    limit = WorkLimit.start(0.2, ClientWatch(ours))
    limit.check()
    time.sleep(0.25)
    with pytest.raises(Abandoned) as stopped:
        limit.check()
    assert stopped.value.status == 503
    theirs.close()
    gone = WorkLimit.start(10, ClientWatch(ours))
    with pytest.raises(Abandoned) as left:
        for _ in range(32):
            gone.check()
    assert left.value.status == 499
    ours.close()


# -- answers --------------------------------------------------------------------------------------------------
@pytest.fixture()
def capped(tmp_path: Path) -> Iterator[FlaskClient]:
    store = open_store("memory:")
    ingest_samples(store, [SAMPLES / "eprints-xml"])
    app = create_app(store, LODPUB_BASE_URI=BASE, TESTING=True, LODPUB_MAX_ANSWER_MB=0.01)
    yield app.test_client()
    shutdown(app)


def test_the_answer_bytes_cap(capped: FlaskClient) -> None:
    for accept in ("application/sparql-results+json", "application/sparql-results+xml", "text/csv"):
        response = capped.get("/sparql", query_string={"query": "SELECT * WHERE { ?s ?p ?o }"},
                              headers={"Accept": accept})
        assert response.status_code == 422 and b"LODPUB_MAX_ANSWER_MB" in response.data, accept
    response = capped.get("/sparql", query_string={"query": "CONSTRUCT WHERE { ?s ?p ?o }"})
    assert response.status_code == 422 and b"MiB" in response.data


def test_a_value_over_16_mib_is_a_clear_refusal() -> None:
    query = "SELECT ?v24 WHERE { BIND(\"x\" AS ?v0) " + " ".join(
        f"BIND(CONCAT(?v{i}, ?v{i}) AS ?v{i + 1})" for i in range(24)) + " }"
    for fmt in ("srj", "csv"):
        outcome = run_job(open_store("memory:"), Job(query, BASE, formats={"solutions": fmt}))
        assert outcome.status == 422 and b"16 MiB" in outcome.body and b"TSV or SPARQL XML" in outcome.body


def test_xml_answers_are_well_formed_whatever_a_literal_holds() -> None:
    store = open_store("memory:")
    select = 'SELECT ?x WHERE { BIND("a\\u0000b\\u001Bc\\uFFFEd" AS ?x) }'
    outcome = run_job(store, Job(select, BASE, formats={"solutions": "srx"}))
    assert outcome.status == 200
    text = ET.fromstring(outcome.body).find(".//{http://www.w3.org/2005/sparql-results#}literal")
    assert text is not None and text.text == "a\ufffdb\ufffdc\ufffdd"
    construct = 'CONSTRUCT { <http://x/s> <http://x/p> ?x } WHERE { BIND("a\\u0000b" AS ?x) }'
    outcome = run_job(store, Job(construct, BASE, formats={"graph": "rdfxml"}))
    assert outcome.status == 200 and ET.fromstring(outcome.body) is not None
