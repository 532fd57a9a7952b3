"""The MARC 21 parsers (``marcxml`` and binary ``marc``): field rules, work types, bad input."""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path

import pytest
from pymarc import Field, Indicators, MARCWriter, Subfield
from pymarc import Record as MarcRecord

from mappings import parsers
from mappings.model import AgentKind, WorkType
from tests.helpers import SAMPLES, read

MARCXML = SAMPLES / "marcxml"


def _collection(*records: str, namespace: bool = True) -> bytes:
    ns = ' xmlns="http://www.loc.gov/MARC21/slim"' if namespace else ""
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<collection{ns}>\n{"".join(records)}</collection>\n'.encode()


def _record(number: str, *fields: str, leader: str = "00000nam a2200000 a 4500") -> str:
    return (f"<record><leader>{leader}</leader><controlfield tag=\"001\">{number}</controlfield>"
            f"<controlfield tag=\"003\">XX</controlfield>{''.join(fields)}</record>\n")


def _df(tag: str, *pairs: str, ind1: str = " ", ind2: str = " ") -> str:
    subs = "".join(f'<subfield code="{pairs[i]}">{pairs[i + 1]}</subfield>' for i in range(0, len(pairs), 2))
    return f'<datafield tag="{tag}" ind1="{ind1}" ind2="{ind2}">{subs}</datafield>'


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_books_titles_isbns_dates_and_subjects() -> None:
    records, errors = read(MARCXML / "marcxml-001.xml")
    assert not errors
    kavalier, summerland = records
    assert kavalier.source_id == "marc:DLC:11939876"
    assert kavalier.work_type is WorkType.BOOK
    assert (kavalier.title, kavalier.subtitle) == ("The amazing adventures of Kavalier and Clay", "a novel")
    assert kavalier.isbns == ["9780679450047"]  # 0679450041 (acid-free paper)
    assert (kavalier.issued, kavalier.copyright_date, kavalier.issued_text) == ("2000", "2000", None)
    assert (kavalier.place, kavalier.publisher) == ("New York", "Random House")
    assert kavalier.source_modified == "2004-12-29T19:06:04"
    assert kavalier.page_count == 639 and kavalier.extent == "639 p. ; 25 cm."
    first = kavalier.subjects[0]
    assert first.heading == "Comic books, strips, etc. -- Authorship -- Fiction"
    assert first.parts == ["Comic books, strips, etc.", "Authorship", "Fiction"] and first.scheme == "lcsh"
    genres = [s for s in kavalier.subjects if s.kind == "genre"]
    assert [(g.heading, g.scheme) for g in genres] == [("Humorous stories", "gsafd"), ("Bildungsromane", "gsafd")]
    assert [c.name for c in kavalier.creators] == ["Chabon, Michael"] and kavalier.creators[0].roles == ["aut"]
    assert summerland.isbns == ["9780786808779", "9780786816156"] and summerland.edition == "1st ed."
    assert summerland.subjects[0].scheme == "lcshac"  # 650 second indicator 1: LC children's headings
    assert summerland.abstract and summerland.abstract.startswith("Ethan Feld")


def test_sound_recording_and_website() -> None:
    records, errors = read(MARCXML / "marcxml-005.xml")
    assert not errors
    ray, whitehouse = records
    assert ray.work_type is WorkType.MUSIC_RECORDING
    assert ray.title == "The Great Ray Charles"  # the GMD "[sound recording]" is not part of the title
    assert (ray.issued, ray.issued_text) == ("1957?", "[1957?]")  # uncertain: EDTF, never a plain year
    assert not ray.creators  # a performer is no author: a contributor with the relator code prf
    assert [(a.name, a.roles, a.dates) for a in ray.contributors] == [("Charles, Ray", ["prf"], "1930-")]
    assert ray.other_ids["lccn"] == ["91758335"]
    assert ray.other_ids["call-number"] == ["Atlantic 1259"]  # no LCC class
    assert not ray.classifications
    assert any(n.startswith("Contents: The Ray -- My melancholy baby") for n in ray.notes)
    assert whitehouse.work_type is WorkType.WEBSITE
    assert whitehouse.source_id == "marc:IEU:12149120"  # no 003: the 040 $a cataloguing agency
    assert not whitehouse.creators  # a 710 without relator is a contributor, even with no 1XX main entry
    assert [(a.name, a.kind, a.roles) for a in whitehouse.contributors] == [
        ("White House Web Team", AgentKind.ORGANIZATION, ["ctb"])]
    assert (whitehouse.issued, whitehouse.issued_text) == ("1994/..", "1994-")  # a continuing resource since 1994
    assert whitehouse.official_url == "http://www.whitehouse.gov"
    assert whitehouse.related_urls == ["http://lcweb.loc.gov/staff/wpp/whitehouse.html"]
    assert "Web site archive: http://lcweb.loc.gov/staff/wpp/whitehouse.html" in whitehouse.notes
    assert whitehouse.other_ids["oclc"] == ["44279786"]
    assert [(c.scheme, c.notation) for c in whitehouse.classifications] == [("ddc", "975.3"), ("lcc", "F204.W5")]
    assert [(u.label, u.value) for u in whitehouse.unmapped] == [("MARC 256", "Computer data")]
    assert not any("906" in u.label or "955" in u.label for u in whitehouse.unmapped)  # local fields dropped
    united_states = [s.heading for s in whitehouse.subjects]
    assert "United States. Executive Office of the President" in united_states


