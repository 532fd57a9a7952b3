"""Reading the values of a DataCite resource dict: text cleaned once, lists however they were written."""

from __future__ import annotations

import html
import re
from typing import Any

from mappings import normalize

ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z]+\d*);")


def unescape(value: str) -> str:
    """Entities decoded, also when written twice (``&amp;gt;`` in a JSON value is ``>``)."""
    for _ in range(3):
        if not ENTITY.search(value):
            break
        value = html.unescape(value)
    return value


def text(value: Any) -> str | None:
    """A value as one line of clean text (entities decoded, whitespace collapsed); None when empty."""
    if isinstance(value, dict):
        value = value.get("name") or value.get("title") or value.get("value")
    if value is None or isinstance(value, dict | list):
        return None
    cleaned = normalize.clean_text(unescape(str(value)))
    return cleaned or None


HTML_BREAK = re.compile(r"<br\s*/?>|</p>|</div>|</li>", re.IGNORECASE)
HTML_TAG = re.compile(r"</?(?:p|br|div|span|em|strong|i|b|u|ul|ol|li|sub|sup|a|h[1-6])\b[^<>]*>", re.IGNORECASE)


def paragraphs(value: Any) -> str | None:
    """A long text (an abstract) with its paragraphs kept apart and whitespace collapsed inside each; HTML
    tags that Zenodo and others leave in descriptions are removed (a break or paragraph end is a new line)."""
    if not isinstance(value, str):
        return None
    value = HTML_TAG.sub("", HTML_BREAK.sub("\n\n", unescape(value)))
    parts = [normalize.clean_text(p) for p in re.split(r"\n\s*\n", value)]
    joined = "\n\n".join(p for p in parts if p)
    return joined or None


def items(value: Any) -> list[Any]:
    """A list however the source wrote it: a list, a single object, a single value, or nothing."""
    if value is None or value == "":
        return []
    return value if isinstance(value, list) else [value]


def dicts(value: Any, key: str) -> list[dict[str, Any]]:
    """A list of objects; a bare string stands for an object holding it under ``key``."""
    return [v if isinstance(v, dict) else {key: v} for v in items(value) if v not in (None, "")]


def line(obj: Any) -> int | None:
    """The source line of an object read from XML (None for JSON)."""
    return obj.get("_line") if isinstance(obj, dict) else None


def lower(value: Any) -> str:
    """A type name compared without case, spaces or punctuation: "Journal Article" -> "journalarticle"."""
    return re.sub(r"[^a-z0-9]", "", str(value or "").lower())
