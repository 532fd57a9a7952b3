"""``lodpub ingest`` and ``lodpub delete``: records into the store, one named graph per source record.

Records stream from the parsers through the crosswalk into batched transactions; memory stays flat
whatever the input size. A record whose content is unchanged since the last ingest is left untouched,
so ingesting the same files twice leaves the store identical. Rejected records are written to a report
(file, record, line, field, reason) and counted; they never stop the others.
"""

from __future__ import annotations

import argparse
import datetime
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from pyoxigraph import Literal, NamedNode

from mappings import sources
from mappings.crosswalk import MappedRecord, date_literal, map_record
from mappings.model import FormatError, RecordError
from mappings.uris import Minter
from mappings.validation import precheck, validate
from mappings.vocab import DCTERMS, LODPUB, PROV, XSD
from publisher.rejects import RejectReport
from publisher.store import GraphWrite, Store, StoreError, open_store

PUBLISH_INTERVAL = 60.0  # seconds between snapshots published during a long ingest


@dataclass
class IngestSummary:
    """What an ingest did."""

    read: int = 0
    written: int = 0
    unchanged: int = 0
    rejected: int = 0
    unreadable: int = 0
    triples: int = 0
    seconds: float = 0.0
    reasons: dict[str, int] = field(default_factory=dict)

    def line(self) -> str:
        """A one-line summary for people."""
        rate = self.read / self.seconds if self.seconds else 0.0
        text = (f"{self.read} records read: {self.written} written, {self.unchanged} unchanged, "
                f"{self.rejected} rejected, {self.unreadable} unreadable files; {self.triples} triples "
                f"in {self.seconds:.1f} s ({rate:.0f} records/s)")
        return text


def graph_payload(mapped: MappedRecord, content_hash: str, now: str) -> bytes:
    """The N-Triples written for a record: its triples plus hash, mapping time and modified date."""
    graph, activity = NamedNode(mapped.graph), NamedNode(mapped.graph + "#mapping")
    extra = [f"{graph} {LODPUB.contentHash} {Literal(content_hash)} .",
             f"{activity} {PROV.endedAtTime} {Literal(now, datatype=XSD.dateTime)} ."]
    if not mapped.record.source_modified:
        extra.append(f"{NamedNode(mapped.work)} {DCTERMS.modified} {date_literal(now)} .")
    return mapped.ntriples() + ("\n".join(extra) + "\n").encode("utf-8")


def stored_hash(store: Store, graph: str) -> str | None:
    """The content hash recorded in a stored record graph, if any."""
    for quad in store.match(subject=graph, predicate=LODPUB.contentHash.value, graph=graph):
        return str(quad.object.value)
    return None


def ingest(paths: Iterable[str], store: Store, minter: Minter, *, input_format: str | None = None,
           batch_size: int = 500, shacl: bool = False, report: RejectReport | None = None,
           on_progress: Callable[[IngestSummary], None] | None = None) -> IngestSummary:
    """Map and load every record under ``paths``; return the summary."""
    summary = IngestSummary()
    started = time.monotonic()
    batch: dict[str, GraphWrite] = {}
    now = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    def reject(error: RecordError) -> None:
        if isinstance(error, FormatError):
            summary.unreadable += 1
        else:
            summary.rejected += 1
        reason = error.message.split(":")[0][:60]
        summary.reasons[reason] = summary.reasons.get(reason, 0) + 1
        if report is not None:
            report.add(error)

    def flush() -> None:
        writes = list(batch.values())
        batch.clear()
        store.write_graphs(writes)
        summary.written += len(writes)
        if hasattr(store, "publish_if_due"):
            store.publish_if_due(PUBLISH_INTERVAL)

    for item in sources.read_all(paths, input_format):
        if isinstance(item, RecordError):
            reject(item)
            continue
        summary.read += 1
        problems = precheck(item)
        mapped = map_record(item, minter) if not problems else None
        if mapped is not None and shacl:
            problems = validate(mapped).messages
        if problems or mapped is None:
            reject(RecordError("; ".join(problems), file=item.source_file, record=item.source_id,
                               field=problems[0].split(":")[0]))
            continue
        content_hash = mapped.content_hash()
        if stored_hash(store, mapped.graph) == content_hash and mapped.graph not in batch:
            summary.unchanged += 1
        else:
            batch[mapped.graph] = GraphWrite(mapped.graph, graph_payload(mapped, content_hash, now))
            summary.triples += len(mapped.triples)
        if len(batch) >= batch_size:
            flush()
        if on_progress is not None:
            summary.seconds = time.monotonic() - started
            on_progress(summary)
    if batch:
        flush()
    summary.seconds = time.monotonic() - started
    return summary


def run_ingest(args: argparse.Namespace) -> int:
    """The ``lodpub ingest`` command."""
    from publisher.progress import progress_reporter

    try:
        minter = Minter(args.base)
        store = open_store(args.store, writable=True)
    except (ValueError, StoreError) as exc:
        print(f"lodpub ingest: {exc}", file=sys.stderr)
        return 2
    with RejectReport(args.report) as report, progress_reporter(args.progress) as on_progress:
        try:
            summary = ingest(args.paths, store, minter, input_format=args.input_format,
                             batch_size=args.batch_size, shacl=args.validate, report=report,
                             on_progress=on_progress)
        finally:
            store.close()
    print(summary.line(), file=sys.stderr)
    if summary.rejected or summary.unreadable:
        print(f"rejected records are listed in {args.report}", file=sys.stderr)
        for reason, count in sorted(summary.reasons.items(), key=lambda kv: -kv[1])[:10]:
            print(f"  {count:6d}  {reason}", file=sys.stderr)
        return 1
    return 0


def find_graphs(store: Store, target: str, minter: Minter) -> list[str]:
    """The record graphs meant by a graph IRI, a work IRI or a source record identifier."""
    if store.has_graph(target):
        return [target]
    graphs = {q.subject.value for q in store.match(predicate="http://xmlns.com/foaf/0.1/primaryTopic",
                                                   obj=NamedNode(target))} if target.startswith("http") else set()
    graphs |= {q.subject.value for q in store.match(predicate=LODPUB.sourceRecordId.value, obj=Literal(target))}
    return sorted(graphs)


def run_delete(args: argparse.Namespace) -> int:
    """The ``lodpub delete`` command."""
    try:
        store = open_store(args.store, writable=True)
    except StoreError as exc:
        print(f"lodpub delete: {exc}", file=sys.stderr)
        return 2
    try:
        graphs = find_graphs(store, args.target, Minter(args.base))
        if not graphs:
            print(f"lodpub delete: no record graph, work or source record {args.target!r} in the store",
                  file=sys.stderr)
            return 1
        removed = store.delete_graphs(graphs)
    finally:
        store.close()
    for graph in graphs:
        print(f"deleted {graph}")
    return 0 if removed else 1
