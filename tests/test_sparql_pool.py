"""Where queries run: worker processes (killed at the limit, replaced when they die) and threads (memory)."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator

import pytest

from publisher.sparql.execute import Job
from publisher.sparql.pool import Busy, ProcessPool, ThreadRunner
from publisher.store import open_store
from tests.helpers import BASE, SAMPLES, ingest_samples

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
SIMPLE = Job("ASK { ?s ?p ?o }", BASE, formats={"boolean": "srj"})


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> str:
    """An on-disk store with a few records (the pool is for on-disk stores, whatever the test backends)."""
    path = tmp_path_factory.mktemp("pool") / "data"
    store = open_store(str(path), writable=True)
    ingest_samples(store, [SAMPLES / "eprints-xml"])
    store.close()
    return str(path)


@pytest.fixture()
def pool(data_dir: str) -> Iterator[ProcessPool]:
    workers = ProcessPool(data_dir, 2, wait=30)
    yield workers
    workers.close()


def test_a_runaway_query_is_killed_at_the_limit(pool: ProcessPool) -> None:
    started = time.monotonic()
    outcome = pool.run(Job(RUNAWAY, BASE), 1.0)
    took = time.monotonic() - started
    assert outcome.status == 503 and b"stopped after 1 s" in outcome.body
    assert 1.0 <= took < 3.0  # the limit plus the kill; generous for a loaded 2-core CI machine
    assert pool.run(SIMPLE, 30).status == 200  # the other worker answers


def test_a_worker_that_died_idle_is_replaced_before_use(pool: ProcessPool) -> None:
    assert pool.run(SIMPLE, 30).status == 200
    for worker in list(pool._all):
        os.kill(worker.process.pid, signal.SIGKILL)
        worker.process.wait()
    answered, deadline = 0, time.monotonic() + 30
    while answered < 3 and time.monotonic() < deadline:  # Busy (503) at once while the successors start
        try:
            assert pool.run(SIMPLE, 30).status == 200
            answered += 1
        except Busy:
            time.sleep(0.1)
    assert answered == 3


def test_busy_when_every_worker_is_taken(data_dir: str) -> None:
    single = ProcessPool(data_dir, 1, wait=30)
    try:
        worker = single._checkout()  # hold the only worker
        single.wait = 0.5
        with pytest.raises(Busy):
            single.run(SIMPLE, 5)
        single._idle.put(worker)
        assert single.run(SIMPLE, 30).status == 200
    finally:
        single.close()


def test_memory_stores_answer_at_the_limit_in_threads() -> None:
    store = open_store("memory:")
    ingest_samples(store, [SAMPLES / "eprints-xml"])
    runner = ThreadRunner(store, 2, wait=5)
    started = time.monotonic()
    outcome = runner.run(Job(RUNAWAY, BASE), 1.0)
    assert outcome.status == 503 and time.monotonic() - started < 1.5
    assert runner.run(SIMPLE, 30).status == 200  # the abandoned query holds one thread, not the other


def test_syntax_errors_point_into_the_query_as_sent() -> None:
    from publisher.sparql.execute import run_job

    outcome = run_job(open_store("memory:"), Job("SELECT * WHERE { ?s ?p ?o", BASE))
    assert outcome.status == 400 and b"error at 1:26" in outcome.body  # not shifted by lodpub's BASE
