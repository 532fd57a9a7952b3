"""Identity keys: the normalised identifiers by which records' mentions of one thing can be joined.

A key is ``scheme:value`` ("orcid:0000-0002-1825-0097", "doi:10.1108/mhrj-06-2017-0021",
"url:https://arro.anglia.ac.uk/id/eprint/700655", "issn:1361-9322"). The crosswalk writes them as
``lodpub:identityKey`` on the mentions in each record graph; the published view's identity rules join
mentions that share one. Spelling variants of one identifier give one key (case, URL scheme, ``www.``,
trailing slashes, ISBN-10/13, hyphens), and a value that is no valid identifier gives none.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from mappings import normalize
from mappings.model import Agent, Record, WorkType
from mappings.uris import PERSON_SCHEMES, identity_url, is_web_url

# authority identifiers seen in MARC $0/$1, EPrints, DataCite nameIdentifiers: pattern -> scheme
_AUTHORITY_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("orcid", re.compile(r"(?:orcid\.org/|\(orcid\)\s*)(\d{4}-\d{4}-\d{4}-\d{3}[\dX])", re.I)),
    ("isni", re.compile(r"(?:isni\.org/isni/|\(isni\)\s*)(\d{4}\s?\d{4}\s?\d{4}\s?\d{3}[\dX])", re.I)),
    ("viaf", re.compile(r"(?:viaf\.org/viaf/|\(viaf\)\s*)(\d+)", re.I)),
    ("lcnaf", re.compile(r"(?:id\.loc\.gov/authorities/names/|\(DLC\)\s*|\(uri\)\s*)(n[a-z]?\s?\d+)", re.I)),
    ("wikidata", re.compile(r"(?:wikidata\.org/(?:wiki|entity)/)(Q\d+)", re.I)),
    ("gnd", re.compile(r"(?:d-nb\.info/gnd/|\(DE-588\)\s*)(\d[\dX-]+)", re.I)),
)


def authority_id(value: str) -> tuple[str, str] | None:
    """The (scheme, normalised value) of an authority identifier string, if it is one we know."""
    for scheme, pattern in _AUTHORITY_PATTERNS:
        if m := pattern.search(value):
            found = m.group(1).replace(" ", "")
            return scheme, found.upper() if scheme in ("orcid", "isni", "wikidata") else found.lower()
    return None


def agent_ids(agent: Agent, record: Record) -> list[tuple[str, str]]:
    """A person's identifiers, strongest first. A bare local id (an EPrints creator id, a MARC $0 without
    a known scheme) is scoped to the system that issued it: the record's repository host, or the MARC
    organisation code in parentheses."""
    found: dict[str, str] = {}
    if agent.orcid:
        found["orcid"] = agent.orcid.upper()
    for value in [*agent.identifiers, *([agent.local_id] if agent.local_id else [])]:
        known = authority_id(value)
        if known:
            found.setdefault(*known)
        elif "local" not in found and (scope := _local_scope(value, record)):
            found["local"] = f"{scope}:{normalize.fold(value.strip())}"
    return [(s, found[s]) for s in PERSON_SCHEMES if s in found]


def _local_scope(value: str, record: Record) -> str | None:
    if m := re.match(r"\(([^)]+)\)", value.strip()):
        return m.group(1).lower()
    if record.landing_page:
        return (urlsplit(record.landing_page).hostname or "").lower().removeprefix("www.") or None
    return None


# formats whose "official URL" is the item itself (MARC 856 with second indicator 0), never a journal's home page
ITEM_LINK_FORMATS = frozenset({"marc", "marcxml"})


def work_keys(record: Record) -> list[str]:
    """The identity keys of the work a record describes."""
    keys = []
    if record.doi:
        keys.append("doi:" + record.doi.lower())
    if record.landing_page and is_web_url(record.landing_page):
        keys.append("url:" + identity_url(record.landing_page))
    if record.official_url and is_web_url(record.official_url) and record.source_format in ITEM_LINK_FORMATS:
        keys.append("url:" + identity_url(record.official_url))  # a catalogue's link to the item itself
    for handle in record.other_ids.get("handle", []):
        keys.append("hdl:" + handle.strip().lower())
    if record.work_type is WorkType.BOOK:  # a chapter or article carries its host's ISBN, not its own
        keys += ["isbn:" + isbn for isbn in record.isbns]
    host = record.host
    if host and host.book_isbns and host.page_start and host.page_start.strip().isdigit():
        # a chapter: its book (ISBN), its first page and its title (some books number each chapter from 1)
        title = normalize.slug(record.title, 200)
        keys += [f"part:isbn:{isbn}|p{int(host.page_start)}|{title}" for isbn in host.book_isbns]
    return keys
