"""One description from several: single-valued fields from the best source, the rest as a de-duplicated union.

What several source records say about one thing (already rewritten to canonical IRIs) goes in; its one
published description comes out. A *field* is a group of properties that must come from one source
together (a work's ``dcterms:title`` and ``schema:name``; its author list, ``dcterms:creator`` and
``schema:author``), so the published view never mixes one record's title with another's subtitle. Each
field is taken whole from the source whose parser ranks best for it (``mappings.parsers.precedence``;
ties go to the graph IRI, so the choice is the same on every backend and every run). ``dcterms:modified``
takes the latest value. Every other property is the union of what the sources say.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from pyoxigraph import Literal, NamedNode

from mappings.vocab import BIBO, DCTERMS, FOAF, LODPUB, RDF, RDFS, SDO, SKOS

Term = NamedNode | Literal


@dataclass(frozen=True)
class Field:
    """A group of properties taken together from one source; ``precedence`` names the parser's ranking."""

    name: str
    properties: frozenset[str]
    precedence: str


def _field(name: str, precedence: str, *props: NamedNode) -> Field:
    return Field(name, frozenset(p.value for p in props), precedence)


FIELDS = (
    _field("type", "work_type", RDF.type, DCTERMS.type),
    _field("title", "title", DCTERMS.title, SDO.name, BIBO.shortTitle, SKOS.prefLabel, RDFS.label),
    _field("name", "creators", FOAF.name, FOAF.familyName, FOAF.givenName, SDO.familyName, SDO.givenName),
    _field("creators", "creators", BIBO.authorList, DCTERMS.creator, SDO.author, SDO.byArtist),
    _field("editors", "creators", BIBO.editorList),
    _field("abstract", "abstract", DCTERMS.abstract, SDO.abstract),
    _field("issued", "issued", DCTERMS.issued, SDO.datePublished, LODPUB.approximateDate, LODPUB.dateAsGiven),
    _field("publisher", "publisher", DCTERMS.publisher, SDO.publisher, LODPUB.placeOfPublication),
    _field("host", "host", DCTERMS.isPartOf, SDO.isPartOf, BIBO.pageStart, BIBO.pageEnd, SDO.pageStart,
           SDO.pageEnd, BIBO.number, BIBO.volume),
    _field("citation", "host", DCTERMS.bibliographicCitation),
    _field("extent", "default", DCTERMS.extent, BIBO.numPages, SDO.numberOfPages),
    _field("edition", "default", BIBO.edition, SDO.bookEdition),
)
FIELD_OF = {prop: f for f in FIELDS for prop in f.properties}
LATEST = frozenset({DCTERMS.modified.value, SDO.dateModified.value})
PERSON_NAME_LABELS = frozenset({SDO.name.value})  # schema:name of a person belongs with its name parts

Statement = tuple[str, Term, str]  # (predicate IRI, object, source graph)
Ranker = Callable[[str, str], tuple[int, str]]  # (graph, precedence field) -> sort key, best first


def consolidate(statements: Iterable[Statement], rank: Ranker, *, is_agent: bool = False,
                keep_union: Callable[[str, Term], bool] = lambda p, o: False) -> list[tuple[str, Term]]:
    """The published (predicate, object) pairs of one thing from its sources' statements.

    ``is_agent``: the thing is a person or organisation, whose ``schema:name`` goes with its name parts.
    ``keep_union(p, o)``: a statement of a single-valued property that is nevertheless kept from every
    source (a ``dcterms:isPartOf`` pointing at a series rather than at the work's host).
    """
    by_field: dict[str, dict[str, list[tuple[str, Term]]]] = defaultdict(lambda: defaultdict(list))
    union: dict[tuple[str, Term], None] = {}
    latest: dict[str, Term] = {}
    for p, o, graph in statements:
        if p in LATEST:
            if p not in latest or str(o.value) > str(latest[p].value):
                latest[p] = o
            continue
        field = FIELD_OF.get(p)
        if is_agent and p in PERSON_NAME_LABELS:
            field = FIELD_OF[FOAF.name.value]
        if field is None or keep_union(p, o):
            union.setdefault((p, o), None)
        else:
            by_field[field.name][graph].append((p, o))
    out = list(union)
    for name, per_graph in by_field.items():
        precedence = next(f.precedence for f in FIELDS if f.name == name)
        best = min(per_graph, key=lambda g: rank(g, precedence))
        out.extend(dict.fromkeys(per_graph[best]))
    out.extend(latest.items())
    return out


def losing_values(statements: Iterable[Statement], chosen: Iterable[tuple[str, Term]],
                  properties: frozenset[str]) -> list[Term]:
    """Values of ``properties`` some source gave that the published description does not hold (name variants)."""
    kept = {o for p, o in chosen if p in properties}
    return list(dict.fromkeys(o for p, o, _g in statements if p in properties and o not in kept))
