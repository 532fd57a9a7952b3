"""Where a DataCite resource sits and what it points to: host journal or book, identifiers, related links.

- The host: a ``relatedItem`` of type Journal (or Book, ConferenceProceeding, for a chapter or paper), else
  the REST API's ``container`` with an ISSN or of type Journal, else a ``relatedIdentifier`` ISSN that the
  work IsPartOf / IsPublishedIn with the journal's title from the SeriesInformation description
  ("Onkologija, Volume XXII, No. 1, June 2018"). An ISSN with no title anywhere becomes a related link.
- ``relatedIdentifiers``: DOIs, URLs, Handles, arXiv ids and PMIDs become related links (DOIs written as
  URLs are read as DOIs); an IsIdenticalTo URN or Handle is also an identifier of the work; any other
  related identifier is kept as an unmapped source field.
- ``alternateIdentifiers`` (and the REST API's ``identifiers``): ISBN -> ISBNs (checked); Handle, URN, arXiv,
  another DOI, local accession numbers ... -> identifiers by their type; URLs -> related links; a
  "citation" (Dryad kernel 3 puts the article's citation there) -> a note.
- A German thesis note "<University>, Diss., <year>" (SeriesInformation) gives the degree and institution.
"""

from __future__ import annotations

import re
from typing import Any

from mappings import normalize
from mappings.model import Degree, HostItem, Periodical, Record, SourceField, WorkType
from mappings.parsers.datacite.values import dicts, line, lower, text

HOST_RELATIONS = {"ispartof", "ispublishedin"}
ISSN_PORTAL = "https://portal.issn.org/resource/ISSN/"
DIPLOMA = re.compile(r"^(?P<inst>[^,;]+?),\s*(?P<kind>Diss\.|Dissertation|Habil\.|Habilitationsschrift|"
                     r"PhD thesis|Doctoral thesis|Master'?s? thesis|Masterarbeit|Diplomarbeit)", re.IGNORECASE)
VOLUME = re.compile(r"\b(?:Volume|Vol\.?|Band|Bd\.?|leto)\s*([\w.-]+)", re.IGNORECASE)
ISSUE = re.compile(r"\b(?:No\.?|Nr\.?|Issue|Heft|št\.?)\s*([\w/-]+)", re.IGNORECASE)


def related_url(kind: str, value: str) -> str | None:
    """A related identifier as a resolvable URL (None when it has no usual resolver)."""
    key = lower(kind)
    if key == "doi" or value.lower().startswith(("https://doi.org/", "http://doi.org/", "http://dx.doi.org/")):
        return normalize.doi_iri(normalize.doi(value))
    if value.startswith(("http://", "https://")):
        return normalize.url(value)
    if key == "handle":
        return "https://hdl.handle.net/" + value
    if key == "arxiv":
        return "https://arxiv.org/abs/" + re.sub(r"^arxiv:", "", value, flags=re.IGNORECASE)
    if key == "pmid" and value.isdigit():
        return f"https://pubmed.ncbi.nlm.nih.gov/{value}/"
    if key == "issn":
        return ISSN_PORTAL + normalize.issn(value)
    if key == "urn" and value.lower().startswith("urn:nbn:"):
        return "https://nbn-resolving.org/" + value
    return None


def _add_url(r: Record, url: str) -> None:
    if url not in r.related_urls and url != r.official_url:
        r.related_urls.append(url)


def related_identifiers(res: dict[str, Any], r: Record) -> list[str]:
    """Related links; returns the ISSNs of the serial the work is part of."""
    issns: list[str] = []
    for rel in dicts(res.get("relatedIdentifiers"), "relatedIdentifier"):
        value, kind = text(rel.get("relatedIdentifier")), text(rel.get("relatedIdentifierType")) or ""
        relation = lower(rel.get("relationType"))
        if not value:
            continue
        try:
            if lower(kind) == "issn" and relation in HOST_RELATIONS:
                issns.append(normalize.issn(value))
                continue
            url = related_url(kind, value)
        except ValueError as exc:
            r.warn("relatedIdentifier", f"{exc}: the related {kind or 'identifier'} is left out", line=line(rel))
            continue
        if relation == "isidenticalto" and lower(kind) in ("urn", "handle"):
            ident = re.sub(r"^(?:https?://[^/]+/)?urn:", "", value, flags=re.IGNORECASE) if lower(kind) == "urn" \
                else value  # kept as "nbn:de:...": the identifier scheme "urn" is its prefix
            r.other_ids.setdefault(lower(kind), []).append(ident)
        if url:
            _add_url(r, url)
        else:
            r.unmapped.append(SourceField(f"relatedIdentifier {rel.get('relationType')} {kind}".strip(), value))
    return issns


def alternate_identifiers(res: dict[str, Any], r: Record) -> None:
    """alternateIdentifiers (and the REST API's identifiers) as the work's identifiers or links."""
    seen: set[tuple[str, str]] = set()
    entries = dicts(res.get("alternateIdentifiers"), "alternateIdentifier") + dicts(res.get("identifiers"),
                                                                                    "identifier")
    for entry in entries:
        if entry.get("_main"):
            continue
        value = text(entry.get("alternateIdentifier") or entry.get("identifier"))
        kind = text(entry.get("alternateIdentifierType") or entry.get("identifierType")) or ""
        if not value or (lower(kind), value) in seen:
            continue
        seen.add((lower(kind), value))
        _alternate(r, kind, value, entry)


