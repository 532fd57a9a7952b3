"""Decoding the bytes of an ISO 2709 record: MARC-8 or UTF-8 as leader/09 says, with every problem noted.

pymarc splits the record (leader, directory, fields, subfields) and leaves the data as bytes; this module
turns them into text, one subfield at a time, so that a decoding problem is a warning naming the field and
subfield (pymarc's own MARC-8 decoder only prints "Unable to parse character ..." to stderr and puts a
space in the text). The MARC-8 character sets are pymarc's tables (:mod:`pymarc.marc8_mapping`).

- MARC-8: escape sequences designate the G0/G1 sets (ISO 2022 and the MARC-8 "technique 2" shifts); each
  subfield starts with ASCII in G0 and ANSEL in G1; combining marks, which MARC-8 writes before their base
  letter, are moved after it and the text is NFC-normalised; a space stays a space in the multibyte CJK
  set; a numeric character reference ``&#xXXXX;`` (MARC-8's way of carrying a character it lacks) becomes
  that character. A byte no designated set has is reported; ASCII punctuation and digits that a non-Latin
  set lacks (a missing escape back to ASCII) are read as ASCII, and anything else is left out.
- Text is NFC-normalised (MARC records often hold decomposed letters: "ē" as "e" + a combining macron).
- Leader/09 "a" says UTF-8, blank MARC-8. A record whose leader is wrong is read in the encoding its text
  is in, with one warning on leader/09: a "MARC-8" record all of whose non-ASCII text is valid UTF-8 (MARC-8
  text almost never is), a "UTF-8" record none of whose text is UTF-8 and all of which reads cleanly as
  MARC-8 (every diacritic on a letter). Within a record, a subfield that is not valid UTF-8 is read as
  MARC-8 when it decodes cleanly, else as Windows-1252 when it looks like it, else with U+FFFD for the
  bad bytes; a "MARC-8" subfield that is valid UTF-8 is read as UTF-8. Each such repair is a warning.
"""

from __future__ import annotations

import re
import unicodedata

from pymarc import Field, Indicators, Subfield, marc8_mapping
from pymarc import Record as MarcRecord

from mappings.model import FieldWarning

ESC = 0x1B
BASIC_LATIN, ANSEL, CJK = 0x42, 0x45, 0x31
G0_INTERMEDIATES = {0x28, 0x2C}  # "(" and ","; "$" (0x24) is followed by one of these or by the final byte
G1_INTERMEDIATES = {0x29, 0x2D}  # ")" and "-"
TECHNIQUE_2 = {0x67: 0x67, 0x62: 0x62, 0x70: 0x70, 0x73: BASIC_LATIN}  # greek symbols, sub-, superscripts, ASCII
NCR = re.compile(r"&#(?:x([0-9A-Fa-f]{2,6})|(\d{2,7}))(?:%x)?;")
NCR_BYTES = re.compile(rb"&#(?:x([0-9A-Fa-f]{2,6})|(\d{2,7}))(?:%x)?;")
ASCII_PUNCTUATION = "!\"#%&'()*+,-./0123456789:;<=>?"
CHARSETS = {0x42: "ASCII", 0x45: "ANSEL", 0x31: "CJK (EACC)", 0x32: "Hebrew", 0x33: "Arabic", 0x34: "extended Arabic",
            0x4E: "Cyrillic", 0x51: "extended Cyrillic", 0x53: "Greek", 0x67: "Greek symbols", 0x62: "subscripts",
            0x70: "superscripts"}


