"""The ingest pipeline: records into the store, one named graph per source record, and the published view.

Records stream from the parsers through the crosswalk into batched transactions; memory stays flat
whatever the input size. A record whose content is unchanged since the last ingest is left untouched,
so ingesting the same files twice leaves the store identical. Rejected records are written to a report
(file, record, line, field, reason) and counted; they never stop the others.

After every batch the published view (docs/identity.md) is refreshed for what the batch touched, before the
store publishes, so readers see a record and its consolidated description change together. Graphs about to be
written are marked pending first: an ingest killed between the two finishes the refresh at its next start. A
first load into an empty store builds the published view once, after the last batch.
"""

from __future__ import annotations

import datetime
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from pyoxigraph import Literal, NamedNode

from mappings.model import FormatError, RecordError
from mappings.uris import Minter
from mappings.vocab import LODPUB, PROV, XSD
from publisher.ingest.bulk_writer import BulkWriter
from publisher.ingest.ordinals import ORDINAL, Ordinals, statement
from publisher.ingest.rejects import RejectReport
from publisher.ingest.workers import Mapped, map_files
from publisher.published.archive import GraphArchive
from publisher.published.identity import Overrides
from publisher.published.refresh import Refresh, RefreshReport, rebuild_from
from publisher.published.sources import Sources
from publisher.search import sync as search_index
from publisher.store import GraphWrite, Store, term_value

HASH_LOOKUP = 100  # records whose stored hashes are looked up together (one query on a remote store)
BULK_BYTES = 12 * 1024 * 1024  # N-Triples per bulk load in the background: pyoxigraph needs ~1 KB per quad loading


@dataclass
class IngestSummary:
    """What an ingest did."""

    read: int = 0
    written: int = 0
    unchanged: int = 0
    rejected: int = 0
    unreadable: int = 0
    triples: int = 0  # statements written into record graphs (provenance included): what `lodpub stats` counts
    seconds: float = 0.0
    compact_seconds: float | None = None  # the compaction after a bulk load, part of ``seconds``
    view_seconds: float = 0.0  # refreshing the published view, part of ``seconds``
    merges: int = 0  # identity decisions that joined two mentions into one thing
    reasons: dict[str, int] = field(default_factory=dict)

    def line(self) -> str:
        """A one-line summary for people."""
        rate = self.read / self.seconds if self.seconds else 0.0
        text = (f"{self.read} records read: {self.written} written, {self.unchanged} unchanged, "
                f"{self.rejected} rejected, {self.unreadable} unreadable files; {self.triples} triples "
                f"in {self.seconds:.1f} s ({rate:.0f} records/s)")
        text += f"; published view refreshed in {self.view_seconds:.1f} s ({self.merges} identity merges)"
        if self.compact_seconds is not None:
            text += f"; the store was compacted in {self.compact_seconds:.1f} s of that"
        return text + " (triples: the statements written into record graphs, as `lodpub stats` counts them)"

    def count(self, report: RefreshReport, seconds: float) -> None:
        """Add a refresh of the published view to the summary."""
        self.view_seconds += seconds
        self.merges += len(report.merges)


def graph_payload(mapped: Mapped, now: str, ordinal: int | None = None) -> bytes:
    """The N-Triples written for a record: its triples plus its content hash, mapping time and harvest ordinal.

    The work's ``dcterms:modified`` / ``schema:dateModified`` are the source's own modification date, written by
    the crosswalk when the source has one; lodpub never stands in its own time for it (when lodpub last wrote
    the record is the mapping's ``prov:endedAtTime``)."""
    graph, activity = NamedNode(mapped.graph), NamedNode(mapped.graph + "#mapping")
    extra = [f"{graph} {LODPUB.contentHash} {Literal(mapped.content_hash)} .",
             f"{activity} {PROV.endedAtTime} {Literal(now, datatype=XSD.dateTime)} ."]
    numbered = statement(mapped.graph, ordinal) if ordinal is not None else b""
    return mapped.ntriples + ("\n".join(extra) + "\n").encode("utf-8") + numbered


def statements(payload: bytes) -> int:
    """How many statements a record graph's N-Triples hold once stored (a repeated line is stored once)."""
    return len(set(payload.splitlines()) - {b""})


def stored_hash(store: Store, graph: str) -> str | None:
    """The content hash recorded in a stored record graph, if any."""
    for quad in store.match(subject=graph, predicate=LODPUB.contentHash.value, graph=graph):
        return term_value(quad.object)
    return None


def subjects_of(store: Store, graphs: Iterable[str]) -> set[str]:
    """The subjects record graphs state things about (read before the graphs are replaced or dropped)."""
    return {term_value(q.subject) for graph in graphs for q in store.match(graph=graph)}


def refresh_view(store: Store, minter: Minter, written: Iterable[str], gone: Iterable[str] = (),
                 overrides: Overrides | None = None,
                 contents: Iterable[GraphWrite] = ()) -> tuple[RefreshReport, float]:
    """Refresh the published view for record graphs just written (``contents``: what was written, so it need not be
    read back) or dropped; the report and the seconds taken."""
    began = time.monotonic()
    refresh = Refresh(store, minter, overrides)
    for write in contents:
        refresh.src.preload(write.graph, write.ntriples)
    report = refresh.run(written, gone)
    return report, time.monotonic() - began


