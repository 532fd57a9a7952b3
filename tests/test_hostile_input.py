"""Hostile input files: each limit a clear rejection naming file and record, no traceback, nothing lost unlisted,
control characters and script URLs never reach the store (issue 18, items 4-7, 9, 10)."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

from mappings import sources
from mappings.limits import MIB, InputLimits
from mappings.model import FormatError, Record, RecordError
from mappings.uris import Minter
from publisher.ingest.pipeline import ingest
from publisher.ingest.rejects import RejectReport
from publisher.store import open_store
from tests.helpers import BASE, REPO, SAMPLES

EP3 = (SAMPLES / "eprints-xml" / "ep3xml-multi.xml").read_text(encoding="utf-8")
CROSSREF = json.loads((SAMPLES / "crossref" / "crossref-work.json").read_text(encoding="utf-8"))
MARCXML = (SAMPLES / "marcxml" / "marcxml-article.xml").read_text(encoding="utf-8")


def read_all(path: Path, limits: InputLimits | None = None) -> tuple[list[Record], list[RecordError]]:
    items = list(sources.read_file(str(path), None, limits=limits or InputLimits()))
    return [i for i in items if isinstance(i, Record)], [i for i in items if isinstance(i, RecordError)]


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def test_an_unparseable_ep3_datestamp_or_lastmod_keeps_the_record_with_a_warning(tmp_path: Path) -> None:
    text = EP3.replace("<datestamp>2019-02-14 10:03:11</datestamp>", "<datestamp>last Tuesday</datestamp>")
    text = text.replace("<lastmod>2019-03-01 09:00:00</lastmod>", "<lastmod>2019-13-45 99:99</lastmod>", 1)
    records, errors = read_all(write(tmp_path, "dates.xml", text))
    assert not errors and len(records) == 2
    warned = {w.field for w in records[0].warnings}
    assert {"datestamp", "lastmod"} <= warned


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_bad_date_in_an_ingest_loses_nothing(tmp_path: Path, jobs: int) -> None:
    text = EP3.replace("<datestamp>2019-02-14 10:03:11</datestamp>", "<datestamp>never</datestamp>")
    paths = [str(write(tmp_path, "a.xml", text)), str(SAMPLES / "eprints-xml" / "ep3xml-001.xml")]
    store = open_store("memory:")
    summary = ingest(paths, store, Minter(BASE), jobs=jobs)
    assert (summary.read, summary.rejected, summary.unreadable) == (3, 0, 0)


def test_deeply_nested_json_is_a_clear_rejection(tmp_path: Path) -> None:
    deep = dict(CROSSREF)
    deep["message"] = {**CROSSREF["message"], "deep": json.loads("[" * 150 + "]" * 150)}
    records, errors = read_all(write(tmp_path, "deep.json", json.dumps(deep)))
    assert not records and len(errors) == 1
    assert "nests deeper than 100 levels (LODPUB_MAX_DEPTH)" in errors[0].message
    assert errors[0].record == "10.1108/MHRJ-06-2017-0021" and errors[0].file.endswith("deep.json")
    bomb = '{"message-type": "work", "message": ' + "[" * 100_000 + "]" * 100_000 + "}"
    records, errors = read_all(write(tmp_path, "bomb.json", bomb))
    assert not records and len(errors) == 1 and isinstance(errors[0], FormatError)
    assert "nests deeper" in errors[0].message


def test_deeply_nested_xml_rejects_that_record_only(tmp_path: Path) -> None:
    for depth in (150, 5000):
        text = EP3.replace("<title>Peer support", "<title>" + "<n>" * depth + "</n>" * depth + "Peer support", 1)
        records, errors = read_all(write(tmp_path, f"deep{depth}.xml", text))
        assert [r.source_id for r in records] == ["https://repository.example.ac.uk/id/eprint/1202"], depth
        assert len(errors) == 1 and "eprint/1201" in errors[0].record, [str(e) for e in errors]


def test_a_field_over_the_limit_rejects_the_record_naming_the_field(tmp_path: Path) -> None:
    text = EP3.replace("<title>Peer support", "<title>" + "x" * 70_000 + " Peer support", 1)
    records, errors = read_all(write(tmp_path, "huge.xml", text), InputLimits(max_field_bytes=64 * 1024))
    assert len(records) == 1 and len(errors) == 1
    error = errors[0]
    assert error.field == "title" and "eprint/1201" in error.record and error.file.endswith("huge.xml")
    assert "more than 64 KiB (LODPUB_MAX_FIELD_KB)" in error.message


def test_a_file_over_the_decompressed_limit_stops_there_naming_the_file(tmp_path: Path) -> None:
    item = CROSSREF["message"]
    works = [{"DOI": f"10.9999/w{i}", "type": item["type"], **item, "abstract": "word " * 20_000} for i in range(30)]
    path = write(tmp_path, "bomb.json.gz", gzip.compress("\n".join(json.dumps(w) for w in works).encode()))
    assert path.stat().st_size < 200_000
    records, errors = read_all(path, InputLimits(max_file_bytes=MIB))
    assert not records and len(errors) == 1 and isinstance(errors[0], FormatError)
    assert "more than 1 MiB (LODPUB_MAX_FILE_MB) once decompressed" in errors[0].message
    stream = write(tmp_path, "many.xml", EP3.replace("</eprints>", "<!--" + "x" * 2 * MIB + "--></eprints>"))
    records, errors = read_all(stream, InputLimits(max_file_bytes=MIB))
    assert len(records) == 2 and len(errors) == 1 and errors[0].record.startswith("after ")


def test_a_missing_input_path_is_reported_and_the_others_load(tmp_path: Path) -> None:
    store = open_store("memory:")
    report = tmp_path / "rejected.tsv"
    with RejectReport(str(report)) as rejects:
        summary = ingest([str(tmp_path / "nowhere.xml"), str(SAMPLES / "eprints-xml" / "ep3xml-001.xml")], store,
                         Minter(BASE), report=rejects)
    assert summary.read == 1 and summary.unreadable == 1
    assert "nowhere.xml: no such file or directory" in report.read_text()
    done = subprocess.run([sys.executable, "-m", "publisher.cli", "ingest", "--store", "memory:", "--progress", "none",
                           "--report", str(report), str(tmp_path / "missing")], cwd=REPO, capture_output=True,
                          text=True)
    assert done.returncode == 1 and "Traceback" not in done.stderr and "0 records read" in done.stderr


def test_control_characters_are_removed_with_a_warning(tmp_path: Path) -> None:
    work = dict(CROSSREF["message"], title=["Mental\u0000 health\u001b[31m peers"], abstract="An\u000b abstract\ud800")
    records, errors = read_all(write(tmp_path, "ctl.json", json.dumps({"message-type": "work", "message": work})))
    assert not errors and len(records) == 1
    record = records[0]
    assert record.title == "Mental health[31m peers" and "\x0b" not in (record.abstract or "")
    assert {"title", "abstract"} <= {w.field for w in record.warnings if "control characters" in w.message}


def test_script_urls_never_become_links(tmp_path: Path) -> None:
    work = dict(CROSSREF["message"], link=[{"URL": "javascript:alert(document.domain)", "content-type": "text/html"}],
                resource={"primary": {"URL": " JavaScript:alert(1)"}})
    records, _ = read_all(write(tmp_path, "js.json", json.dumps({"message-type": "work", "message": work})))
    assert records[0].files == [] and records[0].official_url is None
    marc = MARCXML.replace("https://doi.org/10.1108/MHRJ-06-2017-0021", "javascript:alert(1)")
    records, _ = read_all(write(tmp_path, "js.xml", marc))
    assert records[0].official_url is None and not any("javascript" in u for u in records[0].related_urls)
    assert any(w.field == "856 $u" and "not an http(s) URL" in w.message for w in records[0].warnings)


def test_junk_between_records_loses_none(tmp_path: Path) -> None:
    for junk in ("\x00", "\x1b[31m", "\x0b"):
        end = EP3.index("</eprint>") + len("</eprint>")
        records, errors = read_all(write(tmp_path, "nul.xml", EP3[:end] + junk + EP3[end:]))
        assert len(records) == 2 and all("#1" not in e.record or "after" in e.record for e in errors)
    marc = (SAMPLES / "marc" / "marc-001.mrc").read_bytes()
    first = marc.index(b"\x1d") + 1
    for raw in (b"\x00", b"\x1b[31m", b"\n\n"):
        records, errors = read_all(write(tmp_path, "nul.mrc", marc[:first] + raw + marc[first:]))
        assert len(records) == 2 and not errors


def test_an_entity_bomb_rejects_its_record_and_the_rest_are_read(tmp_path: Path) -> None:
    bomb = ('<!DOCTYPE eprints [<!ENTITY a "' + "a" * 64 + '">'
            + "".join(f'<!ENTITY {chr(c + 1)} "{("&" + chr(c) + ";") * 16}">' for c in range(ord("a"), ord("f")))
            + "]>")
    head, rest = EP3.split("\n", 1)
    text = head + "\n" + bomb + rest.replace("<abstract>A constructed", "<abstract>&f; A constructed", 1)
    records, errors = read_all(write(tmp_path, "bomb.xml", text))
    assert [r.source_id for r in records] == ["https://repository.example.ac.uk/id/eprint/1202"]
    assert len(errors) == 1 and "eprint/1201" in errors[0].record


def test_the_reject_report_keeps_one_row_per_rejection(tmp_path: Path) -> None:
    report = tmp_path / "rejected.tsv"
    with RejectReport(str(report)) as rejects:
        rejects.add(RecordError("a\rreason\nover\tlines\x00" + "x" * 5000, file="f\r.xml", record="r\n1"))
        rejects.add(FormatError("second", file="g.xml"))
    lines = report.read_bytes().split(b"\n")
    assert len(lines) == 4 and lines[-1] == b"" and b"\r" not in report.read_bytes()
    assert all(len(cell) <= 2000 for cell in lines[1].decode().split("\t"))
