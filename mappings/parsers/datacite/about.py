"""What a DataCite resource is about and how it may be used: descriptions, subjects, languages, rights,
funding, sizes and formats (the rules are listed in :mod:`mappings.parsers.datacite`)."""

from __future__ import annotations

import re
from typing import Any

from mappings import normalize
from mappings.model import Classification, Funding, Licence, Record, Subject
from mappings.parsers.datacite.values import dicts, items, lower, paragraphs, text

ACCESS = {"openaccess": "open access", "closedaccess": "closed access", "embargoedaccess": "embargoed access",
          "restrictedaccess": "restricted access", "metadataonlyaccess": "metadata only"}
CLASSIFICATIONS = {"ddc": "ddc", "dewey": "ddc", "deweydecimalclassification": "ddc", "udc": "udc", "lcc": "lcc",
                   "fieldsofscienceandtechnologyfos": "fos", "fos": "fos", "for": "anzsrc-for",
                   "anzsrcfor": "anzsrc-for"}
PAGES = re.compile(r"^(?:pages?\s*(\d+)|(\d+)\s*(?:pages?|pp?\.?|S\.|Seiten))$", re.IGNORECASE)


def _uri(value: str | None) -> str | None:
    """A subject's valueURI when it is an http(s) URL RDF can hold (else None)."""
    try:
        return normalize.url(value) if value else None
    except ValueError:
        return None


def descriptions(res: dict[str, Any], r: Record) -> None:
    """The first Abstract is the abstract; other descriptions are notes (SeriesInformation is read elsewhere)."""
    for d in dicts(res.get("descriptions"), "description"):
        kind = lower(d.get("descriptionType"))
        body = paragraphs(d.get("description"))
        if not body or kind == "seriesinformation":
            continue
        if kind == "abstract" and r.abstract is None:
            r.abstract = body
        else:
            label = {"methods": "Methods", "tableofcontents": "Contents", "technicalinfo": "Technical information",
                     "abstract": "Abstract"}.get(kind)
            r.notes.append(f"{label}: {body}" if label else body)


def subjects(res: dict[str, Any], r: Record) -> None:
    """Classification codes (DDC, UDC, FOS, ANZSRC FoR), subjects of other schemes, and keywords."""
    seen: set[tuple[str, str]] = set()
    for s in dicts(res.get("subjects"), "subject"):
        heading, scheme_name = text(s.get("subject")), text(s.get("subjectScheme"))
        code = text(s.get("classificationCode"))
        if not heading or (heading.lower(), lower(scheme_name)) in seen:
            continue
        seen.add((heading.lower(), lower(scheme_name)))
        if not scheme_name or lower(scheme_name) in ("keyword", "keywords"):
            if heading not in r.keywords:
                r.keywords.append(heading)
            continue
        scheme = CLASSIFICATIONS.get(lower(scheme_name))
        notation = code or (m.group(0) if (m := re.match(r"\d[\d.]*(?=\s|$|-)", heading)) else None)
        if scheme and notation:
            if not any(c.scheme == scheme and c.notation == notation for c in r.classifications):
                r.classifications.append(Classification(scheme, notation))
            continue
        label = re.sub(r"^FOS:\s*", "", heading) if scheme == "fos" else heading
        authority = _uri(text(s.get("valueUri")))  # (FOS's "valueURI" is the OECD manual, a PDF: no concept)
        r.subjects.append(Subject(heading=label, parts=[label], scheme=scheme or normalize.slug(scheme_name, 40),
                                  authority=None if authority and authority.endswith(".pdf") else authority))


def languages(res: dict[str, Any], r: Record, lines: dict[str, int | None]) -> None:
    """The languages stated; without any, the language the main title is tagged with."""
    stated = [v for v in items(res.get("language")) if text(v)]
    if not stated:  # no language element: the language the main title is tagged with, if any
        stated = [t.get("lang") for t in dicts(res.get("titles"), "title")
                  if t.get("lang") and lower(t.get("titleType")) in ("", "none")][:1]
    for value in (text(v) for v in stated):
        if not value:
            continue
        try:
            code = normalize.language(value.split("-")[0])
        except ValueError:
            r.warn("language", f"unknown language {value!r}", line=lines.get("language"))
            continue
        if code not in r.languages:
            r.languages.append(code)


def rights(res: dict[str, Any], r: Record) -> None:
    """A Creative Commons licence, an access note (info:eu-repo terms), other rights statements."""
    for entry in dicts(res.get("rightsList"), "rights"):
        words, uri = text(entry.get("rights")), text(entry.get("rightsUri") or entry.get("rightsURI"))
        spdx = text(entry.get("rightsIdentifier"))
        if uri and (access := ACCESS.get(lower(uri.rsplit("/", 1)[-1]))) and "eu-repo" in uri:
            r.access_note = r.access_note or access
            continue
        iri, family = normalize.licence(" ".join(p for p in (uri, spdx, words) if p))
        if iri or family:
            if r.licence is None:
                r.licence = Licence(iri=iri, family=None if iri else family, text=words)
            continue
        if words and lower(words) in ACCESS:
            r.access_note = r.access_note or ACCESS[lower(words)]
            continue
        statement = " ".join(p for p in (words, f"<{uri}>" if uri else None) if p)
        if statement and statement not in r.rights:
            r.rights.append(statement)


def funding(res: dict[str, Any], r: Record) -> None:
    """Each funder with each award number ("1331939, 0725097" is two awards)."""
    for f in dicts(res.get("fundingReferences"), "funderName"):
        funder, award = text(f.get("funderName")), text(f.get("awardNumber"))
        if not funder:
            continue
        awards: list[str | None] = [award]
        if award and "," in award and all(re.fullmatch(r"[\w/.-]+", a.strip()) for a in award.split(",")):
            awards = [a.strip() for a in award.split(",")]
        for grant in awards:
            if not any(x.funder == funder and x.grant == grant for x in r.funding):
                r.funding.append(Funding(funder=funder, grant=grant))


def extent(res: dict[str, Any], r: Record) -> None:
    """Sizes and formats as the extent; a page count from "152 pages" / "pages 152"."""
    sizes = list(dict.fromkeys(s for s in (text(v) for v in items(res.get("sizes"))) if s))
    formats = list(dict.fromkeys(f for f in (text(v) for v in items(res.get("formats"))) if f))
    r.extent = "; ".join(sizes + formats) or None
    for size in sizes:
        if m := PAGES.match(size):
            r.page_count = int(m.group(1) or m.group(2))
            break
