"""An EPrints abstract page as HTML, cut into what a reader needs: meta tags, links, and the visible parts.

EPrints writes three sets of meta tags into the page head: ``eprints.*`` (every exported field of the record,
a multiple field repeated, names as "Family, Given", the citation and each document's URL), ``DC.*`` (Dublin
Core: subjects as labels, each document's licence code and URL, the citation) and ``citation_*`` (Highwire
Press for Google Scholar); ``<link rel="alternate">`` names every export of the record (EP3 XML, BibTeX ...)
and ``<link rel="canonical">`` the page. The visible page (the default ``summary_page`` citation of EPrints 3)
has the title in ``<h1>``, the citation in the first paragraph, document links (``a.ep_document_link``), the
official URL, the abstract under an "Abstract" heading, and the field table (``<th>Label:</th><td>...</td>``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urljoin

import lxml.html
from lxml import etree

from mappings import normalize
from mappings.parsers.common.text_input import decode_text


@dataclass
class Meta:
    """One meta tag's value and the line it is on."""

    content: str
    line: int | None


@dataclass
class Row:
    """One row of the visible field table: its label (without the colon), its text, its links, its line."""

    label: str
    text: str
    links: list[str] = field(default_factory=list)
    line: int | None = None


def decode_html(data: bytes, source: str) -> str:
    """The page as text: in the charset its meta tag declares, else UTF-8 (FormatError naming the line if not);
    without an XML declaration (which lxml refuses on text)."""
    declared = re.search(rb"<meta[^>]+charset=[\"']?([\w-]+)", data[:8192], re.IGNORECASE)
    charset = declared[1].decode("ascii").lower() if declared else "utf-8"
    if charset not in ("utf-8", "utf8"):
        try:
            text = data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            text = decode_text(data, source)
    else:
        text = decode_text(data, source)
    return re.sub(r"^\s*<\?xml[^>]*\?>", "", text)


def _text(elem: etree._Element) -> str:
    return normalize.clean_text(elem.text_content())


class HtmlPage:
    """The meta tags (by lower-cased name), links and visible parts of an abstract page."""

    def __init__(self, data: bytes, source: str = "") -> None:
        doc = lxml.html.document_fromstring(decode_html(data, source))
        for br in doc.iter("br"):  # a line break separates words in the text
            br.tail = "\n" + (br.tail or "")
        self.meta: dict[str, list[Meta]] = {}
        for tag in doc.iter("meta"):
            name, content = tag.get("name"), tag.get("content")
            if name and content and content.strip():
                self.meta.setdefault(name.strip().lower(), []).append(Meta(content.strip(), tag.sourceline))
        self.base = next((h for h in doc.xpath("//base/@href") if str(h).startswith("http")), None)
        self.links: list[tuple[str, str, str, str]] = []  # rel, absolute href, title, type
        for link in doc.iter("link"):
            href = (link.get("href") or "").strip()
            if href:
                self.links.append(((link.get("rel") or "").lower(), self.absolute(href), link.get("title") or "",
                                   link.get("type") or ""))
        heading = doc.xpath("//h1[contains(@class, 'ep_tm_pagetitle')] | //*[@id='page-title'] | //h1")
        self.heading = _text(heading[0]) if heading else None
        self.heading_line = heading[0].sourceline if heading else None
        self.rows: list[Row] = []
        for tr in doc.xpath("//tr[th and td]"):
            label = _text(tr.xpath("th")[0]).rstrip(":").strip()
            cell = tr.xpath("td")[0]
            links = [self.absolute(str(h)) for h in cell.xpath(".//a/@href")]
            if label:
                self.rows.append(Row(label, _text(cell), links, tr.sourceline))
        self.abstract = self._abstract(doc)
        content = doc.xpath("//*[contains(@class, 'ep_summary_content_main')] | //*[contains(@class, "
                            "'ep_summary_content')]")
        paragraphs = content[0].xpath(".//p") if content else doc.xpath("//p")
        self.citation = next((_text(p) for p in paragraphs if re.search(r"\(\d{4}[a-z]?\)", _text(p))), None)
        self.documents = [self.absolute(str(h)) for h in doc.xpath("//a[contains(@class, 'ep_document_link')]/@href")]
        versions = [m[1] for d in doc.xpath("//*[contains(@class, 'ep_summary_page_document')]")
                    if (m := re.search(r"\b((?:Accepted|Published|Submitted|Updated) Version)\b", _text(d)))]
        self.version = versions[0] if versions else None  # the first document's: the main one
        self.official_url = next((self.absolute(str(h)) for div in doc.xpath(
            "//*[starts-with(normalize-space(text()), 'Official URL')]") for h in div.xpath(".//a/@href")), None)

    @staticmethod
    def _abstract(doc: etree._Element) -> str | None:
        heading = doc.xpath("//h2[normalize-space(.)='Abstract'] | //h3[normalize-space(.)='Abstract']")
        if not heading:
            return None
        parts = []
        for sibling in heading[0].itersiblings():
            if sibling.tag in ("h2", "h3", "table"):
                break
            text = "\n\n".join(_text(p) for p in sibling.xpath(".//p")) or _text(sibling)
            if text:
                parts.append(text)
        return "\n\n".join(parts) or None

    def absolute(self, href: str) -> str:
        """A link made absolute against the page's base or canonical URL."""
        base = self.base or next((h for rel, h, _, _ in getattr(self, "links", []) if rel == "canonical"), None)
        return urljoin(base, href) if base else href

    def values(self, name: str) -> list[Meta]:
        """The values of a meta tag (case-insensitive name)."""
        return self.meta.get(name.lower(), [])

    def first(self, *names: str) -> Meta | None:
        """The first value of the first of these meta tags present."""
        return next((m for n in names for m in self.values(n)), None)

    def row(self, *labels: str) -> Row | None:
        """The first visible field row with one of these labels (case-insensitive)."""
        wanted = {normalize.fold(label) for label in labels}
        return next((r for r in self.rows if normalize.fold(r.label) in wanted), None)
