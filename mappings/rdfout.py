"""Serialising mapped triples in any RDF syntax pyoxigraph writes, JSON-LD compacted (pyld) with our context.

JSON-LD is compacted with lodpub's own context from ``ontology/context.jsonld``; pyld runs with a
document loader that serves only the contexts shipped with lodpub and never touches the network.
A syntax is given as a pyoxigraph ``RdfFormat`` (publisher.formats' table holds lodpub's names for them) or
by a name pyoxigraph knows: a file extension (``ttl``, ``nt``, ``rdf``, ``jsonld``), a media type, or the
syntax's own name in lower case without punctuation (``turtle``, ``ntriples``, ``rdfxml``, ``jsonld``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from pyoxigraph import Quad, RdfFormat, Triple, serialize

from mappings.vocab import PREFIXES

SYNTAXES = (RdfFormat.TURTLE, RdfFormat.N_TRIPLES, RdfFormat.N_QUADS, RdfFormat.TRIG, RdfFormat.RDF_XML,
            RdfFormat.JSON_LD, RdfFormat.N3)
ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"  # installed beside mappings/
CONTEXT_URL = "https://w3id.org/lodpub/context.jsonld"


def ontology_file(name: str) -> bytes:
    """The bytes of a file shipped in ``ontology/``."""
    return (ONTOLOGY_DIR / name).read_bytes()


@lru_cache(maxsize=1)
def context() -> dict[str, Any]:
    """lodpub's JSON-LD context (the ``@context`` object)."""
    return dict(json.loads(ontology_file("context.jsonld"))["@context"])


def local_documents() -> dict[str, dict[str, Any]]:
    """The JSON-LD documents a processor may load: lodpub's context, under its URL."""
    return {CONTEXT_URL: {"@context": context()}}


def document_loader(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    """A pyld document loader that serves shipped documents only and refuses everything else."""
    docs = local_documents()
    if url in docs:
        return {"contextUrl": None, "documentUrl": url, "document": docs[url]}
    from pyld.jsonld import JsonLdError

    raise JsonLdError(f"lodpub does not fetch remote documents: {url}", "jsonld.LoadDocumentError",
                      code="loading document failed")


def to_jsonld(statements: Iterable[Triple | Quad], frame_context: dict[str, Any] | None = None) -> dict[str, Any]:
    """Compacted JSON-LD of the statements, with lodpub's context (or the one given)."""
    from pyld import jsonld

    # pyoxigraph writes expanded JSON-LD; pyld's own from_rdf would turn our skolem-IRI list cells into @list
    data = serialize(list(statements), format=RdfFormat.JSON_LD) or b"[]"  # type: ignore[arg-type]
    expanded = json.loads(data)
    ctx = frame_context or context()
    compacted = jsonld.compact(expanded, {"@context": ctx}, {"documentLoader": document_loader})
    return dict(compacted)


def rdf_format(name: str) -> RdfFormat:
    """The syntax a name stands for (see the module docstring); ValueError for a name pyoxigraph does not know."""
    key = name.strip().lower()
    by_name = {re.sub(r"[^a-z0-9]", "", f.name.lower()): f for f in SYNTAXES}
    found = by_name.get(re.sub(r"[^a-z0-9]", "", key)) or RdfFormat.from_extension(key) \
        or RdfFormat.from_media_type(key)
    if found is None:
        raise ValueError(f"unknown RDF syntax {name!r}; use one of {', '.join(sorted(by_name))}")
    return found


def serialise(statements: Iterable[Triple | Quad], fmt: RdfFormat | str) -> bytes:
    """Serialise triples or quads in a syntax (a name: see :func:`rdf_format`)."""
    syntax = fmt if isinstance(fmt, RdfFormat) else rdf_format(fmt)
    if syntax == RdfFormat.JSON_LD:
        return json.dumps(to_jsonld(statements), indent=2, ensure_ascii=False).encode("utf-8") + b"\n"
    if syntax in (RdfFormat.TURTLE, RdfFormat.TRIG, RdfFormat.RDF_XML):
        body = serialize(grouped(statements), format=syntax, prefixes=PREFIXES) or b""  # type: ignore[arg-type]
        return xml_safe(body) if syntax == RdfFormat.RDF_XML else body
    return serialize(statements, format=syntax) or b""  # type: ignore[arg-type]


def grouped(statements: Iterable[Triple | Quad]) -> list[Triple | Quad]:
    """The statements without duplicates, grouped by graph and subject in first-seen order (for Turtle)."""
    order: dict[tuple[str, str], list[Triple | Quad]] = {}
    seen: set[Triple | Quad] = set()
    for st in statements:
        if st in seen:
            continue
        seen.add(st)
        graph = str(st.graph_name) if isinstance(st, Quad) else ""
        order.setdefault((graph, str(st.subject)), []).append(st)
    return [st for group in order.values() for st in group]


NOT_IN_XML = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]|\xef\xbf[\xbe\xbf]")


def xml_safe(body: bytes) -> bytes:
    """UTF-8 XML with every character XML 1.0 cannot hold (C0 controls but tab, LF and CR; U+FFFE, U+FFFF)
    replaced by U+FFFD, so it is always well-formed: serialisers write such characters from literals as they
    are (a store may hold them, a query may make them: ``"\\u0000"``)."""
    return NOT_IN_XML.sub("\ufffd".encode(), body) if NOT_IN_XML.search(body) else body
