"""MARC 21 publication (260/264, 362, 008 dates), languages (041, 008) and physical description (250-5XX)."""

from __future__ import annotations

import re

from pymarc import Field
from pymarc import Record as MarcRecord

from mappings import normalize
from mappings.model import Agent, AgentKind, Record, SourceField, WorkType
from mappings.parsers.marc import fields as mf
from mappings.parsers.marc.kinds import control

TEXT_TYPES = {WorkType.BOOK, WorkType.ARTICLE, WorkType.CHAPTER, WorkType.THESIS, WorkType.REPORT,
              WorkType.PERIODICAL, WorkType.DOCUMENT}
# "no place", "no publisher" as catalogues say it: s.l./s.n., RDA's phrases, Hebrew ḥ.m./ḥ. mo. l., German
# o.O./o.V., Polish b.m./b.w., Russian б.м./б.и.
NO_PLACE = re.compile(r"\[?(?:s\.\s?l|sine loco|(?:place of )?(?:publication|production|distribution|manufacture)"
                      r" not identified|place not identified|ḥ\.\s?m|o\.\s?O|b\.\s?m|б\.\s?м)\.?\]?", re.IGNORECASE)
NO_PUBLISHER = re.compile(r"\[?(?:s\.\s?n|sine nomine|(?:publisher|producer|distributor|manufacturer)"
                          r" not identified|ḥ\.\s?mo\.\s?l|o\.\s?V|b\.\s?w|б\.\s?и)\.?\]?", re.IGNORECASE)
# 041 $2 sources whose codes are the MARC/ISO 639-2 codes lodpub publishes; other schemes restate them
ISO639_2_SOURCES = {"", "iso639-2", "iso639-2b", "iso639-2/b", "marc", "marclang"}


def unbracket(text: str) -> str:
    """A transcribed value without the brackets of cataloguer-supplied text ("[Taos]", "[A Paris"), but
    with a bracket that is part of it ("Toronto [Ont.]")."""
    text = text.strip()
    if text.startswith("[") and text.endswith("]") and text.count("[") == 1 and text.count("]") == 1:
        return text[1:-1].strip()
    if text.count("[") > text.count("]"):
        text = text.replace("[", "", text.count("[") - text.count("]"))
    elif text.count("]") > text.count("["):
        text = text[::-1].replace("]", "", text.count("]") - text.count("["))[::-1]
    return text.strip()


def _publisher_names(field: Field) -> list[str]:
    names = []
    for value in mf.values(field, "b"):
        name = unbracket(value)
        if name and not NO_PUBLISHER.fullmatch(value) and not NO_PUBLISHER.fullmatch(name):
            names.append(name)
    return names


def publication(r: Record, rec: MarcRecord) -> None:
    """Place, publishers and date of issue from 260 or 264 _1 (else 264 _0/_2/_3); copyright date 264 _4.

    The first publisher named is the record's publisher; every other publisher in those fields is kept as
    a contributor with the role "pbl" (the model has one publisher), the same name spelt twice only once.
    """
    fields = ([f for f in rec.get_fields("264") if f.indicator2 == "1"] or rec.get_fields("260")
              or [f for f in rec.get_fields("264") if f.indicator2 in ("0", "2", "3")]
              # no romanised imprint at all: its original-script form, an 880 linked (or not) to a 260/264
              or [f for f in rec.get_fields("880") if re.match(r"26[04]-", (f.get("6") or "").strip())])
    for field in rec.get_fields("264"):
        if field.indicator2 == "4" and (c := mf.first(field, "c")):
            year, _ = mf.marc_date(c)
            r.copyright_date = year[:4] if year and re.match(r"\d{4}", year) else None
    places = [mf.trim(NO_PLACE.sub("", unbracket(p)).strip(" ,;:")) for f in fields for p in mf.values(f, "a")]
    r.place = next((p for p in places if p), None)
    seen: set[str] = set()
    for field in fields:
        for name in _publisher_names(field):
            key = normalize.fold(name)
            if key in seen:
                continue
            seen.add(key)
            if r.publisher is None:
                r.publisher = name
            else:
                r.contributors.append(Agent(name=name, kind=AgentKind.ORGANIZATION, roles=["pbl"]))
    f008 = control(rec, "008")
    for field in fields:
        raw = " ".join(field.get_subfields("c", "g"))
        if not raw.strip():
            continue
        r.issued, r.issued_text = mf.marc_date(raw, f008[7:11] if len(f008) >= 11 else None)
        if r.issued and re.search(r"(?:^|\s|\[)(?:c|©)\s?\d{4}", raw) and not r.copyright_date:
            r.copyright_date = r.issued[:4]
        if r.issued is None:
            r.warn(f"{field.tag} $c", f"no date in {raw.strip()!r}")
        break
    if not str(rec.leader)[6:7].strip():
        _invenio_imprint(r, rec)
    if not r.issued and r.work_type is WorkType.PERIODICAL:
        for field in rec.get_fields("362"):
            if field.indicator1 == "0" and (found := mf.serial_dates(" ".join(field.get_subfields("a")))):
                r.issued, r.issued_text = found
                break
    if not r.issued and len(f008) >= 15:
        r.issued, r.issued_text = mf.f008_date(f008)


