"""oai_dc and uketd_dc on what real repositories export (issue 15): identifiers in every written form, citations,
abstracts among notes, HTML descriptions, subject headings, names with roles and titles, kinds, vague dates."""

from __future__ import annotations

from pathlib import Path

import pytest

from mappings.model import AgentKind, Record, WorkType
from tests.helpers import read
from tests.test_parser_oai_dc import _list_records, _oai_record

UKETD = ('<uketd_dc:uketddc xmlns:uketd_dc="http://naca.central.cranfield.ac.uk/ethos-oai/2.0/" '
         'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
         'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
         'xmlns:uketdterms="http://naca.central.cranfield.ac.uk/ethos-oai/terms/">')


def _one(tmp_path: Path, *elements: str, local_id: str = "1") -> Record:
    records, errors = read(_list_records(tmp_path, _oai_record(local_id, "<dc:title>T</dc:title>", *elements)))
    assert not errors, [str(e) for e in errors]
    return records[0]


@pytest.mark.parametrize(("value", "doi", "warned"), [
    ("10.1517/17425255.2011.598506", "10.1517/17425255.2011.598506", False),
    ("doi:10.2337/dc10-1547", "10.2337/dc10-1547", False),
    ("https://doi.org/10.5281/zenodo.10357859", "10.5281/zenodo.10357859", False),
    ("info:doi/10.1000/182", "10.1000/182", False),
    ("doi://10.1112/S0010437X1000494X", "10.1112/S0010437X1000494X", True),  # DASH: repaired, with a warning
])
def test_dois_in_every_written_form(tmp_path: Path, value: str, doi: str, warned: bool) -> None:
    r = _one(tmp_path, f"<dc:relation>{value}</dc:relation>")
    assert r.doi == doi
    assert bool(r.warnings) is warned


def test_a_doi_that_is_none_is_kept_as_given_and_another_works_doi_is_a_link(tmp_path: Path) -> None:
    r = _one(tmp_path, "<dc:identifier>https://doi.org/10.5281/zenodo.10357859</dc:identifier>",
             "<dc:relation>https://doi.org/10.5281/zenodo.596581</dc:relation>",
             "<dc:relation>doi://not-a-doi</dc:relation>")
    assert r.doi == "10.5281/zenodo.10357859"
    assert r.related_urls == ["https://doi.org/10.5281/zenodo.596581"]  # the concept DOI: a related work
    assert r.other_ids["doi-as-given"] == ["doi://not-a-doi"] and "not a DOI" in r.warnings[0].message


def test_bare_isbn_and_issn_are_recognised_and_checked(tmp_path: Path) -> None:
    r = _one(tmp_path, "<dc:type>Technical Report</dc:type>", "<dc:identifier>90-5539-124-7</dc:identifier>",
             "<dc:identifier>1566-7294</dc:identifier>", "<dc:identifier>016705971</dc:identifier>",
             "<dc:relation>Econometric Institute Reports;EI 2000-26/A</dc:relation>")
    assert r.isbns == ["9789055391240"]
    assert r.host is not None and r.host.periodical is not None
    assert (r.host.periodical.title, r.host.periodical.issns) == ("Econometric Institute Reports", ["1566-7294"])
    assert r.series == [("Econometric Institute Reports", "EI 2000-26/A")]
    assert r.other_ids == {"local": ["016705971"]}  # nine digits: no ISBN
    bad = _one(tmp_path, "<dc:identifier>90-5539-124-8</dc:identifier>")
    assert not bad.isbns and bad.other_ids["isbn-as-given"] == ["90-5539-124-8"]
    assert "check digit" in bad.warnings[0].message


def test_an_issn_without_a_title_is_an_identifier_with_a_warning(tmp_path: Path) -> None:
    r = _one(tmp_path, "<dc:identifier>1796-6361</dc:identifier>")
    assert r.host is None and r.other_ids["issn"] == ["1796-6361"] and "no journal" in r.warnings[0].message


