"""A work as the pages and formats need it: read from the store's RDF into plain Python values.

HTML pages, Schema.org JSON-LD, citation meta tags, CSL-JSON, BibTeX and RIS are all rendered from a
:class:`WorkView`, so every representation of a work says the same thing: what the published view says, where
several source records were already consolidated into one description (docs/identity.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pyoxigraph import NamedNode

from mappings.crosswalk import TYPES
from mappings.model import WorkType
from mappings.vocab import BIBO, DCTERMS, FOAF, LODPUB, OWL, RDF, RDFS, SDO, SKOS
from publisher.read.description import Description, Neighbourhood
from publisher.store import Reader

SCHEMA_TO_TYPE = {sdo.value: wt for wt, (_bibo, sdo, _dcmi) in TYPES.items()}
BIBO_TO_TYPE = {bibo.value: wt for wt, (bibo, _sdo, _dcmi) in TYPES.items() if bibo is not None}
# BIBO classes that several work types share (AudioDocument: music and other sound recordings ...)
_BIBO_CLASSES = [bibo.value for bibo, _sdo, _dcmi in TYPES.values() if bibo is not None]
AMBIGUOUS_BIBO = {b for b in _BIBO_CLASSES if _BIBO_CLASSES.count(b) > 1}


@dataclass
class Ref:
    """A linked resource with its label."""

    iri: str
    label: str


@dataclass
class PersonRef(Ref):
    """A person or organisation credited on a work."""

    given: str | None = None
    family: str | None = None
    orcid: str | None = None
    is_person: bool = True


@dataclass
class FileRef(Ref):
    """A file of the work: its URL, name, media type, size in bytes and version as its source gives them."""

    media_type: str | None = None
    size: int | None = None
    version: str | None = None


@dataclass
class JournalRef(Ref):
    """The periodical a part appears in."""

    issns: list[str] = field(default_factory=list)
    publisher: str | None = None


@dataclass
class WorkView:
    """Everything the views show about one work."""

    iri: str
    work_type: WorkType
    types: list[str]
    title: str
    alternative_titles: list[str] = field(default_factory=list)
    authors: list[PersonRef] = field(default_factory=list)
    editors: list[PersonRef] = field(default_factory=list)
    advisors: list[PersonRef] = field(default_factory=list)
    issued: str | None = None
    modified: str | None = None
    abstract: str | None = None
    languages: list[str] = field(default_factory=list)  # ISO 639-2 codes
    language_tags: list[str] = field(default_factory=list)  # BCP 47
    subjects: list[Ref] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    classifications: list[Ref] = field(default_factory=list)
    doi: str | None = None
    isbns: list[str] = field(default_factory=list)
    journal: JournalRef | None = None
    book: Ref | None = None  # the book a chapter is in
    volume: str | None = None
    volume_iri: str | None = None
    issue: str | None = None
    issue_iri: str | None = None
    page_start: str | None = None
    page_end: str | None = None
    publisher: Ref | None = None
    place: str | None = None
    degree: str | None = None  # degree IRI
    degree_name: str | None = None  # schema:inSupportOf text
    institution: Ref | None = None
    licence: Ref | None = None
    rights: list[str] = field(default_factory=list)
    same_as: list[str] = field(default_factory=list)  # DOI IRI and source URLs
    urls: list[str] = field(default_factory=list)
    files: list[FileRef] = field(default_factory=list)  # contentUrl, name, type, size, version
    citation: str | None = None
    status: list[str] = field(default_factory=list)
    version_label: str | None = None
    extent: str | None = None
    edition: str | None = None
    series: list[Ref] = field(default_factory=list)
    event: Ref | None = None
    graphs: list[str] = field(default_factory=list)

    @property
    def doi_iri(self) -> str | None:
        """The DOI as https://doi.org/... (lower-cased), if the work has one."""
        return "https://doi.org/" + self.doi.lower() if self.doi else None

    @property
    def landing_pages(self) -> list[str]:
        """Source URLs the work is the same as (the DOI excluded)."""
        return [u for u in self.same_as if not u.startswith("https://doi.org/")]


