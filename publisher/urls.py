"""Every path lodpub serves, and the one mapping between a thing's URI and its document: ``/id/`` <-> ``/doc/``.

Things have URIs under ``<base>id/`` (minted by mappings.uris); each is described by a document at the same path
under ``<base>doc/``, and each format of a document has a suffix URL (``/doc/work/x.ttl``). Routes are written
here once; the blueprints, the pages and the descriptions take them from here.
"""

from __future__ import annotations

import re

THINGS = "id/"
DOCUMENTS = "doc/"

# routes (site-relative)
HOME = "/"
THING = "/" + THINGS  # + <path>
DOCUMENT = "/" + DOCUMENTS  # + <path>
DOI = "/doi/"  # + <DOI>
RESOLVE = "/resolve"
EMBED = "/embed/"  # + <work id, URI or DOI>
SEARCH = "/search"
BROWSE = "/browse"  # the facets with their counts
BROWSE_TYPE = "/browse/type/"  # + <schema.org class>: its works by title
BROWSE_YEAR = "/browse/year/"  # + <year>
BROWSE_THINGS = "/browse/"  # + people | journals | subjects: each with its number of works
SPARQL = "/sparql"
SPARQL_UPDATE = "/sparql/update"
DATASET = "/dataset"
VOID = "/.well-known/void"
DUMPS = "/dumps/"  # + <file>
SITEMAP = "/sitemap.xml"
SITEMAP_PART = "/sitemap-{number}.xml"
SCHEMA_CONTEXT = "/context/schema.jsonld"
STATIC = "/static/"  # + <file>
HEALTH = "/healthz"
OAI = "/oai"  # the OAI-PMH 2.0 provider


def absolute(base: str, route: str) -> str:
    """A route under the public base: ``absolute(base, SPARQL)`` -> ``<base>sparql``."""
    return base + route.lstrip("/")


def is_thing(iri: str, base: str) -> bool:
    """Whether an IRI names one of our things (``<base>id/...``)."""
    return iri.startswith(base + THINGS)


def thing_path(iri: str, base: str) -> str:
    """The path of one of our things under ``id/``: ``<base>id/work/x`` -> ``work/x``."""
    return iri[len(base) + len(THINGS):]


def thing_iri(path: str, base: str) -> str:
    """The thing a path under ``/id/`` or ``/doc/`` names: ``work/x`` -> ``<base>id/work/x``."""
    return base + THINGS + path


def document_url(iri: str, base: str) -> str:
    """The document describing one of our things: ``<base>id/work/x`` -> ``<base>doc/work/x`` (others unchanged)."""
    return base + DOCUMENTS + thing_path(iri, base) if is_thing(iri, base) else iri


def format_url(document: str, suffix: str) -> str:
    """The URL of one format of a document: ``<base>doc/work/x`` + ``ttl`` -> ``<base>doc/work/x.ttl``."""
    return f"{document}.{suffix}"


def kind_of(path: str) -> str:
    """The kind of thing a path under ``id/`` names: ``journal/x/volume/3/issue/2`` -> ``issue``."""
    parts = path.strip("/").split("/")
    if parts[0] == "journal" and len(parts) >= 4:
        return parts[-2]
    return parts[0]


def work_iri(work_id: str, base: str) -> str:
    """A work's URI from its id (the last segment of ``/id/work/<id>``)."""
    return f"{base}{THINGS}work/{work_id}"


def is_work(iri: str, base: str) -> bool:
    """Whether an IRI names one of our works."""
    return iri.startswith(f"{base}{THINGS}work/")


def dump_file(suffix: str) -> str:
    """The name of the dump of the whole dataset in the format with this suffix: ``dataset.nq.gz``."""
    return f"dataset.{suffix}.gz"


def local_path(iri: str, base: str) -> str:
    """A link for an IRI: a site-relative path for our own IRIs, the IRI itself otherwise."""
    return "/" + iri[len(base):] if iri.startswith(base) else iri


def page_link(iri: str, base: str) -> str:
    """Where a page links for a resource: our things' documents (``/doc/...``), other IRIs as they are."""
    return local_path(document_url(iri, base), base)


_LINKABLE = re.compile(r"(?:https?://[^/?#\\]|/(?![/\\]))", re.IGNORECASE)
_NOT_IN_LINKS = re.compile(r"[\x00-\x20\x7f-\x9f\\<>\"`]")


def safe_href(url: str | None) -> str | None:
    """``url`` if a page may link to it: an http(s) URL or a site-relative path (``/doc/...``); else None.

    ``javascript:``, ``data:``, ``vbscript:`` and every other scheme, protocol-relative ``//host`` paths and
    anything holding a space, a control character, a double quote, a backtick or a backslash (browsers strip
    or rewrite those before reading the scheme: ``java\\tscript:``) never become links, whatever their source.
    """
    if not url or _NOT_IN_LINKS.search(url) or not _LINKABLE.match(url):
        return None
    return url
