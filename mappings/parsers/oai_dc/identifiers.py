"""dc:identifier and dc:relation: DOIs in every written form, bare ISBNs and ISSNs, landing pages, files, grants.

A DOI is read bare ("10.1517/..."), with "doi:", "info:doi/", "urn:doi:" or a doi.org URL; the malformed
"doi://10..." is repaired when what follows is a DOI (with a warning), and anything else that claims to be a
DOI but is none is kept as a plain identifier ("doi-as-given") with a warning, never as a DOI. The work's DOI
comes from dc:identifier before dc:relation; another DOI in dc:relation (a Zenodo concept DOI, a related
paper) is a related link. A bare ISSN ("1566-7294") or ISBN ("90-5539-124-7", "978...") is recognised and
validated: a wrong check digit is a warning and the value is kept as given.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from urllib.parse import urlparse

from mappings import normalize
from mappings.model import FileLink, Funding, Record
from mappings.parsers.oai_dc.elements import Value

CITATION = re.compile(r"\(\d{4}[a-z]?\)|\b(?:19|20)\d{2}\.\s")
DOI_PREFIX = re.compile(r"^(?:doi:|info:doi/|urn:doi:|https?://(?:dx\.|www\.)?doi\.org/|10\.\d{4,9}/)", re.IGNORECASE)
DOI_MALFORMED = re.compile(r"^(?:doi:/+|doi\s*:\s*//|https?://doi:/*|https?://(?:dx\.)?doi\.org/doi:\s*)",
                           re.IGNORECASE)
ISSN_BARE = re.compile(r"^(?:e?-?ISSN[:\s]*)?(\d{4}-\d{3}[\dXx])$|^e?-?ISSN[:\s]*(\d{7}[\dXx])$", re.IGNORECASE)
ISBN_BARE = re.compile(r"^(?:ISBN(?:-1[03])?[:\s]*)?((?:97[89][- ])?\d{1,5}(?:[- ]\d{1,9}){1,2}[- ][\dXx])$"
                       r"|^(97[89]\d{10})$|^ISBN(?:-1[03])?[:\s]*([\dXx-]{10,17})$", re.IGNORECASE)
LABELLED = re.compile(r"^([A-Za-z][\w .-]{1,30}?)\s*:\s+(\S.*)$")
FILE_URL = re.compile(r"\.(?:pdf|docx?|zip|epub|txt|tiff?|jpe?g|png|mp[34]|wav)$|/bitstream/|/files?/|/document$"
                      r"|/viewcontent\.cgi\?", re.IGNORECASE)


@dataclass
class Found:
    """What the identifiers and relations give besides what goes straight on the record."""

    isbns: list[tuple[str, int | None]] = field(default_factory=list)  # ISBN-13, line
    issns: list[str] = field(default_factory=list)
    citations: list[str] = field(default_factory=list)  # the repository's citation strings
    relation_texts: list[Value] = field(default_factory=list)  # plain-text relations (series, journal, book)


def is_doi_like(value: str) -> bool:
    """Whether a value claims to be a DOI (by its prefix or shape)."""
    return bool(DOI_PREFIX.match(value.strip()) or DOI_MALFORMED.match(value.strip()))


def read_doi(value: str) -> tuple[str | None, str | None]:
    """(the bare DOI or None, a warning or None) from a value that claims to be a DOI."""
    text = value.strip()
    try:
        return normalize.doi(text), None
    except ValueError:
        pass
    if m := DOI_MALFORMED.match(text):
        try:
            return normalize.doi(text[m.end():]), f"malformed DOI {value!r} repaired"
        except ValueError:
            pass
    return None, f"not a DOI: {value!r}; kept as a plain identifier"


def is_landing_page(url: str, ident: str) -> bool:
    """True for a URL holding the item's local id on the repository's host ("oai:arro.ac.uk:700655"), on a
    handle resolver ("hdl:1765/9"), or on another host of the same domain ending in the item's number
    (DASH: "oai:dash.harvard.edu:1/10065537" and "http://nrs.harvard.edu/urn-3:HUL.InstRepos:10065537")."""
    parsed = urlparse(url)
    netloc = parsed.netloc.lower()
    if ident.startswith("hdl:"):
        return "handle" in netloc and parsed.path.rstrip("/").endswith("/" + ident[4:])
    parts = ident.split(":")
    if len(parts) < 3 or parts[0] != "oai":
        return False
    host, local_id = parts[1].lower(), parts[-1]
    on_host = netloc == host or netloc.endswith("." + host)
    if re.search(rf"(?:^|/){re.escape(local_id)}/?$", parsed.path):
        return on_host or "handle" in netloc
    number = local_id.rsplit("/", 1)[-1]
    same_domain = netloc.split(".")[-2:] == host.split(".")[-2:] and len(host.split(".")) > 2
    return same_domain and len(number) >= 3 and number.isdigit() and bool(re.search(rf"[/:]{number}/?$", url))


def read_identifiers(r: Record, identifiers: list[Value], relations: list[Value], formats: list[str],
                     ident: str) -> Found:
    """Map dc:identifier (first) and dc:relation values onto the record; return what needs the whole record."""
    found = Found()
    media = [f for f in formats if re.fullmatch(r"[a-z]+/[\w.+-]+", f)]
    for value in identifiers + relations:
        text, in_identifier = value.text, value in identifiers
        field_name = "dc:identifier" if in_identifier else "dc:relation"
        low = text.lower()
        if m := re.match(r"info:eu-repo/grantagreement/([^/]+)/([^/]*)/([^/]+)", text, re.IGNORECASE):
            r.funding.append(Funding(funder=m[1], grant=m[3]))
        elif m := re.match(r"info:eu-repo/semantics/altidentifier/(\w+)/(.+)$", text, re.IGNORECASE):
            _scheme_value(r, found, m[1].lower(), m[2], value, field_name)
        elif is_doi_like(text):
            _doi(r, text, value.line, field_name)
        elif m := re.match(r"urn:(isbn|issn):(.+)$", low):
            _scheme_value(r, found, m[1], m[2], value, field_name)
        elif m := ISSN_BARE.match(text.strip()):
            _scheme_value(r, found, "issn", m[1] or m[2], value, field_name)
        elif (m := ISBN_BARE.match(text.strip())) and len(re.sub(r"[^\dXx]", "", m[1] or m[2] or m[3])) in (10, 13):
            _scheme_value(r, found, "isbn", m[1] or m[2] or m[3], value, field_name)
        elif low.startswith(("http://", "https://")):
            _url(r, text, ident, media, in_identifier)
        elif in_identifier and len(text) > 40 and CITATION.search(text):
            found.citations.append(text)
            r.citation = r.citation or text
        elif in_identifier and (m := LABELLED.match(text)) and not text.lower().startswith("oai:"):
            r.other_ids.setdefault(normalize.slug(m[1]) or "local", []).append(m[2].strip())
        elif in_identifier:
            r.other_ids.setdefault("local", []).append(text)
        else:
            found.relation_texts.append(value)
    if not r.landing_page:  # bepress: the item's page on the repository's host has another number than its OAI id
        host = ident.split(":")[1].lower() if ident.startswith("oai:") and ident.count(":") >= 2 else None
        r.landing_page = next((u for u in r.related_urls if host and urlparse(u).netloc.lower() == host
                               and u in [v.text for v in identifiers]), None)
        if r.landing_page:
            r.related_urls.remove(r.landing_page)
    return found


def _doi(r: Record, text: str, line: int | None, field_name: str) -> None:
    doi, problem = read_doi(text)
    if problem:
        r.warn(field_name, problem, line=line)
    if doi is None:
        r.other_ids.setdefault("doi-as-given", []).append(text)
    elif r.doi is None:  # identifiers are read before relations: the work's own DOI comes first
        r.doi = doi
    elif doi.lower() != r.doi.lower():  # another work's DOI (a concept DOI, a related paper)
        iri = normalize.doi_iri(doi)
        if iri not in r.related_urls:
            r.related_urls.append(iri)


def _scheme_value(r: Record, found: Found, scheme: str, text: str, value: Value, field_name: str) -> None:
    if scheme == "doi":
        _doi(r, text, value.line, field_name)
        return
    try:
        if scheme == "isbn":
            isbn = normalize.isbn13(text)
            if isbn not in [i for i, _ in found.isbns]:
                found.isbns.append((isbn, value.line))
        elif scheme == "issn":
            issn = normalize.issn(text)
            if issn not in found.issns:
                found.issns.append(issn)
        else:
            r.other_ids.setdefault(scheme, []).append(text)
    except ValueError as exc:
        r.warn(field_name, f"{exc}; kept as given, not as an {scheme.upper()}", line=value.line)
        r.other_ids.setdefault(f"{scheme}-as-given", []).append(text.strip())


def _url(r: Record, url: str, ident: str, media: list[str], in_identifier: bool) -> None:
    if "&amp;" in url:  # escaped twice in the source (bepress): "?article=2447&#38;amp;context=theses"
        url = html.unescape(url)
    if is_landing_page(url, ident) and not r.landing_page:
        r.landing_page = url
    elif in_identifier and FILE_URL.search(url.lower()):
        r.files.append(FileLink(url=url, media_type=media[0] if len(media) == 1 else None,
                                name=url.rstrip("/").rsplit("/", 1)[-1] or None))
    elif url not in r.related_urls and url.rstrip("/") != (r.landing_page or "").rstrip("/"):
        r.related_urls.append(url)
