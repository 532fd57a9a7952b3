"""Finding a work by what a client calls it: its id (the last segment of ``/id/work/<id>``), its URI, its DOI
in any written form, or the source's landing page (``owl:sameAs``), so an EPrints template can ask with its own
abstract page URL."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import unquote

from pyoxigraph import NamedNode

from mappings.uris import Minter
from mappings.vocab import DCTERMS, LODPUB, OWL
from publisher import urls
from publisher.read.workview import WorkView, load_work
from publisher.store import Reader, term_value

DOI_RE = re.compile(r"^10\.\d{4,9}/\S+$")
_PREFIX_RE = re.compile(r"^(?:https?://(?:dx\.|www\.)?doi\.org/|doi:\s*|info:doi/|urn:doi:)", re.IGNORECASE)
_ESCAPE_RE = re.compile(r"%[0-9A-Fa-f]{2}")
_WORK_ID = re.compile(r"^[A-Za-z0-9._~-]+$")


class NotADoi(ValueError):
    """A value that is not a DOI in any written form."""


def parse_doi(value: str) -> str:
    """The bare DOI from ``10.x/y``, ``doi:``, ``info:doi/``, ``https://doi.org/`` or URL-encoded forms."""
    text = value.strip()
    for _ in range(3):  # undo URL-encoding, twice-encoded too ("https%3A%2F%2Fdoi.org%2F10...")
        if not _ESCAPE_RE.search(text) or not text.lower().startswith(("http", "doi", "info", "urn", "10.")):
            break
        text = unquote(text)
    bare = _PREFIX_RE.sub("", text, count=1).strip()
    if not DOI_RE.match(bare):
        raise NotADoi(f"not a DOI: {value[:200]!r} (expected 10.NNNN/suffix, doi:..., or https://doi.org/...)")
    return bare


def work_iri(target: str, base: str) -> str | None:
    """The work URI a target names: a DOI (any form), one of our work URIs, or a work id; else None."""
    text = target.strip()
    try:
        return Minter(base).work_for_doi(parse_doi(text))
    except NotADoi:
        pass
    if urls.is_work(text, base):
        return text
    if _WORK_ID.match(text) and not text.startswith(("http:", "https:")):
        return urls.work_iri(text, base)
    return None


def find_work(store: Reader, base: str, target: str) -> WorkView | None:
    """The work a target names (id, URI, DOI, or a source landing page such as an EPrints abstract page)."""
    iri = work_iri(target, base)
    if iri is None and target.startswith(("http://", "https://")):
        for triple in store.published_match(predicate=OWL.sameAs.value, obj=NamedNode(target.strip())):
            if isinstance(triple.subject, NamedNode) and urls.is_work(triple.subject.value, base):
                iri = triple.subject.value
                break
    return load_work(store, canonical(store, iri)) if iri else None


def canonical(store: Reader, iri: str) -> str:
    """The IRI a thing is published under: itself, or the one identity merged it into (docs/identity.md)."""
    for triple in store.published_match(subject=iri, predicate=LODPUB.canonical.value):
        return term_value(triple.object)
    return iri


def work_id(view: WorkView) -> str:
    """The work's id: the last segment of its URI (used for file names)."""
    return view.iri.rstrip("/").rsplit("/", 1)[-1]


def all_work_iris(store: Reader, base: str) -> Iterator[str]:
    """Every work URI in the store under our base, sorted (works are the subjects of dcterms:type)."""
    subjects = {t.subject for t in store.published_match(predicate=DCTERMS.type.value)}
    yield from sorted(s.value for s in subjects if isinstance(s, NamedNode) and urls.is_work(s.value, base))
