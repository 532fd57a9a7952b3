"""Collecting a record's statements (as pyoxigraph terms and N-Triples lines) and the mapped result."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache

from pyoxigraph import Literal, NamedNode, RdfFormat, Triple, serialize

from mappings import normalize
from mappings.model import Record
from mappings.uris import Minter
from mappings.vocab import RDF, XSD

Term = NamedNode | Literal
EDTF = NamedNode(normalize.EDTF_DATATYPE)


@dataclass
class MappedRecord:
    """The RDF for one source record: its named graph, the work it describes, and the triples."""

    record: Record
    graph: str
    work: str
    statements: list[tuple[NamedNode, NamedNode, Term]] = field(default_factory=list)
    lines: list[str] = field(default_factory=list, repr=False)  # each statement as an N-Triples line

    @cached_property
    def triples(self) -> list[Triple]:
        """The triples, in mapping order (built on first use: a Triple with a literal costs ~5 µs)."""
        return [Triple(s, p, o) for s, p, o in self.statements]

    def ntriples(self) -> bytes:
        """The triples as N-Triples, in mapping order."""
        if self.lines:
            return "".join(self.lines).encode("utf-8")
        return serialize(self.triples, format=RdfFormat.N_TRIPLES) or b""

    def content_hash(self) -> str:
        """A digest of what the record says, to skip re-writing unchanged records on re-ingest."""
        return hashlib.sha1(self.ntriples()).hexdigest()


class Statements:
    """Collects triples (as terms and as N-Triples lines); subjects and IRI objects may be given as strings."""

    def __init__(self) -> None:
        self.statements: list[tuple[NamedNode, NamedNode, Term]] = []
        self.lines: list[str] = []
        self._seen: set[str] = set()
        self._nodes: dict[str, tuple[NamedNode, str]] = {}
        self.labels: dict[str, str] = {}  # concept IRI -> its first (preferred) label

    def node(self, iri: str | NamedNode) -> NamedNode:
        """The NamedNode for an IRI (cached per record)."""
        return self._node(iri)[0]

    def _node(self, iri: str | NamedNode) -> tuple[NamedNode, str]:
        key = iri if isinstance(iri, str) else iri.value
        found = self._nodes.get(key)
        if found is None:
            term = NamedNode(iri) if isinstance(iri, str) else iri
            found = self._nodes[key] = (term, f"<{key}>")
        return found

    def add(self, s: str | NamedNode, p: NamedNode, o: str | NamedNode | Literal) -> None:
        """Add one statement (duplicates are ignored)."""
        subject, s_text = self._node(s)
        predicate, p_text = predicate_term(p)
        if isinstance(o, Literal):
            obj: Term = o
            o_text = str(o)
        else:
            obj, o_text = self._node(o)
        line = f"{s_text} {p_text} {o_text} .\n"
        if line not in self._seen:
            self._seen.add(line)
            self.statements.append((subject, predicate, obj))
            self.lines.append(line)

    def text(self, s: str | NamedNode, props: Iterable[NamedNode], value: str | None) -> None:
        """Add a plain literal under each of several properties (nothing when the value is empty)."""
        if value:
            lit = Literal(value)
            for p in props:
                self.add(s, p, lit)

    def types(self, s: str | NamedNode, *classes: NamedNode | None) -> None:
        """Add rdf:type statements for the classes given (None skipped)."""
        for cls in classes:
            if cls is not None:
                self.add(s, RDF.type, cls)

    def rdf_list(self, head: str, items: list[str]) -> str:
        """Write an rdf:List with skolem IRIs ``head-1``, ``head-2`` ... and return the head IRI."""
        if not items:
            return RDF.nil.value
        for i, item in enumerate(items, start=1):
            cell = f"{head}-{i}"
            self.add(cell, RDF.first, item)
            self.add(cell, RDF.rest, f"{head}-{i + 1}" if i < len(items) else RDF.nil)
        return f"{head}-1"


@cache
def predicate_term(p: NamedNode) -> tuple[NamedNode, str]:
    """A predicate with its N-Triples form (the vocabulary's few hundred terms, cached for the process)."""
    return p, f"<{p.value}>"


@lru_cache(maxsize=1 << 16)
def concept_iri(minter: Minter, label: str) -> str:
    """``minter.concept``, memoised: subject headings and keywords recur across records."""
    return minter.concept(label)


@lru_cache(maxsize=1 << 16)
def org_iri(minter: Minter, name: str) -> str:
    """``minter.org``, memoised: publishers, institutions and funders recur across records."""
    return minter.org(name)


@lru_cache(maxsize=1024)
def scheme_iri(base_id: str, scheme: str) -> str:
    """The IRI of a subject scheme."""
    return f"{base_id}scheme/{normalize.slug(scheme) or 'local'}"


def date_literal(iso: str) -> Literal:
    """An ISO date, year-month or year as the matching XSD-typed literal; any other date (an EDTF string
    such as ``195X``, ``1900~``, ``1911/1912``) as an EDTF-typed literal: no precision is invented."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}T.*", iso):
        return Literal(iso, datatype=XSD.dateTime)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", iso):
        return Literal(iso, datatype=XSD.date)
    if re.fullmatch(r"\d{4}-(?:0[1-9]|1[0-2])", iso):
        return Literal(iso, datatype=XSD.gYearMonth)
    if re.fullmatch(r"\d{4}", iso):
        return Literal(iso, datatype=XSD.gYear)
    return Literal(iso, datatype=EDTF)
