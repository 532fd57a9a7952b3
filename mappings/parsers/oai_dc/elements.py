"""The elements of one oai_dc or uketd_dc record: values by prefixed name, with their line and xsi:type."""

from __future__ import annotations

from typing import NamedTuple

from lxml import etree

from mappings import normalize
from mappings.parsers.common.xml_stream import text

DC_NS = "http://purl.org/dc/elements/1.1/"
DCTERMS_NS = "http://purl.org/dc/terms/"
UKETD_TERMS = "http://naca.central.cranfield.ac.uk/ethos-oai/terms/"
XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"
PREFIXES = {DC_NS: "dc", DCTERMS_NS: "dcterms", UKETD_TERMS: "uketdterms"}
DROPPED = {"uketdterms:checksum", "uketdterms:embargotype"}


class Value(NamedTuple):
    """One element's text, the line it is on, and its xsi:type ("uketdterms:ISNI") if any."""

    text: str
    line: int | None
    xsi_type: str | None


class Elements:
    """The child elements of a metadata record by prefixed name ("dc:title"), remembering which were read."""

    def __init__(self, payload: etree._Element) -> None:
        self.found: dict[str, list[Value]] = {}
        for child in payload:
            if not isinstance(child.tag, str):
                continue
            namespace, _, localname = child.tag[1:].partition("}") if child.tag.startswith("{") else ("", "", child.tag)
            name = f"{PREFIXES.get(namespace, namespace)}:{localname}"  # (an unbound prefix stays in the name)
            if value := text(child):
                value = normalize.clean_text(value) if "\n" not in value else value.strip()
                xsi = child.get(XSI_TYPE)
                self.found.setdefault(name, []).append(Value(value, child.sourceline, xsi))
        self.used: set[str] = set(DROPPED)

    @property
    def values(self) -> dict[str, list[str]]:
        """The texts by element name."""
        return {name: [v.text for v in values] for name, values in self.found.items()}

    def one(self, name: str) -> str | None:
        """The first value of an element, if any."""
        found = self(name)
        return found[0] if found else None

    def items(self, *names: str) -> list[Value]:
        """The values (with line and type) of these elements, in the order of the names, marking them read."""
        self.used.update(names)
        return [v for name in names for v in self.found.get(name, [])]

    def __call__(self, *names: str) -> list[str]:
        return [v.text for v in self.items(*names)]

    def line(self, name: str) -> int | None:
        """The line of the first element of this name."""
        values = self.found.get(name)
        return values[0].line if values else None
