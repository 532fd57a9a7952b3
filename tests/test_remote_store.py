"""The remote store on a real Virtuoso: paging past the engine's row limit, literal forms, atomic record
replacement under concurrent readers, request splitting, time limits, credentials and configuration.

The store contract (tests/test_store_contract.py) runs on Virtuoso too; these cover what only a remote
engine can get wrong.
"""

from __future__ import annotations

import io
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, QuerySolution, QuerySolutions, RdfFormat, parse

from publisher import config
from publisher.store import GraphWrite, QueryResult, StoreError, StoreTimeout, open_store, term_value
from publisher.store.remote import RemoteStore
from publisher.store.sparql_http import Refused, SparqlHttp, Truncated, make_auth, query_form
from tests.helpers import BASE, REPO, SAMPLES, make_store
from tests.servers import environment
from tests.virtuoso import RESULT_ROWS, server, store_on, virtuoso_store

pytestmark = pytest.mark.virtuoso
G = "http://example.org/graph/remote"
TITLE = "http://purl.org/dc/terms/title"
XSD = "http://www.w3.org/2001/XMLSchema#"


@pytest.fixture()
def remote() -> Iterator[RemoteStore]:
    store = virtuoso_store("store")
    yield store
    store.close()


def solutions(result: QueryResult) -> list[QuerySolution]:
    """The rows of a SELECT result."""
    assert isinstance(result, QuerySolutions)
    return list(result)


def versions_in(store: RemoteStore, graph: str) -> set[str]:
    """The version prefixes of the titles in a graph."""
    return {term_value(q.object)[:4] for q in store.match(graph=graph)}


def titles(n: int, version: int, graph: str = G) -> GraphWrite:
    """A graph of ``n`` subjects whose titles all carry ``version``."""
    body = "".join(f'<http://ex/s{i}> <{TITLE}> "v{version:03d} title {i}" .\n' for i in range(n))
    return GraphWrite(graph, body.encode())


def test_query_form_is_read_after_the_prologue() -> None:
    assert query_form("PREFIX ex: <http://ex/#select> # ASK in a comment\n  base <http://b/>\nconstruct {}") \
        == "CONSTRUCT"
    assert query_form("\n# SELECT\ndescribe <http://x>") == "DESCRIBE"
    with pytest.raises(SyntaxError):
        query_form("INSERT DATA {}")


