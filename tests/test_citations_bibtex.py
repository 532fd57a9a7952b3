"""BibTeX: every work parses with bibtexparser (v2), the seeds' entries hold the right fields, escaping holds."""

from __future__ import annotations

import dataclasses
import re

import bibtexparser
import pytest

from publisher.read.workview import PersonRef, WorkView
from publisher.render.citations import bibtex
from tests.fixtures.citations.seeds import BASE, EVIL, all_works, sample_store, seeds


def parse(view: WorkView) -> dict[str, str]:
    """The one entry bibtexparser reads from the work's BibTeX, as a field dict (plus key and type)."""
    library = bibtexparser.parse_string(bibtex.render(view, {}).decode("utf-8"))
    assert not library.failed_blocks, [b.error for b in library.failed_blocks]
    assert len(library.entries) == 1
    entry = library.entries[0]
    return {"ID": entry.key, "ENTRYTYPE": entry.entry_type, **{f.key: f.value for f in entry.fields}}


def unbrace(value: str) -> str:
    return re.sub(r"(?<!\\)[{}]", "", value)


def test_every_work_parses() -> None:
    keys = set()
    for view in all_works(sample_store()):
        fields = parse(view)
        assert fields["ID"] == bibtex.citation_key(view) and re.fullmatch(r"[a-z0-9]+", fields["ID"])
        if not re.search(r"[\\{}$&%#_^~]", view.title):
            assert unbrace(fields["title"]) == " ".join(view.title.split())
        keys.add(fields["ID"])
    assert len(keys) >= 10


def test_article_entry() -> None:
    fields = parse(seeds(sample_store())["article"])
    assert (fields["ID"], fields["ENTRYTYPE"]) == ("boyce2018safe", "article")
    assert fields["author"] == "Boyce, Melanie and Munn-Giddings, Carol and Secker, Jenny"
    assert unbrace(fields["title"]) == "‘It is a safe space’: self-harm self-help groups"
    assert fields["journal"] == "Mental Health Review Journal"
    assert (fields["volume"], fields["number"], fields["pages"]) == ("23", "1", "54--63")
    assert (fields["year"], fields["month"]) == ("2018", "mar")
    assert fields["doi"] == "10.1108/MHRJ-06-2017-0021" and fields["issn"] == "1361-9322"
    assert fields["publisher"] == "Emerald Publishing Limited"  # the catalogue transcribes the imprint: it wins


def test_thesis_entry() -> None:
    fields = parse(seeds(sample_store())["thesis"])
    assert (fields["ID"], fields["ENTRYTYPE"]) == ("boyce2016its", "phdthesis")
    assert fields["school"] == "Anglia Ruskin University" and fields["year"] == "2016"
    assert "type" not in fields and fields["url"] == "https://arro.anglia.ac.uk/id/eprint/700655"
    assert unbrace(fields["title"]) == '"It\'s a safe space": The role of self-harm self-help/mutual aid groups'


def test_entry_types() -> None:
    types = {v.work_type.value: bibtex.entry_type(v) for v in all_works(sample_store())}
    assert types["article"] == "article" and types["book"] == "book" and types["chapter"] == "incollection"
    assert types["conference-paper"] == "inproceedings" and types["report"] == "techreport"
    bachelor = dataclasses.replace(seeds(sample_store())["thesis"], degree=None, degree_name="BS")
    assert bibtex.entry_type(bachelor) == "mastersthesis"
    assert "type = {Bachelor's thesis}" in bibtex.bibtex_entry(bachelor)


@pytest.mark.parametrize("text", [EVIL, "50% of {unbalanced and #1 _x_ $y$ ^ ~ \\ back}", "}{", "A & B {C}"])
def test_specials_are_escaped_and_braces_balance(text: str) -> None:
    author = PersonRef(iri=BASE + "id/person/x", label=text, given=text, family="Ó " + text)
    view = dataclasses.replace(seeds(sample_store())["article"], title=text, authors=[author], abstract=text)
    fields = parse(view)
    assert set(fields) >= {"title", "author", "abstract"}
    for value in fields.values():
        depth = 0
        for m in re.finditer(r"(?<!\\)[{}]", value):
            depth += 1 if m[0] == "{" else -1
            assert depth >= 0
        assert depth == 0
    assert "\\&" in fields["title"] or "&" not in text


def test_keys_are_stable_and_ascii() -> None:
    view = seeds(sample_store())["article"]
    assert bibtex.citation_key(view) == bibtex.citation_key(dataclasses.replace(view))
    odd = dataclasses.replace(view, authors=[PersonRef(iri="x", label="Núñez", family="Núñez", given="R")],
                              title="¿Qué pasa? Ümlaut", issued=None)
    assert bibtex.citation_key(odd) == "nunezndque"
