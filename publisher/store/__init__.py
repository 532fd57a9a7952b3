"""Opening a store from a specification: a data directory (default), ``memory:``, or a remote SPARQL engine."""

from __future__ import annotations

from typing import TYPE_CHECKING

from publisher.store.base import Store
from publisher.store.interface import (
    GraphWrite,
    QueryResult,
    Reader,
    Row,
    StoreBusy,
    StoreError,
    StoreTimeout,
    Writer,
    term_value,
)

if TYPE_CHECKING:
    from publisher.store.remote import RemoteOptions

__all__ = ["GraphWrite", "QueryResult", "Reader", "Row", "Store", "StoreBusy", "StoreError", "StoreTimeout", "Writer",
           "open_store", "term_value"]


def open_store(spec: str, *, writable: bool = False, remote: RemoteOptions | None = None,
               lock_wait: float = 10.0) -> Store:
    """Open the store ``spec`` names (a data directory, ``memory:``, ``sparql+http(s)://...`` reached as
    ``remote`` says) for reading, or for writing (waiting up to ``lock_wait`` seconds for another writer)."""
    if spec == "memory:":
        import pyoxigraph

        from publisher.store.oxigraph import OxigraphStore

        return OxigraphStore(pyoxigraph.Store())
    if spec.startswith(("sparql+http://", "sparql+https://")):
        from publisher.store.remote import RemoteStore

        return RemoteStore.from_options(spec, remote)
    from publisher.store.oxigraph import DiskStore

    return DiskStore(spec, writable=writable, lock_timeout=lock_wait)
