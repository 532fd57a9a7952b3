"""Google Scholar (Highwire Press) ``citation_*`` meta tags and Dublin Core meta tags for a work.

Google Scholar wants citation_title, one citation_author per author in order (never advisors or
editors) and citation_publication_date (YYYY/MM/DD or YYYY); articles add the journal, ISSN, volume, issue
and pages, chapters their book's title (citation_inbook_title, and citation_book_title as Zotero also reads it),
theses the awarding institution. Zotero and Mendeley also read citation_doi, citation_pdf_url,
citation_abstract_html_url, citation_language, citation_keywords and citation_publisher. Every attribute
value is HTML-escaped, so no value can leave its attribute.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from publisher import urls
from publisher.read.workview import PersonRef, WorkView

DC_ELEMENTS = "http://purl.org/dc/elements/1.1/"
DC_TERMS = "http://purl.org/dc/terms/"


def meta_tags(view: WorkView, base: str) -> Markup:
    """The citation_* and DC.* ``<meta>`` elements (and DC schema links) for a work, one per line."""
    lines = [_meta(name, value) for name, value in highwire(view, base) + dublin_core(view, base)]
    links = [f'<link rel="schema.DC" href="{DC_ELEMENTS}">', f'<link rel="schema.DCTERMS" href="{DC_TERMS}">']
    return Markup("\n".join(links + lines))


def highwire(view: WorkView, base: str) -> list[tuple[str, str]]:
    """The Highwire Press tags as (name, content) pairs, in the order Google Scholar documents them."""
    tags: list[tuple[str, str]] = [("citation_title", view.title)]
    tags += [("citation_author", author_name(a)) for a in view.authors]
    if view.issued:
        tags.append(("citation_publication_date", scholar_date(view.issued)))
    if view.journal:
        tags.append(("citation_journal_title", view.journal.label))
        tags += [("citation_issn", issn) for issn in view.journal.issns]
    elif view.book:  # a chapter: the book's title, under both names readers use
        tags += [("citation_inbook_title", view.book.label), ("citation_book_title", view.book.label)]
    _add(tags, "citation_volume", view.volume)
    _add(tags, "citation_issue", view.issue)
    _add(tags, "citation_firstpage", view.page_start)
    _add(tags, "citation_lastpage", view.page_end)
    tags += [("citation_isbn", isbn) for isbn in view.isbns]
    kind = view.work_type.name
    institution = view.institution or view.publisher
    if kind == "THESIS" and institution:
        tags.append(("citation_dissertation_institution", institution.label))
        _add(tags, "citation_dissertation_name", view.degree_name)
    elif kind == "REPORT" and institution:
        tags.append(("citation_technical_report_institution", institution.label))
    if view.event and kind in ("CONFERENCE_PAPER", "PRESENTATION"):
        tags.append(("citation_conference_title", view.event.label))
    _add(tags, "citation_doi", view.doi)
    publisher = view.publisher.label if view.publisher else (view.journal.publisher if view.journal else None)
    _add(tags, "citation_publisher", publisher)
    tags.append(("citation_abstract_html_url", abstract_page(view, base)))
    tags += [("citation_pdf_url", f.iri) for f in view.files if _is_pdf(f.iri)][:1]
    tags += [("citation_language", lang) for lang in view.language_tags]
    if view.keywords:
        tags.append(("citation_keywords", "; ".join(view.keywords)))
    return tags


def dublin_core(view: WorkView, base: str) -> list[tuple[str, str]]:
    """Dublin Core tags (DC.title, DC.creator ...), a last resort for harvesters that read nothing else."""
    tags: list[tuple[str, str]] = [("DC.title", view.title)]
    tags += [("DC.creator", author_name(a)) for a in view.authors]
    _add(tags, "DC.date", view.issued)
    _add(tags, "DCTERMS.issued", view.issued)
    publisher = view.institution if view.work_type.name == "THESIS" and view.institution else view.publisher
    _add(tags, "DC.publisher", publisher.label if publisher else None)
    _add(tags, "DC.type", view.work_type.value)
    if view.doi:
        tags.append(("DC.identifier", "https://doi.org/" + view.doi))
    tags.append(("DC.identifier", view.iri))
    tags += [("DC.language", lang) for lang in view.language_tags]
    tags += [("DC.subject", s) for s in view.keywords or [s.label for s in view.subjects]]
    host = view.journal or view.book
    if host:
        tags.append(("DCTERMS.isPartOf", host.label))
    if view.licence:
        tags.append(("DCTERMS.license", view.licence.iri))
    _add(tags, "DCTERMS.abstract", view.abstract)
    return tags


def author_name(agent: PersonRef) -> str:
    """An author as Google Scholar prefers it: "Family, Given" (an organisation by its name)."""
    if agent.is_person and agent.family:
        return f"{agent.family}, {agent.given}" if agent.given else agent.family
    return agent.label


def scholar_date(iso: str) -> str:
    """An ISO date (or year, or year-month) in Google Scholar's form: 2018/03/12, 2018/03 or 2018."""
    m = re.match(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", iso)
    if not m:
        return iso
    return "/".join(p for p in m.groups() if p)


def abstract_page(view: WorkView, base: str) -> str:
    """The work's abstract page: the source repository's landing page, else our page."""
    landing = view.landing_pages
    return landing[0] if landing else urls.document_url(view.iri, base)


def _is_pdf(url: str) -> bool:
    return url.lower().split("?", 1)[0].endswith(".pdf")


def _add(tags: list[tuple[str, str]], name: str, value: str | None) -> None:
    if value:
        tags.append((name, value))


def _meta(name: str, content: str) -> str:
    return f'<meta name="{escape(name)}" content="{escape(content)}">'
