"""One oai_dc or uketd_dc metadata record as a Record (the rules are in :mod:`mappings.parsers.oai_dc`)."""

from __future__ import annotations

import re

from lxml import etree

from mappings import normalize
from mappings.model import Agent, Classification, Funding, Licence, Record, RecordError, SourceField
from mappings.parsers.common.names import read_name, without_repeats
from mappings.parsers.oai_dc.elements import Elements, Value
from mappings.parsers.oai_dc.host import read_host
from mappings.parsers.oai_dc.identifiers import FILE_URL, read_identifiers
from mappings.parsers.oai_dc.text import choose_abstract, plain_text
from mappings.parsers.oai_dc.thesis import read_degree, read_uketd_people
from mappings.parsers.oai_dc.work_types import version_and_status, work_type

HEADING = re.compile(r"^[A-Z]{1,3}\d{1,3}(?:\.\d+)?\s+[-–]\s+\S")  # "C21 - Cross-Sectional Models ; Spatial Models"


def metadata_record(
    payload: etree._Element, fmt: str, source: str, position: int, ident: str, datestamp: str | None
) -> Record:
    """Map one <oai_dc:dc> or <uketd_dc:uketddc> element."""
    get = Elements(payload)
    titles = [normalize.clean_text(t) for t in get("dc:title")]
    titles = [t.strip().strip('"').strip() if t.startswith('"') and t.endswith('"') else t for t in titles]
    if not titles or not titles[0]:
        held_by = [f"{name} {values[0]!r}" for name, values in get.values.items()][:3]
        held = f" (the record holds only {', '.join(held_by)})" if held_by and len(get.values) <= 3 else ""
        raise RecordError(f"no title{held}", field="dc:title")
    types = get("dc:type")
    r = Record(source_format=fmt, source_id=ident, work_type=work_type(types, fmt), title=titles[0],
               source_file=source, source_position=position)
    if ident.startswith(("http://", "https://")) and not FILE_URL.search(ident):
        r.landing_page = ident  # a bare record named by its landing page
    r.alternative_titles.extend(titles[1:] + get("dcterms:alternative"))
    r.version_label, r.status = version_and_status(types)
    if datestamp:
        try:
            r.source_modified = normalize.timestamp(datestamp)
        except ValueError:
            r.warn("header/datestamp", f"not a date: {datestamp!r}")
    _people(r, get)
    _dates(r, get.items("dcterms:issued", "dc:date"), get.items("dcterms:available", "dcterms:dateAccepted"))
    _descriptions(r, get)
    publishers = get("dc:publisher")
    r.publisher = publishers[0] if publishers else None
    _languages(r, get.items("dc:language"))
    _subjects(r, get("dc:subject"))
    found = read_identifiers(r, get.items("dc:identifier"), get.items("dc:relation", "dcterms:isReferencedBy"),
                             get("dc:format"), ident)
    read_host(r, found, get)
    _rights(r, get("dc:rights", "dcterms:license", "dcterms:accessRights"))
    for sponsor in get.items("uketdterms:sponsor"):
        r.funding.extend(Funding(funder=s.strip()) for s in sponsor.text.split(" ; ") if s.strip())
    if embargo := get("uketdterms:embargodate"):
        r.access_note = f"Full text under embargo until {_uk_date(embargo[0])}"
    read_degree(r, get)
    for name, values in get.values.items():
        if name not in get.used:
            r.unmapped.extend(SourceField(label=name, value=v) for v in values)
    return r


def _people(r: Record, get: Elements) -> None:
    """Creators and contributors (role notes, titles, bodies); a person listed twice is kept once."""
    for value in get.items("dc:creator"):
        if agent := _agent(r, value, ["aut"], "dc:creator"):
            (r.creators if agent.roles in (["aut"], ["cre"]) else r.contributors).append(agent)
    creator_names = {normalize.fold(a.name) for a in r.creators}
    for value in get.items("dc:contributor"):
        if agent := _agent(r, value, ["ctb"], "dc:contributor"):
            if agent.roles == ["ctb"] and normalize.fold(agent.name) in creator_names:
                continue  # early DSpace repeats every dc:creator as dc:contributor: the same person
            r.contributors.append(agent)
    read_uketd_people(r, get, _agent)
    r.creators = without_repeats(r.creators, lambda m: r.warn("dc:creator", m, line=get.line("dc:creator")))
    r.contributors = without_repeats(r.contributors,
                                     lambda m: r.warn("dc:contributor", m, line=get.line("dc:contributor")))


def _agent(r: Record, value: Value, roles: list[str], field: str) -> Agent | None:
    return read_name(value.text, roles, lambda message: r.warn(field, message, line=value.line))


