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

SUMMARY = re.compile(r"(\d+) records read: (\d+) written, (\d+) unchanged, (\d+) rejected, (\d+) unreadable files; "
                     r"(\d+) triples")
RDFLIB_MAX_RECORDS = 10_000  # rdflib's Memory store needs ~1.2 KB per triple: 100k records would need ~17 GB


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
                             *paths])
    if measured.returncode not in (0, 1) or not SUMMARY.search(measured.stderr):
        raise RuntimeError(f"lodpub ingest failed ({measured.returncode}): {measured.stderr[-2000:]}")
    return measured


def export_nquads(store: Path, out: Path) -> None:
    """The store's quads as gzipped N-Quads (``lodpub export``), the bulk loader's input."""
    with open(out, "wb") as fh:
        export = subprocess.Popen([lodpub(), "export", "--store", str(store), "--format", "nq"], stdout=subprocess.PIPE)
        gz = subprocess.run(["gzip", "-1", "-c"], stdin=export.stdout, stdout=fh, check=True)
        assert export.stdout is not None
        export.stdout.close()
        if export.wait() or gz.returncode:
            raise RuntimeError("lodpub export failed")


def run_bulkload(nq_gz: Path, store: Path) -> tuple[Measured, int]:
    """One measured bulk load into a fresh store; returns the measurement and the quad count."""
    shutil.rmtree(store, ignore_errors=True)
    measured = run_measured([sys.executable, "-m", "bench.baselines", "bulkload", str(nq_gz), str(store)])
    if measured.returncode:
        raise RuntimeError(f"bulk load failed: {measured.stderr[-2000:]}")
    import json

    quads = int(json.loads(measured.stdout.strip().splitlines()[-1])["quads"])
    shutil.rmtree(store, ignore_errors=True)
    return measured, quads


def run_rdflib(paths: list[str]) -> tuple[Measured, int, int]:
    """The naive baseline; returns the measurement, records and quads."""
    import json

    measured = run_measured([sys.executable, "-m", "bench.baselines", "rdflib", *paths])
    if measured.returncode:
        raise RuntimeError(f"rdflib baseline failed: {measured.stderr[-2000:]}")
    data = json.loads(measured.stdout.strip().splitlines()[-1])
    return measured, int(data["records"]), int(data["quads"])


def bench_size(corpus_dir: Path, work: Path, records: int, repeat: int, keep: bool,
               log: Callable[[str], object] = print, rdflib: bool = True) -> IngestRow:
    """Ingest the first ``records`` records ``repeat`` times; bulk-load the same quads; rdflib at small N.

    The store is kept at ``work/store-<records>`` when ``keep``; the exported quads always are.
    """
    paths = corpus.paths_for(corpus_dir, records)
    row = IngestRow(records)
    store = work / f"store-{records}"
    for i in range(repeat):
        log(f"ingest {records}: run {i + 1}/{repeat}")
        row.runs.append(run_ingest(paths, store, work / "rejected.tsv"))
    m = SUMMARY.search(row.runs[-1].stderr)
    assert m is not None
    row.read, row.rejected = int(m[1]), int(m[4]) + int(m[5])
    nq = work / f"quads-{records}.nq.gz"
    log(f"ingest {records}: export N-Quads")
    export_nquads(store, nq)
    row.nquads = nq
    for i in range(repeat):
        log(f"bulk load {records}: run {i + 1}/{repeat}")
        measured, row.quads = run_bulkload(nq, work / "bulk-store")
        row.bulk.append(measured)
    if rdflib and records <= RDFLIB_MAX_RECORDS:
        log(f"rdflib {records}")
        row.rdflib, row.rdflib_records, row.rdflib_quads = run_rdflib(paths)
    if not keep:
        shutil.rmtree(store, ignore_errors=True)
    return row
