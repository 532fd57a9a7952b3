"""One Crossref work object as a Record (the rules are listed in :mod:`mappings.parsers.crossref`)."""

from __future__ import annotations

from typing import Any

from mappings import normalize
from mappings.model import (
    Degree,
    Event,
    FileLink,
    Funding,
    Licence,
    Record,
    RecordError,
    SourceField,
    Subject,
    WorkType,
)
from mappings.parsers.crossref.agents import read_agents
from mappings.parsers.crossref.host import read_host
from mappings.parsers.crossref.values import Work, clean, date_parts, jats_text

W = WorkType  # short alias for the tables below
# fmt: off
TYPES = {
    "journal-article": W.ARTICLE, "book-chapter": W.CHAPTER, "book-section": W.CHAPTER,
    "book-part": W.CHAPTER, "reference-entry": W.CHAPTER, "proceedings-article": W.CONFERENCE_PAPER,
    "dissertation": W.THESIS, "book": W.BOOK, "monograph": W.BOOK, "edited-book": W.BOOK,
    "reference-book": W.BOOK, "book-set": W.BOOK, "book-series": W.PERIODICAL,
    "proceedings": W.BOOK, "report": W.REPORT, "report-component": W.REPORT,
    "report-series": W.PERIODICAL, "dataset": W.DATASET, "database": W.DATASET,
    "journal": W.PERIODICAL, "journal-issue": W.PERIODICAL, "journal-volume": W.PERIODICAL,
    "standard": W.DOCUMENT, "component": W.DOCUMENT, "peer-review": W.DOCUMENT,
    "grant": W.DOCUMENT, "other": W.DOCUMENT, "posted-content": W.DOCUMENT,
}
POSTED_CONTENT = {"preprint": W.ARTICLE, "blog": W.ARTICLE, "working_paper": W.REPORT, "report": W.REPORT,
                  "dissertation": W.THESIS, "letter": W.ARTICLE}
VERSIONS = {"vor": "published", "am": "accepted", "tdm": None, "unspecified": None}
LICENCE_VERSIONS = {"vor": "the version of record", "am": "the accepted manuscript",
                    "tdm": "text and data mining", "stm-asf": "article sharing (STM framework)"}
# fmt: on


def _refuse_placeholders(get: Work, title: str | None, given_doi: str) -> None:
    """RecordError for what is no bibliographic record (a deleted-DOI placeholder) or has no title."""
    containers = " ".join(get.strings("container-title"))
    if "listing of deleted dois" in containers.lower() or (title and given_doi and
                                                           title.strip().lower() == given_doi.lower()):
        raise RecordError(
            "a Crossref deleted-DOI placeholder (its title is the DOI itself, in 'CrossRef Listing of Deleted "
            "DOIs'), not a bibliographic record", field="title")
    if not title:
        kind = str(get("type") or "work")
        relation = get("relation") if isinstance(get("relation"), dict) else {}
        parent = next((rel.get("id") for rel in relation.get("is-component-of") or []
                       if isinstance(rel, dict)), None) if isinstance(relation.get("is-component-of"), list) else None
        raise RecordError(f"no title (a Crossref {kind!r}" + (f", a component of {parent}" if parent else "")
                          + ", with an empty title)", field="title")