class Marc8Text:
    """One MARC-8 string being decoded: the designated sets, the text so far, the problems met."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.g0, self.g1 = BASIC_LATIN, ANSEL
        self.out: list[str] = []
        self.combining: list[str] = []
        self.problems: list[str] = []
        self.as_ascii: dict[int, list[str]] = {}  # character set -> ASCII characters it lacks, read as ASCII
        self.stray_marks = 0  # combining marks followed by no letter: unlikely in real MARC-8 text

    def decode(self) -> str:
        """The text, NFC-normalised; ``problems`` says what could not be read."""
        data, pos = self.data, 0
        while pos < len(data):
            byte = data[pos]
            if byte == ESC:
                pos = self._escape(pos)
                continue
            if byte == 0x20:
                self._char(" ", False)
                pos += 1
                continue
            if self.g0 == CJK and 0x21 <= byte <= 0x7E:
                pos = self._multibyte(pos)
                continue
            if byte == 0x26 and self.g0 == BASIC_LATIN and (m := NCR_BYTES.match(data, pos)):
                pos = m.end()
                self._reference(m[0].decode("ascii"), int(m[1], 16) if m[1] else int(m[2]))
                continue
            pos += 1
            if byte < 0x20 or byte == 0x7F or 0x80 <= byte < 0xA0:
                continue  # control characters (ANSEL's joiners 0x88-0x8E included): no text
            self._single(byte)
        if self.combining:
            self.stray_marks += 1
            self.out.extend(self.combining)  # marks with no base letter after them: keep them
        for charset, chars in self.as_ascii.items():
            self.problems.append(f"{', '.join(map(repr, dict.fromkeys(chars)))} not in the character set in use "
                                 f"({CHARSETS.get(charset, hex(charset))}): read as ASCII (an escape back to "
                                 "ASCII is missing)")
        return unicodedata.normalize("NFC", "".join(self.out))

    def _reference(self, text: str, code: int) -> None:
        if "%x" in text:
            self.problems.append(f"malformed character reference {text!r} read as U+{code:04X}")
        if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF or code < 0x20:
            self.problems.append(f"character reference {text!r} names no character; left out")
            return
        self._char(chr(code), False)

    def _escape(self, pos: int) -> int:
        data = self.data
        nxt = data[pos + 1] if pos + 1 < len(data) else None
        if nxt in TECHNIQUE_2:
            self.g0 = TECHNIQUE_2[nxt]
            return pos + 2
        rest, extra = data[pos + 1 : pos + 5], 0
        if len(rest) >= 2 and rest[1] == 0x21 and rest[0] in G0_INTERMEDIATES | G1_INTERMEDIATES:
            rest, extra = rest[:1] + rest[2:], 1  # ESC ) ! E: ANSEL with its second intermediate
        rest = rest[:3]
        if rest[:1] == b"$":  # multibyte: ESC $ F, ESC $ , F (G0) or ESC $ ) F, ESC $ - F (G1)
            if len(rest) >= 2 and rest[1] in G0_INTERMEDIATES | G1_INTERMEDIATES:
                final, into_g1, length = (rest[2] if len(rest) > 2 else None), rest[1] in G1_INTERMEDIATES, 4
            else:
                final, into_g1, length = (rest[1] if len(rest) > 1 else None), False, 3
        elif rest[:1] and rest[0] in G0_INTERMEDIATES | G1_INTERMEDIATES:
            final, into_g1, length = (rest[1] if len(rest) > 1 else None), rest[0] in G1_INTERMEDIATES, 3
        else:
            self.problems.append(f"an escape (0x1B) not followed by a character set designation at byte {pos}")
            return pos + 1
        if final is None or final not in marc8_mapping.CODESETS:
            shown = f"0x{final:02x}" if final is not None else "nothing"
            self.problems.append(f"an escape sequence to an unknown character set ({shown}) at byte {pos}")
            return pos + length + extra
        if into_g1:
            self.g1 = final
        else:
            self.g0 = final
        return pos + length + extra

    def _multibyte(self, pos: int) -> int:
        chunk = self.data[pos : pos + 3]
        if len(chunk) < 3:
            self.problems.append(f"a CJK (EACC) character cut short at byte {pos}")
            return len(self.data)
        code = int.from_bytes(chunk, "big")
        found = marc8_mapping.CODESETS[CJK].get(code)
        if found is None and code in marc8_mapping.ODD_MAP:
            found = (marc8_mapping.ODD_MAP[code], 0)
        if found is None:
            self.problems.append(f"no CJK (EACC) character 0x{code:06x} at byte {pos}")
        else:
            self._char(chr(found[0]), bool(found[1]))
        return pos + 3

    def _single(self, byte: int) -> None:
        charset = self.g1 if byte >= 0xA0 else self.g0
        table = marc8_mapping.CODESETS.get(charset, {})
        found = table.get(byte) or table.get(byte ^ 0x80)  # a G0 set designated as G1, or the reverse
        if found is None and byte < 0x80 and charset != BASIC_LATIN and chr(byte) in ASCII_PUNCTUATION:
            self.as_ascii.setdefault(charset, []).append(chr(byte))
            found = (byte, 0)
        if found is None:
            name = CHARSETS.get(charset, hex(charset))
            self.problems.append(f"no character 0x{byte:02x} in the character set in use ({name}); left out")
            return
        self._char(chr(found[0]), bool(found[1]))

    def _char(self, char: str, combining: bool) -> None:
        if combining:
            self.combining.append(char)
            return
        if self.combining and not char.isalpha():
            self.stray_marks += 1
        self.out.append(char)
        if self.combining:
            self.out.extend(self.combining)
            self.combining = []


def marc8_text(data: bytes) -> tuple[str, list[str]]:
    """MARC-8 bytes as text, and the problems met decoding them."""
    decoder = Marc8Text(data)
    return decoder.decode(), decoder.problems


def _plausible_marc8(data: bytes) -> str | None:
    """The text if these bytes read cleanly as MARC-8 with every diacritic on a letter, else None."""
    decoder = Marc8Text(data)
    text = decoder.decode()
    return text if not decoder.problems and not decoder.stray_marks else None


def references(text: str) -> tuple[str, list[str]]:
    """Numeric character references left in text (``&#x0E25;``, a malformed ``&#x0E25%x;``) as the characters.

    MARC-8 carries a character it lacks as such a reference; a converter that did not resolve them (or
    escaped their "&" for XML) leaves them in MARCXML text.
    """
    problems: list[str] = []

    def char(m: re.Match[str]) -> str:
        code = int(m[1], 16) if m[1] else int(m[2])
        problems.append(f"character reference {m[0]!r} in the text, read as U+{code:04X}")
        if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF or code < 0x20:
            problems.append(f"character reference {m[0]!r} names no character; left out")
            return ""
        return chr(code)

    return NCR.sub(char, text), problems


def subfield_text(data: bytes, utf8: bool) -> tuple[str, list[str]]:
    """One subfield's bytes as text, in the encoding leader/09 names; and the problems met."""
    if utf8:
        try:
            return unicodedata.normalize("NFC", data.decode("utf-8")), []
        except UnicodeDecodeError as exc:
            bad = f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at {exc.start}) although leader/09 says UTF-8"
            if (text := _plausible_marc8(data)) is not None:
                return text, [f"{bad}; read as MARC-8"]
            if re.fullmatch(rb"(?:[\x20-\x7e]|[\xc0-\xff](?=[\x20-\x7e]|$))*", data):
                return data.decode("cp1252"), [f"{bad}; read as Latin-1 (Windows-1252)"]
            return data.decode("utf-8", "replace"), [f"{bad}; the bad bytes are shown as U+FFFD"]
    if not data.isascii() and _is_utf8(data):  # MARC-8 text almost never forms UTF-8 sequences
        return unicodedata.normalize("NFC", data.decode("utf-8")), [
            "read as UTF-8: the text is UTF-8, not MARC-8 as leader/09 says"]
    return marc8_text(data)


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def record_encoding(fields: list[Field], utf8: bool) -> tuple[bool, str | None]:
    """The encoding to read a record in (True: UTF-8), and a warning when it is not the one leader/09 names:
    a "MARC-8" record all of whose non-ASCII text is UTF-8 is read as UTF-8; a "UTF-8" record none of whose
    non-ASCII text is UTF-8 but all of which reads cleanly as MARC-8 is read as MARC-8."""
    raw: list[object] = [sf.value for f in fields if not f.is_control_field() for sf in f.subfields]
    values = [v for v in raw if isinstance(v, bytes) and not v.isascii()]
    if not values:
        return utf8, None
    if not utf8 and all(_is_utf8(v) for v in values):
        return True, "leader/09 says MARC-8, but all the text is UTF-8: read as UTF-8"
    if utf8 and not any(_is_utf8(v) for v in values) and all(_plausible_marc8(v) is not None for v in values):
        return False, "leader/09 says UTF-8, but the text is MARC-8 (no field is valid UTF-8): read as MARC-8"
    return utf8, None


