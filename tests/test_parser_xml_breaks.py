"""Broken XML in the three XML formats: the records before and after a break are kept, the right one is rejected.

What lxml has queued when it meets an error differs between lxml 5 (libxml2 2.12) and lxml 6 (libxml2
2.14), and so does where a file is cut into chunks; the outcome must not depend on either.
"""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest

from mappings import parsers
from mappings.model import Record, RecordError
from mappings.parsers.common import xml_stream

EP3_HEAD = "<?xml version='1.0' encoding='utf-8'?>\n<eprints xmlns='http://eprints.org/ep2/data/2.0'>\n"
MARC_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<collection xmlns="http://www.loc.gov/MARC21/slim">\n'
OAI_HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">\n'
            "<ListRecords>\n")
DC = 'xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/"'


def _eprint(n: int, title: str) -> str:
    return (f"<eprint id='https://repo.example.ac.uk/id/eprint/{n}'>\n<eprint_status>archive</eprint_status>\n"
            f"<title>{title}</title>\n<date>200{n}</date>\n</eprint>\n")


def _marc(n: int, title: str) -> str:
    return (f'<record>\n<leader>00000nam a2200000 a 4500</leader>\n<controlfield tag="001">{n}</controlfield>\n'
            f'<controlfield tag="003">XX</controlfield>\n'
            f'<datafield tag="245" ind1="0" ind2="0"><subfield code="a">{title}</subfield></datafield>\n'
            f'<datafield tag="260" ind1=" " ind2=" "><subfield code="c">200{n}.</subfield></datafield>\n</record>\n')


def _oai(n: int, title: str) -> str:
    return (f"<record>\n<header><identifier>oai:repo.example.ac.uk:{n}</identifier>"
            f"<datestamp>2020-01-02</datestamp></header>\n<metadata><oai_dc:dc {DC}>\n"
            f"<dc:title>{title}</dc:title>\n<dc:date>200{n}</dc:date>\n</oai_dc:dc></metadata>\n</record>\n")


# format -> (head, one record, tail, the identifier of record n, its start tag)
FORMATS: dict[str, tuple[str, Callable[[int, str], str], str, Callable[[int], str], str]] = {
    "eprints-xml": (EP3_HEAD, _eprint, "</eprints>\n", lambda n: f"https://repo.example.ac.uk/id/eprint/{n}",
                    "<eprint "),
    "marcxml": (MARC_HEAD, _marc, "</collection>\n", lambda n: f"marc:XX:{n}", "<record>"),
    "oai-dc": (OAI_HEAD, _oai, "</ListRecords>\n</OAI-PMH>\n", lambda n: f"oai:repo.example.ac.uk:{n}", "<record>"),
}
TITLES = ["First", "Second", "Third", "Fourth"]


def _file(fmt: str, broken: dict[int, str], one_line: bool = False) -> bytes:
    head, record, tail, _, _ = FORMATS[fmt]
    text = head + "".join(record(n, broken.get(n, title)) for n, title in enumerate(TITLES, start=1)) + tail
    return (text.replace("\n", "") if one_line else text).encode()


def _parse(fmt: str, data: bytes) -> tuple[list[Record], list[RecordError]]:
    records: list[Record] = []
    errors: list[RecordError] = []
    for item in parsers.get(fmt).parse(io.BytesIO(data), "broken.xml"):
        if isinstance(item, RecordError):
            errors.append(item)
        else:
            records.append(item)
    return records, errors


def _line_of(data: bytes, text: str, occurrence: int = 1) -> int:
    at = -1
    for _ in range(occurrence):
        at = data.index(text.encode(), at + 1)
    return data[:at].count(b"\n") + 1


@pytest.fixture(params=[7, 100, 65536], ids=lambda size: f"chunk{size}")
def chunk_bytes(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> int:
    """Read the files in chunks of several sizes: the break falls at a different place in its chunk."""
    size = int(request.param)
    monkeypatch.setattr(xml_stream, "CHUNK_BYTES", size)
    return size


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("damage", ["Second <b>unclosed", "Second & co", "Second &nbsp; co", "Second \x01 co"])
def test_the_broken_record_alone_is_rejected_and_named(fmt: str, damage: str, chunk_bytes: int) -> None:
    data = _file(fmt, {2: damage})
    records, errors = _parse(fmt, data)
    assert [r.title for r in records] == ["First", "Third", "Fourth"]
    assert [r.source_position for r in records] == [1, 3, 4]
    (error,) = errors
    assert error.record == f"{FORMATS[fmt][3](2)} (#2, from line {_line_of(data, FORMATS[fmt][4], 2)})"
    assert error.line == _line_of(data, damage.split(" ")[1]) and error.message.startswith("broken XML")
    assert error.file == "broken.xml"


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_records_after_a_break_in_a_one_line_file_are_kept(fmt: str, chunk_bytes: int) -> None:
    records, errors = _parse(fmt, _file(fmt, {2: "Second <i>unclosed"}, one_line=True))
    assert [r.title for r in records] == ["First", "Third", "Fourth"]
    assert [e.record.split(" ")[1] for e in errors] == ["(#2,"]


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_a_file_cut_short_rejects_its_last_record_only(fmt: str, chunk_bytes: int) -> None:
    data = _file(fmt, {})
    cut = data[: data.index(b"Fourth") + 3]
    records, errors = _parse(fmt, cut)
    assert [r.title for r in records] == ["First", "Second", "Third"]
    (error,) = errors
    assert "(#4, from line" in error.record and error.line == cut.count(b"\n") + 1


def test_a_break_between_records_rejects_none(chunk_bytes: int) -> None:
    data = _file("eprints-xml", {}).replace(b"</eprint>\n<eprint id='https://repo.example.ac.uk/id/eprint/3'>",
                                            b"</eprint>\n& <eprint id='https://repo.example.ac.uk/id/eprint/3'>")
    records, errors = _parse("eprints-xml", data)
    assert [r.title for r in records] == TITLES
    (error,) = errors
    assert error.record == "after #2" and error.line == _line_of(data, "& <eprint")


def test_a_record_without_its_end_tag_is_rejected_and_the_next_kept(chunk_bytes: int) -> None:
    data = _file("eprints-xml", {}).replace(b"<date>2002</date>\n</eprint>\n", b"<date>2002</date>\n", 1)
    records, errors = _parse("eprints-xml", data)
    assert sorted(r.title for r in records) == ["First", "Fourth", "Third"]
    start = _line_of(data, "eprint/2'")
    assert [e.record for e in errors] == [f"https://repo.example.ac.uk/id/eprint/2 (#2, from line {start})"]


def test_a_broken_start_tag_is_blamed_on_its_record(chunk_bytes: int) -> None:
    data = _file("eprints-xml", {}).replace(b"<eprint id='https://repo.example.ac.uk/id/eprint/2'>",
                                            b"<eprint id=https://repo.example.ac.uk/id/eprint/2>")
    records, errors = _parse("eprints-xml", data)
    assert [r.title for r in records][:1] == ["First"] and "Second" not in [r.title for r in records]
    assert errors[0].record == f"#2, from line {_line_of(data, 'id=https')}"
