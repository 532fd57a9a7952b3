"""The processes the tests and the benchmarks start: lodpub under gunicorn or ``lodpub serve``, and Virtuoso.

One launcher for both (``bench/`` imports it): each server runs on a free loopback port in its own process
group, is ready when its probe URL answers, and is stopped by its process group id (TERM, then KILL). Its
output goes to a log file whose tail is quoted when it fails to start.
"""

from __future__ import annotations

import ctypes
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Self

import requests

REPO = Path(__file__).resolve().parent.parent
BASE_URI = "http://127.0.0.1:5000/"  # lodpub's default base, which the samples and the bench corpus are minted with
APP = "publisher.web.app:create_app()"  # the app factory, as gunicorn is given it in production


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def environment(**extra: str) -> dict[str, str]:
    """This process's environment with ``extra`` on top, for a child process."""
    return {**os.environ, **extra}


def variable(name: str, default: str = "") -> str:
    """An environment variable the tests or the benchmarks read (``CI``, ``LODPUB_TEST_VIRTUOSO``,
    ``LODPUB_BENCH_DIR``): the one place besides publisher.config where the environment is read."""
    return os.environ.get(name) or default


def tool(name: str) -> str:
    """A console script of this virtual environment (gunicorn, oxigraph, rdflib-endpoint)."""
    return str(Path(sys.executable).with_name(name))


def _die_with_parent() -> None:  # pragma: no cover - runs in the child before exec
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


class Server:
    """A server process (and its children) in its own process group, with a readiness probe."""

    def __init__(self, name: str, cmd: list[str], probe: str, env: Mapping[str, str] | None = None,
                 cwd: str | Path | None = None, log: Path | None = None, timeout: float = 600.0,
                 die_with_parent: bool = False) -> None:
        self.name, self.cmd, self.probe, self.timeout = name, cmd, probe, timeout
        self.env = environment(**(env or {}))
        self.cwd = cwd
        self.log = log or Path(tempfile.mkstemp(prefix=f"lodpub-{name}-", suffix=".log")[1])
        self.die_with_parent = die_with_parent
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        """The server's base URL (scheme, host and port)."""
        scheme, _, host = self.probe.split("/", 3)[:3]
        return f"{scheme}//{host}"

    @property
    def pid(self) -> int:
        """The process id of the server (its process group leader)."""
        assert self.proc is not None, f"{self.name} is not running"
        return self.proc.pid

    def log_tail(self, size: int = 3000) -> str:
        """The end of the server's log."""
        return self.log.read_text(errors="replace")[-size:] if self.log.exists() else ""

    def start(self, timeout: float | None = None) -> Self:
        """Start and wait until the probe URL answers 2xx/3xx."""
        timeout = timeout or self.timeout
        with open(self.log, "ab") as out:
            self.proc = subprocess.Popen(self.cmd, env=self.env, cwd=self.cwd, stdout=out, stderr=subprocess.STDOUT,
                                         start_new_session=True,
                                         preexec_fn=_die_with_parent if self.die_with_parent else None)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.proc.returncode}:\n{self.log_tail()}")
            try:
                if requests.get(self.probe, timeout=10, allow_redirects=False).status_code < 400:
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"{self.name} did not answer {self.probe} within {timeout:.0f} s:\n{self.log_tail()}")

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


def lodpub(settings: Mapping[str, str], *, kind: str = "gunicorn", workers: int = 1, threads: int = 8,
           timeout: int = 60, base: str = BASE_URI, port: int | None = None, log: Path | None = None) -> Server:
    """lodpub over the store ``settings`` name (LODPUB_STORE ...): gunicorn as in production, or ``lodpub serve``."""
    port = port or free_port()
    if kind == "gunicorn":
        cmd = [sys.executable, "-m", "gunicorn", "-w", str(workers), "-b", f"127.0.0.1:{port}",
               "--timeout", str(timeout), *(["-k", "gthread", "--threads", str(threads)] if threads > 1 else []),
               APP]
    else:
        cmd = [sys.executable, "-m", "publisher.cli", "serve", "--host", "127.0.0.1", "--port", str(port)]
    env = {"LODPUB_BASE_URI": base, "PYTHONPATH": str(REPO), **settings}
    return Server("lodpub", cmd, f"http://127.0.0.1:{port}/healthz", env=env, cwd=REPO, log=log)


# -- Virtuoso ------------------------------------------------------------------------------------------------
VIRTUOSO = shutil.which("virtuoso-t")
ISQL = shutil.which("isql-vt") or shutil.which("isql")
INI = """[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
{parameters}
DirsAllowed = ., {d}/load
ThreadsPerQuery = 2
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {d}
ServerThreads = {t.http_threads}
MaxClientConnections = {t.http_threads}
MaxKeepAlives = {t.http_threads}
KeepAliveTimeout = 10
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = {t.result_rows}
MaxQueryExecutionTime = {t.query_seconds}
MaxQueryCostEstimationTime = {t.cost_seconds}
"""


