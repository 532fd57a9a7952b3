"""``lodpub reindex``: build the store's full-text search index afresh from the published view."""

from __future__ import annotations

import argparse
import sys
import time

from publisher.cli.common import with_store
from publisher.config import Settings
from publisher.search import sync
from publisher.store import Store


def run_reindex(args: argparse.Namespace) -> int:
    """The ``lodpub reindex`` command."""
    def run(store: Store, _settings: Settings) -> int:
        began = time.monotonic()
        index = sync.build(store)
        where = index.path or "memory (set LODPUB_SEARCH_INDEX to keep it in a file)"
        print(f"search index of {index.count()} works built in {time.monotonic() - began:.1f} s: {where} "
              f"({index.size_bytes() / 1e6:.1f} MB)", file=sys.stderr)
        return 0

    return with_store(args, run)
