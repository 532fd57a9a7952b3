"""MARC 21 identifiers (010-035), classifications (050-084), notes (5XX), links (856) and 880 scripts."""

from __future__ import annotations

import re

from pymarc import Field
from pymarc import Record as MarcRecord

from mappings import normalize
from mappings.model import Agent, Classification, Licence, Record, SourceField, WorkType
from mappings.parsers.marc import fields as mf

STANDARD_NUMBERS = {"0": "isrc", "1": "upc", "2": "ismn", "3": "ean", "4": "sici"}
OCLC = re.compile(r"^\((?:OCoLC|OCLC)\)\s*(?:ocm|ocn|on)?0*(\d+)$", re.IGNORECASE)
NOTE_PREFIXES = {
    ("505", "0"): "Contents: ",
    ("505", "1"): "Incomplete contents: ",
    ("505", "2"): "Partial contents: ",
    ("511", "1"): "Cast: ",
    ("520", "1"): "Review: ",
    ("520", "4"): "Content advice: ",
}


def _add(r: Record, scheme: str, value: str) -> None:
    found = r.other_ids.setdefault(scheme, [])
    if value and value not in found:
        found.append(value)


def identifiers(r: Record, rec: MarcRecord) -> None:
    """010 LCCN, 020 ISBN, 022 ISSN, 024 DOI and other standard numbers, 028 publisher numbers, 035 OCLC."""
    for field in rec.get_fields("010"):
        for value in field.get_subfields("a"):
            _add(r, "lccn", re.sub(r"\s+", "", value))
    for field in rec.get_fields("020"):  # $z is a cancelled or invalid ISBN: never the work's
        for value in field.get_subfields("a"):
            try:
                isbn = normalize.isbn13(value)
            except ValueError as exc:
                r.warn("020 $a", f"{exc}; the ISBN is left out")
                continue
            if not isbn.startswith(("978", "979")):  # a 13-digit EAN of something else, not an ISBN
                r.warn("020 $a", f"{value.strip()!r} is an EAN-13 outside the ISBN ranges (978, 979); kept as an EAN")
                _add(r, "ean", isbn)
                continue
            if isbn not in r.isbns:
                r.isbns.append(isbn)
    for field in rec.get_fields("022"):  # $y incorrect, $z cancelled ISSNs: never the work's
        for code, scheme in (("a", "issn"), ("l", "issn-l")):
            for value in field.get_subfields(code):
                try:
                    _add(r, scheme, normalize.issn(value))
                except ValueError as exc:
                    r.warn(f"022 ${code}", f"{exc}; the ISSN is left out")
    for field in rec.get_fields("024"):
        source = (mf.first(field, "2") or "").lower()
        for value in field.get_subfields("a"):
            if field.indicator1 == "7" and source == "doi":
                try:
                    r.doi = r.doi or normalize.doi(value)
                except ValueError as exc:
                    r.warn("024 $a", f"{exc}; kept as a plain identifier, not as a DOI")
                    _add(r, "doi-as-given", value.strip())
            elif field.indicator1 == "7" and source in ("hdl", "handle"):
                _add(r, "handle", value.strip())
            else:
                scheme = STANDARD_NUMBERS.get(field.indicator1) or source or "other"
                _add(r, scheme, value.strip())
    for field in rec.get_fields("028"):
        number, label = mf.first(field, "a"), mf.first(field, "b")
        if number:
            _add(r, "publisher-number", f"{label} {number}" if label else number)
    for field in rec.get_fields("035"):
        for value in field.get_subfields("a"):
            if m := OCLC.match(value.strip()):
                _add(r, "oclc", m[1])
            elif value.strip():
                _add(r, "system-number", value.strip())


def notes(r: Record, rec: MarcRecord) -> None:
    """5XX notes: 506 access, 540/542 rights (licence from a CC URL), the others as notes."""
    for field in rec.fields:
        tag = field.tag
        if not re.fullmatch(r"5[0-8]\d", tag) or tag == "502":
            continue
        if tag == "520" and field.indicator1 not in ("1", "4"):  # other 520s are the abstract
            continue
        text = normalize.clean_text(
            " ".join(sf.value for sf in field.subfields if sf.code not in mf.CONTROL_CODES and sf.code != "u")
        )
        if tag == "506":
            r.access_note = text or None
        elif tag in ("540", "542"):
            for value in [*field.get_subfields("u"), text]:
                iri, family = normalize.licence(value)
                if iri or family:
                    r.licence = r.licence or Licence(iri=iri, family=family, text=text or None)
            if text and not (r.licence and r.licence.text == text):
                r.rights.append(text)
        elif text:
            r.notes.append(NOTE_PREFIXES.get((tag, field.indicator1), "") + text)
        if tag != "540":
            for value in (u.strip() for u in field.get_subfields("u") if u.strip()):
                try:
                    r.related_urls.append(normalize.url(value))
                except ValueError as exc:
                    r.warn(f"{tag} $u", f"{exc}; the link is left out")


