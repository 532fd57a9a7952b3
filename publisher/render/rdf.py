"""RDF renderings of a document (Turtle, JSON-LD with our context, RDF/XML, N-Triples, N-Quads, TriG), and the
body of a 404 in each: an empty graph with a comment where the syntax allows one."""

from __future__ import annotations

import json

from mappings.rdfout import serialise
from publisher.formats import Format
from publisher.read.document import Document


def document(doc: Document, fmt: Format) -> bytes:
    """The document in an RDF syntax: Turtle, JSON-LD, RDF/XML and N-Triples hold the same triples (about the
    document's own URI); N-Quads and TriG keep each source record's provenance in that record's graph and the
    published description in the default graph."""
    assert fmt.rdf is not None, fmt.key
    return serialise(doc.quads if fmt.key in DATASET_KEYS else doc.triples, fmt.rdf)


DATASET_KEYS = ("nq", "trig")  # JSON-LD can hold graphs too, but is served as the same graph as the Turtle


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
