"""The ingest fuzz run: hostile files (tests/fuzz_inputs.py) through lodpub's readers and the real ingest.

Usage: ``python -m tests.fuzz [--files 10000] [--seed 18] [--jobs 2] [--dir DIR]`` (CI runs a few hundred
through tests/test_fuzz_ingest.py). Each file is read as an ingest worker reads it (parse, screen, map); then
all of them are ingested together into an on-disk store by ``lodpub ingest``'s pipeline with a reject report.
It fails on any of:

* a traceback, or a parser exception caught by the readers' safety net (a bug, even when reported);
* a record lost unlisted: between-records junk must lose no record, damage within a record at most that one,
  unless the file is listed as unreadable from some point;
* a record both rejected and published, a control character or a non-http(s) link left in a record;
* report and store disagreeing: the summary's counts, the report's rows and the records read must match, and
  every stored graph must be one whole mapping of its record (never partial).
"""

from __future__ import annotations

import argparse
import csv
import multiprocessing as mp
import os
import re
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from mappings import sources
from mappings.limits import MIB, InputLimits
from mappings.model import FormatError, Record, RecordError
from mappings.screening import CONTROL
from mappings.uris import Minter
from publisher.ingest.rejects import RejectReport
from tests.fuzz_inputs import Base, Case, bases, make_case

if TYPE_CHECKING:
    from publisher.ingest.pipeline import IngestSummary
    from publisher.store import Store

LIMITS = InputLimits(max_field_bytes=64 * 1024, max_file_bytes=4 * MIB, max_depth=100)
# what the readers' catch-alls say: parser (or crosswalk) bugs, even when reported
SAFETY_NET = ("parser failed", "cannot be read (", "mapping failed (", "internal error")
NAMED = re.compile(r"^(?P<id>.*?) \(#(?P<pos>\d+)(?:, from line \d+)?\)$|^#(?P<bare>\d+)(?:, from line \d+)?$")


@dataclass
class FileResult:
    """What reading one fuzzed file gave."""

    name: str
    mutation: str
    records: int = 0  # records the parser read
    mapped: int = 0  # records mapped (to be written)
    rejected: int = 0
    unreadable: int = 0
    hashes: dict[str, tuple[str, int]] = field(default_factory=dict)  # graph -> (content hash, triples)
    problems: list[str] = field(default_factory=list)


def clean_counts(base: Base) -> tuple[int, int]:
    """(records, rejections) of a base file as it is, read once per process."""
    if base.name not in _CLEAN:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / base.name
            path.write_bytes(base.data)
            items = list(sources.read_file(str(path), None, limits=LIMITS))
        _CLEAN[base.name] = (sum(isinstance(i, Record) for i in items), sum(isinstance(i, RecordError) for i in items))
    return _CLEAN[base.name]


_CLEAN: dict[str, tuple[int, int]] = {}


def record_problems(record: Record) -> list[str]:
    """Control characters or non-http(s) links left in a screened record."""
    out = []
    texts: list[str] = []
    _strings(record, texts)
    if any(CONTROL.search(t) for t in texts):
        out.append(f"record {record.source_id}: a control character survived screening")
    links = [record.landing_page, record.official_url, *record.related_urls, *(f.url for f in record.files)]
    for url in filter(None, links):
        if not re.match(r"https?://", url, re.I):
            out.append(f"record {record.source_id}: a non-http(s) link survived: {url[:80]!r}")
    return out


def _strings(value: object, out: list[str]) -> None:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, list | tuple):
            stack.extend(item)
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif hasattr(item, "__dataclass_fields__"):
            stack.extend(getattr(item, f) for f in item.__dataclass_fields__)


def check_file(path: str, case: Case) -> FileResult:
    """Read one file as an ingest worker does, and check what it gave."""
    from publisher.ingest.workers import Mapped, map_one

    result = FileResult(Path(path).name, case.mutation)
    minter = Minter("http://127.0.0.1:5000/")
    published: set[tuple[str, int]] = set()  # (source id, position)
    rejected: list[RecordError] = []
    file_level = False
    try:
        for item in sources.read_file(path, None, limits=LIMITS):  # as publisher.ingest.workers reads it
            if isinstance(item, Record):
                result.problems += record_problems(item)
                result.records += 1
            mapped = map_one(item, minter, False)
            if isinstance(mapped, Mapped):
                if isinstance(item, Record):
                    published.add((item.source_id, item.source_position))
                result.hashes[mapped.graph] = (mapped.content_hash, mapped.triples)
                result.mapped += 1
                continue
            rejected.append(mapped)
            if any(words in mapped.message for words in SAFETY_NET):
                result.problems.append(f"a parser bug reached the safety net: {mapped}")
            if isinstance(mapped, FormatError):
                result.unreadable += 1
                file_level = True
            else:
                result.rejected += 1
                file_level = file_level or "the rest of the file" in mapped.message
    except Exception as exc:  # noqa: BLE001 - the one thing the fuzz run exists to find
        result.problems.append(f"traceback: {type(exc).__name__}: {exc}")
        return result
    for error in rejected:  # a record is either published or rejected, never both
        named = NAMED.match(error.record or "")
        if named and named["id"] and (named["id"], int(named["pos"])) in published:
            result.problems.append(f"record {named['id']} is both rejected and published: {error}")
    if not file_level and case.kind != "destructive":
        expected, _ = clean_counts(case.base)
        found = result.records + sum(1 for e in rejected if not isinstance(e, FormatError))
        least = expected if case.kind == "between" or case.mutation in ("bad-date", "javascript-url") else expected - 1
        if result.records < least or found < expected:
            result.problems.append(f"{case.kind} damage lost records unlisted: {expected} in the base, "
                                   f"{result.records} read, {found - result.records} rejected")
    return result


