"""The ``eprints-page`` parser: an EPrints abstract page (as text) as one Record."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import BinaryIO

from mappings import normalize
from mappings.model import (
    Degree,
    Event,
    Funding,
    HostItem,
    Licence,
    Periodical,
    Record,
    RecordError,
    SourceField,
    Subject,
    WorkType,
)
from mappings.parsers.base import Parser
from mappings.parsers.common.text_input import decode_text
from mappings.parsers.eprints_page.citation import Cited, event_dates, names, read_citation
from mappings.parsers.eprints_page.layout import Page
from mappings.parsers.eprints_page.sniff import eprints_page
from mappings.uris import digest

ITEM_TYPES = {
    "article": WorkType.ARTICLE, "book section": WorkType.CHAPTER, "book": WorkType.BOOK,
    "monograph": WorkType.REPORT, "report": WorkType.REPORT, "thesis": WorkType.THESIS,
    "conference or workshop item": WorkType.CONFERENCE_PAPER, "patent": WorkType.PATENT,
    "dataset": WorkType.DATASET, "image": WorkType.IMAGE, "video": WorkType.VIDEO,
    "audio": WorkType.SOUND_RECORDING, "composition": WorkType.MUSIC_SCORE, "website": WorkType.WEBSITE,
}
PRESENTATIONS = {"lecture", "speech", "poster", "keynote"}
STATUSES = {"accepted": "accepted", "published": "published", "draft": "draft", "in press": "forthcoming",
            "forthcoming": "forthcoming",
            "unpublished": "unpublished"}


class EprintsPageParser(Parser):
    """EPrints abstract page as text."""

    name = "eprints-page"
    description = "EPrints abstract page saved as text (title, citation, abstract, 'Label: value' block)"

    @classmethod
    def sniff(cls, head: bytes) -> int:
        """See :func:`mappings.parsers.eprints_page.sniff.eprints_page`."""
        return eprints_page(head)

    def parse(self, stream: BinaryIO, source: str) -> Iterator[Record | RecordError]:
        """Yield the page's Record (or a RecordError naming the field)."""
        try:
            text = decode_text(stream.read(), source)
            yield _record(text, source)
        except RecordError as exc:
            exc.file = exc.file or source
            yield exc


def _checked(r: Record, fn: Callable[[str], str], value: str, label: str, page: Page,
             keep_as: str | None = None) -> str | None:
    """The normalised value, or None with a warning naming the field and its line (and the value kept as given
    under ``keep_as`` in the record's identifiers)."""
    try:
        return str(fn(value))
    except ValueError as exc:
        line = page.line(normalize.fold(label)) or page.citation_line  # a field, else the citation it came from
        r.warn(label, f"{exc}; " + ("kept as given" if keep_as else "left out"), line=line)
        if keep_as:
            r.other_ids.setdefault(keep_as, []).append(value)
        return None


