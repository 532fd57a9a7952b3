"""One oai_dc or uketd_dc metadata record as a Record (the rules are in :mod:`mappings.parsers.oai_dc`)."""

from __future__ import annotations

import re
from urllib.parse import urlparse

from lxml import etree

from mappings import normalize
from mappings.model import (
    Agent,
    Classification,
    Degree,
    FileLink,
    Funding,
    HostItem,
    Licence,
    Periodical,
    Record,
    RecordError,
    SourceField,
    WorkType,
)
from mappings.parsers.common.xml_stream import text
from mappings.parsers.oai_dc.work_types import version_and_status, work_type

DC_NS = "http://purl.org/dc/elements/1.1/"
DCTERMS_NS = "http://purl.org/dc/terms/"
UKETD_TERMS = "http://naca.central.cranfield.ac.uk/ethos-oai/terms/"
PREFIXES = {DC_NS: "dc", DCTERMS_NS: "dcterms", UKETD_TERMS: "uketdterms"}
DROPPED = {"uketdterms:checksum", "uketdterms:embargotype"}
CITATION = re.compile(r"\(\d{4}[a-z]?\)")
THESIS_CITATION = re.compile(
    r"\b(Doctoral|PhD|Masters|MPhil|MRes|Bachelors|Undergraduate)\s+thesis,\s+([^.]+)\.", re.IGNORECASE
)
SOURCE_PATTERNS = [
    re.compile(
        r"^(?P<title>[^;]+?);\s*Vol\.?\s*(?P<volume>\w+)(?:,?\s*No\.?\s*(?P<issue>[\w/-]+))?"
        r"(?:\s*\((?P<year>\d{4})\))?(?:;\s*(?P<start>\d+)(?:-(?P<end>\d+))?)?",
        re.IGNORECASE,
    ),
    re.compile(
        r"^(?P<title>[^,\d][^,]*?),\s*(?:vol\.?\s*)?(?P<volume>\d+)\s*(?:\((?P<issue>[\w/-]+)\))?"
        r"(?:,\s*(?:pp?\.?\s*)?(?P<start>\d+)(?:\s*[-–]\s*(?P<end>\d+))?)?\.?$",
        re.IGNORECASE,
    ),
]


class _Elements:
    """The child elements of a metadata record by prefixed name ("dc:title"), remembering which were read."""

    def __init__(self, payload: etree._Element) -> None:
        self.values: dict[str, list[str]] = {}
        for child in payload:
            if not isinstance(child.tag, str):
                continue
            namespace, _, localname = child.tag[1:].partition("}") if child.tag.startswith("{") else ("", "", child.tag)
            name = f"{PREFIXES.get(namespace, namespace)}:{localname}"  # (an unbound prefix stays in the name)
            if value := text(child):
                self.values.setdefault(name, []).append(
                    normalize.clean_text(value) if "\n" not in value else value.strip()
                )
        self.used: set[str] = set(DROPPED)

    def one(self, name: str) -> str | None:
        """The first value of an element, if any."""
        found = self(name)
        return found[0] if found else None

    def __call__(self, *names: str) -> list[str]:
        self.used.update(names)
        return [v for name in names for v in self.values.get(name, [])]


