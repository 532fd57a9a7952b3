"""The ``datacite`` parser: DataCite XML (bare, or in OAI-PMH) and DataCite JSON (REST API or DataCite JSON)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any, BinaryIO

from lxml import etree

from mappings.model import FormatError, Record, RecordError
from mappings.parsers.base import Parser
from mappings.parsers.common.text_input import decode_text
from mappings.parsers.common.xml_stream import iter_records, local, text
from mappings.parsers.datacite.fields import resource_record
from mappings.parsers.datacite.json_input import documents, resources
from mappings.parsers.datacite.sniff import datacite
from mappings.parsers.datacite.xml_resource import resource_dict

OAI = "http://www.openarchives.org/OAI/2.0/"
KERNELS = ("2.0", "2.1", "2.2", "3", "4")
RESOURCE_TAGS = tuple(f"{{http://datacite.org/schema/kernel-{k}}}resource" for k in KERNELS) + ("resource",)


def _warned(record: Record, noticed: list[tuple[str, str, int | None]]) -> Record:
    for field, message, where in noticed:
        record.warn(field, message, line=where)
    return record


def _from_resource(elem: etree._Element, source: str, position: int, oai_id: str | None = None,
                   datestamp: str | None = None) -> Record | RecordError:
    """One ``<resource>`` element as a Record (or the RecordError that refuses it)."""
    res, noticed = resource_dict(elem)
    try:
        return _warned(resource_record(res, source, position, oai_id=oai_id, datestamp=datestamp), noticed)
    except RecordError as exc:
        exc.file, exc.line = source, exc.line or elem.sourceline
        return exc


def _identify(elem: etree._Element) -> str | None:
    """A record's OAI identifier or DOI, also from the part of it read before the XML broke."""
    if local(elem.tag) == "record":
        header = elem.find(f"{{{OAI}}}header")
        return text(header.find(f"{{{OAI}}}identifier")) if header is not None else None
    return next((text(c) for c in elem if isinstance(c.tag, str) and local(c.tag) == "identifier"), None)


def _from_oai(elem: etree._Element, source: str, position: int) -> Record | RecordError:
    header = elem.find(f"{{{OAI}}}header")
    ident = _identify(elem) or f"#{position}"
    if header is not None and header.get("status") == "deleted":
        return RecordError("the record is deleted (withdrawn) in the repository", file=source, record=ident,
                           field="header/@status", line=elem.sourceline)
    metadata = elem.find(f"{{{OAI}}}metadata")
    found = next((e for e in metadata.iter() if isinstance(e.tag, str) and local(e.tag) == "resource"), None) \
        if metadata is not None else None
    if found is None:
        payload = next((c for c in metadata if isinstance(c.tag, str)), None) if metadata is not None else None
        what = f"{local(payload.tag)!r} ({payload.tag})" if payload is not None else "nothing"
        return RecordError(f"metadata is {what}, not a DataCite <resource>", file=source, record=ident,
                           field="metadata", line=(payload if payload is not None else elem).sourceline)
    datestamp = text(header.find(f"{{{OAI}}}datestamp")) if header is not None else None
    return _from_resource(found, source, position, oai_id=ident, datestamp=datestamp)


def _xml(stream: BinaryIO, source: str) -> Iterator[Record | RecordError]:
    head = stream.read(4096)
    stream.seek(0)
    enveloped = OAI.encode() in head
    tags = (f"{{{OAI}}}record", f"{{{OAI}}}error") if enveloped else RESOURCE_TAGS
    for item in iter_records(stream, tags, source, _identify):
        if isinstance(item, RecordError):
            yield item
            continue
        position, elem = item
        if local(elem.tag) == "error":
            yield FormatError(f"the repository answered with OAI-PMH error {elem.get('code') or 'unknown'!r}: "
                              f"{text(elem) or ''}".strip(), file=source, line=elem.sourceline, field="error")
        elif enveloped:
            yield _from_oai(elem, source, position)
        else:
            yield _from_resource(elem, source, position)


def _deposited_xml(res: dict[str, Any], source: str, position: int) -> Record | RecordError:
    """A JSON:API item whose attributes hold only the deposited XML: the XML read as the record."""
    try:
        root = etree.fromstring(res["_xml"], etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as exc:
        return RecordError(f"the deposited XML (attributes.xml) is broken: {exc.msg}", file=source,
                           record=str(res.get("doi") or f"#{position}"), field="xml")
    found = root if local(root.tag) == "resource" else next(
        (e for e in root.iter() if isinstance(e.tag, str) and local(e.tag) == "resource"), None)
    if found is None:
        return RecordError("no titles, and the deposited XML holds no <resource>", file=source,
                           record=str(res.get("doi") or f"#{position}"), field="titles")
    record = _from_resource(found, source, position)
    if isinstance(record, Record):
        record.warn("titles", "the JSON attributes hold no titles: read from the deposited XML (attributes.xml); "
                              "line numbers are those of that XML")
    return record


def _json(data: bytes, source: str) -> Iterator[Record | RecordError]:
    text_data = decode_text(data, source)
    position = 0
    for doc in documents(text_data, source):
        for res in resources(doc, source):
            if isinstance(res, RecordError):
                yield res
                continue
            position += 1
            if "_xml" in res:
                yield _deposited_xml(res, source, position)
                continue
            try:
                yield resource_record(res, source, position)
            except RecordError as exc:
                exc.file = source
                yield exc
    if position == 0:
        yield RecordError("no DataCite records found", file=source)


class DataciteParser(Parser):
    """DataCite metadata: XML kernel 2.2-4 (bare or OAI-PMH) and DataCite JSON (REST API, DataCite JSON)."""

    name = "datacite"
    description = "DataCite XML (kernel 2.2, 3, 4; bare or in OAI-PMH) and DataCite JSON (REST API or DataCite JSON)"

    @classmethod
    def sniff(cls, head: bytes) -> int:
        """See :func:`mappings.parsers.datacite.sniff.datacite`."""
        return datacite(head)

    def parse(self, stream: BinaryIO, source: str) -> Iterator[Record | RecordError]:
        """Yield a Record (or RecordError) per DataCite resource; one FormatError for an unreadable input."""
        try:
            head = stream.read(64)
            stream.seek(0)
        except (OSError, io.UnsupportedOperation):
            head = b""
        try:
            if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
                yield from _xml(stream, source)
            else:
                yield from _json(stream.read(), source)
        except FormatError as exc:
            yield exc
