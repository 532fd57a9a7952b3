"""Serialising query results within the row cap: SPARQL JSON, XML, CSV, TSV for solutions; RDF for graphs.

pyoxigraph does the writing (in Rust, several times faster than Python); lodpub only counts. Solutions are
streamed as SPARQL XML (counting ``<result>`` elements) or as TSV (counting lines: TSV escapes line breaks
inside values), and the stream is stopped the moment the count passes the cap, so an over-long result raises
:class:`TooManyRows` having buffered at most one cap's worth, and is never sent truncated. JSON and CSV are
converted from the counted TSV (a lossless format: terms are written in Turtle syntax).
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox

from mappings.rdfout import xml_safe
from mappings.vocab import PREFIXES
from publisher import formats

GRAPH_VARIABLES = ("subject", "predicate", "object")
MIB = 1024 * 1024
DEFAULT_MAX_BYTES = 64 * MIB
LINE_LIMIT = 16 * MIB
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def content_type(key: str) -> str:
    """The Content-Type of a result in a format (UTF-8 stated for all but the JSON ones, which are UTF-8 always)."""
    media_type = formats.get(key).media_type
    return media_type if media_type.endswith("json") else media_type + "; charset=utf-8"


class TooManyRows(Exception):
    """The result has more rows (or triples) than the cap allows."""

    def __init__(self, cap: int) -> None:
        super().__init__(f"the result has more than {cap} rows, the most this endpoint returns in one answer; "
                         "page through it with ORDER BY and LIMIT/OFFSET")
        self.cap = cap


class TooLarge(Exception):
    """The answer is larger than this endpoint sends, or holds a value longer than a writer takes."""


def too_large(max_bytes: int) -> TooLarge:
    """The refusal of an answer over the answer-bytes cap."""
    return TooLarge(f"the answer is larger than {max_bytes / MIB:g} MiB, the most this endpoint sends in one answer "
                    "(LODPUB_MAX_ANSWER_MB); page through it with ORDER BY and LIMIT/OFFSET")


class _CountingBuffer(io.RawIOBase):
    """A write-only buffer that counts a marker across writes and stops the writer past a limit (of markers,
    and of bytes)."""

    def __init__(self, marker: bytes, cap: int, extra: int = 0, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        super().__init__()
        self.marker, self.cap, self.limit, self.count = marker, cap, cap + extra, 0
        self.max_bytes, self.size = max_bytes, 0
        self._tail, self._out = b"", io.BytesIO()

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        chunk = bytes(data)
        joined = self._tail + chunk
        self.count += joined.count(self.marker) - self._tail.count(self.marker)
        self._tail = joined[-(len(self.marker) - 1):] if len(self.marker) > 1 else b""
        if self.count > self.limit:
            raise TooManyRows(self.cap)
        self.size += len(chunk)
        if self.size > self.max_bytes:
            raise too_large(self.max_bytes)
        return self._out.write(chunk)

    def value(self) -> bytes:
        return self._out.getvalue()


def write_solutions(solutions: ox.QuerySolutions, fmt: str, cap: int,
                    max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[bytes, int]:
    """Serialise a SELECT result as srj, srx, csv or tsv; return the body and the number of rows (TooManyRows,
    TooLarge past the caps)."""
    if fmt == "srx":
        buffer = _CountingBuffer(b"<result>", cap, max_bytes=max_bytes)
        solutions.serialize(buffer, ox.QueryResultsFormat.XML)  # type: ignore[arg-type]
        return xml_safe(buffer.value()), buffer.count
    buffer = _CountingBuffer(b"\n", cap, extra=1, max_bytes=max_bytes)  # one line per row, after the header line
    solutions.serialize(buffer, ox.QueryResultsFormat.TSV)  # type: ignore[arg-type]
    tsv, rows = buffer.value(), max(0, buffer.count - 1)
    if fmt == "tsv":
        return tsv, rows
    try:
        parsed = ox.parse_query_results(tsv, ox.QueryResultsFormat.TSV)
        body = parsed.serialize(format=formats.get(fmt).results) or b""
    except MemoryError:  # pyoxigraph's TSV reader takes lines of at most 16 MiB
        raise TooLarge(f"a row of the result is longer than {LINE_LIMIT // MIB} MiB, the most the "
                       f"{formats.get(fmt).label} writer takes; ask for TSV or SPARQL XML, or shorten the values "
                       "(SUBSTR)") from None
    if len(body) > max_bytes:
        raise too_large(max_bytes)
    return body, rows


def write_boolean(value: bool, fmt: str) -> bytes:
    """Serialise an ASK result as srj or srx."""
    if fmt == "srj":
        return json.dumps({"head": {}, "boolean": value}).encode("utf-8")
    return (f'<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head/>'
            f"<boolean>{'true' if value else 'false'}</boolean></sparql>\n").encode()


def capped_triples(triples: Iterable[ox.Triple], cap: int) -> list[ox.Triple]:
    """The distinct triples of a CONSTRUCT or DESCRIBE result, in order; TooManyRows past the cap."""
    out: dict[ox.Triple, None] = {}
    for triple in triples:
        out[triple] = None
        if len(out) > cap:
            raise TooManyRows(cap)
    return list(out)


def write_graph(triples: list[ox.Triple], fmt: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Serialise triples as turtle, rdfxml, nt or jsonld (TooLarge past the answer-bytes cap)."""
    rdf_format = formats.get(fmt).rdf
    assert rdf_format is not None, fmt
    prefixes = PREFIXES if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML) else None
    body = ox.serialize(triples, format=rdf_format, prefixes=prefixes) or b""
    if len(body) > max_bytes:
        raise too_large(max_bytes)
    return xml_safe(body) if rdf_format == ox.RdfFormat.RDF_XML else body


def graph_table(triples: list[ox.Triple]) -> dict[str, Any]:
    """Triples as a SPARQL JSON table of subject, predicate, object (for the HTML page)."""
    rows = [dict(zip(GRAPH_VARIABLES, (_json_term(t.subject), _json_term(t.predicate), _json_term(t.object)),
                     strict=True)) for t in triples]
    return {"head": {"vars": list(GRAPH_VARIABLES)}, "results": {"bindings": rows}}


def _json_term(term: Any) -> dict[str, Any]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {k: _json_term(v) for k, v in
                                            zip(GRAPH_VARIABLES, (term.subject, term.predicate, term.object),
                                                strict=True)}}
    out: dict[str, Any] = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != XSD_STRING:
        out["datatype"] = term.datatype.value
    return out
