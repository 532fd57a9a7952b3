"""The bl-catalogue parser: the seed's traps (duplicated abstract, glued labels, Dewey among subjects,
link arrows, repeated ``Issue``), other record types, and bad input."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, Graph, Literal, Namespace, URIRef

from mappings.crosswalk import map_record
from mappings.model import FormatError, Record, RecordError, WorkType
from mappings.parsers import get
from mappings.parsers.bl_catalogue.parser import BlCatalogueParser as Parser
from mappings.rdfout import serialise
from mappings.uris import Minter
from tests.helpers import BASE, SAMPLES, map_file, read

SEED = SAMPLES / "bl-catalogue" / "000_8f33ac42ffe27b8f.txt"
BIBO = Namespace("http://purl.org/ontology/bibo/")
DCTERMS = Namespace("http://purl.org/dc/terms/")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
LODPUB = Namespace("https://w3id.org/lodpub/ns#")

ARTICLE = """"A study". Issue 2 (2020)
- Record Type:
- Journal Article
- Main Title:
- "A study"
- Authors:
- Smith, Anne - Journal:
- Journal of studies
- Volume:
- 4
- Issue:
- 2
- Publication Date:
- 2020-05-01
- DOI:
- 10.1234/abc.5 ↗
- ISSNs:
- 1361-9322
"""


def _parse(text: str | bytes, name: str = "test.txt") -> list[Record | RecordError]:
    import io

    data = text.encode("utf-8") if isinstance(text, str) else text
    return list(get("bl-catalogue").parse(io.BytesIO(data), name))


def _one(text: str) -> Record:
    items = _parse(text)
    assert len(items) == 1 and isinstance(items[0], Record), [str(i) for i in items]
    return items[0]


def _graph(record: Record) -> Graph:
    mapped = map_record(record, Minter(BASE))
    return Graph().parse(data=serialise(mapped.triples, "nt"), format="nt")


@pytest.fixture(scope="module")
def seed() -> Record:
    records, errors = read(SEED, "bl-catalogue")
    assert not errors and len(records) == 1
    return records[0]


def test_seed_abstract_appears_once_complete_without_prefix_or_more_link(seed: Record) -> None:
    abstract = seed.abstract or ""
    assert abstract.count("Purpose: The purpose of this paper") == 1
    assert "Abstract :" not in abstract and "(more)" not in abstract and "…" not in abstract
    assert abstract.startswith("Purpose: The purpose of this paper is to present a qualitative analysis")
    assert abstract.endswith("into the unique role of self-harm self-help groups.")
    assert "despite such groups being identified" in abstract  # the complete copy, not the truncated one
    g = _graph(seed)
    assert len(list(g.objects(None, DCTERMS.abstract))) == 1


def test_seed_three_authors_in_order_via_bibo_author_list(seed: Record) -> None:
    g = _graph(seed)
    work = next(g.subjects(RDF.type, BIBO.AcademicArticle))
    node = g.value(work, BIBO.authorList)
    families = []
    while node is not None and node != RDF.nil:
        families.append(str(g.value(g.value(node, RDF.first), FOAF.familyName)))
        node = g.value(node, RDF.rest)
    assert families == ["Boyce", "Munn-Giddings", "Secker"]


def test_seed_bare_dewey_number_is_a_ddc_classification_not_a_subject(seed: Record) -> None:
    assert seed.host is not None and seed.host.periodical is not None
    journal = seed.host.periodical
    assert [(c.scheme, c.notation) for c in journal.classifications] == [("ddc", "362.20941")]
    assert all("362.20941" not in s.heading for s in seed.subjects + journal.subjects)
    g = _graph(seed)
    notation = Literal("362.20941", datatype=DCTERMS.DDC)
    assert len(list(g.subjects(SKOS.notation, notation))) == 1
    assert not any("362.20941" in str(label) for label in g.objects(None, SKOS.prefLabel))


def test_seed_journal_headings_describe_the_journal_not_the_article(seed: Record) -> None:
    assert seed.host is not None and seed.host.periodical is not None
    journal = seed.host.periodical
    assert [s.heading for s in journal.subjects] == [
        "Mental health services -- Great Britain -- Periodicals", "Mental health -- Periodicals",
        "Mental Health Services -- Great Britain -- Periodicals"]
    assert [s.heading for s in seed.subjects] == [  # the article's own keywords stay on the article
        "Qualitative research -- Self-harm -- Peer support -- Mental health -- Self-help group"]
    assert not seed.classifications
    g = _graph(seed)
    work = next(g.subjects(RDF.type, BIBO.AcademicArticle))
    journal_node = URIRef(f"{BASE}id/journal/issn-1361-9322")
    labels = {str(g.value(c, SKOS.prefLabel)) for c in g.objects(work, DCTERMS.subject)}
    assert not any("Periodicals" in label for label in labels)
    journal_labels = {str(g.value(c, SKOS.prefLabel)) for c in g.objects(journal_node, DCTERMS.subject)}
    assert "Mental health -- Periodicals" in journal_labels
    assert URIRef(f"{BASE}id/class/ddc/362.20941") in set(g.objects(journal_node, DCTERMS.subject))


def test_periodicals_headings_of_a_book_stay_on_the_book() -> None:
    book = _one("Fine\n- Record Type:\n- Book\n- Main Title:\n- Fine\n- Subjects:\n- Science -- Periodicals\n505\n")
    assert [s.heading for s in book.subjects] == ["Science -- Periodicals"]
    assert [c.notation for c in book.classifications] == ["505"]


def test_seed_glued_labels_and_repeated_issue_label(seed: Record) -> None:
    assert seed.host is not None and seed.host.periodical is not None
    assert seed.host.periodical.urls == ["http://pierprofessional.metapress.com/content/121406/",
                                         "http://search.proquest.com/publication/44504",
                                         "http://www.emeraldinsight.com/"]
    assert seed.doi == "10.1108/MHRJ-06-2017-0021"
    assert seed.physical_locations == ["British Library DSC - BLDSS-3PM",
                                       "British Library HMNTS - ELD Digital store"]
    assert seed.ingest_file == "6082.xml"
    assert (seed.host.volume, seed.host.issue) == ("23", "1")
    assert seed.host.issue_label == "Volume 23, Issue 1 (2018)"
    assert seed.host.issue_sort_value == "2018-0023-0001-0000"
    assert seed.host.periodical.issns == ["1361-9322"]
    assert (seed.legal_deposit, seed.languages) == ("Legaldeposit", ["eng"])
    assert seed.access_note == "Available online (eLD content is only available in our Reading Rooms)"
    assert not seed.unmapped


@pytest.mark.parametrize("sample", sorted((SAMPLES / "bl-catalogue").glob("*.txt")), ids=lambda p: p.name)
def test_link_arrows_never_reach_any_output(sample: Path) -> None:
    triples = [t for m in map_file(sample, "bl-catalogue") for t in m.triples]
    for fmt in ("nt", "turtle", "jsonld", "rdfxml"):
        assert "↗".encode() not in serialise(triples, fmt), fmt
    for record in read(sample, "bl-catalogue")[0]:
        assert "↗" not in repr(record)


def test_source_id_rule_system_number_then_doi_then_digest() -> None:
    by_doi = _one(ARTICLE)
    assert by_doi.source_id == "doi:10.1234/abc.5"
    by_sysno = _one(ARTICLE + "- System Number:\n- 012345678\n")
    assert by_sysno.source_id == "sysno:012345678"
    no_doi = ARTICLE.replace("- DOI:\n- 10.1234/abc.5 ↗\n", "")
    first, again = _one(no_doi), _one(no_doi.replace("- Volume:\n- 4\n", ""))
    assert first.source_id.startswith("digest:") and first.source_id == again.source_id


def test_several_records_in_one_file_each_with_its_heading() -> None:
    second = ARTICLE.split("\n", 1)[1].replace("A study", "Another study")
    text = ARTICLE + "\nSecond record heading\n" + second
    items = _parse(text)
    assert [i.title for i in items if isinstance(i, Record)] == ["A study", "Another study"]
    assert [i.source_position for i in items if isinstance(i, Record)] == [1, 2]
    first = items[0]
    assert isinstance(first, Record) and first.host and first.host.periodical
    assert first.host.periodical.issns == ["1361-9322"]  # the next heading is not read as an ISSN


@pytest.mark.parametrize("record_type, expected", [
    ("Journal Article", WorkType.ARTICLE), ("Book", WorkType.BOOK), ("Thesis", WorkType.THESIS),
    ("Chapter", WorkType.CHAPTER), ("Report", WorkType.REPORT),
    ("Conference Paper", WorkType.CONFERENCE_PAPER),
])
def test_record_types(record_type: str, expected: WorkType) -> None:
    record = _one(ARTICLE.replace("Journal Article", record_type))
    assert record.work_type is expected


def test_thesis_degree_from_the_dissertation_note() -> None:
    records, errors = read(SAMPLES / "bl-catalogue" / "003_thesis_expanding_universes.txt", "bl-catalogue")
    assert not errors
    degree = records[0].degree
    assert degree is not None
    assert (degree.level, degree.name, degree.institution) == ("doctoral", "Ph.D.", "University of Cambridge")
    assert records[0].creators[0].dates == "1942-2018"


def test_sniff_recognises_the_layout_and_not_others() -> None:
    assert Parser.sniff(SEED.read_bytes()) >= 90
    assert Parser.sniff((SAMPLES / "eprints-page" / "002_b9a4e6cab72e4de0.txt").read_bytes()) == 0
    assert Parser.sniff(b"<?xml version='1.0'?><eprints/>") == 0


# -- bad input: a RecordError naming file, record and field; the other records still map ----------------

def _second_is_fine(items: list[Record | RecordError]) -> RecordError:
    assert len(items) == 2, [str(i) for i in items]
    error, fine = items
    assert isinstance(error, RecordError) and isinstance(fine, Record) and fine.title == "Fine"
    assert error.file == "bad.txt" and error.record.startswith("#1")
    return error


FINE = "\nFine\n- Record Type:\n- Book\n- Main Title:\n- Fine\n- Authors:\n- Doe, Jane\n- Year:\n- 2001\n"


def test_record_without_title_is_rejected_naming_the_field() -> None:
    no_title = ARTICLE.replace('- Main Title:\n- "A study"\n', "")
    error = _second_is_fine(_parse(no_title + FINE, "bad.txt"))
    assert error.field == "Main Title" and "no title" in error.message
    assert "bad.txt" in str(error) and "field Main Title" in str(error)


def test_invalid_doi_is_a_plain_identifier_and_a_warning_naming_field_and_line() -> None:
    record = _one(ARTICLE.replace("10.1234/abc.5", "doi-less junk"))
    assert record.doi is None and record.other_ids["doi-as-given"] == ["doi-less junk"]
    (warning,) = record.warnings
    assert (warning.field, warning.line) == ("DOI", 16) and "not a DOI" in warning.message


def test_issn_with_wrong_check_digit_is_left_out_with_a_warning() -> None:
    record = _one(ARTICLE.replace("1361-9322", "1361-9323"))
    assert record.host is not None and record.host.periodical is not None
    assert record.host.periodical.issns == [] and record.host.periodical.title == "Journal of studies"
    (warning,) = record.warnings
    assert (warning.field, warning.line) == ("ISSNs", 18) and "check digit" in warning.message


def test_vague_or_bad_dates_are_kept_at_their_precision_or_warned() -> None:
    vague = _one(ARTICLE.replace("2020-05-01", "[ca. 1900]"))
    assert (vague.issued, vague.issued_text) == ("1900~", "[ca. 1900]")
    bad = _one(ARTICLE.replace("2020-05-01", "someday"))
    assert bad.issued is None and [w.field for w in bad.warnings] == ["Publication Date"]


def test_latin1_bytes_are_a_format_error_naming_file_and_line() -> None:
    data = ARTICLE.replace("Smith, Anne", "Müller, Anne").replace(" ↗", "").encode("latin-1")
    items = _parse(data, "latin1.txt")
    assert len(items) == 1 and isinstance(items[0], FormatError)
    assert items[0].file == "latin1.txt" and items[0].line == 7 and "UTF-8" in items[0].message


def test_unknown_label_is_kept_and_reported(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    record = _one(ARTICLE + "- Reading Room Note:\n- Ask at the desk\nsecond line\n")
    assert [(f.label, f.value) for f in record.unmapped] == [("Reading Room Note", "Ask at the desk"),
                                                            ("Reading Room Note", "second line")]
    g = _graph(record)
    assert Literal("Reading Room Note: Ask at the desk") in set(g.objects(None, LODPUB.unmappedField))
    path = tmp_path / "unknown.txt"
    path.write_text(ARTICLE + "- Reading Room Note:\n- Ask at the desk\n", encoding="utf-8")
    from publisher.cli import main

    assert main(["map", str(path), "--input-format", "bl-catalogue", "--no-validate"]) == 0
    assert "unknown field 'Reading Room Note'" in capsys.readouterr().err


def test_text_without_labels_is_a_format_error() -> None:
    items = _parse("just some text\nwith lines\n", "plain.txt")
    assert len(items) == 1 and isinstance(items[0], FormatError) and items[0].file == "plain.txt"


def test_work_uri_is_the_doi_work() -> None:
    record = _one(ARTICLE)
    assert URIRef(Minter(BASE).work_for_doi("10.1234/abc.5")) in set(_graph(record).subjects())


def test_a_journal_url_that_is_not_a_url_is_kept_as_unmapped_not_published_as_an_iri() -> None:
    record = _one(ARTICLE + "- Journal URLs:\n- http://journal.example/ ↗\nsee the publisher's site\n")
    assert record.host is not None and record.host.periodical is not None
    assert record.host.periodical.urls == ["http://journal.example/"]
    assert [(f.label, f.value) for f in record.unmapped] == [("Journal URLs", "see the publisher's site")]
    assert any("not an http(s) URL" in str(w) for w in record.warnings)
    _graph(record)  # maps without an invalid IRI
