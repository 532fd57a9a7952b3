"""What a ``/doc/`` document says about one resource: its own quads, useful neighbours, and itself.

A document holds the resource's triples from every source graph, the cells of its rdf:Lists and its
other ``#`` nodes, the labels and types of what it links to (persons, concepts, the issue -> volume ->
journal chain), the things that link to it (a person's works, a journal's issues and articles) with their
titles, and, for a work, the provenance of its source records. Quads keep their source graph; what the
document says about itself (primary topic, formats, licence) is in the default graph.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad

from mappings.vocab import BIBO, DCTERMS, FOAF, PROV, RDF, RDFS, SDO, SKOS, XSD
from publisher.read.workview import WorkView, load_work
from publisher.store import Store
from publisher.store.base import quads_from_rows
from publisher.web.negotiation import BY_KEY

IANA = "https://www.iana.org/assignments/media-types/"
LABELS = (FOAF.name, SDO.name, DCTERMS.title, SKOS.prefLabel, RDFS.label)
NEIGHBOUR_PREDICATES = (RDF.type, *LABELS, SDO.givenName, SDO.familyName, SDO.sameAs, BIBO.issn, BIBO.eissn,
                        SDO.issueNumber, SDO.volumeNumber, SDO.isPartOf, DCTERMS.isPartOf, SKOS.notation,
                        DCTERMS.issued, SDO.url)
SUMMARY_PREDICATES = (RDF.type, *LABELS, DCTERMS.type, DCTERMS.issued, DCTERMS.bibliographicCitation,
                      SDO.issueNumber, SDO.volumeNumber)
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

    @property
    def triples(self) -> list:  # type: ignore[type-arg]
        """The statements without their graphs, each once."""
        return list(dict.fromkeys(q.triple for q in self.quads))


def term_value(term: object) -> str:
    """The IRI, blank node id or lexical form of an RDF term."""
    return str(getattr(term, "value", term))


def kind_of(path: str) -> str:
    """The kind of resource a path under /id/ names: ``journal/x/volume/3/issue/2`` -> ``issue``."""
    parts = path.strip("/").split("/")
    if parts[0] == "journal" and len(parts) >= 4:
        return parts[-2]
    return parts[0]


def document_url(base: str, iri: str) -> str:
    """``<base>id/work/x`` -> ``<base>doc/work/x`` (the describing document)."""
    return base + "doc/" + iri[len(base) + len("id/"):]


def _owned_nodes(store: Store, iri: str, own: list[Quad]) -> list[Quad]:
    """The quads of the resource's own ``#`` nodes (identifiers, rdf:List heads) and the list cells after them."""
    if not store.cheap_lookups:  # one query, not one per list cell
        return _owned_nodes_query(store, iri)
    out: list[Quad] = []
    seen: set[str] = set()
    frontier = [o for o in _iri_objects(own) if o.startswith(iri + "#")]
    while frontier:
        seen.update(frontier)
        found = store.quads_about(frontier)
        out += found
        frontier = list(dict.fromkeys(term_value(q.object) for q in found if q.predicate == RDF.rest
                                      and isinstance(q.object, NamedNode) and term_value(q.object) not in seen
                                      and q.object != RDF.nil))
    return out


def _owned_nodes_query(store: Store, iri: str) -> list[Quad]:
    """:func:`_owned_nodes` in one SPARQL query (the path starts from a triple pattern, not VALUES: Virtuoso
    ignores a VALUES-bound start of a path)."""
    query = (f"SELECT DISTINCT ?s ?p ?o ?g WHERE {{ {NamedNode(iri)} ?p0 ?h . "
             f"FILTER(isIRI(?h) && STRSTARTS(STR(?h), {Literal(iri + '#')})) ?h {RDF.rest}* ?s . "
             f"GRAPH ?g {{ ?s ?p ?o }} }}")
    return quads_from_rows(store.query(query))


def _iri_objects(quads: Iterable[Quad]) -> list[str]:
    return [term_value(q.object) for q in quads
            if isinstance(q.object, NamedNode) and term_value(q.predicate) not in NOT_NEIGHBOURS]


def probe(store: Store, base: str, iri: str) -> Document | None:
    """A document without its statements (enough to redirect to it); None when the store knows nothing of ``iri``."""
    try:
        node = NamedNode(iri)
    except ValueError:
        return None
    is_work = next(store.match(subject=iri, predicate=DCTERMS.type.value), None) is not None
    if not (is_work or next(store.match(subject=iri), None) or next(store.match(obj=node), None)):
        return None
    kind = kind_of(iri[len(base) + len("id/"):]) if iri.startswith(base + "id/") else "resource"
    return Document(iri=iri, url=document_url(base, iri), kind=kind, is_work=is_work)


def load(store: Store, base: str, iri: str, *, licence: str | None = None) -> Document | None:
    """The document about ``iri``; None when the store says nothing about or with it."""
    with store.read_memo():
        return _load(store, base, iri, licence)