@pytest.mark.parametrize(("citation", "title", "host"), [
    ("Chico, RM &lt;http://researchonline.lshtm.ac.uk/view/creators/105455.html&gt;; (2015) Bringing the state "
     "into the clinic?  Global public health.  pp. 1-15.  ISSN 1744-1692 DOI: 10.1080/17441692.2015.1091025 "
     "&lt;http://dx.doi.org/10.1080/17441692.2015.1091025&gt;", "Bringing the state into the clinic?",
     ("Global public health", None, None, "1", "15", ["1744-1692"])),
    ("Mazur, Barry, and Karl Rubin. 2011. Refined class number formulas and Kolyvagin systems. Compositio "
     "Mathematica 147(1): 56-74.", "Refined Class Number Formulas and Kolyvagin Systems",
     ("Compositio Mathematica", "147", "1", "56", "74", [])),
    ("Steijn, B. (1997) Ongelijkheid en klassen. Een bespreking [Social inequality and classes]. Tijdschrift voor "
     "Sociologie, 18(1-2), 251-266.", "Ongelijkheid en klassen. Een bespreking",
     ("Tijdschrift voor Sociologie", "18", "1-2", "251", "266", [])),
])
def test_journal_citations_give_the_host(tmp_path: Path, citation: str, title: str,
                                         host: tuple[object, ...]) -> None:
    records, _ = read(_list_records(tmp_path, _oai_record(
        "1", f"<dc:title>{title}</dc:title>", "<dc:type>Article</dc:type>",
        f"<dc:identifier>{citation}</dc:identifier>")))
    r = records[0]
    assert r.host is not None and r.host.periodical is not None
    got = (r.host.periodical.title, r.host.volume, r.host.issue, r.host.page_start, r.host.page_end,
           r.host.periodical.issns)
    assert got == host


def test_chapter_and_proceedings_citations(tmp_path: Path) -> None:
    records, _ = read(_list_records(
        tmp_path,
        _oai_record("1", "<dc:title>Poly(2-ethylacrylic acid)</dc:title>", "<dc:type>Book Section</dc:type>",
                    "<dc:identifier>Ferritto, M. S. and Tirrell, D. A. (1992) Poly(2-ethylacrylic acid). In: "
                    "Macromolecular Syntheses. Vol.11. Wiley , New York, NY, pp. 59-62.</dc:identifier>"),
        _oai_record("2", "<dc:title>Improving Performance Isolation</dc:title>", "<dc:type>Monograph or Book</dc:type>",
                    "<dc:identifier>Feorova, Alexandra. 2007. Improving performance isolation. In Proceedings of "
                    "the 16th Conference (PACT 2007), Brasov, 5-38. Los Alamitos, CA: IEEE.</dc:identifier>",
                    "<dc:identifier>0-7695-2944-5</dc:identifier>",
                    "<dc:relation>Proceedings of the Sixteenth Conference (PACT 2007)</dc:relation>")))
    chapter, paper = records
    assert chapter.host is not None
    assert (chapter.host.book_title, chapter.host.volume, chapter.host.page_start, chapter.host.page_end) == (
        "Macromolecular Syntheses", "11", "59", "62")
    assert paper.work_type is WorkType.CONFERENCE_PAPER and paper.host is not None
    assert paper.host.book_title == "Proceedings of the Sixteenth Conference (PACT 2007)"
    assert paper.host.book_isbns == ["9780769529448"] and not paper.isbns
    assert not [n for n in paper.notes if "Sixteenth" in n]  # the relation is the host, not a note


