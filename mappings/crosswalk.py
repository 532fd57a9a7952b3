"""The crosswalk: the one place that decides which DCMI Terms, BIBO and Schema.org terms a field becomes.

Every record is described in all three vocabularies at once (plus FOAF/SKOS for people and concepts,
PROV-O for provenance, and lodpub's own terms only where none of these has one). Nothing here reads
files or talks to a store: a :class:`~mappings.model.Record` goes in, RDF triples come out.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache

from pyoxigraph import Literal, NamedNode, RdfFormat, Triple, serialize

from mappings import normalize
from mappings.model import Agent, AgentKind, Degree, HostItem, Record, RecordError, WorkType
from mappings.uris import Minter
from mappings.vocab import (
    BIBO,
    BIBO_DEGREES,
    BIBO_STATUS,
    DCAM,
    DCMITYPE,
    DCTERMS,
    FOAF,
    ISO639_2,
    LODPUB,
    MADS,
    OWL,
    PROV,
    RDF,
    RDFS,
    RELATORS,
    SDO,
    SKOS,
    XSD,
)

VERSION = "0.1.0"
SOFTWARE_IRI = "https://w3id.org/lodpub/software"

# WorkType -> (BIBO class, Schema.org class, DCMI type)
TYPES: dict[WorkType, tuple[NamedNode | None, NamedNode, NamedNode]] = {
    WorkType.ARTICLE: (BIBO.AcademicArticle, SDO.ScholarlyArticle, DCMITYPE.Text),
    WorkType.CONFERENCE_PAPER: (BIBO.Article, SDO.ScholarlyArticle, DCMITYPE.Text),
    WorkType.PRESENTATION: (BIBO.Document, SDO.PresentationDigitalDocument, DCMITYPE.Text),
    WorkType.THESIS: (BIBO.Thesis, SDO.Thesis, DCMITYPE.Text),
    WorkType.BOOK: (BIBO.Book, SDO.Book, DCMITYPE.Text),
    WorkType.CHAPTER: (BIBO.Chapter, SDO.Chapter, DCMITYPE.Text),
    WorkType.REPORT: (BIBO.Report, SDO.Report, DCMITYPE.Text),
    WorkType.DATASET: (None, SDO.Dataset, DCMITYPE.Dataset),
    WorkType.SOFTWARE: (None, SDO.SoftwareApplication, DCMITYPE.Software),
    WorkType.WEBSITE: (BIBO.Website, SDO.WebSite, DCMITYPE.InteractiveResource),
    WorkType.MUSIC_RECORDING: (BIBO.AudioDocument, SDO.MusicAlbum, DCMITYPE.Sound),
    WorkType.SOUND_RECORDING: (BIBO.AudioDocument, SDO.AudioObject, DCMITYPE.Sound),
    WorkType.VIDEO: (BIBO.AudioVisualDocument, SDO.VideoObject, DCMITYPE.MovingImage),
    WorkType.MUSIC_SCORE: (BIBO.Document, SDO.SheetMusic, DCMITYPE.Text),
    WorkType.MAP: (BIBO.Map, SDO.Map, DCMITYPE.StillImage),
    WorkType.IMAGE: (BIBO.Image, SDO.ImageObject, DCMITYPE.StillImage),
    WorkType.PERIODICAL: (BIBO.Periodical, SDO.Periodical, DCMITYPE.Text),
    WorkType.PATENT: (BIBO.Patent, SDO.CreativeWork, DCMITYPE.Text),
    WorkType.DOCUMENT: (BIBO.Document, SDO.CreativeWork, DCMITYPE.Text),
}

# Roles (MARC relator codes) that make an agent a creator of the work rather than a contributor.
CREATOR_ROLES = {"aut", "cre", "cmp", "art", "pht", "prg", "inv", "prf", "drt", "ctg", "pro"}
ROLE_PROPERTIES: dict[str, tuple[NamedNode, ...]] = {
    "edt": (BIBO.editor, SDO.editor),
    "trl": (BIBO.translator, SDO.translator),
    "ill": (SDO.illustrator,),
}

DEGREES: dict[str, str] = {  # normalised degree name or level -> degree IRI
    "phd": BIBO_DEGREES + "phd", "dphil": BIBO_DEGREES + "phd", "doctoral": BIBO_DEGREES + "phd",
    "doctor of philosophy": BIBO_DEGREES + "phd",
    "ma": BIBO_DEGREES + "ma", "master of arts": BIBO_DEGREES + "ma",
    "ms": BIBO_DEGREES + "ms", "msc": BIBO_DEGREES + "ms", "master of science": BIBO_DEGREES + "ms",
    "mphil": LODPUB["degree-mphil"].value, "masters": LODPUB["degree-masters"].value,
    "bachelors": LODPUB["degree-bachelors"].value, "bs": LODPUB["degree-bachelors"].value,
    "bsc": LODPUB["degree-bachelors"].value, "ba": LODPUB["degree-bachelors"].value,
    "professional doctorate": LODPUB["degree-professional-doctorate"].value,
    "edd": LODPUB["degree-professional-doctorate"].value,
    "dclinpsy": LODPUB["degree-professional-doctorate"].value,
    "dba": LODPUB["degree-professional-doctorate"].value,
}
LEVEL_LABELS = {"doctoral": "Doctoral degree", "masters": "Master's degree", "bachelors": "Bachelor's degree"}

STATUSES = {"accepted", "draft", "forthcoming", "legal", "nonPeerReviewed", "peerReviewed", "published",
            "rejected", "unpublished"}
CLASSIFICATION_DATATYPES = {"ddc": DCTERMS.DDC, "lcc": DCTERMS.LCC, "udc": DCTERMS.UDC}
CLASSIFICATION_LABELS = {"ddc": "Dewey Decimal Classification", "lcc": "Library of Congress Classification",
                         "udc": "Universal Decimal Classification"}


Term = NamedNode | Literal


@dataclass
class MappedRecord:
    """The RDF for one source record: its named graph, the work it describes, and the triples."""

    record: Record
    graph: str
    work: str
    statements: list[tuple[NamedNode, NamedNode, Term]] = field(default_factory=list)
    lines: list[str] = field(default_factory=list, repr=False)  # each statement as an N-Triples line

    @cached_property
    def triples(self) -> list[Triple]:
        """The triples, in mapping order (built on first use: a Triple with a literal costs ~5 µs)."""
        return [Triple(s, p, o) for s, p, o in self.statements]

    def ntriples(self) -> bytes:
        """The triples as N-Triples, in mapping order."""
        if self.lines:
            return "".join(self.lines).encode("utf-8")
        return serialize(self.triples, format=RdfFormat.N_TRIPLES) or b""

    def content_hash(self) -> str:
        """A digest of what the record says, to skip re-writing unchanged records on re-ingest."""
        return hashlib.sha1(self.ntriples()).hexdigest()


class _Graph:
    """Collects triples (as terms and as N-Triples lines); subjects and IRI objects may be given as strings."""

    def __init__(self) -> None:
        self.statements: list[tuple[NamedNode, NamedNode, Term]] = []
        self.lines: list[str] = []
        self._seen: set[str] = set()
        self._nodes: dict[str, tuple[NamedNode, str]] = {}
        self.labels: dict[str, str] = {}  # concept IRI -> its first (preferred) label

    def node(self, iri: str | NamedNode) -> NamedNode:
        return self._node(iri)[0]

    def _node(self, iri: str | NamedNode) -> tuple[NamedNode, str]:
        key = iri if isinstance(iri, str) else iri.value
        found = self._nodes.get(key)
        if found is None:
            term = NamedNode(iri) if isinstance(iri, str) else iri
            found = self._nodes[key] = (term, f"<{key}>")
        return found

    def add(self, s: str | NamedNode, p: NamedNode, o: str | NamedNode | Literal) -> None:
        subject, s_text = self._node(s)
        predicate, p_text = _predicate(p)
        if isinstance(o, Literal):
            obj: Term = o
            o_text = str(o)
        else:
            obj, o_text = self._node(o)
        line = f"{s_text} {p_text} {o_text} .\n"
        if line not in self._seen:
            self._seen.add(line)
            self.statements.append((subject, predicate, obj))
            self.lines.append(line)

    def text(self, s: str | NamedNode, props: Iterable[NamedNode], value: str | None) -> None:
        if value:
            lit = Literal(value)
            for p in props:
                self.add(s, p, lit)

    def types(self, s: str | NamedNode, *classes: NamedNode | None) -> None:
        for cls in classes:
            if cls is not None:
                self.add(s, RDF.type, cls)

    def rdf_list(self, head: str, items: list[str]) -> str:
        """Write an rdf:List with skolem IRIs ``head-1``, ``head-2`` ... and return the head IRI."""
        if not items:
            return RDF.nil.value
        for i, item in enumerate(items, start=1):
            cell = f"{head}-{i}"
            self.add(cell, RDF.first, item)
            self.add(cell, RDF.rest, f"{head}-{i + 1}" if i < len(items) else RDF.nil)
        return f"{head}-1"


@cache
def _predicate(p: NamedNode) -> tuple[NamedNode, str]:
    """A predicate with its N-Triples form (the vocabulary's few hundred terms, cached for the process)."""
    return p, f"<{p.value}>"


@lru_cache(maxsize=1 << 16)
def _concept_iri(minter: Minter, label: str) -> str:
    """``minter.concept``, memoised: subject headings and keywords recur across records."""
    return minter.concept(label)


@lru_cache(maxsize=1 << 16)
def _org_iri(minter: Minter, name: str) -> str:
    """``minter.org``, memoised: publishers, institutions and funders recur across records."""
    return minter.org(name)


@lru_cache(maxsize=1024)
def _scheme_iri(base_id: str, scheme: str) -> str:
    """The IRI of a subject scheme."""
    return f"{base_id}scheme/{normalize.slug(scheme) or 'local'}"


def date_literal(iso: str) -> Literal:
    """An ISO date, year-month or year as the matching XSD-typed literal."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}T.*", iso):
        return Literal(iso, datatype=XSD.dateTime)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", iso):
        return Literal(iso, datatype=XSD.date)
    if re.fullmatch(r"\d{4}-\d{2}", iso):
        return Literal(iso, datatype=XSD.gYearMonth)
    if re.fullmatch(r"\d{4}", iso):
        return Literal(iso, datatype=XSD.gYear)
    return Literal(iso)


def map_record(record: Record, minter: Minter) -> MappedRecord:
    """Turn one record into RDF in DCMI Terms, BIBO and Schema.org together.

    Raises RecordError (naming the record) when a value cannot become RDF, e.g. a URL that is no IRI.
    """
    g = _Graph()
    work = minter.work(record)
    graph = minter.graph(record)
    try:
        _describe_work(g, record, work, graph, minter)
        _describe_agents(g, record, work, graph, minter)
        _describe_host(g, record, work, minter)
        _describe_subjects(g, record, work, minter)
        _describe_identifiers(g, record, work)
        _describe_thesis_and_event(g, record, work, minter)
        _describe_rights_and_links(g, record, work, minter)
        _describe_provenance(g, record, work, graph)
    except ValueError as exc:  # pyoxigraph refuses an invalid IRI or literal
        raise RecordError(f"cannot be written as RDF: {exc}", file=record.source_file,
                          record=record.source_id) from exc
    return MappedRecord(record=record, graph=graph, work=work, statements=g.statements, lines=g.lines)


def _describe_work(g: _Graph, r: Record, work: str, graph: str, minter: Minter) -> None:
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
        g.add(work, SDO.datePublished, issued)
        if r.issued_approximate:
            g.add(work, LODPUB.approximateDate, Literal("true", datatype=XSD.boolean))
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
        org = _org_iri(minter, r.publisher)
        _organisation(g, org, r.publisher)
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
    g.text(work, (DCTERMS.bibliographicCitation,), r.citation or _citation(r.host))


def _citation(host: HostItem | None) -> str | None:
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


def _organisation(g: _Graph, org: str, name: str, university: bool = False) -> None:
    g.types(org, FOAF.Organization, SDO.CollegeOrUniversity if university else SDO.Organization)
    g.text(org, (FOAF.name, SDO.name), name.rstrip(". ") or name)


def _agent(g: _Graph, agent: Agent, minter: Minter) -> str:
    iri = minter.agent(agent)
    for variant in agent.variants:
        g.text(iri, (SDO.alternateName,), variant)
    if agent.kind is AgentKind.ORGANIZATION:
        _organisation(g, iri, agent.name)
        return iri
    g.types(iri, FOAF.Person, SDO.Person)
    g.text(iri, (FOAF.name, SDO.name), normalize.display_name(agent.family, agent.given, agent.name))
    g.text(iri, (FOAF.familyName, SDO.familyName), agent.family)
    g.text(iri, (FOAF.givenName, SDO.givenName), agent.given)
    if agent.orcid:
        orcid = "https://orcid.org/" + agent.orcid
        g.add(iri, OWL.sameAs, orcid)
        g.add(iri, SDO.sameAs, orcid)
    if agent.dates and (m := re.match(r"(\d{4})-", agent.dates)):
        g.add(iri, SDO.birthDate, Literal(m.group(1), datatype=XSD.gYear))
    if agent.affiliation:
        org = _org_iri(minter, agent.affiliation)
        _organisation(g, org, agent.affiliation)
        g.add(iri, SDO.affiliation, org)
    return iri


def _describe_agents(g: _Graph, r: Record, work: str, graph: str, minter: Minter) -> None:
    authors: list[str] = []
    editors: list[str] = []
    music = r.work_type is WorkType.MUSIC_RECORDING
    for agent in r.creators:
        iri = _agent(g, agent, minter)
        g.add(work, DCTERMS.creator, iri)
        g.add(work, SDO.byArtist if music else SDO.author, iri)
        authors.append(iri)
        for role in agent.roles:
            if role not in ("aut", "cre"):
                g.add(work, RELATORS[role], iri)
    for agent in r.contributors:
        iri = _agent(g, agent, minter)
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


def _describe_host(g: _Graph, r: Record, work: str, minter: Minter) -> None:
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
        publisher = per.publisher or (r.publisher if r.work_type is WorkType.ARTICLE else None)
        if publisher:
            org = _org_iri(minter, publisher)
            _organisation(g, org, publisher)
            g.add(journal, DCTERMS.publisher, org)
            g.add(journal, SDO.publisher, org)
        for url in per.urls:
            g.add(journal, SDO.url, url)
            g.add(journal, RDFS.seeAlso, url)
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
        ident = "isbn:" + host.book_isbns[0] if host.book_isbns else "title:" + normalize.fold(host.book_title)
        book = minter.work_for_identity(ident)
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


def _concept(g: _Graph, iri: str, label: str, scheme: str | None, minter: Minter) -> None:
    g.types(iri, SKOS.Concept)
    first_label = g.labels.setdefault(iri, label)  # "Self-help groups" (LCSH) and "Self-Help Groups" (MeSH)
    g.text(iri, (SKOS.prefLabel if label == first_label else SKOS.altLabel,), label)
    if scheme:
        g.add(iri, SKOS.inScheme, _scheme_iri(minter.id, scheme))


def _describe_subjects(g: _Graph, r: Record, work: str, minter: Minter) -> None:
    for subject in r.subjects:
        parts = [p for p in subject.parts if p] or [subject.heading]
        part_iris = [_concept_iri(minter, p) for p in parts]
        whole = part_iris[0] if len(parts) == 1 else _concept_iri(minter, subject.heading)
        if subject.authority:
            g.add(whole, SKOS.exactMatch, subject.authority)
        if subject.kind == "genre" and len(parts) == 1:  # a genre/form term says what the work is, not its topic
            _concept(g, part_iris[0], parts[0], subject.scheme, minter)
            g.add(work, SDO.genre, part_iris[0])
            continue
        for iri, label in zip(part_iris, parts, strict=True):
            _concept(g, iri, label, subject.scheme, minter)
            g.add(work, DCTERMS.subject, iri)
            g.add(work, SDO.about, iri)
        if len(parts) > 1:
            heading = _concept_iri(minter, subject.heading)
            _concept(g, heading, subject.heading, subject.scheme, minter)
            g.types(heading, MADS.ComplexSubject)
            g.add(heading, MADS.componentList, g.rdf_list(f"{heading}#components", part_iris))
            g.add(work, DCTERMS.subject, heading)
            g.add(work, SDO.about, heading)
    for keyword in r.keywords:
        g.text(work, (SDO.keywords,), keyword)
        iri = _concept_iri(minter, keyword)
        _concept(g, iri, keyword, "keywords", minter)
        g.add(work, DCTERMS.subject, iri)
    for cls in r.classifications:
        iri = minter.classification(cls.scheme, cls.notation)
        datatype = CLASSIFICATION_DATATYPES.get(cls.scheme)
        g.types(iri, SKOS.Concept)
        g.add(iri, SKOS.notation, Literal(cls.notation, datatype=datatype) if datatype else Literal(cls.notation))
        label = CLASSIFICATION_LABELS.get(cls.scheme, cls.scheme.upper())
        g.text(iri, (RDFS.label,), f"{label} {cls.notation}")
        if datatype:
            g.add(iri, DCAM.memberOf, datatype)
        g.add(iri, SKOS.inScheme, f"{minter.id}class/{cls.scheme}")
        g.add(work, DCTERMS.subject, iri)


def _identifier(g: _Graph, work: str, scheme: str, value: str, url: str | None = None) -> None:
    node = f"{work}#id-{scheme}-{normalize.slug(value, 80) or 'x'}"
    g.types(node, SDO.PropertyValue)
    g.text(node, (SDO.propertyID,), scheme)
    g.text(node, (SDO.value,), value)
    if url:
        g.add(node, SDO.url, url)
    g.add(work, SDO.identifier, node)


def _describe_identifiers(g: _Graph, r: Record, work: str) -> None:
    if r.doi:
        iri = normalize.doi_iri(r.doi)
        g.text(work, (BIBO.doi,), r.doi)
        g.add(work, OWL.sameAs, iri)
        g.add(work, SDO.sameAs, iri)
        g.text(work, (DCTERMS.identifier,), iri)
        _identifier(g, work, "doi", r.doi, iri)
    for isbn in r.isbns:
        g.text(work, (BIBO.isbn13, SDO.isbn), isbn)
        g.text(work, (DCTERMS.identifier,), "urn:isbn:" + isbn)
    for scheme, values in r.other_ids.items():
        prop = {"lccn": BIBO.lccn, "oclc": BIBO.oclcnum, "handle": BIBO.handle}.get(scheme)
        for value in values:
            if prop is not None:
                g.text(work, (prop,), value)
            g.text(work, (DCTERMS.identifier,), f"{scheme}:{value}")
            _identifier(g, work, scheme, value)


def degree_iri(degree: Degree) -> str | None:
    """The BIBO (or lodpub) degree IRI for a thesis degree, from its name or else its level."""
    name_key = normalize.fold(degree.name or "").replace(".", "").strip()
    return DEGREES.get(name_key) or DEGREES.get((degree.level or "").lower())


def _describe_thesis_and_event(g: _Graph, r: Record, work: str, minter: Minter) -> None:
    degree = r.degree
    if degree is not None:
        level_key = (degree.level or "").lower()
        iri = degree_iri(degree)
        if iri:
            g.add(work, BIBO.degree, iri)
        g.text(work, (SDO.inSupportOf,), degree.name or LEVEL_LABELS.get(level_key))
        if degree.institution:
            org = _org_iri(minter, degree.institution)
            _organisation(g, org, degree.institution, university=True)
            g.add(work, SDO.sourceOrganization, org)
            if not r.publisher:
                g.add(work, DCTERMS.publisher, org)
                g.add(work, SDO.publisher, org)
            if degree.department:
                dept = _org_iri(minter, f"{degree.department}, {degree.institution}")
                _organisation(g, dept, degree.department)
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


def _describe_rights_and_links(g: _Graph, r: Record, work: str, minter: Minter) -> None:
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
        org = _org_iri(minter, funding.funder)
        _organisation(g, org, funding.funder)
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


def _describe_provenance(g: _Graph, r: Record, work: str, graph: str) -> None:
    g.types(graph, LODPUB.SourceRecord, PROV.Entity)
    g.add(graph, FOAF.primaryTopic, work)
    g.text(graph, (LODPUB.sourceRecordId,), r.source_id)
    g.text(graph, (LODPUB.inputFormat,), r.source_format)
    g.text(graph, (LODPUB.sourceFile,), r.source_file)
    if r.landing_page:
        g.add(graph, PROV.wasDerivedFrom, r.landing_page)
    if r.source_modified:
        g.add(graph, LODPUB.sourceModified, date_literal(r.source_modified))
    activity = graph + "#mapping"
    g.types(activity, PROV.Activity)
    g.add(graph, PROV.wasGeneratedBy, activity)
    g.add(activity, PROV.wasAssociatedWith, SOFTWARE_IRI)
    g.types(SOFTWARE_IRI, PROV.SoftwareAgent)
    g.text(SOFTWARE_IRI, (SDO.softwareVersion,), VERSION)
    g.text(SOFTWARE_IRI, (RDFS.label,), "lodpub")
