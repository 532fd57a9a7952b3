"""The eprints-page parser: the seed's traps (a doctoral thesis, a licence without a version, page chrome),
EPrints citation name lists, the other item types, and bad input."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rdflib import RDF, Graph, Literal, Namespace, URIRef

from mappings.crosswalk import map_record
from mappings.model import FormatError, Record, RecordError, WorkType
from mappings.parsers import get
from mappings.parsers.eprints_page.citation import names
from mappings.parsers.eprints_page.parser import EprintsPageParser as Parser
from mappings.rdfout import serialise
from mappings.uris import Minter
from mappings.validation import validate
from tests.helpers import BASE, SAMPLES, map_file, read

SEED = SAMPLES / "eprints-page" / "002_b9a4e6cab72e4de0.txt"
BIBO = Namespace("http://purl.org/ontology/bibo/")
DCTERMS = Namespace("http://purl.org/dc/terms/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
LODPUB = Namespace("https://w3id.org/lodpub/ns#")

CITATION = ("Boyce, Melanie, Munn-Giddings, Carol and Secker, Jenny (2018) 'It is a safe space': self-harm "
            "self-help groups. Mental Health Review Journal, 23 (1). pp. 54-63. ISSN 1361-9322")
ARTICLE = f"""'It is a safe space': self-harm self-help groups

{CITATION}

Text
Boyce_2018.pdf - Accepted Version
Available under License Creative Commons Attribution Non-commercial 4.0.

Download (320kB) | Preview

Purpose: the paper looks at self-harm self-help groups from the members' point of view.

Item Type: Article
Keywords: self-harm, peer support
DOI: 10.1108/MHRJ-06-2017-0021
Depositing User: Jenny Secker
Date Deposited: 10 Apr 2018 10:00
Last Modified: 11 Apr 2018 12:30
URI: https://eprints.example.ac.uk/id/eprint/702000

Actions (login required)

