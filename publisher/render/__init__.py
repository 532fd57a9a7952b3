"""The renderer table: which function renders each representation of publisher.web.negotiation's table.

Negotiation picks a key among :func:`offers`; :func:`render` calls the function this table maps it to.
Every document offers HTML and the RDF formats; a work's JSON-LD is Schema.org (citations.schemaorg) and
works add CSL-JSON, BibTeX, RIS and formatted bibliographies, all rendered from the same WorkView.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from publisher.read.document import Document
from publisher.render import html, rdf
from publisher.render.citations import bibliography, bibtex, csl, ris, schemaorg
from publisher.web.negotiation import REPRESENTATIONS

Params = dict[str, str]
Renderer = Callable[[Document, Params], bytes]


def _work_jsonld(doc: Document, params: Params) -> bytes:
    """Schema.org JSON-LD for a work (the DataCite-like shape doi.org clients expect)."""
    from publisher.web.context import base

    assert doc.work is not None
    data = schemaorg.work_jsonld(doc.work, base())
    return json.dumps(data, indent=2, ensure_ascii=False).encode("utf-8") + b"\n"


def _citation(module: object) -> Renderer:
    """Adapt a citations module's ``render(view, params)`` to a document renderer."""
    def render_work(doc: Document, params: Params) -> bytes:
        assert doc.work is not None
        return module.render(doc.work, params)  # type: ignore[attr-defined, no-any-return]
    return render_work


RENDERERS: dict[str, Renderer] = {
    "html": html.render,
    "turtle": rdf.turtle,
    "jsonld": rdf.jsonld,
    "rdfxml": rdf.rdfxml,
    "nt": rdf.ntriples,
    "nq": rdf.nquads,
    "trig": rdf.trig,
}
WORK_RENDERERS: dict[str, Renderer] = {
    **RENDERERS,
    "jsonld": _work_jsonld,
    "csl": _citation(csl),
    "bibtex": _citation(bibtex),
    "ris": _citation(ris),
    "bibliography": _citation(bibliography),
}


def renderers(doc: Document) -> dict[str, Renderer]:
    """The renderers a document can use."""
    return WORK_RENDERERS if doc.work is not None or doc.is_work else RENDERERS


def offers(doc: Document) -> tuple[str, ...]:
    """The representation keys a document offers, in the server's order of preference."""
    table = renderers(doc)
    return tuple(r.key for r in REPRESENTATIONS if r.key in table)


def render(doc: Document, key: str, params: Params | None = None) -> bytes:
    """Render one representation of a document."""
    return renderers(doc)[key](doc, params or {})
