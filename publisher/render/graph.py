"""A document's statements indexed for the HTML templates: values, labels, and what links where."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from pyoxigraph import BlankNode, Literal, NamedNode, Quad

from mappings.vocab import DCTERMS, FOAF, PREFIXES, RDFS, SDO, SKOS
from publisher.store import term_value

LABELS = (FOAF.name.value, SDO.name.value, DCTERMS.title.value, SKOS.prefLabel.value, RDFS.label.value)
Term = NamedNode | BlankNode | Literal


class Index:
    """Subject -> predicate -> objects, and object -> predicate -> subjects."""

    def __init__(self, quads: Iterable[Quad]) -> None:
        self.out: dict[str, dict[str, list[Term]]] = defaultdict(lambda: defaultdict(list))
        self.into: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        for q in dict.fromkeys(q.triple for q in quads):
            subject, predicate, obj = term_value(q.subject), q.predicate.value, q.object
            objects = self.out[subject][predicate]
            if isinstance(obj, NamedNode | BlankNode | Literal) and obj not in objects:
                objects.append(obj)
            if isinstance(obj, NamedNode):
                subjects = self.into[obj.value][predicate]
                if subject not in subjects:
                    subjects.append(subject)

    def values(self, subject: str, *predicates: str) -> list[str]:
        """The values (IRIs or lexical forms) of some predicates, in order, each once."""
        found = [o.value for p in predicates for o in self.out.get(subject, {}).get(p, [])]
        return list(dict.fromkeys(found))

    def first(self, subject: str, *predicates: str) -> str | None:
        """The first value of the first predicate that has one."""
        found = self.values(subject, *predicates)
        return found[0] if found else None

    def types(self, subject: str) -> list[str]:
        """The rdf:types of a subject."""
        return self.values(subject, PREFIXES["rdf"] + "type")

    def label(self, iri: str) -> str:
        """A name for a resource: its name, title or label, else the IRI."""
        return self.first(iri, *LABELS) or iri

    def referrers(self, iri: str, *predicates: str) -> list[str]:
        """Subjects that link to ``iri`` (through any of ``predicates``, or any predicate)."""
        by_predicate = self.into.get(iri, {})
        keys = predicates or tuple(by_predicate)
        return list(dict.fromkeys(s for p in keys for s in by_predicate.get(p, [])))

    def roles(self, subject: str, iri: str) -> list[str]:
        """The predicates by which ``subject`` links to ``iri``."""
        return [p for p, objects in self.out.get(subject, {}).items()
                if any(isinstance(o, NamedNode) and o.value == iri for o in objects)]

    def is_work(self, iri: str) -> bool:
        """Whether a resource is a work (it has a dcterms:type)."""
        return bool(self.values(iri, DCTERMS.type.value))

    def works_linking(self, iri: str, *predicates: str) -> list[str]:
        """Works that link to ``iri``, sorted by date (newest first), then title."""
        works = [s for s in self.referrers(iri, *predicates) if self.is_work(s)]
        return sorted(works, key=lambda w: (self.first(w, DCTERMS.issued.value) or "0000", self.label(w).lower()),
                      reverse=True)

    def properties(self, subject: str) -> list[tuple[str, list[Term]]]:
        """(predicate, objects) pairs of a subject, for a generic property table."""
        return [(p, objs) for p, objs in self.out.get(subject, {}).items()]


def curie(iri: str) -> str:
    """A prefixed name for an IRI in a known vocabulary (``dcterms:title``), else the IRI."""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri
