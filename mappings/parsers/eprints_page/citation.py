"""Reading the citation line of an EPrints abstract page: people, year, and the item details after the title.

The citation line follows EPrints' default citation style: ``Authors (Year) Title. <details>`` where the
details depend on the item type:

- article: ``Journal, 23 (1). pp. 54-63. ISSN 1361-9322``
- book section: ``In: Editor, A. and Editor, B., (eds.) Book title. Series (36). Publisher, Place, pp. 9-42.
  ISBN 9781847691279``
- conference item: ``In: Event title, 21 - 25 Apr 2008, Place.``
- monograph: ``Technical Report. Publisher, Place.``; book: ``Publisher, Place. ISBN ...``
- thesis: ``Doctoral thesis, Institution.``

Names are "Family, Given" joined by ", " and " and " (older repositories join every name with " and "), or
"Given Family" joined the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from mappings import normalize
from mappings.model import Agent, Event, WorkType
from mappings.parsers.common.names import strip_titles

CITATION = re.compile(r"^(?P<names>.*?)\s*\((?:(?P<year>\d{4})[a-z]?|(?P<status>in press|submitted|unpublished|"
                      r"forthcoming|n\.d\.))\)\s+(?P<rest>.+)$", re.IGNORECASE)
EDITORS_MARK = re.compile(r",?\s*\(?\beds?\.\)?\s*$")


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
        given = strip_titles(given) if given else given  # "Grant, Professor John P."
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
