"""The Crossref parser on the defect classes of real Crossref REST API records (tests/real/records/crossref)."""

from __future__ import annotations

from mappings.model import AgentKind, Record, WorkType
from tests.helpers import REPO, read

CROSSREF = REPO / "tests" / "real" / "records" / "crossref"


def _list() -> dict[str, Record]:
    records, _ = read(CROSSREF / "commonmeta_crossref-list.json")
    return {r.doi or "": r for r in records}


def test_affiliations_deposited_as_authors_are_not_authors() -> None:
    (r,), _ = read(CROSSREF / "colrev_10.17705_1cais.04607.json")
    assert [a.family for a in r.creators] == ["Schryen", "Wagner", "Benlian", "Paré"]
    assert all(a.kind is AgentKind.PERSON for a in r.creators)
    assert [u.value for u in r.unmapped if u.label.startswith("author")] == [
        "Paderborn University", "University of Regensburg", "University of Technology Darmstadt", "HEC Montréal"]
    assert sum("affiliation deposited as an author" in str(w) for w in r.warnings) == 4


def test_names_deposited_whole_or_several_in_family() -> None:
    works = _list()
    whole = works["10.1306/703c7c64-1707-11d7-8645000102c1865d"].creators[0]
    assert (whole.name, whole.family, whole.given, whole.kind) == ("Newell P. Campbell", None, None, AgentKind.PERSON)
    packed = works["10.1306/2f918644-16ce-11d7-8645000102c1865d"]
    assert [(a.name, a.family) for a in packed.creators] == [("Michael E. Hohn, Donald W. Neal", None)]
    assert "several people" in str(packed.warnings[0])
    inverted = works["10.1306/00aa9ad4-1730-11d7-8645000102c1865d"].creators[0]
    assert (inverted.family, inverted.given) == ("BROWNE", "CAROLYN S.")


def test_deleted_doi_placeholders_are_refused_as_not_bibliographic() -> None:
    records, errors = read(CROSSREF / "commonmeta_crossref-list.json")
    assert len(records) == 13 and len(errors) == 7
    assert all("deleted-DOI placeholder" in e.message and "not a bibliographic record" in e.message for e in errors)
    aapg = _list()["10.1306/703c7c64-1707-11d7-8645000102c1865d"]
    assert aapg.official_url is None and any("deleted-DOI page" in str(w) for w in aapg.warnings)


def test_double_escaped_entities_volume_with_year_and_parallel_titles() -> None:
    works = _list()
    browne = works["10.1306/00aa9ad4-1730-11d7-8645000102c1865d"]
    assert browne.title.endswith("Adaptation of Risk Analysis") and "&" not in browne.title
    assert browne.host is not None and browne.host.volume == "83"
    assert any(w.field == "volume" for w in browne.warnings)
    review = works["10.1002/mmnd.4800460214"]
    assert "Tarmann, G. M. & W. G. Tremewan" in review.title and not review.isbns
    (urologe,), _ = read(CROSSREF / "commonmeta_10.1007_s00120-007-1345-2.json")
    assert (urologe.title, urologe.subtitle) == ("Penisverletzung durch eine Moulinette",
                                                 "Folge einer autoerotischen Selbstverstümmelung")
    assert urologe.alternative_titles == ["Penile injury caused by a Moulinette: Result of autoerotic self-mutilation"]


def test_null_issued_date_markup_titles_component_and_editors() -> None:
    (thesis,), _ = read(CROSSREF / "commonmeta_10.14264_uql.2020.791.json")
    assert thesis.issued is None and any(w.field == "issued" for w in thesis.warnings)
    (preprint,), _ = read(CROSSREF / "commonmeta_10.1101_2020.12.01.406702.json")
    assert preprint.title.startswith("Identification of a novel cationic glycolipid in Streptococcus agalactiae that")
    records, errors = read(CROSSREF / "commonmeta_10.1371_journal.pmed.0030277.g001.json")
    assert not records and errors[0].field == "title" and "component of 10.1371/journal.pmed.0030277" in str(errors[0])
    (plos,), _ = read(CROSSREF / "commonmeta_10.1371_journal.pone.0000030.json")
    assert [(a.family, a.roles) for a in plos.contributors] == [("Janbon", ["edt"])]
    assert len(plos.creators) == 5


def test_chapter_host_book_and_blog_posts() -> None:
    (chapter,), _ = read(CROSSREF / "commonmeta_10.1007_978-3-662-46370-3_13.json")
    assert chapter.work_type is WorkType.CHAPTER and chapter.host is not None
    assert (chapter.host.book_title, chapter.host.book_isbns) == ("Shoulder Stiffness", ["9783662463697",
                                                                                         "9783662463703"])
    (blog,), _ = read(CROSSREF / "commonmeta_10.53731_r79vxn1-97aq74v-ag58n.json")
    assert blog.work_type is WorkType.ARTICLE and blog.version_label is None
