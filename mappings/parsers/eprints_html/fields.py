"""The meta tags of an abstract page read like the fields of an EP3 ``<eprint>``, so the EP3 readers apply.

``eprints.*`` tags are the record's own fields; where one is missing, the Highwire ``citation_*`` tag and
then the Dublin Core ``DC.*`` tag that carries the same value stand in (the journal title, volume, pages,
the date ...), and last the visible page (the title in ``<h1>``, the abstract under its heading).
"""

from __future__ import annotations

import re

from mappings.parsers.eprints_html.page import HtmlPage, Meta
from mappings.parsers.eprints_xml.fields import DROPPED, Fields

# an EP3 field -> the citation_* and DC.* meta tags that stand in for it, in order
STAND_INS = {
    "title": ("citation_title", "dc.title"), "abstract": ("citation_abstract", "dc.description"),
    "publication": ("citation_journal_title",), "volume": ("citation_volume",), "number": ("citation_issue",),
    "issn": ("citation_issn",), "isbn": ("citation_isbn",), "book_title": ("citation_book_title",),
    "series": ("citation_series_title",), "publisher": ("citation_publisher", "dc.publisher"),
    "event_title": ("citation_conference_title",), "doi": ("citation_doi",),
    "creators_name": ("citation_author", "dc.creator"), "editors_name": ("citation_editor",),
    "citation": ("dc.identifier.citation",), "document_url": ("citation_pdf_url",),
    "institution": ("citation_dissertation_institution", "citation_technical_report_institution"),
}
NOT_FIELDS = {"eprintid", "rev_number", "userid", "dir", "datestamp_text", "document_url", "citation",
              "creators_id", "creators_orcid", "contributors_type", "contributors_id", "related_url_type",
              "funders_grant_number", "editors_id", "editors_orcid", "corp_creators_id", "thesis_advisor_id"}


class MetaFields(Fields):
    """The record's fields from ``eprints.*`` meta tags (with stand-ins), remembering which were read."""

    def __init__(self, page: HtmlPage) -> None:
        self.page = page
        self.elems = {}  # no XML elements: every reader asks through __call__, all() and line()
        self.used = set(DROPPED) | NOT_FIELDS
        self.fields: dict[str, list[Meta]] = {
            name.removeprefix("eprints."): metas for name, metas in page.meta.items() if name.startswith("eprints.")}
        for name, stand_ins in STAND_INS.items():
            if name not in self.fields:
                found = next((page.values(s) for s in stand_ins if page.values(s)), None)
                if found:
                    self.fields[name] = found
        if "pagerange" not in self.fields and (first := page.first("citation_firstpage")):
            last = page.first("citation_lastpage")
            self.fields["pagerange"] = [Meta(f"{first.content}-{last.content}" if last else first.content, first.line)]
        if "date" not in self.fields and (date := page.first("citation_publication_date", "dc.date")):
            self.fields["date"] = [Meta(date.content.replace("/", "-"), date.line)]  # Highwire writes 2016/08/04
        if "title" not in self.fields and page.heading:
            self.fields["title"] = [Meta(page.heading, page.heading_line)]
        item_type = page.row("Item Type")
        if "thesis_type" not in self.fields and item_type and (m := re.search(r"\((\w+)\)", item_type.text)):
            self.fields["thesis_type"] = [Meta(m[1].lower(), item_type.line)]  # "Thesis (Doctoral)"

    def __call__(self, name: str) -> str | None:
        """The first value of a field, marking it read."""
        self.used.add(name)
        found = self.fields.get(name)
        return found[0].content if found else None

    def all(self, name: str) -> list[str]:
        """Every value of a (multiple) field, marking it read."""
        self.used.add(name)
        return [m.content for m in self.fields.get(name, [])]

    def values(self, name: str) -> list[str]:
        """Every value of a field (meta tags have no items)."""
        return self.all(name)

    def items(self, name: str) -> list:  # type: ignore[type-arg]
        """Meta tags have no XML items."""
        self.used.add(name)
        return []

    def line(self, name: str) -> int | None:
        """The line of the field's first meta tag."""
        found = self.fields.get(name)
        return found[0].line if found else None

    def unread(self) -> list[tuple[str, str]]:
        """The fields no rule read, with their values joined."""
        return [(name, "; ".join(m.content for m in metas)) for name, metas in self.fields.items()
                if name not in self.used]
