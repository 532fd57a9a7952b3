"""The EPrints EP3 XML parser: the bundled article, thesis, conference item, multi-record file, bad input."""

from __future__ import annotations

from pathlib import Path

from mappings import parsers
from mappings.model import WorkType
from tests.helpers import SAMPLES, read

EPRINTS = SAMPLES / "eprints-xml"
HEAD = "<?xml version='1.0' encoding='utf-8'?>\n<eprints xmlns='http://eprints.org/ep2/data/2.0'>\n"


def _eprint(number: int, *fields: str, status: str = "archive") -> str:
    return (f"<eprint id='https://repo.example.ac.uk/id/eprint/{number}'>\n<eprint_status>{status}</eprint_status>\n"
            + "".join(f + "\n" for f in fields) + "</eprint>\n")


def _file(tmp_path: Path, *eprints: str) -> Path:
    path = tmp_path / "export.xml"
    path.write_text(HEAD + "".join(eprints) + "</eprints>\n", encoding="utf-8")
    return path


def test_article() -> None:
    records, errors = read(EPRINTS / "ep3xml-001.xml")
    assert not errors
    (r,) = records
    assert r.source_id == r.landing_page == "https://authors.library.caltech.edu/id/eprint/106567"
    assert r.work_type is WorkType.ARTICLE and r.doi == "10.1109/LCSYS.2021.3050609"
    assert [a.orcid for a in r.creators] == ["0000-0001-6635-4256", "0000-0001-8689-2318", "0000-0003-0848-3177"]
    host = r.host
    assert host is not None and host.periodical is not None
    assert (host.periodical.title, host.periodical.issns) == ("IEEE Control Systems Letters", ["2475-1456"])
    assert (host.volume, host.page_start, host.page_end) == ("6", "139", "144")
    assert r.status == ["published", "peerReviewed"] and r.issued == "2022"
    assert (r.date_submitted, r.source_modified) == ("2020-11-10", "2021-07-08T17:49:38")
    assert [(f.name, f.version) for f in r.files] == [("2009.09100.pdf", "submitted"), ("09319250.pdf", "accepted")]
    assert [(f.funder, f.grant) for f in r.funding] == [("NSF", "CNS-1932091"), ("NSF", "ECCS-1924526"),
                                                        ("Aerovironment", None)]
    assert r.keywords == ["Robotics", "robust control", "safety-critical control"]
    assert r.related_urls == ["https://arxiv.org/abs/2009.09100"]  # the DOI link is the DOI itself
    assert [(u.label, u.value) for u in r.unmapped] == [("monograph_type", "discussion_paper")]


def test_bachelors_thesis() -> None:
    records, errors = read(EPRINTS / "ep3xml-004.xml")
    assert not errors
    (r,) = records
    assert r.work_type is WorkType.THESIS and r.degree is not None
    assert (r.degree.level, r.degree.name, r.degree.institution, r.degree.date) == (
        "bachelors", "BS", "California Institute of Technology", "1915-01-01")
    assert r.abstract is None and not r.contributors  # "No abstract." and "Unknown Unknown" are placeholders
    assert len(r.warnings) == 3
    assert r.alternative_titles == ["Design of a Fatigue Testing Machine for a College Laboratory"]
    assert [f.name for f in r.files] == ["Call 1915.pdf"]  # the zip is internal, thumbnails are derived
    assert r.status == ["unpublished", "nonPeerReviewed"]


def test_conference_lecture() -> None:
    records, errors = read(EPRINTS / "ep3xml-006.xml")
    assert not errors
    (r,) = records
    assert r.work_type is WorkType.PRESENTATION
    assert r.creators[3].given == "Günter"  # "G&amp;uuml;nter" in the source
    assert r.event is not None
    assert (r.event.name, r.event.start, r.event.end) == (
        "CAV 2001: Fourth International Symposium on Cavitation", "2001-06-20", "2001-06-23")
    assert r.related_urls == ["http://resolver.example.edu/cav2001:sessionB8.001"]  # a URL as "publication"
    assert r.host is None
    assert ("institution", "Darmstadt University of Technology") in [(u.label, u.value) for u in r.unmapped]


