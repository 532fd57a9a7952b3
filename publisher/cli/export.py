"""``lodpub export``: stream the store (or some graphs) as RDF to a file or standard output."""

from __future__ import annotations

import argparse
import gzip
import sys

from publisher.store import StoreError, open_store


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
