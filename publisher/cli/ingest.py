"""``lodpub ingest`` and ``lodpub delete``: records into the store, and a record's graph out of it."""

from __future__ import annotations

import argparse
import sys

from mappings.uris import Minter
from publisher.cli.common import CommandError, with_store
from publisher.config import Settings
from publisher.ingest.delete import delete_records, find_graphs
from publisher.ingest.pipeline import ingest
from publisher.ingest.rejects import RejectReport
from publisher.published.overrides import load_for
from publisher.store import Store


def run_ingest(args: argparse.Namespace) -> int:
    """The ``lodpub ingest`` command."""
    from publisher.ingest.progress import progress_reporter

    def run(store: Store, settings: Settings) -> int:
        with RejectReport(args.report) as report, progress_reporter(args.progress) as on_progress:
            summary = ingest(args.paths, store, Minter(settings.base_uri), input_format=args.input_format,
                             batch_size=args.batch_size, shacl=args.validate, report=report,
                             on_progress=on_progress, jobs=args.jobs, compact=args.compact,
                             publish_interval=settings.publish_interval, overrides=load_for(settings))
        print(summary.line(), file=sys.stderr)
        if summary.rejected or summary.unreadable:
            print(f"rejected records are listed in {args.report}", file=sys.stderr)
            for reason, count in sorted(summary.reasons.items(), key=lambda kv: -kv[1])[:10]:
                print(f"  {count:6d}  {reason}", file=sys.stderr)
            return 1
        return 0

    return with_store(args, run, writable=True)


def run_delete(args: argparse.Namespace) -> int:
    """The ``lodpub delete`` command."""
    def run(store: Store, settings: Settings) -> int:
        graphs = find_graphs(store, args.target, Minter(settings.base_uri))
        if not graphs:
            raise CommandError(f"no record graph, work or source record {args.target!r} in the store")
        removed, _report = delete_records(store, Minter(settings.base_uri), graphs, load_for(settings))
        for graph in graphs:
            print(f"deleted {graph}")
        return 0 if removed else 1

    return with_store(args, run, writable=True)
