"""The embedded store: pyoxigraph, in memory or on disk (RocksDB), with snapshot publishing.

On disk, a data directory holds one read-write *master* store, written only by the process that holds
the directory's write lock (an ingest, a delete, an administrator's update), and read-only *snapshots*
(RocksDB checkpoints: hard links, cheap) that readers open. ``current`` is a symlink to the newest
snapshot, swapped atomically when a writer publishes. So any number of server processes read a store
that never changes under them (pyoxigraph forbids reading a store another process writes), a
re-ingest while serving shows readers the old records or the new ones, never half a record, and a
killed writer leaves the master openable with every record graph wholly old or wholly new (each batch
is one transaction).

Layout::

    lodpub-data/master/            read-write store (writers only, under write.lock)
    lodpub-data/snapshots/000007/  published read-only checkpoints
    lodpub-data/current -> snapshots/000007
    lodpub-data/write.lock
"""

from __future__ import annotations

import fcntl
import os
import shutil
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from publisher.read import queries
from publisher.store import disk_rebase
from publisher.store.base import Store
from publisher.store.interface import (
    PUBLISHED_GRAPH,
    SYSTEM_GRAPHS,
    GraphWrite,
    QueryResult,
    StoreBusy,
    StoreError,
    term_value,
)
from publisher.store.lookups import IndexReads

BULK_JOURNAL = "bulk-load.journal"
KEEP_SUPERSEDED_SECONDS = 300  # a superseded snapshot may still serve a running query for this long


class OxigraphStore(IndexReads, Store):
    """A store backed by one pyoxigraph ``Store`` (in memory, or one RocksDB directory)."""

    loads_concurrently = True  # add_graphs may run in a thread while others read (pyoxigraph releases the GIL)
    own_default_graph = True  # queries see the union of the named graphs; the default graph itself is apart

    def __init__(self, inner: ox.Store, description: str = "oxigraph (memory)") -> None:
        self.inner = inner
        self.description = description
        self._writes = 0  # bumped by every write, so version() changes with the data

    def version(self) -> str | None:
        """The number of writes made through this handle (the data can change no other way)."""
        return f"w{self._writes}"

    def query(self, sparql: str, *, default_graphs: Sequence[str] | None = None,
              named_graphs: Sequence[str] | None = None) -> QueryResult:
        """Run a query on pyoxigraph; the default graph is the published view (the store's default graph) unless
        given."""
        named: list[ox.NamedNode | ox.BlankNode] | None = None
        if named_graphs is not None:
            named = [ox.NamedNode(g) for g in named_graphs]
        if default_graphs is None:
            result = self.inner.query(sparql, named_graphs=named)
        else:
            default: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] = [ox.NamedNode(g) for g in default_graphs]
            result = self.inner.query(sparql, default_graph=default or [ox.DefaultGraph()], named_graphs=named)
        if isinstance(result, ox.QueryTriples):
            return list(result)
        return result

    def named_graphs(self) -> Iterator[str]:
        """The IRIs of all record graphs."""
        for graph in self.inner.named_graphs():
            if graph.value not in SYSTEM_GRAPHS:
                yield graph.value

    def count_published(self) -> int:
        """The number of triples in the published view."""
        for row in self.select(queries.COUNT_PUBLISHED):
            return int(term_value(row["n"]))
        return 0

    def change_published(self, remove: Sequence[ox.Triple], add: Sequence[ox.Triple], *,
                         settled: Sequence[str] = (), bulk: bool = False) -> None:
        """Change the default graph, then clear the pending marks (readers see only published snapshots, and a
        crash in between leaves the marks, so the next write refreshes again); a first load's additions go through
        the bulk loader."""
        default = ox.DefaultGraph()
        if bulk and not remove:
            self.inner.bulk_extend(ox.Quad(t.subject, t.predicate, t.object, default) for t in add)
        else:  # readers see published snapshots only, and the pending marks make a crash in between safe
            for t in remove:
                self.inner.remove(ox.Quad(t.subject, t.predicate, t.object, default))
            self.inner.extend(ox.Quad(t.subject, t.predicate, t.object, default) for t in add)
        if settled:
            self.inner.update(queries.change_published([], [], settled))
        self._writes += 1

    def clear_published(self) -> None:
        """Empty the default graph, the published view."""
        self.inner.update(queries.CLEAR_DEFAULT)
        self._writes += 1

    def mark_pending(self, graphs: Sequence[str]) -> None:
        """Note record graphs about to be written whose published view is yet to be refreshed."""
        if graphs:
            self.inner.update(queries.mark_pending(graphs))

    def pending(self) -> list[str]:
        """Record graphs left pending by an interrupted write."""
        return [term_value(row["g"]) for row in self.select(queries.PENDING)]

    def has_graph(self, graph: str) -> bool:
        """Whether a named graph exists."""
        return bool(self.inner.contains_named_graph(ox.NamedNode(graph)))

    def dump(self, out: BinaryIO, syntax: ox.RdfFormat, graphs: Sequence[str] | None = None) -> None:
        """Stream from Rust straight to ``out``: in a dataset syntax the published view (the default graph) and every
        record graph; in a triple syntax the published view alone; or the graphs named (``PUBLISHED_GRAPH`` naming
        the published view)."""
        if graphs is None:
            if not syntax.supports_datasets:
                self.inner.dump(out, syntax, from_graph=ox.DefaultGraph())
                return
            if not any(self.inner.contains_named_graph(ox.NamedNode(g)) for g in SYSTEM_GRAPHS - {PUBLISHED_GRAPH}):
                self.inner.dump(out, syntax)  # nothing of lodpub's own to leave out: the fast way
                return
            graphs = [PUBLISHED_GRAPH, *self.named_graphs()]  # the dataset without lodpub's own bookkeeping
        for graph in graphs:
            node: ox.NamedNode | ox.DefaultGraph = \
                ox.DefaultGraph() if graph == PUBLISHED_GRAPH else ox.NamedNode(graph)
            if syntax.supports_datasets:
                ox.serialize(self.inner.quads_for_pattern(None, None, None, node), out, syntax)
            else:
                self.inner.dump(out, syntax, from_graph=node)

    def write_graphs(self, writes: Sequence[GraphWrite]) -> None:
        """Drop and re-insert every graph in one SPARQL Update, i.e. one transaction."""
        if not writes:
            return
        self.inner.update(queries.replace_graphs([(w.graph, w.ntriples) for w in writes]))
        self._writes += 1

    def add_graphs(self, writes: Sequence[GraphWrite], *, bulk: bool = False) -> None:
        """Load new graphs as N-Quads in one transaction (pyoxigraph's parser, no SPARQL round trip)."""
        if writes:
            self.inner.load(as_nquads(writes), ox.RdfFormat.N_QUADS)

    def delete_graphs(self, graphs: Sequence[str]) -> int:
        """Drop graphs in one transaction."""
        existing = [g for g in graphs if self.has_graph(g)]
        if existing:
            self.inner.update(queries.drop_graphs(existing))
            self._writes += 1
        return len(existing)

    def update(self, sparql: str) -> None:
        """Run a SPARQL Update (callers have already refused LOAD and SERVICE)."""
        self.inner.update(sparql)
        self._writes += 1


