"""The eprints-html parser: an EPrints abstract page as HTML (meta tags, export links, visible fields), stand-ins
when the eprints.* tags are missing, identity, bad values kept with warnings, refusals. The pages are the bundled
sample (the seed's thesis in the shape EPrints 3.4 writes) and variants of it; no real EPrints HTML page was
found in public test fixtures (see tests/real/README-eprints.md)."""

from __future__ import annotations

import io
import re

from mappings import parsers
from mappings.model import Record, RecordError, WorkType
from mappings.parsers.eprints_html.sniff import eprints_html
from mappings.parsers.eprints_page.sniff import eprints_page
from tests.helpers import SAMPLES, read

SAMPLE = SAMPLES / "eprints-html" / "eprint-700655.html"
PAGE = SAMPLE.read_text(encoding="utf-8")


def _parse(text: str) -> list[Record | RecordError]:
    return list(parsers.get("eprints-html").parse(io.BytesIO(text.encode("utf-8")), "page.html"))


def _one(text: str) -> Record:
    items = _parse(text)
    assert len(items) == 1 and isinstance(items[0], Record), [str(i) for i in items]
    return items[0]


def _without(prefix: str, text: str = PAGE) -> str:
    """The page without the meta tags whose name starts with ``prefix``."""
    return re.sub(rf'(?m)^<meta name="{re.escape(prefix)}[^\n]*\n', "", text)


def test_the_sample_page() -> None:
    records, errors = read(SAMPLE)
    assert not errors
    (r,) = records
    assert (r.source_format, r.work_type, r.issued) == ("eprints-html", WorkType.THESIS, "2016")
    assert r.title == '"It\'s a safe space": The role of self-harm self-help/mutual aid groups'
    assert r.source_id == r.landing_page == "https://arro.anglia.ac.uk/id/eprint/700655"
    assert [(a.family, a.given, a.roles) for a in r.creators] == [("Boyce", "Melanie J.", ["aut"])]
    assert r.degree is not None and (r.degree.level, r.degree.institution) == ("doctoral", "Anglia Ruskin University")
    assert r.licence is not None and (r.licence.iri, r.licence.family) == (None, "by-nc-sa")
    assert r.related_urls == ["https://arro.anglia.ac.uk/cgi/export/eprint/700655/EP3/arro-eprint-700655.xml"]
    assert [f.name for f in r.files] == ["Boyce_2016.pdf"] and r.version_label == "Accepted Version"
    assert r.keywords == ["Self-harm", "Self-help groups", "Peer support", "Qualitative case study"]
    assert r.divisions == ["Theses from Anglia Ruskin University"] and not r.subjects  # a label, not the code
    assert (r.date_submitted, r.source_modified) == ("2016-08-04", "2021-11-12T11:34:13")
    assert r.citation and r.citation.startswith("Boyce, Melanie J. (2016)")
    assert r.depositor == "Melanie Boyce" and not r.warnings


def test_detection_keeps_html_and_text_pages_apart() -> None:
    assert parsers.detect(SAMPLE.read_bytes()) == "eprints-html"
    assert eprints_page(SAMPLE.read_bytes()) == 0
    text_page = (SAMPLES / "eprints-page" / "002_b9a4e6cab72e4de0.txt").read_bytes()
    assert eprints_html(text_page) == 0
    assert eprints_html(b"<html><head><title>A blog</title></head><body>Item Type: nothing</body></html>") == 0
    bare = re.sub(r"<meta name=\"eprints\.[^\n]*\n", "", PAGE)
    assert eprints_html(bare.encode()) == 85  # the export links and page classes still say EPrints


def test_highwire_and_dublin_core_tags_stand_in() -> None:
    r = _one(_without("eprints."))
    assert r.title == '"It\'s a safe space": The role of self-harm self-help/mutual aid groups'
    assert r.work_type is WorkType.THESIS  # the visible Item Type
    assert [a.name for a in r.creators] == ["Boyce, Melanie J."] and r.issued == "2016"
    assert r.degree is not None and (r.degree.level, r.degree.institution) == ("doctoral", "Anglia Ruskin University")
    assert r.abstract and r.abstract.startswith("There has been very little research")


