"""One DataCite resource (read from XML or JSON into DataCite JSON's shape) as a Record.

The rules are listed in :mod:`mappings.parsers.datacite`; people are read by :mod:`.agents`, kinds by
:mod:`.work_types`, the host and links by :mod:`.relations`.
"""

from __future__ import annotations

import contextlib
import re
from typing import Any

from mappings import normalize
from mappings.model import Record, RecordError, SourceField, WorkType
from mappings.parsers.datacite import about, relations
from mappings.parsers.datacite.agents import read_agents
from mappings.parsers.datacite.values import dicts, items, line, lower, text
from mappings.parsers.datacite.work_types import degree_words, work_type

# keys of DataCite JSON (REST API attributes, DataCite JSON) that say nothing about the work
DROPPED = {"prefix", "suffix", "metadataVersion", "schemaVersion", "source", "isActive", "state", "reason",
           "viewCount", "viewsOverTime", "downloadCount", "downloadsOverTime", "referenceCount", "citationCount",
           "citationsOverTime", "partCount", "partOfCount", "versionCount", "versionOfCount", "created",
           "registered", "published", "xml", "contentUrl", "id", "agency", "providerId", "clientId",
           "geoLocations", "landingPage", "isReferenceQuality", "publisherIdentifier", "relationships",
           "_lines", "_unknown", "_xml", "_line", "type", "event", "provider", "client", "mediaUrl"}
READ = {"doi", "identifiers", "alternateIdentifiers", "creators", "creator", "contributors", "titles", "title",
        "publisher", "publicationYear", "types", "subjects", "dates", "language", "relatedIdentifiers",
        "relatedItems", "sizes", "formats", "version", "rightsList", "descriptions", "fundingReferences", "url",
        "container", "updated"}
DATE_FIELDS = {"available": "date_available", "accepted": "date_accepted", "submitted": "date_submitted",
               "copyrighted": "copyright_date"}
OPEN_END = {"", "..", ":tba", ":unkn", ":unav", ":unac", ":unal", ":none", ":null", ":etal", "unknown", "open"}
MOJIBAKE = re.compile("[\u00c2\u00c3][\u0080-\u00bf]")


def date_value(value: str) -> tuple[str, bool]:
    """A DataCite date or range ("2009-10-01/2014-01-23", "1970-04-01 / (:tba)") at its own precision."""
    if "/" not in value:
        found = normalize.date_value(value)
        return found.value, found.exact
    start, _, end = (p.strip().strip("()").strip() for p in value.partition("/"))
    sides = [".." if s.lower() in OPEN_END else normalize.date_value(s).value for s in (start, end)]
    if sides == ["..", ".."]:
        raise ValueError(f"not a date: {value!r}")
    return "/".join(sides), False


def _doi(res: dict[str, Any], r: Record) -> str | None:
    """The resource's DOI (None, with the value kept as given, when it is no valid DOI)."""
    mains = [i for i in dicts(res.get("identifiers"), "identifier") if i.get("_main")]
    candidates = [(text(i.get("identifier")), text(i.get("identifierType")), line(i)) for i in mains]
    if not candidates:
        candidates = [(text(res.get("doi")), "DOI", None)]
    for value, kind, where in candidates:
        if not value:
            continue
        if lower(kind) not in ("doi", ""):
            r.other_ids.setdefault(normalize.slug(kind or "") or "identifier", []).append(value)
            continue
        try:
            return normalize.doi(value)
        except ValueError as exc:
            r.warn("identifier", f"{exc}: kept as a plain identifier, not as a DOI", line=where)
            r.other_ids.setdefault("doi-as-given", []).append(value)
    return None


def _titles(res: dict[str, Any]) -> tuple[str | None, str | None, list[str], int | None]:
    """Main title, subtitle (in the main title's language), other titles, and the line of the titles."""
    found = [(lower(t.get("titleType")), t.get("lang") or None, title, line(t))
             for t in dicts(res.get("titles") or res.get("title"), "title") if (title := text(t.get("title")))]
    if not found:
        return None, None, [], None
    main = next((t for t in found if t[0] in ("", "none")), found[0])
    rest = [t for t in found if t is not main]
    subtitle = next((t for t in rest if t[0] == "subtitle" and t[1] in (main[1], None)), None)
    others: list[str] = []
    last_lang: str | None = None
    for t in rest:
        kind, lang, title, _ = t
        if t is subtitle:
            continue
        if kind == "subtitle" and others and lang and lang == last_lang:  # a translated title's subtitle
            others[-1] = f"{others[-1]}: {title}"
        elif title != main[2]:
            others.append(title)
            last_lang = lang
    return main[2], subtitle[2] if subtitle else None, others, main[3]