def test_sources_journal_article_number_page_count_event(tmp_path: Path) -> None:
    r = _one(tmp_path, "<dc:type>Article</dc:type>",
             "<dc:source>J. Chem. Phys. 123, 064507 (2005) (6 pages)</dc:source>")
    assert r.host is not None and r.host.periodical is not None
    assert (r.host.periodical.title, r.host.volume, r.host.article_number, r.page_count) == (
        "J. Chem. Phys.", "123", "064507", 6)
    talk = _one(tmp_path, "<dc:type>info:eu-repo/semantics/lecture</dc:type>",
                "<dc:source>PyHEP 2023 Workshop, 9-12 October 2023</dc:source>")
    assert talk.event is not None and (talk.event.name, talk.event.start, talk.event.end) == (
        "PyHEP 2023 Workshop", "2023-10-09", "2023-10-12")
    thesis = _one(tmp_path, "<dc:type>info:eu-repo/semantics/doctoralThesis</dc:type>",
                  "<dc:publisher>HAL CCSD</dc:publisher>",
                  "<dc:source>Cancer. Université Montpellier, 2018. Français. &amp;#x27E8;NNT&amp;#x27E9;</dc:source>")
    assert thesis.degree is not None and thesis.degree.institution == "Université Montpellier"
    assert thesis.notes == ["Source: Cancer. Université Montpellier, 2018. Français. ⟨NNT⟩"]


def test_the_abstract_reads_like_one(tmp_path: Path) -> None:
    abstract = ("A lot of attention has been devoted to multimedia indexing over the past few years. In the "
                "literature, we often consider two kinds of fusion schemes.")
    wrapped = abstract.replace(" multimedia", "\n    multimedia").replace(" In the", "\n    In the")
    r = _one(tmp_path, f"<dc:description>\n  {wrapped}\n</dc:description>",
             "<dc:description>Comment: 14 pages, 6 figures</dc:description>")
    assert r.abstract == abstract and r.notes == ["Comment: 14 pages, 6 figures"]
    photo = _one(tmp_path, "<dc:description>Original image digitized November 23, 2010</dc:description>",
                 "<dc:description>Three unidentified female nursing students pose at the library.</dc:description>")
    assert photo.abstract and photo.abstract.startswith("Three unidentified")
    none = _one(tmp_path, "<dc:description>[no abstract]</dc:description>",
                "<dc:description>Key: C Major</dc:description>", "<dc:description>14 pages</dc:description>")
    assert none.abstract is None and none.notes == ["Key: C Major", "14 pages"]
    assert "placeholder" in none.warnings[0].message


def test_html_descriptions_escaped_once_or_twice_become_text(tmp_path: Path) -> None:
    r = _one(tmp_path, '<dc:description>&amp;lt;h2&amp;gt;&amp;lt;a href="https://x.org"&amp;gt;RDMO 2.1.0'
                       '&amp;lt;/a&amp;gt; (Dec 11, 2023)&amp;lt;/h2&amp;gt; &amp;lt;ul&amp;gt;&amp;lt;li&amp;gt;'
                       'Refactor progress bar&amp;lt;/li&amp;gt;&amp;lt;/ul&amp;gt;</dc:description>')
    assert r.abstract == "RDMO 2.1.0 (Dec 11, 2023)\n\nRefactor progress bar"
    once = _one(tmp_path, "<dc:description>&lt;p&gt;Data and R code for &amp;ldquo;A new method&amp;rdquo; by Lin "
                          "et al. and more words here for a while&lt;/p&gt;</dc:description>")
    assert once.abstract == "Data and R code for “A new method” by Lin et al. and more words here for a while"


def test_subject_headings_and_code_lists(tmp_path: Path) -> None:
    r = _one(tmp_path, "<dc:subject>C21 - Cross-Sectional Models ; Spatial Models</dc:subject>",
             "<dc:subject>M;M10;L2;L14</dc:subject>", "<dc:subject>Self-help groups; Peer support</dc:subject>")
    assert r.keywords == ["C21 - Cross-Sectional Models ; Spatial Models", "M", "M10", "L2", "L14",
                          "Self-help groups", "Peer support"]


