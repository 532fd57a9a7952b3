"""The servers under test, each started on a free loopback port and stopped by its process group id."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Self

import requests

from bench.procmon import tree_memory

BASE_URI = "http://127.0.0.1:5000/"  # the base the corpus is minted with (lodpub's default)


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def tool(name: str) -> str:
    """A console script of this environment (gunicorn, oxigraph, rdflib-endpoint)."""
    return str(Path(sys.executable).with_name(name))


class Server:
    """A server process (and its children) in its own process group, with a readiness probe."""

    def __init__(self, name: str, cmd: list[str], probe: str, env: dict[str, str] | None = None,
                 cwd: str | None = None, log: Path | None = None, timeout: float = 600.0) -> None:
        self.name, self.cmd, self.probe, self.timeout = name, cmd, probe, timeout
        self.env = {**os.environ, **(env or {})}
        self.cwd, self.log = cwd, log
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        """The server's base URL (scheme, host and port)."""
        return self.probe.split("/", 3)[0] + "//" + self.probe.split("/", 3)[2]

    def start(self, timeout: float | None = None) -> Self:
        """Start and wait until the probe URL answers 2xx/3xx."""
        timeout = timeout or self.timeout
        out = open(self.log, "ab") if self.log else subprocess.DEVNULL  # noqa: SIM115 - closed with the process
        self.proc = subprocess.Popen(self.cmd, env=self.env, cwd=self.cwd, stdout=out, stderr=subprocess.STDOUT,
                                     start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.proc.returncode} (see {self.log})")
            try:
                if requests.get(self.probe, timeout=10, allow_redirects=False).status_code < 400:
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"{self.name} did not answer {self.probe} within {timeout:.0f} s")

    def memory(self) -> tuple[float, float]:
        """(RSS, PSS) in MB of the server's whole process tree."""
        return tree_memory(self.proc.pid) if self.proc else (0.0, 0.0)

    def children(self) -> list[int]:
        """The pids of the server's child processes (gunicorn's workers)."""
        import psutil

        return [p.pid for p in psutil.Process(self.proc.pid).children()] if self.proc else []

    def stop(self) -> None:
        """Terminate the process group this server was started in (and kill it if it lingers)."""
        if self.proc is None or self.proc.poll() is not None:
            return
        pgid = os.getpgid(self.proc.pid)
        os.killpg(pgid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(pgid, signal.SIGKILL)
            self.proc.wait()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def lodpub(store: Path, log: Path, workers: int = 2, page_cache: bool = False) -> Server:
    """lodpub under gunicorn, as the README runs it in production (page cache off unless asked for)."""
    port = free_port()
    env = {"LODPUB_STORE": str(store), "LODPUB_BASE_URI": BASE_URI, "LODPUB_RATE_BUDGET": "1000000",
           "LODPUB_QUERY_TIMEOUT": "300", "LODPUB_MAX_ROWS": "1000000",
           "LODPUB_PAGE_CACHE_MB": "256" if page_cache else "0"}
    cmd = [tool("gunicorn"), "-w", str(workers), "-b", f"127.0.0.1:{port}", "--timeout", "600",
           "publisher.app:create_app()"]
    return Server("lodpub", cmd, f"http://127.0.0.1:{port}/healthz", env=env, log=log)


def oxigraph(location: Path, log: Path) -> Server:
    """Oxigraph's own HTTP server, read-only on the same snapshot lodpub serves."""
    port = free_port()
    cmd = [tool("oxigraph"), "serve-read-only", "--location", str(location), "--bind", f"127.0.0.1:{port}",
           "--union-default-graph"]
    return Server("oxigraph", cmd, f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", log=log)


def rdflib_endpoint(nquads: Path, log: Path) -> Server:
    """rdflib-endpoint serving an N-Quads file from rdflib's memory store (union default graph), at ``/``."""
    port = free_port()
    cmd = [tool("rdflib-endpoint"), "serve", str(nquads), "--host", "127.0.0.1", "--port", str(port)]
    return Server("rdflib-endpoint", cmd, f"http://127.0.0.1:{port}/?query=ASK%7B%7D", log=log, timeout=1800)


def snapshot_dir(store: Path) -> Path:
    """The published snapshot a data directory's ``current`` link points at."""
    return store / os.readlink(store / "current")