@dataclass(frozen=True)
class Tuning:
    """How a Virtuoso server is sized: the tests' (small, a low row limit so paging is exercised) or the bench's."""

    parameters: str
    http_threads: int
    result_rows: int
    query_seconds: int
    cost_seconds: int


TESTS = Tuning("DefaultIsolation = 4\nCheckpointInterval = 60\nCaseMode = 2\nNumberOfBuffers = 20000\n"
               "MaxDirtyBuffers = 15000\nMaxQueryMem = 500M", 20, 5000, 120, 400)
BENCH = Tuning("CheckpointInterval = 0\nNumberOfBuffers = 170000\nMaxDirtyBuffers = 130000\nMaxQueryMem = 2G",
               10, 1_000_000, 600, 6000)


def virtuoso_available() -> bool:
    """Whether Virtuoso (server and isql) is installed."""
    return bool(VIRTUOSO and ISQL)


class Virtuoso(Server):
    """A Virtuoso in a temporary directory on loopback ports; :meth:`secure` prepares it for lodpub as the README
    says (new passwords, scripts/virtuoso-setup.sh), :meth:`bulk_load` loads N-Quads with Virtuoso's own loader."""

    def __init__(self, name: str, tuning: Tuning = TESTS, log: Path | None = None) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix=f"lodpub-virtuoso-{name}-"))
        (self.dir / "load").mkdir()
        self.sql_port, self.http_port = free_port(), free_port()
        self.dba_password = "dba"
        self.password = ""  # the lodpub user's, once secured
        ini = self.dir / "virtuoso.ini"
        ini.write_text(INI.format(d=self.dir, sql=self.sql_port, http=self.http_port, t=tuning,
                                  parameters=tuning.parameters))
        super().__init__(f"virtuoso-{name}", [str(VIRTUOSO), "+configfile", str(ini), "+foreground"],
                         f"http://127.0.0.1:{self.http_port}/sparql?query=ASK%7B%7D", cwd=self.dir,
                         log=log or self.dir / "server.log", timeout=120, die_with_parent=True)

    @property
    def settings(self) -> dict[str, str]:
        """The LODPUB_STORE* settings lodpub reaches this server with (after :meth:`secure`)."""
        base = self.url
        return {"LODPUB_STORE": f"sparql+{base}/sparql", "LODPUB_STORE_UPDATE": f"{base}/sparql-auth",
                "LODPUB_STORE_GRAPH_STORE": f"{base}/sparql-graph-crud-auth", "LODPUB_STORE_USER": "lodpub",
                "LODPUB_STORE_PASSWORD": self.password, "LODPUB_STORE_AUTH": "digest"}

    def isql(self, sql: str, timeout: float = 7200) -> str:
        """Run SQL as dba on this (loopback-only) server."""
        script = self.dir / "script.sql"
        script.write_text(sql)
        try:
            run = subprocess.run([str(ISQL), f"127.0.0.1:{self.sql_port}", "dba", self.dba_password, str(script)],
                                 capture_output=True, text=True, timeout=timeout, check=False)
        finally:
            script.unlink()
        if run.returncode or "*** Error" in run.stdout + run.stderr:
            raise RuntimeError(f"isql failed on {self.name}:\n{(run.stdout + run.stderr)[-2000:]}")
        return run.stdout

    def secure(self) -> None:
        """Replace the default passwords (each starts with a letter: isql reads a leading digit as a number) and
        create the lodpub user with scripts/virtuoso-setup.sh."""
        new_dba, self.password = "lp" + secrets.token_hex(12), "lp" + secrets.token_hex(12)
        self.isql(f"set password dba {new_dba};\nDB.DBA.USER_PASSWORD_SET ('dav', 'lp{secrets.token_hex(12)}');\n",
                  timeout=60)
        self.dba_password = new_dba
        setup = subprocess.run([str(REPO / "scripts" / "virtuoso-setup.sh"), f"127.0.0.1:{self.sql_port}"],
                               env=environment(VIRTUOSO_DBA_PASSWORD=new_dba, LODPUB_STORE_PASSWORD=self.password),
                               capture_output=True, text=True, timeout=120, check=False)
        if setup.returncode != 0:
            raise RuntimeError(f"scripts/virtuoso-setup.sh failed:\n{setup.stderr[-3000:]}")

    def bulk_load(self, nq_gz: Path) -> float:
        """Bulk-load gzipped N-Quads (Virtuoso's own loader); return the seconds it took."""
        shutil.copy(nq_gz, self.dir / "load" / "data.nq.gz")
        started = time.monotonic()
        self.isql(f"ld_dir('{self.dir / 'load'}', '*.nq.gz', 'urn:lodpub:bench:default');\n"
                  "rdf_loader_run();\ncheckpoint;\n")
        return time.monotonic() - started

    def stop(self) -> None:
        """Stop the server and remove its directory."""
        super().stop()
        shutil.rmtree(self.dir, ignore_errors=True)