def work_record(item: dict[str, Any], source: str, position: int) -> Record:
    """Map one Crossref work."""
    get = Work(item)
    given_doi = str(get("DOI") or "").strip()
    doi: str | None
    try:
        doi = normalize.doi(given_doi)
    except ValueError:
        doi = None
    title = get.first("title")
    _refuse_placeholders(get, title, given_doi)
    ctype = str(get("type") or "other")
    subtype = str(get("subtype") or "")
    work_type = TYPES.get(ctype, WorkType.DOCUMENT)
    if ctype == "posted-content":
        work_type = POSTED_CONTENT.get(subtype, WorkType.DOCUMENT)
    r = Record(
        source_format="crossref",
        source_id=f"crossref:{doi or given_doi or f'{source}#{position}'}",
        work_type=work_type,
        title=title or "",
        source_file=source,
        source_position=position,
        doi=doi,
    )
    if doi is None:
        r.warn("DOI", f"not a DOI: {given_doi!r}: kept as a plain identifier, not as a DOI")
        if given_doi:
            r.other_ids["doi-as-given"] = [given_doi]
    if ctype == "posted-content":
        r.version_label = "Preprint" if subtype == "preprint" else None
    titles = [clean(t) for t in get.strings("title") if clean(t)]
    subtitles = [clean(t) for t in get.strings("subtitle") if clean(t)]
    r.subtitle = subtitles[0] if subtitles else None
    for i, other in enumerate(titles[1:], start=1):  # a parallel title (another language), with its subtitle
        paired = subtitles[i] if len(subtitles) == len(titles) else None
        r.alternative_titles.append(f"{other}: {paired}" if paired else other)
    for key in ("short-title", "original-title"):
        r.alternative_titles.extend(clean(t) for t in get.strings(key) if clean(t) and clean(t) != title)
    read_agents(get, r, clean)
    r.issued = date_parts(get("issued")) or date_parts(get("published")) or date_parts(get("published-print"))
    if r.issued is None and get("issued") is not None:
        r.warn("issued", f"issued holds no date ({get('issued')!r:.60}): the record is kept without a date of issue")
    r.date_available = date_parts(get("published-online"))
    r.date_accepted = date_parts(get("accepted")) or date_parts(get("approved"))
    if (deposited := get("deposited")) and isinstance(deposited, dict) and deposited.get("date-time"):
        try:
            r.source_modified = normalize.timestamp(str(deposited["date-time"]))
        except ValueError:
            r.warn("deposited", f"not a timestamp: {deposited['date-time']!r}: left out")
    r.publisher = get.first("publisher")
    r.place = get.first("publisher-location")
    resource = item.get("resource")
    primary = resource.get("primary") if isinstance(resource, dict) else None
    if isinstance(primary, dict) and primary.get("URL"):
        if "crossref.org/deleted_doi" in str(primary["URL"]).lower():
            r.warn("resource", "the DOI resolves to Crossref's deleted-DOI page: no URL for the work")
        else:
            r.official_url = _url(r, "resource", primary["URL"])
    if isinstance(abstract := get("abstract"), str) and abstract.strip():
        r.abstract = jats_text(abstract)
    for heading in get.strings("subject"):
        r.subjects.append(Subject(heading=clean(heading), parts=[clean(heading)], scheme="asjc"))
    if lang := get.first("language"):
        try:
            r.languages.append(normalize.language(lang))
        except ValueError:
            r.warn("language", f"unknown language {lang!r}")
    if alternative := get.items("alternative-id"):
        r.other_ids["publisher-id"] = [str(a) for a in alternative if str(a) != doi]
    read_host(r, get)
    _rights_and_links(r, get)
    _thesis_and_event(r, get)
    for key, value in item.items():
        if key not in get.used and value not in (None, "", [], {}):
            r.unmapped.append(SourceField(label=key, value=str(value)[:500]))
    return r


def _url(r: Record, field: str, value: object) -> str | None:
    """A URL as given, or None with a warning when it is no http(s) URL that RDF can hold."""
    try:
        return normalize.url(str(value))
    except ValueError as exc:
        r.warn(field, f"{exc}: left out")
        return None


def _rights_and_links(r: Record, get: Work) -> None:
    licences = sorted(get.dicts("license"), key=lambda lic: lic.get("content-version") != "vor")
    for lic in licences:
        url = str(lic.get("URL") or "")
        iri, family = normalize.licence(url)
        if (iri or family) and r.licence is None:
            r.licence = Licence(iri=iri, family=family)
        elif url:
            applies = LICENCE_VERSIONS.get(str(lic.get("content-version")), "the work")
            r.rights.append(f"Licence for {applies}: {url}")
    for link in get.dicts("link"):
        link_url = _url(r, "link", link.get("URL")) if link.get("URL") else None
        if not link_url:
            continue
        media = link.get("content-type") if isinstance(link.get("content-type"), str) else None
        r.files.append(
            FileLink(
                url=link_url,
                media_type=None if media in (None, "unspecified") else media,
                version=VERSIONS.get(str(link.get("content-version"))),
            )
        )
    for funder in get.dicts("funder"):
        name = funder.get("name")
        if not isinstance(name, str) or not name.strip():
            continue
        award = funder.get("award")
        awards: list[str | None] = [str(a) for a in (award if isinstance(award, list) else [award]) if a] or [None]
        r.funding.extend(Funding(funder=clean(name), grant=a) for a in awards)


def _thesis_and_event(r: Record, get: Work) -> None:
    institutions = get.dicts("institution")
    degrees = get.strings("degree")
    if r.work_type is WorkType.THESIS:
        inst = institutions[0] if institutions else {}
        name = degrees[0] if degrees else None
        departments: list[Any] = inst["department"] if isinstance(inst.get("department"), list) else []
        department = next((d for d in departments if isinstance(d, str)), None)
        r.degree = Degree(
            level=normalize.degree_level(name or "") if name else None,
            name=name,
            institution=inst["name"] if isinstance(inst.get("name"), str) else None,
            department=department,
        )
    elif institutions:
        r.unmapped.append(SourceField("institution", "; ".join(str(i.get("name")) for i in institutions)))
    if (event := get("event")) and isinstance(event, dict) and event.get("name"):
        r.event = Event(
            name=clean(event["name"]),
            location=event["location"] if isinstance(event.get("location"), str) else None,
            start=date_parts(event.get("start")),
            end=date_parts(event.get("end")),
        )