def metadata_record(
    payload: etree._Element, fmt: str, source: str, position: int, ident: str, datestamp: str | None
) -> Record:
    """Map one <oai_dc:dc> or <uketd_dc:uketddc> element."""
    get = _Elements(payload)
    titles = get("dc:title")
    if not titles:
        raise RecordError("no title", field="dc:title")
    types = get("dc:type")
    r = Record(
        source_format=fmt,
        source_id=ident,
        work_type=work_type(types, fmt),
        title=titles[0],
        source_file=source,
        source_position=position,
    )
    r.alternative_titles.extend(titles[1:] + get("dcterms:alternative"))
    r.version_label, r.status = version_and_status(types)
    if datestamp:
        try:
            r.source_modified = normalize.timestamp(datestamp)
        except ValueError:
            r.warn("header/datestamp", f"not a date: {datestamp!r}")
    for name in get("dc:creator"):
        r.creators.append(_person(name, "aut"))
    for name in get("dc:contributor"):
        r.contributors.append(_person(name, "ctb"))
    for name in get("uketdterms:advisor"):
        r.contributors.append(_person(name, "ths"))
    _dates(r, get("dcterms:issued", "dc:date"), get("dcterms:available", "dcterms:dateAccepted"))
    descriptions = get("dcterms:abstract", "dc:description")
    r.abstract = descriptions[0] if descriptions else None
    r.notes.extend(descriptions[1:])
    r.notes.extend(f"Coverage: {c}" for c in get("dc:coverage"))
    publishers = get("dc:publisher")
    r.publisher = publishers[0] if publishers else None
    for value in get("dc:language"):
        try:
            code = normalize.language(value)
        except ValueError:
            r.warn("dc:language", f"unknown language {value!r}")
            continue
        if code not in r.languages:
            r.languages.append(code)
    for value in get("dc:subject"):
        if m := re.match(r"info:eu-repo/classification/(ddc|udc)/(.+)$", value):
            r.classifications.append(Classification(m[1], m[2]))
        else:
            r.keywords.extend(k.strip() for k in re.split(r";\s*", value) if k.strip())
    _identifiers(
        r, get("dc:identifier"), get("dc:relation", "dcterms:isReferencedBy"), get("dc:format"), ident
    )
    _source(r, get("dc:source"))
    _rights(r, get("dc:rights", "dcterms:license", "dcterms:accessRights"))
    for sponsor in get("uketdterms:sponsor"):
        r.funding.append(Funding(funder=sponsor))
    if embargo := get("uketdterms:embargodate"):
        r.access_note = f"Full text under embargo until {embargo[0]}"
    _degree(r, get)
    for name, values in get.values.items():
        if name not in get.used:
            r.unmapped.extend(SourceField(label=name, value=v) for v in values)
    return r


def _person(name: str, role: str) -> Agent:
    family, given = normalize.split_name(name)
    return Agent(name=name.strip(), family=family, given=given, roles=[role])


def _dates(r: Record, issued: list[str], available: list[str]) -> None:
    for value in issued:
        try:
            iso = normalize.date(value)
        except ValueError:
            r.warn("dc:date", f"not a date: {value!r}")
            continue
        if "T" in value or re.search(r"\d:\d", value):  # a repository timestamp, not the date of issue
            r.date_available = r.date_available or iso
        elif r.issued is None:
            r.issued = iso
    for value in available:
        try:
            r.date_available = r.date_available or normalize.date(value)
        except ValueError:
            r.warn("dcterms:available", f"not a date: {value!r}")


def _is_landing_page(url: str, ident: str) -> bool:
    """True for a URL holding the item's local id, on the repository's host ("oai:arro.ac.uk:700655")."""
    parts = ident.split(":")
    if len(parts) < 3 or parts[0] != "oai":
        return False
    host, local_id = parts[1], parts[-1]
    parsed = urlparse(url)
    on_host = parsed.netloc.lower() == host.lower() or parsed.netloc.lower().endswith("." + host.lower())
    has_id = bool(re.search(rf"(?:^|/){re.escape(local_id)}/?$", parsed.path))
    return has_id and (on_host or "handle" in parsed.netloc)


def _identifiers(
    r: Record, identifiers: list[str], relations: list[str], formats: list[str], ident: str
) -> None:
    media = [f for f in formats if "/" in f]
    for value in identifiers + relations:
        low = value.lower()
        if m := re.match(r"info:eu-repo/grantagreement/([^/]+)/([^/]*)/([^/]+)", value, re.IGNORECASE):
            r.funding.append(Funding(funder=m[1], grant=m[3]))
        elif m := re.match(r"info:eu-repo/semantics/altidentifier/(\w+)/(.+)$", value, re.IGNORECASE):
            _scheme_id(r, m[1].lower(), m[2])
        elif re.match(r"(?:doi:|info:doi/|https?://(?:dx\.)?doi\.org/|10\.\d{4,9}/)", low):
            _scheme_id(r, "doi", value)
        elif m := re.match(r"urn:(isbn|issn):(.+)$", low):
            _scheme_id(r, m[1], m[2])
        elif low.startswith(("http://", "https://")):
            if _is_landing_page(value, ident) and not r.landing_page:
                r.landing_page = value
            elif value in identifiers and re.search(
                r"\.(?:pdf|docx?|zip|epub|txt)$|/bitstream/|/files/", low
            ):
                r.files.append(
                    FileLink(
                        url=value,
                        media_type=media[0] if len(media) == 1 else None,
                        name=value.rsplit("/", 1)[-1] or None,
                    )
                )
            elif value not in r.related_urls:
                r.related_urls.append(value)
        elif value in identifiers and len(value) > 40 and CITATION.search(value):
            r.citation = r.citation or value
        elif value in identifiers:
            r.other_ids.setdefault("local", []).append(value)
        else:
            r.notes.append(f"Related: {value}")