def test_names_roles_titles_bodies_and_repeats(tmp_path: Path) -> None:
    r = _one(tmp_path, "<dc:creator>Tan, Prof. Dr. Uner</dc:creator>", "<dc:creator>Fikkan, Janna</dc:creator>",
             "<dc:creator>Fikkan, Janna</dc:creator>", "<dc:creator>Smith, Jane (Supervisor)</dc:creator>",
             "<dc:creator>Helsingin yliopisto, kulttuurien tutkimuksen laitos, kansatiede</dc:creator>",
             "<dc:contributor>Tan, Prof. Dr. Uner</dc:contributor>",
             "<dc:contributor>Briquet, Jean (Composer)</dc:contributor>",
             "<dc:contributor>Central Arizona Project (U.S.) (Recipient)</dc:contributor>",
             "<dc:contributor>Jerome H. Remick &amp; Co. (Publisher)</dc:contributor>",
             "<dc:contributor>ORIGINAL</dc:contributor>", "<dc:contributor>A., Auricchio</dc:contributor>")
    assert [(a.name, a.kind, a.family, a.given) for a in r.creators] == [
        ("Tan, Uner", AgentKind.PERSON, "Tan", "Uner"), ("Fikkan, Janna", AgentKind.PERSON, "Fikkan", "Janna"),
        ("Helsingin yliopisto, kulttuurien tutkimuksen laitos, kansatiede", AgentKind.ORGANIZATION, None, None)]
    assert [(a.name, a.kind, a.roles) for a in r.contributors] == [
        ("Smith, Jane", AgentKind.PERSON, ["ths"]), ("Briquet, Jean", AgentKind.PERSON, ["ctb", "cmp"]),
        ("Central Arizona Project (U.S.)", AgentKind.ORGANIZATION, ["ctb", "rcp"]),
        ("Jerome H. Remick & Co.", AgentKind.ORGANIZATION, ["ctb", "pbl"]),
        ("A., Auricchio", AgentKind.PERSON, ["ctb"])]
    assert (r.contributors[-1].family, r.contributors[-1].given) == ("Auricchio", "A.")
    messages = " | ".join(w.message for w in r.warnings)
    assert "listed twice" in messages and "bundle" in messages and "initials in the family slot" in messages


@pytest.mark.parametrize(("types", "kind"), [
    (["Notated Music", "Image"], WorkType.MUSIC_SCORE), (["Preprint"], WorkType.ARTICLE),
    (["Photograph"], WorkType.IMAGE), (["Report or Paper", "PeerReviewed"], WorkType.REPORT),
    (["Journal (On-line/Unpaginated)"], WorkType.ARTICLE), (["info:eu-repo/semantics/conferenceObject"],
                                                              WorkType.CONFERENCE_PAPER),
    (["software"], WorkType.SOFTWARE), (["Thesis (Ph.D.)"], WorkType.THESIS), (["text"], WorkType.DOCUMENT),
])
def test_dc_types(tmp_path: Path, types: list[str], kind: WorkType) -> None:
    r = _one(tmp_path, *(f"<dc:type>{t}</dc:type>" for t in types))
    assert r.work_type is kind


def test_repository_conventions_for_the_kind(tmp_path: Path) -> None:
    records, _ = read(_list_records(
        tmp_path,
        _oai_record("1", "<dc:title>E-print</dc:title>", "<dc:type>text</dc:type>").replace(
            "oai:repo.example.ac.uk:1", "oai:arXiv.org:1207.1019"),
        _oai_record("2", "<dc:title>RDMO</dc:title>", "<dc:type>info:eu-repo/semantics/other</dc:type>",
                    "<dc:relation>https://github.com/rdmorganiser/rdmo/tree/2.1.0</dc:relation>").replace(
            "oai:repo.example.ac.uk:2", "oai:zenodo.org:10357859")))
    assert [r.work_type for r in records] == [WorkType.ARTICLE, WorkType.SOFTWARE]
    assert all(r.warnings and r.warnings[0].field == "dc:type" for r in records)


