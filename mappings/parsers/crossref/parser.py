"""The ``crossref`` parser: Crossref JSON cut into work objects, resuming after a break."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any, BinaryIO

from mappings.model import FormatError, Record, RecordError
from mappings.parsers.base import Parser
from mappings.parsers.common.json_input import depth_error, loads, too_deep
from mappings.parsers.common.text_input import decode_text
from mappings.parsers.crossref.fields import work_record
from mappings.parsers.crossref.sniff import crossref

DECODER = json.JSONDecoder()
ITEMS = re.compile(r'"items"\s*:\s*\[')


def _is_work(obj: object) -> bool:
    return isinstance(obj, dict) and "DOI" in obj and "type" in obj


def _line_col(text: str, pos: int) -> tuple[int, int]:
    line = text.count("\n", 0, pos) + 1
    return line, pos - (text.rfind("\n", 0, pos) + 1) + 1


def _resync(text: str, pos: int) -> tuple[dict[str, Any], int] | None:
    """The next whole work object at or after ``pos`` (skipping authors, references ... of a broken work)."""
    while (start := text.find("{", pos)) >= 0:
        try:
            obj, end = DECODER.raw_decode(text, start)
        except json.JSONDecodeError:
            pos = start + 1
            continue
        if _is_work(obj):
            return obj, end
        pos = start + 1
    return None


def _items(text: str, pos: int, source: str) -> Iterator[dict[str, Any] | RecordError]:
    """Work objects of a JSON array starting at ``pos`` (just after '['), one at a time, surviving breaks."""
    count = 0
    while True:
        while pos < len(text) and text[pos] in " \t\r\n,":
            pos += 1
        if pos >= len(text) or text[pos] == "]":
            return
        try:
            obj, pos = DECODER.raw_decode(text, pos)
            count += 1
            yield obj
        except json.JSONDecodeError as exc:
            count += 1
            line, col = _line_col(text, exc.pos)
            yield RecordError(
                f"broken JSON: {exc.msg} (column {col})", file=source, record=f"item #{count}", line=line
            )
            found = _resync(text, exc.pos)
            if found is None:
                return
            obj, pos = found
            count += 1
            yield obj


def _documents(text: str, source: str) -> Iterator[dict[str, Any] | RecordError]:
    """The work objects of a response, a bare work, a list of works, or JSON Lines."""
    try:
        doc = loads(text, source, whole=True)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":  # JSON Lines: one response or work per line
            for number, row in enumerate(text.splitlines(), start=1):
                if row.strip():
                    try:
                        yield from _unwrap(loads(row, source, record=f"line {number}", line=number), source)
                    except json.JSONDecodeError as err:
                        yield RecordError(f"broken JSON: {err.msg}", file=source, line=number)
                    except RecordError as err:  # nested too deeply
                        yield err
            return
        if m := ITEMS.search(text):
            yield from _items(text, m.end(), source)
            return
        if (found := _resync(text, 0)) is not None:  # a single broken response: report it, map what is whole
            line, col = _line_col(text, exc.pos)
            yield RecordError(f"broken JSON: {exc.msg} (column {col})", file=source, line=line)
            yield found[0]
            return
        line, col = _line_col(text, exc.pos)
        raise FormatError(f"not JSON: {exc.msg} (column {col})", file=source, line=line) from None
    yield from _unwrap(doc, source)


def _unwrap(doc: object, source: str) -> Iterator[dict[str, Any] | RecordError]:
    if isinstance(doc, list):
        for item in doc:
            yield from _unwrap(item, source)
        return
    if not isinstance(doc, dict):
        raise FormatError("not a Crossref response: the JSON is neither an object nor a list", file=source)
    if doc.get("status") not in (None, "ok"):
        detail = doc.get("message")
        if isinstance(detail, list):
            detail = "; ".join(str(d.get("message", d)) if isinstance(d, dict) else str(d) for d in detail)
        raise FormatError(
            f"Crossref answered {doc.get('status')!r} ({doc.get('message-type')}): {detail}", file=source
        )
    message = doc.get("message", doc) if "message-type" in doc else doc
    if isinstance(message, dict) and isinstance(message.get("items"), list):
        yield from message["items"]
    elif _is_work(message):
        yield message
    else:
        raise FormatError(
            f"not a Crossref work or work list (message-type {doc.get('message-type')!r})", file=source
        )


class CrossrefParser(Parser):
    """Crossref REST API JSON."""

    name = "crossref"
    description = "Crossref REST API JSON (work, work-list, bare works or JSON Lines)"

    @classmethod
    def sniff(cls, head: bytes) -> int:
        """See :func:`mappings.parsers.crossref.sniff.crossref`."""
        return crossref(head)

    def parse(self, stream: BinaryIO, source: str) -> Iterator[Record | RecordError]:
        """Yield a Record (or RecordError) per work."""
        try:
            text = decode_text(stream.read(), source)
        except FormatError as exc:
            yield exc
            return
        if text.strip().startswith("Resource not found"):
            yield FormatError("Crossref answered 'Resource not found.' (no such DOI)", file=source)
            return
        position = 0
        try:
            for item in _documents(text, source):
                if isinstance(item, RecordError):
                    yield item
                    continue
                position += 1
                yield _record(item, source, position)
        except FormatError as exc:  # the file is refused once, not again as "no works"
            yield exc
            return
        if position == 0:
            yield RecordError("no Crossref works found", file=source)


def _record(item: object, source: str, position: int) -> Record | RecordError:
    ident = f"item #{position}"
    if not isinstance(item, dict):
        return RecordError("a work-list item that is not a JSON object", file=source, record=ident)
    ident = str(item.get("DOI") or ident)[:200]
    if too_deep(item):
        return depth_error(source, record=ident)
    try:
        return work_record(item, source, position)
    except RecordError as exc:
        exc.file, exc.record = source, exc.record or ident
        return exc
