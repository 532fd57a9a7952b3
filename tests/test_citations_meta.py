"""Google Scholar (Highwire) and Dublin Core meta tags: required tags, order, formats, escaping."""

from __future__ import annotations

import dataclasses

import lxml.html
import pytest

from publisher.read.workview import PersonRef, WorkView
from publisher.render.citations.meta import meta_tags, scholar_date
from tests.fixtures.citations.seeds import BASE, EVIL, all_works, sample_store, seeds


def tags(markup: str) -> list[tuple[str, str]]:
    """(name, content) of every meta element, in document order, read by an HTML parser."""
    root = lxml.html.fragment_fromstring(markup, create_parent="head")
    return [(m.get("name"), m.get("content")) for m in root.iter("meta")]


def values(markup: str, name: str) -> list[str]:
    return [c for n, c in tags(markup) if n == name]


@pytest.fixture(scope="module")
def seed() -> dict[str, WorkView]:
    return seeds(sample_store())


def test_article_tags(seed: dict[str, WorkView]) -> None:
    m = str(meta_tags(seed["article"], BASE))
    assert values(m, "citation_title") == ["‘It is a safe space’: self-harm self-help groups"]
    assert values(m, "citation_author") == ["Boyce, Melanie", "Munn-Giddings, Carol", "Secker, Jenny"]
    assert values(m, "citation_publication_date") == ["2018/03/12"]
    assert values(m, "citation_journal_title") == ["Mental Health Review Journal"]
    assert "1361-9322" in values(m, "citation_issn")
    assert (values(m, "citation_volume"), values(m, "citation_issue")) == (["23"], ["1"])
    assert (values(m, "citation_firstpage"), values(m, "citation_lastpage")) == (["54"], ["63"])
    assert values(m, "citation_doi") == ["10.1108/MHRJ-06-2017-0021"]
    assert values(m, "citation_pdf_url") == ["https://arro.anglia.ac.uk/id/eprint/702871/1/Boyce_et_al_2018.pdf"]
    assert values(m, "citation_language") == ["en"]
    assert values(m, "DC.title") == values(m, "citation_title")
    assert "citation_dissertation_institution" not in dict(tags(m))


def test_thesis_tags(seed: dict[str, WorkView]) -> None:
    m = str(meta_tags(seed["thesis"], BASE))
    assert values(m, "citation_author") == ["Boyce, Melanie J."]
    assert values(m, "citation_publication_date") == ["2016"]
    assert values(m, "citation_dissertation_institution") == ["Anglia Ruskin University"]
    assert values(m, "citation_dissertation_name") == ["Doctoral degree"]
    assert values(m, "citation_abstract_html_url") == ["https://arro.anglia.ac.uk/id/eprint/700655"]
    assert values(m, "citation_keywords") == ["Peer support; Qualitative case study; Self-harm; Self-help groups"]
    assert "citation_journal_title" not in dict(tags(m)) and "citation_doi" not in dict(tags(m))


def test_advisors_and_editors_are_not_authors(seed: dict[str, WorkView]) -> None:
    advisor = PersonRef(iri=BASE + "id/person/x", label="Ada Advisor", given="Ada", family="Advisor")
    view = dataclasses.replace(seed["thesis"], advisors=[advisor], editors=[advisor])
    m = str(meta_tags(view, BASE))
    assert values(m, "citation_author") == ["Boyce, Melanie J."]
    assert "Ada" not in " ".join(values(m, "citation_author") + values(m, "DC.creator"))


def test_required_tags_for_every_work() -> None:
    for view in all_works(sample_store()):
        m = str(meta_tags(view, BASE))
        names = [n for n, _ in tags(m)]
        assert names[0] == "citation_title" and names.count("citation_title") == 1
        assert names.count("citation_author") == len(view.authors)
        if view.issued:
            assert len(values(m, "citation_publication_date")) == 1


def test_values_are_escaped_and_read_back_exactly(seed: dict[str, WorkView]) -> None:
    author = PersonRef(iri=BASE + "id/person/e", label=EVIL, given='A "B"', family="O'Hara </meta>")
    view = dataclasses.replace(seed["article"], title=EVIL, authors=[author], keywords=[EVIL])
    m = str(meta_tags(view, BASE))
    assert "<script" not in m and "</script" not in m and "<!--" not in m
    assert values(m, "citation_title") == [EVIL]
    assert values(m, "citation_author") == ['O\'Hara </meta>, A "B"']
    assert values(m, "citation_keywords") == [EVIL]


@pytest.mark.parametrize(("iso", "expected"), [("2018-03-12", "2018/03/12"), ("2016", "2016"), ("2018-03", "2018/03"),
                                               ("2021-07-08T17:49:38", "2021/07/08"), ("c. 1900", "c. 1900")])
def test_scholar_date(iso: str, expected: str) -> None:
    assert scholar_date(iso) == expected
