"""Reading the fields of an EPrints EP3 ``<eprint>``: text, URLs, dates, host, thesis, event and files."""

from __future__ import annotations

import html
import re

from lxml import etree

from mappings import normalize
from mappings.model import (
    Agent,
    AgentKind,
    Degree,
    Event,
    FileLink,
    HostItem,
    Licence,
    Periodical,
    Record,
    SourceField,
    WorkType,
)
from mappings.parsers.common.xml_stream import local
from mappings.parsers.common.xml_stream import text as raw_text
from mappings.parsers.eprints_page.citation import event_dates
from mappings.parsers.eprints_xml.vocab import LICENCES, NO_PLACE, NO_PUBLISHER, THESIS_LEVELS

DROPPED = {"rev_number", "userid", "dir", "status_changed", "metadata_visibility", "full_text_status",
           "suggestions", "reviewer", "review_status", "item_issues_count", "sword_depositor", "fileinfo",
           "succeeds", "commentary", "eprintid", "eprint_status", "documents"}
ARTICLE_NUMBER = re.compile(r"(?:Art(?:icle)?\.?\s*(?:No\.?|Number|#)?|Paper\s+No\.?)\s*:?\s*(\S+)", re.IGNORECASE)


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

    def values(self, name: str) -> list[str]:
        """The texts of a field that may be single (text) or multiple (items), marking it read."""
        items = [v for v in map(text, self.items(name)) if v]
        return items or ([v] if (v := self(name)) else [])

    def line(self, name: str) -> int | None:
        """The line of a field in the file."""
        elem = self.elems.get(name)
        return elem.sourceline if elem is not None else None


def checked_url(r: Record, value: str | None, field: str, line: int | None) -> str | None:
    """A checked http(s) URL, or None with a warning naming the field and its line."""
    if not value:
        return None
    try:
        return normalize.url(value)
    except ValueError as exc:
        r.warn(field, f"{exc}; left out", line=line)
        return None


def read_dates(r: Record, get: Fields) -> None:
    """The date at its own precision, and what kind of date it is (published, submitted, accepted, ...)."""
    date, date_type = get("date"), get("date_type")
    if not date:
        return
    try:
        found = normalize.date_value(date)
    except ValueError:
        r.warn("date", f"not a date: {date!r}; the record has no date of issue", line=get.line("date"))
        return
    r.issued, r.issued_text = found.value, None if found.exact else found.text
    if not found.exact:
        return
    if date_type == "submitted":
        r.date_submitted = found.value
    elif date_type in ("accepted", "degree"):
        r.date_accepted = found.value
    elif date_type == "completed":
        r.date_available = found.value


def read_host(r: Record, get: Fields) -> None:
    """Journal (publication, ISSN, volume, number, pages or article number) or host book; series."""
    publication, volume, number = get("publication"), get("volume"), get("number")
    pagerange, pages = get("pagerange"), get("pages")
    issns = []
    if issn := get("issn"):
        try:
            issns.append(normalize.issn(issn))
        except ValueError as exc:
            r.warn("issn", f"{exc}; kept as given, not as an ISSN", line=get.line("issn"))
            r.other_ids.setdefault("issn-as-given", []).append(issn)
    if publication and publication.startswith(("http://", "https://")):
        if url := checked_url(r, publication, "publication", get.line("publication")):
            r.related_urls.append(url)
        publication = None
    start = end = article = None
    if pagerange and (m := ARTICLE_NUMBER.fullmatch(pagerange.strip())):
        article = m[1].rstrip(".")
    elif pagerange:
        start, _, end = (p.strip() for p in pagerange.partition("-"))
    if pages and pages.isdigit():
        if article and pages.lstrip("0") == article.lstrip("0"):
            r.warn("pages", f"pages {pages!r} repeats the article number; not a page count", line=get.line("pages"))
        else:
            r.page_count = int(pages)
    series = get("series")
    if series and normalize.fold(series) != normalize.fold(publication or ""):
        r.series.append((series, None if publication or r.work_type is WorkType.ARTICLE else number))
    book_title = get("book_title")
    host_book = book_title and r.work_type in (WorkType.CHAPTER, WorkType.CONFERENCE_PAPER, WorkType.PRESENTATION) \
        and normalize.fold(book_title) != normalize.fold(r.title)
    if publication:
        r.host = HostItem(periodical=Periodical(title=publication, issns=issns), volume=volume,
                          issue=number, page_start=start or None, page_end=end or None, article_number=article)
    elif host_book:
        r.host = HostItem(book_title=book_title, volume=volume, page_start=start or None, page_end=end or None)
    elif start or article:
        r.host = HostItem(page_start=start or None, page_end=end or None, article_number=article)
    if issns and not publication:
        r.warn("issn", "an ISSN is given but no publication (journal title): kept as an identifier",
               line=get.line("issn"))
        r.other_ids.setdefault("issn", []).extend(issns)