def test_a_fresh_store_shows_no_engine_graphs(remote: RemoteStore) -> None:
    """Virtuoso's own graphs are private: the union default graph holds lodpub's records only."""
    assert remote.is_empty() and list(remote.named_graphs()) == []
    assert solutions(remote.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"))[0]["n"].value == "0"
    assert remote.count_triples() == 0


def test_reads_page_past_the_engine_row_limit(remote: RemoteStore) -> None:
    n = RESULT_ROWS * 2 + 345
    remote.add_graphs([titles(n, 1)])
    remote.page_size = RESULT_ROWS * 4  # larger than the engine allows: the store must notice and page
    quads = list(remote.match(graph=G))
    assert len(quads) == len(set(quads)) == n
    assert remote.page_size <= RESULT_ROWS
    out = io.BytesIO()
    remote.dump(out, RdfFormat.N_QUADS)
    assert len(list(parse(out.getvalue(), RdfFormat.N_QUADS))) == n
    with pytest.raises(Truncated):  # a user query the engine cuts short is an error, not a short answer
        solutions(remote.query("SELECT ?s WHERE { GRAPH ?g { ?s ?p ?o } }"))
    assert len(solutions(remote.query(f"SELECT ?s WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }} LIMIT {RESULT_ROWS}"))) \
        == RESULT_ROWS


def test_literals_read_back_as_on_oxigraph(remote: RemoteStore, tmp_path: Path) -> None:
    payload = (f'<http://ex/a> <http://ex/p> "plain" .\n'
               f'<http://ex/a> <http://ex/p> "typed"^^<{XSD}string> .\n'
               f'<http://ex/a> <http://ex/p> "true"^^<{XSD}boolean> .\n'
               f'<http://ex/a> <http://ex/p> "2020-05"^^<{XSD}gYearMonth> .\n'
               f'<http://ex/a> <http://ex/p> "2021-02-03T04:05:06Z"^^<{XSD}dateTime> .\n'
               f'<http://ex/a> <http://ex/p> "Zoë \\"quoted\\" \\\\ 日本 😀\\nline"@EN-gb .\n').encode()
    local = make_store("memory", tmp_path)
    for store in (remote, local):
        store.write_graphs([GraphWrite(G, payload)])
    assert set(remote.match(graph=G)) == set(local.match(graph=G))
    assert set(remote.describe("http://ex/a")) == set(local.describe("http://ex/a"))
    for literal in (Literal("typed"), Literal("true", datatype=NamedNode(XSD + "boolean"))):
        assert len(list(remote.match(obj=literal))) == 1, literal  # written plain, found plain
        assert bool(remote.query(f"ASK {{ GRAPH ?g {{ ?s ?p {literal} }} }}"))
    rows = solutions(remote.query(f"SELECT ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
                                  f"FILTER(DATATYPE(?o) = <{XSD}boolean>) }}"))
    assert [r["o"] for r in rows] == [Literal("true", datatype=NamedNode(XSD + "boolean"))]
    described = remote.query("CONSTRUCT { <http://ex/a> ?p ?o } WHERE { GRAPH ?g { <http://ex/a> ?p ?o } }")
    assert isinstance(described, list) and len(described) == 6
    remote.change_published([], [t.triple for t in remote.match(graph=G)])  # and as the published view
    described = remote.query("DESCRIBE <http://ex/a>")
    assert isinstance(described, list) and set(described) == {q.triple for q in local.match(graph=G)}


def test_records_with_blank_nodes_are_replaced_whole(remote: RemoteStore) -> None:
    """Blank nodes cannot be named in DELETE DATA (nor, on Virtuoso, in INSERT DATA): dropped and re-inserted."""
    for version in (1, 2):
        remote.write_graphs([GraphWrite(G, f'<http://ex/w> <http://ex/part> _:b .\n_:b <{TITLE}> "part v{version}" .\n'
                                        .encode())])
        assert sorted(str(q.object) for q in remote.match(graph=G, predicate=TITLE)) == [f'"part v{version}"']
        assert len(list(remote.match(graph=G))) == 2


def two_part(n: int, head: int, tail: int) -> GraphWrite:
    """A record whose first 10 titles carry version ``head`` and the others version ``tail``."""
    body = "".join(f'<http://ex/s{i}> <{TITLE}> "{"v" if i < 10 else "t"}{head if i < 10 else tail:03d} title {i}" .\n'
                   for i in range(n))
    return GraphWrite(G, body.encode())


def test_a_replaced_record_is_never_seen_half_written(remote: RemoteStore) -> None:
    """Readers querying while a record is rewritten see it wholly old or wholly new, never a mix.

    Odd versions change every triple (sent as drop + insert), even ones ten (sent as a difference); a new
    graph is added alongside each (a Graph Store PUT). Readers count titles by version (no MIN/MAX:
    Virtuoso 7.2 leaves MIN() of stored literals unbound, and sometimes of computed ones).
    """
    n, versions = 200, 8
    remote.write_graphs([two_part(n, 0, 0)])
    seen: dict[str, int] = {}
    stop = threading.Event()
    errors: list[BaseException] = []
    query = (f"SELECT ?v (COUNT(*) AS ?n) WHERE {{ GRAPH <{G}> {{ ?s <{TITLE}> ?t }} "
             f"BIND(SUBSTR(STR(?t), 1, 4) AS ?v) }} GROUP BY ?v")

    def read() -> None:
        reader = store_on(server("store"))
        try:
            while not stop.is_set():
                try:
                    rows = [(r["v"], r["n"]) for r in solutions(reader.query(query))]
                except Truncated:  # Virtuoso now and then flags a read that meets a rewrite as cut short
                    seen["refused"] = seen.get("refused", 0) + 1  # (X-SPARQL-MaxRows: 1): refused, not mixed
                    continue
                parts = {str(v.value) if v else "?": int(c.value) if c else -1 for v, c in rows}
                whole = sorted(parts.values()) == [10, n - 10] and {v[0] for v in parts} == {"v", "t"}
                key = "whole" if whole else f"MIXED {parts}"
                seen[key] = seen.get(key, 0) + 1
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    readers = [threading.Thread(target=read) for _ in range(3)]
    for thread in readers:
        thread.start()
    try:
        for version in range(1, versions + 1):
            remote.write_graphs([two_part(n, version, version if version % 2 else version - 1)])
            remote.add_graphs([titles(n, version, f"{G}/new/{version}")])
    finally:
        stop.set()
        for thread in readers:
            thread.join()
    assert not errors, errors
    refused = seen.pop("refused", 0)
    assert set(seen) == {"whole"} and seen["whole"] > versions and refused <= seen["whole"] // 10, (seen, refused)
    assert versions_in(remote, G) == {f"v{versions:03d}", f"t{versions - 1:03d}"}


def test_changes_too_big_for_one_request_are_split(remote: RemoteStore) -> None:
    graphs = [f"{G}/{i}" for i in range(40)]
    remote.add_graphs([titles(50, 0, g) for g in graphs])
    remote.update_triples = 1_000_000  # far more than Virtuoso takes: refused requests must be halved
    remote.write_graphs([titles(50, 1, g) for g in graphs])
    assert remote.max_triples is not None and remote.max_triples < 40 * 100
    remote.max_triples = 30  # and one graph's change (100 triples) larger than the engine takes
    remote.write_graphs([titles(50, 2, graphs[0])])
    for graph, version in ((graphs[0], "v002"), (graphs[-1], "v001")):
        assert versions_in(remote, graph) == {version}
        assert len(list(remote.match(graph=graph))) == 50
    assert remote.delete_graphs([*graphs, "http://example.org/none"]) == 40 and remote.is_empty()


def test_time_limit_is_enforced(remote: RemoteStore) -> None:
    remote.add_graphs([titles(3000, 1)])
    remote.http.timeout = 1.0
    started = time.monotonic()
    with pytest.raises(StoreTimeout):
        remote.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?a ?b ?c . ?d ?e ?f FILTER(STR(?c) < STR(?f)) } }")
    assert time.monotonic() - started < 10


