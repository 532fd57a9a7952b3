"""``lodpub export``: stream the store (or some graphs) as RDF to a file or standard output."""

from __future__ import annotations

import argparse
import gzip
import sys

import pyoxigraph as ox

from publisher import formats
from publisher.cli.common import CommandError, with_store
from publisher.config import Settings
from publisher.store import Store


def run_export(args: argparse.Namespace) -> int:
    """The ``lodpub export`` command: stream the dataset (or some graphs) to a file or stdout."""
    def run(store: Store, _settings: Settings) -> int:
        missing = [g for g in args.graph or [] if not store.has_graph(g)]
        if missing:
            raise CommandError(f"no such graph: {', '.join(missing)}")
        syntax = dump_syntax(args.format)
        if args.output:
            opener = gzip.open if args.output.endswith(".gz") else open
            with opener(args.output, "wb") as out:
                store.dump(out, syntax, args.graph)
        else:
            store.dump(sys.stdout.buffer, syntax, args.graph)
            sys.stdout.flush()
        return 0

    return with_store(args, run)


def dump_syntax(name: str) -> ox.RdfFormat:
    """The RDF syntax a dump format's name selects."""
    syntax = formats.named(name, formats.DUMP_KEYS).rdf
    assert syntax is not None
    return syntax
