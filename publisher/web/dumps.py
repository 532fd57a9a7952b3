"""The dataset's dump files: made once per version of the data, in the background, shared between workers.

A dump is written by :func:`write_dump` into ``<dump root>/<data version>/`` with a ``.sha256``
beside it. A request waits a few seconds for a dump being made; a large one keeps being made in a background
thread (one process writes it under a file lock; the others wait for it) while the client is told to retry.
Set ``LODPUB_DUMP_DIR`` to share the dumps between server processes.
"""

from __future__ import annotations

import atexit
import fcntl
import gzip
import hashlib
import os
import re
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from flask import current_app

from publisher import urls
from publisher.formats import FORMATS, Format
from publisher.store import Store
from publisher.web.context import settings, store

DUMPS = {urls.dump_file(f.suffix): f for f in FORMATS if f.dump and f.suffix}  # file name -> format
UNVERSIONED_TTL = 3600.0  # seconds a dump stays current when the store cannot say whether its data changed
SUPERSEDED_TTL = 600.0  # seconds to keep dumps of an older version (downloads may be running)
_running: dict[Path, threading.Thread] = {}
_running_lock = threading.Lock()


@dataclass
class DumpFile:
    """A dump file on disk with its size and SHA-256 checksum."""

    path: Path
    format: Format
    size: int
    sha256: str


def write_dump(store: Store, fmt: Format, path: Path) -> DumpFile:
    """Write the whole store as a gzip-compressed dump (atomically: a temporary file, then renamed)."""
    assert fmt.rdf is not None, fmt.key
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as out:
        store.dump(out, fmt.rdf)  # type: ignore[arg-type]
    digest = hashlib.sha256()
    with open(tmp, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    os.replace(tmp, path)
    return DumpFile(path=path, format=fmt, size=path.stat().st_size, sha256=digest.hexdigest())


def dump_root() -> Path:
    """Where dumps are kept: LODPUB_DUMP_DIR, else a temporary folder private to this app."""
    configured = settings().dump_dir
    if configured:
        return Path(configured)
    folder = current_app.extensions.get("lodpub.dumps")
    if folder is None:
        folder = current_app.extensions["lodpub.dumps"] = tempfile.mkdtemp(prefix="lodpub-dumps-")
        atexit.register(shutil.rmtree, folder, True)
    return Path(folder)


def version_folder() -> tuple[Path, bool]:
    """The folder for the current version of the data, and whether the version is known."""
    version = store().version()
    name = re.sub(r"[^A-Za-z0-9_.-]+", "-", version) if version else "unversioned"
    return dump_root() / name, version is not None


def existing(name: str) -> DumpFile | None:
    """The dump already made for the current data, if any."""
    folder, versioned = version_folder()
    path, sums = folder / name, folder / (name + ".sha256")
    if not (path.exists() and sums.exists()):
        return None
    if not versioned and time.time() - path.stat().st_mtime > UNVERSIONED_TTL:
        return None
    return DumpFile(path=path, format=DUMPS[name], size=path.stat().st_size, sha256=sums.read_text().split()[0])


def _write(source: Store, folder: Path, name: str) -> None:
    """Write one dump and its checksum under the folder's lock, unless another process already has."""
    folder.mkdir(parents=True, exist_ok=True)
    fd = os.open(folder / ".lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        if (folder / (name + ".sha256")).exists() and (folder / name).exists():
            return
        made = write_dump(source, DUMPS[name], folder / name)
        tmp = folder / f".{name}.sha256.tmp"
        tmp.write_text(f"{made.sha256}  {name}\n")
        os.replace(tmp, folder / (name + ".sha256"))
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
    for old in folder.parent.iterdir():
        if old.is_dir() and old != folder and time.time() - old.stat().st_mtime > SUPERSEDED_TTL:
            shutil.rmtree(old, ignore_errors=True)


def ensure(name: str, wait: float | None = None) -> DumpFile | None:
    """The dump for the current data; started in the background if needed; None if not ready within ``wait`` s.

    ``wait`` defaults to the settings' ``dump_wait`` (10 seconds).
    """
    if wait is None:
        wait = settings().dump_wait
    made = existing(name)
    if made is not None:
        return made
    folder, versioned = version_folder()
    if not versioned:  # an old unversioned dump is stale: make a new one
        for stale in (folder / name, folder / (name + ".sha256")):
            stale.unlink(missing_ok=True)
    key = folder / name
    with _running_lock:
        thread = _running.get(key)
        if thread is None or not thread.is_alive():
            thread = threading.Thread(target=_write, args=(store(), folder, name), name=f"dump {name}", daemon=True)
            _running[key] = thread
            thread.start()
    thread.join(timeout=max(wait, 0.0))
    return existing(name)
