"""Smoke test of the benchmark harness (issue 8): the quick mode on a tiny corpus writes a complete report.

These are not benchmarks: figures are not checked against targets, only that every table was measured.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import REPO, need


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_quick_mode_writes_every_table(tmp_path: Path) -> None:
    need(sys.platform.startswith("linux"), "Linux (the harness reads /proc)")
    run = subprocess.run([sys.executable, "-m", "bench.run", "--quick", "--records", "2000", "--seconds", "1",
                          "--work", str(tmp_path / "work"), "--out", str(tmp_path / "results")],
                         cwd=REPO, capture_output=True, text=True, timeout=840)
    assert run.returncode == 0, run.stderr[-3000:]
    report = (tmp_path / "results" / "report-2000.md").read_text()
    for heading in ("## 1. Ingest", "## 2. Pages", "## 3. SPARQL", "## 4. Memory while serving", "## Targets"):
        assert heading in report
    ingest = re.search(r"^\| 2,000 \| 1 \| ([\d,]+) \| ([\d,]+) \| ([\d.]+) \| ([\d,]+) \(([\d,]+)\) \| ([\d,]+) \|",
                       report, re.M)
    assert ingest, report
    assert all(float(g.replace(",", "")) > 0 for g in ingest.groups())  # the compaction's seconds included
    for label in ("work page, HTML", "work page, Turtle", "work page, JSON-LD", "/doi/"):
        pattern = rf"^\| {re.escape(label)}[^|]* \| lodpub \| ([\d,]+) \| [\d.,]+ \| [\d.,]+ \| 0 \|"
        row = re.search(pattern, report, re.M)
        assert row and int(row[1].replace(",", "")) > 0, f"{label}: {report}"
    assert re.search(r"^\| DESCRIBE <work>, Turtle \| oxigraph \| [\d,]+ \|", report, re.M)
    for query in ("harvest page", "count by type", "describe", "title word"):
        assert re.search(rf"^\| {query} \| [\d.,]+ \| [\d.,]+ \|", report, re.M), f"{query}: {report}"
    for kind in ("engine order", "ORDER BY ?work ?graph"):
        pattern = rf"harvest through lodpub, {re.escape(kind)}: \*\*([\d,]+) records/s\*\* \([\d,]+ records; full"
        found = re.search(pattern, report)
        assert found and int(found[1].replace(",", "")) > 0, f"{kind}: {report}"
    assert re.search(r"- worker rss mb: [\d,]+", report)
