"""A throwaway Virtuoso server for the SPARQL comparison: own data directory, loopback ports, bulk-loaded N-Quads."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from bench.servers import Server, free_port

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
CheckpointInterval = 0
DirsAllowed = ., {load}
NumberOfBuffers = 170000
MaxDirtyBuffers = 130000
ThreadsPerQuery = 2
MaxQueryMem = 2G
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {d}
ServerThreads = 10
MaxClientConnections = 10
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 600
MaxQueryCostEstimationTime = 6000
"""


def available() -> bool:
    """Whether Virtuoso (server and isql) is installed."""
    return bool(VIRTUOSO and ISQL)


class Virtuoso(Server):
    """Virtuoso in a temporary directory; :meth:`load` bulk-loads a directory of ``*.nq.gz`` files."""

    def __init__(self, log: Path) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="lodpub-bench-virtuoso-"))
        self.load_dir = self.dir / "load"
        self.load_dir.mkdir()
        self.sql_port, http = free_port(), free_port()
        ini = self.dir / "virtuoso.ini"
        ini.write_text(INI.format(d=self.dir, sql=self.sql_port, http=http, load=self.load_dir))
        super().__init__("virtuoso", [str(VIRTUOSO), "+configfile", str(ini), "+foreground"],
                         f"http://127.0.0.1:{http}/sparql?query=ASK%7B%7D", cwd=str(self.dir), log=log)

    def isql(self, sql: str, timeout: float = 7200) -> str:
        """Run SQL as dba on this (freshly created, loopback-only) server."""
        script = self.dir / "script.sql"
        script.write_text(sql)
        run = subprocess.run([str(ISQL), f"127.0.0.1:{self.sql_port}", "dba", "dba", str(script)],
                             capture_output=True, text=True, timeout=timeout, check=False)
        if run.returncode or "*** Error" in run.stdout + run.stderr:
            raise RuntimeError(f"isql failed: {(run.stdout + run.stderr)[-2000:]}")
        return run.stdout

    def load(self, nq_gz: Path) -> float:
        """Bulk-load gzipped N-Quads (Virtuoso's own loader); return the seconds it took."""
        shutil.copy(nq_gz, self.load_dir / "data.nq.gz")
        started = time.monotonic()
        self.isql(f"ld_dir('{self.load_dir}', '*.nq.gz', 'urn:lodpub:bench:default');\n"
                  "rdf_loader_run();\ncheckpoint;\n")
        return time.monotonic() - started

    def stop(self) -> None:
        """Stop the server and remove its directory."""
        super().stop()
        shutil.rmtree(self.dir, ignore_errors=True)
