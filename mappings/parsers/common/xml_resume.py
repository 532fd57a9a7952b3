"""Reading the rest of an XML file after it broke: libxml2's recovery mode, resuming past fatal errors.

Part of :mod:`mappings.parsers.common.xml_stream` (its ``iter_records`` calls :func:`after_break`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import BinaryIO

from lxml import etree

from mappings.model import RecordError
from mappings.parsers.common.xml_stream import (
    CHUNK_BYTES,
    Identify,
    Positioned,
    _Break,
    _break_error,
    _record_name,
    _Records,
    local,
)


def after_break(stream: BinaryIO, tags: tuple[str, ...], source: str, found: _Break, known: int,
                 identify: Identify | None) -> Iterator[Positioned | RecordError]:
    """Re-read the file in recovery mode and yield the records after the break (positions after ``known``).

    When the break fell in no record that had started, it fell in the start tag of the record after
    ``known`` (if that starts on or before the line of the break), or between records. libxml2 stops for good
    at some errors even in recovery mode (an entity bomb, nesting over 2048 levels), silently: the start tags
    the file holds tell when it did. The record it stopped in is then rejected (a record is yielded only once
    the reader has gone past it), and reading resumes at the next record's start tag, after the file's
    prologue (its root element's namespaces) and blank lines that keep the line numbers right.
    """
    starts = _record_starts(stream, tags)
    resumed_at = 0  # records before the part being read
    unplaced = not found.open

    def placed(position: int, elem: etree._Element) -> Iterator[Positioned | RecordError]:
        nonlocal unplaced
        if unplaced and position == known + 1:
            unplaced = False
            if found.in_start_tag and (elem.sourceline or 0) <= found.line:
                ident = identify(elem) if identify else None
                yield _break_error(found, source, _record_name(position, ident, elem.sourceline))
                return
            yield _break_error(found, source, f"after #{known}" if known else "")
        yield position, elem

    while True:
        records = _Records(tags, recover=True)
        held: Positioned | None = None  # the last record read: yielded once the reader is past it
        try:
            for chunk in _part(stream, starts, resumed_at):
                records.parser.feed(chunk)
                for position, elem in records.ended(release=False):
                    if held is not None:
                        yield from _settled(held, known, placed, records)
                    held = (resumed_at + position, elem)
            records.parser.close()  # after an error, lxml may hold the rest of the file back until now
            for position, elem in records.ended(release=False):
                if held is not None:
                    yield from _settled(held, known, placed, records)
                held = (resumed_at + position, elem)
        except etree.XMLSyntaxError as exc:  # unrecoverable: report where reading stopped
            yield RecordError(f"XML unreadable after this point: {exc.msg}; the rest of the file was not read",
                              file=source, line=exc.lineno or 0)
            return
        seen = resumed_at + records.started
        if seen >= len(starts):  # read to the end
            if held is not None:
                yield from _settled(held, known, placed, records)
            break
        if records.started == 0:  # stopped before any record of this part: nothing to resume from
            yield RecordError(f"broken XML: the reader stopped before record #{seen + 1}; records #{seen + 1} to "
                              f"#{len(starts)} are not read, the rest of the file was not read", file=source,
                              record=f"after #{seen}" if seen else "", line=starts[seen][1])
            return
        stopped_in = seen  # the record the reader stopped in: never yielded, however much of it was read
        if held is not None and held[0] != stopped_in:
            yield from _settled(held, known, placed, records)
        if stopped_in > known:
            elem = held[1] if held is not None and held[0] == stopped_in else None
            ident = identify(elem) if identify and elem is not None else None
            yield RecordError("broken XML: the reader cannot go on inside this record (an entity bomb, nesting "
                              "deeper than 2048 levels ...); reading resumes at the next record", file=source,
                              record=_record_name(stopped_in, ident, starts[stopped_in - 1][1]),
                              line=starts[stopped_in - 1][1])
        resumed_at = stopped_in
    if unplaced:
        yield _break_error(found, source, f"after #{known}" if known else "")


def _settled(item: Positioned, known: int, placed: Callable[[int, etree._Element], Iterator[Positioned | RecordError]],
             records: _Records) -> Iterator[Positioned | RecordError]:
    """Yield a record the recovery reader has gone past (unless it was settled before the break), then free it."""
    position, elem = item
    if position > known:
        yield from placed(position, elem)
    records.release(elem)


def _record_starts(stream: BinaryIO, tags: tuple[str, ...]) -> list[tuple[int, int]]:
    """(byte offset, line) of every start tag of a record element in the file, in order."""
    names = b"|".join(re.escape(local(t).encode()) for t in dict.fromkeys(tags))
    pattern = re.compile(rb"<(?:[\w.-]+:)?(?:" + names + rb")(?=[\s/>])")
    stream.seek(0)
    data = stream.read()
    out, line, counted = [], 1, 0
    for m in pattern.finditer(data):
        line += data.count(b"\n", counted, m.start())
        counted = m.start()
        out.append((m.start(), line))
    stream.seek(0)
    return out


def _part(stream: BinaryIO, starts: list[tuple[int, int]], resumed_at: int) -> Iterator[bytes]:
    """The file to read, in chunks: whole, or its prologue then the records from number ``resumed_at + 1``."""
    stream.seek(0)
    if resumed_at == 0:
        while chunk := stream.read(CHUNK_BYTES):
            yield chunk
        return
    first, first_line = starts[0]
    offset, line = starts[resumed_at]
    yield stream.read(first) + b"\n" * (line - first_line)
    stream.seek(offset)
    while chunk := stream.read(CHUNK_BYTES):
        yield chunk
