"""Schema.org JSON-LD for the pages of people (``Person``), journals (``Periodical``) and subjects
(``DefinedTerm``), and what their pages show of the same: a person's name variants and identifiers.

Built from the document's statements (the published view); embedded with the same escaping as a work's
(``script_json``: no ``</script>`` or ``<!--`` can end or open anything). A person's identifiers are the
authority links the published view gives (ORCID, ISNI, VIAF, ...): ``sameAs`` and a ``PropertyValue`` each. A
journal's web links from catalogue records are not the journal: they are left out of ``sameAs``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from mappings.vocab import FOAF, LODPUB, OWL, RDF, SDO, SKOS
from publisher import urls
from publisher.render import labels
from publisher.render.citations.schemaorg import INLINE_CONTEXT, script_json
from publisher.render.graph import Index

Json = dict[str, Any]
AUTHORITIES = (  # (name, pattern of the authority's URI with the identifier as group 1)
    ("ORCID", re.compile(r"^https?://orcid\.org/(\d{4}-\d{4}-\d{4}-\d{3}[\dX])$")),
    ("ISNI", re.compile(r"^https?://(?:www\.)?isni\.org/(?:isni/)?(\d{15}[\dX])$")),
    ("VIAF", re.compile(r"^https?://(?:www\.)?viaf\.org/viaf/(\d+)/?$")),
    ("Wikidata", re.compile(r"^https?://(?:www\.)?wikidata\.org/(?:entity|wiki)/(Q\d+)$")),
    ("Library of Congress", re.compile(r"^https?://id\.loc\.gov/authorities/names/(\w+)$")),
)


@dataclass
class Identifier:
    """An authority's identifier of a person: the authority's name, the identifier, its URI."""

    scheme: str
    value: str
    url: str


def identifiers(g: Index, iri: str) -> list[Identifier]:
    """The authority identifiers the published view links a person to (through ``owl:sameAs``/``schema:sameAs``)."""
    out: list[Identifier] = []
    for uri in g.values(iri, OWL.sameAs.value, SDO.sameAs.value):
        for scheme, pattern in AUTHORITIES:
            found = pattern.match(uri)
            if found:
                out.append(Identifier(scheme, found.group(1), uri))
                break
    return out


def name_variants(g: Index, iri: str) -> list[str]:
    """The other names a person goes by: alternate names, and the names the works' author lists credit them by
    (each once, leaving out the published name and its "Family, Given" form)."""
    found = g.values(iri, SDO.alternateName.value)
    found += [c for cell in g.referrers(iri, RDF.first.value) for c in g.values(cell, LODPUB.creditedAs.value)]
    out: dict[tuple[str, ...], str] = {_words(g.label(iri)): g.label(iri)}
    for variant in found:
        out.setdefault(_words(variant), variant)
    return list(out.values())[1:]


def _words(name: str) -> tuple[str, ...]:
    """A name's words in any order ("Boyce, Melanie J." and "Melanie J. Boyce" are one name)."""
    return tuple(sorted(re.findall(r"\w+", name.casefold())))


def _base_doc(kind: str, iri: str, name: str, base: str) -> Json:
    return {"@context": dict(INLINE_CONTEXT), "@id": iri, "@type": kind, "name": name,
            "url": urls.document_url(iri, base)}


def person_jsonld(g: Index, iri: str, base: str) -> Json:
    """A ``Person``: name, given and family names, name variants, identifiers (``sameAs`` and ``identifier``),
    affiliations."""
    doc = _base_doc("Person", iri, g.label(iri), base)
    for key, prop in (("givenName", FOAF.givenName), ("familyName", FOAF.familyName)):
        if (value := g.first(iri, prop.value)) is not None:
            doc[key] = value
    if variants := name_variants(g, iri):
        doc["alternateName"] = variants
    if ids := identifiers(g, iri):
        doc["sameAs"] = [{"@id": i.url} for i in ids]
        doc["identifier"] = [{"@type": "PropertyValue", "propertyID": i.scheme, "value": i.value, "url": i.url}
                             for i in ids]
    if affiliations := g.values(iri, SDO.affiliation.value):
        doc["affiliation"] = [{"@type": "Organization", "@id": a, "name": g.label(a)} for a in affiliations]
    return doc


def journal_jsonld(g: Index, iri: str, base: str, issns: list[str], publishers: list[str]) -> Json:
    """A ``Periodical``: title, ISSNs and publisher (its catalogue records' web links are no ``sameAs``)."""
    doc = _base_doc("Periodical", iri, g.label(iri), base)
    if issns:
        doc["issn"] = issns if len(issns) > 1 else issns[0]
    if publishers:
        doc["publisher"] = [{"@type": "Organization", "@id": p, "name": g.label(p)} for p in publishers]
    return doc


def concept_jsonld(g: Index, iri: str, base: str, title: str) -> Json:
    """A ``DefinedTerm`` in its scheme (``inDefinedTermSet``), with its notation as ``termCode``."""
    doc = _base_doc("DefinedTerm", iri, title, base)
    if alt := g.values(iri, SKOS.altLabel.value):
        doc["alternateName"] = alt
    if (notation := g.first(iri, SKOS.notation.value)) is not None:
        doc["termCode"] = notation
    schemes = g.values(iri, SKOS.inScheme.value)
    if schemes:
        doc["inDefinedTermSet"] = [{"@type": "DefinedTermSet", "@id": s, "name": labels.scheme_name(s)}
                                   for s in schemes]
    return doc


def script(doc: Json) -> Markup:
    """The ``<script type="application/ld+json">`` element for a page, escaped as a work's is."""
    return Markup(f'<script type="application/ld+json">{script_json(doc)}</script>')
