"""RDF renderings of a document: Turtle, JSON-LD (our context), RDF/XML, N-Triples, N-Quads and TriG."""

from __future__ import annotations

import json

from mappings.rdfout import serialise
from publisher.read.document import Document

Params = dict[str, str]


def turtle(doc: Document, params: Params) -> bytes:
    """Turtle (the source graphs merged)."""
    return serialise(doc.triples, "turtle")


def jsonld(doc: Document, params: Params) -> bytes:
    """JSON-LD compacted with lodpub's context (ontology/context.jsonld)."""
    return serialise(doc.triples, "jsonld")


def rdfxml(doc: Document, params: Params) -> bytes:
    """RDF/XML."""
    return serialise(doc.triples, "rdfxml")


def ntriples(doc: Document, params: Params) -> bytes:
    """N-Triples."""
    return serialise(doc.triples, "nt")


def nquads(doc: Document, params: Params) -> bytes:
    """N-Quads: each statement in its source record's graph; the document's own in the default graph."""
    return serialise(doc.quads, "nq")


def trig(doc: Document, params: Params) -> bytes:
    """TriG, keeping the source graphs like N-Quads."""
    return serialise(doc.quads, "trig")


def not_found(key: str, iri: str, message: str) -> bytes:
    """A 404 body in a non-HTML format: an empty graph with a comment where the syntax allows one."""
    if key in ("turtle", "nt", "nq", "trig"):
        return f"# {message}: <{iri}>\n".encode()
    if key == "rdfxml":
        return (b'<?xml version="1.0" encoding="utf-8"?>\n<!-- ' + message.encode() + b' -->\n'
                b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>\n')
    if key in ("jsonld", "csl"):
        return json.dumps({"error": message, "iri": iri}).encode() + b"\n"
    return f"{message}: {iri}\n".encode()