def _uk_date(text: str) -> str:
    """A DD/MM/YYYY date (as EThOS writes them) in ISO form; other text as it is."""
    if m := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text.strip()):
        try:
            return normalize.date(f"{m[3]}-{int(m[2]):02d}-{int(m[1]):02d}")
        except ValueError:
            return text
    return text


def _dates(r: Record, issued: list[Value], available: list[Value]) -> None:
    """The date of issue at its own precision; repository timestamps are the date made available, and the
    date of issue only when the record has no other date."""
    stamps: list[Value] = []
    for value in issued:
        text = value.text
        if "T" in text or re.search(r"\d:\d", text):  # a repository timestamp, not the date of issue
            stamps.append(value)
            continue
        if r.issued is not None:
            continue
        if r.source_format == "uketd-dc" and (m := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text)):
            if (m[1], m[2]) in (("01", "01"), ("1", "1")):
                r.issued = m[3]
                r.warn("dcterms:issued", f"{text!r}: 01/01 is EThOS's placeholder for an unknown day and month; "
                                         f"read as the year {m[3]}", line=value.line)
            else:
                r.issued = _uk_date(text)
            continue
        try:
            found = normalize.date_value(text)
        except ValueError:
            try:
                r.issued, r.issued_text = normalize.date(text), text
                r.warn("dc:date", f"{text!r} is not a date form lodpub reads; only its year is used", line=value.line)
            except ValueError:
                r.warn("dc:date", f"not a date: {text!r}", line=value.line)
            continue
        r.issued = found.value
        r.issued_text = None if found.exact else found.text
    for value in stamps:
        try:
            day = normalize.date(value.text)
        except ValueError:
            r.warn("dc:date", f"not a date: {value.text!r}", line=value.line)
            continue
        r.date_available = r.date_available or day
        if r.issued is None:
            midnight = re.search(r"T0[0-8]:00:00", value.text)  # a date stored as a timestamp (bepress: T08:00Z)
            if midnight and day.endswith("-01-01"):
                r.issued = day[:4]
                r.warn("dc:date", f"only a timestamp ({value.text}) dates the record; its 1 January at midnight "
                                  "is read as the year only", line=value.line)
            else:
                r.issued = day
                r.warn("dc:date", f"only a timestamp ({value.text}) dates the record; its day is taken as the "
                                  "date of issue", line=value.line)
    for value in available:
        try:
            r.date_available = r.date_available or normalize.date(_uk_date(value.text))
        except ValueError:
            r.warn("dcterms:available", f"not a date: {value.text!r}", line=value.line)


def _descriptions(r: Record, get: Elements) -> None:
    """The abstract (dcterms:abstract, else the description that reads like one), notes, coverage."""
    abstracts = [plain_text(v) for v in get("dcterms:abstract")]
    descriptions = [plain_text(v) for v in get("dc:description")]
    abstract, notes, dropped = choose_abstract(abstracts + descriptions)
    r.abstract = abstract
    for text in dropped:
        r.warn("dc:description", f"placeholder {text!r} is no abstract; dropped", line=get.line("dc:description"))
    r.notes.extend(dict.fromkeys(n for n in notes if n != abstract))
    r.notes.extend(f"Coverage: {c}" for c in get("dc:coverage"))


def _languages(r: Record, values: list[Value]) -> None:
    for value in values:
        text = value.text.strip()
        if re.fullmatch(r"[a-z]{2,3}[_-][A-Za-z]{2}", text):  # "en_US"
            text = text[:-3]
        try:
            code = normalize.language(text)
        except ValueError:
            r.warn("dc:language", f"unknown language {value.text!r}", line=value.line)
            continue
        if code not in r.languages:
            r.languages.append(code)


def _subjects(r: Record, values: list[str]) -> None:
    """Keywords; a classification heading ("C21 - Cross-Sectional Models ; Spatial Models") is one; a list of
    codes ("M;M10;L2;L14") or of terms ("Self-help groups; Peer support") is split at ";"."""
    for value in values:
        if m := re.match(r"info:eu-repo/classification/(ddc|udc)/(.+)$", value):
            r.classifications.append(Classification(m[1], m[2]))
        elif HEADING.match(value) or ";" not in value:
            r.keywords.append(value.strip())
        else:
            r.keywords.extend(k.strip() for k in re.split(r"\s*;\s*", value) if k.strip())


def _rights(r: Record, rights: list[str]) -> None:
    for value in rights:
        if m := re.match(r"info:eu-repo/semantics/(\w+)Access", value, re.IGNORECASE):
            r.access_note = r.access_note or f"{m[1].lower()} access"
            continue
        iri, family = normalize.licence(value.replace("_", "-"))
        if (iri or family) and r.licence is None:
            r.licence = Licence(iri=iri, family=family, text=value if " " in value else None)  # not "cc_by"
        elif not (iri or family):
            r.rights.append(value)