def test_multi_record_file() -> None:
    records, errors = read(EPRINTS / "ep3xml-multi.xml")
    assert not errors
    chapter, dataset = records
    assert [r.source_position for r in records] == [1, 2]
    assert chapter.work_type is WorkType.CHAPTER and chapter.host is not None
    assert (chapter.host.book_title, chapter.host.page_start, chapter.host.page_end) == (
        "Handbook of Mutual Aid", "112", "131")
    assert chapter.isbns == ["9780306406157"] and chapter.issued == "2019-07"
    assert [(a.name, a.roles) for a in chapter.contributors] == [("Sample, Ben", ["edt"])]
    assert dataset.work_type is WorkType.DATASET and dataset.creators[0].orcid == "0000-0002-1825-0097"
    assert [u.label for u in dataset.unmapped] == ["data_type", "copyright_holders"]


def test_broken_xml_maps_records_before_and_after_the_break(tmp_path: Path) -> None:
    path = _file(tmp_path,
                 _eprint(1, "<title>First</title>", "<date>2001</date>"),
                 _eprint(2, "<title>Second <b>unclosed</title>", "<date>2002</date>"),
                 _eprint(3, "<title>Third</title>", "<date>2003</date>"))
    records, errors = read(path)
    assert [r.title for r in records] == ["First", "Third"]
    assert len(errors) == 1 and errors[0].line == 10 and "broken XML" in errors[0].message
    assert str(path) in str(errors[0])


def test_only_a_missing_title_or_a_record_not_public_is_refused(tmp_path: Path) -> None:
    path = _file(tmp_path,
                 _eprint(1, "<title>Buffered</title>", status="buffer"),
                 _eprint(2, "<date>2002</date>"),
                 _eprint(3, "<title>Bad DOI</title>", "<doi>10.1109</doi>"),
                 _eprint(4, "<title>Bad ISSN</title>", "<publication>J</publication>", "<issn>2475-1457</issn>"),
                 _eprint(5, "<title>Bad ISBN</title>", "<isbn>978-0-306-40615-8</isbn>"),
                 _eprint(6, "<title>Good</title>", "<date>2006</date>", "<new_field>kept</new_field>"))
    records, errors = read(path)
    assert [(e.record.rsplit("/", 1)[-1], e.field) for e in errors] == [("1", "eprint_status"), ("2", "title")]
    assert all(e.line for e in errors)
    bad_doi, bad_issn, bad_isbn, good = records
    assert bad_doi.doi is None and bad_doi.other_ids["doi-as-given"] == ["10.1109"]
    assert bad_issn.host is not None and bad_issn.host.periodical is not None and not bad_issn.host.periodical.issns
    assert bad_issn.other_ids["issn-as-given"] == ["2475-1457"]
    assert not bad_isbn.isbns and bad_isbn.other_ids["isbn-as-given"] == ["978-0-306-40615-8"]
    for r, field, line in ((bad_doi, "doi", 14), (bad_issn, "issn", 20), (bad_isbn, "isbn", 25)):
        assert [(w.field, w.line) for w in r.warnings] == [(field, line)]
    assert [(u.label, u.value) for u in good.unmapped] == [("new_field", "kept")]


def test_wrong_encoding_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "latin1.xml"
    path.write_bytes((HEAD + _eprint(1, "<title>Caf\u00e9</title>") + "</eprints>\n").encode("latin-1"))
    records, errors = read(path)
    assert not records and errors and "UTF-8" in errors[0].message


def test_format_is_detected() -> None:
    for path in sorted(EPRINTS.glob("*.xml")):
        assert parsers.detect(path.read_bytes()[: parsers.SNIFF_BYTES]) == "eprints-xml"