def test_theses_structured_and_free_text_502() -> None:
    records, errors = read(MARCXML / "marcxml-thesis.xml")
    assert not errors
    boyce, harvard = records
    assert boyce.work_type is harvard.work_type is WorkType.THESIS
    assert boyce.degree is not None and harvard.degree is not None
    assert (boyce.degree.name, boyce.degree.level, boyce.degree.institution, boyce.degree.date) == (
        "PhD", "doctoral", "Anglia Ruskin University", "2016")
    assert (harvard.degree.name, harvard.degree.level, harvard.degree.institution, harvard.degree.date) == (
        "Ph.D.", "doctoral", "Harvard University", "1990")
    assert boyce.licence is not None and boyce.licence.family == "by-nc-sa"
    assert [a.roles for a in boyce.contributors] == [["dgg"]]
    assert harvard.page_count == 214
    assert not any(u.label == "MARC 690" for u in harvard.unmapped)  # X9X local subject field


def test_article_with_host_item_and_doi() -> None:
    records, errors = read(MARCXML / "marcxml-article.xml")  # a single <record> without namespace
    assert not errors
    (article,) = records
    assert article.work_type is WorkType.ARTICLE
    assert article.doi == "10.1108/MHRJ-06-2017-0021"
    host = article.host
    assert host is not None and host.periodical is not None
    assert (host.periodical.title, host.periodical.issns) == ("Mental health review journal", ["1361-9322"])
    assert (host.volume, host.issue, host.page_start, host.page_end, host.issue_date) == (
        "23", "1", "54", "63", "2018")
    assert [a.name for a in article.creators] == ["Boyce, Melanie", "Munn-Giddings, Carol", "Secker, Jenny"]
    assert article.keywords == ["Peer support", "Qualitative research"]
    assert [s.scheme for s in article.subjects] == ["lcsh", "lcsh", "mesh"]


def test_880_original_script_titles_and_names() -> None:
    records, errors = read(MARCXML / "marcxml-880.xml")
    assert not errors
    tolstoy, murakami = records
    assert tolstoy.title == "Voĭna i mir"
    assert "Война и мир: роман в четырех томах" in tolstoy.alternative_titles
    assert tolstoy.creators[0].variants == ["Толстой, Лев"]
    assert tolstoy.languages == ["rus"]
    assert "Publication (original script): Москва : Худож. лит-ра, 1983" in tolstoy.notes
    assert "神の子どもたちはみな踊る" in murakami.alternative_titles
    assert murakami.creators[0].variants == ["村上春樹"]


def test_binary_marc_records() -> None:
    records, errors = read(SAMPLES / "marc" / "marc-001.mrc")
    assert not errors
    book, video = records
    assert book.source_format == "marc" and book.source_id == "marc:OCoLC:ocn1012345678"
    assert book.creators[0].name == "Müller, Käthe"  # UTF-8 decoded
    assert (book.issued, book.copyright_date) == ("2018", "2017")  # 264 _1 and 264 _4
    assert book.isbns == ["9780198821359"]  # the ISBN-10 is the same book
    assert book.series == [("Oxford studies in library history", "12")]  # 830 wins over the traced 490
    assert [(a.name, a.roles) for a in book.contributors] == [("Evans, Siân", ["trl"])]
    assert book.alternative_titles == ["Bibliotheken im Wandel"]
    assert [(c.scheme, c.notation, c.edition) for c in book.classifications] == [("ddc", "020.904", "23")]
    assert video.work_type is WorkType.VIDEO
    assert video.title == "Civilisation. Episode 1. The skin of our teeth"
    assert video.issued is not None and video.issued.startswith("1969") and video.issued_text
    assert [(a.name, a.roles) for a in video.contributors] == [
        ("Clark, Kenneth", ["pre"]), ("Gill, Michael", ["pro"]), ("British Broadcasting Corporation", ["ctb"])]
    assert "Cast: Kenneth Clark." in video.notes
    assert any(s.kind == "genre" and s.scheme == "lcgft" for s in video.subjects)


