"""The ``bl-catalogue`` parser: each record of a British Library catalogue display as a Record."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import BinaryIO

from mappings import normalize
from mappings.model import (
    Agent,
    AgentKind,
    Classification,
    Degree,
    Event,
    FieldWarning,
    FormatError,
    HostItem,
    Periodical,
    Record,
    RecordError,
    SourceField,
    Subject,
    WorkType,
)
from mappings.parsers.base import Parser
from mappings.parsers.bl_catalogue.layout import Fields, RawRecord, abstract_text, split_records, unquote_title
from mappings.parsers.bl_catalogue.sniff import bl_catalogue
from mappings.parsers.common.text_input import decode_text
from mappings.uris import digest

DEWEY = re.compile(r"^(\d{3}(?:\.\d+)?)(?:\s*\(?(?:DDC|ed\.?)\s*(\d+)\)?)?$")
RECORD_TYPES = {
    "journal article": WorkType.ARTICLE, "article": WorkType.ARTICLE, "book": WorkType.BOOK,
    "e-book": WorkType.BOOK, "ebook": WorkType.BOOK, "thesis": WorkType.THESIS, "chapter": WorkType.CHAPTER,
    "book chapter": WorkType.CHAPTER, "report": WorkType.REPORT,
    "conference paper": WorkType.CONFERENCE_PAPER,
    "conference proceedings": WorkType.BOOK, "journal": WorkType.PERIODICAL, "serial": WorkType.PERIODICAL,
    "newspaper": WorkType.PERIODICAL, "periodical": WorkType.PERIODICAL, "map": WorkType.MAP,
    "music score": WorkType.MUSIC_SCORE, "score": WorkType.MUSIC_SCORE,
    "sound recording": WorkType.SOUND_RECORDING,
    "music recording": WorkType.MUSIC_RECORDING, "video": WorkType.VIDEO, "film": WorkType.VIDEO,
    "image": WorkType.IMAGE, "dataset": WorkType.DATASET, "website": WorkType.WEBSITE,
    "software": WorkType.SOFTWARE, "patent": WorkType.PATENT, "manuscript": WorkType.DOCUMENT,
}
ROLES = {"author": "aut", "editor": "edt", "translator": "trl", "illustrator": "ill", "compiler": "com",
         "contributor": "ctb", "supervisor": "ths", "thesis advisor": "ths", "publisher": "pbl"}
ROLE_SUFFIX = re.compile(r",?\s*\(?\b(" + "|".join(ROLES) + r")s?\b\.?\)?$", re.IGNORECASE)


class BlCatalogueParser(Parser):
    """British Library catalogue display text."""

    name = "bl-catalogue"
    description = "British Library catalogue record display as text ('- Label:' / '- value' lines)"

    @classmethod
    def sniff(cls, head: bytes) -> int:
        """See :func:`mappings.parsers.bl_catalogue.sniff.bl_catalogue`."""
        return bl_catalogue(head)

    def parse(self, stream: BinaryIO, source: str) -> Iterator[Record | RecordError]:
        """Yield a Record (or RecordError) per record in the file."""
        try:
            text = decode_text(stream.read(), source)
        except FormatError as exc:
            yield exc
            return
        raws = split_records(text)
        if not any(f.label != "Preamble" for raw in raws for f in raw.fields):
            yield FormatError("no '- Label:' fields: not a British Library catalogue display", file=source)
            return
        for position, raw in enumerate(raws, start=1):
            ident = f"#{position}" + (f" ({raw.heading[:50]})" if raw.heading else "")
            try:
                yield _record(raw, source, position)
            except RecordError as exc:
                exc.file, exc.record = exc.file or source, exc.record or ident
                exc.line = exc.line or raw.line
                yield exc


def _record(raw: RawRecord, source: str, position: int) -> Record:
    get = Fields(raw.fields)
    rtype = get.first("record type")
    work_type = RECORD_TYPES.get(normalize.fold(rtype or ""), WorkType.DOCUMENT)
    known_type = rtype and normalize.fold(rtype) in RECORD_TYPES
    warnings = [] if known_type else [FieldWarning("Record Type", f"{rtype!r} read as a document")]
    title = unquote_title(get.first("main title") or "")
    display_title = get.first("title")
    if not title and display_title:
        title = unquote_title(display_title)
        warnings.append(FieldWarning("Main Title", "missing, the display Title is used"))
    if not title:
        raise RecordError("no title (neither 'Main Title' nor 'Title')", field="Main Title", line=raw.line)
    r = Record(source_format="bl-catalogue", source_id="", work_type=work_type, title=title,
               source_file=source, source_position=position, warnings=warnings)
    r.creators = [_agent(v, "aut") for v, _ in get.values("authors", "author", "creators", "creator")]
    others = get.values("contributors", "other names", "editors", "editor")
    r.contributors = [_agent(v, "ctb") for v, _ in others]
    r.abstract, truncated = abstract_text(" ".join(v for v, _ in get.values("abstract")))
    if truncated:
        r.warn("Abstract", "the display may be truncated ('(more)' without a full copy)")
    for value, line in get.values("publication date", "date of publication", "date"):
        if not r.issued:
            r.issued, r.issued_text = _date(r, value, "Publication Date", line)
    for value, line in get.values("year"):
        year, words = _date(r, value, "Year", line)
        if year and r.issued and r.issued[:4] != year[:4]:
            r.warn("Year", f"{year} differs from the Publication Date {r.issued}", line=line)
        if not r.issued:
            r.issued, r.issued_text = year, words
    _publication(r, get)
    _host(r, get)
    _subjects(r, get)
    for value, line in get.values("doi"):
        if doi := _valid(r, normalize.doi, value, "DOI", line, "kept as a plain identifier, not as a DOI"):
            r.doi = doi
        else:
            r.other_ids.setdefault("doi-as-given", []).append(value)
    for value, line in get.values("isbns", "isbn"):
        if isbn := _valid(r, normalize.isbn13, value, "ISBNs", line, "the ISBN is left out"):
            isbns = r.host.book_isbns if r.host and r.host.book_title else r.isbns
            isbns.extend([] if isbn in isbns else [isbn])
    system_number = get.first("system number", "uin", "record id")
    for value, _ in get.values("identifier", "identifiers"):
        r.other_ids.setdefault("local", []).append(value)
    for value, _ in get.values("languages", "language"):
        try:
            r.languages.append(normalize.language(value))
        except ValueError:
            r.warn("Languages", f"unknown language {value!r} kept as an unmapped field")
            r.unmapped.append(SourceField("Languages", value))
    r.legal_deposit = get.first("deposit type")
    r.access_note = get.first("view content")
    for value, _ in get.values("physical locations", "physical location", "shelfmark", "shelfmarks"):
        if not any(value in known for known in r.physical_locations):
            r.physical_locations.append(value)
    r.ingest_file = get.first("ingest file")
    r.notes = [v for v, _ in get.values("notes", "note", "preamble")]
    r.genres = [v for v, _ in get.values("genre", "genre/form", "form")]
    if conference := get.first("conference", "meeting", "event"):  # "Name (17th : 2008 : Beijing, China)"
        m = re.fullmatch(r".+?\(([^()]*:[^()]*)\)", conference)
        parts = [p.strip() for p in m[1].split(":")] if m else []
        place = parts[-1] if parts and not re.search(r"\d", parts[-1]) else None
        r.event = Event(name=conference, location=place,
                        dates_text=next((p for p in parts if re.search(r"\d{4}", p)), None))
    _thesis(r, get)
    get.values("title", "is part of")  # display forms, dropped deliberately (see the module docstring)
    r.unmapped.extend(get.unused())
    first = r.creators[0].name if r.creators else ""
    if system_number:
        r.source_id = "sysno:" + system_number
        r.other_ids.setdefault("bl-system-number", []).append(system_number)
    elif r.doi:
        r.source_id = "doi:" + r.doi.lower()
    else:
        r.source_id = "digest:" + digest(
            "|".join(normalize.fold(p) for p in (r.title, r.issued or "", first)))
    return r


def _valid(r: Record, check: Callable[[str], str], value: str, label: str, line: int, kept: str) -> str | None:
    """``check(value)``; or None and a warning naming the field and line when the value fails the check."""
    try:
        return check(value)
    except ValueError as exc:
        r.warn(label, f"{exc}; {kept}", line=line)
        return None


def _date(r: Record, value: str, label: str, line: int) -> tuple[str | None, str | None]:
    """(date, the words when vaguer than a date) at the precision the display states; a warning if none."""
    try:
        found = normalize.date_value(value)
        return found.value, (None if found.exact else found.text)
    except ValueError:
        pass
    try:
        return normalize.date(value), None  # the display's looser forms ("12th March 2018")
    except ValueError as exc:
        r.warn(label, f"{exc}; no date of issue taken from it", line=line)
        return None, None


def _agent(value: str, default_role: str) -> Agent:
    """An agent from "Family, Given[, dates][, role]"; a name without a comma is an organisation."""
    role = default_role
    if m := ROLE_SUFFIX.search(value):
        role, value = ROLES[m[1].lower()], value[: m.start()].strip()
    dates = None
    if m := re.search(r",\s*(\d{4}-(?:\d{4})?)\.?$", value):
        dates, value = m[1], value[: m.start()].strip()
    value = value.rstrip(",").strip()
    if "," not in value:
        return Agent(name=value, kind=AgentKind.ORGANIZATION, roles=[role])
    family, given = normalize.split_name(value)
    return Agent(name=value, family=family, given=given, roles=[role], dates=dates)


def _publication(r: Record, get: Fields) -> None:
    """Publisher, place, edition, extent, series; "Place : Publisher, Date" publication details."""
    for value, line in get.values("publication details", "imprint"):
        if m := re.fullmatch(r"(?:(.+?)\s*:\s*)?(.+?)(?:,\s*([\[c©]?\d{4}\]?)\.?)?", value):
            r.place = r.place or (m[1] or None)
            r.publisher = r.publisher or m[2].rstrip(",. ")
            if m[3] and not r.issued:
                r.issued, r.issued_text = _date(r, m[3], "Publication Details", line)
    r.publisher = get.first("publisher") or r.publisher
    r.place = get.first("place of publication") or r.place
    r.edition = get.first("edition")
    r.extent = get.first("physical description", "extent")
    for value, _ in get.values("series"):
        title, _, number = value.partition(" ; ")
        r.series.append((title.strip(), number.strip() or None))


def _host(r: Record, get: Fields) -> None:
    """Journal, ISSNs, URLs, volume, issue, pages; or the host book of a chapter."""
    journal = get.first("journal", "journal title")
    part_of = get.first("is part of")
    issns = [issn for v, line in get.values("issns", "issn")
             if (issn := _valid(r, normalize.issn, v, "ISSNs", line, "the ISSN is left out"))]
    urls = []
    for value, _ in get.values("journal urls", "journal url"):
        try:
            urls.append(normalize.url(value))
        except ValueError as exc:
            r.warn("Journal URLs", f"{exc}; kept as an unmapped field")
            r.unmapped.append(SourceField("Journal URLs", value))
    volume = get.first("volume")
    issue = None
    for value, _ in get.values("issue"):  # the display "Volume 23:Issue 1(2018)" is dropped, the number kept
        if not re.search(r"volume|[:()]", value, re.IGNORECASE):
            issue = value
    label = get.first("issue display")
    start, end = get.first("page start", "start page"), get.first("page end", "end page")
    if pages := get.first("pages", "page range"):
        start, _, end = (p.strip() for p in pages.partition("-"))
    if not journal and part_of and r.work_type is not WorkType.CHAPTER and (issns or volume or issue or urls):
        journal = re.split(r"\.\s*(?:Volume|Vol\.|Issue)\b", part_of)[0].strip()
    if r.work_type is WorkType.PERIODICAL and not journal:
        r.other_ids.setdefault("issn", []).extend(issns)
        r.related_urls.extend(urls)
        return
    host = HostItem(volume=volume, issue=issue, issue_label=label, page_start=start or None,
                    page_end=end or None, issue_sort_value=get.first("issue sort value"))
    if journal:
        host.periodical = Periodical(title=journal, issns=issns, urls=urls)
    elif issns:
        r.warn("ISSNs", "ISSNs are given but no journal title: kept as unmapped fields", line=get.line("issns", "issn"))
        r.unmapped.extend(SourceField("ISSNs", issn) for issn in issns)
    elif part_of:
        host.book_title = part_of
    if journal or part_of or start or volume:
        r.host = host


def _subjects(r: Record, get: Fields) -> None:
    """Subject headings "A -- B -- C"; bare Dewey numbers become Dewey classifications.

    On a journal article, a heading with the form subdivision "Periodicals" is the journal's (the display
    lists the serial record's headings with the article's): it goes on the journal, and so do the Dewey
    numbers that come with such headings."""
    journal = r.host.periodical if r.host and r.host.periodical and r.work_type is WorkType.ARTICLE else None
    headings: list[Subject] = []
    classes: list[Classification] = []
    for value, _ in get.values("subjects", "subject"):
        if m := DEWEY.match(value):
            classes.append(Classification("ddc", m[1], m[2]))
        else:
            parts = [p.strip() for p in value.split(" -- ") if p.strip()]
            headings.append(Subject(heading=" -- ".join(parts), parts=parts if len(parts) > 1 else [],
                                    scheme="bl"))
    serial = [h for h in headings if normalize.fold(h.heading.rsplit(" -- ", 1)[-1]) == "periodicals"]
    if journal is not None and serial:
        journal.subjects.extend(serial)
        journal.classifications.extend(classes)
        headings = [h for h in headings if h not in serial]
        classes = []
    r.subjects.extend(headings)
    r.classifications.extend(classes)
    for value, line in get.values("dewey", "dewey classification", "dewey decimal classification"):
        if not (m := DEWEY.match(value)):
            r.warn("Dewey", f"not a Dewey number: {value!r}; kept as an unmapped field", line=line)
            r.unmapped.append(SourceField("Dewey", value))
            continue
        r.classifications.append(Classification("ddc", m[1], m[2]))


def _thesis(r: Record, get: Fields) -> None:
    """The degree of a thesis: from a "Thesis (Ph.D.)--University, 2015" note or separate fields."""
    note = get.first("thesis", "dissertation note", "thesis note")
    institution = get.first("awarding institution", "awarding body", "institution")
    name = get.first("qualification name", "degree")
    level = get.first("qualification level", "degree level")
    if note and (m := re.match(r"Thesis\s*\(([^)]+)\)\s*[-–—]*\s*([^,]+?)?\s*(?:,\s*(\d{4}))?\.?$", note)):
        name, institution = name or m[1], institution or (m[2] or None)
    elif note:
        r.notes.append(note)
    if r.work_type is not WorkType.THESIS:
        r.unmapped.extend(SourceField(k, v) for k, v in (("Degree", name), ("Institution", institution)) if v)
        return
    level = level or normalize.degree_level(name or "")
    level = (normalize.degree_level(level) or level.lower()) if level else None
    r.degree = Degree(level=level, name=name, institution=institution)
    if not level:
        r.warn("Thesis", "the degree level is not stated")
