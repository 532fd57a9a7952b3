"""The ``eprints-xml`` parser: one ``<eprint>`` element at a time as a Record."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import BinaryIO

from lxml import etree

from mappings import normalize
from mappings.model import (
    Funding,
    Record,
    RecordError,
    SourceField,
    Subject,
    WorkType,
)
from mappings.parsers.base import Parser
from mappings.parsers.common.xml_stream import iter_records
from mappings.parsers.eprints_xml.fields import (
    Fields,
    checked_url,
    child_fields,
    child_items,
    read_agent,
    read_dates,
    read_event,
    read_files,
    read_host,
    read_thesis,
    text,
)
from mappings.parsers.eprints_xml.sniff import NS, eprints_xml

E = f"{{{NS}}}"

TYPES = {
    "article": WorkType.ARTICLE, "book_section": WorkType.CHAPTER, "book": WorkType.BOOK,
    "monograph": WorkType.REPORT, "thesis": WorkType.THESIS, "patent": WorkType.PATENT,
    "dataset": WorkType.DATASET, "image": WorkType.IMAGE, "video": WorkType.VIDEO, "audio": WorkType.SOUND_RECORDING,
    "composition": WorkType.MUSIC_SCORE, "teaching_resource": WorkType.DOCUMENT, "other": WorkType.DOCUMENT,
    "artefact": WorkType.DOCUMENT, "exhibition": WorkType.DOCUMENT, "performance": WorkType.DOCUMENT,
}
PRESENTATIONS = {"lecture", "speech", "poster", "keynote"}
STATUS = {"pub": "published", "inpress": "forthcoming", "unpub": "unpublished", "submitted": "draft"}


def _identify(elem: etree._Element) -> str | None:
    """An eprint's id (attribute, or eprintid element), also from the part read before the XML broke."""
    return elem.get("id") or text(elem.find(E + "eprintid"))


class EprintsXmlParser(Parser):
    """EPrints EP3 XML."""

    name = "eprints-xml"
    description = "EPrints EP3 XML export (one or many <eprint> elements)"

    @classmethod
    def sniff(cls, head: bytes) -> int:
        """See :func:`mappings.parsers.eprints_xml.sniff.eprints_xml`."""
        return eprints_xml(head)

    def parse(self, stream: BinaryIO, source: str) -> Iterator[Record | RecordError]:
        """Yield a Record (or RecordError) per <eprint>."""
        for item in iter_records(stream, (E + "eprint",), source, _identify):
            if isinstance(item, RecordError):
                yield item
                continue
            position, elem = item
            ident = _identify(elem) or f"#{position}"
            try:
                record = _record(elem, source, position, ident)
            except RecordError as exc:
                exc.file, exc.record = exc.file or source, exc.record or ident
                exc.line = exc.line or elem.sourceline
                yield exc
            else:
                yield record


def _record(elem: etree._Element, source: str, position: int, ident: str) -> Record:
    get = Fields(elem)

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
        r.landing_page = checked_url(ident, "eprint/@id", r.warnings)
    if pres_type and work_type is WorkType.CONFERENCE_PAPER:
        r.genres.append(pres_type)
    for group, role, into in (("creators", "aut", r.creators), ("editors", "edt", r.contributors),
                              ("thesis_advisor", "ths", r.contributors),
                              ("thesis_committee", "dgc", r.contributors)):
        for item in get.items(group):
            agent = read_agent(item, role, r.warnings)
            if agent is None:
                r.warn(f"{group}", "placeholder name dropped")
            else:
                into.append(agent)
    for item in get.items("contributors"):
        agent = read_agent(item, "ctb", r.warnings)
        ctype = text(child_fields(item).get("type")) or ""
        if agent:
            code = ctype.rsplit("/", 1)[-1] if "id.loc.gov/vocabulary/relators/" in ctype else "ctb"
            agent.roles = [code.lower()]
            r.contributors.append(agent)
    r.abstract = get("abstract")
    if r.abstract and r.abstract.rstrip(".").lower() in ("no abstract", "none", "n/a"):
        r.warn("abstract", "placeholder text dropped")
        r.abstract = None
    if note := get("note"):
        r.notes.append(note)
    read_dates(r, get("date"), get("date_type"))
    if stamp := get("datestamp"):
        r.date_submitted = normalize.date(stamp)
    if lastmod := get("lastmod"):
        r.source_modified = normalize.timestamp(lastmod)
    if ispub := get("ispublished"):
        r.status.append(STATUS.get(ispub, ispub))
    refereed = get("refereed")
    if refereed:
        r.status.append("peerReviewed" if refereed.upper() == "TRUE" else "nonPeerReviewed")
    read_host(r, get)
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
    r.official_url = checked_url(get("official_url"), "official_url", r.warnings)
    for item in get.items("related_url"):
        url = checked_url(text(child_fields(item).get("url")), "related_url", r.warnings)
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
        ff = child_fields(item)
        if agency := text(ff.get("agency")):
            r.funding.append(Funding(funder=agency, grant=text(ff.get("grant_number"))))
    read_thesis(r, get)
    read_event(r, get)
    read_files(r, get.elems.get("documents"))
    for name, child in get.elems.items():
        if name not in get.used:
            value = text(child) if not child_items(child) else "; ".join(filter(None, map(text, child_items(child))))
            if value:
                r.unmapped.append(SourceField(label=name, value=value))
    return r

