"""Crosswalk rules for the work itself: types, titles, dates, identifiers, thesis, event, rights, provenance."""

from __future__ import annotations

from pyoxigraph import Literal

from mappings import normalize
from mappings.crosswalk.identifiers import work_keys
from mappings.crosswalk.parts import describe_organisation
from mappings.crosswalk.statements import EDTF, Statements, date_literal, org_iri
from mappings.crosswalk.terms import (
    LEVEL_LABELS,
    SOFTWARE_IRI,
    STATUSES,
    TYPES,
    VERSION,
    degree_iri,
)
from mappings.model import HostItem, Record, WorkType
from mappings.uris import Minter
from mappings.vocab import (
    BIBO,
    BIBO_STATUS,
    DCTERMS,
    FOAF,
    ISO639_2,
    LODPUB,
    OWL,
    PROV,
    RDF,
    RDFS,
    SDO,
    SKOS,
    XSD,
)


def describe_work(g: Statements, r: Record, work: str, graph: str, minter: Minter) -> None:
    """Types, titles, dates, abstract, notes, languages, publisher, extent, status, series, citation."""
    bibo_cls, sdo_cls, dcmi = TYPES[r.work_type]
    g.types(work, bibo_cls, sdo_cls)
    g.add(work, DCTERMS.type, dcmi)
    title = f"{r.title}: {r.subtitle}" if r.subtitle else r.title
    g.text(work, (DCTERMS.title, SDO.name), title)
    if r.subtitle:
        g.text(work, (BIBO.shortTitle,), r.title)
    for alt in r.alternative_titles:
        g.text(work, (DCTERMS.alternative, SDO.alternateName), alt)
    if r.issued:
        issued = date_literal(r.issued)
        g.add(work, DCTERMS.issued, issued)
        if issued.datatype != EDTF:  # schema.org wants an ISO 8601 date: a vague one is not given as one
            g.add(work, SDO.datePublished, issued)
        g.text(work, (LODPUB.dateAsGiven,), r.issued_text)
    accepted = r.degree.date if r.degree and r.degree.date else r.date_accepted
    for prop, value in ((DCTERMS.dateAccepted, accepted), (DCTERMS.dateSubmitted, r.date_submitted),
                        (DCTERMS.available, r.date_available), (DCTERMS.dateCopyrighted, r.copyright_date),
                        (DCTERMS.modified, r.source_modified)):
        if value:
            g.add(work, prop, date_literal(value))
    if r.source_modified:
        g.add(work, SDO.dateModified, date_literal(r.source_modified))
    if r.copyright_date:
        g.add(work, SDO.copyrightYear, Literal(r.copyright_date[:4], datatype=XSD.integer))
    g.text(work, (DCTERMS.abstract, SDO.abstract), r.abstract)
    for note in r.notes:
        g.text(work, (DCTERMS.description,), note)
    for code in r.languages:
        lang = ISO639_2 + code
        g.add(work, DCTERMS.language, lang)
        g.add(work, SDO.inLanguage, Literal(normalize.language_tag(code)))
        g.add(lang, RDF.type, DCTERMS.LinguisticSystem)
    if r.publisher:
        org = org_iri(minter, r.publisher)
        describe_organisation(g, org, r.publisher)
        g.add(work, DCTERMS.publisher, org)
        g.add(work, SDO.publisher, org)
    g.text(work, (LODPUB.placeOfPublication,), r.place)
    g.text(work, (BIBO.edition, SDO.bookEdition), r.edition)
    g.text(work, (DCTERMS.extent,), r.extent)
    if r.page_count:
        count = Literal(str(r.page_count), datatype=XSD.integer)
        g.add(work, BIBO.numPages, count)
        g.add(work, SDO.numberOfPages, count)
    for genre in r.genres:
        g.text(work, (SDO.genre,), genre)
    for status in r.status:
        if status in STATUSES:
            g.add(work, BIBO.status, BIBO_STATUS + status)
    g.text(work, (SDO.creativeWorkStatus,), r.version_label)
    for title, number in r.series:
        series = minter.series(title)
        g.types(series, BIBO.Series, SDO.BookSeries if r.work_type is WorkType.BOOK else SDO.CreativeWorkSeries)
        g.text(series, (DCTERMS.title, SDO.name), title)
        g.add(work, DCTERMS.isPartOf, series)
        g.add(work, SDO.isPartOf, series)
        g.text(work, (SDO.position,), number)
    g.text(work, (DCTERMS.bibliographicCitation,), r.citation or host_citation(r.host))


