"""The MARC 21 parsers on real records from other projects' fixtures (tests/real/records, SOURCES.tsv):
roles, authority ids, kinds, languages, encodings, 880 scripts, publishers, ISBNs, vague dates, refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

from mappings.model import AgentKind, Record, RecordError, WorkType
from tests.helpers import read

REAL = Path(__file__).resolve().parent / "real" / "records"


def _records(name: str) -> tuple[list[Record], list[RecordError]]:
    fmt = "marcxml" if name.endswith(".xml") else "marc"
    return read(REAL / fmt / name)


def _one(name: str, position: int = 1) -> Record:
    records, _ = _records(name)
    return next(r for r in records if r.source_position == position)


def _roles(r: Record) -> tuple[list[tuple[str, list[str]]], list[tuple[str, list[str]]]]:
    return [(a.name, a.roles) for a in r.creators], [(a.name, a.roles) for a in r.contributors]


def test_relator_codes_typed_into_names_make_distributors_not_authors() -> None:
    r = _one("marc4j_kan1222221.mrc")  # "710 2_ $a3DD Group (Firm),$4dst": the $4 typed as text
    assert r.work_type is WorkType.VIDEO  # leader/06 g, 336 two-dimensional moving image
    creators, contributors = _roles(r)
    assert creators == []
    assert contributors[:2] == [("3DD Group (Firm)", ["dst"]), ("Kanopy (Firm)", ["dst"])]
    # two 264 _1 statements: the first publisher is the publisher, the second is kept as one too
    assert r.publisher == "3DD Group" and contributors[2] == ("Kanopy Streaming", ["pbl"])


def test_relator_terms_authors_and_illustrators_of_one_surname() -> None:
    r = _one("marc4j_unordered-directory-entries.mrc")
    assert _roles(r) == ([("Sill, Cathryn P.", ["aut"])], [("Sill, John", ["ill"])])
    assert r.creators[0].dates == "1953-"


def test_main_entry_with_a_performer_code_is_a_contributor() -> None:
    r = _one("traject_louis_armstrong.mrc")
    assert r.work_type is WorkType.MUSIC_RECORDING
    assert _roles(r) == ([], [("Armstrong, Louis", ["prf"])])


def test_editors_named_only_in_the_statement_of_responsibility() -> None:
    koha = _one("marc4j_1474920681_KOHA_LFL_5.xml")  # 100 Penz without relator; 245 $c "edited by Francois Penz"
    assert _roles(koha) == ([], [("Penz, Francois", ["edt"])])
    greek = _one("marc4j_OCLC_814388508.xml")  # "epistēmonikē epimeleia, Angelikē Giannikourē"
    assert _roles(greek)[1][0] == ("Giannikourē, A.", ["edt"])
    assert greek.contributors[1].kind is AgentKind.ORGANIZATION and greek.contributors[1].roles == ["ctb"]
    liturgy = _one("marc4j_sample1.mrc", 7)  # "sous la direction de ... ; adaptation ... sous la direction d'"
    assert _roles(liturgy) == ([], [("Sartore, Domenico", ["edt"]), ("Triacca, Achille M.", ["edt"]),
                                    ("Delhougne, Henri", ["ctb"])])


def test_added_entries_without_relators_are_contributors_and_meetings_are_meetings() -> None:
    r = _one("traject_microform_online_conference.mrc")
    (meeting,) = r.creators
    assert meeting.kind is AgentKind.MEETING
    assert meeting.name == "Conference on Artificial Intelligence Applications (4th : 1988 : San Diego, Calif.)"
    assert r.event is not None and r.event.name == "Conference on Artificial Intelligence Applications"
    assert [(a.kind, a.roles) for a in r.contributors] == [(AgentKind.ORGANIZATION, ["ctb"])] * 2
    hebrew = _one("marcperl_hebrew1.mrc")  # a serial's 710 without relator, no 1XX
    assert hebrew.work_type is WorkType.PERIODICAL and not hebrew.creators
    assert hebrew.contributors[0].variants == ["איגוד כללי של סופרים בישראל"]  # its 880


def test_dates_typed_into_a_name_and_role_terms_with_capitals() -> None:
    r = _one("rubymarc_one.xml")
    lomax = r.contributors[0]
    assert (lomax.name, lomax.dates, lomax.roles) == ("Lomax, John Avery", "1867-1948", ["rce"])
    assert r.contributors[2].roles == ["sng"]  # "Singer."


def test_authority_ids_are_kept_as_given_and_joint_authors_are_authors() -> None:
    r = _one("rubymarc_messed_up_leader.xml")  # $0 URIs with an ISBD period after them
    # 245 $c "Jörg Römbke, Johann F. Moltmann.": the 700 without relator is the second author
    assert [(a.name, a.roles) for a in r.creators] == [("Römbke, Jörg", ["aut"]), ("Moltmann, Johann Felix", ["aut"])]
    assert [a.identifiers for a in r.creators] == [["http://id.loc.gov/authorities/names/n95093926"],
                                                  ["http://id.loc.gov/authorities/names/n91002202"]]


@pytest.mark.parametrize(("name", "kind"), [
    ("marc4j_rec1.mrc", WorkType.DATASET),  # leader/06 m, 008/26 fill: 336 "computer dataset"
    ("traject_multi_era.mrc", WorkType.BOOK),  # leader/06 m, but "xii, 333 p." and nothing electronic
    ("traject_nature.mrc", WorkType.PERIODICAL),
    ("traject_missing-second-date.mrc", WorkType.MAP),
])
def test_kind_from_leader_008_and_content_type(name: str, kind: WorkType) -> None:
    assert _one(name).work_type is kind


def test_not_bibliographic_records_are_refused_saying_what_they_are() -> None:
    records, errors = _records("marc4j_sample1.mrc")  # four holdings records between four books
    assert [r.source_position for r in records] == [1, 3, 5, 7]
    assert len(errors) == 4 and all("a MARC holdings record, not bibliographic" in e.message for e in errors)
    _, (authority,) = _records("dnb_marc21rs_ada.mrc")
    assert "a MARC authority record" in authority.message
    _, errors = _records("invenio_demo_record_marc_data_cut.xml")  # no leader: 980 AUTHORITY says so
    assert [e.message for e in errors if "authority" in e.message] == [
        "a MARC authority record, not bibliographic (980 AUTHORITY)"]
    _, errors = _records("marc4j_pride-and-prejudice_cut.mrc")
    assert len(errors) == 1 and "UNIMARC" in errors[0].message


def test_languages_collective_codes_and_other_schemes() -> None:
    assert _one("marc4j_azdoud.xml").languages == ["fre", "ber"]  # Berber languages: a collective code
    assert _one("traject_iso639-3_lang.mrc").languages == ["nor", "eng"]  # not the 041 _7 $2 iso639-3 "nob"
    assert _one("rubymarc_utf8.mrc").languages == ["chi", "tha", "eng"]  # packed "chithaeng"


def test_marc8_problems_are_warnings_naming_the_field_and_nothing_is_printed(
        capfd: pytest.CaptureFixture[str]) -> None:
    records, errors = _records("marc4j_greekmissingcharsetchange.mrc")
    out, err = capfd.readouterr()
    assert not errors and out == "" and err == ""  # pymarc used to print "Unable to parse character ..."
    missing_escape, references, utf8 = records
    fields = {w.field for w in missing_escape.warnings}
    assert {"880 (245-01) $b", "880 (260-02) $a", "880 (700-03) $a"} <= fields
    assert all("escape back to ASCII is missing" in w.message for w in missing_escape.warnings)
    # the garbled 880s give no alternative title and no name variant: kept as unmapped fields
    assert not any("Ϟ" in t for t in missing_escape.alternative_titles)
    assert missing_escape.contributors[0].variants == []
    # MARC-8 numeric character references are the characters they name, with the diacritic on them
    assert references.contributors[1].variants == ["Greece. Αρχαιολογικου Ινστιτουτου Αιγαιακών Σπουδών"]
    assert not any("&#x" in str(v) for r in records for v in [r.title, r.subtitle, *r.alternative_titles])
    assert utf8.contributors[0].variants == ["Γιαννικουρη, Α."]  # an initial keeps its period


def test_broken_eacc_and_wrongly_declared_encodings_keep_the_record() -> None:
    eacc = _one("pymarc_bad_eacc_encoding.mrc")
    assert eacc.title == "Beikoku no tōchi no shikumi"
    assert {w.field for w in eacc.warnings} == {"880 (245-01) $a"}
    accented = _one("rubymarc_marc8_accented_chars.mrc")  # leader/09 says UTF-8, the bytes are MARC-8
    assert accented.title == 'Histoire du "nouveau théâtre."' and accented.creators[0].name == "Serreau, Geneviève"
    (warning,) = accented.warnings  # one warning for the record, on the leader that names the wrong encoding
    assert warning.field == "leader/09" and "read as MARC-8" in warning.message
    liturgy = _one("marc4j_sample1.mrc", 7)  # invalid UTF-8 bytes in 245 $c
    assert [w.field for w in liturgy.warnings] == ["245 $c"]


def test_880_names_are_variants_of_the_person() -> None:
    assert _one("marc4j_cyrillic_capital_e.mrc").creators[0].variants == ["Буйда, Юрий"]
    assert _one("marcperl_cjk1.mrc").creators[0].variants == ["大正 十三造"]


def test_every_publisher_is_kept_once() -> None:
    r = _one("traject_multi_era.mrc")  # 260 $bClarendon Press ;$aNew York :$bOxford University Press
    assert r.publisher == "Clarendon Press"
    assert [(a.name, a.kind, a.roles) for a in r.contributors] == [
        ("Oxford University Press", AgentKind.ORGANIZATION, ["pbl"])]
    twice = _one("marc4j_cyrillic_capital_e.mrc", 2)  # two 260s: "Ėksmo" and "ĖKSMO"
    assert twice.publisher == "Ėksmo" and not twice.contributors


def test_isbns_with_glued_qualifiers_and_bad_ones() -> None:
    novels = _one("marc4j_pride-and-prejudice_cut.mrc", 1)  # "0192547011(v1)" ...
    assert novels.isbns == ["9780192547019", "9780192547026", "9780192547033", "9780192547064"]
    complete = _one("marc4j_pride-and-prejudice_cut.mrc", 2)  # "0-397-47189-17 (v. 1)" has 11 digits
    assert complete.isbns == ["9780394718927"]
    assert [(w.field, "0-397-47189-17" in w.message) for w in complete.warnings] == [("020 $a", True)]
    nature = _one("traject_nature.mrc")  # 022 $z 0302-2889 is a cancelled ISSN
    assert nature.other_ids["issn"] == ["0028-0836"]


@pytest.mark.parametrize(("name", "position", "issued", "words"), [
    ("marc4j_pride-and-prejudice_cut.mrc", 4, "19XX", "19--"),
    ("marc4j_pride-and-prejudice_cut.mrc", 3, "191X?", "[191-?]"),
    ("marc4j_pride-and-prejudice_cut.mrc", 1, "1932/1954", "1932-1954"),
    ("rubymarc_utf8.mrc", 1, "197X?", "197-?]"),
    ("traject_missing-second-date.mrc", 1, "1678/..", "post. 1678]"),
    ("marcperl_hebrew1.mrc", 1, "1998/..", "c1998-"),
    ("traject_nature.mrc", 1, "1869-11-04/..", "v. 1- Nov. 4, 1869-"),
    ("marc4j_sample1.mrc", 7, "1992/2002", "c1992-c2002"),
])
def test_vague_dates_keep_their_precision(name: str, position: int, issued: str, words: str) -> None:
    r = _one(name, position)
    assert (r.issued, r.issued_text) == (issued, words)


def test_records_without_001_are_identified_by_their_numbers_with_a_warning() -> None:
    records, _ = _records("invenio_demo_record_marc_data_cut.xml")
    assert records[0].source_id == "marc:unknown:isbn:0898710022"
    assert records[4].source_id == "marc:SzGeCERN:035:(SPIRES)4066995"
    assert records[4].work_type is WorkType.REPORT  # no leader: 980 ARTICLE without a journal, 037 number
    assert (records[4].issued, records[4].publisher) == ("1999-04-26", "CERN")  # Invenio's 269
    assert [(w.field, w.line) for w in records[0].warnings] == [("001", 3)]
    assert [a.name for a in records[4].contributors][:2] == ["ALEPH Collaboration", "DELPHI Collaboration"]


def test_bare_records_without_a_root_element_are_all_read() -> None:
    records, errors = _records("evergreen_serials_marc21.xml")  # seven <record>s, no <collection>
    assert not errors and len(records) == 7
    assert [r.source_position for r in records] == [1, 2, 3, 4, 5, 6, 7]
    assert all(r.work_type is WorkType.PERIODICAL for r in records)
    cin, nrc = records[1], records[2]
    assert cin.subtitle is None  # 245 $b "[electronic resource]" is a misplaced GMD
    assert nrc.subtitle is None and "Le CNRC à l'oeuvre" in nrc.alternative_titles  # "=" $b: a parallel title
    assert (nrc.issued, nrc.issued_text) == ("2007-21/..", "Spring 2007-")  # 362 "Spring 2007- = Printemps 2007-"
    assert records[0].other_ids["issn"] == ["0009-7330", "1524-4571"]


def test_holdings_in_marcxml_and_an_authority_with_a_broken_leader_are_refused() -> None:
    records, errors = _records("evergreen_serials_mfhd.xml")
    assert not records and len(errors) == 7
    assert all("a MARC holdings record, not bibliographic (leader/06 'y')" in e.message for e in errors)
    assert errors[0].line == 3
    _, (authority,) = _records("evergreen_auth-subset100_cut.mrc")  # leader/20-23 "45 0": still detected
    assert "a MARC authority record" in authority.message


def test_isbn_subfield_z_and_eans_are_never_isbns() -> None:
    records, _ = _records("evergreen_badisbns.xml")
    assert [r.isbns for r in records[:3]] == [[], [], ["9780553204308", "9780553268478"]]
    teen_patti = records[9]
    assert teen_patti.isbns == [] and teen_patti.other_ids["ean"] == ["8901452100503"]
    assert [(w.field, w.line) for w in teen_patti.warnings] == [("020 $a", 12)]  # the record's line
    assert [(a.name, a.roles) for a in records[3].creators] == [  # 245 $c "by ... Mason and ... Kock"
        ("Mason, Bernard Sterling", ["aut"]), ("Kock, Frederic H.", ["aut"])]


@pytest.mark.parametrize(("name", "position", "issued", "words"), [
    ("evergreen_hebrew_cut.mrc", 1, "[1985,1986]", "746 [1985 or 1986]"),  # Hebrew year, Gregorian bracketed
    ("evergreen_hebrew_cut.mrc", 3, "1954/1973", "5715-733 [1954 or 1955-1972 or 1973]"),
    ("evergreen_nepali_cut.mrc", 1, "1964", "2021 [1964]"),  # Vikram Samvat 2021; 008 says 1964
    ("evergreen_RDA_record_PHOTO_Srid_pa_ho.mrc", 1, "1900/..", "[not before 1900]"),
])
def test_dates_in_other_calendars_and_rda_phrases(name: str, position: int, issued: str, words: str) -> None:
    r = _one(name, position)
    assert (r.issued, r.issued_text) == (issued, words)


def test_no_publisher_phrases_and_split_or_doubled_fields() -> None:
    assert _one("evergreen_hebrew_cut.mrc", 2).publisher is None  # "ḥ. mo. l.": Hebrew for s.n.
    assert _one("evergreen_RDA_record_DVD_Jorge_Mautner.mrc").publisher is None  # "[publisher not identified]"
    nepali = _one("evergreen_nepali_cut.mrc")  # two 100s and two 245s: Devanagari, then romanised
    assert [(a.name, a.variants) for a in nepali.creators] == [("शाह, वीरेन्द्रविक्रम", ["Śāha, Vīrendravikram"])]
    assert nepali.title == "बिहानी टुसा" and "Bihānī Ṭusā" in nepali.alternative_titles
    fsl = _one("evergreen_FSL_cut.mrc")  # 260 split in two fields; UTF-8 under a MARC-8 leader
    assert (fsl.place, fsl.publisher, fsl.issued) == ("Москва", "Правда", "1989")
    assert [(a.name, a.roles) for a in fsl.contributors] == [("Пчелко, И.И.", ["ill"])]
    assert [w.field for w in fsl.warnings] == ["leader/09"]


def test_a_fuller_form_of_the_author_is_no_second_author() -> None:
    r = _one("evergreen_lul_fre_100_cut.mrc", 3)  # 100 "Reinecker, Heinrich", 700 "Reinecker, Heinrich A."
    assert [a.name for a in r.creators] == ["Reinecker, Heinrich"]
    assert [(a.name, a.roles) for a in r.contributors] == [("Reinecker, Heinrich A.", ["ctb"])]


def test_a_broken_leader_and_directory_are_repaired_and_nothing_is_printed(
        capfd: pytest.CaptureFixture[str]) -> None:
    r = _one("openlibrary-upei_short_008.mrc")  # base address 00157 (the directory ends at 204), bad lengths
    out, err = capfd.readouterr()
    assert out == "" and err == ""  # pymarc's "more than 2 indicators found" lines are warnings now
    assert (r.title, r.issued, r.publisher) == ("Charlottetown area profile", "1984",
                                                "Capital Commission of Prince Edward Island")
    assert [a.name for a in r.creators] == ["Charlottetown Area Industrial Commission"]
    assert [w.field for w in r.warnings][:2] == ["leader/12-16", "directory"]


def test_blind_batch_rules() -> None:
    assert _one("openlibrary-9999_sd_dates.mrc").issued is None  # "[s.d.]" and 008 s9999: no date
    assert _one("openlibrary-ithaca_two_856u.mrc").issued == "1949?/2000"  # "[s.n.,$c1949?]-c2000."
    empty = _one("openlibrary-talis_empty_245.mrc")  # 245 "$." only: the 240 uniform title is the title
    assert empty.title == "2 diversions. Dance" and [w.field for w in empty.warnings] == ["245"]
    hebrew = _one("openlibrary-880_publisher_unlinked.mrc")  # the imprint only in an unlinked 880
    assert (hebrew.publisher, hebrew.place, hebrew.issued) == ("כנרת", "אור יהודה", "2011")
    soil = _one("openlibrary-soilsurveyrepor00statgoog_marc.xml")  # a serial's 110: its issuing body
    assert not soil.creators
    assert [(a.name, a.roles) for a in soil.contributors] == [
        ("Iowa. Agricultural and Home Economics Experiment Station, Ames", ["isb"])]  # "[from old catalog]" gone
    villars = _one("openlibrary-1733mmoiresdel00vill_meta.mrc")  # "$a[Villars, Pierre,$c...$d1623-1698]"
    assert [(a.name, a.dates) for a in villars.creators] == [("Villars, Pierre", "1623-1698")]
    # "Hayashiya Tatsusaburō, Yokoi Kiyoshi, Narabayashi Tadao henchū": edited, not written, by them
    assert {tuple(a.roles) for a in _one("openlibrary-880_Nihon_no_chasho.mrc").contributors} == {("edt",)}