def resource_record(res: dict[str, Any], source: str, position: int, *, oai_id: str | None = None,
                    datestamp: str | None = None) -> Record:
    """Map one DataCite resource; RecordError when it has no title."""
    title, subtitle, alternatives, title_line = _titles(res)
    types: dict[str, Any] = res["types"] if isinstance(res.get("types"), dict) else {}
    general, resource_type = text(types.get("resourceTypeGeneral")), text(types.get("resourceType"))
    kind, type_note = work_type(general, resource_type)
    r = Record(source_format="datacite", source_id="", work_type=kind, title=title or "", source_file=source,
               source_position=position, subtitle=subtitle, alternative_titles=alternatives)
    r.doi = _doi(res, r)
    r.source_id = "datacite:" + (r.doi.lower() if r.doi else oai_id or f"{source}#{position}")
    if not title:
        raise RecordError("no title", field="titles", record=r.doi or oai_id or f"#{position}", line=title_line)
    lines = res.get("_lines") or {}
    if type_note:
        r.warn("resourceType", type_note, line=lines.get("types"))
    if general and resource_type and lower(resource_type) not in (lower(general), lower(title)):
        r.genres.append(resource_type)
    elif general and lower(general) not in ("text", "other") and kind is WorkType.DOCUMENT:
        r.genres.append(general)
    if general and lower(general) == "preprint":
        r.version_label = "Preprint"
    read_agents(res, r)
    _dates(res, r, lines)
    _publisher_and_version(res, r, lines)
    r.official_url = _url(res.get("url"), r)
    if isinstance(updated := res.get("updated") or datestamp, str):
        with contextlib.suppress(ValueError):  # a housekeeping timestamp: no warning when unreadable
            r.source_modified = normalize.timestamp(updated)
    relations.alternate_identifiers(res, r)
    issns = relations.related_identifiers(res, r)
    series = relations.host(res, r, issns)
    if r.work_type is WorkType.THESIS:
        series = relations.degree(r, series, degree_words(resource_type))
    r.notes.extend(f"Series information: {s}" for s in series)
    about.descriptions(res, r)
    about.subjects(res, r)
    about.languages(res, r, lines)
    about.rights(res, r)
    about.funding(res, r)
    about.extent(res, r)
    _mojibake(r)
    for key, value in res.items():
        if key not in READ and key not in DROPPED and value not in (None, "", [], {}):
            r.unmapped.append(SourceField(key, str(value)[:500]))
    r.unmapped.extend(SourceField(name, value[:500]) for name, value in res.get("_unknown") or [] if value)
    return r


def _mojibake(r: Record) -> None:
    """Warn about text that reads as UTF-8 decoded as Latin-1 ("PatiÃ±o" for "Patiño"); it is kept as found."""
    for field, value in [("title", r.title), *(("creatorName", a.name) for a in r.creators)]:
        if MOJIBAKE.search(value):
            try:
                repaired = f" (as UTF-8: {value.encode('latin-1').decode('utf-8')!r})"
            except (UnicodeEncodeError, UnicodeDecodeError):
                repaired = ""
            r.warn(field, f"{value!r} looks like UTF-8 read as Latin-1{repaired}: kept as found")


def _url(value: Any, r: Record) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return normalize.url(value)
    except ValueError as exc:
        r.warn("url", f"{exc}: left out")
        return None


def _dates(res: dict[str, Any], r: Record, lines: dict[str, int | None]) -> None:
    years = [y for y in (text(v) for v in items(res.get("publicationYear"))) if y]
    year = next((y for y in years if re.fullmatch(r"\d{4}", y)), None)
    if len(set(years)) > 1:
        r.warn("publicationYear", f"{len(years)} publication years {years}: kept {year}",
               line=lines.get("publicationYear"))
    issued: list[tuple[str, str, int | None]] = []
    for d in dicts(res.get("dates"), "date"):
        value, kind = text(d.get("date")), lower(d.get("dateType"))
        if not value:
            continue
        try:
            parsed, _ = date_value(value)
        except ValueError as exc:
            r.warn("date", f"{exc} (dateType {d.get('dateType')}): left out", line=line(d))
            continue
        if kind == "issued":
            issued.append((parsed, value, line(d)))
        elif kind in DATE_FIELDS and getattr(r, DATE_FIELDS[kind]) is None:
            setattr(r, DATE_FIELDS[kind], parsed)
        elif kind != "updated":  # the resource's own revisions: dropped
            info = text(d.get("dateInformation"))
            r.notes.append(f"{d.get('dateType') or 'Date'}: {value}" + (f" ({info})" if info else ""))
    if issued:
        picked = next((p for p in issued if year and p[0].startswith(year)), issued[0])
        if len({p[0] for p in issued}) > 1:
            r.warn("date", f"{len(issued)} Issued dates ({', '.join(p[1] for p in issued)}): kept {picked[1]}",
                   line=issued[0][2])
        r.issued = picked[0]
        if year and not picked[0].startswith(year):
            r.warn("publicationYear", f"publicationYear {year} differs from the Issued date {picked[1]}",
                   line=lines.get("publicationYear"))
    elif year and r.date_available and r.date_available.startswith(year):
        r.issued = r.date_available  # the date the resource was made public, in its year of publication
    elif year:
        r.issued = year
    elif years:
        r.warn("publicationYear", f"not a year: {years[0]!r}: no date of issue", line=lines.get("publicationYear"))
    if r.issued and not normalize.iso_date(r.issued):
        r.issued_text = next((p[1] for p in issued if p[0] == r.issued), None)


def _publisher_and_version(res: dict[str, Any], r: Record, lines: dict[str, int | None]) -> None:
    publishers = [p for p in (text(v) for v in items(res.get("publisher"))) if p]
    if publishers:
        r.publisher = publishers[0]
        if len(set(publishers)) > 1:
            r.warn("publisher", f"{len(publishers)} publishers {publishers}: kept the first",
                   line=lines.get("publisher"))
    else:
        r.warn("publisher", "no publisher", line=lines.get("publisher"))
    versions = [v for v in (text(x) for x in items(res.get("version"))) if v]
    r.edition = versions[0] if versions else None
