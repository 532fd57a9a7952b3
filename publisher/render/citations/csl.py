"""CSL-JSON (``application/vnd.citationstyles.csl+json``) for a work: one item, an object as doi.org answers for a
DOI (an array of it is valid against CSL 1.0.2's csl-data.json).

Dates are always ``{"date-parts": [[y, m, d]]}`` with integers (citeproc-py crashes on string dates);
pages are one range ``"54-63"``; a journal's or a chapter's book's title is the ``container-title``; theses
carry ``genre`` ("Doctoral thesis" ...) and the awarding institution as ``publisher``. Keys the schema does
not define (licence, rights) are left out, and so is the repository's version label ("Accepted Version":
CSL's ``version`` is a software version number).
"""

from __future__ import annotations

import json
import re
from typing import Any

from mappings.model import WorkType
from publisher.read.workview import PersonRef, WorkView

MEDIA_TYPE = "application/vnd.citationstyles.csl+json"

CSL_TYPES: dict[WorkType, str] = {
    WorkType.ARTICLE: "article-journal", WorkType.CONFERENCE_PAPER: "paper-conference",
    WorkType.PRESENTATION: "speech", WorkType.THESIS: "thesis", WorkType.BOOK: "book",
    WorkType.CHAPTER: "chapter", WorkType.REPORT: "report", WorkType.DATASET: "dataset",
    WorkType.SOFTWARE: "software", WorkType.WEBSITE: "webpage", WorkType.MUSIC_RECORDING: "song",
    WorkType.SOUND_RECORDING: "song", WorkType.VIDEO: "motion_picture", WorkType.MUSIC_SCORE: "musical_score",
    WorkType.MAP: "map", WorkType.IMAGE: "graphic", WorkType.PERIODICAL: "periodical",
    WorkType.PATENT: "patent", WorkType.DOCUMENT: "document",
}

BIBO_DEGREES = "http://purl.org/ontology/bibo/degrees/"
LODPUB_NS = "https://w3id.org/lodpub/ns#"
GENRES = {  # degree IRI -> the thesis genre citation styles print
    BIBO_DEGREES + "phd": "Doctoral thesis",
    LODPUB_NS + "degree-professional-doctorate": "Doctoral thesis",
    BIBO_DEGREES + "ma": "Master's thesis",
    BIBO_DEGREES + "ms": "Master's thesis",
    LODPUB_NS + "degree-masters": "Master's thesis",
    LODPUB_NS + "degree-mphil": "MPhil thesis",
    LODPUB_NS + "degree-bachelors": "Bachelor's thesis",
}

Item = dict[str, Any]


def render(view: WorkView, params: dict[str, str] | None = None) -> bytes:
    """The work as one CSL-JSON item, an object as doi.org serves it for a DOI (UTF-8)."""
    return (json.dumps(csl_item(view), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def item_id(view: WorkView) -> str:
    """A stable CSL id for the work: the last segment of its URI."""
    return view.iri.rstrip("/").rsplit("/", 1)[-1]


def csl_item(view: WorkView) -> Item:
    """One CSL-JSON item for the work."""
    item: Item = {"id": item_id(view), "type": CSL_TYPES.get(view.work_type, "document"), "title": view.title}
    _put(item, "author", [csl_name(a) for a in view.authors])
    _put(item, "editor", [csl_name(a) for a in view.editors])
    _put(item, "issued", date_parts(view.issued))
    if view.journal:
        item["container-title"] = view.journal.label
        _put(item, "ISSN", view.journal.issns[0] if view.journal.issns else None)
    elif view.book:  # a chapter's book
        item["container-title"] = view.book.label
    _put(item, "volume", view.volume)
    _put(item, "issue", view.issue)
    _put(item, "page", page_range(view))
    _put(item, "page-first", view.page_start)
    if view.series:
        item["collection-title"] = view.series[0].label
    _put(item, "edition", edition(view.edition))
    _put(item, "ISBN", view.isbns[0] if view.isbns else None)
    if view.work_type is WorkType.THESIS:
        _put(item, "genre", thesis_genre(view))
        institution = view.institution or view.publisher
        _put(item, "publisher", institution.label if institution else None)
    else:
        _put(item, "publisher", publisher_name(view))
    if not view.journal:  # a journal's publisher's town is no part of an article's reference
        _put(item, "publisher-place", view.place)
    if view.event:
        item["event"] = view.event.label
    _put(item, "DOI", view.doi)
    _put(item, "URL", view.doi_iri or (view.landing_pages or [view.iri])[0])
    _put(item, "abstract", view.abstract)
    _put(item, "language", view.language_tags[0] if view.language_tags else None)
    _put(item, "keyword", ", ".join(view.keywords))
    return item


def csl_name(agent: PersonRef) -> dict[str, str]:
    """A CSL name: family/given for people, literal for organisations and unsplit names."""
    if agent.is_person and agent.family:
        return {"family": agent.family, "given": agent.given} if agent.given else {"family": agent.family}
    return {"literal": agent.label}


def date_parts(iso: str | None) -> dict[str, list[list[int]]] | None:
    """An ISO date, year-month or year as CSL date-parts of integers; None if there is no year."""
    if not iso:
        return None
    m = re.match(r"(\d{4})(?:-(0[1-9]|1[0-2]))?(?:-(\d{2}))?", iso)  # an EDTF "2003-21" is a season, not a month
    if not m:
        return None
    parts = [int(p) for p in m.groups() if p]
    return {"date-parts": [parts]}


def page_range(view: WorkView) -> str | None:
    """Pages as one CSL range, "54-63" (or the first page alone)."""
    if view.page_start and view.page_end and view.page_end != view.page_start:
        return f"{view.page_start}-{view.page_end}"
    return view.page_start or view.page_end


def edition(text: str | None) -> str | None:
    """An edition as CSL wants it: the number of a numbered one ("3rd ed." -> "3", so each style writes it its
    way: "3rd edn", "(3rd ed.)"), else the text as given ("Rev. ed.")."""
    if not text:
        return None
    m = re.fullmatch(r"\s*(\d{1,3})\s*(?:st|nd|rd|th|e|er|\.)?\s*(?:ed(?:n|ition)?\.?)?\s*", text, re.IGNORECASE)
    return m[1] if m else text


def publisher_name(view: WorkView) -> str | None:
    """The publisher's name: the work's own, else its journal's."""
    if view.publisher:
        return view.publisher.label
    return view.journal.publisher if view.journal else None


def thesis_genre(view: WorkView) -> str:
    """The kind of thesis from its degree ("Doctoral thesis", "Master's thesis" ...), else "Thesis"."""
    if view.degree in GENRES:
        return GENRES[view.degree]
    name = (view.degree_name or "").lower()
    if re.search(r"doctor|ph\.?\s?d|d\.?phil", name):
        return "Doctoral thesis"
    if re.search(r"master|\bm\.?(a|sc|s|res|phil)\b", name):
        return "Master's thesis"
    if re.search(r"bachelor|\bb\.?(a|sc|s)\b", name):
        return "Bachelor's thesis"
    return "Thesis"


def _put(item: Item, key: str, value: Any) -> None:
    if value not in (None, "", []):
        item[key] = value
