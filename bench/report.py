"""The benchmark report: machine and versions, the four tables, and the targets, as Markdown."""

from __future__ import annotations

import datetime
import math
import os
import platform
import subprocess
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from bench.ingest_bench import IngestRow
from bench.pages_bench import PageRow
from bench.sparql_bench import Timing


@dataclass
class Results:
    """Everything one run measured (filled in table by table; the report is rewritten after each)."""

    records: int
    command: str
    started: str = field(default_factory=lambda: datetime.datetime.now().isoformat(timespec="seconds"))
    load_before: str = ""
    corpus: dict[str, object] = field(default_factory=dict)
    ingest: list[IngestRow] = field(default_factory=list)
    pages: list[PageRow] = field(default_factory=list)
    sparql: dict[str, dict[str, Timing]] = field(default_factory=dict)  # query -> engine -> timing
    harvest: dict[str, tuple[float, int, str]] = field(default_factory=dict)  # listing kind -> (rate, records, note)
    done: set[str] = field(default_factory=set)  # steps finished (for --resume)
    memory: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def _f(value: float, digits: int = 0) -> str:
    return "–" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{value:,.{digits}f}"


def _cmd(*cmd: str) -> str:
    try:
        run = subprocess.run(cmd, capture_output=True, text=True, timeout=10)
        return next(line.strip() for line in (run.stdout + run.stderr).splitlines() if line.strip())
    except (OSError, StopIteration, subprocess.TimeoutExpired):
        return "not installed"


