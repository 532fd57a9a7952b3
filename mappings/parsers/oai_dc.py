"""``oai-dc`` and ``uketd-dc``: OAI-PMH responses (``ListRecords``, ``GetRecord``) in simple Dublin Core.

``oai-dc`` is the OAI-PMH baseline ``oai_dc`` format (the fifteen DC elements); ``uketd-dc`` is the EThOS UK
thesis profile (``uketd_dc:uketddc``: DC and DCMI Terms elements plus ``uketdterms:`` institution,
department, qualificationname, qualificationlevel, advisor, sponsor, embargodate). Records are streamed one
``<record>`` at a time; a bare ``<oai_dc:dc>`` or ``<uketd_dc:uketddc>`` document (no OAI-PMH envelope)
is read as one record.

- header: identifier -> source id, datestamp -> source modified; ``status="deleted"`` -> RecordError
  (withdrawn from the repository); an ``<error code="...">`` response -> FormatError naming the code.
- dc:type (DRIVER/OpenAIRE ``info:eu-repo/semantics/...``, COAR resource types, repository words such as
  "Article", "Thesis", "Book Section", DCMI types) -> work type, the most specific one winning over "Text";
  ``...Version`` types -> version label; PeerReviewed/NonPeerReviewed -> status.
- dc:identifier: a DOI -> DOI; a URL on the repository's own host or holding the item's local id ->
  landing page; other URLs of files -> files; an ISBN/ISSN URN -> identifiers; a long text with a year in
  brackets -> the repository's citation (for theses, "Doctoral thesis, <institution>." gives the degree).
- dc:relation / dcterms:isReferencedBy: the landing page (see above), ``info:eu-repo/grantAgreement/...`` ->
  funding, ``info:eu-repo/semantics/altIdentifier/doi/...`` -> DOI, other URLs -> related links.
- dc:source: "Journal, 23(1), 54-63" or "Journal; Vol 23, No 1 (2018); 54-63" -> host journal; an ISSN ->
  its ISSN; anything else -> a note. dc:date: the first plain date -> issued, timestamps -> date available.
- dc:rights / dcterms:license: a licence URL or name ("cc_by_nc_sa") -> licence; ``info:eu-repo``
  access terms -> access note; other text -> rights.
- dc:subject -> keywords (a DDC ``info:eu-repo/classification/ddc/...`` -> classification);
  dc:description -> abstract (first) and notes; dc:coverage -> note; dc:format -> media type of the files.

Dropped deliberately: header setSpec (repository set codes), the OAI-PMH resumptionToken (no harvesting
here), dc:format values that are no media type ("text"), uketdterms:checksum and embargotype. Any other
element is kept as an unmapped source field.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from lxml import etree

from mappings.model import FormatError, Record, RecordError
from mappings.parsers import Parser as BaseParser
from mappings.parsers.oai_dc_fields import DC_NS, metadata_record
from mappings.parsers.xmlstream import iter_records, local, text

OAI = "http://www.openarchives.org/OAI/2.0/"
OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
UKETD = "http://naca.central.cranfield.ac.uk/ethos-oai/2.0/"
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


class OaiDcParser(BaseParser):
    """OAI-PMH with oai_dc metadata."""

    name = "oai-dc"
    description = "OAI-PMH ListRecords/GetRecord responses (or a bare record) in oai_dc"

    @classmethod
    def sniff(cls, head: bytes) -> int:
        """Sure with the oai_dc namespace; unsure with a bare OAI-PMH envelope (e.g. an error response)."""
        if OAI_DC.encode() in head and UKETD.encode() not in head:
            return 95
        if OAI.encode() in head and b"MARC21/slim" not in head and UKETD.encode() not in head:
            return 60 if cls.name == "oai-dc" else 0
        return 0

    def parse(self, stream: BinaryIO, source: str) -> Iterator[Record | RecordError]:
        """Yield a Record (or RecordError) per OAI-PMH record; a FormatError for an OAI-PMH error response."""
        head = stream.read(4096)
        stream.seek(0)
        enveloped = OAI.encode() in head
        tags = (f"{{{OAI}}}record", f"{{{OAI}}}error") if enveloped else tuple(METADATA_TAGS)
        for item in iter_records(stream, tags, source):
            if isinstance(item, RecordError):
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
                ident = text(elem.find(f"{{{DC_NS}}}identifier")) or f"{source}#{position}"
                yield _payload(elem, source, position, ident, None)


class UketdDcParser(OaiDcParser):
    """OAI-PMH with EThOS uketd_dc metadata."""

    name = "uketd-dc"
    description = "OAI-PMH responses (or a bare record) in the EThOS UK thesis profile uketd_dc"

    @classmethod
    def sniff(cls, head: bytes) -> int:
        """Sure with the uketd_dc namespace."""
        return 96 if UKETD.encode() in head else 0


Parser = OaiDcParser
PARSERS: dict[str, type[BaseParser]] = {"oai-dc": OaiDcParser, "uketd-dc": UketdDcParser}
