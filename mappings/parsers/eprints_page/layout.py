"""The layout of an EPrints abstract page as text: title, citation, versions, licences, abstract, label block.

The title line, the citation line, document version and licence lines, abstract paragraphs, and the
``Label: value`` block, where a field's continuation lines are further values or run on its value; page
chrome is recognised so that it can be dropped.

Other renderings of the same page are read as well (see :func:`unrender`): a Markdown rendering with a YAML
front matter (``---`` / ``title: ...`` / ``---``, its title the page's), table rows ("| Item Type: | Thesis |"),
headings, links and emphasis; a plain-text copy whose labels run straight on ("Item Type:Article").
A first line that cannot be a title ("---", a table rule) is never taken for one.
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
    "official citation", "id code", "deposited by", "supervisor's name", "supervisors' names", "date of award",
    "colleges/schools", "college/school", "unique id", "copyright", "qualification", "ispublished",
    "funding", "projects"}
CHROME = re.compile(
    r"^(?:Download \(.*\)(?: \| (?:Preview|Request a copy))*|Preview|Text|PDF|Image|Video|Audio|Abstract"
    r"|Actions \(login required\)|(?:Edit|View) Item(?: (?:Edit|View) Item)*"
    r"|Full text not available from this repository\.?|Request a copy"
    r"|Export/Share/Statistics|Export|Share|Statistics|Altmetric|Downloads|Downloads per month over past year"
    r"|View more statistics|Repository Staff Only: item control page|Item availability may be restricted\.?"
    r"|Full text available as:?|Full text downloads|Repository staff only"
    r"|\S+\.(?:pdf|docx?|odt|rtf|txt|zip|xlsx?|csv|pptx?|jpe?g|png|tiff?|mp[34]|wav))$", re.IGNORECASE)
VERSION = re.compile(r"^(?:\S.* - )?((Accepted|Published|Submitted|Updated|Draft) Version)$", re.IGNORECASE)
LICENCE = re.compile(r"^Available under (?:the following license:|License)\s*(.+?)\.?$", re.IGNORECASE)
FIELD = re.compile(r"^([A-Z][A-Za-z()/'’ -]{0,40}?)\s?:(?:\s*(.+))?$")
FRONT_MATTER_END = {"---", "..."}
NOT_A_TITLE = re.compile(r"^[\W_]*$|^(?:title|date|author|source|url)\s*:", re.IGNORECASE)


def unrender(text: str) -> tuple[list[tuple[int, str]], dict[str, str]]:
    """The page's lines (numbered as in the file) without Markdown markup, and its YAML front matter."""
    lines = text.splitlines()
    front: dict[str, str] = {}
    start = 0
    if lines and lines[0].strip() == "---":
        end = next((i for i in range(1, min(len(lines), 80)) if lines[i].strip() in FRONT_MATTER_END), None)
        if end is not None:
            for line in lines[1:end]:
                if m := re.match(r"^([A-Za-z_][\w-]*)\s*:\s*(.*)$", line):
                    value = m[2].strip()
                    if len(value) > 1 and value[0] == value[-1] and value[0] in "\"'":  # a quoted YAML scalar
                        value = value[1:-1]
                    front[m[1].lower()] = value
            start = end + 1
    out = []
    for number, raw in enumerate(lines[start:], start=start + 1):
        line = raw.strip()
        if re.fullmatch(r"\|?(?:\s*:?-{3,}:?\s*\|)*\s*:?-{3,}:?\s*\|?", line):  # a table rule: |---|---|
            line = ""
        elif line.startswith("|"):  # a table row: "| Item Type: | Thesis (PhD) |"
            line = " ".join(c.strip() for c in line.strip("|").split("|") if c.strip())
        line = re.sub(r"^#{1,6}\s+", "", line)
        line = re.sub(r"\*\*([^*]+)\*\*|__([^_]+)__", lambda m: m[1] or m[2], line)
        line = re.sub(r"\[([^\]]*)\]\(([^)\s]+)\)", lambda m: m[1] or m[2], line)
        out.append((number, line.rstrip(" |")))
    return out, front


class Page:
    """The page cut into title, citation, versions, licences, abstract paragraphs and labelled fields."""

    def __init__(self, text: str) -> None:
        numbered, self.front_matter = unrender(text)
        self.title: str | None = self.front_matter.get("title") or None
        self.citation: str | None = None
        self.citation_line: int | None = None
        self.versions: list[str] = []
        self.licences: list[str] = []
        self.paragraphs: list[str] = []
        self.access: list[str] = []
        self.fields: list[tuple[str, list[str], int]] = []  # label, values, line
        self.extra: list[str] = []
        self.used: set[str] = set()
        current: list[str] | None = None
        in_block = False
        for lineno, raw in numbered:
            line = normalize.clean_text(raw)
            if not line:
                current = None
                continue
            m = FIELD.match(line)
            key = normalize.fold(m[1]).strip() if m else ""
            if CHROME.match(line):
                current = None
            elif self.title is None and not self.citation and key not in KNOWN and CITATION.match(line):
                self.citation, self.citation_line = line, lineno  # a rendering that lost the title line
            elif self.title is None and key not in KNOWN:
                self.title = line if not NOT_A_TITLE.match(line) and not self.citation else self.title
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
                self.citation, self.citation_line = line, lineno
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
