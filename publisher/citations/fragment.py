"""Embeddable HTML fragments for repository abstract pages: the JSON-LD script and the citation meta tags.

The same generators as lodpub's own work pages (``jsonld_script`` and ``meta_tags``), so a repository
that includes the fragment (e.g. in an EPrints template) says exactly what lodpub says. Works are found by
their id (the last segment of ``/id/work/<id>``), their URI, their DOI in any written form, or the
source's landing page (``owl:sameAs``), so an EPrints template can ask with its own abstract page URL.
"""

from __future__ import annotations

from collections.abc import Iterator

from markupsafe import Markup
from pyoxigraph import NamedNode

from mappings.vocab import DCTERMS, OWL
from publisher.citations.identifiers import work_iri
from publisher.citations.meta import meta_tags
from publisher.citations.schemaorg import jsonld_script
from publisher.store import Store
from publisher.workview import WorkView, load_work

PARTS = ("all", "jsonld", "meta")


def fragment(view: WorkView, base: str, part: str = "all") -> Markup:
    """The fragment for one work: ``all`` (script, then meta tags), ``jsonld`` or ``meta``."""
    if part not in PARTS:
        raise ValueError(f"unknown part {part!r}; use one of: {', '.join(PARTS)}")
    pieces: list[Markup] = []
    if part in ("all", "jsonld"):
        pieces.append(jsonld_script(view, base))
    if part in ("all", "meta"):
        pieces.append(meta_tags(view, base))
    return Markup("\n").join(pieces) + Markup("\n")


def find_work(store: Store, base: str, target: str) -> WorkView | None:
    """The work a target names (id, URI, DOI, or a source landing page such as an EPrints abstract page)."""
    iri = work_iri(target, base)
    if iri is None and target.startswith(("http://", "https://")):
        for quad in store.match(predicate=OWL.sameAs.value, obj=NamedNode(target.strip())):
            if isinstance(quad.subject, NamedNode) and quad.subject.value.startswith(base + "id/work/"):
                iri = quad.subject.value
                break
    return load_work(store, iri) if iri else None


def work_id(view: WorkView) -> str:
    """The work's id: the last segment of its URI (used for file names)."""
    return view.iri.rstrip("/").rsplit("/", 1)[-1]


def all_work_iris(store: Store, base: str) -> Iterator[str]:
    """Every work URI in the store under our base, sorted (works are the subjects of dcterms:type)."""
    prefix = base + "id/work/"
    subjects = {q.subject for q in store.match(predicate=DCTERMS.type.value)}
    yield from sorted(s.value for s in subjects if isinstance(s, NamedNode) and s.value.startswith(prefix))
