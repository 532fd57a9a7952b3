"""``lodpub stats`` and ``lodpub describe-dataset``: the counts and the VoID + DCAT description of a store."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict

from mappings.rdfout import serialise
from publisher import formats
from publisher.cli.common import with_store
from publisher.config import Settings
from publisher.read.stats import example_work, stats
from publisher.read.store_base import recorded_bases
from publisher.render.void import description
from publisher.store import Store


def run_stats(args: argparse.Namespace) -> int:
    """The ``lodpub stats`` command: the counts, each saying what it counts."""
    def run(store: Store, _settings: Settings) -> int:
        s = stats(store)
        bases = recorded_bases(store)
        if args.json:
            print(json.dumps({**asdict(s), "bases": bases}, indent=2))
            return 0
        print(f"base      {', '.join(bases) or '(none yet: the first ingest sets it)'}"
              + ("   SEVERAL: join them with `lodpub rebase NEW_BASE --from OLD_BASE`" if len(bases) > 1 else ""))
        print(f"records   {s.records}   (source records, a named graph each)\nworks     {s.works}")
        for cls, n in s.works_by_type.items():
            print(f"  {cls:24s} {n}")
        print(f"persons   {s.persons}\norgs      {s.organisations}\njournals  {s.journals}\nconcepts  {s.concepts}")
        print(f"graphs    {s.graphs}   (named graphs)")
        print(f"triples   {s.triples}   (the published view, each statement once: what a query of the default "
              "graph sees, void:triples)")
        print(f"records'  {s.record_quads}   (statements in the record graphs, provenance included: what "
              "`lodpub ingest` reports writing)")
        print(f"dump      {s.triples + s.record_quads}   (the lines of the N-Quads dump: both)")
        return 0

    return with_store(args, run)


def run_describe(args: argparse.Namespace) -> int:
    """The ``lodpub describe-dataset`` command: print the VoID + DCAT description."""
    def run(store: Store, settings: Settings) -> int:
        triples = description(stats(store), settings.base_uri, title=settings.title, licence=settings.data_licence,
                              example=example_work(store))
        sys.stdout.buffer.write(serialise(triples, formats.named(args.format, formats.RDF_KEYS).rdf or args.format))
        return 0

    return with_store(args, run)