def _label(d: Description) -> str:
    return d.first(FOAF.name, SDO.name, DCTERMS.title, SKOS.prefLabel, RDFS.label) or d.iri


def _person(n: Neighbourhood, iri: str, credited: str | None = None) -> PersonRef:
    """A person or organisation; ``credited``: the name the work's own record gives ("Family, Given"), which a
    citation of this work uses (the person's page shows their one published name)."""
    d = n.describe(iri)
    orcids = [u for u in d.iris(SDO.sameAs) if u.startswith("https://orcid.org/")]
    given, family = d.first(SDO.givenName), d.first(SDO.familyName)
    if credited and family:
        family, _, given_credited = credited.partition(", ")
        given = given_credited or None
    return PersonRef(iri=iri, label=_label(d), given=given, family=family,
                     orcid=orcids[0] if orcids else None, is_person=FOAF.Person.value in d.iris(RDF.type))


def _rdf_list(n: Neighbourhood, head: str) -> list[tuple[str, str | None]]:
    """The items of an rdf:List with the name each cell credits (``lodpub:creditedAs``), in order."""
    items: list[tuple[str, str | None]] = []
    node, guard = head, 0
    while node and node != RDF.nil.value and guard < 10000:
        d = n.describe(node)
        first, rest = d.iris(RDF.first), d.iris(RDF.rest)
        if first:
            items.append((first[0], d.first(LODPUB.creditedAs)))
        node = rest[0] if rest else ""
        guard += 1
    return items


def _file(n: Neighbourhood, iri: str) -> FileRef:
    fd = n.describe(iri)
    size = re.fullmatch(r"\s*(\d{1,15})\s*(?:B|bytes?)?\s*", fd.first(SDO.contentSize) or "")
    return FileRef(iri, fd.first(SDO.name) or iri, media_type=fd.first(SDO.encodingFormat),
                   size=int(size[1]) if size else None, version=fd.first(SDO.creativeWorkStatus))


def _ref(n: Neighbourhood, iri: str) -> Ref:
    return Ref(iri, _label(n.describe(iri)))


def work_type(types: list[str]) -> WorkType | None:
    """The WorkType of a resource from its rdf:types (None if it is not a work)."""
    for t in types:
        if t in BIBO_TO_TYPE and t not in AMBIGUOUS_BIBO and t != BIBO.Article.value:
            return BIBO_TO_TYPE[t]
    for t in types:
        if t in SCHEMA_TO_TYPE and t != SDO.CreativeWork.value:
            return SCHEMA_TO_TYPE[t]
    for t in types:
        if t in BIBO_TO_TYPE:
            return BIBO_TO_TYPE[t]
    return WorkType.DOCUMENT if SDO.CreativeWork.value in types else None


def load_work(store: Reader, iri: str) -> WorkView | None:
    """Read a work from the store; None if ``iri`` is not a work."""
    with store.read_memo():
        n = Neighbourhood(store)
        d = n.describe(iri)
        if not d.values(DCTERMS.type):
            return None
        return _load(n, iri, d)


