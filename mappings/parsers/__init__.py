"""The parser registry: one module per input format, found by name, detected from content.

Like rdflib's plugin registry, a format is registered by name with the module that implements it,
and the module is imported only when first used. Every parser yields the same typed
:class:`~mappings.model.Record` (or a :class:`~mappings.model.RecordError` for a record it rejects,
so one bad record never stops the rest of a file).
"""

from __future__ import annotations

import importlib
from abc import ABC, abstractmethod
from collections.abc import Iterator
from typing import BinaryIO, ClassVar

from mappings.model import FormatError, Record, RecordError

# name -> module path; each module defines a Parser subclass called ``Parser``
REGISTRY: dict[str, str] = {
    "bl-catalogue": "mappings.parsers.bl_catalogue",
    "eprints-page": "mappings.parsers.eprints_page",
    "eprints-xml": "mappings.parsers.eprints_xml",
    "marcxml": "mappings.parsers.marc",
    "marc": "mappings.parsers.marc",
    "oai-dc": "mappings.parsers.oai_dc",
    "uketd-dc": "mappings.parsers.oai_dc",
    "crossref": "mappings.parsers.crossref",
}

SNIFF_BYTES = 65536


class Parser(ABC):
    """An input format: detects itself from the first bytes and parses a stream into records."""

    name: ClassVar[str]
    description: ClassVar[str] = ""

    @classmethod
    @abstractmethod
    def sniff(cls, head: bytes) -> int:
        """How sure (0-100) this parser is that an input starting with ``head`` is its format."""

    @abstractmethod
    def parse(self, stream: BinaryIO, source: str) -> Iterator[Record | RecordError]:
        """Yield a Record per good source record and a RecordError per rejected one."""


def names() -> list[str]:
    """The registered input format names."""
    return sorted(REGISTRY)


def get(name: str) -> Parser:
    """The parser registered under ``name``; ValueError naming the known formats otherwise."""
    try:
        module_path = REGISTRY[name]
    except KeyError:
        raise ValueError(f"unknown input format {name!r}; known formats: {', '.join(names())}") from None
    module = importlib.import_module(module_path)
    parser_cls = getattr(module, "PARSERS", {}).get(name) or module.Parser
    return parser_cls()  # type: ignore[no-any-return]


def detect(head: bytes, source: str = "") -> str:
    """The name of the format whose parser is surest about ``head``; FormatError if none is."""
    best, best_score = "", 0
    seen: set[str] = set()
    for name, module_path in REGISTRY.items():
        module = importlib.import_module(module_path)
        parser_cls = getattr(module, "PARSERS", {}).get(name) or module.Parser
        if parser_cls in seen:
            continue
        seen.add(parser_cls)
        score = parser_cls.sniff(head)
        if score > best_score:
            best, best_score = parser_cls.name, score
    if best_score < 30:
        raise FormatError(
            f"cannot tell the input format from the content; give --input-format (one of {', '.join(names())})",
            file=source)
    return best


def decode_text(data: bytes, source: str) -> str:
    """Decode a text input (UTF-8, with or without BOM, or UTF-16 with BOM); FormatError otherwise."""
    try:
        return data.decode("utf-16" if data.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-8-sig")
    except UnicodeDecodeError as exc:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise FormatError(f"not valid UTF-16 ({exc.reason} at offset {exc.start})", file=source) from None
        line = data[: exc.start].count(b"\n") + 1
        raise FormatError(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "convert the file to UTF-8 first (e.g. iconv -f WINDOWS-1252 -t UTF-8)",
            file=source, line=line) from None
