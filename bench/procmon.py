"""Running a command while sampling the memory of its whole process tree (RSS and PSS, peak of the sum)."""

from __future__ import annotations

import subprocess
import threading
import time
from dataclasses import dataclass

import psutil

from tests.servers import environment

MB = 1024 * 1024


@dataclass
class Measured:
    """What a measured command did: wall seconds, peak memory of its tree, exit status and output."""

    seconds: float
    peak_rss_mb: float
    peak_pss_mb: float
    returncode: int
    stdout: str
    stderr: str


def tree_memory(pid: int) -> tuple[float, float]:
    """(sum of RSS, sum of PSS) in MB over a process and all its descendants; PSS shares pages fairly."""
    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0.0, 0.0
    rss = pss = 0.0
    for proc in procs:
        try:
            info = proc.memory_full_info()
        except psutil.Error:
            continue
        rss += info.rss
        pss += getattr(info, "pss", info.rss)
    return rss / MB, pss / MB


class Sampler:
    """Samples a process tree's memory in a thread until stopped; keeps the peaks."""

    def __init__(self, pid: int, interval: float = 0.25) -> None:
        self.pid, self.interval = pid, interval
        self.peak_rss = self.peak_pss = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            rss, pss = tree_memory(self.pid)
            self.peak_rss, self.peak_pss = max(self.peak_rss, rss), max(self.peak_pss, pss)
            self._stop.wait(self.interval)

    def stop(self) -> tuple[float, float]:
        """Stop sampling; return (peak RSS, peak PSS) in MB."""
        self._stop.set()
        self._thread.join()
        return self.peak_rss, self.peak_pss


def run_measured(cmd: list[str], *, env: dict[str, str] | None = None, cwd: str | None = None,
                 timeout: float | None = None) -> Measured:
    """Run ``cmd`` to completion, sampling its tree's memory; raise if it fails."""
    full_env = environment(**(env or {}))
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, env=full_env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sampler = Sampler(proc.pid)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
    seconds = time.perf_counter() - started
    rss, pss = sampler.stop()
    return Measured(seconds, rss, pss, proc.returncode, out, err)


def process_memory(pid: int) -> tuple[float, float]:
    """(RSS, PSS) in MB of one process."""
    info = psutil.Process(pid).memory_full_info()
    return info.rss / MB, getattr(info, "pss", info.rss) / MB
