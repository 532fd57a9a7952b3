"""RIS: every work reads back with rispy; the seeds' records hold the right tags; values stay on one line."""

from __future__ import annotations

import dataclasses
from typing import Any

import rispy

from publisher.read.workview import WorkView
from publisher.render.citations import ris
from tests.fixtures.citations.seeds import EVIL, all_works, sample_store, seeds


def parse(view: WorkView) -> dict[str, Any]:
    text = ris.render(view, {}).decode("utf-8")
    assert text.startswith("TY  - ") and text.endswith("ER  - \r\n")
    records = rispy.loads(text)
    assert len(records) == 1
    return dict(records[0])


def test_every_work_reads_back() -> None:
    for view in all_works(sample_store()):
        record = parse(view)
        assert record["title"] == " ".join(view.title.split())
        assert record.get("authors", []) == [ris._name(a) for a in view.authors]


def test_article_record() -> None:
    record = parse(seeds(sample_store())["article"])
    assert record["type_of_reference"] == "JOUR"
    assert record["authors"] == ["Boyce, Melanie", "Munn-Giddings, Carol", "Secker, Jenny"]
    assert record["secondary_title"] == "Mental Health Review Journal"
    assert (record["volume"], record["number"], record["start_page"], record["end_page"]) == ("23", "1", "54", "63")
    assert (record["year"], record["date"]) == ("2018", "2018/03/12/")
    assert record["doi"] == "10.1108/MHRJ-06-2017-0021" and record["issn"] == "1361-9322"
    assert record["urls"][0] == "https://doi.org/10.1108/mhrj-06-2017-0021"


def test_thesis_record() -> None:
    record = parse(seeds(sample_store())["thesis"])
    assert record["type_of_reference"] == "THES"
    assert (record["publisher"], record["type_of_work"], record["year"]) == (
        "Anglia Ruskin University", "Doctoral thesis", "2016")
    assert "https://arro.anglia.ac.uk/id/eprint/700655" in record["urls"]
    assert "Self-harm" in record["keywords"]


def test_types() -> None:
    types = {v.work_type.value: ris.RIS_TYPES[v.work_type] for v in all_works(sample_store())}
    assert types["book"] == "BOOK" and types["chapter"] == "CHAP" and types["conference-paper"] == "CONF"
    assert types["report"] == "RPRT"


def test_multi_line_values_and_separators_do_not_break_records() -> None:
    view = dataclasses.replace(seeds(sample_store())["article"], title="Line one\nER  - \nTY  - JOUR",
                               abstract=EVIL + "\r\n\r\nsecond paragraph")
    record = parse(view)
    assert record["title"] == "Line one ER - TY - JOUR"
    assert record["abstract"].endswith("second paragraph")