def links(r: Record, rec: MarcRecord) -> None:
    """856 electronic locations: the resource itself (first one) as its URL, others as related links."""
    for field in rec.get_fields("856"):
        labels = mf.values(field, "3yz")
        for url in (u.strip() for u in field.get_subfields("u")):
            if not url:
                continue
            if re.match(r"https?://(?:dx\.)?doi\.org/10\.", url, re.IGNORECASE):
                try:
                    r.doi = r.doi or normalize.doi(url)
                    continue
                except ValueError as exc:
                    r.warn("856 $u", f"{exc}; kept as a link, not as a DOI")
            try:
                normalize.url(url)
            except ValueError as exc:  # javascript:, a bare host name ...: never a link
                r.warn("856 $u", f"{exc}; the link is left out")
                continue
            if (
                field.indicator2 in ("0", " ", "")
                and not field.get("3")
                and not r.official_url
                and not labels
            ):
                r.official_url = url
            elif url not in r.related_urls:
                r.related_urls.append(url)
            if labels:
                r.notes.append(f"{'; '.join(labels)}: {url}")


def _linkage(field: Field) -> tuple[str, str] | None:
    link = field.get("6")
    if not link or not (m := re.match(r"(\d{3})-(\d{2})", link)):
        return None
    return m[1], m[2]


def alternate_scripts(r: Record, rec: MarcRecord, agents: dict[tuple[str, str], Agent]) -> None:
    """880 fields: the original-script form of a romanised field, linked through $6.

    ``agents`` are the record's agents by the (tag, occurrence) of the name field they came from. An 880
    whose characters could not all be decoded gives no title or name variant (its text may be garbled):
    it is kept as an unmapped field, and the decoding warning names it.
    """
    garbled = {w.field.split(" $")[0] for w in r.warnings if w.field.startswith("880 (")}
    for field in rec.get_fields("880"):
        link = _linkage(field)
        tag = link[0] if link else "???"
        text = mf.joined(field, skip="6")
        if not text:
            continue
        if f"880 ({(field.get('6') or '').strip()[:6]})" in garbled:
            r.unmapped.append(SourceField(label=f"MARC 880 ({tag})", value=text))
        elif tag == "245":
            title = mf.first(field, "a") or text
            subtitle = " : ".join(mf.values(field, "b"))
            r.alternative_titles.append(f"{title}: {subtitle}" if subtitle else title)
        elif tag in ("130", "240", "246"):
            r.alternative_titles.append(" : ".join(mf.values(field, "ab")) or text)
        elif tag[1:] in ("00", "10", "11", "20") and tag[0] in "17" and link:
            name = mf.trim(
                " ".join(mf.values(field, "aq")) if tag.endswith("00") else ". ".join(mf.values(field, "ab"))
            )
            target = agents.get((tag, link[1]))
            if target is not None and name and name not in target.variants:
                target.variants.append(name)
            elif target is None:
                r.unmapped.append(SourceField(label=f"MARC 880 ({tag})", value=text))
        elif tag in ("260", "264") and r.work_type is not WorkType.PERIODICAL:
            r.notes.append(f"Publication (original script): {text}")
        else:
            r.unmapped.append(SourceField(label=f"MARC 880 ({tag})", value=text))


def classifications(r: Record, rec: MarcRecord) -> None:
    """082 Dewey, 050 LCC (or a call number that is no LCC class), 060 NLM, 080 UDC, 084 other schemes."""
    for field in rec.get_fields("082"):
        edition = mf.first(field, "2")
        for notation in field.get_subfields("a"):
            r.classifications.append(Classification("ddc", notation.replace("/", "").strip(), edition))
    for field in rec.get_fields("050"):
        notation = " ".join(v for v in (mf.first(field, "a"), mf.first(field, "b")) if v)
        if re.match(r"[A-Z]{1,3}\s?\d", notation):
            r.classifications.append(Classification("lcc", notation))
        elif notation:  # e.g. LC's shelf numbers for recordings ("Atlantic 1259") are not LCC classes
            r.other_ids.setdefault("call-number", []).append(notation)
    for field in rec.get_fields("060", "080"):
        if number := mf.first(field, "a"):
            r.classifications.append(Classification("nlm" if field.tag == "060" else "udc", number))
    for field in rec.get_fields("084"):
        scheme = (mf.first(field, "2") or "other").lower()
        for notation in field.get_subfields("a"):
            r.classifications.append(Classification(scheme, notation.strip()))
