"""What a ``/doc/`` document says about one resource: its published description, useful neighbours, and itself.

A document holds the resource's triples from the published view (one consolidated description: docs/identity.md),
the cells of its rdf:Lists and its other ``#`` nodes, the labels and types of what it links to (persons, concepts,
the issue -> volume -> journal chain), the things that link to it (a person's works, a journal's issues and
articles) with their titles, all in the default graph; and, for a work, the provenance of the source records it was
built from, each in its record graph (so N-Quads and TriG say who said what). What the document says about itself
(primary topic, formats, licence: publisher.render.about_document) goes in the default graph too.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from pyoxigraph import DefaultGraph, NamedNode, Quad, Triple

from mappings.vocab import BIBO, DCTERMS, FOAF, LODPUB, PROV, RDF, RDFS, SDO, SKOS
from publisher import urls
from publisher.read.stats import parse_time
from publisher.read.workview import WorkView, load_work
from publisher.store import Reader, term_value

LABELS = (FOAF.name, SDO.name, DCTERMS.title, SKOS.prefLabel, RDFS.label)
NEIGHBOUR_PREDICATES = (RDF.type, *LABELS, SDO.givenName, SDO.familyName, SDO.sameAs, BIBO.issn, BIBO.eissn,
                        SDO.issueNumber, SDO.volumeNumber, SDO.isPartOf, DCTERMS.isPartOf, SKOS.notation,
                        DCTERMS.issued, SDO.url)
SUMMARY_PREDICATES = (RDF.type, *LABELS, DCTERMS.type, DCTERMS.issued, DCTERMS.modified,
                      DCTERMS.bibliographicCitation, SDO.issueNumber, SDO.volumeNumber)
NOT_NEIGHBOURS = (RDF.type.value, DCTERMS.type.value)
PART_OF = (SDO.isPartOf, DCTERMS.isPartOf)
PRIMARY_TOPIC = FOAF.primaryTopic
INVERSE_LIMIT = 5000


@dataclass
class Document:
    """A describing document: the thing, the document's URL (no suffix) and the statements."""

    iri: str
    url: str
    kind: str
    quads: list[Quad] = field(default_factory=list)
    work: WorkView | None = None
    modified: datetime.datetime | None = None
    truncated: bool = False  # more things link here than the document lists
    is_work: bool = False  # known before the work is loaded (see :func:`probe`)
    canonical: str | None = None  # the IRI this one was merged into (identity): the document redirects there

    @property
    def triples(self) -> list[Triple]:
        """The statements without their graphs, each once."""
        return list(dict.fromkeys(q.triple for q in self.quads))


def _published(triples: Iterable[Triple]) -> list[Quad]:
    """Published triples as quads of the default graph."""
    return [Quad(t.subject, t.predicate, t.object, DefaultGraph()) for t in triples]


def _owned_nodes(store: Reader, iri: str, own: list[Quad]) -> list[Quad]:
    """The published quads of the resource's own ``#`` nodes (identifiers, rdf:List cells, identity evidence)."""
    out: list[Quad] = []
    seen: set[str] = set()
    frontier = [o for o in _iri_objects(own) if o.startswith(iri + "#")]
    while frontier:
        seen.update(frontier)
        found = _published(store.published_about(frontier))
        out += found
        frontier = list(dict.fromkeys(term_value(q.object) for q in found if isinstance(q.object, NamedNode)
                                      and term_value(q.object).startswith(iri + "#")
                                      and term_value(q.object) not in seen))
    return out


def _iri_objects(quads: Iterable[Quad]) -> list[str]:
    return [term_value(q.object) for q in quads
            if isinstance(q.object, NamedNode) and term_value(q.predicate) not in NOT_NEIGHBOURS]


def probe(store: Reader, base: str, iri: str) -> Document | None:
    """A document without its statements (enough to redirect to it); None when the store knows nothing of ``iri``."""
    try:
        node = NamedNode(iri)
    except ValueError:
        return None
    kind = urls.kind_of(urls.thing_path(iri, base)) if urls.is_thing(iri, base) else "resource"
    doc = Document(iri=iri, url=urls.document_url(iri, base), kind=kind)
    moved = next(store.published_match(subject=iri, predicate=LODPUB.canonical.value), None)
    if moved is not None:
        doc.canonical = term_value(moved.object)
        return doc
    doc.is_work = next(store.published_match(subject=iri, predicate=DCTERMS.type.value), None) is not None
    if not (doc.is_work or next(store.published_match(subject=iri), None) or next(store.published_match(obj=node),
                                                                                   None)):
        return None
    return doc


