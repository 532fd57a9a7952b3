"""BibTeX (``application/x-bibtex``) for a work: one entry with a stable key and properly escaped fields.

Entry types: @article, @phdthesis (doctoral), @mastersthesis (other theses, with ``type`` naming the
degree when it is not a master's), @book, @incollection and @inproceedings (``booktitle`` the book they are in,
else the conference), @techreport, else @misc. LaTeX
specials (``\\ { } $ & % # _ ^ ~``) are escaped; words in the title written with capitals are braced so
sentence-casing styles keep them; non-ASCII text stays UTF-8 (biber and bibtexparser read it).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from mappings.model import WorkType
from publisher.read.workview import PersonRef, WorkView
from publisher.render.citations.csl import publisher_name, thesis_genre

MEDIA_TYPE = "application/x-bibtex"
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
STOPWORDS = {"a", "an", "the", "of", "on", "in", "and", "for", "to", "with", "at", "by", "from", "is", "it"}
_SPECIALS = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "%": r"\%",
             "#": r"\#", "_": r"\_", "^": r"\^{}", "~": r"\~{}"}
_SPECIAL_RE = re.compile(r"[\\{}$&%#_^~]")
Add = Callable[[tuple[str, str]], None]


def render(view: WorkView, params: dict[str, str] | None = None) -> bytes:
    """The work as one BibTeX entry (UTF-8)."""
    return bibtex_entry(view).encode("utf-8")


def entry_type(view: WorkView) -> str:
    """The BibTeX entry type of a work."""
    kind = view.work_type
    if kind is WorkType.ARTICLE:
        return "article"
    if kind is WorkType.THESIS:
        return "phdthesis" if thesis_genre(view) == "Doctoral thesis" else "mastersthesis"
    return {WorkType.BOOK: "book", WorkType.CHAPTER: "incollection",
            WorkType.CONFERENCE_PAPER: "inproceedings", WorkType.REPORT: "techreport"}.get(kind, "misc")


def citation_key(view: WorkView) -> str:
    """A stable key: first author's family name, year and first significant title word (boyce2018safe)."""
    who = view.authors[0] if view.authors else None
    name = (who.family or who.label) if who else "anon"
    year = (view.issued or "")[:4] if (view.issued or "")[:4].isdigit() else "nd"
    words = [w for w in _ascii(view.title).split() if w and w not in STOPWORDS]
    return (_ascii(name).replace(" ", "")[:30] or "anon") + year + (words[0][:20] if words else "")


def bibtex_entry(view: WorkView) -> str:
    """The BibTeX text of one entry."""
    kind = entry_type(view)
    fields: list[tuple[str, str]] = []
    add = fields.append
    if view.authors:
        add(("author", " and ".join(_name(a) for a in view.authors)))
    if view.editors:
        add(("editor", " and ".join(_name(a) for a in view.editors)))
    add(("title", protect_case(escape(view.title))))
    if view.journal:
        add(("journal", escape(view.journal.label)))
    if view.book and kind in ("incollection", "inproceedings"):  # the book a chapter or paper is in
        add(("booktitle", protect_case(escape(view.book.label))))
    elif view.event and kind in ("inproceedings", "misc"):
        add(("booktitle" if kind == "inproceedings" else "howpublished", escape(view.event.label)))
    _opt(add, "volume", view.volume)
    _opt(add, "number", view.issue)
    if view.page_start:
        add(("pages", escape(view.page_start + (f"--{view.page_end}" if view.page_end else ""))))
    year, month = _year_month(view.issued)
    _opt(add, "year", year)
    if month:
        add(("month", MONTHS[month - 1]))
    _thesis_or_publisher(view, kind, add)
    _opt(add, "address", view.place)
    _opt(add, "edition", view.edition)
    if view.series:
        add(("series", escape(view.series[0].label)))
    if view.doi:
        add(("doi", _verbatim(view.doi)))
    if view.journal and view.journal.issns:
        add(("issn", escape(view.journal.issns[0])))
    _opt(add, "isbn", view.isbns[0] if view.isbns else None)
    add(("url", _verbatim(view.doi_iri or (view.landing_pages or [view.iri])[0])))
    _opt(add, "language", view.language_tags[0] if view.language_tags else None)
    _opt(add, "keywords", ", ".join(view.keywords))
    _opt(add, "abstract", view.abstract)
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{kind}{{{citation_key(view)},\n{body}\n}}\n"


def escape(text: str) -> str:
    """Text with LaTeX specials escaped and whitespace collapsed (braces then always balance)."""
    return _SPECIAL_RE.sub(lambda m: _SPECIALS[m[0]], " ".join(text.split()))


def protect_case(escaped: str) -> str:
    """Brace every word after the first that holds a capital letter, so BibTeX styles keep its case."""
    words = escaped.split(" ")
    return " ".join(w if i == 0 or not re.search(r"[A-Z]", w) or "\\" in w else "{" + w + "}"
                    for i, w in enumerate(words))


def _thesis_or_publisher(view: WorkView, kind: str, add: Add) -> None:
    """school (+ type) for theses, institution for reports, publisher otherwise."""
    institution = view.institution or view.publisher
    if kind in ("phdthesis", "mastersthesis"):
        if institution:
            add(("school", escape(institution.label)))
        genre = thesis_genre(view)
        if genre not in ("Doctoral thesis", "Master's thesis"):
            add(("type", escape(genre)))
    elif kind == "techreport" and institution:
        add(("institution", escape(institution.label)))
    else:
        publisher = publisher_name(view)
        if publisher:
            add(("publisher", escape(publisher)))


def _name(agent: PersonRef) -> str:
    """"Family, Given" for people; an organisation braced so BibTeX does not split it."""
    if agent.is_person and agent.family:
        family = escape(agent.family)
        return f"{family}, {escape(agent.given)}" if agent.given else family
    return "{" + escape(agent.label) + "}"


def _year_month(iso: str | None) -> tuple[str | None, int | None]:
    m = re.match(r"(\d{4})(?:-(\d{2}))?", iso or "")
    if not m:
        return None, None
    month = int(m[2]) if m[2] and 1 <= int(m[2]) <= 12 else None
    return m[1], month


def _verbatim(value: str) -> str:
    """A DOI or URL for a verbatim field: only braces, backslashes and spaces percent-encoded."""
    return value.replace("{", "%7B").replace("}", "%7D").replace("\\", "%5C").replace(" ", "%20")


def _opt(add: Add, name: str, value: str | None) -> None:
    if value:
        add((name, escape(value)))


def _ascii(text: str) -> str:
    """Lower-case ASCII letters, digits and spaces only (for keys)."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9 ]+", "", folded.replace("-", " "))