def _load(n: Neighbourhood, iri: str, d: Description) -> WorkView:
    types = d.iris(RDF.type)
    w = WorkView(iri=iri, work_type=work_type(types) or WorkType.DOCUMENT, types=types,
                 title=d.first(DCTERMS.title, SDO.name) or "(untitled)")
    w.alternative_titles = d.values(DCTERMS.alternative)
    lists = d.iris(BIBO.authorList)
    authors = _rdf_list(n, lists[0]) if lists else [(a, None) for a in d.iris(DCTERMS.creator)]
    w.authors = [_person(n, a, credited) for a, credited in authors]
    w.editors = [_person(n, a) for a in d.iris(BIBO.editor)]
    w.advisors = [_person(n, a) for a in d.iris(NamedNode("http://id.loc.gov/vocabulary/relators/ths"))]
    w.issued = d.first(DCTERMS.issued)
    modified = d.values(DCTERMS.modified)
    w.modified = max(modified) if modified else None
    w.abstract = d.first(DCTERMS.abstract)
    w.languages = [u.rsplit("/", 1)[-1] for u in d.iris(DCTERMS.language)]
    w.language_tags = d.values(SDO.inLanguage)
    w.keywords = sorted(d.values(SDO.keywords), key=str.casefold)  # a union of sources: no order of its own
    for concept in d.iris(DCTERMS.subject):
        ref = _ref(n, concept)
        (w.classifications if "/id/class/" in concept else w.subjects).append(ref)
    w.doi = d.first(BIBO.doi)
    w.isbns = d.values(BIBO.isbn13)
    _load_host(n, w, d)
    w.page_start, w.page_end = d.first(BIBO.pageStart), d.first(BIBO.pageEnd)
    publishers = d.iris(DCTERMS.publisher)
    w.publisher = _ref(n, publishers[0]) if publishers else None
    w.place = d.first(LODPUB.placeOfPublication)
    degrees = d.iris(BIBO.degree)
    w.degree = degrees[0] if degrees else None
    w.degree_name = d.first(SDO.inSupportOf)
    institutions = d.iris(SDO.sourceOrganization)
    w.institution = _ref(n, institutions[0]) if institutions else None
    licences = d.iris(DCTERMS.license)
    if licences:
        lic = n.describe(licences[0])
        w.licence = Ref(licences[0], lic.first(RDFS.label) or licences[0])
    w.rights = d.values(DCTERMS.rights)
    ours = w.iri.split("/id/", 1)[0] + "/id/"  # merged-away IRIs of this work are ours, not its landing pages
    w.same_as = [u for u in d.iris(OWL.sameAs) if not u.startswith(ours)]
    w.urls = d.iris(SDO.url) + d.iris(RDFS.seeAlso)
    w.files = [_file(n, f) for f in d.iris(SDO.encoding)]
    w.citation = d.first(DCTERMS.bibliographicCitation)
    w.status = [s.rsplit("/", 1)[-1] for s in d.iris(BIBO.status)]
    w.version_label = d.first(SDO.creativeWorkStatus)
    w.extent, w.edition = d.first(DCTERMS.extent), d.first(BIBO.edition)
    w.series = [_ref(n, s) for s in d.iris(DCTERMS.isPartOf) if "/id/series/" in s]
    events = d.iris(BIBO.presentedAt)
    w.event = _ref(n, events[0]) if events else None
    w.graphs = n.sources(iri)
    return w


def _load_host(n: Neighbourhood, w: WorkView, d: Description) -> None:
    """Follow isPartOf: issue -> volume -> journal."""
    for parent in d.iris(SDO.isPartOf):
        node = parent
        for _depth in range(3):
            pd = n.describe(node)
            types = pd.iris(RDF.type)
            if SDO.PublicationIssue.value in types:
                w.issue, w.issue_iri = pd.first(SDO.issueNumber), node
            elif SDO.PublicationVolume.value in types:
                w.volume, w.volume_iri = pd.first(SDO.volumeNumber), node
            elif BIBO.Book.value in types or SDO.Book.value in types:
                w.book = Ref(node, _label(pd))
                break
            elif SDO.Periodical.value in types:
                publishers = pd.iris(DCTERMS.publisher)
                w.journal = JournalRef(node, _label(pd), issns=pd.values(BIBO.issn) + pd.values(BIBO.eissn),
                                       publisher=_ref(n, publishers[0]).label if publishers else None)
                break
            ups = pd.iris(SDO.isPartOf)
            if not ups:
                break
            node = ups[0]
        if w.journal or w.book:
            break
