"""Query workers over the on-disk store cannot open network sockets, whatever a query asks for."""

from __future__ import annotations

import platform
import subprocess
import sys
from pathlib import Path

import pytest

from publisher.sparql.execute import Job
from publisher.sparql.pool import ProcessPool
from publisher.sparql.sandbox import ARCHES
from publisher.store import open_store
from tests.helpers import BASE, REPO, SAMPLES, Listener, ingest_samples, need

ESCAPE = """
import os, socket, sys
import pyoxigraph as ox
from publisher.sparql.sandbox import deny_network
print("installed", deny_network())
try:
    list(ox.Store().query("SELECT * {{ SERVICE <http://{address}/sparql> {{ ?s ?p ?o }} }}"))
    print("service ran")
except OSError as exc:
    print("service failed:", exc)
for family in (socket.AF_INET, socket.AF_INET6):
    try:
        socket.socket(family)
        print("socket allowed")
    except PermissionError:
        print("socket denied")
a, b = socket.socketpair()
r, w = os.pipe()
print("local ipc ok")
"""


def test_the_filter_stops_oxigraph_reaching_the_network() -> None:
    need(sys.platform.startswith("linux") and platform.machine() in ARCHES, "Linux seccomp on x86_64 or aarch64")
    listener = Listener()
    try:
        run = subprocess.run([sys.executable, "-c", ESCAPE.format(address=listener.address)], cwd=REPO,
                             capture_output=True, text=True, timeout=60)
        assert "installed True" in run.stdout, run.stdout + run.stderr
        assert "service failed: Permission denied" in run.stdout
        assert run.stdout.count("socket denied") == 2 and "local ipc ok" in run.stdout
    finally:
        listener.close()
    assert listener.connections == []


def test_pool_workers_over_a_disk_store_are_sandboxed(tmp_path: Path) -> None:
    need(sys.platform.startswith("linux") and platform.machine() in ARCHES, "Linux seccomp on x86_64 or aarch64")
    store = open_store(str(tmp_path / "data"), writable=True)
    ingest_samples(store, [SAMPLES / "eprints-xml"])
    store.close()
    pool = ProcessPool(str(tmp_path / "data"), 2, wait=30)
    try:
        assert pool.sandboxed()
        outcome = pool.run(Job("ASK { ?s ?p ?o }", BASE, formats={"boolean": "srj"}), 30)
        assert outcome.status == 200 and b"true" in outcome.body
    finally:
        pool.close()


@pytest.mark.parametrize("machine", ["x86_64", "aarch64"])
def test_the_filter_program_jumps_stay_inside_it(machine: str) -> None:
    from publisher.sparql.sandbox import JEQ_K, JGE_K, program

    rules = program(*ARCHES[machine])
    for index, (code, jt, jf, _) in enumerate(rules):
        if code in (JEQ_K, JGE_K):
            assert index + 1 + max(jt, jf) < len(rules)
