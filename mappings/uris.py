"""Stable HTTP URIs for everything lodpub describes, minted under a configurable base.

Every URI is a pure function of the base and the thing's identity, so the same DOI, ORCID, ISSN or
label gives the same URI in every run and re-ingest. Paths: ``/id/work/``, ``/id/person/``,
``/id/org/``, ``/id/journal/`` (volumes and issues beneath), ``/id/concept/``, ``/id/class/``,
``/id/series/``, ``/id/event/``, ``/id/grant/``, ``/id/licence/``; record graphs under ``/graph/``.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import quote, urlsplit

from mappings import normalize
from mappings.model import Agent, AgentKind, Periodical, Record


def normalise_base(base: str) -> str:
    """Check a base URI is absolute HTTP(S) and give it a trailing slash."""
    if not base.startswith(("http://", "https://")):
        raise ValueError(f"base URI must be an absolute http(s) URI, got {base!r}")
    return base if base.endswith("/") else base + "/"


def digest(text: str, length: int = 16) -> str:
    """A short, stable hexadecimal digest of a text."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:length]


def key(text: str) -> str:
    """A readable, collision-safe path key for a label: its slug, with a digest if long or empty."""
    slug = normalize.slug(text)
    if not slug:
        return "x-" + digest(text, 12)
    if len(slug) >= 50 or len(normalize.slug(text, 200)) > len(slug):
        return slug[:50].rstrip("-") + "-" + digest(normalize.fold(text), 8)
    return slug


class Minter:
    """Mints the URIs of one base (the publisher's public base URI, given by its settings)."""

    def __init__(self, base: str) -> None:
        self.base = normalise_base(base)
        self.id = self.base + "id/"

    def work_identity(self, record: Record) -> str:
        """What makes two records the same work at mapping time: the DOI, else the landing page (normalised:
        scheme, host case, ``www.``, trailing slash), else the source record's own identity."""
        if record.doi:
            return "doi:" + record.doi.lower()
        if record.landing_page and is_web_url(record.landing_page):
            return "url:" + identity_url(record.landing_page)
        return "src:" + record.source_id

    def work(self, record: Record) -> str:
        """The work's URI."""
        return self.work_for_identity(self.work_identity(record))

    def work_for_identity(self, identity: str) -> str:
        """The work URI for an identity string as built by :meth:`work_identity`."""
        return f"{self.id}work/{digest(identity)}"

    def work_for_doi(self, bare_doi: str) -> str:
        """The work URI a DOI maps to (no store lookup needed)."""
        return self.work_for_identity("doi:" + bare_doi.lower())

    def graph(self, record: Record) -> str:
        """The named graph holding what one source record says."""
        return self.graph_for(record.source_format, record.source_id)

    def graph_for(self, source_format: str, source_id: str) -> str:
        """The named graph of the record ``source_id`` read as ``source_format`` (e.g. a deleted OAI-PMH record)."""
        return f"{self.base}graph/{digest(source_format + '|' + source_id)}"

    def agent(self, agent: Agent, scope: str, ids: list[tuple[str, str]]) -> str:
        """A person by its strongest identifier ``ids[0]`` (ORCID, ISNI, VIAF, an authority record, a
        repository's own creator id), else scoped to the record ``scope`` (its graph IRI): a name alone never
        joins two records' people (:mod:`publisher.published.identity` merges them on evidence).
        An organisation by its name."""
        if agent.kind is not AgentKind.PERSON:
            return self.org(agent.name)
        if ids:
            scheme, value = ids[0]
            return f"{self.id}person/{scheme}-{value if scheme in ('orcid', 'isni') else key(value)}"
        name = normalize.display_name(agent.family, agent.given, agent.name)
        return f"{self.id}person/{key(name)}--{digest(scope.removeprefix(self.base), 8)}"  # the same after a rebase

    def org(self, name: str) -> str:
        """An organisation (or meeting) by its name, without a leading article or a meeting's dated qualifier:
        "The ATLAS collaboration" is "ATLAS Collaboration", "Conference X (1964)" is "Conference X"."""
        text = re.sub(r"^(?:the|le|la|les|die|der|das|el|il|lo)\s+", "", name.strip(), flags=re.IGNORECASE)
        text = re.sub(r"\s*\([^)]*\d{4}[^)]*\)\s*$", "", text)
        return f"{self.id}org/{key(text.rstrip('. ') or name)}"

    def journal(self, periodical: Periodical) -> str:
        """A journal by its first ISSN (print, else electronic), else by its title."""
        issns = periodical.issns or periodical.eissns
        if issns:
            return f"{self.id}journal/issn-{issns[0]}"
        return f"{self.id}journal/{key(periodical.title)}"

    def volume(self, journal: str, volume: str) -> str:
        """A volume of a journal."""
        return f"{journal}/volume/{key(volume)}"

    def issue(self, journal: str, volume: str | None, issue: str) -> str:
        """An issue of a journal, under its volume when known."""
        parent = self.volume(journal, volume) if volume else journal
        return f"{parent}/issue/{key(issue)}"

    def concept(self, label: str) -> str:
        """A subject concept by its label (the same label is the same concept in every source)."""
        return f"{self.id}concept/{key(label)}"

    def classification(self, scheme: str, notation: str) -> str:
        """A class in a classification scheme, e.g. Dewey 362.20941."""
        return f"{self.id}class/{normalize.slug(scheme) or 'local'}/{quote(notation.strip(), safe='.-_')}"

    def series(self, title: str) -> str:
        """A monographic series."""
        return f"{self.id}series/{key(title)}"

    def event(self, name: str) -> str:
        """A conference or other event."""
        return f"{self.id}event/{key(name)}"

    def grant(self, funder: str, number: str | None) -> str:
        """A grant (or a funder's unnumbered support)."""
        return f"{self.id}grant/{key(funder + ' ' + (number or ''))}"

    def licence_family(self, family: str) -> str:
        """A Creative Commons licence named without a version."""
        return f"{self.id}licence/cc-{family}"


# identifier schemes of people, strongest first: the first one a mention carries names it
PERSON_SCHEMES = ("orcid", "isni", "viaf", "lcnaf", "wikidata", "gnd", "local")


def strength(iri: str) -> int:
    """How strong the identifier a person IRI was minted from is: 0 (ORCID) ... 6 (local), 9 (record-scoped)."""
    tail = iri.rsplit("/person/", 1)[-1]
    for rank, scheme in enumerate(PERSON_SCHEMES):
        if tail.startswith(scheme + "-"):
            return rank
    return 9


def is_web_url(url: str) -> bool:
    """An http(s) URL with a host: the only kind that identifies a work (``javascript:`` or a bare path never)."""
    parts = urlsplit(url.strip())
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def identity_url(url: str) -> str:
    """A URL as identity compares it: https, lower-case host without ``www.``, no default port, fragment or
    trailing slash (``http://WWW.Example.org/id/eprint/1/`` and ``https://example.org/id/eprint/1`` are one)."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    port = f":{parts.port}" if parts.port and parts.port not in (80, 443) else ""
    path = parts.path.rstrip("/")
    query = f"?{parts.query}" if parts.query else ""
    return f"https://{host}{port}{path}{query}"
