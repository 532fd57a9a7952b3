"""The OAI-PMH parsers (``oai-dc`` and ``uketd-dc``): envelopes, DC element rules, bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from mappings import parsers
from mappings.model import FormatError, WorkType
from tests.helpers import SAMPLES, read

OAI_HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">\n'
            "<responseDate>2024-03-18T10:21:07Z</responseDate>\n"
            '<request verb="ListRecords" metadataPrefix="oai_dc">https://repo.example.ac.uk/cgi/oai2</request>\n')
DC = 'xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/"'


def _oai_record(local_id: str, *elements: str, status: str = "") -> str:
    attr = f' status="{status}"' if status else ""
    metadata = "" if status else f"<metadata><oai_dc:dc {DC}>{''.join(elements)}</oai_dc:dc></metadata>"
    return (f"<record><header{attr}><identifier>oai:repo.example.ac.uk:{local_id}</identifier>"
            f"<datestamp>2020-01-02T03:04:05Z</datestamp></header>{metadata}</record>\n")


def _list_records(tmp_path: Path, *records: str) -> Path:
    path = tmp_path / "oai.xml"
    path.write_text(OAI_HEAD + "<ListRecords>\n" + "".join(records) + "</ListRecords>\n</OAI-PMH>\n")
    return path


def test_eprints_list_records_oai_dc() -> None:
    records, errors = read(SAMPLES / "oai-dc" / "oai-dc-001.xml")
    assert not errors
    thesis, article = records
    assert thesis.source_format == "oai-dc" and thesis.source_id == "oai:arro.anglia.ac.uk:700655"
    assert thesis.source_modified == "2021-11-12T11:34:13Z"
    assert thesis.work_type is WorkType.THESIS and thesis.status == ["nonPeerReviewed"]
    assert [(a.family, a.given) for a in thesis.creators] == [("Boyce", "Melanie J.")]
    assert thesis.landing_page == "https://arro.anglia.ac.uk/id/eprint/700655/"
    assert [f.url for f in thesis.files] == ["https://arro.anglia.ac.uk/id/eprint/700655/1/Boyce_2016.pdf"]
    assert thesis.citation and thesis.citation.endswith("Doctoral thesis, Anglia Ruskin University.")
    assert thesis.degree is not None
    assert (thesis.degree.level, thesis.degree.institution) == ("doctoral", "Anglia Ruskin University")
    assert thesis.licence is not None and (thesis.licence.iri, thesis.licence.family) == (None, "by-nc-sa")
    assert thesis.issued == "2016" and thesis.languages == ["eng"]
    assert not thesis.unmapped
    assert article.work_type is WorkType.ARTICLE and article.doi == "10.1108/MHRJ-06-2017-0021"
    assert article.version_label == "Accepted Version" and article.status == ["peerReviewed"]
    host = article.host
    assert host is not None and host.periodical is not None
    assert (host.periodical.title, host.periodical.issns) == ("Mental Health Review Journal", ["1361-9322"])
    assert (host.volume, host.issue, host.page_start, host.page_end) == ("23", "1", "54", "63")
    assert article.keywords == ["Self-harm", "Self-help groups", "Peer support"]
    assert article.licence is not None and article.licence.iri == "https://creativecommons.org/licenses/by-nc/4.0/"
    assert article.access_note == "open access"
    assert article.files[0].media_type == "application/pdf"


def test_uketd_dc_get_record() -> None:
    records, errors = read(SAMPLES / "uketd-dc" / "uketd-dc-001.xml")
    assert not errors
    (thesis,) = records
    assert thesis.source_format == "uketd-dc" and thesis.work_type is WorkType.THESIS
    assert thesis.degree is not None
    assert (thesis.degree.name, thesis.degree.level, thesis.degree.institution) == (
        "PhD", "doctoral", "Anglia Ruskin University")
    assert thesis.landing_page == "https://arro.anglia.ac.uk/id/eprint/700655/"
    assert thesis.files[0].media_type == "application/pdf"
    assert thesis.keywords == ["Self-harm", "Self-help groups", "Peer support", "Qualitative case study"]
    assert thesis.abstract and thesis.abstract.startswith("There has been very little research")
    assert not thesis.unmapped  # uketdterms:checksum is dropped deliberately


def test_uketd_terms_advisor_sponsor_embargo_department(tmp_path: Path) -> None:
    path = tmp_path / "uketd.xml"
    path.write_text(
        '<uketd_dc:uketddc xmlns:uketd_dc="http://naca.central.cranfield.ac.uk/ethos-oai/2.0/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:uketdterms="http://naca.central.cranfield.ac.uk/ethos-oai/terms/">'
        "<dc:title>A thesis</dc:title><dc:creator>Roe, Richard</dc:creator><dcterms:issued>2019</dcterms:issued>"
        "<uketdterms:institution>University of Example</uketdterms:institution>"
        "<uketdterms:department>School of Music</uketdterms:department>"
        "<uketdterms:qualificationname>MPhil</uketdterms:qualificationname>"
        "<uketdterms:qualificationlevel>Masters</uketdterms:qualificationlevel>"
        "<uketdterms:advisor>Doe, Jane</uketdterms:advisor><uketdterms:sponsor>AHRC</uketdterms:sponsor>"
        "<uketdterms:embargodate>2021-09-30</uketdterms:embargodate><dcterms:spatial>Wales</dcterms:spatial>"
        "<dc:identifier>https://repo.example.ac.uk/7/1/thesis.pdf</dc:identifier></uketd_dc:uketddc>")
    records, errors = read(path)
    assert not errors
    (thesis,) = records
    assert thesis.source_id == "https://repo.example.ac.uk/7/1/thesis.pdf"  # a bare record: its identifier
    assert thesis.degree is not None
    assert (thesis.degree.name, thesis.degree.level, thesis.degree.department) == ("MPhil", "masters",
                                                                                   "School of Music")
    assert [(a.name, a.roles) for a in thesis.contributors] == [("Doe, Jane", ["ths"])]
    assert [f.funder for f in thesis.funding] == ["AHRC"]
    assert thesis.access_note == "Full text under embargo until 2021-09-30"
    assert [(u.label, u.value) for u in thesis.unmapped] == [("dcterms:spatial", "Wales")]


@pytest.mark.parametrize(("value", "expected"), [
    ("info:eu-repo/semantics/doctoralThesis", WorkType.THESIS),
    ("http://purl.org/coar/resource_type/c_3248", WorkType.CHAPTER),
    ("Conference or Workshop Item", WorkType.CONFERENCE_PAPER),
    ("Dataset", WorkType.DATASET),
    ("Text", WorkType.DOCUMENT),
])
def test_dc_type_vocabularies(tmp_path: Path, value: str, expected: WorkType) -> None:
    path = _list_records(tmp_path, _oai_record("1", "<dc:title>T</dc:title>", "<dc:type>Text</dc:type>",
                                               f"<dc:type>{value}</dc:type>", "<dc:date>2020</dc:date>"))
    records, _ = read(path)
    assert records[0].work_type is expected


def test_identifiers_relations_and_funding(tmp_path: Path) -> None:
    path = _list_records(tmp_path, _oai_record(
        "123456789/42", "<dc:title>T</dc:title>", "<dc:type>info:eu-repo/semantics/article</dc:type>",
        "<dc:identifier>http://hdl.handle.net/123456789/42</dc:identifier>",
        "<dc:identifier>urn:isbn:0-306-40615-2</dc:identifier>",
        "<dc:relation>info:eu-repo/grantAgreement/EC/H2020/654321</dc:relation>",
        "<dc:relation>info:eu-repo/semantics/altIdentifier/doi/10.5555/12345678</dc:relation>",
        "<dc:relation>https://example.org/data/set</dc:relation>",
        "<dc:date>2019-05-02T10:00:00Z</dc:date>", "<dc:date>2018</dc:date>",
        "<dc:subject>info:eu-repo/classification/ddc/362.2</dc:subject>"))
    records, errors = read(path)
    assert not errors
    (r,) = records
    assert r.landing_page == "http://hdl.handle.net/123456789/42"
    assert r.isbns == ["9780306406157"] and r.doi == "10.5555/12345678"
    assert [(f.funder, f.grant) for f in r.funding] == [("EC", "654321")]
    assert r.related_urls == ["https://example.org/data/set"]
    assert (r.issued, r.date_available) == ("2018", "2019-05-02")
    assert [(c.scheme, c.notation) for c in r.classifications] == [("ddc", "362.2")]


def test_deleted_and_missing_title_are_record_errors_bad_identifiers_are_warnings(tmp_path: Path) -> None:
    path = _list_records(
        tmp_path,
        _oai_record("1", status="deleted"),
        _oai_record("2", "<dc:creator>No title</dc:creator>"),
        _oai_record("3", "<dc:title>Bad DOI</dc:title>", "<dc:identifier>doi:10.12/x</dc:identifier>"),
        _oai_record("4", "<dc:title>Bad ISSN</dc:title>", "<dc:source>Journal</dc:source>",
                    "<dc:source>ISSN: 1361-9323</dc:source>"),
        _oai_record("5", "<dc:title>Good</dc:title>", "<dc:date>2020</dc:date>"))
    records, errors = read(path)
    assert [(e.record, e.field) for e in errors] == [
        ("oai:repo.example.ac.uk:1", "header/@status"), ("oai:repo.example.ac.uk:2", "dc:title")]
    assert "withdrawn" in errors[0].message and errors[0].line == 6
    bad_doi, bad_issn, good = records
    assert bad_doi.doi is None and bad_doi.other_ids["doi-as-given"] == ["doi:10.12/x"]
    assert [(w.field, w.line) for w in bad_doi.warnings] == [("dc:identifier", 8)]
    assert bad_issn.host is None and bad_issn.other_ids["issn-as-given"] == ["1361-9323"]
    assert "check digit" in bad_issn.warnings[0].message and bad_issn.warnings[0].line == 9
    assert good.title == "Good" and not good.warnings


def test_oai_error_response_is_a_format_error(tmp_path: Path) -> None:
    path = tmp_path / "error.xml"
    path.write_text(OAI_HEAD + '<error code="noRecordsMatch">No records match the request</error>\n</OAI-PMH>\n')
    records, errors = read(path)
    assert not records and len(errors) == 1
    assert isinstance(errors[0], FormatError) and "noRecordsMatch" in errors[0].message


def test_broken_xml_and_wrong_encoding(tmp_path: Path) -> None:
    path = _list_records(tmp_path, _oai_record("1", "<dc:title>One</dc:title>", "<dc:date>2001</dc:date>"),
                         _oai_record("2", "<dc:title>Two <i>broken</dc:title>"),
                         _oai_record("3", "<dc:title>Three</dc:title>", "<dc:date>2003</dc:date>"))
    records, errors = read(path)
    assert [r.title for r in records] == ["One", "Three"]
    assert len(errors) == 1 and errors[0].line == 7
    latin1 = tmp_path / "latin1.xml"
    latin1.write_bytes(path.read_bytes().replace(b"Two <i>broken", "Tw\u00f6 closed".encode("latin-1")))
    records, errors = read(latin1)
    assert [r.title for r in records] == ["One", "Three"]
    assert "UTF-8" in errors[0].message or "encoding" in errors[0].message.lower()


def test_other_metadata_formats_are_named(tmp_path: Path) -> None:
    path = tmp_path / "mods.xml"
    path.write_text(OAI_HEAD.replace("oai_dc", "mods") + '<GetRecord><record><header><identifier>oai:x:1'
                    '</identifier><datestamp>2020-01-01</datestamp></header><metadata><mods xmlns="http://www.loc.'
                    'gov/mods/v3"><titleInfo><title>T</title></titleInfo></mods></metadata></record></GetRecord>'
                    "</OAI-PMH>\n")
    records, errors = read(path, "oai-dc")
    assert not records and errors[0].field == "metadata" and "mods" in errors[0].message


@pytest.mark.parametrize(("path", "expected"), [("oai-dc/oai-dc-001.xml", "oai-dc"),
                                                ("uketd-dc/uketd-dc-001.xml", "uketd-dc")])
def test_format_is_detected(path: str, expected: str) -> None:
    assert parsers.detect((SAMPLES / path).read_bytes()[: parsers.SNIFF_BYTES]) == expected
