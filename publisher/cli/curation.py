"""``lodpub reconcile`` and ``lodpub republish``: a curator's view of identity, and the published view rebuilt."""

from __future__ import annotations

import argparse
import sys

from mappings.uris import Minter
from publisher.config import Settings
from publisher.published.overrides import OverridesError, load_for
from publisher.published.reconcile import as_turtle, reconcile
from publisher.published.refresh import rebuild
from publisher.search import sync as search_index
from publisher.store import Store


def run_reconcile(args: argparse.Namespace) -> int:
    """The ``lodpub reconcile`` command: candidate merges as commented-out overrides lines."""
    def run(store: Store, settings: Settings) -> int:
        try:
            overrides = load_for(settings)
        except OverridesError as exc:
            print(f"lodpub reconcile: {exc}", file=sys.stderr)
            return 2
        out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout  # noqa: SIM115
        try:
            for line in as_turtle(reconcile(store, Minter(settings.base_uri), overrides)):
                print(line, file=out)
        finally:
            if args.output:
                out.close()
        return 0

    from publisher.cli.common import with_store

    return with_store(args, run)


def run_republish(args: argparse.Namespace) -> int:
    """The ``lodpub republish`` command: the published view rebuilt from the record graphs and the overrides."""
    def run(store: Store, settings: Settings) -> int:
        try:
            overrides = load_for(settings)
        except OverridesError as exc:
            print(f"lodpub republish: {exc}", file=sys.stderr)
            return 2
        store.clear_published()
        report = rebuild(store, Minter(settings.base_uri), overrides, bulk=True)
        search_index.build(store)  # works the rebuilt view no longer has leave the index too
        print(f"published view rebuilt: {report.described} things described, {len(report.merges)} identity merges, "
              f"{len(report.refused)} merges refused", file=sys.stderr)
        return 0

    from publisher.cli.common import with_store

    return with_store(args, run, writable=True)