def host_citation(host: HostItem | None) -> str | None:
    """A short citation of where a part appears: "Journal, 23(1), 54-63"."""
    if host is None or host.periodical is None:
        return None
    text = host.periodical.title
    if host.volume:
        text += f", {host.volume}"
        if host.issue:
            text += f"({host.issue})"
    elif host.issue:
        text += f", no. {host.issue}"
    if host.page_start:
        text += f", {host.page_start}" + (f"-{host.page_end}" if host.page_end else "")
    return text


def cc_family_page(family: str) -> str:
    """The Creative Commons page of a licence family, without a version ("by-nc-sa" -> .../licenses/by-nc-sa/)."""
    if family == "cc0":
        return "https://creativecommons.org/publicdomain/zero/"
    return f"https://creativecommons.org/licenses/{family}/"


def describe_identifier(g: Statements, work: str, scheme: str, value: str, url: str | None = None) -> None:
    """An identifier as a Schema.org PropertyValue node of the work."""
    node = f"{work}#id-{scheme}-{normalize.slug(value, 80) or 'x'}"
    g.types(node, SDO.PropertyValue)
    g.text(node, (SDO.propertyID,), scheme)
    g.text(node, (SDO.value,), value)
    if url:
        g.add(node, SDO.url, url)
    g.add(work, SDO.identifier, node)


def describe_identifiers(g: Statements, r: Record, work: str) -> None:
    """DOI (bibo:doi, owl:sameAs and schema:sameAs the DOI IRI), ISBNs, other identifiers, identity keys."""
    for identity_key in work_keys(r):
        g.text(work, (LODPUB.identityKey,), identity_key)
    if r.doi:
        iri = normalize.doi_iri(r.doi)
        g.text(work, (BIBO.doi,), r.doi)
        g.add(work, OWL.sameAs, iri)
        g.add(work, SDO.sameAs, iri)
        g.text(work, (DCTERMS.identifier,), iri)
        describe_identifier(g, work, "doi", r.doi, iri)
    for isbn in r.isbns:
        g.text(work, (BIBO.isbn13, SDO.isbn), isbn)
        g.text(work, (DCTERMS.identifier,), "urn:isbn:" + isbn)
    for scheme, values in r.other_ids.items():
        prop = {"lccn": BIBO.lccn, "oclc": BIBO.oclcnum, "handle": BIBO.handle}.get(scheme)
        for value in values:
            if prop is not None:
                g.text(work, (prop,), value)
            g.text(work, (DCTERMS.identifier,), f"{scheme}:{value}")
            describe_identifier(g, work, scheme, value)


def describe_thesis_and_event(g: Statements, r: Record, work: str, minter: Minter) -> None:
    """A thesis's degree, institution and department; the event a work was presented at."""
    degree = r.degree
    if degree is not None:
        level_key = (degree.level or "").lower()
        iri = degree_iri(degree)
        if iri:
            g.add(work, BIBO.degree, iri)
        g.text(work, (SDO.inSupportOf,), degree.name or LEVEL_LABELS.get(level_key))
        if degree.institution:
            org = org_iri(minter, degree.institution)
            describe_organisation(g, org, degree.institution, university=True)
            g.add(work, SDO.sourceOrganization, org)
            if not r.publisher:
                g.add(work, DCTERMS.publisher, org)
                g.add(work, SDO.publisher, org)
            if degree.department:
                dept = org_iri(minter, f"{degree.department}, {degree.institution}")
                describe_organisation(g, dept, degree.department)
                g.add(dept, SDO.parentOrganization, org)
                g.add(work, LODPUB.department, dept)
    if r.event is not None:
        ev = minter.event(r.event.name)
        g.types(ev, BIBO.Conference, SDO.Event)
        g.text(ev, (SDO.name, RDFS.label), r.event.name)
        g.text(ev, (SDO.location,), r.event.location)
        for prop, value in ((SDO.startDate, r.event.start), (SDO.endDate, r.event.end)):
            if value:
                g.add(ev, prop, date_literal(value))
        g.text(ev, (LODPUB.eventDates,), r.event.dates_text)
        g.add(work, BIBO.presentedAt, ev)


