"""``marcxml`` and ``marc``: MARC 21 bibliographic records as MARCXML or binary ISO 2709 (``.mrc``).

MARCXML is streamed one ``<record>`` at a time (MARC 21 slim namespace or none; a ``<collection>``, a
single ``<record>``, or records inside an OAI-PMH response); binary records are read with pymarc, MARC-8
or UTF-8 as leader/09 says. Both become a :class:`pymarc.Record` and are mapped by the same rules
(``marc_record``, ``marc_fields`` and ``marc_links`` in this package):

- work type: leader/06-07 and 008 (language material: monograph -> book, serial component part -> article,
  monographic component part -> chapter or article when the host has an ISSN, serial -> periodical,
  008/24-27 'm' -> thesis, 't' -> report; 'm' computer file by 008/26, and a remote resource with an open
  date range -> website; 'j' music recording, 'i' sound recording, 'g' video or image, 'e'/'f' map,
  'c'/'d' score, 'k' image); a 502 dissertation note makes a thesis; the 245 $h GMD ("[sound recording]")
  is dropped from the title and used only when the leader leaves the type open.
- titles: 245 $a $n $p (title) and $b (subtitle), ISBD punctuation removed; 130/240/242/246/210/222 and
  880s linked to 245/246 -> alternative titles.
- names: 100/110/111 are creators; 700/710/711/720 are creators when their role ($4 code or $e/$j term)
  is a creator role (author, composer, performer ...), contributors otherwise; when a record has no 1XX
  main entry, 7XX entries with no role are taken as its creators (e.g. a website's corporate body);
  an 880 linked to a name adds its original-script form as a name variant. 7XX with $t (name/title
  analytics) become "Contains:" notes. 111/711 also give the event.
- 260, or 264 second indicator 1 (place, publisher, date: "c2000." -> 2000 and copyright 2000,
  "[1957?]" -> 1957 flagged approximate, "1994-" -> 1994); 264 _4 copyright date; 008/07-10 when no $c.
- identifiers: 001 + 003 (or 040 $a) -> source id ``marc:<org>:<001>``; 005 -> source modified;
  010 LCCN, 020 ISBN ($a; qualifiers dropped; invalid check digit -> error naming 020), 022 ISSN
  (identifier of a serial), 024 (ind1 7 $2 doi -> DOI; others by type), 028 publisher number,
  035 OCLC number; 773 $x host ISSN.
- 041 $a $d and 008/35-37 languages; 250 edition; 300 extent and page count; 490/8XX series (a traced
  490 yields to its 830); 502 degree ($b $c $d, or free text "Thesis (Ph. D.)--Harvard University, 1990.");
  520 abstract; 505 contents, 500/511/538 and other 5XX notes ("Contents:", "Cast:" display constants
  kept); 506 access; 540/542 rights and licence; 6XX subject headings with their subdivisions as parts and
  their scheme (ind2 or $2); 653 keywords; 082 Dewey, 050 LCC (a 050 that is no LCC class, such as LC's
  "Atlantic 1259" shelf numbers for recordings, becomes a call number), 060, 080, 084;
  773 host item ($t, $g "Vol. 23, no. 1 (2018), p. 54-63" or $q "23:1<54", $x ISSN, $z ISBN);
  856 $u links (the first one for the resource itself is its URL, others related; $3/$y/$z as notes).

Dropped deliberately: 006/007 (coded physical description), 040, 042, 043 (geographic codes restating the
subjects), 066, 072, 263, 336-338 (RDA content/media/carrier types, restated by the work type), 883-886,
local fields (9XX and X9X, whose meaning differs between libraries), 245 $c (statement of responsibility,
restated by the names), 020 $c $q $z, 022 $y $z, 041 codes other than $a/$d (original language,
summaries ...), 240/130 $l $k $s $f qualifiers, 773 $w/$7 (links to other records), subject $0/$1
identifiers that are neither URIs nor LC control numbers (those become skos:exactMatch authority links),
880s linked to fields not named above (kept as unmapped fields). Any other field is kept
as an unmapped source field ("MARC 256: Computer data").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import BinaryIO

from lxml import etree
from pymarc import Field, Indicators, MARCReader, Subfield
from pymarc import Record as MarcRecord

from mappings.model import Record, RecordError
from mappings.parsers import Parser as BaseParser
from mappings.parsers.marc_fields import trim
from mappings.parsers.marc_record import to_record
from mappings.parsers.xmlstream import iter_records, local

MARC_NS = "http://www.loc.gov/MARC21/slim"


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
            rec.leader = (child.text or "").ljust(24)[:24]  # type: ignore[assignment]
        elif name in ("controlfield", "datafield"):
            tag = (child.get("tag") or "").strip()
            if not re.fullmatch(r"[0-9A-Za-z]{3}", tag):
                raise RecordError(
                    f"a {name} without a valid tag attribute ({tag!r})", field=name, line=child.sourceline
                )
            if name == "controlfield":
                rec.add_field(Field(tag, data=child.text or ""))
            else:
                subfields = [
                    Subfield(code=s.get("code") or "?", value=s.text or "")
                    for s in child
                    if isinstance(s.tag, str) and local(s.tag) == "subfield"
                ]
                rec.add_field(
                    Field(
                        tag,
                        indicators=Indicators(child.get("ind1") or " ", child.get("ind2") or " "),
                        subfields=subfields,
                    )
                )
    return rec


class MarcXmlParser(BaseParser):
    """MARCXML (MARC 21 slim)."""

    name = "marcxml"
    description = "MARC 21 records as MARCXML (collection, single record, or inside OAI-PMH)"

    @classmethod
    def sniff(cls, head: bytes) -> int:
        """Sure with the MARC 21 slim namespace; fairly sure with leader/controlfield elements."""
        if MARC_NS.encode() in head:
            return 95
        if re.search(rb"<(?:\w+:)?leader>", head) and b"controlfield" in head and b"<" in head[:200]:
            return 80
        return 0

    def parse(self, stream: BinaryIO, source: str) -> Iterator[Record | RecordError]:
        """Yield a Record (or RecordError) per MARCXML <record>."""
        for item in iter_records(stream, (f"{{{MARC_NS}}}record", "record"), source):
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


class MarcParser(BaseParser):
    """Binary MARC 21 (ISO 2709)."""

    name = "marc"
    description = "MARC 21 records in ISO 2709 transmission format (.mrc), MARC-8 or UTF-8"

    @classmethod
    def sniff(cls, head: bytes) -> int:
        """Sure when the first 24 bytes are a MARC leader: record length digits and entry map 4500."""
        if len(head) >= 24 and head[:5].isdigit() and head[20:24] == b"4500" and head[12:17].isdigit():
            return 95
        return 0

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


Parser = MarcXmlParser
PARSERS: dict[str, type[BaseParser]] = {"marcxml": MarcXmlParser, "marc": MarcParser}
