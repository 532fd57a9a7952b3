"""One MARC 21 bibliographic record (a :class:`pymarc.Record`) as a :class:`~mappings.model.Record`.

Shared by the ``marcxml`` and ``marc`` parsers; the rules are documented in :mod:`mappings.parsers.marc`.
"""

from __future__ import annotations

import re

from pymarc import Field
from pymarc import Record as MarcRecord

from mappings import normalize
from mappings.model import Agent, Event, Record, RecordError, SourceField, WorkType
from mappings.parsers.marc import fields as mf
from mappings.parsers.marc.links import alternate_scripts, classifications, identifiers, links, notes

# leader/06 (type of record) -> work type; language material and computer files are decided further below
# fmt: off
RECORD_TYPES = {"c": WorkType.MUSIC_SCORE, "d": WorkType.MUSIC_SCORE, "e": WorkType.MAP, "f": WorkType.MAP,
                "i": WorkType.SOUND_RECORDING, "j": WorkType.MUSIC_RECORDING, "k": WorkType.IMAGE,
                "o": WorkType.DOCUMENT, "p": WorkType.DOCUMENT, "r": WorkType.DOCUMENT}
GMD_WORK_TYPES = {"sound": WorkType.SOUND_RECORDING, "video": WorkType.VIDEO, "map": WorkType.MAP,
                  "score": WorkType.MUSIC_SCORE, "image": WorkType.IMAGE}
COMPUTER_FILE_TYPES = {"a": WorkType.DATASET, "e": WorkType.DATASET, "b": WorkType.SOFTWARE,
                       "f": WorkType.SOFTWARE, "g": WorkType.SOFTWARE, "j": WorkType.WEBSITE,
                       "d": WorkType.DOCUMENT}
TEXT_TYPES = {WorkType.BOOK, WorkType.ARTICLE, WorkType.CHAPTER, WorkType.THESIS, WorkType.REPORT,
              WorkType.PERIODICAL, WorkType.DOCUMENT}
# fmt: on
# relator codes that make a 7XX agent a creator of the work (an author, composer, performer ...)
# fmt: off
CREATOR_ROLES = {"aut", "cre", "cmp", "art", "pht", "prg", "inv", "prf", "drt", "ctg", "pro", "sng", "itr",
                 "cnd", "lyr", "aus", "fmd"}
# fields that say nothing about the work (cataloguing housekeeping, coded data repeated elsewhere)
DROPPED_TAGS = {"006", "007", "040", "042", "043", "066", "072", "263", "336", "337", "338", "883", "884",
                "886"}
HANDLED_TAGS = {"001", "003", "005", "008", "010", "020", "022", "024", "028", "035", "041", "050", "060",
                "080", "082", "084", "100", "110", "111", "130", "210", "222", "240", "242", "245", "246",
                "250", "260", "264", "300", "440", "490", "502", "520", "700", "710", "711", "720", "773",
                "830", "856", "880"}
# fmt: on
SUBJECT_TAGS = ("600", "610", "611", "630", "647", "648", "650", "651", "655", "656", "657", "662")


def work_type(rec: MarcRecord, gmd: str) -> WorkType:
    """The work type from leader/06-07 and 008, with the 502 note and the 245 $h GMD as evidence."""
    leader = str(rec.leader)
    rtype, level = leader[6:7], leader[7:8]
    f008 = _control(rec, "008")
    if rec.get_fields("502"):
        return WorkType.THESIS
    if rtype in ("a", "t"):
        nature = f008[24:28] if len(f008) >= 28 else ""
        if level == "b" or (level == "a" and any(f.get("x") for f in rec.get_fields("773"))):
            return WorkType.ARTICLE
        if level == "a":
            return WorkType.CHAPTER
        if level == "s" or (level == "i" and f008[21:22] != "w"):
            return WorkType.PERIODICAL
        if level == "i":
            return WorkType.WEBSITE
        if "m" in nature:
            return WorkType.THESIS
        if "t" in nature:
            return WorkType.REPORT
        if gmd and gmd in GMD_WORK_TYPES:
            return GMD_WORK_TYPES[gmd]
        return WorkType.BOOK if rtype == "a" and level in ("m", "") else WorkType.DOCUMENT
    if rtype == "g":
        return WorkType.IMAGE if f008[33:34] in ("f", "s", "t", "i", "l") else WorkType.VIDEO
    if rtype == "m":
        kind = COMPUTER_FILE_TYPES.get(f008[26:27])
        if kind:
            return kind
        remote = _control(rec, "007").startswith("cr") or any(f.get("u") for f in rec.get_fields("856"))
        ongoing = f008[6:7] in ("c", "m", "d") and f008[11:15] == "9999" or level == "i"
        return WorkType.WEBSITE if remote and ongoing else WorkType.DOCUMENT
    if rtype in RECORD_TYPES:
        return RECORD_TYPES[rtype]
    return GMD_WORK_TYPES.get(gmd, WorkType.DOCUMENT)


