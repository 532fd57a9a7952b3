"""The published view's cost (issue 14): ``lodpub ingest`` of several checkouts, side by side in one run.

Usage: ``python -m bench.view_cost --variant before=/tmp/wt-before --variant after=. [--records 10000 50000]
[--work DIR] [--out FILE]``

Each variant is a checkout with its own ``.venv`` (its ``lodpub`` console script). For each size, every variant
in turn (interleaved, so load on the machine falls on all alike): a first load of revision 0 of the corpus into
an empty store (the bulk path), then an ingest of revision 1 over it (1% of the works' records changed: the
incremental path). Measured: wall time, peak PSS of the process tree (:mod:`bench.procmon`), the quads and
bytes the store holds afterwards, and the seconds the ingest says it spent on the published view.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import resource
import shutil
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from bench import corpus
from bench.procmon import run_measured

SUMMARY = re.compile(r"(\d+) records read: (\d+) written, (\d+) unchanged, (\d+) rejected, (\d+) unreadable files; "
                     r"(\d+) triples in ([\d.]+) s")
VIEW = re.compile(r"published view refreshed in ([\d.]+) s \((\d+) identity merges\)")


@dataclass
class Run:
    """One measured ingest."""

    variant: str
    records: int
    phase: str  # "first load" or "re-ingest 1%"
    seconds: float
    cpu_seconds: float  # user + system of the whole process tree (mapping workers included)
    pss_mb: float
    read: int
    written: int
    view_seconds: float | None
    merges: int | None
    quads: int
    published_quads: int
    store_bytes: int
    published_digest: str  # SHA-256 of the published view's sorted N-Triples: equal means the same view

    @property
    def rate(self) -> float:
        """Records read per second."""
        return self.read / self.seconds if self.seconds else 0.0

    @property
    def cpu_rate(self) -> float:
        """Records read per CPU second (what the machine's other load does not change)."""
        return self.read / self.cpu_seconds if self.cpu_seconds else 0.0


def store_figures(store: Path) -> tuple[int, int, int, str]:
    """(all quads, quads of the default graph, bytes on disk, digest of the default graph) of the store's published
    snapshot."""
    import pyoxigraph as ox

    current = store / os.readlink(store / "current")
    snapshot = ox.Store.read_only(str(current))
    lines = sorted(str(q.triple) for q in snapshot.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    digest = hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()[:16]
    size = sum(f.stat().st_size for f in current.rglob("*") if f.is_file())
    return len(snapshot), len(lines), size, digest


def _cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def ingest(variant: str, checkout: Path, paths: list[str], store: Path, records: int, phase: str) -> Run:
    """One measured ``lodpub ingest`` of ``paths`` into ``store`` by the checkout's own console script."""
    lodpub = checkout / ".venv" / "bin" / "lodpub"
    cpu = _cpu()
    measured = run_measured([str(lodpub), "ingest", "--store", str(store), "--report", str(store.parent / "rej.tsv"),
                             "--progress", "none", *paths], env={"LODPUB_PUBLISH_INTERVAL": "86400"})
    found = SUMMARY.search(measured.stderr)
    if measured.returncode not in (0, 1) or not found:
        raise RuntimeError(f"{variant}: lodpub ingest failed ({measured.returncode}): {measured.stderr[-2000:]}")
    cpu = _cpu() - cpu
    view = VIEW.search(measured.stderr)
    quads, published, size, digest = store_figures(store)
    return Run(variant, records, phase, measured.seconds, cpu, measured.peak_pss_mb, int(found[1]), int(found[2]),
               float(view[1]) if view else None, int(view[2]) if view else None, quads, published, size, digest)


def measure(variants: dict[str, Path], sizes: list[int], work: Path, log: bool = True) -> list[Run]:
    """Every variant at every size: a first load, then a re-ingest with 1% changed."""
    base = work / "corpus-r0"
    changed = work / "corpus-r1"
    corpus.generate(base, max(sizes), quiet=True)
    corpus.generate(changed, max(sizes), quiet=True, revision=1)
    runs: list[Run] = []
    for records in sizes:
        for name, checkout in variants.items():
            store = work / f"store-{name}-{records}"
            shutil.rmtree(store, ignore_errors=True)
            for phase, folder in (("first load", base), ("re-ingest 1%", changed)):
                if log:
                    print(f"[{time.strftime('%H:%M:%S')}] {name} {records} {phase}", file=sys.stderr, flush=True)
                runs.append(ingest(name, checkout, corpus.paths_for(folder, records), store, records, phase))
                if log:
                    print(json.dumps(asdict(runs[-1])), file=sys.stderr, flush=True)
            shutil.rmtree(store, ignore_errors=True)
    return runs


def table(runs: list[Run], reference: str) -> str:
    """A Markdown table of the runs, with each variant's ratio to ``reference`` at the same size and phase."""
    ref = {(r.records, r.phase): r for r in runs if r.variant == reference}
    lines = ["| records | phase | variant | records/CPU s | × ref | records/s (wall) | × ref | CPU s | view s | "
             "peak PSS MB | quads/record | × ref | published quads/record | bytes/record | × ref | view digest |",
             "|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    for r in runs:
        base = ref.get((r.records, r.phase), r)
        view = f"{r.view_seconds:.1f}" if r.view_seconds is not None else "–"
        lines.append(f"| {r.records:,} | {r.phase} | {r.variant} | {r.cpu_rate:,.0f} | "
                     f"{r.cpu_rate / base.cpu_rate:.2f} | "
                     f"{r.rate:,.0f} | {r.rate / base.rate:.2f} | "
                     f"{r.cpu_seconds:.1f} | {view} | {r.pss_mb:,.0f} | {r.quads / r.read:.1f} | "
                     f"{r.quads / base.quads:.2f} | {r.published_quads / r.read:.1f} | {r.store_bytes / r.read:,.0f} | "
                     f"{r.store_bytes / base.store_bytes:.2f} | {r.published_digest} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command line: measure the variants and print (or write) the table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--variant", action="append", required=True, help="NAME=CHECKOUT (its .venv is used)")
    ap.add_argument("--records", type=int, nargs="+", default=[10_000])
    ap.add_argument("--work", type=Path, default=Path("/tmp/lodpub-view-cost"))
    ap.add_argument("--out", type=Path, default=None, help="write the runs as JSON here")
    args = ap.parse_args(argv)
    variants = {name: Path(path).resolve() for name, _, path in (v.partition("=") for v in args.variant)}
    args.work.mkdir(parents=True, exist_ok=True)
    runs = measure(variants, args.records, args.work)
    if args.out:
        args.out.write_text(json.dumps([asdict(r) for r in runs], indent=1))
    print(table(runs, next(iter(variants))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
