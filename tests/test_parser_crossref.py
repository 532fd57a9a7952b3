"""The Crossref REST API JSON parser: works, work lists, JSON Lines, error responses, broken JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from mappings import parsers
from mappings.model import AgentKind, FormatError, WorkType
from tests.helpers import SAMPLES, read

CROSSREF = SAMPLES / "crossref"


def _work(doi: str, title: str | None = "A title", **extra: Any) -> dict[str, Any]:
    work: dict[str, Any] = {"DOI": doi, "type": "journal-article", "issued": {"date-parts": [[2020, 1, 2]]},
                            "author": [{"given": "Ann", "family": "Author", "sequence": "first"}]}
    if title is not None:
        work["title"] = [title]
    work.update(extra)
    return work


def _write(tmp_path: Path, name: str, data: str) -> Path:
    path = tmp_path / name
    path.write_text(data, encoding="utf-8")
    return path


def _work_list(*items: dict[str, Any]) -> str:
    return json.dumps({"status": "ok", "message-type": "work-list", "message": {"items": list(items)}}, indent=1)


def test_single_work_response() -> None:
    records, errors = read(CROSSREF / "crossref-work.json")
    assert not errors
    (r,) = records
    assert r.source_id == "crossref:10.1108/MHRJ-06-2017-0021" and r.doi == "10.1108/MHRJ-06-2017-0021"
    assert r.work_type is WorkType.ARTICLE and r.title == "\u2018It is a safe space\u2019: self-harm self-help groups"
    assert [(a.family, a.given) for a in r.creators] == [("Boyce", "Melanie"), ("Munn-Giddings", "Carol"),
                                                         ("Secker", "Jenny")]
    host = r.host
    assert host is not None and host.periodical is not None
    assert (host.periodical.title, host.periodical.issns, host.periodical.eissns) == (
        "Mental Health Review Journal", ["1361-9322"], ["2042-8758"])
    assert (host.volume, host.issue, host.page_start, host.page_end, host.issue_date) == (
        "23", "1", "54", "63", "2018-03-12")
    assert (r.issued, r.date_available, r.source_modified) == ("2018-03-12", "2018-03-12", "2019-06-19T14:24:18Z")
    assert r.publisher == "Emerald" and r.languages == ["eng"]
    assert r.abstract is not None and r.abstract.startswith("Purpose: The purpose of this paper")
    assert "\n\nFindings: A thematic approach" in r.abstract and "<" not in r.abstract
    assert r.licence is None
    assert r.rights == ["Licence for text and data mining: https://www.emerald.com/insight/site-policies"]
    assert r.official_url == "https://www.emerald.com/insight/content/doi/10.1108/MHRJ-06-2017-0021/full/html"
    assert [(f.media_type, f.version) for f in r.files] == [("application/xml", "published"), (None, "published")]
    assert [(s.heading, s.scheme) for s in r.subjects] == [("Psychiatry and Mental health", "asjc")]
    assert not r.unmapped


def test_work_list_items() -> None:
    records, errors = read(CROSSREF / "crossref-list.json")
    assert not errors
    article, chapter, thesis = records
    assert [a.orcid for a in article.creators] == ["0000-0001-6635-4256", "0000-0001-8689-2318",
                                                   "0000-0003-0848-3177"]
    assert [(f.funder, f.grant) for f in article.funding] == [("National Science Foundation", "CNS-1932091"),
                                                              ("National Science Foundation", "ECCS-1924526")]
    assert article.host is not None and article.host.periodical is not None
    assert article.host.periodical.eissns == ["2475-1456"] and not article.host.periodical.issns
    assert (article.issued, article.date_available) == ("2022", "2021-01-11")
    assert chapter.work_type is WorkType.CHAPTER and chapter.subtitle == "a review of practice"
    assert chapter.host is not None
    assert (chapter.host.book_title, chapter.host.book_isbns) == ("Handbook of Mutual Aid", ["9780306406157"])
    assert [(a.name, a.roles) for a in chapter.contributors] == [("Sample, Ben", ["edt"])]
    assert chapter.creators[0].affiliation == "Department of Example Studies, Example University"
    assert chapter.licence is not None and chapter.licence.iri == "https://creativecommons.org/licenses/by/4.0/"
    assert chapter.issued == "2019-07"
    assert thesis.work_type is WorkType.THESIS and thesis.degree is not None
    assert (thesis.degree.name, thesis.degree.level, thesis.degree.institution, thesis.degree.department) == (
        "PhD", "doctoral", "Example University", "School of Health")
    assert thesis.date_accepted == "2020-05-04"


def test_types_organisations_preprints_and_events(tmp_path: Path) -> None:
    items = [
        _work("10.5555/1", type="posted-content", subtype="preprint",
              author=[{"name": "The Example Consortium", "sequence": "first"}]),
        _work("10.5555/2", type="proceedings-article",
              event={"name": "Example Conference 2020", "location": "Online",
                     "start": {"date-parts": [[2020, 6, 1]]}, "end": {"date-parts": [[2020, 6, 3]]}})
        | {"container-title": ["Proc. Example Conf."]},
        _work("10.5555/3", type="dataset") | {"new-key": "kept"},
    ]
    records, errors = read(_write(tmp_path, "list.json", _work_list(*items)))
    assert not errors
    preprint, paper, dataset = records
    assert preprint.work_type is WorkType.ARTICLE and preprint.version_label == "Preprint"
    assert preprint.creators[0].kind is AgentKind.ORGANIZATION
    assert paper.work_type is WorkType.CONFERENCE_PAPER
    assert paper.host is not None and paper.host.book_title == "Proc. Example Conf."
    assert paper.event is not None and (paper.event.start, paper.event.end) == ("2020-06-01", "2020-06-03")
    assert dataset.work_type is WorkType.DATASET
    assert [(u.label, u.value) for u in dataset.unmapped] == [("new-key", "kept")]


def test_bad_values_are_warnings_and_only_a_missing_title_refuses(tmp_path: Path) -> None:
    items = [
        _work("10.5555/ok-1"),
        _work("10.5555/no-title", title=None),
        _work("not-a-doi"),
        _work("10.5555/bad-issn", ISSN=["1361-9323"]) | {"container-title": ["J"]},
        _work("10.5555/bad-isbn", type="book", ISBN=["9780306406158"]),
        _work("10.5555/bad-orcid", author=[{"given": "A", "family": "B", "ORCID": "http://orcid.org/0000-0001-6635-4257"}]),
        _work("10.5555/ok-2"),
    ]
    records, errors = read(_write(tmp_path, "list.json", _work_list(*items)))
    assert [(e.record, e.field) for e in errors] == [("10.5555/no-title", "title")]
    ok1, bad_doi, bad_issn, bad_isbn, bad_orcid, ok2 = records
    assert bad_doi.doi is None and bad_doi.other_ids["doi-as-given"] == ["not-a-doi"]
    assert bad_doi.source_id == "crossref:not-a-doi" and "not a DOI" in str(bad_doi.warnings[0])
    assert bad_issn.host is not None and bad_issn.host.periodical is not None
    assert bad_issn.host.periodical.issns == [] and "check digit" in str(bad_issn.warnings[0])
    assert bad_isbn.isbns == [] and str(bad_isbn.warnings[0]).startswith("ISBN: ")
    assert bad_orcid.creators[0].orcid is None and "check digit" in str(bad_orcid.warnings[0])
    assert not ok1.warnings and not ok2.warnings


def test_broken_json_maps_items_before_and_after_the_break(tmp_path: Path) -> None:
    text = _work_list(_work("10.5555/a", "First"), _work("10.5555/b", "Second"), _work("10.5555/c", "Third"))
    broken = text.replace('"Second"', '"Second', 1)  # an unterminated string
    records, errors = read(_write(tmp_path, "broken.json", broken), "crossref")
    assert [r.title for r in records] == ["First", "Third"]
    assert len(errors) == 1 and "broken JSON" in errors[0].message and errors[0].line is not None
    assert errors[0].record == "item #2"


def test_error_responses_and_not_json(tmp_path: Path) -> None:
    failed = json.dumps({"status": "failed", "message-type": "validation-failure",
                         "message": [{"type": "parameter-not-allowed", "message": "Parameter foo not allowed"}]})
    records, errors = read(_write(tmp_path, "failed.json", failed), "crossref")
    assert not records and isinstance(errors[0], FormatError) and "Parameter foo not allowed" in errors[0].message
    records, errors = read(_write(tmp_path, "404.txt", "Resource not found."), "crossref")
    assert isinstance(errors[0], FormatError) and "Resource not found" in errors[0].message
    records, errors = read(_write(tmp_path, "junk.json", "{this is not json"), "crossref")
    assert isinstance(errors[0], FormatError) and errors[0].line == 1
    path = tmp_path / "latin1.json"
    path.write_bytes(json.dumps(_work("10.5555/x", "Caf\u00e9"), ensure_ascii=False).encode("latin-1"))
    records, errors = read(path, "crossref")
    assert not records and "UTF-8" in errors[0].message


def test_json_lines_and_bare_works(tmp_path: Path) -> None:
    lines = "\n".join(json.dumps(w) for w in (_work("10.5555/1"), {"status": "ok", "message-type": "work",
                                                                     "message": _work("10.5555/2")}))
    records, errors = read(_write(tmp_path, "works.jsonl", lines + "\n"))
    assert not errors and [r.doi for r in records] == ["10.5555/1", "10.5555/2"]
    records, errors = read(_write(tmp_path, "bare.json", json.dumps([_work("10.5555/3")])))
    assert not errors and [r.doi for r in records] == ["10.5555/3"]


def test_format_is_detected() -> None:
    for name in ("crossref-work.json", "crossref-list.json"):
        assert parsers.detect((CROSSREF / name).read_bytes()[: parsers.SNIFF_BYTES]) == "crossref"


def test_article_numbers_in_page_and_volume_with_year(tmp_path: Path) -> None:
    items = [_work("10.5555/art", page="Art. No. 130923", volume="83 (1999)") | {"container-title": ["J"]},
             _work("10.5555/num", page="e30", **{"article-number": "e30"}) | {"container-title": ["J"]}]
    records, errors = read(_write(tmp_path, "list.json", _work_list(*items)))
    assert not errors
    art, num = (r.host for r in records)
    assert art is not None and (art.article_number, art.page_start, art.volume) == ("130923", None, "83")
    assert num is not None and (num.article_number, num.page_start) == ("e30", "e30")
