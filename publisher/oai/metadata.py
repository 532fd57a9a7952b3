"""The metadata formats of the OAI-PMH provider, written from a work's published description: ``oai_dc`` (simple
Dublin Core), ``uketd_dc`` (the EThOS profile for theses, which describes any work the same way) and ``rdf``
(the work's own published triples as RDF/XML)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from pyoxigraph import NamedNode, RdfFormat, Triple

from mappings.rdfout import serialise
from publisher.read.workview import PersonRef, WorkView
from publisher.store import Reader

INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
DC = "http://purl.org/dc/elements/1.1/"
DCTERMS = "http://purl.org/dc/terms/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
BIBO_DEGREES = "http://purl.org/ontology/bibo/degrees/"
LEVELS = {"phd": "Doctoral", "professional-doctorate": "Doctoral", "ma": "Masters", "ms": "Masters",
          "mphil": "Masters", "masters": "Masters", "bachelors": "Bachelors"}


def text(value: object) -> str:
    """A value as XML character data or attribute text: escaped, with characters XML cannot hold as U+FFFD."""
    return (INVALID_XML.sub("\ufffd", str(value)).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


@dataclass(frozen=True)
class MetadataFormat:
    """A format: its prefix, schema, namespace, and how a work is written in it."""

    prefix: str
    schema: str
    namespace: str
    write: Callable[[Reader, WorkView], str]


def _name(person: PersonRef) -> str:
    if person.family and person.given:
        return f"{person.family}, {person.given}"
    return person.family or person.label


def _elements(tag: str, values: list[str]) -> list[str]:
    return [f"<{tag}>{text(v)}</{tag}>" for v in dict.fromkeys(v for v in values if v and v.strip())]


def _identifiers(w: WorkView) -> list[str]:
    found = [w.iri] + ([w.doi_iri] if w.doi_iri else []) + w.landing_pages + w.urls
    return found + [f"ISBN:{isbn}" for isbn in w.isbns]


def _source(w: WorkView) -> list[str]:
    if w.citation:
        return [w.citation]
    if w.journal is None:
        return []
    parts = [w.journal.label] + ([f"vol. {w.volume}"] if w.volume else []) + ([f"no. {w.issue}"] if w.issue else [])
    pages = "-".join(p for p in (w.page_start, w.page_end) if p)
    return [", ".join(parts + ([f"pp. {pages}"] if pages else []))]


def _dc_common(w: WorkView) -> list[str]:
    out = _elements("dc:title", [w.title])
    out += _elements("dc:creator", [_name(a) for a in w.authors])
    out += _elements("dc:contributor", [_name(p) for p in w.editors + w.advisors])
    out += _elements("dc:subject", [s.label for s in w.subjects + w.classifications] + w.keywords)
    return out


def oai_dc(store: Reader, w: WorkView) -> str:
    """A work in simple Dublin Core (oai_dc)."""
    out = _dc_common(w)
    out += _elements("dc:description", [w.abstract or ""])
    out += _elements("dc:publisher", [r.label for r in (w.publisher, w.institution) if r is not None])
    out += _elements("dc:date", [w.issued or ""])
    out += _elements("dc:type", [w.work_type.value])
    out += _elements("dc:format", [f.media_type or "" for f in w.files])
    out += _elements("dc:identifier", _identifiers(w))
    out += _elements("dc:source", _source(w))
    out += _elements("dc:language", w.languages)
    out += _elements("dc:rights", ([w.licence.iri] if w.licence else []) + w.rights)
    body = "".join(out)
    return (f'<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="{DC}" '
            f'xmlns:xsi="{XSI}" xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/oai_dc/ '
            f'http://www.openarchives.org/OAI/2.0/oai_dc.xsd">{body}</oai_dc:dc>')


def uketd_dc(store: Reader, w: WorkView) -> str:
    """A work in the EThOS profile (uketd_dc): Dublin Core with the thesis's institution and qualification."""
    out = _dc_common(w)
    out += _elements("dcterms:abstract", [w.abstract or ""])
    out += _elements("dcterms:issued", [w.issued or ""])
    out += _elements("uketdterms:institution", [w.institution.label] if w.institution else [])
    out += _elements("uketdterms:qualificationname", [w.degree_name or ""])
    level = LEVELS.get((w.degree or "").rsplit("/", 1)[-1].removeprefix("degree-"))
    out += _elements("uketdterms:qualificationlevel", [level or ""])
    out += _elements("dc:type", ["Thesis or dissertation" if w.work_type.value == "thesis" else w.work_type.value])
    out += _elements("dc:publisher", [w.publisher.label] if w.publisher else [])
    out += _elements("dc:identifier", _identifiers(w))
    out += _elements("dc:format", [f.media_type or "" for f in w.files])
    out += _elements("dc:rights", ([w.licence.iri] if w.licence else []) + w.rights)
    out += [f'<dc:language xsi:type="dcterms:ISO639-2">{text(code)}</dc:language>'
            for code in dict.fromkeys(w.languages)]
    out += _elements("dcterms:isReferencedBy", w.landing_pages)
    body = "".join(out)
    return (f'<uketd_dc:uketddc xmlns:uketd_dc="http://naca.central.cranfield.ac.uk/ethos-oai/2.0/" '
            f'xmlns:dc="{DC}" xmlns:dcterms="{DCTERMS}" '
            f'xmlns:uketdterms="http://naca.central.cranfield.ac.uk/ethos-oai/terms/" xmlns:xsi="{XSI}" '
            f'xsi:schemaLocation="http://naca.central.cranfield.ac.uk/ethos-oai/2.0/ '
            f'http://naca.central.cranfield.ac.uk/ethos-oai/2.0/uketd_dc.xsd">{body}</uketd_dc:uketddc>')


def own_triples(store: Reader, iri: str) -> list[Triple]:
    """A work's published triples and those of its own ``#`` nodes."""
    out: list[Triple] = []
    todo, seen = [iri], set()
    while todo:
        batch = [s for s in todo if s not in seen]
        seen.update(batch)
        found = store.published_about(batch)
        out += found
        todo = [t.object.value for t in found if isinstance(t.object, NamedNode)
                and t.object.value.startswith(iri + "#") and t.object.value not in seen]
    return out


def rdf(store: Reader, w: WorkView) -> str:
    """A work's published description as RDF/XML (the root element, without the XML declaration)."""
    document = serialise(own_triples(store, w.iri), RdfFormat.RDF_XML).decode()
    return INVALID_XML.sub("\ufffd", re.sub(r"^<\?xml[^>]*\?>\s*", "", document))


FORMATS = {f.prefix: f for f in (
    MetadataFormat("oai_dc", "http://www.openarchives.org/OAI/2.0/oai_dc.xsd",
                   "http://www.openarchives.org/OAI/2.0/oai_dc/", oai_dc),
    MetadataFormat("uketd_dc", "http://naca.central.cranfield.ac.uk/ethos-oai/2.0/uketd_dc.xsd",
                   "http://naca.central.cranfield.ac.uk/ethos-oai/2.0/", uketd_dc),
    MetadataFormat("rdf", "http://www.openarchives.org/OAI/2.0/rdf.xsd",
                   "http://www.w3.org/1999/02/22-rdf-syntax-ns#", rdf),
)}
