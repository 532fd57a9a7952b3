"""The ``marcxml`` and ``marc`` parsers: reading MARCXML or ISO 2709 into pymarc records, and naming them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import BinaryIO

from lxml import etree
from pymarc import Field
from pymarc import Record as MarcRecord

from mappings import normalize
from mappings.model import FieldWarning, Record, RecordError
from mappings.parsers.base import Parser
from mappings.parsers.common.xml_stream import iter_records
from mappings.parsers.marc.encoding import decode_record
from mappings.parsers.marc.fields import trim
from mappings.parsers.marc.iso2709 import PymarcNotices, by_terminators, repaired, terminated, with_length
from mappings.parsers.marc.marcxml import field_line, from_xml, wrap_bare_records
from mappings.parsers.marc.record import to_record
from mappings.parsers.marc.sniff import MARC_NS, marc, marcxml
from mappings.uris import digest

# identifiers that name a record when it has no 001, best first: (tag, subfield, scheme in the source id)
FALLBACK_IDS = (("035", "a", "035"), ("010", "a", "lccn"), ("037", "a", "037"), ("088", "a", "088"),
                ("024", "a", "024"), ("020", "a", "isbn"))


def source_id(rec: MarcRecord, position: int) -> tuple[str, str | None]:
    """``marc:<003 or 040 $a>:<001>``; without a 001, the OCLC number or LCCN (``marc:OCoLC:<n>``,
    ``marc:lccn:<n>``), else another system or standard number (``marc:<org>:<tag>:<value>``), else a
    digest of title, date and first name. Also a warning when the 001 was missing."""
    control = rec.get("001")
    number = control.data.strip() if control is not None and control.data else ""
    org_field = rec.get("003")
    org = org_field.data.strip() if org_field is not None and org_field.data else ""
    if not org and (cat := rec.get("040")) is not None:
        org = trim(cat.get("a")) or ""
    if number:
        return f"marc:{org or 'unknown'}:{number}", None
    for field in rec.get_fields("035"):
        value = (field.get("a") or "").strip()
        if value.startswith("(OCoLC)"):
            return f"marc:OCoLC:{re.sub(r'[^0-9A-Za-z-]', '', value[7:])}", "no 001: identified by its OCLC number"
    for tag, code, scheme in FALLBACK_IDS:
        for field in rec.get_fields(tag):
            value = re.sub(r"\s+", " ", (field.get(code) or "").strip())
            if not value:
                continue
            if scheme == "lccn":
                return f"marc:lccn:{re.sub(r'[^0-9A-Za-z-]', '', value)}", "no 001: identified by its LCCN"
            source = (field.get("9") or field.get("2") or "").strip()  # Invenio: 035 $9 names the system
            value = f"({source}){value}" if source and not value.startswith("(") else value
            return f"marc:{org or 'unknown'}:{scheme}:{value}", f"no 001: identified by its {tag} {value!r}"
    title = (rec.get("245") or Field("245")).get("a") or ""
    when = " ".join((rec.get("260") or rec.get("264") or Field("260")).get_subfields("c"))
    name = next((f.get("a") or "" for f in rec.get_fields("100", "110", "111", "700", "710")), "")
    key = "|".join(normalize.fold(trim(p)) for p in (title, when, name))
    return f"marc:digest:{digest(key)}", "no 001 and no other number: identified by title, date and first name"


def _map(rec: MarcRecord, fmt: str, source: str, position: int, line: int | None,
         warnings: list[FieldWarning] | None = None, lines: list[int | None] | None = None) -> Record | RecordError:
    ident = f"#{position}"
    try:
        ident, missing = source_id(rec, position)
        more = [FieldWarning("001", missing, line)] if missing else []
        r = to_record(rec, fmt, source, position, ident, [*(warnings or []), *more])
        if lines is not None:
            r.warnings = [w if w.line is not None else FieldWarning(w.field, w.message, field_line(rec, lines, w))
                          for w in r.warnings]
        return r
    except RecordError as exc:
        exc.file, exc.record, exc.line = exc.file or source, exc.record or ident, exc.line or line
        return exc


def _identify(elem: etree._Element) -> str | None:
    """The source id of a MARCXML record from the part read before the XML broke, if it has one."""
    try:
        return source_id(from_xml(elem)[0], 0)[0]
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
        stream, _ = wrap_bare_records(stream)
        for item in iter_records(stream, (f"{{{MARC_NS}}}record", "record"), source, _identify):
            if isinstance(item, RecordError):
                yield item
                continue
            position, elem = item
            try:
                rec, warnings, lines = from_xml(elem)
            except RecordError as exc:
                exc.file, exc.record = source, f"#{position}"
                yield exc
                continue
            yield _map(rec, self.name, source, position, elem.sourceline, warnings, lines)




class MarcParser(Parser):
    """Binary MARC 21 (ISO 2709)."""

    name = "marc"
    description = "MARC 21 records in ISO 2709 transmission format (.mrc), MARC-8 or UTF-8"

    @classmethod
    def sniff(cls, head: bytes) -> int:
        """See :func:`mappings.parsers.marc.sniff.marc`."""
        return marc(head)

    def parse(self, stream: BinaryIO, source: str) -> Iterator[Record | RecordError]:
        """Yield a Record (or RecordError) per ISO 2709 record (cut at record terminators: see
        :func:`~mappings.parsers.marc.iso2709.terminated`)."""
        position = 0
        for offset, chunk, skipped in terminated(stream):
            position += 1
            where = f"#{position} (byte offset {offset})"
            if not chunk[:5].isdigit() or not chunk.endswith(b"\x1d"):
                what = "no record terminator (0x1D): the file is cut short" if not chunk.endswith(b"\x1d") \
                    else f"no leader: the record starts {chunk[:12]!r}"
                yield RecordError(f"unreadable MARC record: {what}", file=source, record=where, field="leader")
                continue
            chunk, length_note = with_length(chunk)
            refused = ""
            with PymarcNotices() as notices:  # what pymarc logs or warns about a record is that record's warning
                try:
                    rec = MarcRecord(chunk, to_unicode=False)  # bytes: decoded field by field
                except Exception as exc:  # noqa: BLE001 - pymarc's refusals (a bad leader, directory ...)
                    refused = str(exc) or type(exc).__name__
            if refused:
                yield RecordError(f"unreadable MARC record: {refused}", file=source, record=where, field="leader")
                continue
            notes = [FieldWarning("leader/0-4", length_note)] if length_note else []
            if skipped:
                notes.append(FieldWarning("leader", f"{skipped} bytes that belong to no record were skipped "
                                                    "before this one"))
            structure = notes + [FieldWarning("directory", f"structure: {n}") for n in notices.messages]
            if (fixed := repaired(chunk)) is not None:  # a wrong base address: pymarc misread every field
                with PymarcNotices() as notices:
                    try:
                        rec = MarcRecord(fixed[0], to_unicode=False)
                        structure = [*notes, FieldWarning("leader/12-16", fixed[1])]
                    except Exception:  # noqa: BLE001 - the repair did not help: keep what pymarc read
                        pass
                structure += [FieldWarning("directory", f"structure: {n}") for n in notices.messages]
            if any("indicator" in w.message for w in structure) and (read := by_terminators(fixed[0] if fixed
                                                                                             else chunk)):
                rec = read  # the directory's lengths are wrong: the field terminators are right
                structure = [w for w in structure if w.field != "directory"] + [FieldWarning(
                    "directory", "the lengths and offsets do not match the fields: read at the field terminators")]
            text_record, warnings = decode_record(rec)
            warnings = structure + warnings
            result = _map(text_record, self.name, source, position, None, warnings)
            if isinstance(result, RecordError) and result.record.startswith("#"):
                result.record = where
            yield result
        if position == 0:
            yield RecordError("no MARC records found", file=source)

