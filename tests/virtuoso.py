"""Virtuoso servers for the tests (tests/servers.py starts them): one per store name, prepared as the README
says, stopped when the tests end.

Stores of different names must not share records, and Virtuoso keeps one quad store per server, so each name
(``virtuoso_store("loaded")``, ``virtuoso_store("store")`` ...) has its own server; a store of a name already
served is emptied and handed out again.
"""

from __future__ import annotations

import atexit

from publisher.read import queries
from publisher.store.interface import CHANGES_GRAPH, PENDING_GRAPH, PUBLISHED_GRAPH
from publisher.store.remote import RemoteStore
from publisher.store.sparql_http import SparqlHttp, make_auth
from tests.helpers import need
from tests.servers import TESTS, Virtuoso, virtuoso_available

RESULT_ROWS = TESTS.result_rows  # the engine's row limit in tests: small enough that paging is exercised
_servers: dict[str, Virtuoso] = {}


def server(name: str = "store") -> Virtuoso:
    """The running server for a store name (started on first use; skipped locally without Virtuoso)."""
    need(virtuoso_available(), "Virtuoso (Debian package virtuoso-opensource)")
    if name not in _servers:
        started = Virtuoso(name, TESTS).start()
        try:
            started.secure()
        except RuntimeError:
            started.stop()
            raise
        _servers[name] = started
    return _servers[name]


def store_on(running: Virtuoso) -> RemoteStore:
    """A RemoteStore on a server, configured as lodpub would be from its settings."""
    base = running.url
    http = SparqlHttp(f"{base}/sparql", f"{base}/sparql-auth", f"{base}/sparql-graph-crud-auth",
                      make_auth("lodpub", running.password, "digest"), timeout=60.0)
    return RemoteStore(http, description=f"Virtuoso test server {running.name!r} on port {running.http_port}")


def virtuoso_store(name: str = "store") -> RemoteStore:
    """A fresh, empty, writable RemoteStore on the Virtuoso server kept for ``name``."""
    store = store_on(server(name))
    store.delete_graphs(list(store.named_graphs()))
    store.update(queries.drop_graphs([PUBLISHED_GRAPH, PENDING_GRAPH, CHANGES_GRAPH], silent=True))  # lodpub's own
    return store


@atexit.register
def stop_all() -> None:
    """Stop every server started by this process."""
    for started in _servers.values():
        started.stop()
    _servers.clear()