def ingest(paths: Iterable[str], store: Store, minter: Minter, *, input_format: str | None = None,
           batch_size: int = 1000, shacl: bool = False, report: RejectReport | None = None,
           on_progress: Callable[[IngestSummary], None] | None = None, jobs: int | None = 1,
           compact: bool = True, publish_interval: float = 60.0, overrides: Overrides | None = None) -> IngestSummary:
    """Map and load every record under ``paths`` (in ``jobs`` processes); return the summary (see
    :func:`ingest_results`)."""
    return ingest_results(map_files(list(paths), input_format, minter.base, shacl, jobs), store, minter,
                          batch_size=batch_size, report=report, on_progress=on_progress, compact=compact,
                          publish_interval=publish_interval, overrides=overrides)


def ingest_results(results: Iterable[Mapped | RecordError], store: Store, minter: Minter, *, batch_size: int = 1000,
                   report: RejectReport | None = None, on_progress: Callable[[IngestSummary], None] | None = None,
                   compact: bool = True, publish_interval: float = 60.0,
                   overrides: Overrides | None = None) -> IngestSummary:
    """Load mapped records (from files, or from a harvest) into the store; return the summary.

    New record graphs are added in bulk (pyoxigraph's bulk loader, journalled, when the store was empty
    at the start); changed ones are replaced in transactions; unchanged ones are left alone. After a bulk
    load the store is compacted (``compact``): a bulk load leaves many overlapping files, and every read
    of a term then looks in each of them (pages read 2.5x faster after it). While it runs, the store publishes
    a snapshot every ``publish_interval`` seconds (each one keeps the files a compaction replaces until dropped).
    """
    summary = IngestSummary()
    started = time.monotonic()
    if interrupted := store.pending():  # a write whose published view was not refreshed: finish it first
        summary.count(*refresh_view(store, minter, interrupted, overrides=overrides))
    bulk = store.is_empty()
    search_index.start_empty(store)  # an empty store's index fills as the published view does
    new: dict[str, GraphWrite] = {}
    changed: dict[str, GraphWrite] = {}
    ordinals = Ordinals(store)
    numbered: dict[str, int] = {}  # the ordinals of the graphs in the batch being written
    pending: dict[str, Mapped] = {}  # records whose stored hash is yet to be looked up
    interval = publish_interval
    writer = BulkWriter(store, lambda: store.publish_if_due(interval)) \
        if bulk and getattr(store, "loads_concurrently", False) else None
    archive = GraphArchive() if writer is not None else None  # what the rebuild at the end reads back
    new_bytes = 0
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

    def classify() -> None:
        nonlocal new_bytes
        if writer is not None and any(writer.is_pending(graph) for graph in pending):
            writer.settle()  # a record met again while its first version loads: compare with what is stored
        stored = store.graph_values(list(pending), LODPUB.contentHash.value)
        has_number = store.graph_values(list(pending), ORDINAL.value)
        for graph, result in pending.items():
            previous = stored.get(graph)
            if previous == result.content_hash and graph in has_number:  # (one from before ordinals: numbered now)
                summary.unchanged += 1
                continue
            numbered[graph] = ordinals.number(has_number.get(graph))
            write = GraphWrite(graph, graph_payload(result, now, numbered[graph]))
            (new if previous is None else changed)[graph] = write
            new_bytes += len(write.ntriples)
        pending.clear()

    def flush() -> None:
        nonlocal new_bytes
        summary.triples += sum(statements(w.ntriples) for w in [*new.values(), *changed.values()])
        if writer is not None:
            assert archive is not None
            archive.add([*new.values(), *changed.values()])
            writer.add(list(new.values()))
            if changed:
                writer.settle()
                store.write_graphs(list(changed.values()))
        else:
            written = [*new, *changed]
            gone = subjects_of(store, changed)
            store.mark_pending(written)
            store.add_graphs(list(new.values()), bulk=bulk)
            store.write_graphs(list(changed.values()))
            summary.count(*refresh_view(store, minter, written, gone, overrides,
                                        [*new.values(), *changed.values()]))
            ordinals.save()
            store.publish_if_due(interval)
        summary.written += len(new) + len(changed)
        new.clear()
        changed.clear()
        numbered.clear()
        new_bytes = 0

    limit = batch_size * (10 if bulk else 1)
    try:
        for result in results:
            if isinstance(result, RecordError):
                reject(result)
                continue
            summary.read += 1
            if result.graph in new or result.graph in changed:
                target = new if result.graph in new else changed
                target[result.graph] = GraphWrite(result.graph, graph_payload(result, now, numbered[result.graph]))
            else:
                pending[result.graph] = result
                if len(pending) >= HASH_LOOKUP:
                    classify()
            if len(new) + len(changed) >= limit or (writer is not None and new_bytes >= BULK_BYTES):
                flush()
            if on_progress is not None:
                summary.seconds = time.monotonic() - started
                on_progress(summary)
        if pending:
            classify()
        if new or changed:
            flush()
    finally:
        if writer is not None:
            writer.close()
        ordinals.save()
    if archive is not None:  # a first load: the published view, built once, from what was written (anonymous file)
        try:
            if summary.written:
                began = time.monotonic()
                summary.count(rebuild_from(Sources(store, archive=archive), minter, overrides, bulk=True), 0.0)
                summary.view_seconds += time.monotonic() - began
        finally:
            archive.close()
    if compact and bulk and summary.written:
        began = time.monotonic()
        store.compact()
        summary.compact_seconds = time.monotonic() - began
    search_index.ensure(store)  # a store without a (whole) full-text index gets one
    summary.seconds = time.monotonic() - started
    return summary
