"""Where a Crossref work sits: journal (ISSNs by type), host book of a chapter (ISBNs), or a series."""

from __future__ import annotations

import re

from mappings import normalize
from mappings.model import HostItem, Periodical, Record, WorkType
from mappings.parsers.crossref.values import Work, date_parts

ARTICLE_NUMBER = re.compile(r"^(?:Art(?:icle)?\.?\s*(?:No\.?|Nr\.?|Number|#)\s*|e-?locator\s*)(\S+)$", re.I)
VOLUME_YEAR = re.compile(r"^(\w+)\s*\((?:1[5-9]|20)\d{2}\)$")


def checked(r: Record, kind: str, values: list[str], field: str) -> list[str]:
    """The valid ISSNs (or ISBNs as ISBN-13) among ``values``; each bad one is a warning, not a refusal."""
    good: list[str] = []
    for value in values:
        try:
            good.append(normalize.issn(value) if kind == "issn" else normalize.isbn13(value))
        except ValueError as exc:
            r.warn(field, f"{exc}: left out")
    return list(dict.fromkeys(good))


def _typed(get: Work, key: str, types_key: str) -> dict[str, list[str]]:
    typed: dict[str, list[str]] = {}
    for entry in get.dicts(types_key):
        if isinstance(entry, dict) and entry.get("value"):
            typed.setdefault(str(entry.get("type", "")), []).append(str(entry["value"]))
    listed = [str(v) for v in get.items(key) if isinstance(v, str | int)]
    known = {v for vs in typed.values() for v in vs}
    typed.setdefault("", []).extend(v for v in listed if v not in known)
    return typed


def read_host(r: Record, get: Work) -> None:
    """The host journal or book (or the series of a book, thesis, report or dataset), pages, volume, issue."""
    container = get.first("container-title")
    issns = _typed(get, "ISSN", "issn-type")
    isbns = _typed(get, "ISBN", "isbn-type")
    all_isbns = list(dict.fromkeys(checked(r, "isbn", [v for vs in isbns.values() for v in vs], "ISBN")))
    page = get.first("page")
    article_number = get.first("article-number")
    if page and (m := ARTICLE_NUMBER.match(page)):  # "Art. No. 130923" is no page
        article_number, page = article_number or m.group(1), None
    start, _, end = (page or "").partition("-")
    volume = get.first("volume")
    if volume and (m := VOLUME_YEAR.match(volume)):  # "83 (1999)": the year glued to the volume
        r.warn("volume", f"volume {volume!r} holds the year too: read as volume {m.group(1)}")
        volume = m.group(1)
    host = HostItem(
        volume=volume,
        issue=get.first("issue"),
        page_start=start.strip() or None,
        page_end=end.strip() or None,
        article_number=article_number,
    )
    if isinstance(issue := get("journal-issue"), dict):
        host.issue_date = date_parts(issue.get("published-print")) or date_parts(
            issue.get("published-online")
        )
    if r.work_type in (WorkType.BOOK, WorkType.THESIS, WorkType.REPORT, WorkType.DATASET) or not container:
        r.isbns.extend(i for i in all_isbns if i not in r.isbns)
        if container:
            r.series.append((container, get.first("volume")))
        if any(issns.values()):
            r.other_ids["issn"] = checked(r, "issn", [v for vs in issns.values() for v in vs], "ISSN")
        return
    if r.work_type in (WorkType.CHAPTER, WorkType.CONFERENCE_PAPER) and (
        all_isbns or not any(issns.values())
    ):
        host.book_title, host.book_isbns = container, all_isbns
    else:
        host.periodical = Periodical(
            title=container,
            issns=checked(r, "issn", issns.get("print", []) + issns.get("", []), "ISSN"),
            eissns=checked(r, "issn", issns.get("electronic", []), "ISSN"),
        )
    r.host = host
