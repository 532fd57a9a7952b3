"""The ``marcxml`` and ``marc`` parsers: reading MARCXML or ISO 2709 into pymarc records, and naming them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import BinaryIO

from lxml import etree
from pymarc import Field, Indicators, MARCReader, Subfield
from pymarc import Record as MarcRecord
from pymarc.leader import Leader

from mappings.model import Record, RecordError
from mappings.parsers.base import Parser
from mappings.parsers.common.xml_stream import iter_records, local
from mappings.parsers.marc.fields import trim
from mappings.parsers.marc.record import to_record
from mappings.parsers.marc.sniff import MARC_NS, marc, marcxml


def source_id(rec: MarcRecord, position: int) -> str:
    """``marc:<003 or 040 $a>:<001>``; falls back to the OCLC number or LCCN; RecordError if none."""
    control = rec.get("001")
    number = control.data.strip() if control is not None and control.data else ""
    org_field = rec.get("003")
    org = org_field.data.strip() if org_field is not None and org_field.data else ""
    if not org and (cat := rec.get("040")) is not None:
        org = trim(cat.get("a")) or ""
    if number:
        return f"marc:{org or 'unknown'}:{number}"
    for tag, prefix in (("035", "(OCoLC)"), ("010", "")):
        for field in rec.get_fields(tag):
            value = (field.get("a") or "").strip()
            if value and value.startswith(prefix):
                number = re.sub(r"[^0-9A-Za-z-]", "", value[len(prefix) :])
                return f"marc:{'OCoLC' if prefix else 'lccn'}:{number}"
    raise RecordError(
        "no control number (001) and no OCLC number or LCCN to identify the record", field="001"
    )


def _map(rec: MarcRecord, fmt: str, source: str, position: int, line: int | None) -> Record | RecordError:
    ident = f"#{position}"
    try:
        ident = source_id(rec, position)
        return to_record(rec, fmt, source, position, ident)
    except RecordError as exc:
        exc.file, exc.record, exc.line = exc.file or source, exc.record or ident, exc.line or line
        return exc


def from_xml(elem: etree._Element) -> MarcRecord:
    """A pymarc Record from a MARCXML <record> element (namespaced or not)."""
    rec = MarcRecord(leader=" " * 24)
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
            if name == "controlfield":
                rec.fields.append(Field(tag, data=child.text or ""))
            else:
                subfields = [
                    Subfield(code=s.get("code") or "?", value=s.text or "")
                    for s in child
                    if isinstance(s.tag, str) and local(s.tag) == "subfield"
                ]
                rec.fields.append(
                    Field(
                        tag,
                        indicators=Indicators(child.get("ind1") or " ", child.get("ind2") or " "),
                        subfields=subfields,
                    )
                )
    return rec


def _identify(elem: etree._Element) -> str | None:
    """The source id of a MARCXML record from the part read before the XML broke, if it has one."""
    try:
        return source_id(from_xml(elem), 0)
    except RecordError:
        return None


class MarcXmlParser(Parser):
    """MARCXML (MARC 21 slim)."""

    name = "marcxml"
    description = "MARC 21 records as MARCXML (collection, single record, or inside OAI-PMH)"

    @classmethod
    def sniff(cls, head: bytes) -> int:
        """See :func:`mappings.parsers.marc.sniff.marcxml`."""
        return marcxml(head)

    def parse(self, stream: BinaryIO, source: str) -> Iterator[Record | RecordError]:
        """Yield a Record (or RecordError) per MARCXML <record>."""
        for item in iter_records(stream, (f"{{{MARC_NS}}}record", "record"), source, _identify):
            if isinstance(item, RecordError):
                yield item
                continue
            position, elem = item
            try:
                rec = from_xml(elem)
            except RecordError as exc:
                exc.file, exc.record = source, f"#{position}"
                yield exc
                continue
            yield _map(rec, self.name, source, position, elem.sourceline)


class MarcParser(Parser):
    """Binary MARC 21 (ISO 2709)."""

    name = "marc"
    description = "MARC 21 records in ISO 2709 transmission format (.mrc), MARC-8 or UTF-8"

    @classmethod
    def sniff(cls, head: bytes) -> int:
        """See :func:`mappings.parsers.marc.sniff.marc`."""
        return marc(head)

    def parse(self, stream: BinaryIO, source: str) -> Iterator[Record | RecordError]:
        """Yield a Record (or RecordError) per ISO 2709 record."""
        reader = MARCReader(
            stream, to_unicode=True, force_utf8=False, utf8_handling="strict", permissive=True
        )
        position = 0
        offset = 0
        for rec in reader:
            position += 1
            chunk = reader.current_chunk or b""
            where = f"#{position} (byte offset {offset})"
            offset += len(chunk)
            if rec is None:
                exc = reader.current_exception
                message = str(exc) or type(exc).__name__
                if isinstance(exc, UnicodeDecodeError):
                    message = (
                        f"not valid UTF-8 although leader/09 says UTF-8 (byte 0x{exc.object[exc.start]:02x});"
                        " fix the record's encoding or its leader"
                    )
                yield RecordError(
                    f"unreadable MARC record: {message}", file=source, record=where, field="leader"
                )
                continue
            result = _map(rec, self.name, source, position, None)
            if isinstance(result, RecordError) and result.record.startswith("#"):
                result.record = where
            yield result
        if position == 0:
            yield RecordError("no MARC records found", file=source)

