"""The command line a librarian meets after scripts/demo.sh (issue 19): a store that keeps its base, ``lodpub rebase``,
no machine paths published, the source's own modification date, counts that agree and say what they count."""

from __future__ import annotations

import gzip
import io
import os
import subprocess
from pathlib import Path

import pytest
from pyoxigraph import RdfFormat

from mappings.vocab import PREFIXES
from publisher.cli import build_parser, main
from publisher.store import open_store
from tests.helpers import REPO, SAMPLES, rows

OLD, NEW, OTHER = "http://127.0.0.1:5101/", "https://data.example.org/lod/", "http://127.0.0.1:5000/"


def lodpub(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run a lodpub command in this process: (exit status, standard output, standard error)."""
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def nquads(store_dir: Path) -> list[str]:
    """Every quad of a data directory, as N-Quads lines."""
    store = open_store(str(store_dir))
    try:
        out = io.BytesIO()
        store.dump(out, RdfFormat.N_QUADS)
        return out.getvalue().decode("utf-8").splitlines()
    finally:
        store.close()


@pytest.fixture()
def env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No LODPUB_* setting from outside; the store in a temporary directory (returned)."""
    for name in list(os.environ):
        if name.startswith("LODPUB_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("LODPUB_STORE", str(tmp_path / "data"))
    return tmp_path / "data"


# -- the store's base ------------------------------------------------------------------------------------
def test_the_store_keeps_the_base_of_its_first_ingest(env: Path, capsys: pytest.CaptureFixture[str],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    eprints = str(SAMPLES / "eprints-xml")
    status, _out, err = lodpub(capsys, "ingest", eprints, "--base", OLD, "--jobs", "1", "--progress", "none")
    assert status == 0, err
    first = nquads(env)
    # the case: a later ingest without a base re-minted everything under :5000 and doubled the store
    status, _out, err = lodpub(capsys, "ingest", eprints, "--jobs", "1", "--progress", "none")
    assert status == 0 and " 0 written" in err, err
    assert sorted(nquads(env)) == sorted(first)
    status, out, _err = lodpub(capsys, "stats")
    assert status == 0 and out.startswith(f"base      {OLD}\n")
    # another base, by option or environment: refused before anything is written, with the fix in the message
    for argv, environ in ((["--base", OTHER], None), ([], OTHER)):
        if environ:
            monkeypatch.setenv("LODPUB_BASE_URI", environ)
        status, _out, err = lodpub(capsys, "ingest", eprints, *argv, "--jobs", "1", "--progress", "none")
        assert status == 2
        assert f"publishes its URIs under {OLD}" in err and f"lodpub rebase {OTHER}" in err, err
        assert "Leave out --base and LODPUB_BASE_URI" in err
        monkeypatch.delenv("LODPUB_BASE_URI", raising=False)
    assert sorted(nquads(env)) == sorted(first)
    # the same base given again is fine; commands that mint or link URIs use the store's
    assert lodpub(capsys, "ingest", eprints, "--base", OLD, "--jobs", "1", "--progress", "none")[0] == 0
    status, out, _err = lodpub(capsys, "describe-dataset")
    assert status == 0 and f"<{OLD}dataset>" in out and OTHER not in out
    status, out, _err = lodpub(capsys, "embed", "--part", "meta", rows_of_store(env, "?w bibo:doi ?d")[0])
    assert status == 0 and OTHER not in out


def dump(client: object, name: str = "/dumps/dataset.nq.gz") -> bytes:
    """A dump file's content, once the server has made it."""
    for _retry in range(100):
        answer = client.get(name)  # type: ignore[attr-defined]
        if answer.status_code != 503:
            break
    assert answer.status_code == 200, answer.status_code
    return gzip.decompress(answer.data)


def rows_of_store(store_dir: Path, pattern: str) -> list[str]:
    """The first variable of a pattern, read from a data directory."""
    store = open_store(str(store_dir))
    try:
        return rows(store, f"SELECT ?w WHERE {{ {pattern} }}")
    finally:
        store.close()


def test_the_app_takes_the_store_base_and_refuses_another(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from publisher.read.store_base import BaseMismatch
    from publisher.web.app import create_app

    assert lodpub(capsys, "ingest", str(SAMPLES / "crossref"), "--base", OLD, "--jobs", "1")[0] == 0
    app = create_app(open_store(str(env)), TESTING=True)
    assert app.extensions["lodpub.settings"].base_uri == OLD
    with pytest.raises(BaseMismatch, match="lodpub rebase"):
        create_app(open_store(str(env)), LODPUB_BASE_URI=OTHER, TESTING=True)


# -- lodpub rebase ---------------------------------------------------------------------------------------
def test_rebase_moves_every_iri_and_a_running_server_follows(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from publisher.web.app import create_app

    assert lodpub(capsys, "ingest", str(SAMPLES), "--base", OLD, "--jobs", "1", "--progress", "none")[0] == 0
    before = nquads(env)
    reader = open_store(str(env))
    app = create_app(reader, TESTING=True, LODPUB_DUMP_DIR=str(env.parent / "dumps"))
    client = app.test_client()
    work = next(line.split()[0][1:-1] for line in before if "/id/work/" in line.split()[0])
    path = "/doc/" + work.removeprefix(OLD + "id/")
    assert client.get(path).status_code == 200
    dump_before = dump(client)
    assert OLD.encode() in dump_before

    status, _out, err = lodpub(capsys, "rebase", NEW)
    assert status == 0, err
    after = nquads(env)
    assert len(after) == len(before)
    assert not [line for line in after if f"<{OLD}" in line], "an IRI under the old base is left"
    expected = sorted(line.replace(f"<{OLD}", f"<{NEW}") for line in before)
    assert sorted(after) == expected  # record graphs' names included, literals untouched
    assert lodpub(capsys, "stats")[1].startswith(f"base      {NEW}\n")

    # the running server picks up the new snapshot, takes the store's new base, drops its cached pages and dumps
    page = client.get(path)
    assert page.status_code == 200 and NEW.encode() in page.data and f"{OLD}id/".encode() not in page.data
    dump_after = dump(client)
    assert NEW.encode() in dump_after and OLD.encode() not in dump_after
    # records re-ingested under the new base are unchanged: nothing is written twice
    status, _out, err = lodpub(capsys, "ingest", str(SAMPLES), "--jobs", "1", "--progress", "none")
    assert status == 0 and " 0 written" in err, err
    assert lodpub(capsys, "rebase", NEW)[0] == 0  # already there: nothing to do
    reader.close()


def test_rebase_refusals(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _out, err = lodpub(capsys, "rebase", NEW)
    assert status == 1 and "holds no records" in err
    assert lodpub(capsys, "ingest", str(SAMPLES / "crossref"), "--base", OLD, "--jobs", "1")[0] == 0
    status, _out, err = lodpub(capsys, "rebase", NEW, "--from", OTHER)
    assert status == 1 and f"under {OTHER}" in err and OLD in err
    with pytest.raises(SystemExit, match="lodpub rebase"):
        main(["rebase", "not a url"])


def test_rebase_of_a_memory_store_and_its_default_graph() -> None:
    """The SPARQL Update the other backends get: named graphs and the default graph, blank nodes and literals kept."""
    import pyoxigraph as ox

    store = open_store("memory:")
    n = ox.NamedNode
    data = [ox.Quad(n(OLD + "id/work/a"), n(OLD + "p"), n(OLD + "id/person/b"), n(OLD + "graph/1")),
            ox.Quad(n(OLD + "graph/1"), n(PREFIXES["rdfs"] + "comment"), ox.Literal(OLD + "kept"), n(OLD + "graph/1")),
            ox.Quad(n("https://elsewhere.org/x"), n(OLD + "p"), ox.BlankNode("b1"), n("https://elsewhere.org/g")),
            ox.Quad(n(OLD + "id/work/a"), n(OLD + "p"), ox.Literal("published view"), ox.DefaultGraph())]
    for quad in data:
        store.inner.add(quad)  # type: ignore[attr-defined]
    store.rebase(OLD, NEW)
    got = {str(q) for q in store.inner}  # type: ignore[attr-defined]
    assert got == {str(q).replace(f"<{OLD}", f"<{NEW}") for q in data}


def test_a_killed_rebase_is_abandoned_or_completed(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from publisher.store import disk_rebase

    assert lodpub(capsys, "ingest", str(SAMPLES / "crossref"), "--base", OLD, "--jobs", "1")[0] == 0
    before = sorted(nquads(env))
    # killed while copying: the master was never touched
    (env / disk_rebase.COPY).mkdir()
    (env / disk_rebase.COPY / "half-written").write_text("x")
    (env / disk_rebase.JOURNAL).write_text("copying\n")
    store = open_store(str(env), writable=True)
    store.close()
    assert "abandoned" in capsys.readouterr().err
    assert sorted(nquads(env)) == before and not (env / disk_rebase.COPY).exists()
    # killed between the copy and the swap: the complete copy is swapped in and published
    writer = open_store(str(env), writable=True)
    disk_rebase.build_copy(env, writer.inner, OLD, NEW)  # type: ignore[attr-defined]
    writer.close()
    assert (env / disk_rebase.JOURNAL).read_text().strip() == "swapping"
    open_store(str(env), writable=True).close()
    assert "completed" in capsys.readouterr().err
    assert sorted(nquads(env)) == sorted(line.replace(f"<{OLD}", f"<{NEW}") for line in before)
    assert not (env / disk_rebase.JOURNAL).exists() and not (env / disk_rebase.OLD).exists()


# -- what is published about the input ---------------------------------------------------------------------
def test_source_file_is_relative_to_what_was_ingested(env: Path, capsys: pytest.CaptureFixture[str],
                                                      monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    copy = tmp_path / "elsewhere" / "exports"
    copy.mkdir(parents=True)
    (copy / "eprints").mkdir()
    (copy / "eprints" / "ep3xml-001.xml").write_bytes((SAMPLES / "eprints-xml" / "ep3xml-001.xml").read_bytes())
    single = tmp_path / "crossref-work.json"
    single.write_bytes((SAMPLES / "crossref" / "crossref-work.json").read_bytes())
    labels: list[set[str]] = []
    for cwd, argv in ((tmp_path, ["elsewhere/exports", "crossref-work.json"]),
                      (copy, [".", str(single)]),
                      (REPO, [str(copy), os.path.relpath(single, REPO)])):
        monkeypatch.chdir(cwd)
        store = env.parent / f"data-{len(labels)}"
        status, _out, err = lodpub(capsys, "ingest", *argv, "--store", str(store), "--jobs", "1")
        assert status == 0, err
        found = rows_of_store(store, "GRAPH ?g { ?g lodpub:sourceFile ?w }")
        labels.append(set(found))
    assert labels[0] == labels[1] == labels[2] == {"eprints/ep3xml-001.xml", "crossref-work.json"}
    published = b"\n".join(line.encode() for line in nquads(env.parent / "data-2"))
    assert str(tmp_path).encode() not in published and str(REPO).encode() not in published


def test_date_modified_is_the_sources_own_or_absent(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from publisher.read.workview import load_work
    from publisher.render.citations.schemaorg import work_jsonld

    assert lodpub(capsys, "ingest", str(SAMPLES / "bl-catalogue"), str(SAMPLES / "eprints-xml"), "--base", OLD,
                  "--jobs", "1")[0] == 0
    store = open_store(str(env))
    try:
        sourced = dict(zip(rows(store, "SELECT ?w WHERE { GRAPH ?g { ?g foaf:primaryTopic ?w ; "
                                       "lodpub:sourceModified ?m } } ORDER BY ?w"),
                           rows(store, "SELECT ?m WHERE { GRAPH ?g { ?g foaf:primaryTopic ?w ; "
                                       "lodpub:sourceModified ?m } } ORDER BY ?w"), strict=True))
        every = rows(store, "SELECT DISTINCT ?w WHERE { ?w dcterms:type ?t }")
        assert sourced and set(sourced) < set(every)  # BL catalogue displays carry no modification date
        for work in every:
            view = load_work(store, work)
            assert view is not None
            assert view.modified == sourced.get(work), work
            assert work_jsonld(view, OLD).get("dateModified") == sourced.get(work)
            assert set(rows(store, f"SELECT ?m WHERE {{ <{work}> schema:dateModified ?m }}")) \
                == ({sourced[work]} if work in sourced else set())
    finally:
        store.close()


# -- counts ------------------------------------------------------------------------------------------------
def test_ingest_stats_dump_and_void_agree_on_triples(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _out, err = lodpub(capsys, "ingest", str(SAMPLES), "--base", OLD, "--jobs", "1", "--progress", "none")
    assert status == 0
    assert "(triples: the statements written into record graphs, as `lodpub stats` counts them)" in err
    written = int(err.split(" triples in ")[0].rsplit(" ", 1)[-1])
    status, out, _err = lodpub(capsys, "stats")
    lines = {x.split()[0]: int(x.split()[1]) for x in out.splitlines() if x.startswith(("triples", "records'", "dump"))}
    assert lines["records'"] == written  # the record graphs: what the ingest wrote
    assert lines["dump"] == lines["triples"] + written == len(nquads(env))  # the dump: record graphs + the view
    void = lodpub(capsys, "describe-dataset", "--format", "nt")[1]
    assert f'<http://rdfs.org/ns/void#triples> "{lines["triples"]}"' in void  # what the default graph holds
    # a re-ingest writes nothing and says so; the store's count is unchanged
    status, _out, err = lodpub(capsys, "ingest", str(SAMPLES), "--jobs", "1", "--progress", "none")
    assert " 0 triples in " in err and len(nquads(env)) == lines["dump"]


# -- using lodpub after the demo ---------------------------------------------------------------------------
def test_progress_has_help_and_the_readme_says_how_to_run_lodpub(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        build_parser().parse_args(["ingest", "--help"])
    usage = " ".join(capsys.readouterr().out.split())
    assert "--progress {auto,bar,log,none} how to show progress" in usage and "log (a line every 10 s)" in usage
    readme = (REPO / "README.md").read_text()
    assert "scripts/lodpub COMMAND" in readme and "source .venv/bin/activate" in readme
    wrapper = REPO / "scripts" / "lodpub"
    assert os.access(wrapper, os.X_OK)
    done = subprocess.run([str(wrapper), "--version"], capture_output=True, text=True, cwd="/", check=False)
    assert done.returncode == 0 and done.stdout.startswith("lodpub ")
