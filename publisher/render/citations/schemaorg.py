"""Schema.org JSON-LD for a work, and the safely escaped ``<script>`` element that embeds it in HTML.

The shape follows DataCite's (``@id`` the DOI URL, authors as Person with givenName/familyName, an
``identifier`` PropertyValue) but uses valid schema.org only: the journal is reached through the
``isPartOf`` chain PublicationIssue -> PublicationVolume -> Periodical, theses carry ``inSupportOf`` and a
CollegeOrUniversity as ``sourceOrganization`` and ``publisher``, and every IRI is written as ``{"@id": ...}``
(the schema.org context no longer coerces strings to IRIs). The context is ours, never fetched from
schema.org: referenced at ``<base>context/schema.jsonld`` (urls.SCHEMA_CONTEXT) in JSON-LD answers, inline in
embedded scripts.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any, cast

from markupsafe import Markup

from mappings.crosswalk import TYPES
from mappings.model import WorkType
from mappings.normalize import iso_date
from mappings.rdfout import ontology_file
from publisher import urls
from publisher.read.workview import FileRef, PersonRef, Ref, WorkView

SCHEMA = "http://schema.org/"
CONTEXT_PATH = urls.SCHEMA_CONTEXT.lstrip("/")  # where the app serves the context, under the base
INLINE_CONTEXT: dict[str, str] = {"@vocab": SCHEMA}
# Characters that could end a <script> element, open a comment or break an attribute: as JSON escapes.
_SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026", ord("'"): "\\u0027"}

Json = dict[str, Any]


@lru_cache(maxsize=1)
def shipped_context() -> Json:
    """The schema.org context document we ship (ontology/schemaorg-context.jsonld), parsed."""
    return cast(Json, json.loads(ontology_file("schemaorg-context.jsonld")))


def context_url(base: str) -> str:
    """Where the app serves the shipped context."""
    return base + CONTEXT_PATH


def schema_type(view: WorkView) -> str:
    """The schema.org class (local name) of a work."""
    return TYPES[view.work_type][1].value.removeprefix(SCHEMA)


def work_jsonld(view: WorkView, base: str, *, inline_context: bool = False) -> Json:
    """Schema.org JSON-LD for a work; ``@id`` is the DOI URL when there is one, else our URI."""
    doc: Json = {"@context": dict(INLINE_CONTEXT) if inline_context else context_url(base),
                 "@id": view.doi_iri or view.iri, "@type": schema_type(view), "name": view.title}
    if view.alternative_titles:
        doc["alternateName"] = _one_or_many(view.alternative_titles)
    creators = "byArtist" if view.work_type is WorkType.MUSIC_RECORDING else "author"  # as the crosswalk says
    _put(doc, creators, [_agent(a) for a in view.authors])
    _put(doc, "editor", [_agent(a) for a in view.editors])
    _put(doc, "contributor", [_agent(a) for a in view.advisors])
    _put(doc, "datePublished", view.issued if view.issued and iso_date(view.issued) else None)  # EDTF: not ISO
    _put(doc, "dateModified", view.modified)
    _put(doc, "abstract", view.abstract)
    _put(doc, "inLanguage", _one_or_many(view.language_tags))
    _put(doc, "keywords", view.keywords)
    _put(doc, "about", [_term(s) for s in view.subjects + view.classifications])
    _put(doc, "isPartOf", _host(view))
    _put(doc, "pageStart", view.page_start)
    _put(doc, "pageEnd", view.page_end)
    _put(doc, "isbn", _one_or_many(view.isbns))
    _put(doc, "bookEdition", view.edition)
    _put(doc, "identifier", _identifiers(view))
    _thesis_or_publisher(doc, view)
    if view.licence:
        doc["license"] = {"@id": view.licence.iri}
    _put(doc, "copyrightNotice", _one_or_many(view.rights))
    _put(doc, "creativeWorkStatus", view.version_label)
    _put(doc, "encoding", [_media_object(f) for f in view.files])
    _links(doc, view, base)
    return doc


def jsonld_script(view: WorkView, base: str) -> Markup:
    """A ``<script type="application/ld+json">`` element for the work, safe to place in any HTML page."""
    data = work_jsonld(view, base, inline_context=True)
    return Markup(f'<script type="application/ld+json">{script_json(data)}</script>')


def script_json(data: Any) -> str:
    """JSON with ``<``, ``>``, ``&`` and ``'`` written as ``\\u003c`` etc., safe inside a script element."""
    return json.dumps(data, ensure_ascii=False, indent=1).translate(_SCRIPT_ESCAPES)


def _put(doc: Json, key: str, value: Any) -> None:
    """Set a key unless the value is empty."""
    if value not in (None, "", [], {}):
        doc[key] = value


