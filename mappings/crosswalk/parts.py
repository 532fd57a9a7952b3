"""Crosswalk rules for the people, journals, books and subjects a work links to."""

from __future__ import annotations

import re

from pyoxigraph import Literal

from mappings import normalize
from mappings.crosswalk.identifiers import agent_ids
from mappings.crosswalk.statements import Statements, concept_iri, date_literal, org_iri, scheme_iri
from mappings.crosswalk.terms import CLASSIFICATION_DATATYPES, CLASSIFICATION_LABELS, ROLE_PROPERTIES
from mappings.model import Agent, AgentKind, Classification, Record, Subject, WorkType
from mappings.names import parse_name
from mappings.uris import Minter
from mappings.vocab import (
    BIBO,
    DCAM,
    DCTERMS,
    FOAF,
    LODPUB,
    MADS,
    OWL,
    RDFS,
    RELATORS,
    SDO,
    SKOS,
    XSD,
)


def describe_organisation(g: Statements, org: str, name: str, university: bool = False) -> None:
    """An organisation: FOAF and Schema.org types (a university as CollegeOrUniversity) and its name."""
    g.types(org, FOAF.Organization, SDO.CollegeOrUniversity if university else SDO.Organization)
    g.text(org, (FOAF.name, SDO.name), name.rstrip(". ") or name)


def describe_agent(g: Statements, agent: Agent, r: Record, graph: str, minter: Minter) -> str:
    """A person (names, identifiers, birth year, affiliation) or organisation; returns its IRI.

    A person is named by its strongest identifier, else by an IRI scoped to this record; its identifiers
    are written as ``lodpub:identityKey`` so records' mentions of one person can be joined on evidence.
    """
    ids = agent_ids(agent, r) if agent.kind is AgentKind.PERSON else []
    iri = minter.agent(agent, graph, ids)
    for variant in agent.variants:
        g.text(iri, (SDO.alternateName,), variant)
    if agent.kind is not AgentKind.PERSON:  # a meeting too, until the crosswalk types it as an event
        describe_organisation(g, iri, agent.name)
        return iri
    g.types(iri, FOAF.Person, SDO.Person)
    g.text(iri, (FOAF.name, SDO.name), normalize.display_name(agent.family, agent.given, agent.name))
    g.text(iri, (FOAF.familyName, SDO.familyName), agent.family)
    g.text(iri, (FOAF.givenName, SDO.givenName), agent.given)
    for scheme, value in ids:
        g.text(iri, (LODPUB.identityKey,), f"{scheme}:{value}")
    name = parse_name(agent.family, agent.given, agent.name)
    g.text(iri, (LODPUB.nameKey,), name.name_key() if name else None)
    if agent.orcid:
        orcid = "https://orcid.org/" + agent.orcid
        g.add(iri, OWL.sameAs, orcid)
        g.add(iri, SDO.sameAs, orcid)
    if agent.dates and (m := re.match(r"(\d{4})-", agent.dates)):
        g.add(iri, SDO.birthDate, Literal(m.group(1), datatype=XSD.gYear))
    if agent.affiliation:
        org = org_iri(minter, agent.affiliation)
        describe_organisation(g, org, agent.affiliation)
        g.add(iri, SDO.affiliation, org)
    return iri


def describe_agents(g: Statements, r: Record, work: str, graph: str, minter: Minter) -> None:
    """Creators (dcterms:creator, schema:author, bibo:authorList in order) and contributors by role.

    Two people in one author list are never one node, even when their names are written alike: the
    second "Wang, Wei" of a list gets an IRI of its own.
    """
    authors: list[str] = []
    editors: list[str] = []
    music = r.work_type is WorkType.MUSIC_RECORDING
    for agent in r.creators:
        iri = describe_agent(g, agent, r, graph, minter)
        if iri in authors and agent.kind is AgentKind.PERSON:
            iri = _distinct(g, agent, r, graph, minter, authors)
        g.add(work, DCTERMS.creator, iri)
        g.add(work, SDO.byArtist if music else SDO.author, iri)
        authors.append(iri)
        for role in agent.roles:
            if role not in ("aut", "cre"):
                g.add(work, RELATORS[role], iri)
    for agent in r.contributors:
        iri = describe_agent(g, agent, r, graph, minter)
        g.add(work, DCTERMS.contributor, iri)
        g.add(work, SDO.contributor, iri)
        for role in agent.roles:
            g.add(work, RELATORS[role], iri)
            for prop in ROLE_PROPERTIES.get(role, ()):
                g.add(work, prop, iri)
            if role == "edt":
                editors.append(iri)
    suffix = graph.rsplit("/", 1)[-1]
    if authors:
        g.add(work, BIBO.authorList, g.rdf_list(f"{work}#authors-{suffix}", authors))
    if editors:
        g.add(work, BIBO.editorList, g.rdf_list(f"{work}#editors-{suffix}", editors))


