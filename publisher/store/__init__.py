"""Opening a store from a specification: a data directory (default), ``memory:``, or a remote SPARQL engine."""

from __future__ import annotations

import os

from publisher.store.base import GraphWrite, QueryResult, Store, StoreBusy, StoreError, StoreTimeout

DEFAULT_STORE = "./lodpub-data"

__all__ = ["GraphWrite", "QueryResult", "Store", "StoreBusy", "StoreError", "StoreTimeout", "open_store",
           "store_spec"]


def store_spec(given: str | None = None) -> str:
    """The store to use: the one given, else ``LODPUB_STORE``, else ``./lodpub-data``."""
    return given or os.environ.get("LODPUB_STORE") or DEFAULT_STORE


def open_store(spec: str | None = None, *, writable: bool = False) -> Store:
    """Open the store named by ``spec`` (see :func:`store_spec`) for reading, or for writing."""
    spec = store_spec(spec)
    if spec == "memory:":
        import pyoxigraph

        from publisher.store.oxigraph import OxigraphStore

        return OxigraphStore(pyoxigraph.Store())
    if spec.startswith(("sparql+http://", "sparql+https://")):
        from publisher.store.remote import RemoteStore

        return RemoteStore.from_environment(spec)
    from publisher.store.oxigraph import DiskStore

    return DiskStore(spec, writable=writable)
