"""``eprints-xml``: EPrints EP3 XML exports (``<eprints xmlns="http://eprints.org/ep2/data/2.0">``).

One file may hold many ``<eprint>`` elements; they are read one at a time. Every field is either
mapped, kept as an unmapped source field, or dropped deliberately. Dropped deliberately (repository
housekeeping that says nothing about the work): ``rev_number``, ``userid``, ``dir``,
``status_changed``, ``metadata_visibility``, ``full_text_status``, ``suggestions``, ``reviewer``,
``review_status``, ``item_issues_count``, ``sword_depositor``, ``fileinfo``, ``succeeds``,
``commentary``; documents that are not public (``security`` other than ``public``) and derived
documents (thumbnails, index codes: any document that ``isVersionOf`` another); placeholder names such
as "Unknown Unknown" or "None None" and placeholder abstracts ("No abstract.") (with a warning).
HTML entities stored literally in field values (``G&amp;uuml;nter``) are decoded. Records whose ``eprint_status`` is not
``archive`` (inbox, buffer, deletion) are rejected: they are not public.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import BinaryIO

from lxml import etree

from mappings import normalize
from mappings.model import (
    Agent,
    Degree,
    Event,
    FileLink,
    Funding,
    HostItem,
    Periodical,
    Record,
    RecordError,
    SourceField,
    Subject,
    WorkType,
)
from mappings.parsers import Parser as BaseParser
from mappings.parsers.xmlstream import iter_records, local
from mappings.parsers.xmlstream import text as raw_text

NS = "http://eprints.org/ep2/data/2.0"
E = f"{{{NS}}}"

TYPES = {
    "article": WorkType.ARTICLE, "book_section": WorkType.CHAPTER, "book": WorkType.BOOK,
    "monograph": WorkType.REPORT, "thesis": WorkType.THESIS, "patent": WorkType.PATENT,
    "dataset": WorkType.DATASET, "image": WorkType.IMAGE, "video": WorkType.VIDEO, "audio": WorkType.SOUND_RECORDING,
    "composition": WorkType.MUSIC_SCORE, "teaching_resource": WorkType.DOCUMENT, "other": WorkType.DOCUMENT,
    "artefact": WorkType.DOCUMENT, "exhibition": WorkType.DOCUMENT, "performance": WorkType.DOCUMENT,
}
PRESENTATIONS = {"lecture", "speech", "poster", "keynote"}
THESIS_LEVELS = {"phd": ("doctoral", "PhD"), "doctoral": ("doctoral", None), "engd": ("doctoral", "EngD"),
                 "masters": ("masters", None), "mphil": ("masters", "MPhil"), "bachelors": ("bachelors", None),
                 "senior_major": ("bachelors", None), "honours": ("bachelors", None)}
STATUS = {"pub": "published", "inpress": "forthcoming", "unpub": "unpublished", "submitted": "draft"}
DROPPED = {"rev_number", "userid", "dir", "status_changed", "metadata_visibility", "full_text_status",
           "suggestions", "reviewer", "review_status", "item_issues_count", "sword_depositor", "fileinfo",
           "succeeds", "commentary", "eprintid", "eprint_status", "documents"}
PLACEHOLDER_NAMES = {"unknown", "none", "n/a", "na", ""}


def text(elem: etree._Element | None) -> str | None:
    """An element's text, with the HTML entities EPrints often stores literally ("G&uuml;nter") decoded."""
    value = raw_text(elem)
    return html.unescape(value) if value and "&" in value else value


class Parser(BaseParser):
    """EPrints EP3 XML."""

    name = "eprints-xml"
    description = "EPrints EP3 XML export (one or many <eprint> elements)"

    @classmethod
    def sniff(cls, head: bytes) -> int:
        """Sure when the EPrints data namespace and an eprint element appear."""
        return 95 if NS.encode() in head and b"eprint" in head else 0

    def parse(self, stream: BinaryIO, source: str) -> Iterator[Record | RecordError]:
        """Yield a Record (or RecordError) per <eprint>."""
        for item in iter_records(stream, (E + "eprint",), source):
            if isinstance(item, RecordError):
                yield item
                continue
            position, elem = item
            ident = elem.get("id") or text(elem.find(E + "eprintid")) or f"#{position}"
            try:
                record = _record(elem, source, position, ident)
            except RecordError as exc:
                exc.file, exc.record = exc.file or source, exc.record or ident
                exc.line = exc.line or elem.sourceline
                yield exc
            else:
                yield record


