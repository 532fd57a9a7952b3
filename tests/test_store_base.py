"""Every backend (memory, on-disk Oxigraph, Virtuoso) knows the base its records were minted under, and moves it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from publisher.read.store_base import recorded_base, recorded_bases
from publisher.store import Store
from tests.helpers import BASE, SAMPLES, ingest_samples, make_store
from tests.test_store_contract import CONTRACT_BACKENDS, dataset_of


@pytest.fixture(params=CONTRACT_BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    s = make_store(request.param, tmp_path)
    yield s
    s.close()


def test_the_store_knows_its_base_and_rebase_moves_it(store: Store) -> None:
    assert recorded_base(store) is None and recorded_bases(store) == []
    ingest_samples(store, [SAMPLES / "crossref"])
    assert recorded_base(store) == BASE and recorded_bases(store) == [BASE]
    before = dataset_of(store)
    new = "https://data.example.org/lod/"
    store.rebase(BASE, new)
    after = dataset_of(store)

    def moved(term: str) -> str:
        return "<" + new + term[len(BASE) + 1:] if term.startswith("<" + BASE) else term

    assert after == frozenset(tuple(moved(t) for t in quad) for quad in before)
    assert recorded_base(store) == new
