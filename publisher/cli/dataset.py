"""``lodpub stats`` and ``lodpub describe-dataset``: the counts and the VoID + DCAT description of a store."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict

from mappings.rdfout import serialise
from mappings.uris import Minter
from publisher.read.stats import stats
from publisher.render.void import description
from publisher.store import StoreError, open_store


def run_stats(args: argparse.Namespace) -> int:
    """The ``lodpub stats`` command."""
    try:
        store = open_store(args.store)
    except StoreError as exc:
        print(f"lodpub stats: {exc}", file=sys.stderr)
        return 2
    try:
        s = stats(store)
    finally:
        store.close()
    if args.json:
        print(json.dumps(asdict(s), indent=2))
        return 0
    print(f"records   {s.records}\nworks     {s.works}")
    for cls, n in s.works_by_type.items():
        print(f"  {cls:24s} {n}")
    print(f"persons   {s.persons}\norgs      {s.organisations}\njournals  {s.journals}\nconcepts  {s.concepts}")
    print(f"graphs    {s.graphs}\ntriples   {s.triples}")
    return 0


def run_describe(args: argparse.Namespace) -> int:
    """The ``lodpub describe-dataset`` command: print the VoID + DCAT description."""
    try:
        store = open_store(args.store)
        base = Minter(args.base).base
    except (StoreError, ValueError) as exc:
        print(f"lodpub describe-dataset: {exc}", file=sys.stderr)
        return 2
    try:
        triples = description(store, base)
    finally:
        store.close()
    sys.stdout.buffer.write(serialise(triples, args.format))
    return 0