def as_nquads(writes: Sequence[GraphWrite]) -> bytes:
    """N-Triples payloads as one N-Quads document (a raw newline only ever ends a statement)."""
    return b"".join(w.ntriples.replace(b" .\n", b" <" + w.graph.encode() + b"> .\n") for w in writes)


class DiskStore(OxigraphStore):
    """A data directory of master + published snapshots (see the module docstring)."""

    def __init__(self, path: str | os.PathLike[str], *, writable: bool = False, lock_timeout: float = 10.0) -> None:
        self.root = Path(path)
        self.lock_timeout = lock_timeout
        self.writable = writable
        self._lock_fd: int | None = None
        self._snapshot: str | None = None
        self._published_at = 0.0
        self.root.mkdir(parents=True, exist_ok=True)
        if writable:
            self._acquire_lock()
            self._recover_interrupted_bulk_load()
            rebased = disk_rebase.recover(self.root)
            inner = self._open_master()
            super().__init__(inner, f"oxigraph on disk at {self.root} (writing)")
            if rebased:
                import sys

                print(f"lodpub: {rebased} ({self.root})", file=sys.stderr)
            if rebased or not (self.root / "current").exists():
                self.publish()
                disk_rebase.finish(self.root)
        else:
            if not (self.root / "current").exists():
                DiskStore(self.root, writable=True, lock_timeout=lock_timeout).close()
            super().__init__(self._open_snapshot(), f"oxigraph on disk at {self.root}")

    # -- locking and opening ---------------------------------------------------------------------------
    def _acquire_lock(self) -> None:
        fd = os.open(self.root / "write.lock", os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + self.lock_timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(fd)
                    raise StoreBusy(f"{self.root} is being written by another process (an ingest or update); "
                                    "try again when it has finished") from None
                time.sleep(0.05)
        self._lock_fd = fd

    def _open_master(self) -> ox.Store:
        try:
            return ox.Store(str(self.root / "master"))
        except OSError as exc:
            raise StoreError(f"cannot open the store at {self.root / 'master'}: {exc}") from exc

    def _recover_interrupted_bulk_load(self) -> None:
        """After a killed bulk load the master may be inconsistent: roll it back to the last snapshot."""
        journal = self.root / BULK_JOURNAL
        if not journal.exists():
            return
        master = self.root / "master"
        shutil.rmtree(master, ignore_errors=True)
        current = self.root / "current"
        if current.exists():
            ox.Store.read_only(str(self.root / os.readlink(current))).backup(str(master))
            where = f"the snapshot {os.readlink(current)}"
        else:
            where = "an empty store"
        journal.unlink()
        import sys

        print(f"lodpub: an interrupted bulk load was rolled back to {where}; ingest again to complete it",
              file=sys.stderr)

    def add_graphs(self, writes: Sequence[GraphWrite], *, bulk: bool = False) -> None:
        """New graphs: pyoxigraph's bulk loader when ``bulk`` (journalled: a crash rolls back to the last
        snapshot), else one transaction."""
        if not bulk or not writes:
            super().add_graphs(writes)
            return
        journal = self.root / BULK_JOURNAL
        with open(journal, "w") as fh:
            fh.write("bulk load in progress\n")
            fh.flush()
            os.fsync(fh.fileno())
        self.inner.bulk_load(as_nquads(writes), ox.RdfFormat.N_QUADS)
        self.inner.flush()
        journal.unlink()

    def rebase(self, old: str, new: str) -> None:
        """Move every IRI under ``old`` to ``new``: a rewritten, compacted copy of the master is built while readers
        keep the published snapshot, swapped in and published (see publisher.store.disk_rebase)."""
        if not self.writable:
            raise StoreError(f"{self.root} is open for reading only")
        disk_rebase.build_copy(self.root, self.inner, old, new)
        self.inner = None  # type: ignore[assignment]  # RocksDB closes the master when its last handle goes
        disk_rebase.swap_in(self.root)
        self.inner = self._open_master()
        self._writes += 1
        self.publish()
        disk_rebase.finish(self.root)

    def compact(self) -> None:
        """Compact the master (RocksDB's full compaction, ``Store.optimize``): after a bulk load, term look-ups
        search many overlapping files."""
        if self.writable:
            self.inner.optimize()

    def _open_snapshot(self) -> ox.Store:
        for _attempt in range(5):
            target = os.readlink(self.root / "current")
            try:
                store = ox.Store.read_only(str(self.root / target))
            except OSError:  # swapped and cleaned between readlink and open: read the link again
                time.sleep(0.05)
                continue
            self._snapshot = target
            return store
        raise StoreError(f"cannot open the published snapshot of {self.root}")

    # -- readers ---------------------------------------------------------------------------------------
    def reopen_spec(self) -> str:
        """The data directory: other processes open its published snapshots read-only."""
        return str(self.root.resolve())

    def version(self) -> str | None:
        """The published snapshot a reader shows (a writer: its count of writes)."""
        return super().version() if self.writable else self._snapshot

    def refresh(self) -> None:
        """Reopen on the newest snapshot if a writer has published one since."""
        if self.writable:
            return
        try:
            target = os.readlink(self.root / "current")
        except OSError:
            return
        if target != self._snapshot:
            self.inner = self._open_snapshot()

    @contextmanager
    def writing(self) -> Iterator[Store]:
        """Write through the master under the lock; publish and refresh this reader afterwards."""
        if self.writable:
            yield self
            return
        writer = DiskStore(self.root, writable=True, lock_timeout=self.lock_timeout)
        try:
            yield writer
        finally:
            writer.close()
            self.refresh()

    # -- writers ---------------------------------------------------------------------------------------
    def publish(self) -> None:
        """Checkpoint the master as a new snapshot and point ``current`` at it atomically."""
        if not self.writable:
            return
        snapshots = self.root / "snapshots"
        snapshots.mkdir(exist_ok=True)
        numbers = [int(p.name) for p in snapshots.iterdir() if p.name.isdigit()]
        name = f"{max(numbers, default=0) + 1:06d}"
        staging = snapshots / f".{name}.tmp"
        shutil.rmtree(staging, ignore_errors=True)
        self.inner.flush()
        self.inner.backup(str(staging))
        os.rename(staging, snapshots / name)
        link = self.root / ".current.tmp"
        if link.is_symlink() or link.exists():
            link.unlink()
        os.symlink(f"snapshots/{name}", link)
        os.replace(link, self.root / "current")
        self._published_at = time.monotonic()
        self._clean_snapshots(snapshots, name)

    def _clean_snapshots(self, snapshots: Path, current: str) -> None:
        """Remove snapshots superseded long enough ago that no reader can still be using them."""
        now = time.time()
        names = sorted(p.name for p in snapshots.iterdir() if p.name.isdigit())
        for older, newer in zip(names, names[1:], strict=False):
            if older == current or newer == current:
                continue  # keep the current snapshot and the one just before it
            if now - (snapshots / newer).stat().st_mtime > KEEP_SUPERSEDED_SECONDS:
                shutil.rmtree(snapshots / older, ignore_errors=True)
        for stale in snapshots.glob(".*.tmp"):
            shutil.rmtree(stale, ignore_errors=True)

    def publish_if_due(self, interval: float) -> None:
        """Publish when ``interval`` seconds have passed since the last publication."""
        if self.writable and time.monotonic() - self._published_at >= interval:
            self.publish()

    def close(self) -> None:
        """Publish (writers), drop the RocksDB handle and release the lock."""
        if self._lock_fd is None and self.writable:
            return
        if self.writable:
            self.publish()
        self.inner = None  # type: ignore[assignment]
        if self._lock_fd is not None:
            fcntl.flock(self._lock_fd, fcntl.LOCK_UN)
            os.close(self._lock_fd)
            self._lock_fd = None
