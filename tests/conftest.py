"""Shared test helpers: paths, mapping a sample file, and the CI rule that missing components fail."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from mappings import sources
from mappings.crosswalk import MappedRecord, map_record
from mappings.model import Record, RecordError
from mappings.uris import Minter

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples"
GOLDEN = Path(__file__).resolve().parent / "golden"
BASE = "http://127.0.0.1:5000/"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def read(path: Path | str, input_format: str | None = None) -> tuple[list[Record], list[RecordError]]:
    """Parse a file into its records and its rejected records."""
    records: list[Record] = []
    errors: list[RecordError] = []
    for item in sources.read_file(str(path), input_format):
        (errors if isinstance(item, RecordError) else records).append(item)  # type: ignore[arg-type]
    return records, errors


def map_file(path: Path | str, input_format: str | None = None) -> list[MappedRecord]:
    """Map every record of a file (failing the test if any record is rejected)."""
    records, errors = read(path, input_format)
    assert not errors, [str(e) for e in errors]
    minter = Minter(BASE)
    return [map_record(r, minter) for r in records]


def need(component_available: bool, what: str) -> None:
    """Skip a test whose component is missing, except in CI where a missing component is a failure."""
    if component_available:
        return
    if IN_CI:
        pytest.fail(f"{what} is required in CI (CI=true) but is not available")
    pytest.skip(f"{what} not available")
