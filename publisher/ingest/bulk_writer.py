"""Bulk loads in a background thread, so that an ingest goes on mapping while the store writes.

pyoxigraph releases the GIL while it loads, so one thread loading a batch of new graphs overlaps with the
main thread taking mapped records from the workers and building the next batch. At most one batch waits
while another loads, which bounds memory. Graphs handed over but not yet loaded are *pending*: a record
met again in the input waits for them (:meth:`settle`) and is then compared with what was stored.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Sequence

from publisher.store import GraphWrite, Writer


class BulkWriter:
    """Adds batches of new graphs to a store from one background thread, in the order given."""

    def __init__(self, store: Writer, after_batch: Callable[[], None] | None = None) -> None:
        self.store = store
        self.after_batch = after_batch
        self.pending: set[str] = set()
        self._lock = threading.Lock()
        self._batches: queue.Queue[list[GraphWrite] | None] = queue.Queue(maxsize=1)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="lodpub-bulk-writer", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while True:
            batch = self._batches.get()
            try:
                if batch is None:
                    return
                if self._error is None:
                    self.store.add_graphs(batch, bulk=True)
                    if self.after_batch is not None:
                        self.after_batch()
            except BaseException as exc:  # noqa: BLE001 - handed to the main thread, raised there
                self._error = exc
            finally:
                if batch is not None:
                    with self._lock:
                        self.pending.difference_update(w.graph for w in batch)
                self._batches.task_done()

    def _check(self) -> None:
        if self._error is not None:
            raise self._error

    def add(self, writes: Sequence[GraphWrite]) -> None:
        """Queue a batch of new graphs (blocks while one batch loads and another waits)."""
        self._check()
        if writes:
            with self._lock:
                self.pending.update(w.graph for w in writes)
            self._batches.put(list(writes))

    def is_pending(self, graph: str) -> bool:
        """Whether a graph has been handed over but not loaded yet."""
        with self._lock:
            return graph in self.pending

    def settle(self) -> None:
        """Wait until every batch handed over is loaded (raise what the loader raised, if anything)."""
        self._batches.join()
        self._check()

    def close(self) -> None:
        """Load what is queued and stop the thread (again: nothing more to do)."""
        if self._thread.is_alive():
            self._batches.put(None)
            self._thread.join()
        self._check()
