"""The fixtures the tests share: a store holding every sample (one per backend), the app over it, a client.

Helpers live in tests/helpers.py; the names below are re-exported for the modules that import them from here.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from publisher.store import Store
from tests.helpers import BACKENDS, BASE, ingest_samples, make_store
from tests.helpers import read as read


@pytest.fixture(autouse=True)
def own_client_limits(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Apps (and servers) a test starts count per-client usage in a file of their own, not beside a store the
    session shares: one test's queries must not spend the next one's budget."""
    monkeypatch.setenv("LODPUB_LIMITS_FILE", str(tmp_path / "limits.sqlite"))


@pytest.fixture(scope="session", params=BACKENDS)
def loaded_store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """A store holding every bundled sample, shared by a test session; one per backend."""
    backend = request.param
    store = make_store(backend, tmp_path_factory.mktemp(f"loaded-{backend}"), "loaded")
    summary = ingest_samples(store)
    assert summary.rejected == 0 and summary.unreadable == 0, summary
    store.publish()
    yield store
    store.close()


@pytest.fixture(scope="session")
def app(loaded_store: Store) -> Flask:
    """The Flask app over the loaded store (one per backend)."""
    from publisher.web.app import create_app

    return create_app(loaded_store, LODPUB_BASE_URI=BASE, TESTING=True)


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    """A Flask test client."""
    return app.test_client()
