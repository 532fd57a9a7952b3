"""Streaming XML record reader shared by the XML parsers, robust to broken files.

Records are read one element at a time (constant memory for files of any size) with a pull parser fed in
chunks. When the XML breaks, every record that ended before the break is yielded, then a RecordError for
each record the break falls in (named by its identifier when the part read before the break has one, by
its position and the line it starts on; the error's ``line`` is where the XML breaks). The file is then
re-read in lxml's recovery mode and the records after the break are yielded. External entities and
network access are disabled.

Which records ended before the break is settled by re-reading the chunk that broke one byte at a time,
because what lxml has queued when it raises depends on its version. Up to lxml 6.1 the queue ends at the
error. lxml 6.2 ends every element still open when parsing stops, so the record holding the error looks
complete (cut short at the error), and its ``etree.iterparse`` drops the events it had queued from a chunk
that raises: the record just before a malformed one was lost, and the error blamed on it. A second break
after the first is repaired by the recovery parse, as libxml2 does it, without a report.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import BinaryIO

from lxml import etree

from mappings.limits import current
from mappings.model import RecordError

# an element and its 1-based position among the record elements of the file (in document order)
Positioned = tuple[int, etree._Element]
# what a parser can tell about a record from the part of it read before the XML broke
Identify = Callable[[etree._Element], str | None]

CHUNK_BYTES = 65536


class _Records:
    """A pull parser over record elements, numbering them in the order they start and pruning the read ones."""

    def __init__(self, tags: tuple[str, ...], recover: bool) -> None:
        self.parser = etree.XMLPullParser(events=("start", "end"), tag=tags, resolve_entities=False,
                                          no_network=True, recover=recover, huge_tree=True, remove_comments=True)
        self.recover = recover
        self.started = 0
        self.open: list[Positioned] = []  # started, not yet ended

    def ended(self, release: bool = True) -> Iterator[Positioned]:
        """The records that ended in the data fed so far; each is cleared once the consumer moves on (unless
        ``release`` is False: the consumer then calls :meth:`release` itself)."""
        for event, elem in self.parser.read_events():
            if event == "start":
                self.started += 1
                self.open.append((self.started, elem))
                continue
            position = next((p for p, e in reversed(self.open) if e is elem), self.started)
            self.open = [(p, e) for p, e in self.open if e is not elem]
            yield position, elem
            if release:
                self.release(elem)

    def release(self, elem: etree._Element) -> None:
        """Free a record element that has been read (and the ones before it)."""
        parent = elem.getparent()
        elem.clear(keep_tail=True)
        if parent is not None and (self.recover or not self.open):  # never prune a record still being read
            while elem.getprevious() is not None:
                del parent[0]


@dataclass
class _Break:
    """Where strict parsing stopped: the error, and the offset of the chunk being fed (None: at the end)."""

    message: str
    line: int
    offset: int | None
    open: list[Positioned] = field(default_factory=list)  # the records the break falls in, once settled
    in_start_tag: bool = False  # the break is in the start tag of a record element (so no record is open)


def _cause(exc: etree.XMLSyntaxError) -> tuple[str, int]:
    """The first error of the parse and its line, from the thread's error log (each parse here clears it
    first). The exception itself may name a later one: with entities left unresolved, lxml 5 and 6 report an
    undefined entity ("&nbsp;") as "no element found" on line 0, or "Start tag expected" on line 1."""
    for entry in exc.error_log:
        if entry.level >= etree.ErrorLevels.ERROR and entry.line:
            return f"{entry.message.strip()}, line {entry.line}, column {entry.column}", entry.line
    return exc.msg, exc.lineno or 0


def _strict(stream: BinaryIO, tags: tuple[str, ...]) -> Iterator[Positioned | _Break]:
    """The records, up to the last chunk read before the XML breaks; then a _Break."""
    etree.clear_error_log()
    records = _Records(tags, recover=False)
    offset = 0
    try:
        while chunk := stream.read(CHUNK_BYTES):
            records.parser.feed(chunk)
            yield from records.ended()
            offset += len(chunk)
        records.parser.close()
        yield from records.ended()
    except etree.XMLSyntaxError as exc:  # what is still queued may run past the error: see _settle
        yield _Break(*_cause(exc), offset if chunk else None)


def _settle(stream: BinaryIO, tags: tuple[str, ...], found: _Break) -> Iterator[Positioned | _Break]:
    """Re-read up to the chunk that broke, then that chunk byte by byte: the records that ended before the
    error, then the _Break with the records open at it."""
    stream.seek(0)
    etree.clear_error_log()
    records = _Records(tags, recover=False)
    seen = b""  # the last bytes fed
    try:
        remaining = found.offset
        while remaining is None or remaining > 0:
            chunk = stream.read(CHUNK_BYTES if remaining is None else min(CHUNK_BYTES, remaining))
            if not chunk:
                break
            seen = (seen + chunk)[-TAG_WINDOW:]
            records.parser.feed(chunk)
            yield from records.ended()
            if remaining is not None:
                remaining -= len(chunk)
        for byte in (bytes([b]) for b in stream.read(CHUNK_BYTES)):  # the chunk that broke
            seen = (seen + byte)[-TAG_WINDOW:]
            records.parser.feed(byte)
            yield from records.ended()
        while chunk := stream.read(CHUNK_BYTES):  # only if the error did not recur (a parser is deterministic)
            records.parser.feed(chunk)
            yield from records.ended()
        records.parser.close()
        yield from records.ended()
    except etree.XMLSyntaxError as exc:
        yield _Break(*_cause(exc), found.offset, list(records.open), _in_start_tag(seen, tags))
        return
    yield found  # not reproduced (cannot happen with a deterministic parser): keep the first finding


TAG_WINDOW = 4096
START_TAG = re.compile(rb"<(?:[\w.-]+:)?([\w.-]+)[^<>]*>?$")


def _in_start_tag(seen: bytes, tags: tuple[str, ...]) -> bool:
    """Whether the bytes fed up to an error end in (or just after) the start tag of a record element."""
    found = START_TAG.search(seen[seen.rfind(b"<"):]) if b"<" in seen else None
    return found is not None and found[1].decode("ascii", "replace") in {local(t) for t in tags}


def _record_name(position: int, ident: str | None, start: int | None) -> str:
    """How a broken record is named: its identifier if known, its position, the line it starts on."""
    where = f"#{position}" + (f", from line {start}" if start else "")
    return f"{ident} ({where})" if ident else where


def _break_error(found: _Break, source: str, record: str) -> RecordError:
    message = f"broken XML: {found.message}"
    if "encoding" in found.message or "UTF-8" in found.message:
        message += ("; the file is not in the encoding it declares (UTF-8 unless declared otherwise): "
                    "convert it, e.g. iconv -f WINDOWS-1252 -t UTF-8")
    return RecordError(message, file=source, line=found.line, record=record)


def iter_records(stream: BinaryIO, tags: tuple[str, ...], source: str,
                 identify: Identify | None = None) -> Iterator[Positioned | RecordError]:
    """Yield (position, element) for each record element, and a RecordError per record the XML breaks in
    or that nests its elements deeper than the limit (:mod:`mappings.limits`).

    ``identify`` names a record from the part of it read before a break (e.g. its identifier element).
    """
    deep = _deeper_than(current().max_depth)
    for item in _iter_records(stream, tags, source, identify):
        if isinstance(item, RecordError) or not deep(item[1]):
            yield item
            continue
        position, elem = item
        name = _record_name(position, identify(elem) if identify else None, elem.sourceline)
        yield RecordError(f"the XML nests elements deeper than {current().depth_text()} within a record, the "
                          "most an input may", file=source, record=name, line=elem.sourceline)


@lru_cache(maxsize=4)
def _deeper_than(depth: int) -> etree.XPath:
    """An XPath that is true of an element with descendants more than ``depth`` levels below it."""
    return etree.XPath("boolean(" + "/".join(["*"] * (depth + 1)) + ")")


def _iter_records(stream: BinaryIO, tags: tuple[str, ...], source: str,
                  identify: Identify | None = None) -> Iterator[Positioned | RecordError]:
    last = 0  # the position of the last record yielded
    found: _Break | None = None
    for item in _strict(stream, tags):
        if isinstance(item, _Break):
            found = item
        else:
            last = max(last, item[0])
            yield item
    if found is None:
        if last == 0:
            yield RecordError(f"no record elements ({', '.join(t.split('}')[-1] for t in tags)}) found",
                              file=source)
        return
    if not stream.seekable():  # cannot be read again: the records the error may have cut short are rejected
        yield _break_error(found, source, f"after #{last}" if last else "")
        return
    for item in _settle(stream, tags, found):
        if isinstance(item, _Break):
            found = item
        elif item[0] > last:
            last = item[0]
            yield item
    known = max([last, *(p for p, _ in found.open)])
    for position, elem in found.open:
        yield _break_error(found, source, _record_name(position, identify(elem) if identify else None,
                                                      elem.sourceline))
    from mappings.parsers.common.xml_resume import after_break  # (it builds on this module's readers)

    yield from after_break(stream, tags, source, found, known, identify)


def text(elem: etree._Element | None) -> str | None:
    """The stripped text content of an element (None if absent or empty)."""
    if elem is None:
        return None
    value = "".join(elem.itertext()).strip()
    return value or None


def local(tag: object) -> str:
    """The local name of a (possibly namespaced) tag."""
    return str(tag).rsplit("}", 1)[-1]