def _record(text: str, source: str) -> Record:
    page = Page(text)
    if not page.title:
        found = "it begins with its citation, no title line" if page.citation else "no title line at the top"
        raise RecordError(f"{found}: not an EPrints abstract page in a layout lodpub reads (a title, the citation, "
                          "'Label: value' fields)", file=source, field="title", line=page.citation_line or 1)
    item_type = page.first("item type") or ""
    base, _, qualifier = item_type.partition(" (")
    qualifier = qualifier.rstrip(")").strip()
    work_type = ITEM_TYPES.get(normalize.fold(base).strip(), WorkType.DOCUMENT)
    if work_type is WorkType.CONFERENCE_PAPER and normalize.fold(qualifier) in PRESENTATIONS:
        work_type = WorkType.PRESENTATION
    r = Record(source_format="eprints-page", source_id="", work_type=work_type, title=page.title,
               source_file=source, source_position=1, citation=page.citation)
    if normalize.fold(base).strip() not in ITEM_TYPES:
        r.warn("Item Type", f"{item_type or 'missing'!r} read as a document", line=page.line("item type"))
    if qualifier and work_type in (WorkType.CONFERENCE_PAPER, WorkType.REPORT, WorkType.PRESENTATION):
        r.genres.append(qualifier)
    cited = read_citation(page.citation or "", page.title, work_type) or Cited()
    if not page.citation:
        r.warn('citation', 'no citation line: authors and year come from the label block only')
    elif not cited.title_found:
        r.warn("citation", "the citation does not repeat the title line: its item details are not read",
               line=page.citation_line)
    r.creators, r.contributors, r.issued = list(cited.authors), list(cited.editors), cited.year
    if cited.status in STATUSES:
        r.status.append(STATUSES[cited.status])
    if cited.report_type and not qualifier and work_type is WorkType.REPORT:
        r.genres.append(cited.report_type)
    r.abstract = "\n\n".join(page.paragraphs) or None
    for version in page.versions[:1]:
        r.version_label = version
        if status := STATUSES.get(version.split()[0].lower()):
            r.status.append(status)
    for phrase in page.licences[:1]:
        iri, family = normalize.licence(phrase)
        if iri or family:
            r.licence = Licence(iri=iri, family=family, text=phrase)
        else:
            r.rights.append(phrase)
    r.access_note = "; ".join(page.access) or None
    _fields(r, page)
    _host(r, page, cited)
    if r.work_type is WorkType.THESIS:
        level = normalize.degree_level(qualifier) or normalize.degree_level(cited.thesis_kind or "")
        generic = normalize.fold(qualifier) in ("", "doctoral", "masters", "bachelors")
        awarded = page.first("date of award")
        r.degree = Degree(level=level, name=None if generic else qualifier,
                          institution=page.first("institution") or cited.institution,
                          department=page.first("department"),
                          date=_checked(r, normalize.date, awarded, "Date of Award", page) if awarded else None)
    first = r.creators[0].name if r.creators else ""
    r.landing_page = _url(r, "URI", page.first("uri"), page.line("uri"))
    r.source_id = r.landing_page or (f"doi:{r.doi.lower()}" if r.doi else "digest:" + digest(
        "|".join(normalize.fold(p) for p in (r.title, r.issued or "", first))))
    for label, values, _ in page.fields:
        if normalize.fold(label) not in page.used:
            r.unmapped.extend(SourceField(label, v) for v in values if v)
    r.unmapped.extend(SourceField("Text", line) for line in page.extra)
    return r


def _fields(r: Record, page: Page) -> None:
    """The label block: people, dates, identifiers, subjects, divisions, links, funders, notes."""
    if creators := page.first("creators", "authors"):
        r.creators = names(creators)
    for label, role in (("editors", "edt"), ("editor", "edt"), ("supervisors", "ths"), ("supervisor", "ths"),
                        ("supervisor(s)", "ths"), ("thesis supervisor", "ths"), ("thesis advisor", "ths"),
                        ("supervisor's name", "ths"), ("supervisors' names", "ths")):
        if value := page.first(label):
            if role == "edt":
                r.contributors = [a for a in r.contributors if "edt" not in a.roles]
            r.contributors.extend(names(value, role))
    for value in page.values("date", "dates"):
        for kind, date in re.findall(r"(?:([A-Za-z ]+):\s*)?([^,:]*\d{4})", value):
            iso = _checked(r, normalize.date, date, "Date", page)
            if iso is None:
                continue
            kind = normalize.fold(kind).strip()
            if kind == "accepted":
                r.date_accepted = iso
            elif kind in ("published online", "available online"):
                r.date_available = iso
            elif kind in ("", "published", "completed") and (not r.issued or r.issued == iso[:4]):
                r.issued = iso
    if deposited := page.first("date deposited", "deposited on"):
        r.date_submitted = _checked(r, normalize.date, deposited, "Date Deposited", page)
    if modified := page.first("last modified"):
        r.source_modified = _checked(r, normalize.timestamp, modified, "Last Modified", page)
    r.official_url = _url(r, "Official URL", page.first("official url"), page.line("official url"))
    for value in page.values("doi", "identification number"):
        if "10." in value or value.lower().startswith("doi"):
            r.doi = r.doi or _checked(r, normalize.doi, value, "DOI", page, "doi-as-given")
        else:
            r.other_ids.setdefault("local", []).append(value)
    if not r.doi and r.official_url and "doi.org/10." in r.official_url:
        r.doi = _checked(r, normalize.doi, r.official_url, "Official URL", page)
    for value in page.values("keywords", "uncontrolled keywords"):
        r.keywords.extend(k.strip() for k in re.split(r"[;,]\s*", value) if k.strip())
    r.subjects = [Subject(heading=v, scheme="eprints-subjects") for v in page.values("subjects")]
    r.divisions = page.values("divisions", "faculty", "faculties", "schools", "schools/departments",
                              "colleges/schools", "college/school")
    r.depositor = page.first("depositing user", "deposited by")
    for value in page.values("id code", "unique id"):
        r.other_ids.setdefault("local", []).append(value)
    r.rights.extend(page.values("copyright"))
    r.notes = page.values("additional information")
    r.rights.extend(page.values("copyright holders"))
    r.related_urls = [u for v in page.values("related urls") for found in re.findall(r"https?://\S+", v)
                      if (u := _url(r, "Related URLs", found, page.line("related urls")))]
    r.funding = [Funding(funder=v) for v in page.values("funders")]
    for value in page.values("language", "languages"):
        try:
            r.languages.append(normalize.language(value))
        except ValueError:
            r.unmapped.append(SourceField("Language", value))
    refereed = (page.first("refereed") or "").lower()
    if refereed:
        r.status.append("peerReviewed" if refereed.startswith("yes") else "nonPeerReviewed")
    if (status := STATUSES.get((page.first("status") or "").lower())) and status not in r.status:
        r.status.append(status)
    if pages := page.first("number of pages"):
        r.page_count = int(pages) if pages.isdigit() else None
    if event := page.first("event title"):
        dates = page.first("event dates")
        r.event = Event(name=event, location=page.first("event location"), dates_text=dates)
        event_dates(r.event, dates)




