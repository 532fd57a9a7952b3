"""What the full-text index holds of a work, read from the published view: title, authors' names, abstract,
identifiers, keywords and the journal's title, with its type and year."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence

from pyoxigraph import Literal, NamedNode, Triple

from mappings.vocab import BIBO, DCTERMS, FOAF, RDF, SDO, SKOS
from publisher.search.index import WorkText
from publisher.search.listing import Linked
from publisher.store import Reader

TITLE = (DCTERMS.title.value, DCTERMS.alternative.value)
PEOPLE = (DCTERMS.creator.value, DCTERMS.contributor.value)
ABSTRACT = (DCTERMS.abstract.value,)
IDENTIFIERS = (BIBO.doi.value, BIBO.isbn.value, BIBO.isbn10.value, BIBO.isbn13.value, SDO.isbn.value,
               BIBO.issn.value)
OTHER = (SDO.keywords.value, DCTERMS.identifier.value, *IDENTIFIERS)
PART_OF = (DCTERMS.isPartOf.value, SDO.isPartOf.value)
NAMES = [FOAF.name, SDO.name, FOAF.familyName, FOAF.givenName, RDF.type]
SUBJECTS = (DCTERMS.subject.value,)
PARENT = [DCTERMS.isPartOf, DCTERMS.title, SDO.name]
JOURNAL = re.compile(r"/id/journal/[^/#]+$")  # a journal, not one of its volumes or issues
MAX_AUTHORS = 50  # names indexed per work (a list of thousands of collaborators adds nothing findable)


def _by_subject(triples: Iterable[Triple]) -> dict[str, dict[str, list[NamedNode | Literal]]]:
    out: dict[str, dict[str, list[NamedNode | Literal]]] = defaultdict(lambda: defaultdict(list))
    for t in triples:
        if isinstance(t.object, NamedNode | Literal) and isinstance(t.subject, NamedNode):
            out[t.subject.value][t.predicate.value].append(t.object)
    return out


def _values(props: dict[str, list[NamedNode | Literal]], predicates: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(o.value for p in predicates for o in props.get(p, ())))


def _kind(types: list[str]) -> str | None:
    names = sorted(t.rsplit("/", 1)[-1] for t in types if t.startswith(SDO.iri))
    specific = [n for n in names if n != "CreativeWork"]
    return (specific or names or [None])[0]  # type: ignore[list-item]


def work_texts(store: Reader, works: Sequence[str]) -> tuple[list[WorkText], list[str]]:
    """The index rows of ``works`` as the published view describes them, and those it no longer has as works."""
    about = _by_subject(store.published_about(works))
    texts, gone = [], []
    people = {o for w in works for o in _values(about.get(w, {}), PEOPLE)}
    names = _by_subject(store.published_about(sorted(people), NAMES))
    journals, journal_links = _journal_titles(store, {w: _values(about.get(w, {}), PART_OF) for w in works})
    concepts = {o for w in works for o in _values(about.get(w, {}), SUBJECTS)}
    labels = _by_subject(store.published_about(sorted(concepts), [SKOS.prefLabel]))
    for w in works:
        props = about.get(w, {})
        titles = _values(props, TITLE)
        if DCTERMS.type.value not in props or not titles:
            gone.append(w)
            continue
        authors = [n for p in _values(props, PEOPLE)[:MAX_AUTHORS]
                   for n in _values(names.get(p, {}), [FOAF.name.value, SDO.name.value])[:1]]
        issued = _values(props, [DCTERMS.issued.value])
        texts.append(WorkText(
            iri=w, title=titles[0], kind=_kind(_values(props, [RDF.type.value])),
            year=issued[0][:4] if issued else None, authors="; ".join(authors),
            abstract="\n".join(_values(props, ABSTRACT)),
            other="\n".join([*titles[1:], *_values(props, OTHER), *journals.get(w, [])]),
            identifiers=_values(props, IDENTIFIERS),
            linked=[*_people(names, _values(props, PEOPLE)), *journal_links.get(w, []),
                    *[("subject", c, label) for c in _values(props, SUBJECTS)
                      for label in _values(labels.get(c, {}), [SKOS.prefLabel.value])[:1]]]))
    return texts, gone


def _people(names: dict[str, dict[str, list[NamedNode | Literal]]], iris: list[str]) -> list[Linked]:
    """The people among a work's creators and contributors, labelled "Family, Given" as lists sort them."""
    out: list[Linked] = []
    for p in iris:
        props = names.get(p, {})
        if FOAF.Person.value not in _values(props, [RDF.type.value]):
            continue
        family, given = _values(props, [FOAF.familyName.value])[:1], _values(props, [FOAF.givenName.value])[:1]
        named = _values(props, [FOAF.name.value, SDO.name.value])[:1]
        label = ", ".join(family + given) if family else "".join(named)
        if label:
            out.append(("person", p, label))
    return out


def _journal_titles(store: Reader, parents: dict[str, list[str]]) -> tuple[dict[str, list[str]],
                                                                           dict[str, list[Linked]]]:
    """The titles of what each work is part of, following isPartOf up to the journal (issue, volume, journal), and
    the journals among them."""
    out: dict[str, list[str]] = {w: [] for w in parents}
    journals: dict[str, list[Linked]] = {}
    frontier = {w: ps for w, ps in parents.items() if ps}
    for _depth in range(3):
        if not frontier:
            break
        about = _by_subject(store.published_about(sorted({p for ps in frontier.values() for p in ps}), PARENT))
        nxt: dict[str, list[str]] = {}
        for w, ps in frontier.items():
            for p in ps:
                title = _values(about.get(p, {}), [DCTERMS.title.value, SDO.name.value])[:1]
                out[w] += title
                if title and JOURNAL.search(p):
                    journals.setdefault(w, []).append(("journal", p, title[0]))
                nxt.setdefault(w, []).extend(_values(about.get(p, {}), [DCTERMS.isPartOf.value]))
        frontier = {w: ps for w, ps in nxt.items() if ps}
    return {w: list(dict.fromkeys(ts)) for w, ts in out.items()}, journals
