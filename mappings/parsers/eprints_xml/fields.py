"""Reading the fields of an EPrints EP3 ``<eprint>``: names, URLs, dates, host, thesis, event and files."""

from __future__ import annotations

import html
import re

from lxml import etree

from mappings import normalize
from mappings.model import (
    Agent,
    Degree,
    Event,
    FieldWarning,
    FileLink,
    HostItem,
    Periodical,
    Record,
    RecordError,
    SourceField,
    WorkType,
)
from mappings.parsers.common.xml_stream import local
from mappings.parsers.common.xml_stream import text as raw_text

DROPPED = {"rev_number", "userid", "dir", "status_changed", "metadata_visibility", "full_text_status",
           "suggestions", "reviewer", "review_status", "item_issues_count", "sword_depositor", "fileinfo",
           "succeeds", "commentary", "eprintid", "eprint_status", "documents"}

THESIS_LEVELS = {"phd": ("doctoral", "PhD"), "doctoral": ("doctoral", None), "engd": ("doctoral", "EngD"),
                 "masters": ("masters", None), "mphil": ("masters", "MPhil"), "bachelors": ("bachelors", None),
                 "senior_major": ("bachelors", None), "honours": ("bachelors", None)}
PLACEHOLDER_NAMES = {"unknown", "none", "n/a", "na", ""}


def text(elem: etree._Element | None) -> str | None:
    """An element's text, with the HTML entities EPrints often stores literally ("G&uuml;nter") decoded."""
    value = raw_text(elem)
    return html.unescape(value) if value and "&" in value else value


def child_fields(elem: etree._Element) -> dict[str, etree._Element]:
    """The child elements of an element by local name."""
    return {local(child.tag): child for child in elem if isinstance(child.tag, str)}


def child_items(elem: etree._Element | None) -> list[etree._Element]:
    """The <item> children of a multiple field."""
    return [] if elem is None else [c for c in elem if local(c.tag) == "item"]


def read_agent(item: etree._Element, role: str, warnings: list[FieldWarning]) -> Agent | None:
    """A creator/editor/advisor item as an Agent (None for a placeholder name)."""
    f = child_fields(item)
    name = child_fields(f["name"]) if "name" in f else {}
    family, given = text(name.get("family")), text(name.get("given"))
    if normalize.fold(family or "") in PLACEHOLDER_NAMES and normalize.fold(given or "") in PLACEHOLDER_NAMES:
        return None
    full = ", ".join(p for p in (family, given) if p)
    orcid = text(f.get("orcid"))
    if orcid:
        try:
            orcid = normalize.orcid(orcid)
        except ValueError as exc:
            warnings.append(FieldWarning("creators/orcid", f"{full}: {exc}; the ORCID iD is left out"))
            orcid = None
    return Agent(name=full, family=family, given=given, roles=[role], orcid=orcid, local_id=text(f.get("id")))


def checked_url(value: str | None, field: str, warnings: list[FieldWarning]) -> str | None:
    """A checked http(s) URL, or None with a warning naming the field."""
    if not value:
        return None
    try:
        return normalize.url(value)
    except ValueError as exc:
        warnings.append(FieldWarning(field, f"{exc}; left out"))
        return None


class Fields:
    """The child fields of an <eprint>, remembering which ones a mapping rule has read."""

    def __init__(self, elem: etree._Element) -> None:
        self.elems = child_fields(elem)
        self.used: set[str] = set(DROPPED)

    def __call__(self, name: str) -> str | None:
        """The text of a field, marking it read."""
        self.used.add(name)
        return text(self.elems.get(name))

    def items(self, name: str) -> list[etree._Element]:
        """The items of a multiple field, marking it read."""
        self.used.add(name)
        return child_items(self.elems.get(name))


def read_dates(r: Record, date: str | None, date_type: str | None) -> None:
    """The date and what kind of date it is (published, submitted, accepted, degree, completed)."""
    if not date:
        return
    try:
        iso = normalize.date(date)
    except ValueError as exc:
        raise RecordError(str(exc), field="date") from None
    r.issued = iso
    if date_type == "submitted":
        r.date_submitted = iso
    elif date_type in ("accepted", "degree"):
        r.date_accepted = iso
    elif date_type == "completed":
        r.date_available = iso