def load(store: Reader, base: str, iri: str) -> Document | None:
    """The document about ``iri``; None when the store says nothing about or with it."""
    with store.read_memo():
        return _load(store, base, iri)


def _load(store: Reader, base: str, iri: str) -> Document | None:
    doc = probe(store, base, iri)
    if doc is None or doc.canonical is not None:
        return doc
    own = _published(store.published_about([iri]))
    inverse = _published(store.published_linking_to([iri], INVERSE_LIMIT))
    quads = own + (_owned_nodes(store, iri, own) if any(o.startswith(iri + "#") for o in _iri_objects(own)) else [])
    loaded = {iri} | {term_value(q.subject) for q in quads}
    frontier = [o for o in _iri_objects(quads) if o not in loaded]
    for _depth in range(4):  # neighbours, then their isPartOf ancestors (issue -> volume -> journal)
        if not frontier:
            break
        found = _published(store.published_about(frontier, NEIGHBOUR_PREDICATES))
        loaded.update(frontier)
        quads += found
        frontier = [term_value(q.object) for q in found
                    if q.predicate in PART_OF and term_value(q.object) not in loaded]
    quads += inverse
    referrers = list(dict.fromkeys(term_value(q.subject) for q in inverse))
    doc.truncated = len(inverse) >= INVERSE_LIMIT
    if doc.kind == "work" or doc.is_work:
        records = [term_value(q.object) for q in own if q.predicate == PROV.wasDerivedFrom]
        quads += store.quads_about(records + [r + "#mapping" for r in records])  # each in its record graph
        doc.work = load_work(store, iri)
        doc.is_work = doc.work is not None
    quads += _published(store.published_about(referrers, SUMMARY_PREDICATES))
    if doc.kind in ("journal", "volume"):  # articles sit in the journal's issues and volumes
        parts = [s for s in referrers if s.startswith(iri + "/")]
        if parts:
            deeper = _published(store.published_linking_to(parts, INVERSE_LIMIT))
            quads += deeper + _published(store.published_about({term_value(q.subject) for q in deeper},
                                                               SUMMARY_PREDICATES))
    if doc.kind == "person":
        quads += _credited(store, iri)
    doc.quads = list(dict.fromkeys(quads))
    doc.modified = _modified(store, doc)
    return doc


def _credited(store: Reader, iri: str, limit: int = 200) -> list[Quad]:
    """The names the works' author lists credit a person by (``lodpub:creditedAs`` on the list cells that hold
    them): the person's name variants as their sources spell them."""
    cells = [term_value(t.subject) for t, _ in zip(store.published_match(None, RDF.first.value, NamedNode(iri)),
                                                   range(limit), strict=False)]
    return _published(store.published_about(cells, (LODPUB.creditedAs, RDF.first))) if cells else []


def _modified(store: Reader, doc: Document) -> datetime.datetime | None:
    """When the document last changed: the latest mapping time of the records it shows, or the latest
    ``dcterms:modified`` of the works it shows (a person's, a journal's, a concept's)."""
    graphs = {term_value(q.graph_name) for q in doc.quads if isinstance(q.graph_name, NamedNode)}
    if not graphs:  # a person, journal or concept: the records of the published works it shows
        shown = {term_value(q.subject) for q in doc.quads if q.predicate == DCTERMS.title}
        graphs = {term_value(t.object) for t in store.published_about(sorted(shown), (PROV.wasDerivedFrom,))}
    mappings = store.quads_about([g + "#mapping" for g in graphs], (PROV.endedAtTime,))
    times = [term_value(q.object) for q in mappings]
    times += [term_value(q.object) for q in doc.quads if q.predicate == DCTERMS.modified
              and term_value(q.subject) != doc.url]
    parsed = [t for t in (parse_time(v) for v in times) if t is not None]
    return max(parsed) if parsed else None
