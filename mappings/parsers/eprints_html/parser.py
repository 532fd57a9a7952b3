"""The ``eprints-html`` parser: an EPrints abstract page (HTML) as one Record."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import BinaryIO

from lxml import etree

from mappings import normalize
from mappings.model import (
    Agent,
    AgentKind,
    FileLink,
    FormatError,
    Funding,
    Licence,
    Record,
    RecordError,
    SourceField,
    Subject,
    WorkType,
)
from mappings.parsers.base import Parser
from mappings.parsers.common.names import person
from mappings.parsers.eprints_html.fields import MetaFields
from mappings.parsers.eprints_html.page import HtmlPage
from mappings.parsers.eprints_html.sniff import eprints_html
from mappings.parsers.eprints_page.citation import read_citation
from mappings.parsers.eprints_page.parser import ITEM_TYPES
from mappings.parsers.eprints_xml.fields import (
    read_dates,
    read_event,
    read_host,
    read_languages,
    read_publisher,
    read_thesis,
)
from mappings.parsers.eprints_xml.vocab import ANONYMOUS, LICENCES, STATUS, contributor_role, work_type
from mappings.parsers.oai_dc.text import plain_text
from mappings.parsers.oai_dc.work_types import work_type as dc_work_type
from mappings.uris import digest

MAX_BYTES = 16 * 1024 * 1024  # an abstract page is tens of kilobytes


class EprintsHtmlParser(Parser):
    """EPrints abstract page as HTML."""

    name = "eprints-html"
    description = "EPrints abstract page as HTML (eprints.*, DC.* and citation_* meta tags, export links, fields)"

    @classmethod
    def sniff(cls, head: bytes) -> int:
        """See :func:`mappings.parsers.eprints_html.sniff.eprints_html`."""
        return eprints_html(head)

    def parse(self, stream: BinaryIO, source: str) -> Iterator[Record | RecordError]:
        """Yield the page's Record (or a RecordError naming the field)."""
        data = stream.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            yield FormatError(f"larger than {MAX_BYTES} bytes: not an abstract page", file=source)
            return
        try:
            page = HtmlPage(data, source)
        except FormatError as exc:
            yield exc
            return
        except (etree.ParserError, ValueError) as exc:
            yield FormatError(f"cannot read the page as HTML: {exc}", file=source)
            return
        try:
            yield _record(page, source)
        except RecordError as exc:
            exc.file = exc.file or source
            yield exc


def _record(page: HtmlPage, source: str) -> Record:
    get = MetaFields(page)
    status = get("eprint_status")
    if status and status != "archive":
        raise RecordError(f"eprint_status is {status!r}, not 'archive': the record is not public",
                          field="eprints.eprint_status", line=get.line("eprint_status"))
    title = normalize.clean_text(get("title") or "")
    if not title:
        raise RecordError("no title: no eprints.title, citation_title or DC.title meta tag and no <h1>",
                          field="title", line=1)
    r = Record(source_format="eprints-html", source_id="", work_type=_kind(page, get), title=title,
               source_file=source, source_position=1)
    _people(r, get)
    if not r.creators and not r.contributors and page.citation:  # a page without name tags: its citation
        cited = read_citation(page.citation, title, r.work_type)
        if cited:
            r.creators, r.contributors = list(cited.authors), list(cited.editors)
            r.issued = r.issued or cited.year
    if abstract := get("abstract") or page.abstract:
        r.abstract = plain_text(abstract)
    if note := get("note"):
        r.notes.append(note)
    read_dates(r, get)
    if stamp := get("datestamp"):
        r.date_submitted = _date(r, get, "datestamp", stamp)
    if lastmod := get("lastmod"):
        try:
            r.source_modified = normalize.timestamp(lastmod)
        except ValueError:
            r.warn("eprints.lastmod", f"not a date: {lastmod!r}", line=get.line("lastmod"))
    if ispub := get("ispublished"):
        r.status.append(STATUS.get(ispub, ispub))
    if refereed := get("refereed"):
        r.status.append("peerReviewed" if refereed.upper() == "TRUE" else "nonPeerReviewed")
    read_publisher(r, get)
    r.place = r.place or get("place_of_pub")
    read_host(r, get)
    _identifiers(r, page, get)
    _subjects(r, page, get)
    read_languages(r, get)
    if not r.languages:
        for meta in page.values("citation_language") + page.values("dc.language"):
            try:
                code = normalize.language(meta.content)
            except ValueError:
                continue
            if code not in r.languages:
                r.languages.append(code)
    read_thesis(r, get)
    read_event(r, get)
    _files_and_licence(r, page, get)
    agencies, grants = get.all("funders_agency"), get.all("funders_grant_number")
    r.funding = [Funding(funder=a, grant=grants[i] if len(grants) == len(agencies) else None)
                 for i, a in enumerate(agencies)]
    r.citation = normalize.clean_text(get("citation") or page.citation or "") or None
    if (depositor := page.row("Depositing User", "Deposited By")) is not None:
        r.depositor = depositor.text
    if page.version:
        r.version_label = page.version
        if (status := page.version.split()[0].lower()) in ("accepted", "published") and status not in r.status:
            r.status.append(status)
    r.collection = get("collection")
    r.alternative_titles = get.all("alt_title")
    for name, value in get.unread():
        r.unmapped.append(SourceField(f"eprints.{name}", value))
    first = r.creators[0].name if r.creators else ""
    r.source_id = r.landing_page or (f"doi:{r.doi.lower()}" if r.doi else "digest:" + digest(
        "|".join(normalize.fold(p) for p in (r.title, r.issued or "", first))))
    return r


