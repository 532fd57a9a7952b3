"""Free text in Dublin Core: HTML in descriptions, and which dc:description is the abstract.

Zenodo and others put HTML in dc:description, its markup escaped once ("&lt;p&gt;") or twice
("&amp;lt;p&amp;gt;" in the XML); it becomes plain text, paragraphs apart. The abstract is the description
that reads like one: arXiv's "Comment: 14 pages, 6 figures", a digitisation note, "First Line: ...", a bare
page count or a department name are notes, and "[no abstract]" is nothing.
"""

from __future__ import annotations

import html
import re

from mappings import normalize

TAG = re.compile(r"</?(?:p|br|div|h[1-6]|ul|ol|li|a|em|strong|i|b|u|sup|sub|span|table|tr|td|th|blockquote|pre|code"
                 r"|hr|dl|dt|dd|small|big|font|section|article|header|footer|figure|figcaption)\b[^<>]*/?>",
                 re.IGNORECASE)
BLOCK = re.compile(r"</?(?:p|br|div|h[1-6]|ul|ol|li|table|tr|blockquote|pre|hr|dl|dt|dd|section|figure)\b[^<>]*/?>",
                   re.IGNORECASE)
ESCAPED_TAG = re.compile(r"&lt;/?[a-z][a-z0-9]*\b", re.IGNORECASE)
ENTITY = re.compile(r"&(?:[a-z]{2,8}|#\d{1,7}|#x[0-9a-f]{1,6});", re.IGNORECASE)
NOTE = re.compile(
    r"^(?:comments?\s*:|note\s*:|notes\s*:|key\s*:|citation\s*:|first line(?: of chorus)?\s*:|title of larger work\s*:"
    r"|journal-ref\s*:|report[- ]no\s*:|msc class\s*:|acm class\s*:|original (?:image|item|document)s? digiti[sz]ed"
    r"|digiti[sz]ed (?:by|in|on)\b|\(?\d+\s*(?:pages?|pp\.?|p\.)(?:[,;]\s*\d+\s*(?:figures?|tables?|figs?\.?))*\)?\.?$"
    r"|\d+\s*figures?\b)", re.IGNORECASE)
PLACEHOLDER = {"no abstract", "no abstract available", "abstract not available", "not available", "n/a", "none",
               "abstract", "-", "--", "tba", "to be added"}


def plain_text(value: str) -> str:
    """Text without HTML markup (escaped once or twice in the source), paragraphs separated by blank lines."""
    text = value
    for _ in range(2):  # "&amp;lt;p&amp;gt;" in the XML is "&lt;p&gt;" after parsing: one more round
        if ESCAPED_TAG.search(text):
            text = html.unescape(text)
    if TAG.search(text):
        text = html.unescape(TAG.sub("", BLOCK.sub("\n\n", text)))
    elif ENTITY.search(text):
        text = html.unescape(text)
    return paragraphs(text)


def paragraphs(text: str) -> str:
    """Hard-wrapped text as paragraphs: lines joined, blank lines kept as paragraph breaks."""
    out: list[str] = []
    current: list[str] = []
    for line in (normalize.clean_text(line) for line in text.split("\n")):
        if line:
            current.append(line)
        elif current:
            out.append(" ".join(current))
            current = []
    if current:
        out.append(" ".join(current))
    return "\n\n".join(out)


def is_placeholder(text: str) -> bool:
    """Whether a description says there is no abstract ("[no abstract]", "N/A")."""
    return normalize.fold(text).strip(" []().").strip() in PLACEHOLDER


def is_note(text: str) -> bool:
    """Whether a description is a note rather than an abstract (a comment, a page count, a digitisation note,
    a heading of a few words such as a department's name)."""
    if NOTE.match(text.strip()):
        return True
    words = text.split()
    return len(words) < 4 and not text.rstrip().endswith((".", "!", "?"))


def choose_abstract(descriptions: list[str]) -> tuple[str | None, list[str], list[str]]:
    """(the abstract, the notes, the placeholders dropped) from the descriptions in source order: the first
    that reads like an abstract of 20 words or more, else the longest that reads like one at all."""
    notes: list[str] = []
    dropped: list[str] = []
    candidates: list[str] = []
    for text in descriptions:
        if is_placeholder(text):
            dropped.append(text)
        elif is_note(text):
            notes.append(text)
        elif text not in candidates:
            candidates.append(text)
    if not candidates:
        return None, notes, dropped
    abstract = next((c for c in candidates if len(c.split()) >= 20), max(candidates, key=len))
    others = [c for c in candidates if c is not abstract]
    return abstract, [*others, *notes], dropped