def read_thesis(r: Record, get: Fields) -> None:
    """The degree of a thesis; a report's institution is its issuing body; otherwise both are kept unmapped."""
    thesis_type, degree_name = get("thesis_type"), get("thesis_degree")
    grantor, institution = get("thesis_degree_grantor"), get("institution")
    department = get("department")
    awarded = get("thesis_degree_date") or get("thesis_defense_date")
    if r.work_type is WorkType.REPORT and institution:
        if normalize.fold(institution) != normalize.fold(r.publisher or ""):
            r.contributors.append(Agent(name=institution, kind=AgentKind.ORGANIZATION, roles=["isb"]))
        institution = None
    if r.work_type is not WorkType.THESIS:
        for label, value in (("institution", institution), ("department", department)):
            if value:
                r.unmapped.append(SourceField(label, value))
        return
    level, default_name = THESIS_LEVELS.get((thesis_type or "").lower(), (thesis_type, None))
    date = None
    if awarded:
        try:
            date = normalize.date(awarded)
        except ValueError:
            r.warn("thesis_degree_date", f"not a date: {awarded!r}", line=get.line("thesis_degree_date"))
    r.degree = Degree(level=level, name=degree_name or default_name, institution=grantor or institution,
                      department=department, date=date)


def read_event(r: Record, get: Fields) -> None:
    """The event a conference item was presented at (or an exhibition a catalogue accompanies)."""
    title, location = get("event_title"), get("event_location")
    dates, _kind = get("event_dates"), get("event_type")
    if not title:
        return
    r.event = Event(name=title, location=location, dates_text=dates)
    if dates and (m := re.fullmatch(r"([A-Za-z]+)\.?\s+(\d{1,2})\s*[-–]\s*(\d{1,2}),?\s+(\d{4})", dates)):
        try:
            r.event.start = normalize.date(f"{m[1]} {m[2]}, {m[4]}")
            r.event.end = normalize.date(f"{m[1]} {m[3]}, {m[4]}")
        except ValueError:
            pass
    elif dates:
        event_dates(r.event, dates)


def read_files(r: Record, documents: etree._Element | None) -> None:
    """Public, non-derived documents as files; their licence is the work's when they agree on one."""
    if documents is None:
        return
    licences: dict[str, int | None] = {}
    languages: list[tuple[str, int | None]] = []
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
            url = checked_url(r, text(ff.get("url")), "documents/file/url", file_elem.sourceline)
            if not url:
                continue
            size = text(ff.get("filesize"))
            r.files.append(FileLink(url=url, media_type=text(ff.get("mime_type")), name=text(ff.get("filename")),
                                    size=int(size) if size and size.isdigit() else None,
                                    version=text(d.get("content"))))
        if code := text(d.get("license")):
            licences.setdefault(code, d["license"].sourceline)
        if lang := text(d.get("language")):
            languages.append((lang, d["language"].sourceline))
    if len(licences) == 1:
        _licence(r, *next(iter(licences.items())))
    if not r.languages:
        for lang, line in dict.fromkeys(languages):
            try:
                code = normalize.language(lang)
            except ValueError:
                r.warn("documents/language", f"unknown language {lang!r}", line=line)
                continue
            if code not in r.languages:
                r.languages.append(code)


def _licence(r: Record, code: str, line: int | None) -> None:
    """The public full text's licence code ("cc_by_nc_nd") as the work's licence."""
    iri, family = LICENCES.get(code.lower(), (None, None))
    if not (iri or family) and code.lower() not in ("other", "unspecified", ""):
        iri, family = normalize.licence(code.replace("_", "-"))
    if iri or family:
        r.licence = Licence(iri=iri, family=family, text=None)
    elif code.lower() not in ("other", "unspecified"):
        r.warn("documents/license", f"licence code {code!r} is not one lodpub knows; left out", line=line)


def read_publisher(r: Record, get: Fields) -> None:
    """Publisher and place, without the cataloguers' "s.n." (no name) and "s.l." (no place)."""
    publisher, place = get("publisher"), get("place_of_pub")
    if publisher and normalize.fold(publisher).strip() in NO_PUBLISHER:
        r.warn("publisher", f"{publisher!r} says the publisher is unknown; no publisher", line=get.line("publisher"))
        publisher = None
    if place and normalize.fold(place).strip() in NO_PLACE:
        place = None
    r.publisher, r.place = publisher, place


def read_languages(r: Record, get: Fields) -> None:
    """The eprint's languages (a single value or items); the documents' languages are the fallback."""
    for value in get.values("language"):
        try:
            code = normalize.language(value)
        except ValueError:
            r.warn("language", f"unknown language {value!r}", line=get.line("language"))
            continue
        if code not in r.languages:
            r.languages.append(code)
