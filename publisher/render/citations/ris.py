"""RIS (``application/x-research-info-systems``) for a work: one record, tags as Zotero and EndNote read them.

Types: JOUR, THES, BOOK, CHAP, CONF, RPRT, SLIDE, DATA, COMP, ELEC, SOUND, VIDEO, MUSIC, MAP, FIGURE,
JFULL, PAT, else GEN. Values are single lines (newlines folded to spaces); lines end with CRLF as
the RIS specification says; ``T2`` is the journal, the book a chapter is in, or the conference; ``UR``
values have ``;`` percent-encoded because readers split on it.
"""

from __future__ import annotations

import re

from mappings.model import WorkType
from publisher.read.workview import PersonRef, WorkView
from publisher.render.citations.csl import publisher_name, thesis_genre

MEDIA_TYPE = "application/x-research-info-systems"
RIS_TYPES: dict[WorkType, str] = {
    WorkType.ARTICLE: "JOUR", WorkType.THESIS: "THES", WorkType.BOOK: "BOOK", WorkType.CHAPTER: "CHAP",
    WorkType.CONFERENCE_PAPER: "CONF", WorkType.REPORT: "RPRT", WorkType.PRESENTATION: "SLIDE",
    WorkType.DATASET: "DATA", WorkType.SOFTWARE: "COMP", WorkType.WEBSITE: "ELEC",
    WorkType.MUSIC_RECORDING: "SOUND", WorkType.SOUND_RECORDING: "SOUND", WorkType.VIDEO: "VIDEO",
    WorkType.MUSIC_SCORE: "MUSIC", WorkType.MAP: "MAP", WorkType.IMAGE: "FIGURE",
    WorkType.PERIODICAL: "JFULL", WorkType.PATENT: "PAT", WorkType.DOCUMENT: "GEN",
}


def render(view: WorkView, params: dict[str, str] | None = None) -> bytes:
    """The work as one RIS record (UTF-8, CRLF line ends)."""
    return "".join(f"{tag}  - {value}\r\n" for tag, value in ris_tags(view)).encode("utf-8")


def ris_tags(view: WorkView) -> list[tuple[str, str]]:
    """The record's (tag, value) pairs, TY first and ER last."""
    tags: list[tuple[str, str]] = [("TY", RIS_TYPES.get(view.work_type, "GEN"))]

    def add(tag: str, value: str | None) -> None:
        if value and value.strip():
            tags.append((tag, " ".join(value.split())))

    for author in view.authors:
        add("AU", _name(author))
    for editor in view.editors:
        add("A2", _name(editor))
    add("TI", view.title)
    if view.journal:
        add("T2", view.journal.label)
    elif view.book:  # CHAP: the book's title
        add("T2", view.book.label)
    elif view.event:
        add("T2", view.event.label)
    if view.series:
        add("T3", view.series[0].label)
    year, date = _dates(view.issued)
    add("PY", year)
    add("DA", date)
    add("VL", view.volume)
    add("IS", view.issue)
    add("SP", view.page_start)
    add("EP", view.page_end)
    if view.work_type is WorkType.THESIS:
        institution = view.institution or view.publisher
        add("PB", institution.label if institution else None)
        add("M3", thesis_genre(view))
    else:
        add("PB", publisher_name(view))
    add("CY", view.place)
    add("ET", view.edition)
    for issn in view.journal.issns if view.journal else []:
        add("SN", issn)
    for isbn in view.isbns:
        add("SN", isbn)
    add("DO", view.doi)
    for url in dict.fromkeys(([view.doi_iri] if view.doi_iri else []) + view.landing_pages + [view.iri]):
        add("UR", url.replace(";", "%3B"))
    add("LA", view.language_tags[0] if view.language_tags else None)
    for keyword in view.keywords or [s.label for s in view.subjects]:
        add("KW", keyword)
    add("AB", view.abstract)
    tags.append(("ER", ""))
    return tags


def _name(agent: PersonRef) -> str:
    """"Family, Given" for people, the full name for organisations."""
    if agent.is_person and agent.family:
        return f"{agent.family}, {agent.given}" if agent.given else agent.family
    return agent.label


def _dates(iso: str | None) -> tuple[str | None, str | None]:
    """PY (year) and DA (YYYY/MM/DD/ with empty parts allowed) from an ISO date."""
    m = re.match(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", iso or "")
    if not m:
        return None, None
    return m[1], f"{m[1]}/{m[2] or ''}/{m[3] or ''}/" if m[2] else None