def _control(rec: MarcRecord, tag: str) -> str:
    field = rec.get(tag)
    return field.data if field is not None and field.data else ""


def to_record(rec: MarcRecord, fmt: str, source: str, position: int, source_id: str) -> Record:
    """Map one MARC record; RecordError names the field when a value is wrong."""
    title_field = rec.get("245")
    title = mf.first(title_field, "a") if title_field else None
    if not title or not title_field:
        raise RecordError("no title (245 $a)", field="245")
    gmd = mf.gmd(" ".join(title_field.get_subfields("h")))
    r = Record(
        source_format=fmt,
        source_id=source_id,
        work_type=work_type(rec, gmd),
        title=title,
        source_file=source,
        source_position=position,
    )
    parts = mf.values(title_field, "np")
    if parts:
        r.title = ". ".join([title, *parts])
    r.subtitle = " : ".join(mf.values(title_field, "b")) or None
    if stamp := _control(rec, "005"):
        r.source_modified = mf.timestamp_005(stamp)
    _titles(r, rec)
    _agents(r, rec)
    _publication(r, rec)
    identifiers(r, rec)
    _languages(r, rec)
    _description(r, rec)
    classifications(r, rec)
    for field in rec.get_fields(
        "600", "610", "611", "630", "647", "648", "650", "651", "655", "656", "657", "662"
    ):
        if heading := mf.subject(field):
            r.subjects.append(heading)
    for field in rec.get_fields("653"):
        r.keywords.extend(mf.values(field, "a"))
    notes(r, rec)
    links(r, rec)
    alternate_scripts(r, rec)
    _unmapped(r, rec)
    return r


def _titles(r: Record, rec: MarcRecord) -> None:
    for field in rec.get_fields("130", "240", "242", "246", "210", "222"):
        alt = " : ".join(mf.values(field, "a" if field.tag in ("130", "240") else "ab"))
        if field.tag in ("130", "240") and (
            extra := mf.values(field, "np")
        ):  # $l $k $s $f qualifiers dropped
            alt = ". ".join([alt, *extra])
        if alt and alt not in r.alternative_titles and alt != r.title:
            r.alternative_titles.append(alt)


def _agents(r: Record, rec: MarcRecord) -> None:
    default = "aut" if r.work_type in TEXT_TYPES else "cre"
    main = rec.get_fields("100", "110", "111")
    for field in main:
        agent, unknown = mf.agent(field, default)
        _add_agent(r, field, agent, unknown, r.creators)
    for field in rec.get_fields("700", "710", "711", "720"):
        if field.get("t"):  # a name/title analytic entry: a work contained in this one, not an agent
            r.notes.append("Contains: " + mf.joined(field, skip="e4"))
            continue
        agent, unknown = mf.agent(field, "ctb")
        explicit = bool(field.get("4") or field.get("e" if field.tag[-2:] != "11" else "j"))
        if not explicit and not main:  # no main entry: unqualified added entries are the work's creators
            agent.roles = [default]
        into = (
            r.creators if set(agent.roles) & CREATOR_ROLES or (not explicit and not main) else r.contributors
        )
        _add_agent(r, field, agent, unknown, into)