@pytest.mark.parametrize(("path", "expected"), [
    ("marcxml/marcxml-001.xml", "marcxml"), ("marcxml/marcxml-005.xml", "marcxml"),
    ("marcxml/marcxml-article.xml", "marcxml"), ("marc/marc-001.mrc", "marc")])
def test_format_is_detected(path: str, expected: str) -> None:
    assert parsers.detect((SAMPLES / path).read_bytes()[: parsers.SNIFF_BYTES]) == expected


def test_broken_xml_maps_records_before_and_after_the_break(tmp_path: Path) -> None:
    good = _record("1", _df("245", "a", "First"), _df("260", "c", "2001."))
    broken = _record("2", _df("245", "a", "Second <b>broken"))
    after = _record("3", _df("245", "a", "Third"), _df("260", "c", "2003."))
    path = _write(tmp_path, "broken.xml", _collection(good, broken, after))
    records, errors = read(path, "marcxml")
    assert [r.title for r in records] == ["First", "Third"]
    assert len(errors) == 1 and errors[0].line == 4 and "broken XML" in errors[0].message
    assert str(path) in str(errors[0])


def test_bad_values_are_warnings_and_only_a_missing_title_refuses(tmp_path: Path) -> None:
    data = _collection(
        _record("1", _df("260", "c", "2001.")),  # no 245
        _record("2", _df("020", "a", "0679450042"), _df("020", "a", "0679450041"), _df("245", "a", "Bad ISBN")),
        _record("3", _df("024", "a", "10.1108 no slash", "2", "doi", ind1="7"), _df("245", "a", "Bad DOI")),
        _record("4", _df("245", "a", "Bad ISSN"), _df("773", "t", "Journal", "x", "1361-9323"),
                leader="00000nab a2200000 a 4500"),
        _record("5", _df("245", "a", "Good"), _df("999", "a", "local"),
                _df("100", "a", "Doe, Jane,", "e", "ghostwriter")),
        namespace=False)
    records, errors = read(_write(tmp_path, "bad.xml", data), "marcxml")
    assert [r.title for r in records] == ["Bad ISBN", "Bad DOI", "Bad ISSN", "Good"]
    assert [(e.record, e.field) for e in errors] == [("marc:XX:1", "245")]
    assert errors[0].line is not None and "no title" in errors[0].message
    isbn, doi, issn, good = records
    assert isbn.isbns == ["9780679450047"]  # the valid one kept, the bad one named in a warning
    assert [w.field for w in isbn.warnings] == ["020 $a"] and "check digit" in isbn.warnings[0].message
    assert isbn.warnings[0].line == 4  # the line of the 020 (here all of the record is on one line)
    assert doi.doi is None and doi.other_ids["doi-as-given"] == ["10.1108 no slash"]  # a literal, not a DOI
    assert [w.field for w in doi.warnings] == ["024 $a"]
    assert issn.host is not None and issn.host.periodical is not None and issn.host.periodical.issns == []
    assert [w.field for w in issn.warnings] == ["773 $x"]
    assert good.creators[0].roles == ["aut"]  # an unknown relator term is reported, the entry kept
    assert any("ghostwriter" in str(w) for w in good.warnings)
    assert not good.unmapped  # 999 is a local field: dropped deliberately


def _binary(*records: MarcRecord) -> bytes:
    out = io.BytesIO()
    writer = MARCWriter(out)
    for rec in records:
        writer.write(rec)
    return out.getvalue()


def _marc(number: str, title: str) -> MarcRecord:
    rec = MarcRecord(leader="00000nam a22000007a 4500", force_utf8=True)
    rec.fields.extend([Field("001", data=number), Field("008", data="200101s2020    xx            000 0 eng d"),
                       Field("245", indicators=Indicators("0", "0"), subfields=[Subfield("a", title)])])
    return rec


def test_binary_wrong_encoding_is_a_warning_and_truncation_an_error(tmp_path: Path) -> None:
    good, bad, last = _binary(_marc("1", "Café")), _binary(_marc("2", "Caf\u00e9")), _binary(_marc("3", "End"))
    bad = bad.replace("é".encode(), b"\xe9 ")  # Latin-1 bytes in a record whose leader says UTF-8
    path = _write(tmp_path, "mixed.mrc", good + bad + last + last[:30])
    records, errors = read(path)  # detected as binary MARC
    assert [r.title for r in records] == ["Café", "Café", "End"]
    (warning,) = records[1].warnings
    assert warning.field == "245 $a" and "not valid UTF-8" in warning.message and "Latin-1" in warning.message
    (error,) = errors
    assert error.record.startswith("#4") and error.field == "leader"


