"""Streaming XML record reader shared by the XML parsers, robust to broken files.

Records are read one element at a time (constant memory for files of any size) with a pull parser fed
in chunks. When the XML breaks, every record completed before the break is yielded, then one
RecordError per record the break falls in (named by its identifier where the part read before the break
has one, its position and the line it starts on; ``line`` is where the XML breaks); the file is then
re-read in lxml's recovery mode and the records after the break are yielded. External entities and
network access are disabled.

The records before the break are taken from the parser's event queue after the error, not from
``etree.iterparse``: from lxml 6 (libxml2 2.14) on, iterparse raises as soon as a chunk holds an error
and drops the events it had already parsed from that chunk, so the record just before a malformed one
was lost and the error blamed on it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from lxml import etree

from mappings.model import RecordError

# an element and its 1-based position among the record elements of the file (in document order)
Positioned = tuple[int, etree._Element]
# what a parser can tell about a record from the part of it read before the XML broke
Identify = Callable[[etree._Element], str | None]

CHUNK_BYTES = 65536


@dataclass
class _Start:
    """A record element has started (its attributes are read, its content not yet)."""

    position: int
    elem: etree._Element


@dataclass
class _Break:
    """Where the XML broke, the records still open there, and the records completed before it."""

    message: str
    line: int
    open_records: list[Positioned]
    completed: set[int]


def _pull(stream: BinaryIO, tags: tuple[str, ...], recover: bool) -> Iterator[Positioned | _Start | _Break]:
    """Yield a _Start when a record element starts, (position, element) when it ends, a _Break (last) on a break."""
    parser = etree.XMLPullParser(events=("start", "end"), tag=tags, resolve_entities=False, no_network=True,
                                 recover=recover, huge_tree=True, remove_comments=True)
    started = 0
    open_records: list[Positioned] = []
    completed: set[int] = set()

    def events() -> Iterator[Positioned | _Start]:
        nonlocal started
        for event, elem in parser.read_events():
            if event == "start":
                started += 1
                open_records.append((started, elem))
                yield _Start(started, elem)
                continue
            position = next((p for p, e in reversed(open_records) if e is elem), started)
            open_records[:] = [(p, e) for p, e in open_records if e is not elem]
            completed.add(position)
            yield position, elem
            parent = elem.getparent()
            elem.clear(keep_tail=True)
            if parent is not None and (recover or not open_records):  # never prune a record still being read
                while elem.getprevious() is not None:
                    del parent[0]

    try:
        while chunk := stream.read(CHUNK_BYTES):
            parser.feed(chunk)
            yield from events()
        parser.close()
        yield from events()
    except etree.XMLSyntaxError as exc:
        yield from events()  # the records completed before the break are still queued: deliver them first
        yield _Break(exc.msg, exc.lineno or 0, list(open_records), set(completed))


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


def _between(found: _Break) -> str:
    """How a break outside every record is placed: after the last record completed before it."""
    return f"after #{max(found.completed)}" if found.completed else ""


def iter_records(stream: BinaryIO, tags: tuple[str, ...], source: str,
                 identify: Identify | None = None) -> Iterator[Positioned | RecordError]:
    """Yield (position, element) for each record element, and a RecordError per record the XML breaks in.

    ``identify`` names a record from the part of it read before a break (e.g. its identifier element).
    """
    found: _Break | None = None
    count = 0
    for item in _pull(stream, tags, recover=False):
        if isinstance(item, _Break):
            found = item
        elif not isinstance(item, _Start):
            count += 1
            yield item
    if found is None:
        if count == 0:
            yield RecordError(f"no record elements ({', '.join(t.split('}')[-1] for t in tags)}) found",
                              file=source)
        return
    for position, elem in found.open_records:
        ident = identify(elem) if identify else None
        yield _break_error(found, source, _record_name(position, ident, elem.sourceline))
    yield from _after_break(stream, tags, source, found, identify)


def _after_break(stream: BinaryIO, tags: tuple[str, ...], source: str, found: _Break,
                 identify: Identify | None) -> Iterator[Positioned | RecordError]:
    """Re-read the file in recovery mode and yield the records that start after the break."""
    unnamed = not found.open_records  # the break fell outside every record started so far (e.g. in a start tag)
    broken = {p for p, _ in found.open_records}
    try:
        stream.seek(0)
    except (AttributeError, OSError):
        if unnamed:
            yield _break_error(found, source, _between(found))
        return
    after: set[int] = set()  # the records starting after the break
    for item in _pull(stream, tags, recover=True):
        if isinstance(item, _Break):  # unrecoverable: report once more where reading stopped
            yield RecordError(f"XML unreadable after this point: {item.message}", file=source, line=item.line)
            break
        if isinstance(item, _Start):
            if item.position in found.completed or item.position in broken:
                continue
            starts_after = (item.elem.sourceline or 0) > found.line
            if starts_after:
                after.add(item.position)
            if unnamed:  # the first record not read before: the break fell in it (or, if it starts later, before it)
                ident = identify(item.elem) if identify and not starts_after else None
                record = _between(found) if starts_after else _record_name(item.position, ident, item.elem.sourceline)
                yield _break_error(found, source, record)
                unnamed = False
        elif item[0] in after:
            yield item
    if unnamed:
        yield _break_error(found, source, _between(found))


def text(elem: etree._Element | None) -> str | None:
    """The stripped text content of an element (None if absent or empty)."""
    if elem is None:
        return None
    value = "".join(elem.itertext()).strip()
    return value or None


def local(tag: object) -> str:
    """The local name of a (possibly namespaced) tag."""
    return str(tag).rsplit("}", 1)[-1]