def _kind(page: HtmlPage, get: MetaFields) -> WorkType:
    """The item type code (eprints.type), else the visible Item Type, else DC.type."""
    if code := get("type"):
        return work_type(code, get("pres_type"))
    if (row := page.row("Item Type")) is not None:
        base = normalize.fold(row.text.split(" (")[0]).strip()
        if base in ITEM_TYPES:
            return ITEM_TYPES[base]
    return dc_work_type([m.content for m in page.values("dc.type")], "oai-dc")


def _date(r: Record, get: MetaFields, name: str, value: str) -> str | None:
    try:
        return normalize.date(value)
    except ValueError:
        r.warn(f"eprints.{name}", f"not a date: {value!r}", line=get.line(name))
        return None


def _names(r: Record, get: MetaFields, field: str, role: str) -> list[Agent]:
    """The people of a name field ("Family, Given"), with their ids and ORCIDs when the lists line up (EPrints
    leaves an empty id out, so a shorter list cannot be matched to the names)."""
    names = get.all(f"{field}_name")
    ids, orcids = get.all(f"{field}_id"), get.all(f"{field}_orcid")
    agents = []
    for i, name in enumerate(names):
        if normalize.fold(name).strip(" ,") in ANONYMOUS | {"unknown, unknown", ""}:
            r.warn(f"eprints.{field}_name", f"placeholder name {name!r} dropped", line=get.line(f"{field}_name"))
            continue
        agent = person(name, [role], _warner(r, get, f"{field}_name"))
        if len(ids) == len(names):
            agent.local_id = ids[i]
            agent.identifiers.append(ids[i])
        if len(orcids) == len(names):
            try:
                agent.orcid = normalize.orcid(orcids[i])
            except ValueError as exc:
                r.warn(f"eprints.{field}_orcid", f"{exc}; left out", line=get.line(f"{field}_orcid"))
        agents.append(agent)
    return agents


def _warner(r: Record, get: MetaFields, name: str) -> Callable[[str], None]:
    def warn(message: str) -> None:
        r.warn(f"eprints.{name}", message, line=get.line(name))

    return warn


def _people(r: Record, get: MetaFields) -> None:
    interview = get("type") == "oral_history" or bool(get.fields.get("interviewer"))
    if interview:
        r.contributors.extend(_names(r, get, "creators", "ive"))
    else:
        r.creators.extend(_names(r, get, "creators", "aut"))
    for name in get.all("corp_creators"):
        if normalize.fold(name) not in ANONYMOUS:
            r.creators.append(Agent(name=name, kind=AgentKind.ORGANIZATION))
    for field, role in (("editors", "edt"), ("thesis_advisor", "ths"), ("thesis_committee", "dgc")):
        r.contributors.extend(_names(r, get, field, role))
    types = get.all("contributors_type")
    contributors = _names(r, get, "contributors", "ctb")
    for i, agent in enumerate(contributors):
        agent.roles = [contributor_role(types[i])] if len(types) == len(contributors) else ["ctb"]
        same = next((a for a in r.creators if normalize.fold(a.name) == normalize.fold(agent.name)), None)
        if same is None:
            r.contributors.append(agent)
        elif agent.roles[0] not in ("aut", "ctb", *same.roles):
            same.roles.append(agent.roles[0])
    for name in get.all("interviewer"):
        family, given = normalize.split_name(name)
        r.contributors.append(Agent(name=name, family=family, given=given, roles=["ivr"]))


