"""Where an oai_dc work appeared: journal, host book or series, from dc:source, the citation and dc:relation.

dc:source gives the journal ("Journal, 23(1), 54-63"; an ISSN), the event of a presentation ("PyHEP 2023
Workshop, 9-12 October 2023"), or a link; the repository's citation gives what dc:source does not (journal,
volume, issue, pages, ISSN, a chapter's book); a plain-text dc:relation is a series ("OCFEB Research
Memoranda;RM 0403", or a title and a number in two values), a journal's title (DSpace) or a proceedings
title. A bare ISSN belongs to the journal, else to the series; one with neither title is kept as an
identifier with a warning. A bare ISBN is the host book's for a chapter or conference paper, else the work's.
The kind follows what is found: a document with a journal citation is an article, a book "In Proceedings
of ..." a conference paper; an arXiv e-print typed only "text" is an article, a Zenodo upload typed only
"other" and linked to a GitHub release is software (both with a warning).
"""

from __future__ import annotations

import html
import re

from mappings import normalize
from mappings.model import Event, HostItem, Periodical, Record, WorkType
from mappings.parsers.eprints_page.citation import event_dates
from mappings.parsers.oai_dc.citation import Cited, read_citation, read_source
from mappings.parsers.oai_dc.elements import Elements, Value
from mappings.parsers.oai_dc.identifiers import Found

JOURNAL_KINDS = (WorkType.ARTICLE, WorkType.CONFERENCE_PAPER, WorkType.DOCUMENT)
GITHUB_RELEASE = re.compile(r"https://github\.com/[^/]+/[^/]+/tree/[^/]+/?$")
DATAVERSE_CITATION = re.compile(r"^Citation:.*\bV\d+ \[Version\]", re.DOTALL)


def read_host(r: Record, found: Found, get: Elements) -> None:
    """Set the record's host, series, ISBNs and event; adjust its kind to what they show."""
    _kind_from_repository(r, get)
    journal = _from_sources(r, found, get.items("dc:source"))
    cited = next((c for c in (read_citation(t, r.title) for t in found.citations) if c), Cited())
    if r.work_type is WorkType.DOCUMENT and cited.journal and (cited.volume or cited.issue or cited.page_start
                                                               or cited.issn):
        r.work_type = WorkType.ARTICLE
    if r.work_type in (WorkType.BOOK, WorkType.DOCUMENT, WorkType.CHAPTER) and cited.proceedings:
        r.work_type = WorkType.CONFERENCE_PAPER
    series, texts = _relations(r, found.relation_texts)
    if cited.doi and not r.doi:
        try:
            r.doi = normalize.doi(cited.doi)
        except ValueError:
            r.warn("dc:identifier", f"the citation's DOI {cited.doi!r} is not a DOI; left out",
                   line=get.line("dc:identifier"))
    if cited.issn:
        _add_issn(r, found, cited.issn)
    if journal is None and cited.journal and r.work_type in JOURNAL_KINDS:
        journal = cited
    book = cited.book if r.work_type in (WorkType.CHAPTER, WorkType.CONFERENCE_PAPER) else None
    if r.work_type in (WorkType.CHAPTER, WorkType.CONFERENCE_PAPER) and not book:
        book = next((t for t in texts if re.match(r"(?:Proceedings|Proc\.)\b", t)), None)
    if r.work_type is WorkType.ARTICLE and journal is None and texts and len(texts[0]) < 150:
        journal = Cited(journal=texts.pop(0))  # DSpace's dc.relation.journal
    if journal is not None and journal.journal:
        r.host = HostItem(periodical=Periodical(title=journal.journal, issns=found.issns),
                          volume=journal.volume or cited.volume, issue=journal.issue or cited.issue,
                          page_start=journal.page_start or cited.page_start,
                          page_end=journal.page_end or cited.page_end,
                          article_number=journal.article_number or cited.article_number)
        r.page_count = r.page_count or journal.page_count
    elif book:
        r.host = HostItem(book_title=book, book_isbns=[i for i, _ in found.isbns], volume=cited.volume,
                          page_start=cited.page_start, page_end=cited.page_end)
        found.isbns = []
        r.place = r.place or cited.place
    elif found.issns and series:
        r.host = HostItem(periodical=Periodical(title=series[0], issns=found.issns))
    elif found.issns:
        for issn in found.issns:
            r.warn("dc:identifier", f"ISSN {issn} names no journal or series title here; kept as an identifier",
                   line=get.line("dc:identifier"))
            r.other_ids.setdefault("issn", []).append(issn)
    r.isbns.extend(i for i, _ in found.isbns if i not in r.isbns)
    if cited.status == "unpublished" and "unpublished" not in r.status:
        r.status.append("unpublished")
    named = {normalize.fold(t) for t in (r.host.book_title if r.host else None,
                                          r.host.periodical.title if r.host and r.host.periodical else None) if t}
    r.notes.extend(f"Related: {t}" for t in texts if normalize.fold(t) not in named)