def _fields(elem: etree._Element) -> dict[str, etree._Element]:
    return {local(child.tag): child for child in elem if isinstance(child.tag, str)}


def _items(elem: etree._Element | None) -> list[etree._Element]:
    return [] if elem is None else [c for c in elem if local(c.tag) == "item"]


def _agent(item: etree._Element, role: str, warnings: list[str]) -> Agent | None:
    f = _fields(item)
    name = _fields(f["name"]) if "name" in f else {}
    family, given = text(name.get("family")), text(name.get("given"))
    if normalize.fold(family or "") in PLACEHOLDER_NAMES and normalize.fold(given or "") in PLACEHOLDER_NAMES:
        return None
    full = ", ".join(p for p in (family, given) if p)
    orcid = text(f.get("orcid"))
    if orcid:
        try:
            orcid = normalize.orcid(orcid)
        except ValueError as exc:
            warnings.append(f"{full}: {exc}; the ORCID iD is left out")
            orcid = None
    return Agent(name=full, family=family, given=given, roles=[role], orcid=orcid, local_id=text(f.get("id")))


def _url(value: str | None, field: str, warnings: list[str]) -> str | None:
    """A checked http(s) URL, or None with a warning naming the field."""
    if not value:
        return None
    try:
        return normalize.url(value)
    except ValueError as exc:
        warnings.append(f"{field}: {exc}; left out")
        return None


class _Fields:
    """The child fields of an <eprint>, remembering which ones a mapping rule has read."""

    def __init__(self, elem: etree._Element) -> None:
        self.elems = _fields(elem)
        self.used: set[str] = set(DROPPED)

    def __call__(self, name: str) -> str | None:
        self.used.add(name)
        return text(self.elems.get(name))

    def items(self, name: str) -> list[etree._Element]:
        self.used.add(name)
        return _items(self.elems.get(name))