def read_host(r: Record, get: Fields) -> None:
    """Journal (publication, ISSN, volume, number, pages) or host book."""
    publication, volume, number = get("publication"), get("volume"), get("number")
    pagerange, pages = get("pagerange"), get("pages")
    issns = []
    if issn := get("issn"):
        try:
            issns.append(normalize.issn(issn))
        except ValueError as exc:
            raise RecordError(str(exc), field="issn") from None
    book_title = get("book_title")
    if publication and publication.startswith(("http://", "https://")):
        if url := checked_url(publication, "publication", r.warnings):
            r.related_urls.append(url)
        publication = None
    start = end = None
    if pagerange:
        start, _, end = (p.strip() for p in pagerange.partition("-"))
    if pages and pages.isdigit():
        r.page_count = int(pages)
    if publication or issns:
        r.host = HostItem(periodical=Periodical(title=publication or "", issns=issns), volume=volume, issue=number,
                          page_start=start or None, page_end=end or None)
    elif book_title:
        r.host = HostItem(book_title=book_title, volume=volume, page_start=start or None, page_end=end or None)
    elif start:
        r.host = HostItem(page_start=start, page_end=end or None)
    if r.host and r.host.periodical and not r.host.periodical.title:
        raise RecordError("an ISSN is given but no publication (journal title)", field="publication")


def read_thesis(r: Record, get: Fields) -> None:
    """The degree of a thesis; institution and department of other items are kept unmapped."""
    thesis_type, degree_name = get("thesis_type"), get("thesis_degree")
    grantor, institution = get("thesis_degree_grantor"), get("institution")
    department = get("department")
    awarded = get("thesis_degree_date") or get("thesis_defense_date")
    if r.work_type is not WorkType.THESIS:
        for label, value in (("institution", institution), ("department", department)):
            if value:
                r.unmapped.append(SourceField(label, value))
        return
    level, default_name = THESIS_LEVELS.get((thesis_type or "").lower(), (thesis_type, None))
    r.degree = Degree(level=level, name=degree_name or default_name, institution=grantor or institution,
                      department=department, date=normalize.date(awarded) if awarded else None)


def read_event(r: Record, get: Fields) -> None:
    """The event a conference item was presented at."""
    title, location = get("event_title"), get("event_location")
    dates, _kind = get("event_dates"), get("event_type")
    if not title:
        return
    start = end = None
    if dates and (m := re.fullmatch(r"([A-Za-z]+)\.?\s+(\d{1,2})\s*[-–]\s*(\d{1,2}),?\s+(\d{4})", dates)):
        start = normalize.date(f"{m[1]} {m[2]}, {m[4]}")
        end = normalize.date(f"{m[1]} {m[3]}, {m[4]}")
    r.event = Event(name=title, location=location, start=start, end=end, dates_text=dates)


def read_files(r: Record, documents: etree._Element | None) -> None:
    """Public, non-derived documents as files; their language as the work's language."""
    if documents is None:
        return
    for doc in documents:
        d = child_fields(doc)
        if text(d.get("security")) != "public":
            continue
        relations = [text(child_fields(i).get("type")) or "" for i in child_items(d.get("relation"))]
        if any("isVersionOf" in rel for rel in relations):
            continue
        files = d.get("files")
        for file_elem in files if files is not None else []:
            ff = child_fields(file_elem)
            url = checked_url(text(ff.get("url")), "documents/file/url", r.warnings)
            if not url:
                continue
            size = text(ff.get("filesize"))
            r.files.append(FileLink(url=url, media_type=text(ff.get("mime_type")), name=text(ff.get("filename")),
                                    size=int(size) if size and size.isdigit() else None,
                                    version=text(d.get("content"))))
        if (lang := text(d.get("language"))) and not r.languages:
            try:
                r.languages.append(normalize.language(lang))
            except ValueError:
                r.warn("documents", f"unknown language {lang!r}")
