"""Issue 15's citation defects: a chapter's book in every format, CSL-JSON for one DOI as an object, and Cite Them
Right Harvard punctuated as that style (and its British locale) says."""

from __future__ import annotations

import json
import os
import re

import bibtexparser
import citeproc
import pytest
import rispy
from flask.testing import FlaskClient
from lxml import etree

from mappings.model import WorkType
from publisher.read.workview import WorkView
from publisher.render.citations import bibliography, bibtex, csl, meta, ris, schemaorg
from tests.fixtures.citations.seeds import ARTICLE_DOI, BASE, all_works, sample_store

CSL = "{http://purl.org/net/xbiblio/csl}"
# the bundled EPrints book section, as a person would write it in each format
BOOK = "Motivation, Language Identity and the L2 Self"
CHAPTER = "The L2 Motivational Self System"


@pytest.fixture(scope="module")
def chapter() -> WorkView:
    found = [v for v in all_works(sample_store()) if v.work_type is WorkType.CHAPTER and v.title == CHAPTER]
    assert found and found[0].book is not None
    return found[0]


def test_a_chapters_book_is_in_every_format(chapter: WorkView) -> None:
    assert chapter.book is not None and chapter.book.label == BOOK
    item = json.loads(csl.render(chapter))
    assert item["type"] == "chapter" and item["container-title"] == BOOK
    (entry,) = bibtexparser.parse_string(bibtex.render(chapter).decode()).entries
    assert entry.entry_type == "incollection"
    assert entry["booktitle"].replace("{", "").replace("}", "") == BOOK
    (record,) = rispy.loads(ris.render(chapter).decode())
    assert record["type_of_reference"] == "CHAP" and record["secondary_title"] == BOOK
    tags = meta.highwire(chapter, BASE)
    assert ("citation_inbook_title", BOOK) in tags and ("citation_book_title", BOOK) in tags
    assert not any(name == "citation_journal_title" for name, _ in tags)
    assert ("DCTERMS.isPartOf", BOOK) in meta.dublin_core(chapter, BASE)
    host = schemaorg.work_jsonld(chapter, BASE)["isPartOf"]
    books = [h for h in (host if isinstance(host, list) else [host]) if h["@type"] == "Book"]
    assert books == [{"@id": chapter.book.iri, "@type": "Book", "name": BOOK}]
    assert f"{BOOK}. Bristol: Multilingual Matters" in bibliography.format_citation(chapter, "harvard")


def test_csl_json_for_one_doi_is_an_object(client: FlaskClient) -> None:
    answer = client.get(f"/doi/{ARTICLE_DOI}", headers={"Accept": "application/vnd.citationstyles.csl+json"},
                        follow_redirects=True)
    item = json.loads(answer.data)
    assert isinstance(item, dict) and item["DOI"] == ARTICLE_DOI and item["type"] == "article-journal"


def _style_rules() -> tuple[str, str, bool]:
    """Cite Them Right's own rules for a quoted title: the open and close quotes and punctuation-in-quote of the
    locale the style is written for (its one in-style locale, with the CSL locale file behind it)."""
    path = bibliography.resolve_style("harvard-cite-them-right")
    root = etree.parse(path).getroot()
    locales = [loc.get("{http://www.w3.org/XML/1998/namespace}lang") for loc in root.iterfind(f"{CSL}locale")]
    assert locales == ["en-GB"] and root.get("default-locale") is None
    assert root.find(f".//{CSL}text[@variable='title'][@quotes='true']") is not None
    shipped = etree.parse(os.path.join(citeproc.LOCALES_PATH, "locales-en-GB.xml")).getroot()

    def term(name: str) -> str:
        return str(shipped.find(f".//{CSL}term[@name='{name}']").text)

    option = shipped.find(f".//{CSL}style-options")
    return term("open-quote"), term("close-quote"), option is not None and option.get(
        "punctuation-in-quote") == "true"


def test_harvard_cite_them_right_punctuates_as_the_style_says(client: FlaskClient) -> None:
    opening, closing, inside = _style_rules()
    assert (opening, closing, inside) == ("‘", "’", False)  # British: single marks, the comma after them
    expected = ("Boyce, M., Munn-Giddings, C. and Secker, J. (2018) ‘“It is a safe space”: self-harm self-help "
                "groups’, Mental Health Review Journal, 23(1), pp. 54–63. Available at: "
                "https://doi.org/10.1108/MHRJ-06-2017-0021.")  # written by hand from Cite Them Right's rules
    for accept in ("text/x-bibliography; style=harvard-cite-them-right", "text/x-bibliography; style=harvard"):
        answer = client.get(f"/doi/{ARTICLE_DOI}", headers={"Accept": accept}, follow_redirects=True)
        text = answer.data.decode("utf-8").strip()
        assert text == expected, accept
        title = re.search(f"{opening}(.*?){closing},", text)
        assert title is not None and not title[1].endswith((",", "."))  # punctuation outside the marks
    american = client.get(f"/doi/{ARTICLE_DOI}", headers={"Accept": "text/x-bibliography; style=harvard; "
                                                                     "locale=en-US"}, follow_redirects=True)
    assert "“‘It is a safe space’: self-harm self-help groups,”" in american.data.decode()  # asked for: en-US


def test_numbered_editions_are_written_by_each_style() -> None:
    assert csl.edition("3rd ed.") == "3" and csl.edition("2nd edn") == "2" and csl.edition("Rev. ed.") == "Rev. ed."
    book = next(v for v in all_works(sample_store()) if v.title == "Introduction to algorithms")
    assert "(3rd ed.)" in bibliography.format_citation(book, "apa")
    assert "3rd edn." in bibliography.format_citation(book, "harvard")
