"""The store contract: every store implementation must pass these (memory, on-disk Oxigraph, Virtuoso)."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from pyoxigraph import Literal, Quad, RdfFormat, parse

from mappings.uris import Minter
from mappings.vocab import LODPUB
from publisher.ingest.delete import find_graphs
from publisher.ingest.pipeline import ingest
from publisher.ingest.rejects import RejectReport
from publisher.read.stats import stats
from publisher.render.void import description
from publisher.store import GraphWrite, Store, term_value
from tests.helpers import BACKENDS, BASE, REPO, SAMPLES, ingest_samples, make_store, many_records, solutions
from tests.servers import environment

CONTRACT_BACKENDS = ["memory", *BACKENDS]
SITE = {"title": "lodpub linked data", "licence": "https://creativecommons.org/publicdomain/zero/1.0/"}
G1, G2 = "http://example.org/graph/1", "http://example.org/graph/2"


@pytest.fixture(params=CONTRACT_BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    s = make_store(request.param, tmp_path)
    yield s
    s.close()


def nt(*lines: str) -> bytes:
    return "".join(line + "\n" for line in lines).encode()


def triples_of(store: Store, graph: str) -> set[tuple[str, str, str]]:
    return {(str(q.subject), str(q.predicate), str(q.object)) for q in store.match(graph=graph)}


def dataset_of(store: Store) -> frozenset[tuple[str, str, str, str]]:
    """The store's quads as a set (lodpub writes no blank nodes, so set equality is dataset isomorphism)."""
    buf = io.BytesIO()
    store.dump(buf, RdfFormat.N_QUADS)
    return frozenset((str(q.subject), str(q.predicate), str(q.object), str(q.graph_name))
                     for q in parse(buf.getvalue(), RdfFormat.N_QUADS))


def test_load_and_read_back(store: Store) -> None:
    store.write_graphs([GraphWrite(G1, nt('<http://ex/s> <http://ex/p> "o" .',
                                          '<http://ex/s> <http://ex/q> <http://ex/o> .'))])
    assert store.has_graph(G1)
    assert len(triples_of(store, G1)) == 2
    rows = list(store.select('SELECT ?o WHERE { <http://ex/s> <http://ex/p> ?o }'))
    assert [r["o"].value for r in rows] == ["o"]
    assert store.count_triples() == 2


def test_replace_rewrites_exactly_one_graph(store: Store) -> None:
    store.write_graphs([GraphWrite(G1, nt('<http://ex/a> <http://ex/p> "old" .')),
                        GraphWrite(G2, nt('<http://ex/b> <http://ex/p> "other" .'))])
    store.write_graphs([GraphWrite(G1, nt('<http://ex/a> <http://ex/p> "new" .'))])
    assert triples_of(store, G1) == {("<http://ex/a>", "<http://ex/p>", '"new"')}
    assert triples_of(store, G2) == {("<http://ex/b>", "<http://ex/p>", '"other"')}


def test_delete_leaves_what_other_graphs_support(store: Store) -> None:
    shared = '<http://ex/person> <http://ex/name> "Melanie Boyce" .'
    store.write_graphs([GraphWrite(G1, nt(shared, '<http://ex/w1> <http://ex/creator> <http://ex/person> .')),
                        GraphWrite(G2, nt(shared, '<http://ex/w2> <http://ex/creator> <http://ex/person> .'))])
    assert store.delete_graphs([G1]) == 1
    assert not store.has_graph(G1)
    assert bool(store.query('ASK { <http://ex/person> <http://ex/name> "Melanie Boyce" }'))
    assert not bool(store.query("ASK { <http://ex/w1> ?p ?o }"))
    assert store.delete_graphs([G1]) == 0


def test_graphs_are_isolated_in_queries(store: Store) -> None:
    store.write_graphs([GraphWrite(G1, nt('<http://ex/a> <http://ex/p> "1" .')),
                        GraphWrite(G2, nt('<http://ex/b> <http://ex/p> "2" .'))])
    only_g1 = solutions(store.query("SELECT ?s WHERE { ?s ?p ?o }", default_graphs=[G1]))
    assert [r["s"].value for r in only_g1] == ["http://ex/a"]
    named = solutions(store.query("SELECT ?g ?s WHERE { GRAPH ?g { ?s ?p ?o } }", named_graphs=[G2]))
    assert [(r["g"].value, r["s"].value) for r in named] == [(G2, "http://ex/b")]
    assert solutions(store.query("SELECT ?s WHERE { ?s ?p ?o }", default_graphs=["http://ex/nothing"])) == []


def test_ingest_twice_leaves_store_identical(store: Store) -> None:
    first = ingest_samples(store)
    assert first.written > 0 and first.rejected == 0
    before = dataset_of(store)
    second = ingest_samples(store)
    assert second.written == 0 and second.unchanged == first.written
    assert dataset_of(store) == before


