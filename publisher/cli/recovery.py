"""``lodpub recovery``: the snapshots taken before administrators' DROP, CLEAR, MOVE and COPY, and putting one back."""

from __future__ import annotations

import argparse

from publisher.cli.common import CommandError, with_store
from publisher.config import Settings
from publisher.store import Store, recovery


def run_recovery(args: argparse.Namespace) -> int:
    """``lodpub recovery list`` and ``lodpub recovery restore NAME``."""
    def run(store: Store, settings: Settings) -> int:
        folder = recovery.folder_for(store, settings.recovery_dir)
        found = recovery.snapshots(folder, settings.recovery_hours)
        if args.action == "list":
            if not found:
                print(f"no recovery snapshots in {folder} (they are kept {settings.recovery_hours:g} hours)")
            for snap in found:
                kind = "N-Quads export" if snap.is_dump else "store checkpoint"
                print(f"{snap.name}\t{snap.taken:%Y-%m-%d %H:%M:%S} UTC\t{kind}")
            return 0
        if not args.name:
            raise CommandError("name the snapshot to restore (lodpub recovery list shows them)", 2)
        chosen = next((s for s in found if s.name == args.name), None)
        if chosen is None:
            raise CommandError(f"no recovery snapshot {args.name!r} in {folder}; see lodpub recovery list")
        before = recovery.take(store, folder, "before-restore", settings.recovery_hours)
        try:
            recovery.restore(store, chosen)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        print(f"restored {chosen.name}; what the store held before is kept as {before.name}")
        return 0

    return with_store(args, run, writable=args.action == "restore")
