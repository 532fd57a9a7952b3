"""``lodpub harvest ep3 URL``: a real EPrints EP3 XML export (artexte, tests/real/SOURCES.tsv) served on loopback,
fetched within bounds and ingested as `lodpub ingest` ingests the same file."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from publisher.cli import main
from publisher.store import open_store
from tests.helpers import BASE, REPO
from tests.oai_replay import Answer, Replay, replaying

EXPORT = REPO / "tests" / "real" / "records" / "eprints-xml" / "artexte-humanist-photography-5-records.xml"
PATH = "/cgi/search/archive/simple/export_artexte_XML.xml"
XML = {"Content-Type": "text/xml; charset=utf-8"}


def test_ep3_export_is_harvested_like_an_ingest(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The five records of the export land in the store (the same graphs as `lodpub ingest` of the file); the
    export may come gzip-encoded; a second harvest finds them unchanged."""
    replay = Replay()
    query = {"screen": "Search", "output": "XML"}
    replay.add(PATH, query, Answer(gzip.compress(EXPORT.read_bytes()), 200, {**XML, "Content-Encoding": "gzip"}))
    store, direct = str(tmp_path / "harvested"), str(tmp_path / "ingested")
    with replaying(replay) as server:
        url = f"{server.url}{PATH}?screen=Search&output=XML"
        argv = ["harvest", "ep3", url, "--store", store, "--base", BASE, "--progress", "none",
                "--report", str(tmp_path / "rejected.tsv")]
        assert main(argv) == 0, capsys.readouterr().err
        assert "5 records read: 5 written" in capsys.readouterr().err
        assert main(argv) == 0
        assert "5 unchanged" in capsys.readouterr().err
    assert main(["ingest", str(EXPORT), "--store", direct, "--base", BASE, "--progress", "none",
                 "--report", str(tmp_path / "rejected2.tsv")]) == 0
    harvested, ingested = open_store(store), open_store(direct)
    try:
        assert set(harvested.named_graphs()) == set(ingested.named_graphs())
        assert len(set(ingested.named_graphs())) == 5
        assert harvested.count_published() == ingested.count_published()
    finally:
        harvested.close()
        ingested.close()


def test_ep3_failures_are_clear(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A missing export, one over the size limit and a non-http URL end the command with a message naming the URL,
    and nothing is written."""
    replay = Replay()
    replay.add(PATH, {}, Answer(EXPORT))
    store = str(tmp_path / "store")
    with replaying(replay) as server:
        missing = server.url + "/cgi/export/nothing.xml"
        assert main(["harvest", "ep3", missing, "--store", store, "--progress", "none"]) == 1
        assert f"{missing}: HTTP 404" in capsys.readouterr().err
        big = ["harvest", "ep3", server.url + PATH, "--store", store, "--max-response-mb", "0", "--progress", "none"]
        assert main(big) == 1
        assert "larger than 0 bytes" in capsys.readouterr().err
    with pytest.raises(SystemExit, match="not an http"):
        main(["harvest", "ep3", "ftp://example.org/export.xml", "--store", store])
    reader = open_store(store)
    try:
        assert reader.is_empty()
    finally:
        reader.close()
