"""The ingest fuzz run (tests/fuzz.py) at CI size: hostile files through the readers and the real ingest, with
0 tracebacks, 0 records lost unlisted, 0 partial graphs, report and store in agreement. The large run
(``python -m tests.fuzz --files 10000``) and its figures are in docs/production.md."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fuzz import run


@pytest.mark.parametrize("files, seed", [(150, 18), pytest.param(1200, 5, marks=pytest.mark.slow)])
def test_fuzzed_inputs_are_read_or_listed_never_lost(tmp_path: Path, files: int, seed: int) -> None:
    outcome = run(files, tmp_path, seed=seed, jobs=2)
    print(f"\n{outcome.line()}")
    assert not outcome.problems, outcome.problems[:20]
    assert outcome.rejected + outcome.unreadable > 0 and outcome.stored_graphs > 0  # the damage was real
