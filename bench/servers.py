"""The servers the benchmarks compare, started with the tests' launcher (tests/servers.py): lodpub under
gunicorn, Oxigraph's own server, rdflib-endpoint and Virtuoso; and what their process trees hold in memory."""

from __future__ import annotations

import os
from pathlib import Path

from bench.procmon import tree_memory
from tests.servers import BASE_URI, BENCH, Server, Virtuoso, free_port, tool, virtuoso_available

__all__ = ["BASE_URI", "Server", "children", "lodpub", "memory", "oxigraph", "rdflib_endpoint", "snapshot_dir",
           "virtuoso", "virtuoso_available"]


def lodpub(store: Path, log: Path, workers: int = 2, page_cache: bool = False) -> Server:
    """lodpub under gunicorn, as the README runs it in production (page cache off unless asked for)."""
    from tests.servers import lodpub as launch

    settings = {"LODPUB_STORE": str(store), "LODPUB_RATE_BUDGET": "1000000", "LODPUB_QUERY_TIMEOUT": "300",
                "LODPUB_CLIENT_QUERIES": "64", "LODPUB_SERVER_QUERIES": "64",  # the bench measures speed, not limits
                "LODPUB_MAX_ROWS": "1000000", "LODPUB_PAGE_CACHE_MB": "256" if page_cache else "0"}
    return launch(settings, workers=workers, threads=1, timeout=600, log=log)


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


def virtuoso(log: Path) -> Virtuoso:
    """A throwaway Virtuoso sized for the SPARQL comparison (bulk-load N-Quads with ``bulk_load``)."""
    return Virtuoso("bench", BENCH, log=log)


def memory(server: Server) -> tuple[float, float]:
    """(RSS, PSS) in MB of a server's whole process tree."""
    return tree_memory(server.pid) if server.proc else (0.0, 0.0)


def children(server: Server) -> list[int]:
    """The pids of a server's child processes (gunicorn's workers)."""
    import psutil

    return [p.pid for p in psutil.Process(server.pid).children()] if server.proc else []


def snapshot_dir(store: Path) -> Path:
    """The published snapshot a data directory's ``current`` link points at."""
    return store / os.readlink(store / "current")
