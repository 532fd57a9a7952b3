"""``lodpub map`` and ``lodpub validate``: records to RDF without a store, checked against the shapes."""

from __future__ import annotations

import argparse
import sys
from collections import Counter

from mappings import sources
from mappings.crosswalk import MappedRecord, map_record
from mappings.model import FormatError, RecordError
from mappings.rdfout import serialise
from mappings.uris import Minter
from mappings.validation import validate
from publisher import formats
from publisher.cli.common import settings


def _mapped(args: argparse.Namespace, summary: Counter[str]) -> list[tuple[MappedRecord, list[str]]]:
    """Map every record under the given paths; report rejected ones on stderr as they come."""
    try:
        minter = Minter(settings(args).base_uri)
    except ValueError as exc:
        raise SystemExit(f"lodpub {args.command}: {exc}") from None
    out = []
    for item in sources.read_all(args.paths, args.input_format):
        if isinstance(item, RecordError):
            kind = "unreadable" if isinstance(item, FormatError) else "rejected"
            summary[kind] += 1
            print(f"{kind}: {item}", file=sys.stderr)
            continue
        for warning in item.warnings:
            print(f"warning: {item.source_file}, record {item.source_id}: {warning}", file=sys.stderr)
        for extra in item.unmapped:
            print(f"note: {item.source_file}, record {item.source_id}: unknown field {extra.label!r} kept as "
                  "lodpub:unmappedField", file=sys.stderr)
        try:
            mapped = map_record(item, minter)
        except RecordError as exc:
            summary["rejected"] += 1
            print(f"rejected: {exc}", file=sys.stderr)
            continue
        problems: list[str] = []
        if not getattr(args, "no_validate", False):
            report = validate(mapped)
            problems = report.messages
        out.append((mapped, problems))
    return out


def _summary(summary: Counter[str]) -> str:
    parts = [f"{summary['mapped']} records mapped"]
    for key in ("invalid", "rejected", "unreadable"):
        if summary[key]:
            parts.append(f"{summary[key]} {key}")
    return ", ".join(parts)


def run_map(args: argparse.Namespace) -> int:
    """Print the RDF of every record that maps and conforms (or every record, with --keep-going)."""
    summary: Counter[str] = Counter()
    triples = []
    for mapped, problems in _mapped(args, summary):
        if problems:
            summary["invalid"] += 1
            for problem in problems:
                print(f"invalid: {mapped.record.source_file}, record {mapped.record.source_id}: {problem}",
                      file=sys.stderr)
            if not args.keep_going:
                continue
        summary["mapped"] += 1
        triples.extend(mapped.triples)
    data = serialise(triples, formats.named(args.format, formats.RDF_KEYS).rdf or args.format) if triples else b""
    if args.output:
        with open(args.output, "wb") as fh:
            fh.write(data)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    print(_summary(summary), file=sys.stderr)
    failed = summary["rejected"] + summary["unreadable"] + (0 if args.keep_going else summary["invalid"])
    return 1 if failed else 0


def run_validate(args: argparse.Namespace) -> int:
    """Map and validate every record; print a report per record and a summary."""
    summary: Counter[str] = Counter()
    for mapped, problems in _mapped(args, summary):
        label = f"{mapped.record.source_file}, record {mapped.record.source_id}"
        if problems:
            summary["invalid"] += 1
            print(f"INVALID {label}")
            for problem in problems:
                print(f"  {problem}")
        else:
            summary["mapped"] += 1
            print(f"ok      {label} -> {mapped.work}")
    print(_summary(summary).replace("mapped", "valid", 1))
    return 1 if summary["invalid"] or summary["rejected"] or summary["unreadable"] else 0
