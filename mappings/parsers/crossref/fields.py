"""One Crossref work object as a Record (the rules are listed in :mod:`mappings.parsers.crossref`)."""

from __future__ import annotations

import html
import re
from typing import Any

from mappings import normalize
from mappings.model import (
    Agent,
    AgentKind,
    Degree,
    Event,
    FieldWarning,
    FileLink,
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
DROPPED = {"indexed", "created", "reference-count", "references-count", "is-referenced-by-count", "reference",
           "relation", "score", "member", "prefix", "source", "content-domain", "short-container-title",
           "update-policy", "assertion", "archive", "URL", "published", "published-print", "issn-type",
           "isbn-type", "resource", "journal-issue", "status"}
VERSIONS = {"vor": "published", "am": "accepted", "tdm": None, "unspecified": None}
LICENCE_VERSIONS = {"vor": "the version of record", "am": "the accepted manuscript",
                    "tdm": "text and data mining", "stm-asf": "article sharing (STM framework)"}
# fmt: on


class _Work:
    """A work object's keys, remembering which ones a rule has read."""

    def __init__(self, item: dict[str, Any]) -> None:
        self.item = item
        self.used: set[str] = set(DROPPED)

    def __call__(self, key: str) -> Any:
        self.used.add(key)
        return self.item.get(key)

    def first(self, key: str) -> str | None:
        value = self(key)
        if isinstance(value, list):
            value = next((v for v in value if isinstance(v, str) and v.strip()), None)
        return clean(value) if isinstance(value, str) else None


def clean(value: str) -> str:
    """Text without markup (<i>, <jats:italic>, <sub> ...) and entities."""
    return normalize.clean_text(html.unescape(re.sub(r"<[^>]+>", "", value)))


def jats_text(value: str) -> str:
    """A JATS abstract as plain text: paragraphs kept apart, section titles as "Title: " before their text."""
    text = re.sub(r"<(?:jats:)?title>\s*Abstract\s*</(?:jats:)?title>", "", value, flags=re.IGNORECASE)
    text = re.sub(r"<(?:jats:)?title>(.*?)</(?:jats:)?title>\s*(?:<(?:jats:)?p>)?", r"\1: ", text, flags=re.S)
    text = re.sub(r"</(?:jats:)?p>|</(?:jats:)?sec>", "\n\n", text)
    paragraphs = [clean(p) for p in re.split(r"\n\s*\n", text)]
    return "\n\n".join(p for p in paragraphs if p)


def date_parts(value: Any) -> str | None:
    """An ISO date from a Crossref date object ({"date-parts": [[2018, 3, 12]]})."""
    if not isinstance(value, dict):
        return None
    outer = value.get("date-parts") or [[None]]
    parts = outer[0] if isinstance(outer, list) and outer else None
    if not isinstance(parts, list) or not parts or parts[0] is None:
        return None
    try:
        numbers = [int(p) for p in parts[:3] if p is not None]
    except (TypeError, ValueError):
        raise RecordError(f"date-parts are not numbers: {parts!r}", field="date-parts") from None
    return "-".join([f"{numbers[0]:04d}", *(f"{n:02d}" for n in numbers[1:])])


def _agent(obj: dict[str, Any], role: str, warnings: list[FieldWarning]) -> Agent | None:
    family, given, name = obj.get("family"), obj.get("given"), obj.get("name")
    affiliations = [
        a.get("name") for a in obj.get("affiliation") or [] if isinstance(a, dict) and a.get("name")
    ]
    if not family and name:
        return Agent(name=clean(name), kind=AgentKind.ORGANIZATION, roles=[role])
    if not family:
        return None
    agent = Agent(
        name=", ".join(clean(p) for p in (family, given) if p),
        family=clean(family),
        given=clean(given) if given else None,
        roles=[role],
        affiliation=clean(str(affiliations[0])) if affiliations else None,
    )
    if orcid := obj.get("ORCID"):
        try:
            agent.orcid = normalize.orcid(orcid)
        except ValueError as exc:
            warnings.append(FieldWarning("author", f"{exc}; the ORCID iD is left out"))
    return agent


def work_record(item: dict[str, Any], source: str, position: int) -> Record:
    """Map one Crossref work."""
    get = _Work(item)
    try:
        doi = normalize.doi(str(get("DOI") or ""))
    except ValueError as exc:
        raise RecordError(str(exc), field="DOI") from None
    title = get.first("title")
    if not title:
        raise RecordError("no title", field="title")
    ctype = str(get("type") or "other")
    work_type = TYPES.get(ctype, WorkType.DOCUMENT)
    if ctype == "posted-content" and get("subtype") == "preprint":
        work_type = WorkType.ARTICLE
    r = Record(
        source_format="crossref",
        source_id=f"crossref:{doi}",
        work_type=work_type,
        title=title,
        source_file=source,
        source_position=position,
        doi=doi,
    )
    if ctype == "posted-content":
        r.version_label = "Preprint" if get("subtype") == "preprint" else None
    r.subtitle = get.first("subtitle")
    for key in ("short-title", "original-title"):
        r.alternative_titles.extend(clean(t) for t in get(key) or [] if clean(t) and clean(t) != title)
    for key, role in (("author", "aut"), ("editor", "edt"), ("translator", "trl"), ("chair", "ctb")):
        for obj in get(key) or []:
            agent = _agent(obj, role, r.warnings)
            if agent is not None:
                (r.creators if role == "aut" else r.contributors).append(agent)
    r.issued = date_parts(get("issued")) or date_parts(get("published")) or date_parts(get("published-print"))
    r.date_available = date_parts(get("published-online"))
    r.date_accepted = date_parts(get("accepted")) or date_parts(get("approved"))
    if (deposited := get("deposited")) and isinstance(deposited, dict) and deposited.get("date-time"):
        r.source_modified = normalize.timestamp(deposited["date-time"])
    r.publisher = get.first("publisher")
    r.place = get.first("publisher-location")
    resource = item.get("resource")
    if isinstance(resource, dict) and (primary := resource.get("primary")) and primary.get("URL"):
        r.official_url = primary["URL"]
    if abstract := get("abstract"):
        r.abstract = jats_text(abstract)
    for heading in get("subject") or []:
        r.subjects.append(Subject(heading=clean(heading), parts=[clean(heading)], scheme="asjc"))
    if lang := get.first("language"):
        try:
            r.languages.append(normalize.language(lang))
        except ValueError:
            r.warn("language", f"unknown language {lang!r}")
    if alternative := get("alternative-id"):
        r.other_ids["publisher-id"] = [str(a) for a in alternative if str(a) != doi]
    _host(r, get, ctype)
    _rights_and_links(r, get)
    _thesis_and_event(r, get)
    for key, value in item.items():
        if key not in get.used and value not in (None, "", [], {}):
            r.unmapped.append(SourceField(label=key, value=str(value)[:500]))
    return r


def _checked(kind: str, values: list[str], field: str) -> list[str]:
    try:
        return [normalize.issn(v) if kind == "issn" else normalize.isbn13(v) for v in values]
    except ValueError as exc:
        raise RecordError(str(exc), field=field) from None


def _typed(get: _Work, key: str, types_key: str) -> dict[str, list[str]]:
    typed: dict[str, list[str]] = {}
    for entry in get(types_key) or []:
        if isinstance(entry, dict) and entry.get("value"):
            typed.setdefault(str(entry.get("type", "")), []).append(str(entry["value"]))
    listed = [str(v) for v in get(key) or []]
    known = {v for vs in typed.values() for v in vs}
    typed.setdefault("", []).extend(v for v in listed if v not in known)
    return typed


def _host(r: Record, get: _Work, ctype: str) -> None:
    container = get.first("container-title")
    issns = _typed(get, "ISSN", "issn-type")
    isbns = _typed(get, "ISBN", "isbn-type")
    all_isbns = list(dict.fromkeys(_checked("isbn", [v for vs in isbns.values() for v in vs], "ISBN")))
    page = get.first("page")
    start, _, end = (page or "").partition("-")
    host = HostItem(
        volume=get.first("volume"),
        issue=get.first("issue"),
        page_start=start.strip() or None,
        page_end=end.strip() or None,
        article_number=get.first("article-number"),
    )
    if isinstance(issue := get("journal-issue"), dict):
        host.issue_date = date_parts(issue.get("published-print")) or date_parts(
            issue.get("published-online")
        )
    if r.work_type in (WorkType.BOOK, WorkType.THESIS, WorkType.REPORT, WorkType.DATASET) or not container:
        r.isbns.extend(i for i in all_isbns if i not in r.isbns)
        if container:
            r.series.append((container, get.first("volume")))
        if any(issns.values()):
            r.other_ids["issn"] = _checked("issn", [v for vs in issns.values() for v in vs], "ISSN")
        return
    if r.work_type in (WorkType.CHAPTER, WorkType.CONFERENCE_PAPER) and (
        all_isbns or not any(issns.values())
    ):
        host.book_title, host.book_isbns = container, all_isbns
    else:
        host.periodical = Periodical(
            title=container,
            issns=_checked("issn", issns.get("print", []) + issns.get("", []), "ISSN"),
            eissns=_checked("issn", issns.get("electronic", []), "ISSN"),
        )
    r.host = host


def _rights_and_links(r: Record, get: _Work) -> None:
    licences = sorted(get("license") or [], key=lambda lic: lic.get("content-version") != "vor")
    for lic in licences:
        url = str(lic.get("URL") or "")
        iri, family = normalize.licence(url)
        if (iri or family) and r.licence is None:
            r.licence = Licence(iri=iri, family=family)
        elif url:
            applies = LICENCE_VERSIONS.get(str(lic.get("content-version")), "the work")
            r.rights.append(f"Licence for {applies}: {url}")
    for link in get("link") or []:
        url = link.get("URL")
        if not url:
            continue
        media = link.get("content-type")
        r.files.append(
            FileLink(
                url=url,
                media_type=None if media in (None, "unspecified") else media,
                version=VERSIONS.get(str(link.get("content-version"))),
            )
        )
    for funder in get("funder") or []:
        name = funder.get("name")
        if not name:
            continue
        awards: list[str | None] = [str(a) for a in funder.get("award") or []] or [None]
        r.funding.extend(Funding(funder=clean(name), grant=a) for a in awards)


def _thesis_and_event(r: Record, get: _Work) -> None:
    institutions = [i for i in get("institution") or [] if isinstance(i, dict)]
    degrees = [str(d) for d in get("degree") or []]
    if r.work_type is WorkType.THESIS:
        inst = institutions[0] if institutions else {}
        name = degrees[0] if degrees else None
        department = (inst.get("department") or [None])[0]
        r.degree = Degree(
            level=normalize.degree_level(name or "") if name else None,
            name=name,
            institution=inst.get("name"),
            department=department,
        )
    elif institutions:
        r.unmapped.append(SourceField("institution", "; ".join(str(i.get("name")) for i in institutions)))
    if (event := get("event")) and isinstance(event, dict) and event.get("name"):
        r.event = Event(
            name=clean(event["name"]),
            location=event.get("location"),
            start=date_parts(event.get("start")),
            end=date_parts(event.get("end")),
        )
