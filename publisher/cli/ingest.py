"""``lodpub ingest`` and ``lodpub delete``: records into the store, and a record's graph out of it."""

from __future__ import annotations

import argparse
import sys

from mappings.uris import Minter
from publisher.ingest.delete import find_graphs
from publisher.ingest.pipeline import ingest
from publisher.ingest.rejects import RejectReport
from publisher.store import StoreError, open_store


def run_ingest(args: argparse.Namespace) -> int:
    """The ``lodpub ingest`` command."""
    from publisher.ingest.progress import progress_reporter

    try:
        minter = Minter(args.base)
        store = open_store(args.store, writable=True)
    except (ValueError, StoreError) as exc:
        print(f"lodpub ingest: {exc}", file=sys.stderr)
        return 2
    with RejectReport(args.report) as report, progress_reporter(args.progress) as on_progress:
        try:
            summary = ingest(args.paths, store, minter, input_format=args.input_format,
                             batch_size=args.batch_size, shacl=args.validate, report=report,
                             on_progress=on_progress, jobs=args.jobs, compact=args.compact)
        finally:
            store.close()
    print(summary.line(), file=sys.stderr)
    if summary.rejected or summary.unreadable:
        print(f"rejected records are listed in {args.report}", file=sys.stderr)
        for reason, count in sorted(summary.reasons.items(), key=lambda kv: -kv[1])[:10]:
            print(f"  {count:6d}  {reason}", file=sys.stderr)
        return 1
    return 0


def run_delete(args: argparse.Namespace) -> int:
    """The ``lodpub delete`` command."""
    try:
        store = open_store(args.store, writable=True)
    except StoreError as exc:
        print(f"lodpub delete: {exc}", file=sys.stderr)
        return 2
    try:
        graphs = find_graphs(store, args.target, Minter(args.base))
        if not graphs:
            print(f"lodpub delete: no record graph, work or source record {args.target!r} in the store",
                  file=sys.stderr)
            return 1
        removed = store.delete_graphs(graphs)
    finally:
        store.close()
    for graph in graphs:
        print(f"deleted {graph}")
    return 0 if removed else 1
