"""Streaming XML record reader shared by the XML parsers, robust to broken files.

Records are read one element at a time (constant memory for files of any size). When the XML is
broken, the records before the break have already been yielded; the reader then reports the break
(file and line), re-reads the file in lxml's recovery mode and yields the records after it, rejecting
only the record that contains the broken line. External entities and network access are disabled.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from lxml import etree

from mappings.model import RecordError

# an element and its 1-based position among the record elements of the file
Positioned = tuple[int, etree._Element]


def _iterparse(stream: BinaryIO, tags: tuple[str, ...], recover: bool) -> Iterator[etree._Element]:
    context = etree.iterparse(stream, events=("end",), tag=tags, resolve_entities=False, no_network=True,
                              recover=recover, huge_tree=True, remove_comments=True)
    for _event, elem in context:
        yield elem
        parent = elem.getparent()
        elem.clear(keep_tail=True)
        if parent is not None:
            while elem.getprevious() is not None:
                del parent[0]


def iter_records(stream: BinaryIO, tags: tuple[str, ...], source: str) -> Iterator[Positioned | RecordError]:
    """Yield (position, element) for each record element, and a RecordError where the XML breaks."""
    position = 0
    try:
        for elem in _iterparse(stream, tags, recover=False):
            position += 1
            yield position, elem
        if position == 0:
            yield RecordError(f"no record elements ({', '.join(t.split('}')[-1] for t in tags)}) found",
                              file=source)
        return
    except etree.XMLSyntaxError as exc:
        line = exc.lineno or 0
        message = f"broken XML: {exc.msg}"
        if "encoding" in exc.msg or "UTF-8" in exc.msg:
            message += ("; the file is not in the encoding it declares (UTF-8 unless declared otherwise): "
                        "convert it, e.g. iconv -f WINDOWS-1252 -t UTF-8")
        yield RecordError(message, file=source, line=line, record=f"#{position + 1}")
    if not hasattr(stream, "seek"):
        return
    try:
        stream.seek(0)
    except OSError:
        return
    recovered = 0
    after = position + 1  # the record holding the break
    try:
        for elem in _iterparse(stream, tags, recover=True):
            recovered += 1
            # skip the records already yielded, and the broken one: it starts at or before the broken line
            # (in recovery, lxml may close it only after records that follow it, so it is found by line)
            if recovered <= position or (elem.sourceline or 0) <= line:
                continue
            after += 1
            yield after, elem
    except etree.XMLSyntaxError as exc:  # unrecoverable: report once more where reading stopped
        yield RecordError(f"XML unreadable after this point: {exc.msg}", file=source, line=exc.lineno or 0)


def text(elem: etree._Element | None) -> str | None:
    """The stripped text content of an element (None if absent or empty)."""
    if elem is None:
        return None
    value = "".join(elem.itertext()).strip()
    return value or None


def local(tag: object) -> str:
    """The local name of a (possibly namespaced) tag."""
    return str(tag).rsplit("}", 1)[-1]