def test_wrong_credentials_are_refused_clearly() -> None:
    running = server("store")
    base = f"http://127.0.0.1:{running.http_port}"
    bad = RemoteStore(SparqlHttp(f"{base}/sparql", f"{base}/sparql-auth", None, make_auth("lodpub", "wrong", "digest")))
    with pytest.raises(Refused, match="LODPUB_STORE_USER"):
        bad.update(f"INSERT DATA {{ GRAPH <{G}> {{ <http://ex/a> <http://ex/p> 1 }} }}")
    with pytest.raises(StoreError, match="digest"):
        make_auth("u", "p", "kerberos")


def test_configured_from_the_environment_and_the_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``lodpub ingest`` and ``lodpub stats`` on the remote engine, configured only by LODPUB_STORE_*."""
    running = server("store")
    virtuoso_store("store").close()  # empty it
    for key, value in running.settings.items():
        monkeypatch.setenv(key, value)
    settings = config.load()
    store = open_store(settings.store, remote=settings.remote_options())
    assert isinstance(store, RemoteStore) and store.http.graph_store_url and store.http.auth is not None
    env = environment(LODPUB_BASE_URI=BASE)
    cli = [sys.executable, "-m", "publisher.cli"]
    done = subprocess.run([*cli, "ingest", "--progress", "none", "--report", str(tmp_path / "r.tsv"),
                           str(SAMPLES / "eprints-xml")], cwd=REPO, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    stats = subprocess.run([*cli, "stats", "--json"], cwd=REPO, env=env, capture_output=True, text=True)
    assert stats.returncode == 0 and '"records": ' in stats.stdout, stats.stderr
    assert sum(1 for _ in store.named_graphs()) > 0
    store.close()
