"""Virtuoso servers for the tests: started on 127.0.0.1, free ports, own ini and data directory, generated
passwords, prepared by scripts/virtuoso-setup.sh (the README recipe), stopped by PID when tests end.

One server per store name (``virtuoso_store("loaded")``, ``virtuoso_store("store")``, ...): stores of
different names must not share records, and Virtuoso keeps one quad store per server. A store of a name
already served is emptied and handed out again.
"""

from __future__ import annotations

import atexit
import ctypes
import os
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import requests

from publisher.store.remote import RemoteStore
from publisher.store.sparql_http import SparqlHttp, make_auth
from tests.conftest import REPO, need

VIRTUOSO = shutil.which("virtuoso-t")
ISQL = shutil.which("isql-vt") or shutil.which("isql")
RESULT_ROWS = 5000  # the engine's row limit in tests: small enough that paging is exercised
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
DefaultIsolation = 4
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = .
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000
ThreadsPerQuery = 2
MaxQueryMem = 500M
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {d}
ServerThreads = 20
MaxClientConnections = 20
MaxKeepAlives = 20
KeepAliveTimeout = 10
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = {rows}
MaxQueryExecutionTime = 120
MaxQueryCostEstimationTime = 400
"""


def available() -> bool:
    """Whether Virtuoso (server and isql) is installed."""
    return bool(VIRTUOSO and ISQL)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _die_with_parent() -> None:  # pragma: no cover - runs in the child before exec
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


class VirtuosoServer:
    """One Virtuoso process with a lodpub user; ``env`` holds the LODPUB_STORE_* settings to reach it."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.dir = Path(tempfile.mkdtemp(prefix=f"lodpub-virtuoso-{name}-"))
        self.sql_port, self.http_port = _free_port(), _free_port()
        # passwords start with a letter: isql reads a leading digit as a number
        self.dba_password, self.password = "lp" + secrets.token_hex(12), "lp" + secrets.token_hex(12)
        self.process: subprocess.Popen[bytes] | None = None
        base = f"http://127.0.0.1:{self.http_port}"
        self.env = {"LODPUB_STORE": f"sparql+{base}/sparql", "LODPUB_STORE_UPDATE": f"{base}/sparql-auth",
                    "LODPUB_STORE_GRAPH_STORE": f"{base}/sparql-graph-crud-auth", "LODPUB_STORE_USER": "lodpub",
                    "LODPUB_STORE_PASSWORD": self.password, "LODPUB_STORE_AUTH": "digest"}

    def start(self) -> None:
        """Start the server, replace the default passwords, run the setup script."""
        ini = self.dir / "virtuoso.ini"
        ini.write_text(INI.format(d=self.dir, sql=self.sql_port, http=self.http_port, rows=RESULT_ROWS))
        self.process = subprocess.Popen([str(VIRTUOSO), "+configfile", str(ini), "+foreground"], cwd=self.dir,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                        preexec_fn=_die_with_parent)
        self._wait_for_http()
        self._isql("dba", f"set password dba {self.dba_password};\n"
                   f"DB.DBA.USER_PASSWORD_SET ('dav', 'lp{secrets.token_hex(12)}');\n")
        env = dict(os.environ, VIRTUOSO_DBA_PASSWORD=self.dba_password, LODPUB_STORE_PASSWORD=self.password)
        setup = subprocess.run([str(REPO / "scripts" / "virtuoso-setup.sh"), f"127.0.0.1:{self.sql_port}"],
                               env=env, capture_output=True, text=True, timeout=120, check=False)
        if setup.returncode != 0:
            self.stop()
            raise RuntimeError(f"scripts/virtuoso-setup.sh failed:\n{setup.stderr[-3000:]}")

    def _isql(self, password: str, sql: str) -> None:
        script = self.dir / "bootstrap.sql"
        script.write_text(sql)
        try:
            run = subprocess.run([str(ISQL), f"127.0.0.1:{self.sql_port}", "dba", password, str(script)],
                                 capture_output=True, text=True, timeout=60, check=False)
        finally:
            script.unlink()
        if run.returncode != 0 or "*** Error" in run.stdout + run.stderr:
            self.stop()
            raise RuntimeError(f"isql failed on the new Virtuoso server:\n{(run.stdout + run.stderr)[-2000:]}")

    def _wait_for_http(self) -> None:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                log = (self.dir / "virtuoso.log").read_text(errors="replace")[-2000:]
                raise RuntimeError(f"Virtuoso exited with {self.process.returncode}:\n{log}")
            try:
                response = requests.get(f"http://127.0.0.1:{self.http_port}/sparql", timeout=5,
                                        params={"query": "ASK {}"},
                                        headers={"Accept": "application/sparql-results+json"})
                if response.status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError("Virtuoso did not answer on HTTP within 120 s")

    def store(self) -> RemoteStore:
        """A RemoteStore on this server, configured as lodpub would be from ``env``."""
        base = f"http://127.0.0.1:{self.http_port}"
        http = SparqlHttp(f"{base}/sparql", f"{base}/sparql-auth", f"{base}/sparql-graph-crud-auth",
                          make_auth("lodpub", self.password, "digest"), timeout=60.0)
        return RemoteStore(http, description=f"Virtuoso test server {self.name!r} on port {self.http_port}")

    def stop(self) -> None:
        """Stop the server by its PID and remove its data directory."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None
        shutil.rmtree(self.dir, ignore_errors=True)


_servers: dict[str, VirtuosoServer] = {}


def server(name: str = "store") -> VirtuosoServer:
    """The running server for a store name (started on first use; skipped locally without Virtuoso)."""
    need(available(), "Virtuoso (Debian package virtuoso-opensource)")
    if name not in _servers:
        started = VirtuosoServer(name)
        started.start()
        _servers[name] = started
    return _servers[name]


def virtuoso_store(name: str = "store") -> RemoteStore:
    """A fresh, empty, writable RemoteStore on the Virtuoso server kept for ``name``."""
    store = server(name).store()
    store.delete_graphs(list(store.named_graphs()))
    return store


@atexit.register
def stop_all() -> None:
    """Stop every server started by this process."""
    for started in _servers.values():
        started.stop()
    _servers.clear()
