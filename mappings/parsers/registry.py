"""The one registry of input formats: a name -> the package that reads it, looked up lazily.

Every format package ``mappings.parsers.<package>`` is laid out the same way:

- ``__init__.py``: the docstring of what the format reads and what it drops, and ``PRECEDENCE``
  (format name -> :class:`~mappings.parsers.base.Precedence`); cheap to import: no parsing library;
- ``sniff.py``: one small function per format name, ``head bytes -> 0..100``, importing nothing heavy;
- ``parser.py``: the :class:`~mappings.parsers.base.Parser` subclass, with the field readers beside it.

:func:`detect` imports only the ``sniff`` modules; :func:`get` imports the chosen parser's module (and so
lxml or pymarc) only when it is asked for. Adding a format is a new package and one line in ``REGISTRY``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import cast

from mappings.model import FormatError
from mappings.parsers.base import Parser, Precedence

SNIFF_BYTES = 65536  # how much of an input detect() is given
SURE_ENOUGH = 30  # below this score no format is claimed


@dataclass(frozen=True)
class Entry:
    """Where a format lives: ``mappings.parsers.<package>``, its parser class and its sniff function."""

    package: str  # the package under mappings.parsers, e.g. "marc"
    parser: str  # the Parser subclass in <package>.parser, e.g. "MarcXmlParser"
    sniff: str  # the function in <package>.sniff, e.g. "marcxml"

    @property
    def module(self) -> str:
        """The (heavy) module holding the parser class."""
        return f"mappings.parsers.{self.package}.parser"


# Detection tries the formats in this order; of equal scores the first wins.
REGISTRY: dict[str, Entry] = {
    "bl-catalogue": Entry("bl_catalogue", "BlCatalogueParser", "bl_catalogue"),
    "eprints-page": Entry("eprints_page", "EprintsPageParser", "eprints_page"),
    "eprints-html": Entry("eprints_html", "EprintsHtmlParser", "eprints_html"),
    "eprints-xml": Entry("eprints_xml", "EprintsXmlParser", "eprints_xml"),
    "marcxml": Entry("marc", "MarcXmlParser", "marcxml"),
    "marc": Entry("marc", "MarcParser", "marc"),
    "oai-dc": Entry("oai_dc", "OaiDcParser", "oai_dc"),
    "uketd-dc": Entry("oai_dc", "UketdDcParser", "uketd_dc"),
    "crossref": Entry("crossref", "CrossrefParser", "crossref"),
    "datacite": Entry("datacite", "DataciteParser", "datacite"),
}


def names() -> list[str]:
    """The registered input format names."""
    return sorted(REGISTRY)


def entry(name: str) -> Entry:
    """The registry entry of ``name``; ValueError naming the known formats otherwise."""
    try:
        return REGISTRY[name]
    except KeyError:
        raise ValueError(f"unknown input format {name!r}; known formats: {', '.join(names())}") from None


def get(name: str) -> Parser:
    """A parser for the format ``name`` (importing its module on first use)."""
    found = entry(name)
    parser_cls = getattr(importlib.import_module(found.module), found.parser)
    return cast(Parser, parser_cls())


def sniffer(name: str) -> Callable[[bytes], int]:
    """The sniff function of the format ``name`` (cheap: imports no parsing library)."""
    found = entry(name)
    module = importlib.import_module(f"mappings.parsers.{found.package}.sniff")
    return cast(Callable[[bytes], int], getattr(module, found.sniff))


def precedence(name: str) -> Precedence:
    """The merge precedence declared by the package of the format ``name``."""
    package = importlib.import_module(f"mappings.parsers.{entry(name).package}")
    return cast(Precedence, package.PRECEDENCE[name])


def detect(head: bytes, source: str = "") -> str:
    """The name of the format whose sniff function is surest about ``head``; FormatError if none is."""
    best, best_score = "", 0
    for name in REGISTRY:
        score = sniffer(name)(head)
        if score > best_score:
            best, best_score = name, score
    if best_score < SURE_ENOUGH:
        raise FormatError(
            f"cannot tell the input format from the content; give --input-format (one of {', '.join(names())})",
            file=source)
    return best
