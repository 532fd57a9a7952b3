"""The DataCite parser on real records: XML kernel 2.2-4 (bare and in OAI-PMH), REST API JSON, DataCite JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mappings import parsers
from mappings.model import AgentKind, FormatError, Record, WorkType
from tests.helpers import REPO, read

REAL = REPO / "tests" / "real" / "records"
XML = REAL / "datacite-xml"
JSON = REAL / "datacite-json"
ZENODO = REAL / "oai-responses" / "zenodo-oaipmh-scythe"


def one(path: Path, input_format: str | None = None) -> Record:
    """The single record of a file (no errors)."""
    records, errors = read(path, input_format)
    assert not errors, [str(e) for e in errors]
    (record,) = records
    return record


def warnings_of(record: Record) -> list[str]:
    return [str(w) for w in record.warnings]


@pytest.mark.parametrize("path", sorted([*XML.glob("*"), *JSON.glob("*")]), ids=lambda p: p.name)
def test_every_real_datacite_file_is_detected_as_datacite(path: Path) -> None:
    assert parsers.detect(path.read_bytes()[: parsers.SNIFF_BYTES]) == "datacite"


@pytest.mark.parametrize("path", sorted((REAL / "crossref").glob("*")), ids=lambda p: p.name)
def test_crossref_json_is_not_taken_for_datacite(path: Path) -> None:
    assert parsers.detect(path.read_bytes()[: parsers.SNIFF_BYTES]) == "crossref"


def test_a_datacite_file_read_as_crossref_is_refused_once() -> None:
    records, errors = read(JSON / "bolognese-api_10.5438_4k3m-nyvg.json", "crossref")
    assert not records and len(errors) == 1 and isinstance(errors[0], FormatError)


def test_kernel_4_dataset_people_roles_dates_and_funding() -> None:
    r = one(XML / "bolognese_schema_4.0.xml")
    assert (r.doi, r.work_type, r.issued, r.date_available) == (
        "10.6071/Z7WC73", WorkType.DATASET, "2013", "2016-03-14")
    assert r.title.startswith("Southern Sierra Critical Zone Observatory (SSCZO), Providence Creek meteorological")
    assert "\n" not in r.title and "  " not in r.title
    assert [(a.family, a.kind) for a in r.creators][:2] == [("Bales", AgentKind.PERSON), ("Meadows", AgentKind.PERSON)]
    last = r.creators[-1]
    assert (last.name, last.kind, last.family) == ("Southern Sierra Critical Zone Observatory, SSCZO",
                                                   AgentKind.ORGANIZATION, None)
    assert [a.roles for a in r.creators[:3]] == [["aut", "rth"], ["aut", "dtc"], ["aut"]]
    assert r.creators[2].orcid == "0000-0002-8862-1404"
    assert r.creators[2].identifiers == ["https://orcid.org/0000-0002-8862-1404"]
    assert [(c.name, c.kind, c.roles) for c in r.contributors] == [
        ("Southern Sierra Critical Zone Observatory", AgentKind.ORGANIZATION, ["rtm"])]
    assert [f.grant for f in r.funding] == ["1331939", "0725097"]
    assert r.licence is not None and r.licence.iri == "https://creativecommons.org/licenses/by/4.0/"
    assert r.abstract is not None and r.abstract.startswith("Snow depth, soil moisture")
    assert any(n.startswith("Methods: Soil volumetric") for n in r.notes)
    assert r.edition == "2" and r.languages == ["eng"]


def test_three_people_in_one_creator_element_host_from_series_information() -> None:
    r = one(XML / "bolognese_datacite_malformed_creator.xml")
    assert [(a.family, a.given) for a in r.creators] == [("Grošelj", "Blaž"), ("Oražem", "Miha"), ("Kovač", "Viljem")]
    (warning,) = [w for w in r.warnings if w.field == "creator"]
    assert "3 people inside one <creator>" in warning.message and warning.line == 11
    assert (r.title, r.subtitle) == ("Učinkovitost kanabinoidov pri zdravljenju raka", "mit ali resnica")
    assert r.alternative_titles == ["Therapeutic Efficacy of Cannabinoids in Cancer Treatment: Myth or Fact"]
    assert r.host is not None and r.host.periodical is not None
    assert (r.host.periodical.title, r.host.periodical.issns, r.host.volume, r.host.issue) == (
        "Onkologija", ["1581-3215"], "XXII", "1")
    assert r.abstract is None  # the abstract is typed "Other": a note
    assert [(c.scheme, c.notation) for c in r.classifications] == [("ddc", "610")]


def test_kernel_2_2_duplicates_are_warnings_and_the_year_decides() -> None:
    r = one(XML / "bolognese_datacite-multiple-language.xml")
    assert (r.work_type, r.issued, r.publisher) == (WorkType.THESIS, "2015", "Universitätsbibliothek Tübingen")
    assert r.degree is not None and r.degree.name == "Habilitation" and r.degree.level is None
    assert r.languages == ["ger", "eng"]
    fields = {w.field for w in r.warnings}
    assert {"publicationYear", "date", "publisher"} <= fields
    assert all(w.line for w in r.warnings)
    (library,) = r.contributors
    assert (library.kind, library.roles) == (AgentKind.ORGANIZATION, ["dtm", "his"])


def test_kinds_from_the_free_text_type() -> None:
    assert one(XML / "bolognese_pure.xml").work_type is WorkType.DATASET  # Audiovisual / "Dataset"
    assert "read as dataset" in " ".join(warnings_of(one(XML / "bolognese_pure.xml")))
    assert one(XML / "bolognese_datacite.xml").work_type is WorkType.ARTICLE  # Text / BlogPosting
    assert one(XML / "bolognese_datacite-by-nd-4.0.xml").work_type is WorkType.ARTICLE  # "... Zeitschrift"
    assert one(JSON / "bolognese-api_10.11588_diglit.6130.json").work_type is WorkType.BOOK  # MonographieMonograph
    preprint = one(JSON / "commonmeta-api_10.48550_arxiv.2311.16162.json")
    assert (preprint.work_type, preprint.version_label) == (WorkType.ARTICLE, "Preprint")


def test_packed_names_stay_whole_and_organisations_are_not_split() -> None:
    packed = one(JSON / "bolognese-api_10.5063_f1m61h5x.json")
    (agent,) = packed.creators
    assert agent.kind is AgentKind.PERSON and agent.family is None and agent.name.count(";") == 8
    assert any("several people in one name" in w for w in warnings_of(packed))
    lab = one(JSON / "bolognese_datacite_software_version.json").creators[0]
    assert (lab.kind, lab.family) == (AgentKind.ORGANIZATION, None)
    kunstsalon = one(JSON / "bolognese-api_10.11588_diglit.6130.json").creators[0]
    assert (kunstsalon.name, kunstsalon.kind) == ("Dr. Störi, Kunstsalon", AgentKind.ORGANIZATION)
    assert [(a.family, a.given) for a in one(XML / "bolognese_funding_reference.xml").creators] == [
        ("Singhal", "Vipul")]
    assert [(a.family, a.given) for a in one(XML / "bolognese_datacite-formats-with-xs.xml").creators] == [
        ("Scholze", "J.")]


def test_rest_api_thesis_supervisor_degree_and_contact_person() -> None:
    r = one(JSON / "bolognese-api_10.3204_desy-2014-01645.json")
    assert (r.work_type, r.issued, r.copyright_date, r.page_count) == (WorkType.THESIS, "2014", "2014", 152)
    (author,) = r.creators
    assert (author.family, author.roles) == ("Conrad", ["aut", "ctb"])  # also the ContactPerson: one person
    (supervisor,) = r.contributors
    assert (supervisor.family, supervisor.roles, supervisor.orcid) == ("Gruebel", ["ths"], "0000-0002-8633-8234")
    assert r.degree is not None and (r.degree.level, r.degree.institution) == ("doctoral", "University of Hamburg")
    assert r.abstract is not None and "T > 1.12 Tg" in r.abstract  # "&gt;" escaped twice in the JSON
    assert r.other_ids["urn"] == ["nbn:de:gbv:18-65907"] and "Created: 2009-10-01/2014-01-23" in r.notes
    assert r.source_modified == "2020-09-19T22:00:23Z"


def test_dates_ranges_whitespace_and_identifiers_without_values() -> None:
    r = one(JSON / "bolognese-api_10.21944_temis-ozone-msr2.json")
    assert (r.issued, r.date_available, r.genres) == ("2015", "2014-04-25", ["Satellite data"])
    assert "Collected: 1970-04-01 / (:tba)" in r.notes
    assert [a.orcid for a in r.creators] == [None, None, None]
    assert sum("nameIdentifier without a value" in w for w in warnings_of(r)) == 2
    pure = one(XML / "bolognese_pure.xml")
    assert (pure.issued, pure.date_available) == ("2016-01-20", "2016-01-20")  # Available in the publication year


def test_journal_article_related_item_and_container() -> None:
    r = one(XML / "bolognese_datacite_journal_article.xml")
    assert r.host is not None and r.host.periodical is not None
    assert (r.host.periodical.title, r.host.periodical.issns, r.host.volume, r.host.issue) == (
        "Texas Law Review", ["0040-4411"], "74", "1")
    assert any("IsSourceOf" in w for w in warnings_of(r))
    geo = one(JSON / "commonmeta-api_10.2312_geowissenschaften.1989.7.181.json")
    assert geo.host is not None and geo.host.periodical is not None
    assert (geo.host.periodical.title, geo.host.page_start, geo.host.page_end) == (
        "Die Geowissenschaften", "181", "186")


def test_hyphenated_and_snake_case_datacite_json() -> None:
    old = one(JSON / "bolognese_datacite_software.json")
    assert (old.work_type, old.issued, old.doi) == (WorkType.SOFTWARE, "2016", "10.5063/F1M61H5X")
    crosscite = one(JSON / "bolognese_crosscite.json")
    assert (crosscite.issued, crosscite.access_note) == ("2016-03-27", "open access")
    assert crosscite.licence is not None and crosscite.licence.iri == "https://creativecommons.org/licenses/by-nc-sa/4.0/"
    assert crosscite.abstract is not None and "<br>" not in crosscite.abstract


def test_namespace_prefix_and_mojibake() -> None:
    r = one(XML / "bolognese_ns0.xml")
    assert r.title == "LAMMPS Data-File Generator" and len(r.creators) == 5
    assert any("looks like UTF-8 read as Latin-1" in w and "Patiño" in w for w in warnings_of(r))


def test_oai_pmh_datacite_harvest() -> None:
    records, errors = read(ZENODO / "ListRecords-datacite-page1.xml")
    assert not errors and len(records) == 50 and all(r.doi for r in records)
    r = one(ZENODO / "GetRecord-datacite-10357859.xml")
    assert (r.doi, r.work_type, r.source_modified) == ("10.5281/zenodo.10357859", WorkType.SOFTWARE,
                                                        "2023-12-11T17:26:46Z")
    records, errors = read(ZENODO / "ListRecords-badArgument-prefixXXX.xml", "datacite")
    assert not records and isinstance(errors[0], FormatError) and "badArgument" in errors[0].message


def _oai_datacite(resource: bytes, status: str = "") -> bytes:
    """A real resource inside an oai_datacite (payload) OAI-PMH envelope, as oai.datacite.org serves it."""
    body = resource.split(b"?>", 1)[-1]
    return (b'<?xml version="1.0" encoding="UTF-8"?><OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">'
            b"<ListRecords><record><header" + status.encode() + b"><identifier>oai:oai.datacite.org:1</identifier>"
            b"<datestamp>2017-01-02T03:04:05Z</datestamp></header><metadata>"
            b'<oai_datacite xmlns="http://schema.datacite.org/oai/oai-1.1/"><schemaVersion>4</schemaVersion>'
            b"<datacentreSymbol>DATACITE.BLOG</datacentreSymbol><payload>" + body +
            b"</payload></oai_datacite></metadata></record>"
            b"<record><header status=\"deleted\"><identifier>oai:oai.datacite.org:2</identifier>"
            b"<datestamp>2017-01-02T03:04:05Z</datestamp></header></record></ListRecords></OAI-PMH>")


def test_oai_datacite_payload_and_deleted_records(tmp_path: Path) -> None:
    path = tmp_path / "oai.xml"
    path.write_bytes(_oai_datacite((XML / "bolognese_datacite.xml").read_bytes()))
    assert parsers.detect(path.read_bytes()) == "datacite"
    records, errors = read(path)
    (r,) = records
    assert (r.doi, r.title, r.source_modified) == (
        "10.5438/4K3M-NYVG", "Eating your own Dog Food", "2017-01-02T03:04:05Z")
    (deleted,) = errors
    assert "deleted" in deleted.message and deleted.record == "oai:oai.datacite.org:2"


def test_json_api_lists_deposited_xml_and_errors(tmp_path: Path) -> None:
    items = [json.loads((JSON / name).read_text("utf-8"))["data"] for name in
             ("bolognese-api_10.5438_4k3m-nyvg.json", "bolognese-api_10.5061_dryad.8515.json")]
    path = tmp_path / "list.json"
    path.write_text(json.dumps({"data": items}), "utf-8")
    records, errors = read(path)
    assert not errors and [r.doi for r in records] == ["10.5438/4k3m-nyvg", "10.5061/dryad.8515"]
    item = json.loads((JSON / "bolognese-api_10.2314_coscv1.json").read_text("utf-8"))
    item["data"]["attributes"]["titles"] = []
    path.write_text(json.dumps(item), "utf-8")
    r = one(path)
    assert r.title == "CoScience - Gemeinsam forschen und publizieren mit dem Netz"  # read from attributes.xml
    assert any("deposited XML" in w for w in warnings_of(r))
    path.write_text(json.dumps({"errors": [{"status": "404", "title": "The resource you are looking for doesn't "
                                                                      "exist."}]}), "utf-8")
    records, errors = read(path, "datacite")
    assert not records and len(errors) == 1 and "doesn't exist" in errors[0].message


def test_bad_values_are_warnings_and_a_missing_title_refuses(tmp_path: Path) -> None:
    data = json.loads((JSON / "bolognese_datacite.json").read_text("utf-8"))
    data["doi"], data["id"] = "10.5438/", "not a doi"
    path = tmp_path / "bad-doi.json"
    path.write_text(json.dumps(data), "utf-8")
    r = one(path)
    assert r.doi is None and r.other_ids["doi-as-given"] == ["10.5438/"] and "not a DOI" in " ".join(warnings_of(r))
    data["titles"] = []
    path.write_text(json.dumps(data), "utf-8")
    records, errors = read(path)
    assert not records and errors[0].field == "titles" and "no title" in errors[0].message


def test_broken_xml_costs_only_the_broken_record(tmp_path: Path) -> None:
    good = (XML / "bolognese_datacite.xml").read_bytes().split(b"?>", 1)[1]
    broken = good.replace(b"</publisher>", b"</publsher>")
    path = tmp_path / "many.xml"
    path.write_bytes(b'<?xml version="1.0" encoding="UTF-8"?><resources>' + good + broken + good + b"</resources>")
    records, errors = read(path)
    assert len(records) == 2 and len(errors) == 1 and errors[0].line is not None
    assert "10.5438/4K3M-NYVG" in errors[0].record


def test_rest_api_objects_for_publisher_and_affiliation_and_json_lines(tmp_path: Path) -> None:
    item = json.loads((JSON / "bolognese-api_10.5438_4k3m-nyvg.json").read_text("utf-8"))
    attributes = item["data"]["attributes"]
    attributes["publisher"] = {"name": "DataCite", "publisherIdentifier": "https://ror.org/04wxnsj81"}
    attributes["creators"][0]["affiliation"] = [{"name": "DataCite", "affiliationIdentifier": "https://ror.org/x"}]
    path = tmp_path / "objects.json"
    path.write_text(json.dumps(item), "utf-8")
    r = one(path)
    assert (r.publisher, r.creators[0].affiliation) == ("DataCite", "DataCite")
    lines = [json.dumps(json.loads((JSON / name).read_text("utf-8"))) for name in
             ("bolognese_datacite.json", "bolognese_datacite_software_version.json")]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    records, errors = read(path)
    assert not errors and [r.doi for r in records] == ["10.5438/4k3m-nyvg", "10.5281/ZENODO.2598836"]
