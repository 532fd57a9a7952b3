"""OAI-PMH record payloads through the parsers and the crosswalk, as the ingest pipeline takes them."""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Iterator

from mappings import parsers
from mappings.limits import InputLimits, use
from mappings.model import FormatError, Record, RecordError
from mappings.normalize import timestamp
from mappings.screening import screen
from mappings.uris import Minter
from publisher.harvest.oai import OaiRecord
from publisher.ingest.workers import Mapped, map_one

# metadataPrefix -> the parser reading its payload; other prefixes are detected from each payload
PREFIX_FORMATS = {
    "oai_dc": "oai-dc",
    "uketd_dc": "uketd-dc",
    "marc21": "marcxml",
    "marcxml": "marcxml",
    "marc": "marcxml",
    "MARC21": "marcxml",
}


def payload_format(metadata_prefix: str, payload: bytes, label: str) -> str:
    """The parser for a payload: the one its metadata prefix names, else the one detection is surest of."""
    known = PREFIX_FORMATS.get(metadata_prefix)
    return known or parsers.detect(payload[: parsers.SNIFF_BYTES], label)


def map_oai_record(record: OaiRecord, metadata_prefix: str, label: str, minter: Minter, limits: InputLimits,
                   shacl: bool = False, source: str = "") -> Iterator[Mapped | RecordError]:
    """The mapped record (or its rejection) of one OAI-PMH record that is not deleted.

    The record is named by its OAI identifier, as `lodpub ingest` names a record of a ListRecords file, so a later
    deletion finds its graph; its datestamp is its modification date when the payload gives none. Its source file
    is ``source`` (the repository's base URL: the page a record came in on changes from harvest to harvest, and
    would make an unchanged record look changed); messages name the page (``label``) and its lines."""
    if record.payload is None:
        yield RecordError("the record has no metadata", file=label, record=record.identifier, field="metadata",
                          line=record.line)
        return
    if not record.identifier:
        yield RecordError("the record has no header identifier", file=label, field="header/identifier",
                          line=record.line)
        return
    use(limits)
    try:
        name = payload_format(metadata_prefix, record.payload, label)
        items = list(parsers.get(name).parse(io.BytesIO(record.payload), label))
    except (FormatError, ValueError) as exc:
        yield RecordError(str(getattr(exc, "message", exc)), file=label, record=record.identifier,
                          field="metadata", line=record.line)
        return
    except Exception as exc:  # noqa: BLE001 - a parser's bug rejects this record, the others go on
        yield RecordError(f"the parser failed ({type(exc).__name__}: {exc})", file=label,
                          record=record.identifier, field="metadata", line=record.line)
        return
    shift = max(record.line - 1, 0)
    found = [item for item in items if isinstance(item, Record)]
    for position, item in enumerate(items, start=1):
        if isinstance(item, RecordError):
            item.file, item.record = label, record.identifier
            item.line = item.line + shift if item.line is not None else record.line
            yield item
            continue
        _name(item, record, source or label, position if len(found) > 1 else 0, shift)
        mapped = map_one(screen(item, limits), minter, shacl)
        if isinstance(mapped, RecordError):
            mapped.file, mapped.record = label, item.source_id
            mapped.line = mapped.line + shift if mapped.line is not None else record.line
        yield mapped


def _name(item: Record, record: OaiRecord, label: str, position: int, shift: int) -> None:
    """Give a parsed record its OAI identity, file label, modification date and response line numbers."""
    item.source_id = record.identifier if not position else f"{record.identifier}#{position}"
    item.source_file = label
    if not item.source_modified and record.datestamp:
        try:
            item.source_modified = timestamp(record.datestamp)
        except ValueError:
            item.warn("header/datestamp", f"not a date: {record.datestamp!r}")
    item.warnings = [dataclasses.replace(w, line=w.line + shift) if w.line is not None else w
                     for w in item.warnings]