def _alternate(r: Record, kind: str, value: str, entry: dict[str, Any]) -> None:
    key = lower(kind)
    if key == "citation":
        r.notes.append(f"Citation: {value}")
        return
    try:
        if key == "doi" or (value.lower().startswith(("https://doi.org/", "http://dx.doi.org/")) and key in
                            ("doi", "url", "uri", "")):
            doi = normalize.doi(value)
            if doi.lower() != (r.doi or "").lower():
                r.other_ids.setdefault("doi", []).append(doi)
        elif key == "isbn":
            isbn = normalize.isbn13(value)
            if isbn not in r.isbns:
                r.isbns.append(isbn)
        elif key == "issn":
            _add_url(r, ISSN_PORTAL + normalize.issn(value))
        elif key == "urn":
            r.other_ids.setdefault("urn", []).append(re.sub(r"^urn:", "", value, flags=re.IGNORECASE))
        elif "hdl.handle.net/" in value or key == "handle":
            r.other_ids.setdefault("handle", []).append(re.sub(r"^https?://hdl\.handle\.net/", "", value))
        elif key in ("url", "uri") or value.startswith(("http://", "https://")):
            _add_url(r, normalize.url(value))
        else:
            scheme = normalize.slug(kind.rstrip("/").rsplit("/", 1)[-1]) or "local"
            if value not in r.other_ids.get(scheme, []):
                r.other_ids.setdefault(scheme, []).append(value)
    except ValueError as exc:
        r.warn("alternateIdentifier", f"{exc}: kept as given", line=line(entry))
        r.other_ids.setdefault(f"{normalize.slug(kind) or 'identifier'}-as-given", []).append(value)


def _series_information(res: dict[str, Any]) -> list[str]:
    return [t for d in dicts(res.get("descriptions"), "description")
            if lower(d.get("descriptionType")) == "seriesinformation" and (t := text(d.get("description")))]


def host(res: dict[str, Any], r: Record, issns: list[str]) -> list[str]:
    """The journal or book the work is part of; returns the SeriesInformation texts it did not use."""
    series = _series_information(res)
    for item in dicts(res.get("relatedItems"), "relatedItem"):
        if _host_from_item(item, r):
            return series
    container: dict[str, Any] = res["container"] if isinstance(res.get("container"), dict) else {}
    c_issn = text(container.get("identifier")) if lower(container.get("identifierType")) == "issn" else None
    title = text(container.get("title"))
    if title and (c_issn or lower(container.get("type")) == "journal" or issns):
        r.host = _item_host(title, [c_issn] if c_issn else issns, container, r)
        return series
    if issns:
        found = next((s for s in series if not DIPLOMA.match(s)), None)
        if found:
            r.host = _item_host(found.split(",")[0].strip(), issns, {}, r)
            r.host.volume = (m.group(1) if (m := VOLUME.search(found)) else None)
            r.host.issue = (m.group(1) if (m := ISSUE.search(found)) else None)
            return [s for s in series if s != found]
        for issn in issns:
            _add_url(r, ISSN_PORTAL + issn)
    return series


def _item_host(title: str, issns: list[str], item: dict[str, Any], r: Record) -> HostItem:
    checked: list[str] = []
    for value in issns:
        try:
            checked.append(normalize.issn(value))
        except ValueError as exc:
            r.warn("relatedItemIdentifier", f"{exc}: left out", line=line(item))
    number = text(item.get("number"))
    return HostItem(periodical=Periodical(title=title, issns=list(dict.fromkeys(checked))),
                    volume=text(item.get("volume")), issue=text(item.get("issue")),
                    page_start=text(item.get("firstPage")), page_end=text(item.get("lastPage")),
                    article_number=number if lower(item.get("numberType")) == "article" else None)


def _host_from_item(item: dict[str, Any], r: Record) -> bool:
    kind, relation = lower(item.get("relatedItemType")), lower(item.get("relationType"))
    titles = [t for x in dicts(item.get("titles"), "title") if (t := text(x.get("title")))]
    ident = item.get("relatedItemIdentifier")
    ident = ident if isinstance(ident, dict) else {"relatedItemIdentifier": ident}
    id_value, id_type = text(ident.get("relatedItemIdentifier")), lower(ident.get("relatedItemIdentifierType"))
    if not titles or kind not in ("journal", "book", "conferenceproceeding", "bookseries"):
        return False
    if relation not in HOST_RELATIONS:
        if not (kind == "journal" and r.work_type is WorkType.ARTICLE):
            return False
        r.warn("relatedItem", f"the journal is related by {item.get('relationType')!r}, not IsPublishedIn: "
                              "read as the journal the article is in", line=line(item))
    if kind == "journal" or kind == "bookseries":
        r.host = _item_host(titles[0], [id_value] if id_value and id_type == "issn" else [], item, r)
        return True
    book = _item_host(titles[0], [], item, r)
    book.periodical, book.book_title = None, titles[0]
    if id_value and id_type == "isbn":
        try:
            book.book_isbns = [normalize.isbn13(id_value)]
        except ValueError as exc:
            r.warn("relatedItemIdentifier", f"{exc}: left out", line=line(item))
    r.host = book
    return True


def degree(r: Record, series: list[str], words: str | None) -> list[str]:
    """A thesis's degree from the resource type words ("Habilitation", "Master thesis") and a German thesis
    note "<University>, Diss., <year>" (a Dissertation in German usage is a doctoral thesis)."""
    institution = level = name = None
    for note in series:
        if m := DIPLOMA.match(note):
            institution, kind = m.group("inst").strip(), m.group("kind").lower()
            if kind.startswith("diss"):
                level = "doctoral"
            elif kind.startswith("habil"):
                name = "Habilitation"
            else:
                name = m.group("kind")
            series = [s for s in series if s != note]
            break
    name = name or words
    if name and level is None and "habil" not in name.lower():
        level = normalize.degree_level(name)
    if institution or name or level:
        r.degree = Degree(level=level, name=name, institution=institution)
    return series