def _invenio_imprint(r: Record, rec: MarcRecord) -> None:
    """CERN's Invenio records (no leader) give a preprint's imprint in 269: its place, publisher and the
    full date, where 260 has only the year (or nothing)."""
    for field in rec.get_fields("269"):
        r.place = r.place or mf.first(field, "a")
        r.publisher = r.publisher or mf.first(field, "b")
        if when := mf.first(field, "c"):
            value, words = mf.marc_date(when)
            if value and (not r.issued or (value.startswith(r.issued) and len(value) > len(r.issued))):
                r.issued, r.issued_text = value, words
        break


def languages(r: Record, rec: MarcRecord) -> None:
    """008/35-37 and 041 $a $d (packed "engfre" too); any ISO 639-2 code, collective ones included."""
    codes = [("008/35-37", control(rec, "008")[35:38])]
    for field in rec.get_fields("041"):
        source = (mf.first(field, "2") or "").lower() if field.indicator2 == "7" else ""
        if source not in ISO639_2_SOURCES:
            r.unmapped.append(SourceField(f"MARC 041 ({source})", mf.joined(field, skip="2")))
            continue
        for sf in field.subfields:
            if sf.code in "ad":
                value = sf.value.strip().lower()
                packed = re.findall(r"[a-z]{3}", value) if re.fullmatch(r"(?:[a-z]{3})+", value) else [value]
                codes.extend((f"041 ${sf.code}", code) for code in packed)
    for where, code in codes:
        code = code.strip().lower()
        if code in ("und", "zxx", "") or not code.strip("|# "):  # undetermined, no linguistic content
            continue
        try:
            lang = normalize.iso639_2(code)
        except ValueError:
            r.warn(where, f"{code!r} is no ISO 639-2 language code")
            continue
        if lang not in r.languages:
            r.languages.append(lang)


def description(r: Record, rec: MarcRecord) -> None:
    """Edition, extent and page count, series (490/8XX), the thesis degree (502), abstract, host item."""
    if field := rec.get("250"):
        r.edition = mf.joined(field) or None
    if field := rec.get("300"):
        r.extent = mf.joined(field) or None
        pages = re.findall(r"(\d+)\s*(?:p\b|pages|leaves|S\.)", r.extent or "")
        if pages and r.work_type in TEXT_TYPES:
            r.page_count = max(int(p) for p in pages)
    controlled = rec.get_fields("800", "810", "811", "830", "440")
    for field in controlled:
        r.series.append((mf.trim(" ".join(mf.values(field, "atnp"))), mf.first(field, "v")))
    for field in rec.get_fields("490"):
        if field.indicator1 == "1" and controlled:
            continue  # traced: the 8XX gives the same series in its authorised form
        r.series.append((mf.trim(" ".join(mf.values(field, "a"))), mf.first(field, "v")))
    if r.work_type is WorkType.THESIS:
        for field in rec.get_fields("502"):
            r.degree = mf.degree(field)
            if other := mf.first(field, "o"):
                r.other_ids.setdefault("dissertation", []).append(other)
            if not r.degree.name and not r.degree.institution:
                r.notes.append(mf.joined(field))
            break
        if r.degree is None:
            r.warn("008", "coded as a thesis, but no 502 dissertation note gives the degree")
    abstracts = [f for f in rec.get_fields("520") if f.indicator1 not in ("1", "4")]
    if abstracts:
        r.abstract = "\n\n".join(normalize.clean_text(" ".join(f.get_subfields("a", "b"))) for f in abstracts)
    for field in rec.get_fields("773"):
        host, problems = mf.host_item(field)
        for where, problem in problems:
            r.warn(where, problem)
        if r.host is None and r.work_type in (WorkType.ARTICLE, WorkType.CHAPTER, WorkType.CONFERENCE_PAPER) and (
                host.book_title or (host.periodical and host.periodical.title)):
            r.host = host
        else:
            r.notes.append("In: " + mf.joined(field, skip="w7"))
