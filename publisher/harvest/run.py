"""Harvests into the store: an OAI-PMH repository (incrementally, deletions included) or an EPrints EP3 export.

Both go through the ingest pipeline (:func:`publisher.ingest.pipeline.ingest_results`): the same batching,
unchanged-record detection, rejected-record report, progress and refresh of the published view as `lodpub ingest`.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from mappings.limits import InputLimits
from mappings.model import RecordError
from mappings.uris import Minter
from publisher.harvest import state
from publisher.harvest.fetch import Fetcher, FetchError
from publisher.harvest.oai import ListRecords, OaiError
from publisher.harvest.records import PREFIX_FORMATS, map_oai_record
from publisher.ingest.delete import delete_records
from publisher.ingest.pipeline import IngestSummary, ingest_results
from publisher.ingest.rejects import RejectReport
from publisher.ingest.workers import Mapped, map_files_serially
from publisher.published.identity import Overrides
from publisher.store import Store

Progress = Callable[[IngestSummary], None]


@dataclass
class HarvestSummary:
    """What a harvest did: the ingest's summary, plus pages, deletions, waits and where the next one starts."""

    ingest: IngestSummary = field(default_factory=IngestSummary)
    pages: int = 0
    deleted: int = 0  # records the repository reports deleted whose graphs were dropped
    deleted_unknown: int = 0  # records reported deleted that were not in the store
    from_date: str | None = None  # where this harvest started (None: from the beginning)
    next_from: str | None = None  # where the next one will start
    waits: list[float] = field(default_factory=list)
    failure: str | None = None  # why the harvest stopped early (then the next one starts where this one did)

    def line(self) -> str:
        """A one-line summary for people."""
        began = f"from {self.from_date}" if self.from_date else "from the beginning"
        text = (f"harvest {began}: {self.pages} pages; {self.deleted} deleted records removed "
                f"({self.deleted_unknown} not in the store)")
        if self.waits:
            text += f"; waited {len(self.waits)} times ({sum(self.waits):.1f} s) as the server asked"
        if self.next_from:
            text += f"; the next harvest starts from {self.next_from}"
        return text + "\n" + self.ingest.line()


@dataclass
class HarvestOptions:
    """How a harvest writes: as `lodpub ingest` does."""

    limits: InputLimits
    report: RejectReport | None = None
    on_progress: Progress | None = None
    batch_size: int = 1000
    shacl: bool = False
    publish_interval: float = 60.0
    overrides: Overrides | None = None


def harvest_oai(store: Store, minter: Minter, listing: ListRecords, fetcher: Fetcher, options: HarvestOptions,
                *, incremental: bool = True) -> HarvestSummary:
    """Harvest a repository's ListRecords into the store (from the last successful datestamp when ``incremental``
    and no ``from`` is given); deleted records drop their graphs. The next start is saved only on success."""
    summary = HarvestSummary(waits=fetcher.waits)
    fetcher.error_bodies = True
    key = (listing.base_url, listing.metadata_prefix, listing.set_spec)
    if listing.from_date is None and incremental:
        listing.from_date = state.last_datestamp(store, *key)
    summary.from_date = listing.from_date
    deleted: dict[str, str] = {}  # identifier -> the label of the page that said so
    latest: str | None = None

    def results() -> Iterator[Mapped | RecordError]:
        nonlocal latest
        try:
            for label, page in listing.pages(fetcher):
                summary.pages += 1
                for record in page.records:
                    if record.datestamp:
                        latest = state.later(latest, record.datestamp)
                    if record.deleted:
                        deleted[record.identifier] = label
                        continue
                    deleted.pop(record.identifier, None)  # deleted, then back: the later state wins
                    yield from map_oai_record(record, listing.metadata_prefix, label, minter, options.limits,
                                              options.shacl, listing.base_url)
        except (OaiError, FetchError) as exc:
            summary.failure = str(exc)

    summary.ingest = _ingest(results(), store, minter, options)
    if deleted:
        formats = sorted(set(PREFIX_FORMATS.values()) | {"eprints-xml", "datacite"})
        graphs = [g for ident in deleted for g in {minter.graph_for(f, ident) for f in formats} if store.has_graph(g)]
        if graphs:
            removed, _report = delete_records(store, minter, graphs, options.overrides)
            summary.deleted = removed
        summary.deleted_unknown = len(deleted) - summary.deleted
    if summary.failure is None and latest is not None:
        state.save_datestamp(store, *key, latest)
    summary.next_from = state.last_datestamp(store, *key) if summary.failure is None else listing.from_date
    return summary


def harvest_ep3(store: Store, minter: Minter, url: str, fetcher: Fetcher, options: HarvestOptions,
                input_format: str | None = "eprints-xml") -> HarvestSummary:
    """Fetch an EPrints EP3 XML export (bounded by the fetcher's size and time limits) and ingest its records."""
    summary = HarvestSummary(waits=fetcher.waits)
    with tempfile.NamedTemporaryFile(prefix="lodpub-ep3-", suffix=".xml") as body:
        fetcher.download(url, body)
        body.flush()
        summary.pages = 1
        results = map_files_serially([(body.name, url)], input_format, minter.base, options.shacl, options.limits)
        summary.ingest = _ingest(_named(results, body.name, url), store, minter, options)
    return summary


def _named(results: Iterator[Mapped | RecordError], path: str, url: str) -> Iterator[Mapped | RecordError]:
    """Rejections that name the temporary file name the URL instead."""
    for item in results:
        if isinstance(item, RecordError) and item.file == path:
            item.file = url
        yield item


def _ingest(results: Iterator[Mapped | RecordError], store: Store, minter: Minter,
            options: HarvestOptions) -> IngestSummary:
    return ingest_results(results, store, minter, batch_size=options.batch_size, report=options.report,
                          on_progress=options.on_progress, publish_interval=options.publish_interval,
                          overrides=options.overrides)
