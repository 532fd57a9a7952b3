"""Reading an EPrints abstract page as text: the page layout, and the citation line.

The layout (:class:`Page`): title line, citation line, document version and licence lines, abstract
paragraphs, and the ``Label: value`` block, where a field's continuation lines are further values or
run on its value; page chrome is recognised so that it can be dropped.

The citation line follows EPrints' default citation style: ``Authors (Year) Title. <details>`` where the
details depend on the item type:

- article: ``Journal, 23 (1). pp. 54-63. ISSN 1361-9322``
- book section: ``In: Editor, A. and Editor, B., (eds.) Book title. Series (36). Publisher, Place, pp. 9-42.
  ISBN 9781847691279``
- conference item: ``In: Event title, 21 - 25 Apr 2008, Place.``
- monograph: ``Technical Report. Publisher, Place.``; book: ``Publisher, Place. ISBN ...``
- thesis: ``Doctoral thesis, Institution.``

Names are "Family, Given" joined by ", " and " and " (older repositories join every name with " and "), or
"Given Family" joined the same way. Used by :mod:`mappings.parsers.eprints_page`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from mappings import normalize
from mappings.model import Agent, Event, WorkType

CITATION = re.compile(r"^(?P<names>.*?)\s*\((?:(?P<year>\d{4})[a-z]?|(?P<status>in press|submitted|unpublished|"
                      r"forthcoming|n\.d\.))\)\s+(?P<rest>.+)$", re.IGNORECASE)
EDITORS_MARK = re.compile(r",?\s*\(?\beds?\.\)?\s*$")
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


@dataclass
class Cited:
    """What a citation line says: people, year, and the item details after the title."""

    authors: list[Agent] = field(default_factory=list)
    editors: list[Agent] = field(default_factory=list)
    year: str | None = None
    status: str | None = None  # "in press", "submitted", "unpublished" ... in place of a year
    title_found: bool = False
    journal: str | None = None
    volume: str | None = None
    number: str | None = None
    pages: str | None = None
    issn: str | None = None
    isbn: str | None = None
    book: str | None = None
    series: tuple[str, str | None] | None = None
    publisher: str | None = None
    place: str | None = None
    report_type: str | None = None
    thesis_kind: str | None = None
    institution: str | None = None
    event: Event | None = None


def names(text: str, role: str = "aut") -> list[Agent]:
    """Agents from an EPrints name list: "Boyce, Melanie J., Munn-Giddings, Carol and Secker, Jenny"."""
    text = EDITORS_MARK.sub("", text.strip()).strip(" ,")
    if not text:
        return []
    chunks = [c.strip(" ,") for c in text.split(" and ")]
    if ", " in chunks[-1]:  # "Family, Given" names: pair the comma-separated parts up
        tokens = [t.strip() for c in chunks for t in c.split(", ")]
        pairs = [", ".join(tokens[i:i + 2]) for i in range(0, len(tokens), 2)]
    else:  # "Given Family" names
        pairs = [t.strip() for c in chunks for t in c.split(", ")]
    agents = []
    for name in filter(None, pairs):
        family, given = normalize.split_name(name)
        agents.append(Agent(name=name, family=family, given=given, roles=[role]))
    return agents


def event_dates(event: Event, dates: str | None) -> None:
    """Set start and end from "21 - 25 Apr 2008", "21 April - 2 May 2008" or "21 Apr 2008"."""
    text = (dates or "").strip()
    try:
        if m := re.fullmatch(r"(\d{1,2})\s*[-–]\s*(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4})", text):
            event.start, event.end = (normalize.date(f"{d} {m[3]} {m[4]}") for d in (m[1], m[2]))
        elif m := re.fullmatch(r"(\d{1,2} [A-Za-z]+)\.?\s*[-–]\s*(\d{1,2} [A-Za-z]+)\.?,?\s+(\d{4})", text):
            event.start, event.end = (normalize.date(f"{d} {m[3]}") for d in (m[1], m[2]))
        elif re.fullmatch(r"\d{1,2}\s+[A-Za-z]+\.?\s+\d{4}", text):
            event.start = normalize.date(text)
    except ValueError:
        event.start = event.end = None


def read_citation(citation: str, title: str, work_type: WorkType) -> Cited | None:
    """The people, year and item details of a citation line; None when it is not one."""
    m = CITATION.match(citation)
    if not m:
        return None
    cited = Cited(year=m["year"], status=(m["status"] or "").lower() or None)
    if EDITORS_MARK.search(m["names"]):
        cited.editors = names(m["names"], "edt")
    else:
        cited.authors = names(m["names"])
    rest, title = m["rest"], normalize.clean_text(title)
    if normalize.fold(rest).startswith(normalize.fold(title)):
        cited.title_found = True
        _details(cited, rest[len(title):].lstrip(" .").strip(), work_type)
    return cited


def _take(pattern: str, tail: str) -> tuple[str | None, str]:
    """The first group of ``pattern`` matched at the end of ``tail``, and the tail without it."""
    if m := re.search(pattern + r"\.?$", tail):
        return m[1], tail[: m.start()]
    return None, tail


def _details(cited: Cited, tail: str, work_type: WorkType) -> None:
    cited.isbn, tail = _take(r"\.?\s*ISBN\s+([\dXx-]{10,17})", tail)
    cited.issn, tail = _take(r"\.?\s*ISSN\s+([\dXx-]{8,9})", tail)
    cited.pages, tail = _take(r"[.,]?\s*pp?\.\s*(\w+(?:\s*-\s*\w+)?)", tail)
    tail = tail.strip().rstrip(".")
    if work_type is WorkType.THESIS:
        if m := re.fullmatch(r"(.+?) thesis,\s*(.+)", tail):
            cited.thesis_kind, cited.institution = m[1], m[2]
    elif tail.startswith("In: "):
        tail = tail[4:]
        if m := re.match(r"(.+?),?\s*\(eds?\.\)\s*", tail):
            cited.editors, tail = names(m[1], "edt"), tail[m.end():]
        if work_type in (WorkType.CONFERENCE_PAPER, WorkType.PRESENTATION):
            if m := re.fullmatch(r"(.+?),\s*([^,]*\d{4}),\s*(.+)", tail):
                cited.event = Event(name=m[1], dates_text=m[2], location=m[3])
                event_dates(cited.event, m[2])
            return
        cited.book, _, rest = tail.partition(". ")
        if m := re.match(r"([^.()]+?)\s*\((\d+)\)\.\s*", rest):
            cited.series, rest = (m[1], m[2]), rest[m.end():]
        if m := re.fullmatch(r"([^,.]+)(?:,\s*([^.]+))?", rest):
            cited.publisher, cited.place = m[1], m[2]
    elif work_type in (WorkType.ARTICLE, WorkType.CONFERENCE_PAPER):
        m = re.fullmatch(r"(.+?)(?:,\s*(\w[^,()]*?))?(?:\s*\(([^)]*)\))?", tail)
        cited.journal, cited.volume, cited.number = (m[1], m[2], m[3]) if m else (None, None, None)
    elif work_type in (WorkType.BOOK, WorkType.REPORT):
        m = re.fullmatch(r"(?:([^.]+)\.\s+)?([^,.]+)(?:,\s*([^.]+))?", tail)
        cited.report_type, cited.publisher, cited.place = (m[1], m[2], m[3]) if m else (None, None, None)
