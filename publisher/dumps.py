"""Dumps: ``lodpub export`` streams the store; :func:`write_dump` makes the gzipped files served at /dumps/."""

from __future__ import annotations

import argparse
import gzip
import hashlib
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from publisher.store import Store, StoreError, open_store

# export format -> (file extension, media type)
DUMP_TYPES = {
    "nq": ("nq", "application/n-quads"),
    "nt": ("nt", "application/n-triples"),
    "trig": ("trig", "application/trig"),
    "ttl": ("ttl", "text/turtle"),
    "jsonld": ("jsonld", "application/ld+json"),
}


@dataclass
class DumpFile:
    """A dump file on disk with its size and SHA-256 checksum."""

    path: Path
    fmt: str
    size: int
    sha256: str


def write_dump(store: Store, fmt: str, path: Path) -> DumpFile:
    """Write the whole store as a gzip-compressed dump (atomically: a temporary file, then renamed)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as out:
        store.dump(out, fmt)  # type: ignore[arg-type]
    digest = hashlib.sha256()
    with open(tmp, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    os.replace(tmp, path)
    return DumpFile(path=path, fmt=fmt, size=path.stat().st_size, sha256=digest.hexdigest())


def run_export(args: argparse.Namespace) -> int:
    """The ``lodpub export`` command: stream the dataset (or some graphs) to a file or stdout."""
    try:
        store = open_store(args.store)
    except StoreError as exc:
        print(f"lodpub export: {exc}", file=sys.stderr)
        return 2
    try:
        missing = [g for g in args.graph or [] if not store.has_graph(g)]
        if missing:
            print(f"lodpub export: no such graph: {', '.join(missing)}", file=sys.stderr)
            return 1
        if args.output:
            opener = gzip.open if args.output.endswith(".gz") else open
            with opener(args.output, "wb") as out:
                store.dump(out, args.format, args.graph)  # type: ignore[arg-type]
        else:
            store.dump(sys.stdout.buffer, args.format, args.graph)
            sys.stdout.flush()
    finally:
        store.close()
    return 0
