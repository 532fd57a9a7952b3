"""EPrints EP3 XML on what real exports hold (issue 15): DOIs outside <doi>, licences on documents, article numbers,
codes that are no concepts, kinds of item, bad ISBNs kept, people in their roles, ids, languages."""

from __future__ import annotations

from pathlib import Path

from mappings.model import AgentKind, Record, WorkType
from tests.helpers import read
from tests.test_parser_eprints_xml import _eprint, _file

CREATOR = ("<creators><item><name><family>Moss</family><given>Fraser J.</given></name><id>Moss-F-J</id>"
           "<orcid>0000-0002-8519-6991</orcid></item></creators>")


def _one(tmp_path: Path, *fields: str) -> Record:
    records, errors = read(_file(tmp_path, _eprint(1, "<title>T</title>", *fields)))
    assert not errors, [str(e) for e in errors]
    return records[0]


def _document(doc_id: int, licence: str, *, security: str = "public", derived: bool = False) -> str:
    relation = ("<relation><item><type>http://eprints.org/relation/isVersionOf</type><uri>x</uri></item></relation>"
                if derived else "")
    return (f"<document><docid>{doc_id}</docid><files><file><filename>f{doc_id}.pdf</filename>"
            f"<url>https://repo.example.ac.uk/1/{doc_id}/f.pdf</url></file></files><language>en</language>"
            f"<security>{security}</security><license>{licence}</license>{relation}</document>")


def test_a_doi_given_only_as_a_related_url_or_id_number(tmp_path: Path) -> None:
    r = _one(tmp_path, "<related_url><item><url>http://bmcneurosci.biomedcentral.com/articles/10.1186/1471-2202-4-23"
                       "</url><type>pub</type></item><item><url>https://doi.org/10.1186/1471-2202-4-23</url>"
                       "<type>doi</type></item><item><url>https://doi.org/10.1186/1471-2202-4-23</url><type>doi</type>"
                       "</item></related_url>")
    assert r.doi == "10.1186/1471-2202-4-23"
    assert r.related_urls == ["http://bmcneurosci.biomedcentral.com/articles/10.1186/1471-2202-4-23"]
    by_number = _one(tmp_path, "<id_number>doi:10.1088/0031-8949/2008/T130/014024</id_number>")
    assert by_number.doi == "10.1088/0031-8949/2008/T130/014024" and not by_number.other_ids
    local = _one(tmp_path, "<id_number>CaltechAUTHORS:MOSbmcn03</id_number>")
    assert local.doi is None and local.other_ids == {"local": ["CaltechAUTHORS:MOSbmcn03"]}


def test_the_licence_of_the_one_public_full_text(tmp_path: Path) -> None:
    r = _one(tmp_path, "<documents>" + _document(1, "cc_by") + _document(2, "other", derived=True)
             + _document(3, "cc_by_nc_4", security="staffonly") + "</documents>")
    assert r.licence is not None and (r.licence.iri, r.licence.family) == (None, "by")
    versioned = _one(tmp_path, "<documents>" + _document(1, "cc_by_nc_nd_4") + "</documents>")
    assert versioned.licence is not None
    assert versioned.licence.iri == "https://creativecommons.org/licenses/by-nc-nd/4.0/"
    mixed = _one(tmp_path, "<documents>" + _document(1, "cc_by") + _document(2, "cc_by_nc") + "</documents>")
    assert mixed.licence is None and [f.name for f in mixed.files] == ["f1.pdf", "f2.pdf"]


def test_article_numbers_and_page_counts(tmp_path: Path) -> None:
    r = _one(tmp_path, "<type>article</type>", "<publication>Chemical Engineering Journal</publication>",
             "<volume>427</volume>", "<pagerange>Art. No. 130923</pagerange>", "<pages>130923</pages>")
    assert r.host is not None and (r.host.article_number, r.host.page_start) == ("130923", None)
    assert r.page_count is None and "repeats the article number" in r.warnings[0].message
    book = _one(tmp_path, "<type>book</type>", "<pages>154</pages>")
    assert book.page_count == 154 and book.host is None


def test_codes_are_not_concepts(tmp_path: Path) -> None:
    r = _one(tmp_path, "<type>lab_notes</type>", "<subjects><item>cls</item><item>jpl</item></subjects>")
    assert r.work_type is WorkType.DOCUMENT and not r.subjects
    assert ("subjects", "cls; jpl") in [(u.label, u.value) for u in r.unmapped]
    unknown = _one(tmp_path, "<type>map_sheet</type>")
    assert unknown.work_type is WorkType.DOCUMENT and ("type", "map_sheet") in [(u.label, u.value)
                                                                                for u in unknown.unmapped]
    report = _one(tmp_path, "<type>monograph</type>", "<monograph_type>technical_report</monograph_type>")
    assert report.genres == ["Technical Report"]