def _identifiers(r: Record, page: HtmlPage, get: MetaFields) -> None:
    """DOI, ISBNs, the landing page (canonical link, the URI row, DC.relation), official and related URLs,
    and the EP3 XML export of the record (a link to the richest form of the same record)."""
    urls, types = get.all("related_url_url"), get.all("related_url_type")
    candidates = [get("doi")] + [u for u, t in zip(urls, types, strict=False) if len(urls) == len(types) and t == "doi"]
    id_number = get("id_number")
    if id_number and re.match(r"(?:doi:\s*|https?://(?:dx\.)?doi\.org/)?10\.\d{4,9}/", id_number, re.IGNORECASE):
        candidates.append(id_number)
    elif id_number:
        r.other_ids.setdefault("local", []).append(id_number)
    for value in filter(None, candidates):
        try:
            r.doi = r.doi or normalize.doi(value)
        except ValueError as exc:
            r.warn("eprints.doi", f"{exc}; kept as a plain identifier", line=get.line("doi"))
            r.other_ids.setdefault("doi-as-given", []).append(value)
    for value in get.all("isbn"):
        for part in (p.strip() for p in re.split(r"\s*[;,]\s*", value) if p.strip()):
            try:
                isbn = normalize.isbn13(part)
            except ValueError as exc:
                r.warn("eprints.isbn", f"{exc}; kept as given", line=get.line("isbn"))
                r.other_ids.setdefault("isbn-as-given", []).append(part)
                continue
            if isbn not in r.isbns:
                r.isbns.append(isbn)
    uri_row = page.row("URI")
    landing = (uri_row.links[0] if uri_row and uri_row.links else None) or \
        next((h for rel, h, _, _ in page.links if rel == "canonical"), None) or \
        next((m.content for m in page.values("dc.relation") if re.search(r"/(?:id/eprint/)?\d+/?$", m.content)),
             None)
    for label, given in (("landing page", landing), ("eprints.official_url", get("official_url") or page.official_url)):
        url: str | None = None
        try:
            url = normalize.url(given) if given else None
        except ValueError as exc:
            r.warn(label, f"{exc}; left out", line=get.line("official_url") if label != "landing page" else None)
            url = None
        if label == "landing page":
            r.landing_page = url
        else:
            r.official_url = url
    doi_iri = normalize.doi_iri(r.doi) if r.doi else ""
    for url in urls + [h for rel, h, title, _ in page.links if rel == "alternate" and title == "EP3 XML"]:
        if url.startswith("http") and url.lower().replace("http://", "https://").replace("dx.", "") != doi_iri \
                and url not in r.related_urls:
            r.related_urls.append(url)


def _subjects(r: Record, page: HtmlPage, get: MetaFields) -> None:
    """Keywords; subjects as labels (DC.subject, the visible Subjects) — eprints.subjects holds codes only."""
    if keywords := get("keywords"):
        r.keywords = [k.strip() for k in re.split(r"[;,]\s*|\n", keywords) if k.strip()]
    labels = [m.content for m in page.values("dc.subject")]
    if not labels and (row := page.row("Subjects")) is not None:
        labels = [row.text]
    r.subjects = [Subject(heading=label, scheme="eprints-subjects") for label in dict.fromkeys(labels)]
    if codes := get.all("subjects"):
        r.unmapped.append(SourceField("eprints.subjects", "; ".join(codes)))
    codes = get.all("divisions")
    divisions = page.row("Divisions", "Faculty", "Schools/Departments", "Colleges/Schools")
    r.divisions = [divisions.text] if divisions is not None else codes


def _files_and_licence(r: Record, page: HtmlPage, get: MetaFields) -> None:
    """Documents (eprints.document_url, citation_pdf_url, document links) and their agreed licence (DC.rights)."""
    for url in dict.fromkeys(get.all("document_url") + page.documents):
        if url.startswith(("http://", "https://")):
            r.files.append(FileLink(url=url, name=url.rstrip("/").rsplit("/", 1)[-1] or None))
    codes = {m.content for m in page.values("dc.rights")}
    if len(codes) == 1:
        code = next(iter(codes))
        iri, family = LICENCES.get(code.lower(), (None, None))
        if not (iri or family):
            iri, family = normalize.licence(code.replace("_", "-"))
        if iri or family:
            r.licence = Licence(iri=iri, family=family, text=code if " " in code else None)
