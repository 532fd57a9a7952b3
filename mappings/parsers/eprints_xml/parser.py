"""The ``eprints-xml`` parser: one ``<eprint>`` element at a time as a Record."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import BinaryIO

from lxml import etree

from mappings import normalize
from mappings.model import Funding, Record, RecordError, SourceField, WorkType
from mappings.parsers.base import Parser
from mappings.parsers.common.xml_stream import iter_records
from mappings.parsers.eprints_xml.agents import read_people
from mappings.parsers.eprints_xml.fields import (
    Fields,
    checked_url,
    child_fields,
    child_items,
    read_dates,
    read_event,
    read_files,
    read_host,
    read_languages,
    read_publisher,
    read_thesis,
    text,
)
from mappings.parsers.eprints_xml.sniff import NS, eprints_xml
from mappings.parsers.eprints_xml.vocab import MONOGRAPH_TYPES, PRES_TYPES, STATUS, TYPES, work_type

E = f"{{{NS}}}"


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
            except (ValueError, TypeError, AttributeError, KeyError, IndexError) as exc:  # a reader's bug: one record
                yield RecordError(f"cannot be read ({type(exc).__name__}: {exc})", file=source, record=ident,
                                  line=elem.sourceline)
            else:
                yield record


def _record(elem: etree._Element, source: str, position: int, ident: str) -> Record:
    get = Fields(elem)
    status = get("eprint_status")
    if status and status != "archive":
        raise RecordError(f"eprint_status is {status!r}, not 'archive': the record is not public",
                          field="eprint_status", line=get.line("eprint_status"))
    title = get("title")
    if not title:
        raise RecordError("no title", field="title")
    etype = get("type") or "other"
    pres_type = get("pres_type")
    r = Record(source_format="eprints-xml", source_id=ident, work_type=work_type(etype, pres_type), title=title,
               source_file=source, source_position=position)
    if etype not in TYPES and etype != "conference_item":
        r.unmapped.append(SourceField("type", etype))  # a repository's own item type: a code, not a concept
    if ident.startswith("http"):
        r.landing_page = checked_url(r, ident, "eprint/@id", elem.sourceline)
    if pres_type and r.work_type is WorkType.CONFERENCE_PAPER and PRES_TYPES.get(pres_type):
        r.genres.append(str(PRES_TYPES[pres_type]))
    if etype == "monograph" and (monograph := get("monograph_type")) and MONOGRAPH_TYPES.get(monograph, monograph):
        r.genres.append(MONOGRAPH_TYPES.get(monograph) or monograph.replace("_", " "))
    read_people(r, get, etype)
    r.abstract = get("abstract")
    if r.abstract and r.abstract.rstrip(".").lower() in ("no abstract", "none", "n/a"):
        r.warn("abstract", "placeholder text dropped", line=get.line("abstract"))
        r.abstract = None
    if note := get("note"):
        r.notes.append(note)
    read_dates(r, get)
    if stamp := get("datestamp"):
        try:
            r.date_submitted = normalize.date(stamp)
        except ValueError:
            r.warn("datestamp", f"not a date: {stamp[:100]!r}; the deposit date is left out",
                   line=get.line("datestamp"))
    if lastmod := get("lastmod"):
        try:
            r.source_modified = normalize.timestamp(lastmod)
        except ValueError:
            r.warn("lastmod", f"not a timestamp: {lastmod[:100]!r}; the record's last-modified date is left out",
                   line=get.line("lastmod"))
    if ispub := get("ispublished"):
        r.status.append(STATUS.get(ispub, ispub))
    if refereed := get("refereed"):
        r.status.append("peerReviewed" if refereed.upper() == "TRUE" else "nonPeerReviewed")
    read_publisher(r, get)
    read_host(r, get)
    _identifiers(r, get)
    r.citation = get("official_cit")
    r.rights.extend(filter(None, [get("rights"), get("copyright_statement")]))
    if kw := get("keywords"):
        r.keywords.extend(k.strip() for k in re.split(r"[;,]\s*|\n", kw) if k.strip())
    if codes := [c for c in map(text, get.items("subjects")) if c]:  # subject codes, not labels: not concepts
        r.unmapped.append(SourceField("subjects", "; ".join(codes)))
    r.divisions.extend(filter(None, (text(i) for i in get.items("divisions"))))
    r.collection = get("collection")
    r.alternative_titles.extend(filter(None, (text(i) for i in get.items("alt_title"))))
    for item in get.items("funders"):
        ff = child_fields(item)
        if agency := text(ff.get("agency")):
            r.funding.append(Funding(funder=agency, grant=text(ff.get("grant_number"))))
    read_languages(r, get)
    read_thesis(r, get)
    read_event(r, get)
    read_files(r, get.elems.get("documents"))
    for name, child in get.elems.items():
        if name not in get.used:
            value = text(child) if not child_items(child) else "; ".join(filter(None, map(text, child_items(child))))
            if value:
                r.unmapped.append(SourceField(label=name, value=normalize.clean_text(value)))
    return r


def _identifiers(r: Record, get: Fields) -> None:
    """DOI (<doi>, else a related_url of type doi, else an id_number that is one), ISBNs, official and related
    URLs; a DOI that is none is kept as given ("doi-as-given") with a warning."""
    related = [(child_fields(i), i.sourceline) for i in get.items("related_url")]
    candidates = [(get("doi"), "doi", get.line("doi"))]
    candidates += [(text(f.get("url")), "related_url", line) for f, line in related
                   if (text(f.get("type")) or "").lower() == "doi"]
    id_number = get("id_number")
    if id_number and re.match(r"(?:doi:\s*|https?://(?:dx\.)?doi\.org/)?10\.\d{4,9}/", id_number, re.IGNORECASE):
        candidates.append((id_number, "id_number", get.line("id_number")))
    elif id_number:
        r.other_ids.setdefault("local", []).append(id_number)
    for value, field, line in candidates:
        if not value:
            continue
        try:
            doi = normalize.doi(value)
        except ValueError as exc:
            r.warn(field, f"{exc}; kept as a plain identifier", line=line)
            r.other_ids.setdefault("doi-as-given", []).append(value)
            continue
        if r.doi is None:
            r.doi = doi
        elif doi.lower() != r.doi.lower():
            r.warn(field, f"a second DOI {doi!r} (the record's is {r.doi!r}): kept as a related link", line=line)
            r.related_urls.append(normalize.doi_iri(doi))
    parts = [p.strip() for v in [*get.values("isbn"), *get.values("isbns")] for p in re.split(r"\s*[;,]\s*|\s{2,}", v)]
    for part in dict.fromkeys(p for p in parts if p):  # "087070091X ; 0870700928 ; 0810961970": three ISBNs
        try:
            isbn = normalize.isbn13(part)
        except ValueError as exc:
            r.warn("isbn", f"{exc}; kept as given, not as an ISBN", line=get.line("isbn") or get.line("isbns"))
            r.other_ids.setdefault("isbn-as-given", []).append(part)
            continue
        if isbn not in r.isbns:
            r.isbns.append(isbn)
    r.official_url = checked_url(r, get("official_url"), "official_url", get.line("official_url"))
    doi_iri = normalize.doi_iri(r.doi) if r.doi else None
    for f, line in related:
        url = checked_url(r, text(f.get("url")), "related_url", line)
        if url and url.lower().replace("http://", "https://").replace("dx.doi.org", "doi.org") != doi_iri \
                and url not in r.related_urls:
            r.related_urls.append(url)