def _kind_from_repository(r: Record, get: Elements) -> None:
    """What a repository's conventions say where its dc:type says little or says it wrongly."""
    line = get.line("dc:type")
    if r.work_type in (WorkType.ARTICLE, WorkType.DOCUMENT) and (r.doi or "").startswith("10.5061/"):
        r.work_type = WorkType.DATASET  # Dryad types its data packages "Article"
        r.warn("dc:type", "a Dryad DOI (10.5061): a data package, read as a dataset", line=line)
        return
    if r.work_type is not WorkType.DOCUMENT:
        return
    if any(DATAVERSE_CITATION.search(d) for d in get("dc:description")):
        r.work_type = WorkType.DATASET
        r.warn("dc:description", "a Dataverse citation (\"V1 [Version]\"): read as a dataset",
               line=get.line("dc:description"))
    elif any(re.search(r"\b(?:Theses|Dissertations)\b", s) for s in get("dc:source")):
        r.work_type = WorkType.THESIS
        r.warn("dc:source", "typed only as text, in a collection of theses (dc:source): read as a thesis",
               line=get.line("dc:source"))
    elif r.source_id.lower().startswith("oai:arxiv.org:"):
        r.work_type = WorkType.ARTICLE
        r.warn("dc:type", "an arXiv e-print typed only as text: read as an article (a preprint)", line=line)
    elif r.source_id.startswith("oai:zenodo.org:") and any(GITHUB_RELEASE.match(u) for u in r.related_urls):
        r.work_type = WorkType.SOFTWARE
        r.warn("dc:type", "a Zenodo upload of a GitHub release (dc:relation) typed only as other: read as software",
               line=line)


def _from_sources(r: Record, found: Found, sources: list[Value]) -> Cited | None:
    """dc:source: ISSNs, the journal, a presentation's event, links; anything else is a note."""
    journal = None
    for value in sources:
        text = html.unescape(html.unescape(value.text)).strip()
        if m := re.fullmatch(r"(?:e?ISSN:?\s*)?(\d{4}-?\d{3}[\dXx])", text):
            _add_issn(r, found, m[1], value.line)
        elif journal is None and r.work_type in JOURNAL_KINDS and (cited := read_source(text)):
            journal = cited
            if r.work_type is WorkType.DOCUMENT:
                r.work_type = WorkType.ARTICLE
        elif r.work_type is WorkType.CHAPTER and not found.citations and not (r.host and r.host.book_title):
            r.host = HostItem(book_title=text)
        elif text.lower().startswith(("http://", "https://")) and " " not in text:
            if text not in r.related_urls and text != r.landing_page:
                r.related_urls.append(text)
        elif r.work_type in (WorkType.PRESENTATION, WorkType.CONFERENCE_PAPER) and r.event is None and \
                (m := re.fullmatch(r"(.+?),\s*([^,]*\b(?:19|20)\d{2})", text)):
            r.event = Event(name=m[1].strip(), dates_text=m[2].strip())
            event_dates(r.event, m[2])
        else:
            r.notes.append(f"Source: {text}")
    return journal


def _add_issn(r: Record, found: Found, text: str, line: int | None = None) -> None:
    try:
        issn = normalize.issn(text)
    except ValueError as exc:
        r.warn("dc:source", f"{exc}; kept as given, not as an ISSN", line=line)
        r.other_ids.setdefault("issn-as-given", []).append(text)
        return
    if issn not in found.issns:
        found.issns.append(issn)


def _relations(r: Record, values: list[Value]) -> tuple[tuple[str, str | None] | None, list[str]]:
    """The series named by plain-text relations, and the other plain-text relations."""
    series = None
    texts: list[str] = []
    numbers: list[str] = []
    for value in values:
        text = value.text.strip()
        if m := re.fullmatch(r"([^;]*[A-Za-z][^;]*?)\s*;\s*([^;]{1,40})", text):
            series = series or (m[1].strip(), m[2].strip())
        elif re.fullmatch(r"[\w./-]{1,12}", text) and re.search(r"\d", text):
            numbers.append(text)
        else:
            texts.append(text)
    if series is None and numbers and texts and r.work_type not in JOURNAL_KINDS:
        series = (texts.pop(0), numbers.pop(0))  # HELDA: the series title and its number apart
    texts.extend(numbers)
    if series:
        r.series.append(series)
    return series, texts
