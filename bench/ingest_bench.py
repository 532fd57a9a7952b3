"""Table 1: ``lodpub ingest`` into the on-disk store vs pyoxigraph's bulk loader vs rdflib's Memory store."""

from __future__ import annotations

import re
import shutil
import statistics
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bench import corpus
from bench.procmon import Measured, run_measured

PUBLISH_INTERVAL = "86400"  # one snapshot, at the end: snapshots during the load would pin replaced files on disk
COMPACTED = re.compile(r"compacted in ([\d.]+) s")
SUMMARY = re.compile(r"(\d+) records read: (\d+) written, (\d+) unchanged, (\d+) rejected, (\d+) unreadable files; "
                     r"(\d+) triples")


@dataclass
class IngestRow:
    """One corpus size: medians over the runs, and the baselines at the same size."""

    records: int
    runs: list[Measured] = field(default_factory=list)
    read: int = 0
    rejected: int = 0
    quads: int = 0
    bulk: list[Measured] = field(default_factory=list)
    rdflib: Measured | None = None
    rdflib_records: int = 0
    rdflib_quads: int = 0
    nquads: Path | None = None  # the exported quads (gzipped N-Quads), kept for the servers
    compact_seconds: float = float("nan")  # the compaction at the end of the (last) ingest, part of its time

    @property
    def seconds(self) -> float:
        """Median wall time of the ingest runs."""
        return statistics.median(m.seconds for m in self.runs)

    @property
    def bulk_seconds(self) -> float:
        """Median wall time of the bulk loads."""
        return statistics.median(m.seconds for m in self.bulk) if self.bulk else float("nan")


def lodpub() -> str:
    """The ``lodpub`` console script of this environment."""
    return str(Path(sys.executable).with_name("lodpub"))


def run_ingest(paths: list[str], store: Path, report: Path) -> Measured:
    """One measured ``lodpub ingest`` into a fresh store."""
    shutil.rmtree(store, ignore_errors=True)
    measured = run_measured([lodpub(), "ingest", "--store", str(store), "--report", str(report), "--progress", "none",
                             *paths], env={"LODPUB_PUBLISH_INTERVAL": PUBLISH_INTERVAL})
    if measured.returncode not in (0, 1) or not SUMMARY.search(measured.stderr):
        raise RuntimeError(f"lodpub ingest failed ({measured.returncode}): {measured.stderr[-2000:]}")
    return measured


def export_nquads(store: Path, out: Path) -> int:
    """The store's published quads as gzipped N-Quads, the bulk loader's input; returns the count.

    pyoxigraph dumps the snapshot through a large buffer into ``gzip`` (a dump costs ~14 µs per quad here: each
    term is looked up in the store's string table).
    """
    import io
    import os

    import pyoxigraph as ox

    snapshot = ox.Store.read_only(str(store / os.readlink(store / "current")))
    with open(out, "wb") as fh:
        gz = subprocess.Popen(["gzip", "-1", "-c"], stdin=subprocess.PIPE, stdout=fh)
        assert gz.stdin is not None
        with io.BufferedWriter(gz.stdin, buffer_size=1 << 20) as pipe:
            snapshot.dump(pipe, format=ox.RdfFormat.N_QUADS)
        if gz.wait():
            raise RuntimeError("gzip failed")
    return len(snapshot)


def run_bulkload(nq_gz: Path, store: Path, keep: bool = False) -> tuple[Measured, int]:
    """One measured bulk load into a fresh store (removed after unless ``keep``); returns the measurement and the
    quad count."""
    shutil.rmtree(store, ignore_errors=True)
    measured = run_measured([sys.executable, "-m", "bench.baselines", "bulkload", str(nq_gz), str(store)])
    if measured.returncode:
        raise RuntimeError(f"bulk load failed: {measured.stderr[-2000:]}")
    import json

    quads = int(json.loads(measured.stdout.strip().splitlines()[-1])["quads"])
    if not keep:
        shutil.rmtree(store, ignore_errors=True)
    return measured, quads