def test_marc8_record_is_decoded(tmp_path: Path) -> None:
    rec = MarcRecord(leader="00000nam  22000007a 4500")
    rec.fields.extend([Field("001", data="9"), Field("245", indicators=Indicators("0", "0"),
                                                     subfields=[Subfield("a", "M\u00e8uller")])])
    raw = bytearray(rec.as_marc())  # pymarc writes UTF-8: make it MARC-8, where 0xE8 is a combining umlaut
    raw[9:10] = b" "
    raw = bytearray(raw.replace("M\u00e8uller".encode(), b"M\xe8uller "))  # the same length
    records, errors = read(_write(tmp_path, "marc8.mrc", bytes(raw)), "marc")
    assert not errors
    assert unicodedata.normalize("NFC", records[0].title) == "Müller"


def test_marcxml_inside_an_oai_pmh_response(tmp_path: Path) -> None:
    record = _record("7", _df("245", "a", "Harvested :", "b", "a record /", "c", "by someone."),
                     _df("710", "a", "Example Society."), _df("264", "c", "[2019]", ind2="1"))
    wrapped = ('<?xml version="1.0" encoding="UTF-8"?>\n<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">'
               "<GetRecord><record><header><identifier>oai:x:7</identifier><datestamp>2020-01-01</datestamp>"
               '</header><metadata><marc:collection xmlns:marc="http://www.loc.gov/MARC21/slim">'
               + record.replace("<", "<marc:").replace("<marc:/", "</marc:")
               + "</marc:collection></metadata></record></GetRecord></OAI-PMH>\n")
    records, errors = read(_write(tmp_path, "oai-marc.xml", wrapped.encode()))  # detected as MARCXML
    assert not errors
    (r,) = records
    assert (r.source_format, r.title, r.subtitle, r.issued) == ("marcxml", "Harvested", "a record", "2019")
    assert not r.creators  # no 1XX, and the 7XX has no relator: a contributor, not an author
    assert [(a.name, a.roles) for a in r.contributors] == [("Example Society", ["ctb"])]


def test_marc8_decoding_reports_instead_of_printing() -> None:
    from mappings.parsers.marc.encoding import marc8_text, references, subfield_text

    assert marc8_text(b"Genevi\xe1eve") == ("Geneviève", [])  # the diacritic comes before its letter
    assert marc8_text(b"\x1b(NmOSKWA\x1b(B :") == ("Москва :", [])  # Cyrillic and back to ASCII
    text, problems = marc8_text(b"\x1b(S\x61\x62 :")  # Greek without an escape back: the Greek set has no ':'
    assert text == "αβ :" and "escape back to ASCII is missing" in problems[0]
    text, problems = marc8_text(b"a\x1b(Zb")  # an escape to no known character set
    assert "unknown character set" in problems[0]
    assert marc8_text(b"&#x0E25;")[0] == "\u0e25"  # MARC-8's numeric character reference
    text, problems = references("x &#x0E25%x; y")  # a malformed reference left in text: never in a title
    assert text == "x \u0e25 y" and problems == ["character reference '&#x0E25%x;' in the text, read as U+0E25"]
    assert subfield_text("Caf\u00e9".encode(), utf8=False)[0] == "Café"  # UTF-8 under a MARC-8 leader


def test_inspire_author_ids_and_leaderless_marcxml_are_read(tmp_path: Path) -> None:
    record = ('<record><datafield tag="100" ind1=" " ind2=" "><subfield code="a">Dierigl, Markus</subfield>'
              '<subfield code="i">INSPIRE-00415111</subfield><subfield code="j">ORCID:0000-0003-4361-6182</subfield>'
              '</datafield><datafield tag="245" ind1=" " ind2=" "><subfield code="a">Aspects</subfield></datafield>'
              '<datafield tag="037" ind1=" " ind2=" "><subfield code="a">DESY-THESIS-2017-036</subfield></datafield>'
              "</record>")
    data = f'<?xml version="1.0" encoding="UTF-8"?>\n<collection>\n{record}\n</collection>\n'.encode()
    assert parsers.detect(data) == "marcxml"  # no namespace, no leader, no controlfield
    records, errors = read(_write(tmp_path, "desy.xml", data))
    assert not errors
    (author,) = records[0].creators
    assert author.identifiers == ["INSPIRE-00415111", "ORCID:0000-0003-4361-6182"]
    assert author.orcid == "0000-0003-4361-6182"
    assert records[0].source_id == "marc:unknown:037:DESY-THESIS-2017-036"