@pytest.mark.parametrize(("dates", "issued", "text"), [
    (["2005?"], "2005?", "2005?"), (["1945?-1950?"], "1945?/1950?", "1945?-1950?"),
    (["2012-12-18T19:39:29Z", "2007"], "2007", None), (["2003-07-14T13:15:45Z"], "2003-07-14", None),
])
def test_dates_keep_their_precision(tmp_path: Path, dates: list[str], issued: str, text: str | None) -> None:
    r = _one(tmp_path, *(f"<dc:date>{d}</dc:date>" for d in dates))
    assert (r.issued, r.issued_text) == (issued, text)


def test_uketd_dates_supervisors_and_author_ids(tmp_path: Path) -> None:
    path = tmp_path / "ethos.xml"
    path.write_text(
        "<ListRecords>" + UKETD + "<dc:creator>Hawking, Stephen</dc:creator>"
        '<uketdterms:authoridentifier xsi:type="uketdterms:ORCID">000000029079593X</uketdterms:authoridentifier>'
        '<uketdterms:authoridentifier xsi:type="uketdterms:ISNI">0000000121034996</uketdterms:authoridentifier>'
        "<dcterms:issued>01/01/1966</dcterms:issued><dc:title>Properties of expanding universes</dc:title>"
        "<uketdterms:institution>University of Chester</uketdterms:institution>"
        "<dc:publisher>University of Liverpool</dc:publisher>"
        "<uketdterms:advisor>Gunn, Roger N. ; Mark, Jenkinson</uketdterms:advisor>"
        "<uketdterms:sponsor>BBSRC ; GlaxoSmithKline</uketdterms:sponsor>"
        "<uketdterms:embargodate>30/09/2020</uketdterms:embargodate>"
        "<dcterms:isReferencedBy>http://hdl.handle.net/10034/314712</dcterms:isReferencedBy>"
        "<dc:identifier>http://repo.example.ac.uk/1/thesis.pdf</dc:identifier></uketd_dc:uketddc></ListRecords>")
    records, errors = read(path)
    assert not errors
    (r,) = records
    assert r.source_id == r.landing_page == "http://hdl.handle.net/10034/314712"
    assert r.issued == "1966" and any("01/01 is EThOS's placeholder" in w.message for w in r.warnings)
    assert (r.creators[0].orcid, r.creators[0].identifiers) == (
        "0000-0002-9079-593X", ["https://isni.org/isni/0000000121034996"])
    assert [(a.family, a.given, a.roles) for a in r.contributors] == [("Gunn", "Roger N.", ["ths"]),
                                                                      ("Mark", "Jenkinson", ["ths"])]
    assert any("may be inverted" in w.message for w in r.warnings)
    assert [f.funder for f in r.funding] == ["BBSRC", "GlaxoSmithKline"]
    assert r.access_note == "Full text under embargo until 2020-09-30"
    assert r.degree is not None and r.degree.institution == "University of Chester"
    assert r.publisher == "University of Liverpool"


def test_a_bare_record_without_the_oai_envelope_is_read(tmp_path: Path) -> None:
    path = tmp_path / "bare.xml"
    path.write_text('<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" '
                    'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:identifier>90-9014980-5</dc:identifier>'
                    "<dc:identifier>http://hdl.handle.net/1765/315</dc:identifier><dc:title>De vrouwenbeweging online"
                    "</dc:title><dc:type>Technical Report</dc:type></oai_dc:dc>")
    records, errors = read(path)
    assert not errors
    (r,) = records
    assert r.source_id == r.landing_page == "http://hdl.handle.net/1765/315"
    assert r.isbns == ["9789090149806"] and r.work_type is WorkType.REPORT


@pytest.mark.parametrize(("body", "said"), [
    ("<ListIdentifiers><header><identifier>oai:x:1</identifier></header></ListIdentifiers>",
     "ListIdentifiers response, which carries no metadata records"),
    ("<Identify><repositoryName>X</repositoryName></Identify>", "Identify response"),
])
def test_an_empty_result_says_what_it_found(tmp_path: Path, body: str, said: str) -> None:
    path = tmp_path / "empty.xml"
    path.write_text('<?xml version="1.0"?>\n<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">'
                    f"<responseDate>2024-01-01T00:00:00Z</responseDate>{body}</OAI-PMH>\n")
    records, errors = read(path, "oai-dc")
    assert not records and len(errors) == 1 and said in errors[0].message