def _distinct(g: Statements, agent: Agent, r: Record, graph: str, minter: Minter, taken: list[str]) -> str:
    """A second person of one author list written like an earlier one: an IRI of its own, same description."""
    unnamed = Agent(name=agent.name, family=agent.family, given=agent.given, roles=agent.roles,
                    affiliation=agent.affiliation, variants=agent.variants)
    n = 2
    while minter.agent(unnamed, f"{graph}#{n}", []) in taken:
        n += 1
    return describe_agent(g, unnamed, r, f"{graph}#{n}", minter)


def describe_host(g: Statements, r: Record, work: str, minter: Minter) -> None:
    """Where a part appears: Periodical -> PublicationVolume -> PublicationIssue, or a host book; pages."""
    host = r.host
    if host is None:
        return
    parent: str | None = None
    if host.periodical is not None:
        per = host.periodical
        journal = minter.journal(per)
        is_journal = r.work_type in (WorkType.ARTICLE, WorkType.CONFERENCE_PAPER, WorkType.DOCUMENT)
        g.types(journal, BIBO.Journal if is_journal else BIBO.Periodical, SDO.Periodical)
        g.text(journal, (DCTERMS.title, SDO.name), per.title)
        for issn in per.issns:
            g.text(journal, (BIBO.issn, SDO.issn), issn)
        for issn in per.eissns:
            g.text(journal, (BIBO.eissn, SDO.issn), issn)
        for issn in [*per.issns, *per.eissns]:
            g.text(journal, (LODPUB.identityKey,), "issn:" + issn)
        publisher = per.publisher or (r.publisher if r.work_type is WorkType.ARTICLE else None)
        if publisher:
            org = org_iri(minter, publisher)
            describe_organisation(g, org, publisher)
            g.add(journal, DCTERMS.publisher, org)
            g.add(journal, SDO.publisher, org)
        for url in per.urls:
            g.add(journal, SDO.url, url)
            g.add(journal, RDFS.seeAlso, url)
        describe_headings(g, per.subjects, journal, minter)  # the journal's own headings, not the article's
        describe_classifications(g, per.classifications, journal, minter)
        parent = journal
        if host.volume:
            volume = minter.volume(journal, host.volume)
            g.types(volume, SDO.PublicationVolume)
            g.text(volume, (SDO.volumeNumber,), host.volume)
            g.text(volume, (RDFS.label,), f"{per.title}, volume {host.volume}")
            g.add(volume, SDO.isPartOf, journal)
            g.add(volume, DCTERMS.isPartOf, journal)
            parent = volume
        if host.issue:
            issue = minter.issue(journal, host.volume, host.issue)
            g.types(issue, BIBO.Issue, SDO.PublicationIssue)
            g.text(issue, (BIBO.issue, SDO.issueNumber), host.issue)
            g.text(issue, (BIBO.volume,), host.volume)
            label = host.issue_label or (f"{per.title}, volume {host.volume}, issue {host.issue}"
                                         if host.volume else f"{per.title}, issue {host.issue}")
            g.text(issue, (RDFS.label,), label)
            g.add(issue, SDO.isPartOf, parent)
            g.add(issue, DCTERMS.isPartOf, journal)
            if host.issue_date:
                g.add(issue, DCTERMS.issued, date_literal(host.issue_date))
                g.add(issue, SDO.datePublished, date_literal(host.issue_date))
            g.text(issue, (LODPUB.issueSortValue,), host.issue_sort_value)
            parent = issue
    elif host.book_title:
        # a host book without an ISBN is this record's own: a title alone joins no two records' books
        ident = "isbn:" + host.book_isbns[0] if host.book_isbns else \
            f"title:{normalize.fold(host.book_title)}|{minter.graph(r).removeprefix(minter.base)}"
        book = minter.work_for_identity(ident)
        for isbn in host.book_isbns:
            g.text(book, (LODPUB.identityKey,), "isbn:" + isbn)
        g.types(book, BIBO.Book, SDO.Book)
        g.text(book, (DCTERMS.title, SDO.name), host.book_title)
        for isbn in host.book_isbns:
            g.text(book, (BIBO.isbn13, SDO.isbn), isbn)
        parent = book
        g.text(work, (BIBO.volume,), host.volume)
    if parent:
        g.add(work, DCTERMS.isPartOf, parent)
        g.add(work, SDO.isPartOf, parent)
    g.text(work, (BIBO.pageStart, SDO.pageStart), host.page_start)
    g.text(work, (BIBO.pageEnd, SDO.pageEnd), host.page_end)
    g.text(work, (BIBO.number,), host.article_number)