def _subfields(field: Field) -> list[tuple[str, bytes, list[str]]]:
    """(code, bytes, problems) of a raw field's subfields; a delimiter followed by no valid code (a-z, 0-9)
    is a character a broken conversion wrote as 0x1F: its bytes are kept as text of the subfield before."""
    out: list[tuple[str, bytes, list[str]]] = []
    for sf in field.subfields:
        value = sf.value if isinstance(sf.value, bytes) else str(sf.value).encode()
        code = sf.code
        if out and not re.fullmatch(r"[a-z0-9]", code):
            last_code, last_value, problems = out[-1]
            problems.append(f"a subfield delimiter before {code!r} is no subfield (codes are a-z, 0-9): read as "
                            "text; the character it replaced is lost")
            out[-1] = (last_code, last_value + code.encode("latin-1", "replace") + value, problems)
            continue
        out.append((code, value, []))
    return out


def decode_record(raw: MarcRecord) -> tuple[MarcRecord, list[FieldWarning]]:
    """A record read with ``to_unicode=False`` as a record of text, and a warning per field that had trouble."""
    leader = str(raw.leader)
    utf8, mismatch = record_encoding(raw.fields, leader[9:10] == "a")
    rec = MarcRecord(leader=" " * 24)
    rec.leader = raw.leader
    warnings: list[FieldWarning] = [FieldWarning("leader/09", f"character encoding: {mismatch}")] if mismatch else []
    for field in raw.fields:
        if field.is_control_field():
            data = field.data if isinstance(field.data, bytes) else str(field.data).encode()
            text = data.decode("ascii", "replace")
            if not data.isascii():
                text = data.decode("utf-8", "replace")
                warnings.append(FieldWarning(field.tag, "non-ASCII bytes in a control field"))
            rec.fields.append(Field(field.tag, data=text))
            continue
        subfields = []
        name = field.tag
        for code, value, problems in _subfields(field):
            text, more = subfield_text(value, utf8)
            problems = problems + more
            if code == "6" and field.tag == "880":
                name = f"880 ({text.strip()[:6]})"  # the field it gives in another script: "880 (245-01)"
            for problem in problems:
                warnings.append(FieldWarning(f"{name} ${code}", f"character encoding: {problem}"))
            subfields.append(Subfield(code=code, value=text))
        rec.fields.append(Field(field.tag, indicators=Indicators(field.indicator1, field.indicator2),
                                subfields=subfields))
    return rec, warnings