def build_from_quads(corpus_dir: Path, work: Path, records: int, log: Callable[[str], object] = print) -> IngestRow:
    """The store of ``records`` built without ingesting: the quads ``lodpub ingest`` writes (``baselines
    mapquads``) bulk-loaded as the master of a data directory (the row's bulk-load measurement), then compacted
    and published as the ingest does. For measuring the servers at a size whose ingest was measured before."""
    import json
    import time

    import pyoxigraph as ox

    from publisher.store.oxigraph import DiskStore

    row = IngestRow(records)  # no ingest runs: the report shows the row as bulk-loaded
    row.nquads = work / f"quads-{records}.nq.gz"
    facts = row.nquads.with_suffix("").with_suffix(".json")
    if not (row.nquads.exists() and facts.exists()):
        log(f"map {records} records to N-Quads (as the ingest writes them)")
        mapped = run_measured([sys.executable, "-m", "bench.baselines", "mapquads", str(row.nquads),
                               *corpus.paths_for(corpus_dir, records)])
        if mapped.returncode:
            raise RuntimeError(f"mapquads failed: {mapped.stderr[-2000:]}")
        facts.write_text(mapped.stdout.strip().splitlines()[-1])
    row.read = int(json.loads(facts.read_text())["records"])
    store = work / f"store-{records}"
    shutil.rmtree(store, ignore_errors=True)
    store.mkdir(parents=True)
    log(f"bulk load {records}: into {store / 'master'}")
    measured, row.quads = run_bulkload(row.nquads, store / "master", keep=True)
    row.bulk.append(measured)
    log(f"bulk load {records}: compact and publish")
    started = time.perf_counter()
    master = ox.Store(str(store / "master"))
    master.optimize()  # what DiskStore.compact does, before the first snapshot (which would pin the old files)
    master.flush()
    del master
    row.compact_seconds = time.perf_counter() - started
    DiskStore(store, writable=True).close()
    return row


def run_rdflib(paths: list[str]) -> tuple[Measured, int, int]:
    """The naive baseline; returns the measurement, records and quads."""
    import json

    measured = run_measured([sys.executable, "-m", "bench.baselines", "rdflib", *paths])
    if measured.returncode:
        raise RuntimeError(f"rdflib baseline failed: {measured.stderr[-2000:]}")
    data = json.loads(measured.stdout.strip().splitlines()[-1])
    return measured, int(data["records"]), int(data["quads"])


def ingest_size(corpus_dir: Path, work: Path, records: int, repeat: int, log: Callable[[str], object] = print,
                keep: bool = True, export_now: bool = True) -> IngestRow:
    """Ingest the first ``records`` records ``repeat`` times into ``work/store-<records>``; export its quads."""
    paths = corpus.paths_for(corpus_dir, records)
    row = IngestRow(records)
    store = work / f"store-{records}"
    for i in range(repeat):
        log(f"ingest {records}: run {i + 1}/{repeat}")
        row.runs.append(run_ingest(paths, store, work / "rejected.tsv"))
    m = SUMMARY.search(row.runs[-1].stderr)
    assert m is not None
    row.read, row.rejected = int(m[1]), int(m[4]) + int(m[5])
    row.quads = int(m[6])
    if c := COMPACTED.search(row.runs[-1].stderr):
        row.compact_seconds = float(c[1])
    if export_now:
        log(f"ingest {records}: export N-Quads")
        export(work, row)
    if not keep:
        shutil.rmtree(store, ignore_errors=True)
    return row


def export(work: Path, row: IngestRow) -> None:
    """Export the store of ``row`` as gzipped N-Quads for the bulk load and the peers."""
    row.nquads = work / f"quads-{row.records}.nq.gz"
    row.quads = export_nquads(work / f"store-{row.records}", row.nquads)


def baselines(corpus_dir: Path, work: Path, row: IngestRow, repeat: int, rdflib_records: int,
              log: Callable[[str], object] = print) -> None:
    """The bulk load of the same quads (``repeat`` times) and, on at most ``rdflib_records``, the rdflib way."""
    for i in range(repeat):
        log(f"bulk load {row.records}: run {i + 1}/{repeat}")
        measured, quads = run_bulkload(row.nquads, work / "bulk-store")  # type: ignore[arg-type]
        if quads != row.quads:
            raise RuntimeError(f"the bulk load holds {quads} quads, the export {row.quads}")
        row.bulk.append(measured)
    if rdflib_records:
        log(f"rdflib on {min(row.records, rdflib_records)} records")
        paths = corpus.paths_for(corpus_dir, min(row.records, rdflib_records))
        row.rdflib, row.rdflib_records, row.rdflib_quads = run_rdflib(paths)
