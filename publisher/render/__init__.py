"""Rendering: values in, bytes out. The renderer of each format of publisher.formats' table, by key.

Negotiation picks a key among :func:`offers`; :func:`render` calls the function this table maps it to. Every
document offers HTML and the RDF formats (JSON-LD included: the same graph as the Turtle, about the document's
own URI); works add the Schema.org shape DOI content negotiation serves (render.citations.schemaorg, the DOI as
its @id), CSL-JSON, BibTeX, RIS and formatted bibliographies, all rendered from the same WorkView.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Protocol

from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad

from mappings.vocab import DCTERMS, FOAF, RDF, XSD
from publisher import formats, urls
from publisher.config import Settings
from publisher.read.document import Document
from publisher.read.workview import WorkView
from publisher.render import html, rdf
from publisher.render.citations import bibliography, bibtex, csl, ris, schemaorg

Params = dict[str, str]
Renderer = Callable[[Document, Params, Settings], bytes]
IANA = "https://www.iana.org/assignments/media-types/"


class CitationFormat(Protocol):
    """A module of render.citations: ``render(view, params)`` gives the work in its format."""

    def render(self, view: WorkView, params: dict[str, str] | None = None) -> bytes:
        """The work in this format."""


def _work_jsonld(doc: Document, params: Params, site: Settings) -> bytes:
    """Schema.org JSON-LD for a work (the DataCite-like shape doi.org clients expect)."""
    assert doc.work is not None
    data = schemaorg.work_jsonld(doc.work, site.base_uri)
    return json.dumps(data, indent=2, ensure_ascii=False).encode("utf-8") + b"\n"


def _citation(module: CitationFormat) -> Renderer:
    """Adapt a citations module's ``render(view, params)`` to a document renderer."""
    def render_work(doc: Document, params: Params, site: Settings) -> bytes:
        assert doc.work is not None
        return module.render(doc.work, params)
    return render_work


def _html(doc: Document, params: Params, site: Settings) -> bytes:
    return html.render(doc, site, [formats.get(k) for k in offers(doc) if k != "html"],
                       {k: format_url(doc, k) for k in offers(doc)}, params)


def _rdf(key: str) -> Renderer:
    """A renderer of the RDF syntax ``key`` names."""
    def render_rdf(doc: Document, params: Params, site: Settings) -> bytes:
        return rdf.document(doc, formats.get(key))
    return render_rdf


RENDERERS: dict[str, Renderer] = {"html": _html, **{key: _rdf(key) for key in formats.RDF_KEYS}}
WORK_RENDERERS: dict[str, Renderer] = {
    **RENDERERS,
    "schemaorg": _work_jsonld,
    "csl": _citation(csl),
    "bibtex": _citation(bibtex),
    "ris": _citation(ris),
    "bibliography": _citation(bibliography),
}


def renderers(doc: Document) -> dict[str, Renderer]:
    """The renderers a document can use."""
    return WORK_RENDERERS if doc.work is not None or doc.is_work else RENDERERS


def offers(doc: Document) -> tuple[str, ...]:
    """The format keys a document offers, in the server's order of preference."""
    table = renderers(doc)
    return tuple(f.key for f in formats.FORMATS if f.key in table)


def render(doc: Document, key: str, params: Params | None, site: Settings) -> bytes:
    """Render one format of a document."""
    return renderers(doc)[key](doc, params or {}, site)


def format_url(doc: Document, key: str) -> str:
    """The URL of one format of the document: ``<base>doc/work/x.ttl``."""
    suffix = formats.get(key).suffix
    assert suffix is not None, key
    return urls.format_url(doc.url, suffix)


def about_document(doc: Document, licence: str | None) -> list[Quad]:
    """What the document says about itself (topic, formats, licence, modified), in the default graph."""
    d, thing, g = NamedNode(doc.url), NamedNode(doc.iri), DefaultGraph()
    out = [Quad(d, RDF.type, FOAF.Document, g)]
    if doc.url != doc.iri:
        out += [Quad(d, FOAF.primaryTopic, thing, g), Quad(thing, FOAF.isPrimaryTopicOf, d, g)]
    for key in offers(doc):
        fmt = NamedNode(format_url(doc, key))
        out += [Quad(d, DCTERMS.hasFormat, fmt, g),
                Quad(fmt, DCTERMS.format, NamedNode(IANA + formats.get(key).media_type), g)]
    if licence:
        out.append(Quad(d, DCTERMS.license, NamedNode(licence), g))
    if doc.modified:
        stamp = doc.modified.strftime("%Y-%m-%dT%H:%M:%SZ")
        out.append(Quad(d, DCTERMS.modified, Literal(stamp, datatype=XSD.dateTime), g))
    return out
