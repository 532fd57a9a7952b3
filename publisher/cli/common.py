"""What every command shares: its settings (the environment, then its options) and the one way a command opens
the store, reports what went wrong as ``lodpub COMMAND: message``, and closes the store."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from publisher import config
from publisher.store import Store, StoreError, open_store


class CommandError(Exception):
    """A command that cannot do what it was asked: the message for standard error and the exit status."""

    def __init__(self, message: str, status: int = 1) -> None:
        super().__init__(message)
        self.status = status


def settings(args: argparse.Namespace) -> config.Settings:
    """The settings for a command: the environment's, with ``--store`` and ``--base`` on top when given."""
    return config.load(_options(args))


def _options(args: argparse.Namespace) -> dict[str, object]:
    return {"store": getattr(args, "store", None), "base_uri": getattr(args, "base", None)}


def fail(args: argparse.Namespace, message: object, status: int) -> int:
    """Report a failure on standard error, named after the command; return its exit status."""
    print(f"lodpub {args.command}: {message}", file=sys.stderr)
    return status


def with_store(args: argparse.Namespace, run: Callable[[Store, config.Settings], int], *,
               writable: bool = False) -> int:
    """Open the store the command's settings name, ``run`` the command on it, and close it: 2 when the settings
    or the store are unusable, the status of a :class:`CommandError`, else what ``run`` returns.

    A command that mints or links URIs (one with a ``--base`` option) works under the store's own base: given
    none, it takes the store's; given another, it is refused (publisher.read.store_base)."""
    from publisher.read.store_base import BaseMismatch, settle_base

    try:
        chosen = settings(args)
        store = open_store(chosen.store, writable=writable, remote=chosen.remote_options(),
                           lock_wait=max(10.0, chosen.update_timeout + 5))  # outwait an administrator's update
    except (StoreError, ValueError) as exc:
        return fail(args, exc, 2)
    try:
        if hasattr(args, "base"):
            try:
                chosen = settle_base(store, chosen, config.given("base_uri", _options(args)))
            except BaseMismatch as exc:
                raise CommandError(str(exc), 2) from None
        return run(store, chosen)
    except CommandError as exc:
        return fail(args, exc, exc.status)
    except StoreError as exc:
        return fail(args, exc, 2)
    finally:
        store.close()