def test_the_visible_page_alone() -> None:
    r = _one(_without("citation_", _without("DC.", _without("eprints."))))
    assert r.title.startswith('"It\'s a safe space"') and r.work_type is WorkType.THESIS
    assert [a.name for a in r.creators] == ["Boyce, Melanie J."] and r.issued == "2016"  # from the citation
    assert r.abstract and r.abstract.endswith("the role of these groups.")
    assert r.landing_page == "https://arro.anglia.ac.uk/id/eprint/700655"


ARTICLE_TAGS = """<meta name="eprints.type" content="article" />
<meta name="eprints.creators_name" content="Núñez, Rafael E." />
<meta name="eprints.creators_name" content="Sweetser, Eve" />
<meta name="eprints.creators_id" content="rnunez" />
<meta name="eprints.publication" content="Cognitive Science" />
<meta name="eprints.volume" content="30" />
<meta name="eprints.number" content="3" />
<meta name="eprints.pagerange" content="401-450" />
<meta name="eprints.issn" content="03640213" />
<meta name="eprints.id_number" content="doi:10.1207/s15516709cog0000_62" />
<meta name="eprints.isbn" content="978-0-306-40615-8" />
<meta name="eprints.subjects" content="BF" />
<meta name="DC.subject" content="BF Psychology" />
"""


def test_an_article_page_with_codes_ids_and_a_bad_isbn() -> None:
    text = _without("eprints.creators_name", _without("eprints.type", _without("eprints.thesis_type", PAGE)))
    text = text.replace("<!-- EPrints meta tags -->\n", "<!-- EPrints meta tags -->\n" + ARTICLE_TAGS)
    text = text.replace("Thesis (Doctoral)", "Article")
    r = _one(text)
    assert r.work_type is WorkType.ARTICLE and r.doi == "10.1207/s15516709cog0000_62"
    assert r.host is not None and r.host.periodical is not None
    assert (r.host.periodical.title, r.host.periodical.issns, r.host.volume, r.host.issue, r.host.page_start,
            r.host.page_end) == ("Cognitive Science", ["0364-0213"], "30", "3", "401", "450")
    assert [a.family for a in r.creators] == ["Núñez", "Sweetser"]
    assert [a.identifiers for a in r.creators] == [[], []]  # one id for two names: cannot be matched up
    assert [s.heading for s in r.subjects] == ["BF Psychology"]
    assert ("eprints.subjects", "BF") in [(u.label, u.value) for u in r.unmapped]
    assert r.other_ids["isbn-as-given"] == ["978-0-306-40615-8"]
    (warning,) = r.warnings
    line = next(n for n, t in enumerate(text.splitlines(), start=1) if "eprints.isbn" in t)
    assert (warning.field, warning.line) == ("eprints.isbn", line)


def test_refusals_name_the_reason() -> None:
    untitled = re.sub(r"<h1.*?</h1>", "", _without("citation_title", _without("DC.title", _without("eprints.title"))),
                      flags=re.DOTALL)
    (error,) = _parse(untitled)
    assert isinstance(error, RecordError) and error.field == "title" and error.file == "page.html"
    buffered = PAGE.replace('content="archive"', 'content="buffer"')
    (error,) = _parse(buffered)
    assert isinstance(error, RecordError) and "not public" in error.message and error.line


def test_encodings_declared_or_utf8() -> None:
    latin1 = PAGE.replace("Melanie J.", "Mélanie J.").encode("latin-1", "replace")
    (error,) = parsers.get("eprints-html").parse(io.BytesIO(latin1), "page.html")
    assert isinstance(error, RecordError) and "UTF-8" in error.message and error.line
    declared = PAGE.replace("<head>", '<head>\n<meta charset="windows-1252" />', 1).replace("Melanie J.", "Mélanie J.")
    (record,) = parsers.get("eprints-html").parse(io.BytesIO(declared.encode("cp1252")), "page.html")
    assert isinstance(record, Record) and record.creators[0].given == "Mélanie J."