def describe_concept(g: Statements, iri: str, label: str, scheme: str | None, minter: Minter) -> None:
    """A SKOS concept with its preferred (first) label and scheme."""
    g.types(iri, SKOS.Concept)
    first_label = g.labels.setdefault(iri, label)  # "Self-help groups" (LCSH) and "Self-Help Groups" (MeSH)
    g.text(iri, (SKOS.prefLabel if label == first_label else SKOS.altLabel,), label)
    if scheme:
        g.add(iri, SKOS.inScheme, scheme_iri(minter.id, scheme))


def describe_headings(g: Statements, subjects: list[Subject], target: str, minter: Minter) -> None:
    """Subject headings of a work or journal: the whole heading (a MADS ComplexSubject) and its parts."""
    for subject in subjects:
        parts = [p for p in subject.parts if p] or [subject.heading]
        part_iris = [concept_iri(minter, p) for p in parts]
        whole = part_iris[0] if len(parts) == 1 else concept_iri(minter, subject.heading)
        if subject.authority:
            g.add(whole, SKOS.exactMatch, subject.authority)
        if subject.kind == "genre" and len(parts) == 1:  # a genre/form term says what the work is, not its topic
            describe_concept(g, part_iris[0], parts[0], subject.scheme, minter)
            g.add(target, SDO.genre, part_iris[0])
            continue
        for iri, label in zip(part_iris, parts, strict=True):
            describe_concept(g, iri, label, subject.scheme, minter)
            g.add(target, DCTERMS.subject, iri)
            g.add(target, SDO.about, iri)
        if len(parts) > 1:
            heading = concept_iri(minter, subject.heading)
            describe_concept(g, heading, subject.heading, subject.scheme, minter)
            g.types(heading, MADS.ComplexSubject)
            g.add(heading, MADS.componentList, g.rdf_list(f"{heading}#components", part_iris))
            g.add(target, DCTERMS.subject, heading)
            g.add(target, SDO.about, heading)


def describe_classifications(g: Statements, classifications: list[Classification], target: str,
                             minter: Minter) -> None:
    """Class numbers (Dewey, LCC, UDC ...) of a work or journal, as SKOS concepts in their scheme."""
    for cls in classifications:
        iri = minter.classification(cls.scheme, cls.notation)
        datatype = CLASSIFICATION_DATATYPES.get(cls.scheme)
        g.types(iri, SKOS.Concept)
        g.add(iri, SKOS.notation, Literal(cls.notation, datatype=datatype) if datatype else Literal(cls.notation))
        label = CLASSIFICATION_LABELS.get(cls.scheme, cls.scheme.upper())
        g.text(iri, (RDFS.label,), f"{label} {cls.notation}")
        if datatype:
            g.add(iri, DCAM.memberOf, datatype)
        g.add(iri, SKOS.inScheme, f"{minter.id}class/{cls.scheme}")
        g.add(target, DCTERMS.subject, iri)


def describe_subjects(g: Statements, r: Record, work: str, minter: Minter) -> None:
    """Subject headings (whole heading and parts), keywords, genres and classifications."""
    describe_headings(g, r.subjects, work, minter)
    for keyword in r.keywords:
        g.text(work, (SDO.keywords,), keyword)
        iri = concept_iri(minter, keyword)
        describe_concept(g, iri, keyword, "keywords", minter)
        g.add(work, DCTERMS.subject, iri)
    describe_classifications(g, r.classifications, work, minter)
