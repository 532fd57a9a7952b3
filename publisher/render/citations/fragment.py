"""Embeddable HTML fragments for repository abstract pages: the JSON-LD script and the citation meta tags.

The same generators as lodpub's own work pages (``jsonld_script`` and ``meta_tags``), so a repository
that includes the fragment (e.g. in an EPrints template) says exactly what lodpub says. Which work a
request names is found by :mod:`publisher.read.lookup`.
"""

from __future__ import annotations

from markupsafe import Markup

from publisher.read.workview import WorkView
from publisher.render.citations.meta import meta_tags
from publisher.render.citations.schemaorg import jsonld_script

PARTS = ("all", "jsonld", "meta")


def fragment(view: WorkView, base: str, part: str = "all") -> Markup:
    """The fragment for one work: ``all`` (script, then meta tags), ``jsonld`` or ``meta``."""
    if part not in PARTS:
        raise ValueError(f"unknown part {part!r}; use one of: {', '.join(PARTS)}")
    pieces: list[Markup] = []
    if part in ("all", "jsonld"):
        pieces.append(jsonld_script(view, base))
    if part in ("all", "meta"):
        pieces.append(meta_tags(view, base))
    return Markup("\n").join(pieces) + Markup("\n")
