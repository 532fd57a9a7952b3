"""Ingest's mapping worker processes never outlive a killed ingest (they would hold memory and CPU forever)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil

from tests.helpers import BASE, REPO, many_records
from tests.servers import environment


def test_workers_exit_when_the_ingest_is_killed(tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    for i in range(12):
        many_records(source / f"part{i:02d}.xml", 400)
    cmd = [sys.executable, "-m", "publisher.cli", "ingest", "--store", str(tmp_path / "data"), "--jobs", "2",
           "--progress", "none", "--report", str(tmp_path / "r.tsv"), str(source)]
    proc = subprocess.Popen(cmd, cwd=REPO, env=environment(LODPUB_BASE_URI=BASE),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    parent = psutil.Process(proc.pid)
    deadline = time.monotonic() + 60
    workers: list[psutil.Process] = []
    while time.monotonic() < deadline and len(workers) < 2:
        workers = [c for c in parent.children(recursive=True) if "spawn_main" in " ".join(c.cmdline())]
        time.sleep(0.1)
    assert len(workers) == 2, "the mapping workers did not start"
    time.sleep(1.0)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    gone, alive = psutil.wait_procs(workers, timeout=10)
    assert not alive, f"mapping workers still running after the ingest was killed: {[p.pid for p in alive]}"