def _record(elem: etree._Element, source: str, position: int, ident: str) -> Record:
    get = _Fields(elem)

    status = get("eprint_status")
    if status and status != "archive":
        raise RecordError(f"eprint_status is {status!r}, not 'archive': the record is not public",
                          field="eprint_status")
    title = get("title")
    if not title:
        raise RecordError("no title", field="title")
    etype = get("type") or "other"
    pres_type = get("pres_type")
    if etype == "conference_item":
        work_type = WorkType.PRESENTATION if pres_type in PRESENTATIONS else WorkType.CONFERENCE_PAPER
    else:
        work_type = TYPES.get(etype, WorkType.DOCUMENT)
    r = Record(source_format="eprints-xml", source_id=ident, work_type=work_type, title=title,
               source_file=source, source_position=position)
    if ident.startswith("http"):
        r.landing_page = _url(ident, "eprint/@id", r.warnings)
    if pres_type and work_type is WorkType.CONFERENCE_PAPER:
        r.genres.append(pres_type)
    for group, role, into in (("creators", "aut", r.creators), ("editors", "edt", r.contributors),
                              ("thesis_advisor", "ths", r.contributors),
                              ("thesis_committee", "dgc", r.contributors)):
        for item in get.items(group):
            agent = _agent(item, role, r.warnings)
            if agent is None:
                r.warnings.append(f"{group}: placeholder name dropped")
            else:
                into.append(agent)
    for item in get.items("contributors"):
        agent = _agent(item, "ctb", r.warnings)
        ctype = text(_fields(item).get("type")) or ""
        if agent:
            code = ctype.rsplit("/", 1)[-1] if "id.loc.gov/vocabulary/relators/" in ctype else "ctb"
            agent.roles = [code.lower()]
            r.contributors.append(agent)
    r.abstract = get("abstract")
    if r.abstract and r.abstract.rstrip(".").lower() in ("no abstract", "none", "n/a"):
        r.warnings.append("abstract: placeholder text dropped")
        r.abstract = None
    if note := get("note"):
        r.notes.append(note)
    _dates(r, get("date"), get("date_type"))
    if stamp := get("datestamp"):
        r.date_submitted = normalize.date(stamp)
    if lastmod := get("lastmod"):
        r.source_modified = normalize.timestamp(lastmod)
    if ispub := get("ispublished"):
        r.status.append(STATUS.get(ispub, ispub))
    refereed = get("refereed")
    if refereed:
        r.status.append("peerReviewed" if refereed.upper() == "TRUE" else "nonPeerReviewed")
    _host(r, get)
    r.publisher = get("publisher")
    r.place = get("place_of_pub")
    if doi := get("doi"):
        try:
            r.doi = normalize.doi(doi)
        except ValueError as exc:
            raise RecordError(str(exc), field="doi") from None
    for isbn in filter(None, [get("isbn")]):
        try:
            r.isbns.append(normalize.isbn13(isbn))
        except ValueError as exc:
            raise RecordError(str(exc), field="isbn") from None
    if id_number := get("id_number"):
        r.other_ids.setdefault("local", []).append(id_number)
    r.official_url = _url(get("official_url"), "official_url", r.warnings)
    for item in get.items("related_url"):
        url = _url(text(_fields(item).get("url")), "related_url", r.warnings)
        if url and not (r.doi and normalize.doi_iri(r.doi) == url.lower().replace("http://", "https://")):
            r.related_urls.append(url)
    r.citation = get("official_cit")
    r.rights.extend(filter(None, [get("rights"), get("copyright_statement")]))
    if kw := get("keywords"):
        r.keywords.extend(k.strip() for k in re.split(r"[;,]\s*|\n", kw) if k.strip())
    for item in get.items("subjects"):
        if subject_code := text(item):
            r.subjects.append(Subject(heading=subject_code, scheme="eprints-subjects"))
    r.divisions.extend(filter(None, (text(i) for i in get.items("divisions"))))
    r.collection = get("collection")
    r.alternative_titles.extend(filter(None, (text(i) for i in get.items("alt_title"))))
    for item in get.items("funders"):
        ff = _fields(item)
        if agency := text(ff.get("agency")):
            r.funding.append(Funding(funder=agency, grant=text(ff.get("grant_number"))))
    _thesis(r, get)
    _event(r, get)
    _files(r, get.elems.get("documents"))
    for name, child in get.elems.items():
        if name not in get.used:
            value = text(child) if not _items(child) else "; ".join(filter(None, map(text, _items(child))))
            if value:
                r.unmapped.append(SourceField(label=name, value=value))
    return r


def _dates(r: Record, date: str | None, date_type: str | None) -> None:
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


def _host(r: Record, get: _Fields) -> None:
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
        if url := _url(publication, "publication", r.warnings):
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


def _thesis(r: Record, get: _Fields) -> None:
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


def _event(r: Record, get: _Fields) -> None:
    title, location = get("event_title"), get("event_location")
    dates, _kind = get("event_dates"), get("event_type")
    if not title:
        return
    start = end = None
    if dates and (m := re.fullmatch(r"([A-Za-z]+)\.?\s+(\d{1,2})\s*[-–]\s*(\d{1,2}),?\s+(\d{4})", dates)):
        start = normalize.date(f"{m[1]} {m[2]}, {m[4]}")
        end = normalize.date(f"{m[1]} {m[3]}, {m[4]}")
    r.event = Event(name=title, location=location, start=start, end=end, dates_text=dates)


def _files(r: Record, documents: etree._Element | None) -> None:
    if documents is None:
        return
    for doc in documents:
        d = _fields(doc)
        if text(d.get("security")) != "public":
            continue
        relations = [text(_fields(i).get("type")) or "" for i in _items(d.get("relation"))]
        if any("isVersionOf" in rel for rel in relations):
            continue
        files = d.get("files")
        for file_elem in files if files is not None else []:
            ff = _fields(file_elem)
            url = _url(text(ff.get("url")), "documents/file/url", r.warnings)
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
                r.warnings.append(f"documents: unknown language {lang!r}")