def test_export_then_ingest_into_fresh_store_is_isomorphic(store: Store, tmp_path: Path) -> None:
    ingest_samples(store)
    buf = io.BytesIO()
    store.dump(buf, RdfFormat.N_QUADS)
    fresh = make_store("memory", tmp_path)
    by_graph: dict[str, list[bytes]] = {}
    for quad in parse(buf.getvalue(), RdfFormat.N_QUADS):
        line = f"{quad.subject} {quad.predicate} {quad.object} .\n".encode()
        by_graph.setdefault(quad.graph_name.value, []).append(line)
    fresh.write_graphs([GraphWrite(g, b"".join(lines)) for g, lines in by_graph.items()])
    assert dataset_of(fresh) == dataset_of(store)


def test_dataset_description_counts_match_store(store: Store) -> None:
    ingest_samples(store)
    counts = stats(store)
    assert counts.records == counts.graphs > 0
    assert counts.triples == store.count_triples()
    described = {(t.predicate.value.rsplit("#", 1)[-1], term_value(t.object)) for t in description(counts, BASE, **SITE)
                 if term_value(t.subject) == BASE + "dataset"}
    assert ("triples", str(counts.triples)) in described
    assert ("entities", str(counts.works)) in described
    assert ("sparqlEndpoint", BASE + "sparql") in described


def test_rejected_record_among_good_ones(store: Store, tmp_path: Path) -> None:
    bad = tmp_path / "broken.xml"
    bad.write_text("<?xml version='1.0'?><eprints xmlns='http://eprints.org/ep2/data/2.0'><eprint id='x'>"
                   "<type>article</type></eprint></eprints>")
    report_path = tmp_path / "rejected.tsv"
    with RejectReport(str(report_path)) as report:
        summary = ingest([str(SAMPLES / "eprints-xml"), str(bad)], store, _minter(), report=report)
    assert summary.rejected == 1 and summary.written == summary.read >= 3
    text = report_path.read_text()
    assert "broken.xml" in text and "title" in text


def test_delete_by_record_id_and_work(store: Store) -> None:
    ingest_samples(store, [SAMPLES / "eprints-xml"])
    graphs = find_graphs(store, "https://authors.library.caltech.edu/id/eprint/106567", _minter())
    assert len(graphs) == 1
    work = next(term_value(q.object) for q in store.match(subject=graphs[0],
                                                          predicate="http://xmlns.com/foaf/0.1/primaryTopic"))
    assert find_graphs(store, work, _minter()) == graphs
    store.delete_graphs(graphs)
    assert not bool(store.query(f"ASK {{ <{work}> ?p ?o }}"))


def _minter() -> Minter:
    return Minter(BASE)


def _kill_ingest_midway(data: Path, source: Path, tmp_path: Path) -> None:
    """Run ``lodpub ingest`` in a subprocess and kill -9 it once some batches are in.

    Into an empty store (the bulk loader) that is once the store has grown by a few megabytes. A store that holds
    records already may grow as much by compacting them when it opens, so there the ingest publishes after every
    batch and is killed once it has published: batches are in, whatever the machine's load.
    """
    cmd = [sys.executable, "-m", "publisher.cli", "ingest", "--store", str(data), "--batch-size", "40",
           "--jobs", "1", "--progress", "none", "--input-format", "eprints-xml", "--report",
           str(tmp_path / "r.tsv"), str(source)]
    master, snapshots = data / "master", data / "snapshots"
    holds_records = master.exists()
    env = environment(LODPUB_BASE_URI=BASE, **({"LODPUB_PUBLISH_INTERVAL": "0"} if holds_records else {}))

    def size() -> int:
        return sum(f.stat().st_size for f in master.iterdir() if f.is_file()) if master.exists() else 0

    def published() -> int:
        return sum(1 for p in snapshots.iterdir() if p.name.isdigit()) if snapshots.exists() else 0

    before, snapshots_before = size(), published()
    proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if (published() > snapshots_before) if holds_records else (size() > before + 3_000_000):
            break
        time.sleep(0.02)
    assert proc.poll() is None, "ingest finished before it could be killed; make the input larger"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()


def _assert_every_graph_whole(store: Store) -> int:
    graphs = [g for g in store.named_graphs() if "repo.example.org" in _source_id(store, g)]
    for graph in graphs:
        triples = triples_of(store, graph)
        hashes = list(store.match(subject=graph, predicate=LODPUB.contentHash.value, graph=graph))
        assert len(hashes) == 1, f"{graph} has no content hash: half-written"
        titles = [t for t in triples if t[1] == "<http://purl.org/dc/terms/title>" and "/id/work/" in t[0]]
        assert len(titles) == 1 and len(triples) > 30, f"{graph} is incomplete ({len(triples)} triples)"
    return len(graphs)


