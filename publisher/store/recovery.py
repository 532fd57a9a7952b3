"""Recovery snapshots: the store as it was just before an administrator's DROP, CLEAR, MOVE or COPY.

An on-disk store is checkpointed (a RocksDB checkpoint of the master: hard links, taken in a moment whatever
the store's size) into ``<data directory>/recovery/<UTC time>-<what>``; any other store (``memory:``, a remote
engine) is exported as gzipped N-Quads into the recovery folder. Snapshots older than ``LODPUB_RECOVERY_HOURS``
are deleted when the next one is taken (or when they are listed). ``lodpub recovery list`` shows them and
``lodpub recovery restore NAME`` puts one back (taking a snapshot of what it replaces first).
"""

from __future__ import annotations

import datetime
import gzip
import os
import re
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from publisher.store.base import Store

DUMP_SUFFIX = ".nq.gz"


@dataclass(frozen=True)
class Snapshot:
    """One recovery snapshot: its name, where it is, when it was taken."""

    name: str
    path: Path
    taken: datetime.datetime

    @property
    def is_dump(self) -> bool:
        """Whether it is an N-Quads export (else a store checkpoint)."""
        return self.path.name.endswith(DUMP_SUFFIX)


def folder_for(store: Store, configured: str | None = None) -> Path:
    """Where a store's recovery snapshots go: ``<data directory>/recovery``, else a folder named by the store."""
    if configured:
        return Path(configured)
    root = getattr(store, "root", None)
    if root is not None:
        return Path(root).resolve() / "recovery"
    return Path(tempfile.gettempdir()) / f"lodpub-recovery-{os.getuid()}"


def take(store: Store, folder: Path, what: str, keep_hours: float) -> Snapshot:
    """Snapshot ``store`` (a writer, under the write lock) before ``what`` changes it; expire old snapshots."""
    folder.mkdir(parents=True, exist_ok=True)
    expire(folder, keep_hours)
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%S.%fZ")
    name = f"{stamp}-{re.sub(r'[^a-z0-9]+', '-', what.lower()).strip('-')[:40]}"
    inner = getattr(store, "inner", None)
    if getattr(store, "root", None) is not None and isinstance(inner, ox.Store):
        target = folder / name
        inner.flush()
        inner.backup(str(target))
    else:
        target = folder / (name + DUMP_SUFFIX)
        with gzip.open(target, "wb", compresslevel=3) as out:
            store.dump(out, ox.RdfFormat.N_QUADS)  # type: ignore[arg-type]
    return Snapshot(target.name, target, _taken(target))


def snapshots(folder: Path, keep_hours: float | None = None) -> list[Snapshot]:
    """The snapshots in a folder, oldest first (expired ones deleted first when ``keep_hours`` is given)."""
    if keep_hours is not None:
        expire(folder, keep_hours)
    if not folder.is_dir():
        return []
    return sorted((Snapshot(p.name, p, _taken(p)) for p in folder.iterdir() if not p.name.startswith(".")),
                  key=lambda s: s.name)


def expire(folder: Path, keep_hours: float) -> list[str]:
    """Delete snapshots older than ``keep_hours``; return their names."""
    if not folder.is_dir():
        return []
    cutoff = time.time() - keep_hours * 3600
    gone = []
    for path in folder.iterdir():
        if not path.name.startswith(".") and path.stat().st_mtime < cutoff:
            shutil.rmtree(path) if path.is_dir() else path.unlink()
            gone.append(path.name)
    return gone


def restore(writer: Store, snapshot: Snapshot) -> None:
    """Make the store (an embedded one, opened for writing: under the write lock) hold exactly what the snapshot
    holds, and publish it. A remote engine's N-Quads snapshot is loaded with the engine's own loader instead."""
    inner = getattr(writer, "inner", None)
    if not isinstance(inner, ox.Store):
        raise ValueError(f"{snapshot.name}: lodpub restores into its embedded store only; load this N-Quads file "
                         "into the engine with its own bulk loader")
    inner.clear()
    if snapshot.is_dump:
        with gzip.open(snapshot.path, "rb") as data:
            inner.bulk_load(data, ox.RdfFormat.N_QUADS)  # type: ignore[arg-type]
    else:
        inner.bulk_extend(ox.Store.read_only(str(snapshot.path)).quads_for_pattern(None, None, None, None))
    inner.flush()
    writer.publish()


def _taken(path: Path) -> datetime.datetime:
    return datetime.datetime.fromtimestamp(path.stat().st_mtime, datetime.UTC)
