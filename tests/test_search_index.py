"""The full-text index follows the published view: built at the first ingest, updated by later ingests and deletes,
rebuilt by ``lodpub reindex`` and built in the background when missing."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from mappings.uris import Minter
from publisher.cli import main
from publisher.ingest.delete import delete_records, find_graphs
from publisher.search import listing, sync
from publisher.store import Store
from tests.helpers import BACKENDS, BASE, SAMPLES, ingest_samples, make_store, rows

L2_SELF = SAMPLES / "eprints-page" / "004_book_section_l2_self.txt"
NUMPY = SAMPLES / "bl-catalogue" / "002_article_numpy.txt"


def found(store: Store, q: str) -> set[str]:
    index = sync.ready(store)
    assert index is not None
    return {hit.iri for hit in index.search(q, 50)}


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Store:
    made = make_store(request.param, tmp_path, "search")
    request.addfinalizer(made.close)
    return made


def test_ingest_and_delete_keep_the_index_current(store: Store) -> None:
    ingest_samples(store, [L2_SELF])
    index = sync.ready(store)
    assert index is not None and index.complete()
    l2 = found(store, "Dornyei motivational")
    assert l2 and found(store, "numpy") == set()
    ingest_samples(store, [NUMPY])  # a later ingest: the index is updated, not rebuilt
    numpy = found(store, "numpy array programming")
    assert len(numpy) == 1 and found(store, "Dornyei motivational") == l2
    assert index.count() == len(rows(store, "SELECT DISTINCT ?w WHERE { ?w dcterms:type ?t }"))
    work = next(iter(numpy))
    delete_records(store, Minter(BASE), find_graphs(store, work, Minter(BASE)))
    assert found(store, "numpy array programming") == set() and found(store, "Dornyei") == l2
    people = rows(store, "SELECT DISTINCT ?p WHERE { ?w dcterms:type ?t ; dcterms:creator|dcterms:contributor ?p . "
                         "?p a foaf:Person }")
    assert sum(n for _kind, n in listing.counts(index.conn, "kind")) == index.count()  # the lists followed too
    assert listing.totals(index.conn)["person"] == len(people)
    assert {t.iri for t in listing.things_page(index.conn, "person", None, None, 1000).rows} == set(people)  # type: ignore[attr-defined]


def test_reindex_and_a_missing_index_is_built(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = make_store("oxigraph", tmp_path, "data")
    ingest_samples(store)
    before = found(store, "safe space")
    store.close()
    path = tmp_path / "data" / sync.FILE_NAME
    assert path.exists() and before
    assert main(["reindex", "--store", str(tmp_path / "data")]) == 0
    assert "search index of" in capsys.readouterr().err
    path.unlink()
    reader = make_store("oxigraph", tmp_path, "data")
    try:
        assert sync.ready(reader) is None  # missing: built in the background, meanwhile the simple search answers
        deadline = time.monotonic() + 30
        while sync.ready(reader) is None and time.monotonic() < deadline:
            time.sleep(0.1)
        assert found(reader, "safe space") == before and path.exists()
    finally:
        reader.close()