def describe_rights_and_links(g: Statements, r: Record, work: str, minter: Minter) -> None:
    """Licence, rights, access, source URLs, files, funding and the repository/library fields."""
    lic = r.licence
    if lic is not None:
        if lic.iri:
            g.add(work, DCTERMS.license, lic.iri)
            g.add(work, SDO.license, lic.iri)
        elif lic.family:
            node = minter.licence_family(lic.family)
            g.types(node, DCTERMS.LicenseDocument)
            label = f"Creative Commons {lic.family.upper()} (the source states no licence version)"
            g.text(node, (RDFS.label,), label)
            g.add(node, LODPUB.licenceVersionStated, Literal("false", datatype=XSD.boolean))
            g.add(node, SKOS.closeMatch, cc_family_page(lic.family))  # what it is, without a version invented
            g.add(work, DCTERMS.license, node)
            g.add(work, SDO.license, node)
        g.text(work, (DCTERMS.rights,), lic.text)
    for text in r.rights:
        g.text(work, (DCTERMS.rights, SDO.copyrightNotice), text)
    g.text(work, (SDO.conditionsOfAccess,), r.access_note)
    for url in [r.landing_page] if r.landing_page else []:
        g.add(work, OWL.sameAs, url)
        g.add(work, SDO.sameAs, url)
    if r.official_url and r.official_url != r.landing_page:
        g.add(work, SDO.url, r.official_url)
    for url in r.related_urls:
        g.add(work, RDFS.seeAlso, url)
    for f in r.files:
        g.types(f.url, SDO.MediaObject)
        g.add(f.url, SDO.contentUrl, f.url)
        g.text(f.url, (SDO.encodingFormat,), f.media_type)
        g.text(f.url, (SDO.name,), f.name)
        if f.size is not None:
            g.text(f.url, (SDO.contentSize,), f"{f.size} B")
        g.text(f.url, (SDO.creativeWorkStatus,), f.version)
        g.add(work, SDO.encoding, f.url)
    for funding in r.funding:
        org = org_iri(minter, funding.funder)
        describe_organisation(g, org, funding.funder)
        g.add(work, SDO.funder, org)
        if funding.grant:
            grant = minter.grant(funding.funder, funding.grant)
            g.types(grant, SDO.MonetaryGrant)
            g.text(grant, (SDO.identifier, SDO.name), funding.grant)
            g.add(grant, SDO.funder, org)
            g.add(grant, SDO.fundedItem, work)
    for division in r.divisions:
        g.text(work, (LODPUB.division,), division)
    g.text(work, (LODPUB.collection,), r.collection)
    g.text(work, (LODPUB.depositor,), r.depositor)
    g.text(work, (LODPUB.legalDepositType,), r.legal_deposit)
    for location in r.physical_locations:
        g.text(work, (LODPUB.physicalLocation,), location)
    g.text(work, (LODPUB.ingestFile,), r.ingest_file)
    for extra in r.unmapped:
        g.text(work, (LODPUB.unmappedField,), f"{extra.label}: {extra.value}")


def describe_provenance(g: Statements, r: Record, work: str, graph: str) -> None:
    """The record graph as a lodpub:SourceRecord and prov:Entity, and the mapping activity."""
    g.types(graph, LODPUB.SourceRecord, PROV.Entity)
    g.add(graph, FOAF.primaryTopic, work)
    g.text(graph, (LODPUB.sourceRecordId,), r.source_id)
    g.text(graph, (LODPUB.inputFormat,), r.source_format)
    g.text(graph, (LODPUB.sourceFile,), r.source_file)
    if r.landing_page:
        g.add(graph, PROV.wasDerivedFrom, r.landing_page)
    if r.source_modified:
        g.add(graph, LODPUB.sourceModified, date_literal(r.source_modified))
    for n, warning in enumerate(r.warnings, start=1):  # what was wrong with a field the record was kept despite
        node = f"{graph}#warning-{n}"
        g.types(node, LODPUB.FieldWarning)
        g.text(node, (LODPUB.sourceField,), warning.field)
        g.text(node, (RDFS.comment,), warning.message)
        if warning.line is not None:
            g.add(node, LODPUB.sourceLine, Literal(str(warning.line), datatype=XSD.integer))
        g.add(graph, LODPUB.warning, node)
    activity = graph + "#mapping"
    g.types(activity, PROV.Activity)
    g.add(graph, PROV.wasGeneratedBy, activity)
    g.add(activity, PROV.wasAssociatedWith, SOFTWARE_IRI)
    g.types(SOFTWARE_IRI, PROV.SoftwareAgent)
    g.text(SOFTWARE_IRI, (SDO.softwareVersion,), VERSION)
    g.text(SOFTWARE_IRI, (RDFS.label,), "lodpub")