def test_more_repository_conventions(tmp_path: Path) -> None:
    records, errors = read(_list_records(
        tmp_path,
        _oai_record("1", "<dc:title>Data from: Gene exchange</dc:title>", "<dc:type>Article</dc:type>",
                    "<dc:identifier>doi:10.5061/dryad.b56n0</dc:identifier>"),
        _oai_record("2", "<dc:title>Survey tabulations</dc:title>", "<dc:type>Tabulations</dc:type>",
                    "<dc:description>Citation: Baker, Jesse, \"Survey tabulations\", http://hdl.handle.net/10864/"
                    "10949 Labour Statistics Division [Distributor] V4 [Version]</dc:description>"),
        _oai_record("3", "<dc:title>Field studies</dc:title>", "<dc:type>text</dc:type>",
                    "<dc:source>Master&#39;s Theses and Project Reports</dc:source>",
                    "<dc:date>2014-12-01T08:00:00Z</dc:date>"),
        _oai_record("4", "<dc:title>Only a year</dc:title>", "<dc:date>2015-01-01T08:00:00Z</dc:date>"),
        _oai_record("5", "<dc:status>Item is not available</dc:status>")))
    dryad, dataverse, thesis, year = records
    assert [r.work_type for r in records] == [WorkType.DATASET, WorkType.DATASET, WorkType.THESIS, WorkType.DOCUMENT]
    assert dataverse.abstract is None and dataverse.notes[0].startswith("Citation:")
    assert thesis.degree is not None and thesis.degree.level == "masters" and thesis.issued == "2014-12-01"
    assert year.issued == "2015" and "year only" in year.warnings[0].message  # bepress's date as a timestamp
    assert dryad.warnings[0].field == "dc:type"
    (error,) = errors
    assert error.message == "no title (the record holds only dc:status 'Item is not available')"


@pytest.mark.parametrize(("citation", "title", "host"), [
    ("Chico, RM; (2011) Intermittent treatment. Tropical medicine &amp; international health , 16 (7). 774–785. "
     "ISSN 1360-2276 DOI: 10.1111/j.1365-3156.2011.02765.x", "Intermittent treatment",
     ("Tropical medicine & international health", "16", "7", "774", "785")),
    ("McKee, M; (2012) Martin McKee replies. BMJ, 344. e921. ISSN 1468-5833", "Martin McKee replies",
     ("BMJ", "344", None, "e921", None)),
    ("X, A; (2015) The impact. AIDS (London, England), 29 (14). pp. 1855-62. ISSN 0269-9370", "The impact",
     ("AIDS (London, England)", "29", "14", "1855", "62")),
    ("X, A; (2015) Stories. Culture, medicine and psychiatry. ISSN 0165-005X", "Stories",
     ("Culture, medicine and psychiatry", None, None, None, None)),
    ("X, A; (2014) Smoking. Social science &amp; medicine (1982), 108. pp. 106-14. ISSN 0277-9536", "Smoking",
     ("Social science & medicine (1982)", "108", None, "106", "14")),
])
def test_eprints_citation_variants(tmp_path: Path, citation: str, title: str, host: tuple[object, ...]) -> None:
    records, _ = read(_list_records(tmp_path, _oai_record(
        "1", f"<dc:title>{title}</dc:title>", "<dc:type>Article</dc:type>",
        f"<dc:identifier>{citation}</dc:identifier>")))
    r = records[0]
    assert r.host is not None and r.host.periodical is not None
    assert (r.host.periodical.title, r.host.volume, r.host.issue, r.host.page_start, r.host.page_end) == host