def _source_id(store: Store, graph: str) -> str:
    for q in store.match(subject=graph, predicate=LODPUB.sourceRecordId.value, graph=graph):
        return term_value(q.object)
    return ""


@pytest.mark.slow
@pytest.mark.parametrize("path", ["transactional", "bulk"])
def test_killed_ingest_leaves_every_record_wholly_old_or_new(tmp_path: Path, path: str) -> None:
    """kill -9 mid-ingest: the store opens, every record is whole, and a new ingest completes the job.

    On a store that already holds records, new records go in transactions; into an empty store they go
    through the bulk loader, and a killed bulk load is rolled back to the last published snapshot.
    """
    from publisher.store import open_store

    data, source = tmp_path / "data", tmp_path / "many.xml"
    many_records(source, 6000)
    if path == "transactional":
        with open_store(str(data), writable=True) as store:
            ingest_samples(store, [SAMPLES / "eprints-xml"])
    _kill_ingest_midway(data, source, tmp_path)
    store = open_store(str(data), writable=True)  # the store must open after kill -9
    try:
        whole = _assert_every_graph_whole(store)
        assert whole < 6000
        if path == "transactional":
            assert whole > 0, "no batch was committed before the kill"
            assert find_graphs(store, "https://authors.library.caltech.edu/id/eprint/106567", _minter())
        summary = ingest([str(source)], store, _minter(), input_format="eprints-xml")
        assert summary.rejected == 0 and summary.written == 6000 - whole
        assert _assert_every_graph_whole(store) == 6000
        assert len(list(store.match(predicate="http://purl.org/dc/terms/title",
                                    obj=Literal("Crash test article 7")))) == 1
    finally:
        store.close()
    reader = open_store(str(data))  # and readers see the published result
    assert bool(reader.query('ASK { ?w <http://purl.org/dc/terms/title> "Crash test article 5999" }'))
    reader.close()


def _quad_set(quads: Iterable[Quad]) -> set[tuple[str, str, str, str]]:
    return {(str(q.subject), str(q.predicate), str(q.object), str(q.graph_name)) for q in quads}


def test_index_reads_answer_as_the_sparql_reads(store: Store) -> None:
    """quads_about / quads_linking_to (index look-ups on Oxigraph) say what the interface's SPARQL versions say."""
    from publisher.store.base import Store

    ingest_samples(store)
    works = sorted({term_value(q.subject) for q in store.match(predicate="http://purl.org/dc/terms/type")})
    graphs = sorted(store.named_graphs())[:2]
    title = Literal("x").datatype  # any NamedNode: a predicate filter that matches nothing
    for subjects, predicates, within in [(works, (), None), (works[:3], (LODPUB.contentHash, title), None),
                                         (works + graphs, (), graphs), (["http://example.org/none"], (), None)]:
        assert _quad_set(store.quads_about(subjects, predicates, within)) == \
            _quad_set(Store.quads_about(store, subjects, predicates, within))
    linked = store.quads_linking_to(works, 100_000)
    assert _quad_set(linked) == _quad_set(Store.quads_linking_to(store, works, 100_000)) and linked
    assert not any(q.predicate.value.endswith("#first") for q in linked)
    assert len(store.quads_linking_to(works, 3)) == 3


def test_reads_inside_a_memo_equal_reads_outside_and_end_with_it(store: Store) -> None:
    store.write_graphs([GraphWrite(G1, nt('<http://ex/s> <http://ex/p> "o" .'))])
    with store.read_memo():
        first = _quad_set(store.quads_about(["http://ex/s"]))
        assert _quad_set(store.match(subject="http://ex/s", graph=G1)) == first
        assert _quad_set(store.match(subject="http://ex/s", predicate="http://ex/p")) == first
        assert not list(store.match(subject="http://ex/s", predicate="http://ex/q"))
    store.write_graphs([GraphWrite(G1, nt('<http://ex/s> <http://ex/p> "new" .'))])
    assert {q[2] for q in _quad_set(store.quads_about(["http://ex/s"]))} == {'"new"'}


def test_bulk_ingest_compacts_and_keeps_every_quad(tmp_path: Path) -> None:
    from mappings.uris import Minter

    stores = {}
    for compact in (True, False):
        s = make_store("oxigraph", tmp_path, f"store-{compact}")
        summary = ingest([str(SAMPLES)], s, Minter(BASE), compact=compact)
        assert (summary.compact_seconds is not None) is compact
        assert ("compacted" in summary.line()) is compact
        stores[compact] = {q for q in dataset_of(s) if "contentHash" not in q[1] and "endedAtTime" not in q[1]
                           and "terms/modified" not in q[1]}
        s.close()
    assert stores[True] == stores[False] and stores[True]
