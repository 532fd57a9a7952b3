"""``lodpub rebase NEW_BASE``: move a store to a new public URL, every IRI under its old base rewritten."""

from __future__ import annotations

import argparse
import sys
import time

from mappings.uris import normalise_base
from publisher.cli.common import CommandError, with_store
from publisher.config import Settings
from publisher.read.store_base import recorded_bases
from publisher.search import sync
from publisher.store import Store


def run_rebase(args: argparse.Namespace) -> int:
    """The ``lodpub rebase`` command."""
    try:
        new = normalise_base(args.new_base)
        old_given = normalise_base(args.old_base) if args.old_base else None
    except ValueError as exc:
        raise SystemExit(f"lodpub rebase: {exc}") from None

    def run(store: Store, _settings: Settings) -> int:
        bases = recorded_bases(store)
        if not bases:
            raise CommandError("the store holds no records: it has no base to move (the first ingest sets it)")
        if old_given is None and len(bases) > 1:
            raise CommandError(f"the store's records are minted under several bases ({', '.join(bases)}): "
                               "name the one to move with --from")
        old = old_given or bases[0]
        if old not in bases:
            raise CommandError(f"no record of the store is minted under {old} (its bases: {', '.join(bases)})")
        if old == new:
            print(f"the store is already under {new}; nothing to do", file=sys.stderr)
            return 0
        began = time.monotonic()
        store.rebase(old, new)
        sync.build(store)  # the index names works by IRI
        print(f"moved every IRI under {old} to {new} in {time.monotonic() - began:.1f} s; serve it with "
              f"LODPUB_BASE_URI={new} (or no base: the store now has this one)", file=sys.stderr)
        return 0

    return with_store(args, run, writable=True)