def test_kinds_of_item_thesis_report_series_journal_issue(tmp_path: Path) -> None:
    thesis = _one(tmp_path, "<type>thesis</type>", "<thesis_type>phd</thesis_type>",
                  "<institution>University of Example</institution>", "<department>Physics</department>")
    assert thesis.degree is not None
    assert (thesis.degree.level, thesis.degree.institution, thesis.degree.department) == (
        "doctoral", "University of Example", "Physics")
    report = _one(tmp_path, "<type>monograph</type>", "<series>Air Force Rocket Propulsion Laboratory</series>",
                  "<number>AFRPL-TR-79-84</number>", "<institution>Guggenheim Jet Propulsion Center</institution>",
                  "<pages>86</pages>")
    assert report.series == [("Air Force Rocket Propulsion Laboratory", "AFRPL-TR-79-84")] and report.page_count == 86
    assert [(a.name, a.kind, a.roles) for a in report.contributors] == [
        ("Guggenheim Jet Propulsion Center", AgentKind.ORGANIZATION, ["isb"])]
    issue = _one(tmp_path, "<type>journal_issue</type>", "<publication>Engineering and Science</publication>",
                 "<volume>24</volume>", "<number>5</number>", "<issn>00137812</issn>")
    assert issue.work_type is WorkType.PERIODICAL and issue.host is not None and issue.host.periodical is not None
    assert (issue.host.periodical.issns, issue.host.volume, issue.host.issue) == (["0013-7812"], "24", "5")


def test_bad_isbns_are_warnings_and_lists_are_split(tmp_path: Path) -> None:
    r = _one(tmp_path, "<isbn>087070091X ; 0870700928 ; 0810961970</isbn>",
             "<isbns><item>087070091X ; 0870700928 ; 0810961970</item></isbns>")
    assert r.isbns == ["9780870700910", "9780870700927", "9780810961975"] and not r.warnings
    assert _one(tmp_path, "<isbn>292039469x</isbn>").isbns == ["9782920394698"]
    for bad in ("97816004910101", "88847270"):
        kept = _one(tmp_path, f"<isbn>{bad}</isbn>")
        assert not kept.isbns and kept.other_ids["isbn-as-given"] == [bad] and kept.warnings[0].field == "isbn"


def test_placeholders_anonymous_and_no_publisher(tmp_path: Path) -> None:
    r = _one(tmp_path, "<corp_creators><item>Anon.</item></corp_creators>", "<publisher>s.n.</publisher>",
             "<place_of_pub>Toronto, Ont.</place_of_pub>")
    assert not r.creators and r.publisher is None and r.place == "Toronto, Ont."
    assert [w.field for w in r.warnings] == ["corp_creators", "publisher"]
    body = _one(tmp_path, "<corp_creators><item><name>California Institute of Technology</name>"
                          "<id>California-Institute-of-Technology</id></item></corp_creators>")
    assert [(a.name, a.kind, a.identifiers) for a in body.creators] == [
        ("California Institute of Technology", AgentKind.ORGANIZATION, ["California-Institute-of-Technology"])]


def test_people_in_their_roles_with_their_ids(tmp_path: Path) -> None:
    r = _one(tmp_path, CREATOR,
             "<editors><item><name><family>Hutchings, Jr.</family><given>Edward</given></name>"
             "<id>Hutchings-E-Jr</id></item></editors>",
             "<contributors><item><type>curator</type><name><family>Moss</family><given>Fraser J.</given></name>"
             "</item><item><type>author</type><name><family>Moss</family><given>Fraser J.</given></name></item>"
             "<item><type>translator</type><name><family>Nadeau-Saumier</family><given>Monique</given></name></item>"
             "<item><type>prefacer</type><name><family>Hanna</family><given>Martha</given></name></item>"
             "<item><type>http://www.loc.gov/loc.terms/relators/ILL</type><name><family>Roe</family>"
             "<given>Jane</given></name></item></contributors>")
    (moss,) = r.creators
    assert (moss.roles, moss.orcid, moss.identifiers, moss.local_id) == (
        ["aut", "cur"], "0000-0002-8519-6991", ["Moss-F-J"], "Moss-F-J")
    assert [(a.family, a.given, a.roles) for a in r.contributors] == [
        ("Hutchings", "Edward", ["edt"]), ("Nadeau-Saumier", "Monique", ["trl"]), ("Hanna", "Martha", ["wpr"]),
        ("Roe", "Jane", ["ill"])]
    assert r.contributors[0].name == "Hutchings, Jr., Edward"
    assert r.contributors[0].variants == ["Edward Hutchings, Jr."]


def test_oral_history_interviewee_and_interviewer(tmp_path: Path) -> None:
    r = _one(tmp_path, "<type>oral_history</type>", "<creators><item><name><family>Veysey</family><given>Victor"
                       "</given></name><id>Veysey-V</id></item></creators>",
             "<interviewer>Shirley K. Cohen</interviewer>")
    assert not r.creators
    assert [(a.name, a.roles) for a in r.contributors] == [("Veysey, Victor", ["ive"]),
                                                           ("Shirley K. Cohen", ["ivr"])]


def test_languages_of_the_eprint_then_of_its_documents(tmp_path: Path) -> None:
    r = _one(tmp_path, "<language><item>en</item><item>fr</item></language>",
             "<documents>" + _document(1, "other") + "</documents>")
    assert r.languages == ["eng", "fre"]
    assert _one(tmp_path, "<documents>" + _document(1, "other") + "</documents>").languages == ["eng"]


def test_vague_and_bad_dates(tmp_path: Path) -> None:
    assert _one(tmp_path, "<date>1994</date>").issued == "1994"
    vague = _one(tmp_path, "<date>[ca. 1900]</date>")
    assert (vague.issued, vague.issued_text) == ("1900~", "[ca. 1900]")
    bad = _one(tmp_path, "<date>sometime</date>")
    assert bad.issued is None and bad.warnings[0].field == "date"
