"""Reading JSON within the nesting limit (:mod:`mappings.limits`): deeper values are refused, never recursed into."""

from __future__ import annotations

import json
from typing import Any

from mappings.limits import current, json_depth
from mappings.model import FormatError, RecordError


def too_deep(value: object) -> bool:
    """Whether a parsed JSON value nests deeper than the limit allows."""
    return json_depth(value) > current().max_depth


def depth_error(source: str, *, record: str = "", line: int | None = None, whole: bool = False) -> RecordError:
    """The refusal of a value nested too deeply: the file's (``whole``) or one record's."""
    message = f"the JSON nests deeper than {current().depth_text()}, the most an input may"
    if whole:
        return FormatError(message, file=source, line=line)
    return RecordError(message, file=source, record=record, line=line)


def loads(text: str, source: str, *, record: str = "", line: int | None = None, whole: bool = False) -> Any:
    """``json.loads`` refusing what is too deep for Python's reader (json.JSONDecodeError as usual; the depth
    refusal raised). A whole document (``whole``: a response holding many records) is not held to the limit:
    its records are, one by one (:func:`too_deep`), so one deep record rejects itself alone."""
    try:
        value = json.loads(text)
    except RecursionError:
        raise depth_error(source, record=record, line=line, whole=whole) from None
    if not whole and too_deep(value):
        raise depth_error(source, record=record, line=line)
    return value
