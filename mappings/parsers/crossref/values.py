"""Reading a Crossref work object's values: keys remembered as read, text without markup, date-parts."""

from __future__ import annotations

import html
import re
from typing import Any

from mappings import normalize

DROPPED = {"indexed", "created", "reference-count", "references-count", "is-referenced-by-count", "reference",
           "relation", "score", "member", "prefix", "source", "content-domain", "short-container-title",
           "update-policy", "assertion", "archive", "URL", "published", "published-print", "issn-type",
           "isbn-type", "resource", "journal-issue", "status"}


class Work:
    """A work object's keys, remembering which ones a rule has read."""

    def __init__(self, item: dict[str, Any]) -> None:
        self.item = item
        self.used: set[str] = set(DROPPED)

    def __call__(self, key: str) -> Any:
        self.used.add(key)
        return self.item.get(key)

    def items(self, key: str) -> list[Any]:
        """A list value (a single value as a list of one; nothing as an empty list)."""
        value = self(key)
        if isinstance(value, list):
            return value
        return [] if value in (None, "", {}) else [value]

    def dicts(self, key: str) -> list[dict[str, Any]]:
        """The objects of a list value (anything else in it is skipped)."""
        return [v for v in self.items(key) if isinstance(v, dict)]

    def strings(self, key: str) -> list[str]:
        """The non-empty strings of a list value."""
        return [v for v in self.items(key) if isinstance(v, str) and v.strip()]

    def first(self, key: str) -> str | None:
        value = self(key)
        if isinstance(value, list):
            value = next((v for v in value if isinstance(v, str) and v.strip()), None)
        return clean(value) if isinstance(value, str) else None


ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z]+\d*);")


def clean(value: object) -> str:
    """Text without markup (<i>, <jats:italic>, <sub> ...) and entities, also entities escaped twice
    ("&amp;nbsp;" is a no-break space, collapsed like any other space)."""
    text = re.sub(r"<[^>]+>", "", value if isinstance(value, str) else str(value))
    for _ in range(3):
        if not ENTITY.search(text):
            break
        text = re.sub(r"<[^>]+>", "", html.unescape(text))
    return normalize.clean_text(text)


def jats_text(value: str) -> str:
    """A JATS abstract as plain text: paragraphs kept apart, section titles as "Title: " before their text."""
    text = re.sub(r"<(?:jats:)?title>\s*Abstract\s*</(?:jats:)?title>", "", value, flags=re.IGNORECASE)
    text = re.sub(r"<(?:jats:)?title>(.*?)</(?:jats:)?title>\s*(?:<(?:jats:)?p>)?", r"\1: ", text, flags=re.S)
    text = re.sub(r"</(?:jats:)?p>|</(?:jats:)?sec>", "\n\n", text)
    paragraphs = [clean(p) for p in re.split(r"\n\s*\n", text)]
    return "\n\n".join(p for p in paragraphs if p)


def date_parts(value: Any) -> str | None:
    """An ISO date from a Crossref date object ({"date-parts": [[2018, 3, 12]]})."""
    if not isinstance(value, dict):
        return None
    outer = value.get("date-parts") or [[None]]
    parts = outer[0] if isinstance(outer, list) and outer else None
    if not isinstance(parts, list) or not parts or parts[0] is None:
        return None
    try:
        numbers = [int(p) for p in parts[:3] if p is not None]
    except (TypeError, ValueError):
        return None  # not numbers: no date (the caller warns where a date of issue is missing)
    if not 0 < numbers[0] < 10000 or any(not 0 < n < 100 for n in numbers[1:]):
        return None
    return "-".join([f"{numbers[0]:04d}", *(f"{n:02d}" for n in numbers[1:])])