Edit Item Edit Item
"""


def _parse(text: str | bytes, name: str = "page.txt") -> list[Record | RecordError]:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return list(get("eprints-page").parse(io.BytesIO(data), name))


def _one(text: str) -> Record:
    items = _parse(text)
    assert len(items) == 1 and isinstance(items[0], Record), [str(i) for i in items]
    return items[0]


def _graph(record: Record) -> Graph:
    return Graph().parse(data=serialise(map_record(record, Minter(BASE)).triples, "nt"), format="nt")


@pytest.fixture(scope="module")
def seed() -> Record:
    records, errors = read(SEED, "eprints-page")
    assert not errors and len(records) == 1
    return records[0]


def test_seed_thesis_is_a_doctoral_bibo_thesis_never_an_article(seed: Record) -> None:
    assert seed.work_type is WorkType.THESIS
    assert seed.degree is not None
    assert (seed.degree.level, seed.degree.institution) == ("doctoral", "Anglia Ruskin University")
    g = _graph(seed)
    work = URIRef(Minter(BASE).work(seed))
    types = set(g.objects(work, RDF.type))
    assert BIBO.Thesis in types and not types & {BIBO.Article, BIBO.AcademicArticle, BIBO.Book}
    assert list(g.objects(work, BIBO.degree)) == [URIRef("http://purl.org/ontology/bibo/degrees/phd")]
    assert validate(map_record(seed, Minter(BASE))).conforms


def test_seed_licence_has_no_invented_version(seed: Record) -> None:
    assert seed.licence is not None
    assert (seed.licence.iri, seed.licence.family) == (None, "by-nc-sa")
    assert seed.licence.text == "Creative Commons Attribution Non-commercial Share Alike"
    g = _graph(seed)
    licences = [str(o) for o in g.objects(None, DCTERMS.license)]
    assert licences and not any("creativecommons.org" in iri for iri in licences)
    assert (None, LODPUB.licenceVersionStated, Literal(False)) in g


def test_seed_citation_version_dates_and_fields(seed: Record) -> None:
    assert [a.name for a in seed.creators] == ["Boyce, Melanie J."]
    assert seed.issued == "2016" and seed.date_submitted == "2016-08-04"
    assert seed.source_modified == "2021-11-12T11:34:00"
    assert (seed.status, seed.version_label) == (["accepted"], "Accepted Version")
    assert seed.keywords == ["Self-harm", "Self-help groups", "Peer support", "Qualitative case study"]
    assert seed.divisions == ["Theses from Anglia Ruskin University"] and seed.depositor == "Melanie Boyce"
    assert seed.landing_page == seed.source_id == "https://arro.anglia.ac.uk/id/eprint/700655"
    assert (seed.abstract or "").startswith("There has been very little research")
    assert (seed.abstract or "").endswith("of ‘safe space’ in a SHG for those who self-harm.")
    assert not seed.unmapped


@pytest.mark.parametrize("sample", sorted((SAMPLES / "eprints-page").glob("*.txt")), ids=lambda p: p.name)
def test_page_chrome_never_reaches_the_output(sample: Path) -> None:
    triples = [t for m in map_file(sample, "eprints-page") for t in m.triples]
    out = serialise(triples, "nt").decode()
    for chrome in ("Download (", "| Preview", "Actions (login required)", "Edit Item", "View Item",
                   "Full text not available", "Export/Share/Statistics", "Downloads per month", "↗"):
        assert chrome not in out, chrome


def test_three_authors_in_order_via_bibo_author_list_and_article_details() -> None:
    record = _one(ARTICLE)
    assert record.work_type is WorkType.ARTICLE
    g = _graph(record)
    node = g.value(URIRef(Minter(BASE).work(record)), BIBO.authorList)
    families = []
    while node is not None and node != RDF.nil:
        families.append(str(g.value(g.value(node, RDF.first), FOAF.familyName)))
        node = g.value(node, RDF.rest)
    assert families == ["Boyce", "Munn-Giddings", "Secker"]
    host = record.host
    assert host is not None and host.periodical is not None
    assert (host.periodical.title, host.periodical.issns) == ("Mental Health Review Journal", ["1361-9322"])
    assert (host.volume, host.issue, host.page_start, host.page_end) == ("23", "1", "54", "63")
    assert record.licence is not None and record.licence.iri == "https://creativecommons.org/licenses/by-nc/4.0/"
    assert record.abstract == ("Purpose: the paper looks at self-harm self-help groups from the members' "
                               "point of view.")


@pytest.mark.parametrize("text, expected", [
    ("Boyce, Melanie J., Munn-Giddings, Carol and Secker, Jenny", ["Boyce|Melanie J.", "Munn-Giddings|Carol",
                                                                   "Secker|Jenny"]),
    ("Page, Lawrence and Brin, Sergey and Motwani, Rajeev", ["Page|Lawrence", "Brin|Sergey",
                                                              "Motwani|Rajeev"]),
    ("Melanie Boyce, Carol Munn-Giddings and Jenny Secker", ["Boyce|Melanie", "Munn-Giddings|Carol",
                                                             "Secker|Jenny"]),
    ("Núñez, Rafael E.", ["Núñez|Rafael E."]),
    ("Dörnyei, Zoltán and Ushioda, Ema, (eds.)", ["Dörnyei|Zoltán", "Ushioda|Ema"]),
])
def test_eprints_name_lists(text: str, expected: list[str]) -> None:
    assert [f"{a.family}|{a.given}" for a in names(text)] == expected


EVENT = "In: Some Conference, 3 May 2019, Leeds."


@pytest.mark.parametrize("item_type, tail, work_type", [
    ("Thesis (Masters)", "Masters thesis, University of Leeds.", WorkType.THESIS),
    ("Conference or Workshop Item (Poster)", EVENT, WorkType.PRESENTATION),
    ("Conference or Workshop Item (Paper)", EVENT, WorkType.CONFERENCE_PAPER),
    ("Monograph (Working Paper)", "Working Paper. Some Press, Leeds.", WorkType.REPORT),
    ("Book", "Some Press, Leeds. ISBN 9780262033848", WorkType.BOOK),
    ("Book Section", "In: Doe, Jane, (ed.) A Book. Some Press, Leeds, pp. 1-10.", WorkType.CHAPTER),
])
def test_other_item_types(item_type: str, tail: str, work_type: WorkType) -> None:
    text = f"A title\n\nSmith, Anne (2019) A title. {tail}\n\nItem Type: {item_type}\nURI: https://e.example/id/eprint/1\n"
    record = _one(text)
    assert record.work_type is work_type and record.issued == "2019"
    if work_type is WorkType.THESIS:
        assert record.degree is not None and record.degree.level == "masters"
        assert record.degree.institution == "University of Leeds"
    if work_type in (WorkType.PRESENTATION, WorkType.CONFERENCE_PAPER):
        assert record.event is not None and (record.event.name, record.event.start) == ("Some Conference",
                                                                                       "2019-05-03")
    if work_type is WorkType.REPORT:
        assert (record.publisher, record.place, record.genres) == ("Some Press", "Leeds", ["Working Paper"])
    if work_type is WorkType.BOOK:
        assert (record.publisher, record.isbns) == ("Some Press", ["9780262033848"])
    if work_type is WorkType.CHAPTER:
        assert record.host is not None and record.host.book_title == "A Book"
        assert [a.name for a in record.contributors] == ["Doe, Jane"] and record.host.page_end == "10"
    assert validate(map_record(record, Minter(BASE))).conforms


def test_source_id_without_uri_is_the_doi_then_a_stable_digest() -> None:
    no_uri = ARTICLE.replace("URI: https://eprints.example.ac.uk/id/eprint/702000\n", "")
    assert _one(no_uri).source_id == "doi:10.1108/mhrj-06-2017-0021"
    no_doi = no_uri.replace("DOI: 10.1108/MHRJ-06-2017-0021\n", "")
    first, again = _one(no_doi), _one(no_doi.replace("Keywords: self-harm, peer support\n", ""))
    assert first.source_id.startswith("digest:") and first.source_id == again.source_id


def test_sniff() -> None:
    assert Parser.sniff(SEED.read_bytes()) >= 90
    assert Parser.sniff((SAMPLES / "bl-catalogue" / "000_8f33ac42ffe27b8f.txt").read_bytes()) == 0
    assert Parser.sniff(ARTICLE.replace("/id/eprint/702000", "/702000/").encode()) >= 30


# -- bad input: a RecordError naming file and field --------------------------------------------------------

def _error(text: str | bytes) -> RecordError:
    items = _parse(text, "bad.txt")
    assert len(items) == 1 and isinstance(items[0], RecordError), items
    assert items[0].file == "bad.txt"
    return items[0]


def test_page_without_title_is_rejected() -> None:
    error = _error("Item Type: Article\nURI: https://e.example/id/eprint/1\n")
    assert error.field == "title" and "no title" in error.message


def test_invalid_doi_is_kept_as_given_with_a_warning_naming_field_and_line() -> None:
    record = _one(ARTICLE.replace("DOI: 10.1108/MHRJ-06-2017-0021", "DOI: 10.11/x"))
    assert record.doi is None and record.other_ids["doi-as-given"] == ["10.11/x"]
    (warning,) = record.warnings
    assert (warning.field, warning.line) == ("DOI", 15) and "not a DOI" in warning.message


def test_issn_with_wrong_check_digit_is_a_warning_on_the_citation_line() -> None:
    record = _one(ARTICLE.replace("ISSN 1361-9322", "ISSN 1361-9323"))
    assert record.host is not None and record.host.periodical is not None and not record.host.periodical.issns
    assert record.other_ids["issn-as-given"] == ["1361-9323"]
    (warning,) = record.warnings
    assert (warning.field, warning.line) == ("ISSN", 3) and "check digit" in warning.message


def test_latin1_bytes_are_a_format_error() -> None:
    error = _error(ARTICLE.replace("Boyce, Melanie,", "Böyce, Melanie,").encode("latin-1", "replace"))
    assert isinstance(error, FormatError) and error.line == 3 and "UTF-8" in error.message


def test_unknown_label_in_the_block_is_kept_and_reported(capsys: pytest.CaptureFixture[str],
                                                         tmp_path: Path) -> None:
    text = ARTICLE.replace("Depositing User:", "Impact Case Study: REF2021 case 7\nDepositing User:")
    record = _one(text)
    assert [(f.label, f.value) for f in record.unmapped] == [("Impact Case Study", "REF2021 case 7")]
    unmapped = set(_graph(record).objects(None, LODPUB.unmappedField))
    assert Literal("Impact Case Study: REF2021 case 7") in unmapped
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    from publisher.cli import main

    assert main(["map", str(path), "--input-format", "eprints-page", "--no-validate"]) == 0
    assert "unknown field 'Impact Case Study'" in capsys.readouterr().err


def test_url_fields_keep_run_on_text_and_reject_non_urls() -> None:
    text = ARTICLE.replace("URI: https://eprints.example.ac.uk/id/eprint/702000",
                           "URI: https://eprints.example.ac.uk/id/eprint/702000\nsee also\n"
                           "Official URL: journal website")
    record = _one(text)
    assert record.landing_page == "https://eprints.example.ac.uk/id/eprint/702000"
    assert record.official_url is None
    assert [(f.label, f.value) for f in record.unmapped] == [("Official URL", "journal website"),
                                                            ("URI", "see also")]
    _graph(record)  # maps without an invalid IRI


def test_in_press_citation_is_read_and_the_date_comes_from_the_label_block() -> None:
    text = ARTICLE.replace("(2018)", "(In Press)").replace("Item Type: Article",
                                                           "Item Type: Article\nDate: 12 March 2019")
    record = _one(text)
    assert record.citation and "(In Press)" in record.citation
    assert "In Press" not in (record.abstract or "")
    assert record.issued == "2019-03-12" and "forthcoming" in record.status
    assert [a.family for a in record.creators] == ["Boyce", "Munn-Giddings", "Secker"]