def _one_or_many(values: list[str]) -> str | list[str] | None:
    """A single value as itself, several as a list, none as None."""
    if not values:
        return None
    return values[0] if len(values) == 1 else list(values)


def _agent(agent: PersonRef) -> Json:
    """A Person (givenName, familyName, ORCID as sameAs) or an Organization."""
    kind = "Person" if agent.is_person else "Organization"
    node: Json = {"@id": agent.iri, "@type": kind, "name": agent.label}
    if agent.is_person:
        _put(node, "givenName", agent.given)
        _put(node, "familyName", agent.family)
    if agent.orcid:
        node["sameAs"] = {"@id": agent.orcid}
        node["identifier"] = {"@type": "PropertyValue", "propertyID": "ORCID",
                              "value": agent.orcid.rsplit("/", 1)[-1]}
    return node


def _term(ref: Ref) -> Json:
    """A subject heading or class as a DefinedTerm."""
    return {"@id": ref.iri, "@type": "DefinedTerm", "name": ref.label}


def _org(ref: Ref, org_type: str = "Organization") -> Json:
    """An organisation with its name."""
    return {"@id": ref.iri, "@type": org_type, "name": ref.label}


def _host(view: WorkView) -> Json | list[Json] | None:
    """The isPartOf chain: issue -> volume -> periodical (each level only when known), a chapter's Book, and series."""
    parent: Json | None = None
    if view.journal:
        parent = {"@id": view.journal.iri, "@type": "Periodical", "name": view.journal.label}
        _put(parent, "issn", _one_or_many(view.journal.issns))
        if view.journal.publisher:
            parent["publisher"] = {"@type": "Organization", "name": view.journal.publisher}
    parent = _within(parent, "PublicationVolume", "volumeNumber", view.volume, view.volume_iri)
    parent = _within(parent, "PublicationIssue", "issueNumber", view.issue, view.issue_iri)
    hosts = [parent] if parent else []
    if view.book and not view.journal:  # a chapter (or paper) in a book
        hosts.append({"@id": view.book.iri, "@type": "Book", "name": view.book.label})
    series_type = "BookSeries" if view.work_type is WorkType.BOOK else "CreativeWorkSeries"
    hosts += [{"@id": s.iri, "@type": series_type, "name": s.label} for s in view.series]
    if not hosts:
        return None
    return hosts[0] if len(hosts) == 1 else hosts


def _within(parent: Json | None, kind: str, key: str, number: str | None, iri: str | None) -> Json | None:
    """A volume or issue (``kind``) numbered ``number`` inside ``parent``; ``parent`` itself when not numbered."""
    if not number:
        return parent
    node: Json = {"@type": kind, key: number}
    if iri:
        node = {"@id": iri, **node}
    _put(node, "isPartOf", parent)
    return node


def _identifiers(view: WorkView) -> Json | list[Json] | None:
    """The DOI (and ISBNs) as PropertyValues."""
    found: list[Json] = []
    if view.doi:
        found.append({"@type": "PropertyValue", "propertyID": "doi", "value": view.doi,
                      "url": {"@id": view.doi_iri}})
    found += [{"@type": "PropertyValue", "propertyID": "isbn", "value": isbn} for isbn in view.isbns]
    if not found:
        return None
    return found[0] if len(found) == 1 else found


def _thesis_or_publisher(doc: Json, view: WorkView) -> None:
    """Theses: inSupportOf, and the institution as sourceOrganization and publisher; others: publisher."""
    if view.work_type is WorkType.THESIS:
        _put(doc, "inSupportOf", view.degree_name)
        institution = view.institution or view.publisher
        if institution:
            doc["sourceOrganization"] = _org(institution, "CollegeOrUniversity")
            doc["publisher"] = _org(institution, "CollegeOrUniversity")
        return
    if view.publisher:
        doc["publisher"] = _org(view.publisher)


def _media_object(ref: FileRef) -> Json:
    """A file of the work as a MediaObject (its media type as given, else a PDF known by its name; its size)."""
    node: Json = {"@type": "MediaObject", "contentUrl": {"@id": ref.iri}, "name": ref.label}
    if ref.media_type:
        node["encodingFormat"] = ref.media_type
    elif ref.iri.lower().endswith(".pdf"):
        node["encodingFormat"] = "application/pdf"
    if ref.size is not None:
        node["contentSize"] = f"{ref.size} B"
    return node


def _links(doc: Json, view: WorkView, base: str) -> None:
    """url (landing page, else our URI), sameAs (our URI when the DOI is the @id, source pages)."""
    landing = view.landing_pages
    doc["url"] = {"@id": landing[0] if landing else view.iri}
    same = ([view.iri] if view.doi else []) + landing
    if same:
        doc["sameAs"] = [{"@id": u} for u in dict.fromkeys(same)]
    doc["mainEntityOfPage"] = {"@id": urls.document_url(view.iri, base)}