def machine() -> list[str]:
    """Lines describing the machine and the software versions."""
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem = int(Path("/proc/meminfo").read_text().split()[1]) / 1024 / 1024
    versions = ", ".join(f"{p} {_version(p)}" for p in ("pyoxigraph", "oxigraph", "rdflib", "rdflib-endpoint",
                                                          "flask", "gunicorn", "SPARQLWrapper"))
    commit = _cmd("git", "rev-parse", "--short", "HEAD")
    return [f"- Machine: {cpu}, {os.cpu_count()} cores, {mem:.1f} GiB RAM; {platform.platform()}",
            f"- Python {platform.python_version()}; {versions}",
            f"- {_cmd('wrk', '--version')}; Virtuoso: {_cmd('virtuoso-t', '-?')[:60]}",
            f"- lodpub commit {commit}; load average at the end: {os.getloadavg()[0]:.2f} (shared machine)"]


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def ingest_table(rows: list[IngestRow]) -> list[str]:
    """Table 1."""
    out = ["| records | runs | lodpub ingest records/s | quads/s | of which compaction s | peak RSS tree (PSS) MB "
           "| bulk load quads/s | bulk RSS MB | ingest ÷ bulk | rdflib Memory records/s | rdflib RSS MB |",
           "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        if not r.runs:  # built from the ingest's quads by the bulk loader (--store-from-quads)
            bulk = r.bulk[0] if r.bulk else None
            out.append(f"| {r.records:,} | 0 | not run (store bulk-loaded) | – | {_f(r.compact_seconds, 1)} | – "
                       f"| {_f(r.quads / bulk.seconds) if bulk else '–'} | {_f(bulk.peak_rss_mb) if bulk else '–'} "
                       "| – | not run | – |")
            continue
        rss = max(m.peak_rss_mb for m in r.runs)
        pss = max(m.peak_pss_mb for m in r.runs)
        bulk_rate = r.quads / r.bulk_seconds if r.bulk else float("nan")
        rd = r.rdflib
        bulk_rss = max((m.peak_rss_mb for m in r.bulk), default=math.nan)
        naive = (f"{_f(r.rdflib_records / rd.seconds)} (first {r.rdflib_records:,})", _f(rd.peak_rss_mb)) if rd \
            else ("not run", "–")
        out.append(f"| {r.records:,} | {len(r.runs)} | {_f(r.read / r.seconds)} | {_f(r.quads / r.seconds)} "
                   f"| {_f(r.compact_seconds, 1)} | {_f(rss)} ({_f(pss)}) | {_f(bulk_rate)} | {_f(bulk_rss)} "
                   f"| {_f(r.bulk_seconds / r.seconds, 2)} | {naive[0]} | {naive[1]} |")
    return out


def pages_table(rows: list[PageRow]) -> list[str]:
    """Table 2."""
    out = ["| request | server | req/s | p50 ms | p99 ms | errors | note |", "|---|---|---:|---:|---:|---:|---|"]
    for r in rows:
        errors = sum(x.errors for x in r.runs)
        out.append(f"| {r.label} | {r.server} | {_f(r.median('requests_per_s'))} | {_f(r.median('p50_ms'), 1)} "
                   f"| {_f(r.median('p99_ms'), 1)} | {errors} | {r.note} |")
    return out


def sparql_table(sparql: dict[str, dict[str, Timing]]) -> list[str]:
    """Table 3 (median seconds per query)."""
    engines = ["lodpub /sparql", "pyoxigraph in-process", "rdflib-endpoint", "Virtuoso"]
    out = ["| query | " + " | ".join(f"{e} (ms)" for e in engines) + " | lodpub ÷ pyoxigraph |",
           "|---|" + "---:|" * (len(engines) + 1)]
    for name, by_engine in sparql.items():
        cells = []
        for e in engines:
            t = by_engine.get(e)
            cells.append(t.note if t and t.note and not t.seconds else _f(t.median * 1000, 1) if t else "–")
        ours, raw = by_engine.get("lodpub /sparql"), by_engine.get("pyoxigraph in-process")
        ratio = _f(ours.median / raw.median, 2) if ours and raw and ours.seconds and raw.seconds else "–"
        out.append(f"| {name} | " + " | ".join(cells) + f" | {ratio} |")
    return out


def targets(res: Results) -> list[str]:
    """The issue's targets, each with the measured figure."""
    out = ["| target | measured | met |", "|---|---|---|"]

    def row(text: str, value: str, ok: bool | None) -> None:
        out.append(f"| {text} | {value} | {'–' if ok is None else 'yes' if ok else '**no**'} |")

    for r in res.ingest:
        if not r.runs:
            continue
        rate = r.read / r.seconds
        row(f"ingest ≥ 5,000 records/s ({r.records:,})", _f(rate), rate >= 5000)
        if r.bulk:
            row(f"ingest ≥ 0.5 × bulk load ({r.records:,})", _f(r.bulk_seconds / r.seconds, 2),
                r.bulk_seconds / r.seconds >= 0.5)
        pss = max(m.peak_pss_mb for m in r.runs)
        row(f"ingest memory < 300 MB ({r.records:,}; tree PSS)", f"{_f(pss)} MB", pss < 300)
    by = {(p.label, p.server): p for p in res.pages}
    describe = by.get(("DESCRIBE <work>, Turtle", "oxigraph"))
    rdflib = by.get(("DESCRIBE <work>, Turtle", "rdflib-endpoint"))
    for p in res.pages:
        if p.server == "lodpub" and p.label.startswith("work page"):
            rate = p.median("requests_per_s")
            row(f"{p.label} ≥ 2,000 req/s", _f(rate), rate >= 2000)
            if describe:
                ratio = rate / describe.median("requests_per_s")
                row(f"{p.label} ≥ 0.5 × Oxigraph DESCRIBE", _f(ratio, 2), ratio >= 0.5)
            if rdflib:
                ratio = rate / rdflib.median("requests_per_s")
                row(f"{p.label} ≥ 5 × rdflib-endpoint", _f(ratio, 1), ratio >= 5)
    page = res.sparql.get("harvest page", {})
    ours, raw = page.get("lodpub /sparql"), page.get("pyoxigraph in-process")
    if ours and raw and ours.seconds and raw.seconds:
        row("SPARQL harvest page ≤ 1.2 × raw pyoxigraph", _f(ours.median / raw.median, 2),
            ours.median / raw.median <= 1.2)
    for kind, (rate, _records, note) in res.harvest.items():
        row(f"full harvest ≥ 10,000 records/s ({kind})", f"{_f(rate)} ({note})", rate >= 10000)
    if "worker_rss_mb" in res.memory:
        row(f"serving worker RSS < 2 GB ({res.records:,} records)", f"{_f(res.memory['worker_rss_mb'])} MB",
            res.memory["worker_rss_mb"] < 2048)
    return out


def markdown(res: Results) -> str:
    """The whole report."""
    lines = [f"# lodpub benchmarks: {res.records:,} records", "",
             f"Run `{res.command}`, started {res.started} (load average then: {res.load_before}).", "",
             *machine(), "", "## Corpus", ""]
    counts = res.corpus.get("counts", {})
    lines.append(f"Generated by `bench/corpus.py` (seed {res.corpus.get('seed')}); counts for the whole generated "
                 f"corpus of {res.corpus.get('records', 0):,} records, of which the first {res.records:,} are used:")
    lines.append(", ".join(f"{k} {v:,}" for k, v in counts.items()) if isinstance(counts, dict) else "")
    lines += ["", "## 1. Ingest into the on-disk store", "", *ingest_table(res.ingest), "",
              "Peak memory is sampled every 0.25 s over the whole process tree (ingest process and its mapping "
              "workers): RSS summed, and PSS (shared pages counted once), which is what the tree really uses. "
              "Bulk load: pyoxigraph's `bulk_load` of the same quads exported as N-Quads, in a fresh store.", "",
              "## 2. Pages", "", *pages_table(res.pages), "", "## 3. SPARQL", "", *sparql_table(res.sparql), ""]
    for kind, (rate, records, note) in res.harvest.items():
        lines += [f"SPARQLWrapper harvest through lodpub, {kind}: **{_f(rate)} records/s** ({records:,} records; "
                  f"{note}).", ""]
    lines += ["## 4. Memory while serving", ""]
    lines += [f"- {k.replace('_', ' ')}: {_f(v)}" for k, v in res.memory.items()]
    lines += ["", "## Targets", "", *targets(res), "", "## Notes", "", *[f"- {n}" for n in res.notes], ""]
    return "\n".join(lines)
