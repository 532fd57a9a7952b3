"""The one typed record model every parser yields and the crosswalk consumes.

A :class:`Record` is what a source record *says*, in neutral terms: no RDF, no vocabulary choices.
Parsers fill it; :mod:`mappings.crosswalk` alone decides which DC/BIBO/Schema.org property each field
becomes. Values are already cleaned (no page chrome, no link arrows), but not yet turned into URIs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class WorkType(StrEnum):
    """What kind of work a record describes (decided by the parser from the source's own type)."""

    ARTICLE = "article"  # a journal article
    CONFERENCE_PAPER = "conference-paper"
    PRESENTATION = "presentation"  # a lecture, speech, poster or keynote
    THESIS = "thesis"
    BOOK = "book"
    CHAPTER = "chapter"
    REPORT = "report"
    DATASET = "dataset"
    SOFTWARE = "software"
    WEBSITE = "website"
    MUSIC_RECORDING = "music-recording"
    SOUND_RECORDING = "sound-recording"  # spoken word and other non-musical sound
    VIDEO = "video"
    MUSIC_SCORE = "music-score"
    MAP = "map"
    IMAGE = "image"
    PERIODICAL = "periodical"  # a record for a whole serial
    PATENT = "patent"
    DOCUMENT = "document"  # anything else that is a document


class AgentKind(StrEnum):
    """Whether an agent is a person, an organisation (a corporate body) or a meeting (a conference)."""

    PERSON = "person"
    ORGANIZATION = "organization"
    MEETING = "meeting"  # MARC 111/711, a conference named as a work's creator


@dataclass
class Agent:
    """A person or organisation named by a record, with its role(s) as MARC relator codes."""

    name: str  # as displayed: "Boyce, Melanie J." or "White House Web Team"
    kind: AgentKind = AgentKind.PERSON
    family: str | None = None
    given: str | None = None
    roles: list[str] = field(default_factory=lambda: ["aut"])  # MARC relator codes
    orcid: str | None = None  # bare ORCID iD, e.g. "0000-0001-6635-4256"
    local_id: str | None = None  # the source system's own identifier for the agent
    identifiers: list[str] = field(default_factory=list)  # authority ids as given: URIs, "(DLC)n79021164" ...
    dates: str | None = None  # e.g. "1930-" from MARC $d
    affiliation: str | None = None
    variants: list[str] = field(default_factory=list)  # other forms of the name, e.g. in the original script


@dataclass
class Periodical:
    """A journal or other serial a work appears in."""

    title: str
    issns: list[str] = field(default_factory=list)  # print ISSNs (normalised NNNN-NNNC)
    eissns: list[str] = field(default_factory=list)
    publisher: str | None = None
    urls: list[str] = field(default_factory=list)
    subjects: list[Subject] = field(default_factory=list)  # the journal's own headings ("X -- Periodicals")
    classifications: list[Classification] = field(default_factory=list)  # the journal's class numbers


@dataclass
class HostItem:
    """Where a part (article, chapter) sits: periodical, volume, issue, pages; or a host book."""

    periodical: Periodical | None = None
    book_title: str | None = None  # for a chapter: the book it is in
    book_isbns: list[str] = field(default_factory=list)
    volume: str | None = None
    issue: str | None = None
    issue_label: str | None = None  # e.g. "Volume 23, Issue 1 (2018)"
    issue_date: str | None = None  # ISO date of the issue
    issue_sort_value: str | None = None
    page_start: str | None = None
    page_end: str | None = None
    article_number: str | None = None


@dataclass
class Subject:
    """A subject heading: the whole heading and its parts ("A -- B -- C" gives three parts)."""

    heading: str
    parts: list[str] = field(default_factory=list)
    scheme: str | None = None  # "lcsh", "keywords", "bl", "mesh", "fast", ...
    kind: str = "topic"  # topic, place, name, genre, event
    authority: str | None = None  # the heading's authority record URI (id.loc.gov, FAST ...), if given


@dataclass
class Classification:
    """A classification number: Dewey (ddc), Library of Congress (lcc), UDC, ..."""

    scheme: str
    notation: str
    edition: str | None = None


@dataclass
class Degree:
    """The degree a thesis was submitted for."""

    level: str | None = None  # "doctoral", "masters", "bachelors"
    name: str | None = None  # "PhD", "BS", "Doctor of Philosophy"
    institution: str | None = None
    department: str | None = None
    date: str | None = None  # date awarded/defended (ISO)


@dataclass
class Event:
    """A conference or other event a work was presented at."""

    name: str
    location: str | None = None
    start: str | None = None  # ISO date
    end: str | None = None
    dates_text: str | None = None  # as given, when not parseable


@dataclass
class FileLink:
    """A full-text or other file belonging to the work."""

    url: str
    media_type: str | None = None
    name: str | None = None
    size: int | None = None
    version: str | None = None  # submitted, accepted, published


@dataclass
class Funding:
    """A funder, with the grant number when given."""

    funder: str
    grant: str | None = None


@dataclass
class Licence:
    """A licence: the canonical IRI when known, and the source's own words."""

    iri: str | None = None  # canonical CC IRI, e.g. https://creativecommons.org/licenses/by/4.0/
    family: str | None = None  # e.g. "by-nc-sa" when the source names no version
    text: str | None = None


@dataclass
class SourceField:
    """A source field no mapping rule knows: kept (as lodpub:unmappedField) rather than lost."""

    label: str
    value: str


@dataclass
class Record:
    """One source record, parsed and cleaned, in neutral terms."""

    source_format: str  # parser name, e.g. "eprints-xml"
    source_id: str  # the record's identity in its source (stable across re-ingests)
    work_type: WorkType
    title: str
    source_file: str = ""
    source_position: int = 0  # 1-based position of the record in its file
    source_modified: str | None = None  # the source's own last-modified timestamp (ISO)
    subtitle: str | None = None
    alternative_titles: list[str] = field(default_factory=list)
    creators: list[Agent] = field(default_factory=list)  # authors etc., in source order
    contributors: list[Agent] = field(default_factory=list)  # editors, advisors, performers ...
    issued: str | None = None  # ISO 8601 date, year-month or year; an EDTF string when the source is vaguer
    issued_text: str | None = None  # the source's own words for a date that is not exact ("1950s", "[ca. 1900]")
    date_accepted: str | None = None
    date_submitted: str | None = None  # e.g. deposited in a repository
    date_available: str | None = None  # online / made public
    copyright_date: str | None = None
    abstract: str | None = None
    notes: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)  # ISO 639-2/B codes, e.g. "eng"
    subjects: list[Subject] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    classifications: list[Classification] = field(default_factory=list)
    genres: list[str] = field(default_factory=list)
    doi: str | None = None  # bare DOI "10.1108/MHRJ-06-2017-0021"
    isbns: list[str] = field(default_factory=list)  # ISBN-13 without hyphens
    other_ids: dict[str, list[str]] = field(default_factory=dict)  # lccn, oclc, handle, local ...
    host: HostItem | None = None
    publisher: str | None = None
    place: str | None = None
    edition: str | None = None
    extent: str | None = None  # "639 p. ; 25 cm."
    page_count: int | None = None
    series: list[tuple[str, str | None]] = field(default_factory=list)  # (series title, number)
    degree: Degree | None = None
    event: Event | None = None
    status: list[str] = field(default_factory=list)  # accepted, published, peerReviewed, ...
    version_label: str | None = None  # "Accepted Version"
    licence: Licence | None = None
    rights: list[str] = field(default_factory=list)
    access_note: str | None = None
    landing_page: str | None = None  # the source record's own URL (EPrints URI, catalogue page)
    official_url: str | None = None
    related_urls: list[str] = field(default_factory=list)
    files: list[FileLink] = field(default_factory=list)
    funding: list[Funding] = field(default_factory=list)
    citation: str | None = None  # the source's own citation string
    divisions: list[str] = field(default_factory=list)  # repository divisions/faculties
    collection: str | None = None
    depositor: str | None = None
    legal_deposit: str | None = None
    physical_locations: list[str] = field(default_factory=list)
    ingest_file: str | None = None  # the BL's ingest file name
    unmapped: list[SourceField] = field(default_factory=list)
    warnings: list[FieldWarning] = field(default_factory=list)  # what the parser noticed but kept going

    def label(self) -> str:
        """A short human label for messages: source id and title."""
        return f"{self.source_id} ({self.title[:60]})"

    def warn(self, field: str, message: str, *, line: int | None = None) -> None:
        """Note a problem with one field that does not stop the record (it publishes with the warning)."""
        self.warnings.append(FieldWarning(field, message, line))


@dataclass(frozen=True)
class FieldWarning:
    """A defect in one field of a record that was kept: the field, what is wrong, and the field's line."""

    field: str  # the source's own name for the field: "020 $a", "dc:date", "creators_name"
    message: str
    line: int | None = None  # line of the field in the source file, where the format has lines

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class RecordError(Exception):
    """A record that cannot be mapped: names the file, the record and the field."""

    def __init__(self, message: str, *, file: str = "", record: str = "", field: str = "",
                 line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.record = record
        self.field = field
        self.line = line

    def __str__(self) -> str:
        where = [self.file or "<input>"]
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.record:
            where.append(f"record {self.record}")
        if self.field:
            where.append(f"field {self.field}")
        return f"{', '.join(where)}: {self.message}"


class FormatError(RecordError):
    """A whole input that cannot be read at all (unknown format, broken encoding, unparseable XML)."""