def _host(r: Record, page: Page, cited: Cited) -> None:
    """Journal, volume, number, pages, ISSN, host book, publisher: the label block, else the citation."""
    journal = page.first("journal or publication title", "publication", "journal") or cited.journal
    volume, number = page.first("volume") or cited.volume, page.first("number") or cited.number
    pages = page.first("page range", "pages") or cited.pages or ""
    start, _, end = (p.strip() for p in re.sub(r"^pp?\.\s*", "", pages).partition("-"))
    issn, isbn = page.first("issn") or cited.issn, page.first("isbn") or cited.isbn
    isbns = [i for i in [_checked(r, normalize.isbn13, isbn, "ISBN", page, "isbn-as-given")] if i] if isbn else []
    r.publisher = page.first("publisher") or cited.publisher
    r.place = page.first("place of publication") or cited.place
    if not any("edt" in a.roles for a in r.contributors):
        r.contributors.extend(cited.editors)
    r.event = r.event or cited.event
    book = page.first("book title") or cited.book
    if series := page.first("series name"):
        r.series.append((series, page.first("number") if r.work_type is not WorkType.ARTICLE else None))
    elif cited.series:
        r.series.append(cited.series)
    if journal and r.work_type not in (WorkType.CHAPTER, WorkType.BOOK, WorkType.THESIS):
        issns = [i for i in [_checked(r, normalize.issn, issn, "ISSN", page, "issn-as-given")] if i] if issn else []
        r.host = HostItem(periodical=Periodical(title=journal, issns=issns), volume=volume, issue=number)
        r.isbns = isbns
    elif book and r.work_type is WorkType.CHAPTER:
        r.host = HostItem(book_title=book, book_isbns=isbns, volume=volume)
    elif issn:
        r.warn("ISSN", "an ISSN is given but no journal or publication title: kept as an identifier",
               line=page.line("issn"))
        r.other_ids.setdefault("issn", []).append(issn)
    else:
        r.isbns = isbns
    if start:
        r.host = r.host or HostItem()
        r.host.page_start, r.host.page_end = start, end or None


def _url(r: Record, label: str, value: str | None, line: int | None = None) -> str | None:
    """The first word of a URL field if it is an http(s) URL (any run-on words are kept as an unmapped field);
    otherwise a warning and the whole value as an unmapped field."""
    if not value:
        return None
    first, *rest = value.split()
    try:
        found = normalize.url(first)
    except ValueError as exc:
        r.warn(label, f"{exc}; kept as an unmapped field", line=line)
        r.unmapped.append(SourceField(label, value))
        return None
    if rest:
        r.unmapped.append(SourceField(label, " ".join(rest)))
    return found
