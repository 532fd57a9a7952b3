"""MARCXML ``<record>`` elements as pymarc records, keeping the source line of every field for warnings."""

from __future__ import annotations

import re
import unicodedata

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
