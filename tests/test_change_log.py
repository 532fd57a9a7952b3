"""The change log of the published view (publisher/published/changes.py): one entry per published work, with a
datestamp that moves only when the work's published description changes; deletions and merges stay as deleted."""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest
from pyoxigraph import RdfFormat

from mappings.uris import Minter
from publisher.ingest.delete import delete_records, find_graphs
from publisher.published.refresh import rebuild
from publisher.read import changes as log
from publisher.store import Store, term_value
from publisher.store.interface import CHANGES_GRAPH
from tests.helpers import BACKENDS, BASE, SAMPLES, ingest_samples, make_store, rows


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Store:
    """A fresh store of each backend holding the samples."""
    made = make_store(request.param, tmp_path, "changes")
    ingest_samples(made)
    return made


def published_works(store: Store) -> set[str]:
    """The works of the published view."""
    return set(rows(store, "SELECT DISTINCT ?w WHERE { ?w dcterms:type ?t }"))


def all_entries(store: Store) -> dict[str, log.Entry]:
    """Every entry of the log, by work."""
    found: dict[str, log.Entry] = {}
    for stamp in log.stamps(store, None, None):
        found.update((e.item, e) for e in log.at_stamp(store, stamp, None, None, 5000))
    return found


def test_every_published_work_has_an_entry_and_nothing_else_does(store: Store) -> None:
    entries = all_entries(store)
    assert {w for w, e in entries.items() if not e.deleted} == published_works(store)
    assert all(e.change == "created" for e in entries.values() if not e.deleted)
    for entry in entries.values():
        assert entry.datestamp.endswith("Z") and len(entry.datestamp) == 20
        if not entry.deleted:
            assert any(s.startswith("type:") for s in entry.sets) and any(s.startswith("source:") for s in entry.sets)


def test_reingesting_or_rebuilding_logs_nothing(store: Store) -> None:
    before = all_entries(store)
    time.sleep(1.1)
    ingest_samples(store)
    rebuild(store, Minter(BASE))
    assert all_entries(store) == before


def test_a_deletion_is_logged_and_stays(store: Store) -> None:
    before = all_entries(store)
    minter = Minter(BASE)
    work = next(w for w in sorted(published_works(store))
                if len(rows(store, f"SELECT ?g WHERE {{ <{w}> prov:wasDerivedFrom ?g }}")) == 1)
    time.sleep(1.1)
    delete_records(store, minter, find_graphs(store, work, minter))
    after = all_entries(store)
    assert after[work].deleted and after[work].datestamp > before[work].datestamp
    assert after[work].sets == before[work].sets  # a deleted record stays in its sets
    changed = {w for w, e in after.items() if e.datestamp > before[work].datestamp}
    assert work in changed and all(after[w].change == "updated" for w in changed - {work})  # a work linking to it
    assert log.latest_stamp(store) == after[work].datestamp
    assert log.stamps(store, after[work].datestamp, None) == [after[work].datestamp]


def test_a_merged_away_work_counts_as_deleted(tmp_path: Path) -> None:
    store = make_store("oxigraph", tmp_path)
    for path in sorted(p for p in SAMPLES.rglob("*") if p.is_file()):  # one file at a time: works merge later
        ingest_samples(store, [path])
    merged = set(rows(store, "SELECT ?m WHERE { ?m lodpub:canonical ?w }"))
    entries = all_entries(store)
    assert merged & set(entries), "no logged work was merged into another"
    assert all(entries[iri].deleted for iri in merged & set(entries))
    assert {w for w, e in entries.items() if not e.deleted} == published_works(store)


def test_the_log_is_no_record_graph_and_not_in_the_dumps(store: Store) -> None:
    assert CHANGES_GRAPH not in set(store.named_graphs())
    out = io.BytesIO()
    store.dump(out, RdfFormat.N_QUADS)
    assert CHANGES_GRAPH.encode() not in out.getvalue()
    assert not rows(store, "SELECT ?s WHERE { ?s lodpub:changesAt ?d }")  # not in the SPARQL default graph
    assert any(term_value(q.graph_name) == CHANGES_GRAPH for q in store.match(graph=CHANGES_GRAPH))


def test_a_rebase_moves_the_log_with_the_works(store: Store) -> None:
    before = all_entries(store)
    new_base = "https://data.example.org/lod/"
    store.rebase(BASE, new_base)
    store.publish()
    after = all_entries(store)
    assert sorted(after) == sorted(w.replace(BASE, new_base) for w in before)
    assert {w for w, e in after.items() if not e.deleted} == published_works(store)
    assert all(after[w.replace(BASE, new_base)].datestamp == e.datestamp for w, e in before.items())