def _check(args: tuple[str, int, int]) -> FileResult:
    folder, i, seed = args
    case = make_case(i, seed)
    return check_file(str(Path(folder) / case.name), case)


@dataclass
class Run:
    """The figures of a fuzz run."""

    files: int = 0
    records: int = 0
    mapped: int = 0
    rejected: int = 0
    unreadable: int = 0
    problems: list[str] = field(default_factory=list)
    mutations: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    stored_graphs: int = 0

    def line(self) -> str:
        """The figures for people."""
        return (f"{self.files} fuzzed files in {self.seconds:.0f} s: {self.records} records read, {self.rejected} "
                f"rejected and {self.unreadable} unreadable (every one listed in the report), {self.stored_graphs} "
                f"graphs stored whole; {len(self.problems)} problems")


def run(count: int, folder: Path, seed: int = 18, jobs: int = 2) -> Run:
    """Write ``count`` fuzzed files under ``folder``, read each, ingest them all; return the figures."""
    from publisher.store import open_store

    started = time.monotonic()
    inputs = folder / "inputs"
    inputs.mkdir(parents=True, exist_ok=True)
    bases()
    for i in range(count):
        case = make_case(i, seed)
        (inputs / case.name).write_bytes(case.data)
    outcome = Run(files=count)
    expected: dict[str, set[tuple[str, int]]] = {}
    with mp.get_context("fork").Pool(jobs) as pool:
        for result in pool.imap_unordered(_check, [(str(inputs), i, seed) for i in range(count)], chunksize=8):
            outcome.records += result.records
            outcome.mapped += result.mapped
            outcome.rejected += result.rejected
            outcome.unreadable += result.unreadable
            outcome.mutations[result.mutation] += 1
            outcome.problems += [f"{result.name}: {p}" for p in result.problems]
            for graph, found in result.hashes.items():
                expected.setdefault(graph, set()).add(found)
    store = open_store(str(folder / "store"), writable=True)
    report_path = folder / "rejected.tsv"
    try:
        with RejectReport(str(report_path)) as report:
            summary = _ingest_with_limits(inputs, store, report, jobs)
        outcome.problems += _agreement(summary, report_path, outcome, expected, store)
    finally:
        store.close()
    outcome.seconds = time.monotonic() - started
    return outcome


def _ingest_with_limits(inputs: Path, store: Store, report: RejectReport, jobs: int) -> IngestSummary:
    """The real ingest, its workers given the fuzz run's limits through the environment (as settings are)."""
    from publisher.ingest.pipeline import ingest

    saved = {k: os.environ.get(k) for k in ("LODPUB_MAX_FIELD_KB", "LODPUB_MAX_FILE_MB", "LODPUB_MAX_DEPTH")}
    os.environ.update(LODPUB_MAX_FIELD_KB=str(LIMITS.max_field_bytes // 1024),
                      LODPUB_MAX_FILE_MB=str(LIMITS.max_file_bytes // MIB), LODPUB_MAX_DEPTH=str(LIMITS.max_depth))
    try:
        return ingest([str(inputs)], store, Minter("http://127.0.0.1:5000/"), report=report, jobs=jobs)
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _agreement(summary: IngestSummary, report_path: Path, outcome: Run,
               expected: dict[str, set[tuple[str, int]]], store: Store) -> list[str]:
    """Where the ingest's summary, its report and its store disagree with what the files hold."""
    from mappings.vocab import LODPUB
    from publisher.store import term_value

    problems = []
    counted = (summary.read, summary.rejected, summary.unreadable)
    if counted != (outcome.mapped, outcome.rejected, outcome.unreadable):
        problems.append(f"the ingest counted {counted} (read, rejected, unreadable); the files hold "
                        f"{(outcome.mapped, outcome.rejected, outcome.unreadable)}")
    rows = []
    if report_path.exists():
        with open(report_path, encoding="utf-8", newline="") as fh:
            rows = list(csv.reader(fh, delimiter="\t"))[1:]
    if len(rows) != outcome.rejected + outcome.unreadable or any(len(r) != 6 or not r[1] for r in rows):
        problems.append(f"the report has {len(rows)} rows for {outcome.rejected + outcome.unreadable} "
                        "rejections (or a row without its file)")
    stored = list(store.named_graphs())
    outcome.stored_graphs = len(stored)
    if set(stored) != set(expected):
        problems.append(f"{len(set(stored) - set(expected))} graphs stored that no file published, "
                        f"{len(set(expected) - set(stored))} published ones missing")
    for graph in stored:
        quads = list(store.match(graph=graph))
        hashes = [term_value(q.object) for q in quads if q.predicate.value == LODPUB.contentHash.value]
        whole = dict(expected.get(graph, set()))
        if len(hashes) != 1 or hashes[0] not in whole or len(quads) - whole[hashes[0]] not in (2, 3):
            problems.append(f"graph {graph} is not one whole mapping of its record ({len(quads)} quads)")
    return problems


def main(argv: list[str] | None = None) -> int:
    """Command line: run the fuzz, print the figures and the problems."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--files", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=18)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--dir", default=None, help="where to write the files and the store (default: a temporary one)")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="lodpub-fuzz-") as tmp:
        outcome = run(args.files, Path(args.dir or tmp), args.seed, args.jobs)
    print(outcome.line())
    for name, count in sorted(outcome.mutations.items()):
        print(f"  {count:6d}  {name}")
    for problem in outcome.problems[:50]:
        print("PROBLEM", problem)
    return 1 if outcome.problems else 0


if __name__ == "__main__":
    sys.exit(main())
