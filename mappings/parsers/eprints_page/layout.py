"""The layout of an EPrints abstract page as text: title, citation, versions, licences, abstract, label block.

The title line, the citation line, document version and licence lines, abstract paragraphs, and the
``Label: value`` block, where a field's continuation lines are further values or run on its value; page
chrome is recognised so that it can be dropped.
"""

from __future__ import annotations

import re

from mappings import normalize
from mappings.parsers.eprints_page.citation import CITATION

# labels whose continuation lines are further values (the others run on their value)
MULTI = {"subjects", "divisions", "faculty", "faculties", "schools", "schools/departments", "related urls",
         "funders", "projects"}
KNOWN = MULTI | {
    "item type", "keywords", "uncontrolled keywords", "depositing user", "date deposited", "deposited on",
    "last modified", "uri", "official url", "doi", "identification number", "additional information",
    "supervisor", "supervisors", "supervisor(s)", "thesis supervisor", "thesis advisor", "editors", "editor",
    "creators", "authors", "journal or publication title", "publication", "journal", "volume", "number",
    "page range", "pages", "number of pages", "issn", "isbn", "publisher", "place of publication",
    "event title", "event location", "event dates", "event type", "book title", "series name", "institution",
    "department", "thesis type", "qualification level", "qualification name", "date", "dates", "date type",
    "status", "refereed", "language", "languages", "copyright holders", "monograph type", "presentation type",
    "official citation", "id code"}
CHROME = re.compile(
    r"^(?:Download \(.*\)(?: \| (?:Preview|Request a copy))*|Preview|Text|PDF|Image|Video|Audio|Abstract"
    r"|Actions \(login required\)|(?:Edit|View) Item(?: (?:Edit|View) Item)*"
    r"|Full text not available from this repository\.?|Request a copy"
    r"|Export/Share/Statistics|Export|Share|Statistics|Altmetric|Downloads|Downloads per month over past year"
    r"|View more statistics|Repository Staff Only: item control page|Item availability may be restricted\.?"
    r"|\S+\.(?:pdf|docx?|odt|rtf|txt|zip|xlsx?|csv|pptx?|jpe?g|png|tiff?|mp[34]|wav))$", re.IGNORECASE)
VERSION = re.compile(r"^(?:\S.* - )?((Accepted|Published|Submitted|Updated|Draft) Version)$", re.IGNORECASE)
LICENCE = re.compile(r"^Available under (?:the following license:|License)\s*(.+?)\.?$", re.IGNORECASE)
FIELD = re.compile(r"^([A-Z][A-Za-z()/'’ -]{0,40}?)\s?:(?:\s+(.*))?$")


class Page:
    """The page cut into title, citation, versions, licences, abstract paragraphs and labelled fields."""

    def __init__(self, text: str) -> None:
        self.title: str | None = None
        self.citation: str | None = None
        self.versions: list[str] = []
        self.licences: list[str] = []
        self.paragraphs: list[str] = []
        self.access: list[str] = []
        self.fields: list[tuple[str, list[str], int]] = []  # label, values, line
        self.extra: list[str] = []
        self.used: set[str] = set()
        current: list[str] | None = None
        in_block = False
        for lineno, raw in enumerate(text.splitlines(), start=1):
            line = normalize.clean_text(raw)
            if not line:
                current = None
                continue
            m = FIELD.match(line)
            key = normalize.fold(m[1]).strip() if m else ""
            if CHROME.match(line):
                current = None
            elif self.title is None and key not in KNOWN:
                self.title = line
            elif (v := VERSION.match(line)) is not None:
                self.versions.append(v[1])
            elif (lic := LICENCE.match(line)) is not None:
                self.licences.append(lic[1])
            elif line.startswith("Restricted to "):
                self.access.append(line)
            elif m and (key in KNOWN or in_block) and len(m[1].split()) <= 5:
                current = [m[2]] if m[2] else []
                self.fields.append((m[1].strip(), current, lineno))
                in_block = in_block or key not in ("official url", "doi")
            elif current is not None:
                current.append(line)
            elif not self.citation and not self.paragraphs and not self.fields and CITATION.match(line):
                self.citation = line
            elif in_block:
                self.extra.append(line)
            else:
                self.paragraphs.append(line)

    def values(self, *labels: str) -> list[str]:
        """Every value of the fields with these (folded) labels; continuation lines are further values."""
        out: list[str] = []
        for label, values, _ in self.fields:
            key = normalize.fold(label)
            if key in labels:
                self.used.add(key)
                out.extend(values if key in MULTI else [" ".join(values)] if values else [])
        return [v for v in out if v]

    def first(self, *labels: str) -> str | None:
        """The first value of the fields with these labels."""
        found = self.values(*labels)
        return found[0] if found else None

    def line(self, label: str) -> int | None:
        """The line of the first field with this (folded) label."""
        return next((n for lab, _, n in self.fields if normalize.fold(lab) == label), None)
