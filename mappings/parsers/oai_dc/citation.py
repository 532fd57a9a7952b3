"""Citation strings in oai_dc: the journal, volume, issue and pages, or the host book, where they are readable.

Repositories put a citation in dc:identifier and the host in dc:source, in a few recognisable forms:

- EPrints: "Authors (2011) Title. Journal, 23 (1). pp. 54-63. ISSN 1361-9322" (also with creator-page links
  in angle brackets and "DOI: 10..." after it); a chapter "In: Book title. Vol.11. Wiley, New York, NY, pp. 59-62.";
- DSpace (Chicago author-date): "Authors. 2011. Title. Journal 147(1): 56-74." and "In Proceedings of ...";
- APA: "Authors (1997) Title [translated title]. Journal, 18(1-2), 251-266.";
- dc:source: "Journal, 23(1), 54-63", OJS "Journal; Vol 23, No 1 (2018); 54-63", AIP "J. Chem. Phys. 123, 064507
  (2005) (6 pages)" (volume, article number, page count).

A citation is read only after the record's own title is found in it, so the journal is whatever follows the
title; anything not in one of these forms is left alone (the citation string is kept as it is).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from mappings import normalize


@dataclass
class Cited:
    """What a citation or dc:source says about where the work appeared."""

    journal: str | None = None
    volume: str | None = None
    issue: str | None = None
    page_start: str | None = None
    page_end: str | None = None
    article_number: str | None = None
    page_count: int | None = None
    issn: str | None = None
    isbn: str | None = None
    doi: str | None = None
    book: str | None = None
    proceedings: bool = False
    publisher: str | None = None
    place: str | None = None
    status: str | None = None  # "unpublished", "in press"


PAGES = r"(\w+)(?:\s*[-–]\s*(\w+))?"
JOURNAL_FORMS = [  # the part after the title (and after trailing ISSN/ISBN/pages were taken off)
    re.compile(r"(?P<j>[^\d()]+?)\s+(?P<v>\d+)\s*(?:\((?P<i>[^)]+)\))?\s*:\s*(?P<s>\d+)(?:\s*[-–]\s*(?P<e>\d+))?"),
    re.compile(r"(?P<j>[^,()]+?),\s*(?:vol\.?\s*)?(?P<v>\d+)\s*\((?P<i>[^)]+)\),\s*(?:pp?\.\s*)?(?P<s>\d+)"
               r"(?:\s*[-–]\s*(?P<e>\d+))?", re.IGNORECASE),
    re.compile(r"(?P<j>(?:[^,(]|\([^)]*\))+?)(?:,\s*(?:vol\.?\s*)?(?P<v>[\w.-]{0,10}\d[\w.-]{0,10}))?(?:\s*\((?P<i>[\w/-]{1,12})\))?",
               re.IGNORECASE),
]
SOURCE_FORMS = [
    re.compile(r"(?P<j>[^;]+?);\s*Vol\.?\s*(?P<v>\w+)(?:,?\s*No\.?\s*(?P<i>[\w/-]+))?(?:\s*\((?P<y>\d{4})\))?"
               r"(?:;\s*(?P<s>\d+)(?:-(?P<e>\d+))?)?", re.IGNORECASE),
    re.compile(r"(?P<j>[^,\d][^,]*?),\s*(?:vol\.?\s*)?(?P<v>\d+)\s*(?:\((?P<i>[\w/-]+)\))?"
               r"(?:,\s*(?:pp?\.?\s*)?(?P<s>\d+)(?:\s*[-–]\s*(?P<e>\d+))?)?\.?", re.IGNORECASE),
    re.compile(r"(?P<j>[A-Z][\w.&' -]*?\.)\s+(?P<v>\d+),\s*(?P<n>\d+)\s*\((?P<y>\d{4})\)"
               r"(?:\s*\((?P<c>\d+)\s*pages?\))?"),
]


def _clean(text: str) -> tuple[str, str | None]:
    """The citation without links, with its "DOI: ..." taken out."""
    text = html.unescape(text)
    text = re.sub(r"<\s*https?://[^>]*>", " ", text)
    doi = None
    if m := re.search(r"\bDOI:?\s*(10\.\d{4,9}/\S+)", text, re.IGNORECASE):
        doi, text = m[1].rstrip(".,;"), text[: m.start()] + text[m.end():]
    text = re.sub(r"\bhttps?://\S+", " ", text)
    return normalize.clean_text(text), doi


def _after_title(text: str, title: str) -> str | None:
    words = re.findall(r"\w+", title)
    if not words:
        return None
    trail = re.search(r"\W*$", title)
    pattern = r"\W*".join(map(re.escape, words)) + (f"(?:{re.escape(trail[0].strip())})?" if trail else "")
    m = re.search(pattern, text, re.IGNORECASE)
    if m is None:
        return None
    rest = text[m.end():].lstrip(" .?!\"'”’:;")
    return re.sub(r"^\[[^\]]*\]\.?\s*", "", rest)  # a translated title in brackets


def _take(pattern: str, text: str) -> tuple[re.Match[str] | None, str]:
    m = re.search(pattern + r"\s*\.?\s*$", text, re.IGNORECASE)
    return (m, text[: m.start()].rstrip(" .,;")) if m else (None, text)


def read_citation(text: str, title: str) -> Cited | None:
    """The host details of a repository citation (None when the title is not found in it)."""
    clean, doi = _clean(text)
    rest = _after_title(clean, title)
    if rest is None:
        return None
    cited = Cited(doi=doi)
    m, rest = _take(r"\((unpublished|in press|submitted)\)", rest)
    cited.status = m[1].lower() if m else None
    m, rest = _take(r"\bISBN:?\s*([\dXx-]{10,17})", rest)
    cited.isbn = m[1] if m else None
    m, rest = _take(r"\bISSN:?\s*(\d{4}-?\d{3}[\dXx])", rest)
    cited.issn = m[1] if m else None
    if re.match(r"In:?\s", rest):
        _book_part(cited, rest)
        return cited
    m, rest = _take(r"[.,]?\s*Art\.?\s*No\.?\s*(\w+)", rest)
    cited.article_number = m[1] if m else None
    m, rest = _take(r"[.,]?\s*pp?\.\s*" + PAGES, rest)
    if not m:  # EPrints without "pp.": "Journal, 16 (7). 774–785." or "BMJ, 344. e921."
        m, rest = _take(r"(?<=[\w)])\.\s+([A-Za-z]?\d+)(?:\s*[-–]\s*([A-Za-z]?\d+))?", rest)
    if m:
        cited.page_start, cited.page_end = m[1], m[2]
    rest = rest.strip(" .")
    for form in JOURNAL_FORMS:
        if (found := form.fullmatch(rest)) and _journal_like(found["j"]):
            cited.journal, cited.volume, cited.issue = found["j"].strip(" ."), found["v"], found["i"]
            groups = found.groupdict()
            if groups.get("s"):
                cited.page_start, cited.page_end = groups["s"], groups.get("e")
            break
    else:  # "Culture, medicine and psychiatry. ISSN ...": a title with a comma, nothing after it
        if cited.issn and rest and not re.search(r"\d", rest.replace("(", "").split("(")[0]) and _journal_like(rest):
            cited.journal = rest
    return cited


def _journal_like(text: str) -> bool:
    outside = re.sub(r"\([^)]*\)", "", text)  # "Social science & medicine (1982)": a year in brackets is the title's
    return bool(re.search(r"[A-Za-z]{3}", text)) and len(text) < 200 and not re.search(r"\b(?:19|20)\d{2}\b", outside)


def _book_part(cited: Cited, rest: str) -> None:
    cited.proceedings = bool(re.match(r"In:?\s+(?:the\s+)?Proceedings\b", rest, re.IGNORECASE))
    m, rest = _take(r"[.,]?\s*pp?\.\s*" + PAGES, rest)
    if m:
        cited.page_start, cited.page_end = m[1], m[2]
    body = re.sub(r"^In:?\s+", "", rest)
    body = re.sub(r"^.+?,?\s*\((?:eds?|Eds?)\.?\),?\s*", "", body)  # the editors
    book, _, after = body.partition(". ")
    if cited.proceedings:
        return  # "In Proceedings of X, Place, Dates, pages. Publisher": too loose to split reliably
    cited.book = book.strip(" .") or None
    if m := re.match(r"Vol\.?\s*(\w+)\.?\s*", after, re.IGNORECASE):
        cited.volume, after = m[1], after[m.end():]
    if m := re.fullmatch(r"([^,.]+?)\s*,\s*([^.]+?)\.?", after.strip()):
        cited.publisher, cited.place = m[1].strip(), m[2].strip()


def read_source(text: str) -> Cited | None:
    """The host journal named in a dc:source value (None when it is in no known form)."""
    value = html.unescape(text).strip()
    for form in SOURCE_FORMS:
        m = form.fullmatch(value)
        if not m or not _journal_like(m["j"]):
            continue
        groups = m.groupdict()
        if re.fullmatch(r"1[5-9]\d\d|20\d\d", m["v"]) and not (groups.get("i") or groups.get("s")):
            continue  # "Cancer. Université Montpellier, 2018": a year, not a volume
        cited = Cited(journal=m["j"].strip(" ;,"), volume=m["v"], issue=groups.get("i"))
        if groups.get("n"):  # AIP: the number after the volume is an article number; "(6 pages)" a count
            cited.article_number = groups["n"]
            cited.page_count = int(groups["c"]) if groups.get("c") else None
        elif groups.get("s"):
            cited.page_start, cited.page_end = groups["s"], groups.get("e")
        return cited
    return None