def _load(store: Store, base: str, iri: str, licence: str | None) -> Document | None:
    try:
        NamedNode(iri)
    except ValueError:
        return None
    kind = kind_of(iri[len(base) + len("id/"):]) if iri.startswith(base + "id/") else "resource"
    own = store.quads_about([iri])
    inverse = store.quads_linking_to([iri], INVERSE_LIMIT)
    if not own and not inverse:
        return None
    doc = Document(iri=iri, url=document_url(base, iri) if iri.startswith(base + "id/") else iri, kind=kind)
    quads = own + (_owned_nodes(store, iri, own) if any(o.startswith(iri + "#") for o in _iri_objects(own)) else [])
    loaded = {iri} | {term_value(q.subject) for q in quads}
    frontier = [o for o in _iri_objects(quads) if o not in loaded]
    # a work's neighbours as its own records describe them: a language, concept or journal sits in thousands of
    # record graphs, and reading all of them made a page cost O(store size)
    within = sorted({term_value(q.graph_name) for q in own if isinstance(q.graph_name, NamedNode)}) \
        if kind == "work" else None
    for _depth in range(4):  # neighbours, then their isPartOf ancestors (issue -> volume -> journal)
        if not frontier:
            break
        found = store.quads_about(frontier, NEIGHBOUR_PREDICATES, within)
        loaded.update(frontier)
        quads += found
        frontier = [term_value(q.object) for q in found
                    if q.predicate in PART_OF and term_value(q.object) not in loaded]
    quads += inverse
    referrers = list(dict.fromkeys(term_value(q.subject) for q in inverse))
    doc.truncated = len(inverse) >= INVERSE_LIMIT
    if kind == "work":
        records = list(dict.fromkeys(term_value(q.subject) for q in inverse if q.predicate == PRIMARY_TOPIC))
        quads += store.quads_about(records + [r + "#mapping" for r in records])
        doc.work = load_work(store, iri)
        doc.is_work = doc.work is not None
    summaries = store.quads_about(referrers, SUMMARY_PREDICATES)
    quads += summaries
    if kind in ("journal", "volume"):  # articles sit in the journal's issues and volumes
        parts = [s for s in referrers if s.startswith(iri + "/")]
        if parts:
            deeper = store.quads_linking_to(parts, INVERSE_LIMIT)
            quads += deeper + store.quads_about({term_value(q.subject) for q in deeper}, SUMMARY_PREDICATES)
    doc.quads = list(dict.fromkeys(quads))
    doc.modified = _modified(store, doc)
    doc.quads += about_document(doc, licence)
    return doc


def _modified(store: Store, doc: Document) -> datetime.datetime | None:
    """When the document last changed: the latest mapping time of its graphs, or the work's dcterms:modified."""
    graphs = {term_value(q.graph_name) for q in doc.quads if isinstance(q.graph_name, NamedNode)}
    mappings = store.quads_about([g + "#mapping" for g in graphs], (PROV.endedAtTime,))
    times = [term_value(q.object) for q in mappings]
    if doc.work and doc.work.modified:
        times.append(doc.work.modified)
    parsed = [t for t in (parse_time(v) for v in times) if t is not None]
    return max(parsed) if parsed else None


def parse_time(value: str) -> datetime.datetime | None:
    """An xsd:dateTime or xsd:date as an aware UTC datetime (None if it is neither)."""
    text = value.strip().replace("Z", "+00:00")
    for candidate in (text, text[:10]):
        try:
            parsed = datetime.datetime.fromisoformat(candidate)
        except ValueError:
            continue
        return parsed.replace(tzinfo=parsed.tzinfo or datetime.UTC).astimezone(datetime.UTC)
    return None


def format_url(doc: Document, key: str) -> str:
    """The URL of one representation of the document: ``/doc/work/x.ttl``."""
    return f"{doc.url}.{BY_KEY[key].suffix}"


def about_document(doc: Document, licence: str | None) -> list[Quad]:
    """What the document says about itself (topic, formats, licence, modified), in the default graph."""
    from publisher.render import offers  # the formats depend on the renderer table

    d, thing, g = NamedNode(doc.url), NamedNode(doc.iri), DefaultGraph()
    out = [Quad(d, RDF.type, FOAF.Document, g)]
    if doc.url != doc.iri:
        out += [Quad(d, FOAF.primaryTopic, thing, g), Quad(thing, FOAF.isPrimaryTopicOf, d, g)]
    for key in offers(doc):
        fmt = NamedNode(format_url(doc, key))
        out += [Quad(d, DCTERMS.hasFormat, fmt, g),
                Quad(fmt, DCTERMS.format, NamedNode(IANA + BY_KEY[key].media_type), g)]
    if licence:
        out.append(Quad(d, DCTERMS.license, NamedNode(licence), g))
    if doc.modified:
        stamp = doc.modified.strftime("%Y-%m-%dT%H:%M:%SZ")
        out.append(Quad(d, DCTERMS.modified, Literal(stamp, datatype=XSD.dateTime), g))
    return out
