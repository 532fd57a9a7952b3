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


# -- stores --------------------------------------------------------------------------------------------
# Backends the HTTP-level and store-contract tests run against. "virtuoso" is added by
# tests/virtuoso.py when a Virtuoso server can be started (always in CI: .ci/run installs it).
BACKENDS = ["oxigraph"]
if os.environ.get("LODPUB_TEST_VIRTUOSO", "1" if IN_CI else "auto") != "0":
    BACKENDS.append("virtuoso")


def ingest_samples(store, paths=None):  # type: ignore[no-untyped-def]
    """Ingest the bundled samples (or the given paths) into a store; returns the summary."""
    from publisher.ingest import ingest

    return ingest([str(p) for p in (paths or [SAMPLES])], store, Minter(BASE))


def make_store(backend: str, tmp_path: Path, name: str = "store"):  # type: ignore[no-untyped-def]
    """A fresh, empty, writable store of the given backend."""
    if backend == "oxigraph":
        from publisher.store import open_store

        return open_store(str(tmp_path / name), writable=True)
    if backend == "memory":
        from publisher.store import open_store

        return open_store("memory:")
    if backend == "virtuoso":
        from tests.virtuoso import virtuoso_store

        return virtuoso_store(name)
    raise ValueError(backend)


@pytest.fixture(scope="session", params=BACKENDS)
def loaded_store(request, tmp_path_factory):  # type: ignore[no-untyped-def]
    """A store holding every bundled sample, shared by a test session; one per backend."""
    backend = request.param
    store = make_store(backend, tmp_path_factory.mktemp(f"loaded-{backend}"), "loaded")
    summary = ingest_samples(store)
    assert summary.rejected == 0 and summary.unreadable == 0, summary
    store.publish()
    yield store
    store.close()


@pytest.fixture(scope="session")
def app(loaded_store):  # type: ignore[no-untyped-def]
    """The Flask app over the loaded store (one per backend)."""
    from publisher.app import create_app

    application = create_app(loaded_store, LODPUB_BASE_URI=BASE, TESTING=True)
    return application


@pytest.fixture()
def client(app):  # type: ignore[no-untyped-def]
    """A Flask test client."""
    return app.test_client()