def _add_agent(r: Record, field: Field, agent: Agent, unknown: list[str], into: list[Agent]) -> None:
    if not agent.name:
        r.warn(f"{field.tag}", "a name field without a name ($a) was skipped")
        return
    for term in unknown:
        r.warn(f"{field.tag}", f"{term!r} is no known MARC relator term or code; role kept as {agent.roles}")
    if field.tag.endswith("11") and r.event is None:
        r.event = Event(name=agent.name, location=mf.first(field, "c"), dates_text=mf.first(field, "d"))
    into.append(agent)


def _publication(r: Record, rec: MarcRecord) -> None:
    fields = (
        [f for f in rec.get_fields("264") if f.indicator2 == "1"]
        or rec.get_fields("260")
        or [f for f in rec.get_fields("264") if f.indicator2 in ("0", "2", "3")]
    )
    for field in rec.get_fields("264"):
        if field.indicator2 == "4" and (c := mf.first(field, "c")):
            year, _ = mf.marc_date(c)
            r.copyright_date = year[:4] if year else None
    if fields:
        field = fields[0]
        place, publisher = mf.first(field, "ae"), mf.first(field, "bf")
        r.place = (
            None
            if not place
            or re.fullmatch(
                r"\[?s\.\s?l\.?\]?|\[?place of publication not identified\]?", place, re.IGNORECASE
            )
            else place.strip("[]")
        )
        r.publisher = (
            None
            if not publisher
            or re.fullmatch(r"\[?s\.\s?n\.?\]?|\[?publisher not identified\]?", publisher, re.IGNORECASE)
            else publisher.strip("[]")
        )
        if raw := " ".join(field.get_subfields("c", "g")):
            r.issued, r.issued_text = mf.marc_date(raw)
            if r.issued and re.search(r"(?:^|\s|\[)(?:c|©)\s?\d{4}", raw) and not r.copyright_date:
                r.copyright_date = r.issued[:4]
            if r.issued is None:
                r.warn(f"{field.tag} $c", f"no year in {raw!r}")
    f008 = _control(rec, "008")
    if not r.issued and len(f008) >= 15:
        r.issued, r.issued_text = mf.f008_date(f008)


def _languages(r: Record, rec: MarcRecord) -> None:
    codes = [_control(rec, "008")[35:38]]
    for field in rec.get_fields("041"):
        for value in field.get_subfields("a", "d"):
            codes.extend(re.findall(r"[a-z]{3}", value.lower()) if field.indicator2 != "7" else [value])
    for code in codes:
        code = code.strip().lower()
        if not re.fullmatch(r"[a-z]{3}", code) or code in ("und", "zxx"):
            if code.strip("| "):
                r.warn("041/008", f"{code!r} is not a language code")
            continue
        try:
            lang = normalize.language(code)
        except ValueError:
            r.warn("041/008", f"unknown language code {code!r}")
            continue
        if lang not in r.languages:
            r.languages.append(lang)


def _description(r: Record, rec: MarcRecord) -> None:
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
        host, related = mf.host_item(field)
        if r.host is None and r.work_type in (WorkType.ARTICLE, WorkType.CHAPTER, WorkType.CONFERENCE_PAPER):
            r.host = host
            if r.host.periodical and not r.host.periodical.title:
                raise RecordError("a host item entry (773) without a title ($t)", field="773")
        else:
            r.notes.append("In: " + mf.joined(field, skip="w7"))


NOTE_TAGS = re.compile(r"5[0-8]\d")


def _unmapped(r: Record, rec: MarcRecord) -> None:
    subject_tags = {"600", "610", "611", "630", "647", "648", "650", "651", "653", "655", "656", "657", "662"}
    for field in rec.fields:
        tag = field.tag
        if (
            tag in HANDLED_TAGS
            or tag in DROPPED_TAGS
            or tag in subject_tags
            or NOTE_TAGS.fullmatch(tag)
            or tag.startswith("9")
            or re.fullmatch(r"\d9\d|8[013]\d", tag)
        ):
            continue  # X9X and 9XX are local fields, whose meaning differs from library to library
        value = field.data if field.is_control_field() else mf.joined(field)
        if value:
            r.unmapped.append(SourceField(label=f"MARC {tag}", value=value))