def _scheme_id(r: Record, scheme: str, value: str) -> None:
    try:
        if scheme == "doi":
            r.doi = r.doi or normalize.doi(value)
        elif scheme == "isbn":
            r.isbns.append(normalize.isbn13(value))
        elif scheme == "issn":
            r.host = r.host or HostItem(periodical=Periodical(title=""))
            if r.host.periodical is not None:
                r.host.periodical.issns.append(normalize.issn(value))
        else:
            r.other_ids.setdefault(scheme, []).append(value)
    except ValueError as exc:
        raise RecordError(str(exc), field=f"dc:identifier ({scheme})") from None


def _source(r: Record, sources: list[str]) -> None:
    for value in sources:
        if m := re.fullmatch(r"(?:ISSN:?\s*)?(\d{4}-?\d{3}[\dXx])", value.strip()):
            _scheme_id(r, "issn", m[1])
            continue
        match = next((m for p in SOURCE_PATTERNS if (m := p.match(value))), None)
        if match and r.work_type in (WorkType.ARTICLE, WorkType.CONFERENCE_PAPER, WorkType.DOCUMENT):
            r.host = r.host or HostItem(periodical=Periodical(title=""))
            if r.host.periodical is not None and not r.host.periodical.title:
                r.host.periodical.title = match["title"].strip()
            r.host.volume, r.host.issue = match["volume"], match["issue"]
            r.host.page_start, r.host.page_end = match["start"], match["end"]
            if r.work_type is WorkType.DOCUMENT:
                r.work_type = WorkType.ARTICLE
        elif r.work_type is WorkType.CHAPTER and not (r.host and r.host.book_title):
            r.host = HostItem(book_title=value)
        else:
            r.notes.append(f"Source: {value}")
    if r.host and r.host.periodical is not None and not r.host.periodical.title:
        raise RecordError("an ISSN is given but no journal title", field="dc:source")


def _rights(r: Record, rights: list[str]) -> None:
    for value in rights:
        if m := re.match(r"info:eu-repo/semantics/(\w+)Access", value):
            r.access_note = r.access_note or f"{m[1]} access"
            continue
        iri, family = normalize.licence(value.replace("_", "-"))
        if (iri or family) and r.licence is None:
            r.licence = Licence(iri=iri, family=family, text=value if " " in value else None)  # not "cc_by"
        elif not (iri or family):
            r.rights.append(value)


def _degree(r: Record, get: _Elements) -> None:
    institution = get.one("uketdterms:institution")
    department = get.one("uketdterms:department")
    name = get.one("uketdterms:qualificationname")
    level_text = get.one("uketdterms:qualificationlevel")
    if r.work_type is not WorkType.THESIS:
        for label, value in (
            ("uketdterms:institution", institution),
            ("uketdterms:department", department),
            ("uketdterms:qualificationname", name),
        ):
            if value:
                r.unmapped.append(SourceField(label, value))
        return
    level = normalize.degree_level(level_text or "") or normalize.degree_level(name or "")
    if r.citation and (m := THESIS_CITATION.search(r.citation)):
        level = level or normalize.degree_level(m[1])
        institution = institution or m[2].strip()
    level = level or _level_from_type(get.values.get("dc:type", []))
    r.degree = Degree(level=level, name=name, institution=institution or r.publisher, department=department)
    if not level:
        r.warn("dc:type", "a thesis, but nothing says which degree it was submitted for")


def _level_from_type(types: list[str]) -> str | None:
    for value in types:
        low = value.lower()
        for key, level in (
            ("doctoral", "doctoral"),
            ("phd", "doctoral"),
            ("master", "masters"),
            ("bachelor", "bachelors"),
        ):
            if key in low:
                return level
    return None
