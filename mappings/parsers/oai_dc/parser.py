"""The ``oai-dc`` and ``uketd-dc`` parsers: OAI-PMH envelopes (or bare metadata records) as Records."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import BinaryIO

from lxml import etree

from mappings.model import FormatError, Record, RecordError
from mappings.parsers.base import Parser
from mappings.parsers.common.xml_stream import iter_records, local, text
from mappings.parsers.oai_dc.elements import DC_NS, DCTERMS_NS
from mappings.parsers.oai_dc.fields import metadata_record
from mappings.parsers.oai_dc.identifiers import FILE_URL
from mappings.parsers.oai_dc.sniff import OAI, OAI_DC, UKETD, oai_dc, uketd_dc

METADATA_TAGS = {f"{{{OAI_DC}}}dc": "oai-dc", f"{{{UKETD}}}uketddc": "uketd-dc"}


def _header(record: etree._Element) -> tuple[str | None, str | None, str | None]:
    header = record.find(f"{{{OAI}}}header")
    if header is None:
        return None, None, None
    return (
        text(header.find(f"{{{OAI}}}identifier")),
        text(header.find(f"{{{OAI}}}datestamp")),
        header.get("status"),
    )


def _from_envelope(elem: etree._Element, source: str, position: int) -> Record | RecordError:
    identifier, datestamp, status = _header(elem)
    ident = identifier or f"#{position}"
    if not identifier:
        return RecordError(
            "no header identifier", file=source, record=ident, field="header/identifier", line=elem.sourceline
        )
    if status == "deleted":
        return RecordError(
            "the record is deleted (withdrawn) in the repository",
            file=source,
            record=ident,
            field="header/@status",
            line=elem.sourceline,
        )
    metadata = elem.find(f"{{{OAI}}}metadata")
    payload = next((c for c in metadata if isinstance(c.tag, str)), None) if metadata is not None else None
    if payload is None:
        return RecordError("no metadata", file=source, record=ident, field="metadata", line=elem.sourceline)
    return _payload(payload, source, position, ident, datestamp)


def _payload(
    payload: etree._Element, source: str, position: int, ident: str, datestamp: str | None
) -> Record | RecordError:
    fmt = METADATA_TAGS.get(payload.tag)
    if fmt is None:
        return RecordError(
            f"metadata is {local(payload.tag)!r} ({payload.tag!s}), not oai_dc "
            "or uketd_dc: read it with the parser for that format",
            file=source,
            record=ident,
            field="metadata",
            line=payload.sourceline,
        )
    try:
        return metadata_record(payload, fmt, source, position, ident, datestamp)
    except RecordError as exc:
        exc.file, exc.record, exc.line = source, ident, exc.line or payload.sourceline
        return exc


def _identify(elem: etree._Element) -> str | None:
    """A record's OAI identifier (or a bare record's dc:identifier), also from the part read before a break."""
    if elem.tag == f"{{{OAI}}}record":
        return _header(elem)[0]
    return _bare_identifier(elem)


def _bare_identifier(elem: etree._Element) -> str | None:
    """A bare record's identity: the page that references it (uketd_dc's dcterms:isReferencedBy) or its first URL
    identifier that is no file or DOI link (a handle, a landing page), else its first identifier."""
    referenced = [v for v in (text(e) for e in elem.findall(f"{{{DCTERMS_NS}}}isReferencedBy")) if v]
    values = [v for v in (text(e) for e in elem.findall(f"{{{DC_NS}}}identifier")) if v]
    pages = [v for v in referenced + values if v.startswith(("http://", "https://")) and not FILE_URL.search(v)
             and "doi.org/" not in v]
    return pages[0] if pages else values[0] if values else None


ENVELOPE = re.compile(rb"<(?:\w+:)?OAI-PMH\b|xmlns(?::\w+)?=[\"']http://www\.openarchives\.org/OAI/2\.0/[\"']")


def _what_is_there(head: bytes) -> str:
    """What a document holds, from its first bytes, for the message when it holds no record."""
    tags = [t.decode("ascii", "replace") for t in re.findall(rb"<([A-Za-z][\w.:-]*)[\s/>]", head)]
    tags = [t for t in dict.fromkeys(tags) if t.split(":")[-1] not in ("responseDate", "request")][:4]
    verb = next((t.split(":")[-1] for t in tags if t.split(":")[-1] in VERBS), None)
    if verb in ("Identify", "ListSets", "ListMetadataFormats", "ListIdentifiers"):
        return f"an OAI-PMH {verb} response, which carries no metadata records"
    return "elements " + ", ".join(f"<{t}>" for t in tags) if tags else "no XML elements"


VERBS = {"Identify", "ListSets", "ListMetadataFormats", "ListIdentifiers", "ListRecords", "GetRecord"}


class OaiDcParser(Parser):
    """OAI-PMH with oai_dc metadata."""

    name = "oai-dc"
    description = "OAI-PMH ListRecords/GetRecord responses (or a bare record) in oai_dc"

    @classmethod
    def sniff(cls, head: bytes) -> int:
        """See :func:`mappings.parsers.oai_dc.sniff.oai_dc`."""
        return oai_dc(head)

    def parse(self, stream: BinaryIO, source: str) -> Iterator[Record | RecordError]:
        """Yield a Record (or RecordError) per OAI-PMH record; a FormatError for an OAI-PMH error response."""
        head = stream.read(4096)
        stream.seek(0)
        enveloped = bool(ENVELOPE.search(head))
        tags = (f"{{{OAI}}}record", f"{{{OAI}}}error") if enveloped else tuple(METADATA_TAGS)
        for item in iter_records(stream, tags, source, _identify):
            if isinstance(item, RecordError):
                if item.message.startswith("no record elements"):
                    wanted = "OAI-PMH <record> or <error>" if enveloped else "<oai_dc:dc> or <uketd_dc:uketddc>"
                    item.message = f"no {wanted} found: the document holds {_what_is_there(head)}"
                yield item
                continue
            position, elem = item
            if elem.tag == f"{{{OAI}}}error":
                code = elem.get("code") or "unknown"
                yield FormatError(
                    f"the repository answered with OAI-PMH error {code!r}: {text(elem) or ''}".strip(),
                    file=source,
                    line=elem.sourceline,
                    field="error",
                )
            elif enveloped:
                yield _from_envelope(elem, source, position)
            else:
                ident = _bare_identifier(elem) or f"{source}#{position}"
                yield _payload(elem, source, position, ident, None)


class UketdDcParser(OaiDcParser):
    """OAI-PMH with EThOS uketd_dc metadata."""

    name = "uketd-dc"
    description = "OAI-PMH responses (or a bare record) in the EThOS UK thesis profile uketd_dc"

    @classmethod
    def sniff(cls, head: bytes) -> int:
        """See :func:`mappings.parsers.oai_dc.sniff.uketd_dc`."""
        return uketd_dc(head)

