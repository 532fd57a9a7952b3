"""MARCXML ``<record>`` elements as pymarc records, keeping the source line of every field for warnings."""

from __future__ import annotations

import io
import re
import unicodedata
from typing import Any, BinaryIO

from lxml import etree
from pymarc import Field, Indicators, Subfield
from pymarc import Record as MarcRecord
from pymarc.leader import Leader

from mappings.model import FieldWarning, RecordError
from mappings.parsers.common.xml_stream import local
from mappings.parsers.marc.encoding import references


def from_xml(elem: etree._Element) -> tuple[MarcRecord, list[FieldWarning], list[int | None]]:
    """A pymarc Record from a MARCXML <record> element (namespaced or not); warnings about its text; and
    the source line of each of its fields."""
    rec = MarcRecord(leader=" " * 24)
    warnings: list[FieldWarning] = []
    lines: list[int | None] = []
    for child in elem:
        if not isinstance(child.tag, str):
            continue
        name = local(child.tag)
        if name == "leader":
            rec.leader = Leader((child.text or "").ljust(24)[:24])
        elif name in ("controlfield", "datafield"):
            tag = (child.get("tag") or "").strip()
            if not re.fullmatch(r"[0-9A-Za-z]{3}", tag):
                raise RecordError(
                    f"a {name} without a valid tag attribute ({tag!r})", field=name, line=child.sourceline
                )
            lines.append(child.sourceline)
            if name == "controlfield":
                rec.fields.append(Field(tag, data=child.text or ""))
            else:
                subfields = []
                for s in child:
                    if not isinstance(s.tag, str) or local(s.tag) != "subfield":
                        continue
                    code, text = s.get("code") or "?", unicodedata.normalize("NFC", s.text or "")
                    if "&#" in text:  # character references a converter left unresolved
                        text, problems = references(text)
                        warnings.extend(FieldWarning(f"{tag} ${code}", f"character encoding: {p}", s.sourceline)
                                        for p in problems)
                    subfields.append(Subfield(code=code, value=text))
                rec.fields.append(
                    Field(
                        tag,
                        indicators=Indicators(child.get("ind1") or " ", child.get("ind2") or " "),
                        subfields=subfields,
                    )
                )
    return rec, warnings, lines


def field_line(rec: MarcRecord, lines: list[int | None], warning: FieldWarning) -> int | None:
    """The source line of the field a warning names ("020 $a", "880 (245-01) $b", "008/35-37"): of the
    one whose text holds the value the message quotes, else of the first field with that tag."""
    tag = warning.field[:3]
    candidates = [(f, line) for f, line in zip(rec.fields, lines, strict=False) if f.tag == tag]
    if m := re.match(r"880 \((\d{3}-\d{2})", warning.field):
        candidates = [(f, line) for f, line in candidates if (f.get("6") or "").startswith(m[1])]
    for quoted in re.findall(r"'([^']{2,})'", warning.message):
        for f, line in candidates:
            text = f.data if f.is_control_field() else " ".join(sf.value for sf in f.subfields)
            if quoted in (text or ""):
                return line
    return candidates[0][1] if candidates else None


class _Wrapped(io.RawIOBase):
    """A seekable view of a stream with bytes inserted at one offset and appended at the end."""

    def __init__(self, raw: BinaryIO, at: int, prefix: bytes, suffix: bytes) -> None:
        super().__init__()
        self.raw, self.at, self.prefix, self.suffix = raw, at, prefix, suffix
        raw.seek(0, io.SEEK_END)
        self.size = raw.tell()
        self.pos = 0

    def _parts(self) -> list[tuple[int, int, bytes | None]]:
        """(start, end, bytes or None for the underlying stream from start - shift) in virtual offsets."""
        p, at = len(self.prefix), self.at
        return [(0, at, None), (at, at + p, self.prefix), (at + p, self.size + p, None),
                (self.size + p, self.size + p + len(self.suffix), self.suffix)]

    def readinto(self, buffer: Any) -> int:
        """Fill ``buffer`` from the current position."""
        out = bytearray()
        want = len(buffer)
        for start, end, data in self._parts():
            if len(out) >= want or self.pos >= end or start >= end:
                continue
            take = min(end, self.pos + want - len(out)) - self.pos
            if data is not None:
                out += data[self.pos - start : self.pos - start + take]
            else:
                self.raw.seek(self.pos - (len(self.prefix) if start > 0 else 0))
                out += self.raw.read(take)
            self.pos += take
        buffer[: len(out)] = out
        return len(out)

    def readable(self) -> bool:
        """Always."""
        return True

    def seekable(self) -> bool:
        """Always."""
        return True

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        """Move in the virtual stream."""
        end = self.size + len(self.prefix) + len(self.suffix)
        self.pos = {io.SEEK_SET: offset, io.SEEK_CUR: self.pos + offset, io.SEEK_END: end + offset}[whence]
        return self.pos

    def tell(self) -> int:
        """The position in the virtual stream."""
        return self.pos


BARE_RECORD = re.compile(rb"^(\xef\xbb\xbf)?(\s*<\?xml[^>]*\?>)?(?:\s|<!--.*?-->)*<(?:\w+:)?record[\s>]", re.DOTALL)


def wrap_bare_records(stream: BinaryIO) -> tuple[BinaryIO, bool]:
    """A file of bare ``<record>`` elements one after another (no root element: not well-formed XML) read
    as if they were in a ``<collection>``; the lines stay where they are. (stream, whether it was wrapped)."""
    if not stream.seekable():
        stream = io.BytesIO(stream.read())
    head = stream.read(65536)
    stream.seek(0)
    if not (m := BARE_RECORD.match(head)):
        return stream, False
    at = m.end(2) if m[2] else (m.end(1) if m[1] else 0)
    namespace = b' xmlns="http://www.loc.gov/MARC21/slim"' if b"<marc:" not in head[: m.end()] else (
        b' xmlns:marc="http://www.loc.gov/MARC21/slim"')
    wrapped = _Wrapped(stream, at, b"<collection" + namespace + b">", b"\n</collection>\n")
    return io.BufferedReader(wrapped), True
