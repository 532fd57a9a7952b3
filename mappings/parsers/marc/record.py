"""One MARC 21 bibliographic record (a :class:`pymarc.Record`) as a :class:`~mappings.model.Record`.

Shared by the ``marcxml`` and ``marc`` parsers; the rules are documented in :mod:`mappings.parsers.marc`.
"""

from __future__ import annotations

import re

from pymarc import Field
from pymarc import Record as MarcRecord

from mappings.model import Agent, AgentKind, Event, FieldWarning, Record, RecordError, SourceField, WorkType
from mappings.parsers.marc import fields as mf
from mappings.parsers.marc import imprint, names
from mappings.parsers.marc.kinds import control, not_bibliographic, work_type
from mappings.parsers.marc.links import alternate_scripts, classifications, identifiers, links, notes

# fields that say nothing about the work (cataloguing housekeeping, coded data repeated elsewhere)
# fmt: off
DROPPED_TAGS = {"006", "007", "040", "042", "043", "066", "072", "263", "336", "337", "338", "883", "884",
                "886"}
HANDLED_TAGS = {"001", "003", "005", "008", "010", "020", "022", "024", "028", "035", "041", "050", "060",
                "080", "082", "084", "100", "110", "111", "130", "210", "222", "240", "242", "245", "246",
                "250", "260", "264", "300", "440", "490", "502", "520", "700", "710", "711", "720",
                "773", "830", "856", "880"}
SUBJECT_TAGS = ("600", "610", "611", "630", "647", "648", "650", "651", "655", "656", "657", "662")
# fmt: on
NAME_TAGS = ("100", "110", "111", "700", "710", "711", "720")


def _refuse_if_not_marc21_bibliographic(rec: MarcRecord) -> None:
    if found := not_bibliographic(rec):
        kind, evidence = found
        raise RecordError(f"a MARC {kind} record, not bibliographic ({evidence})", field="leader/06")
    if not rec.get_fields("245") and rec.get_fields("200") and re.match(
            r"\d{8}[a-z]", (rec.get("100") or Field("100")).get("a") or ""):
        raise RecordError("a UNIMARC record (title in 200 $a, coded data in 100 $a) in a MARC 21 file: "
                          "lodpub reads MARC 21 only", field="245")


def _title(rec: MarcRecord) -> tuple[Field, str, str | None]:
    """The 245 and the title; when 245 has none, the uniform title (240, 130) or a variant title (246), and
    a warning saying so."""
    field = rec.get("245")
    title = mf.first(field, "a") if field else None
    if field is not None and not title:  # an archival record may give only a form ($k) or a part ($n $p)
        title = mf.first(field, "knp")
    if field is not None and title:
        return field, title, None
    for tag in ("240", "130", "246"):
        if (other := rec.get(tag)) is not None and (found := ". ".join(mf.values(other, "anp"))):
            return other, found, f"no title in 245; the {tag} title is used"
    raise RecordError("no title (245 $a)", field="245")


def to_record(rec: MarcRecord, fmt: str, source: str, position: int, source_id: str,
              warnings: list[FieldWarning] | None = None) -> Record:
    """Map one MARC record; RecordError when it is no bibliographic record or has no title."""
    _refuse_if_not_marc21_bibliographic(rec)
    title_field, title, fallback = _title(rec)
    gmd = mf.gmd(" ".join(title_field.get_subfields("h"))) if title_field.tag == "245" else ""
    r = Record(
        source_format=fmt,
        source_id=source_id,
        work_type=work_type(rec, gmd),
        title=title,
        source_file=source,
        source_position=position,
        warnings=list(warnings or []),
    )
    if fallback:
        r.warn("245", fallback)
    else:
        parts = [p for p in mf.values(title_field, "np") if p != title]
        if parts:
            r.title = ". ".join([title, *parts])
        _subtitle(r, title_field)
    if stamp := control(rec, "005"):
        r.source_modified = mf.timestamp_005(stamp)
    _titles(r, rec)
    agents = _agents(r, rec, " ".join(title_field.get_subfields("c")) if not fallback else "")
    imprint.publication(r, rec)
    identifiers(r, rec)
    imprint.languages(r, rec)
    imprint.description(r, rec)
    classifications(r, rec)
    for field in rec.get_fields(*SUBJECT_TAGS):
        if heading := mf.subject(field):
            r.subjects.append(heading)
    for field in rec.get_fields("653"):
        r.keywords.extend(mf.values(field, "a"))
    notes(r, rec)
    links(r, rec)
    alternate_scripts(r, rec, agents)
    _unmapped(r, rec)
    return r


def _subtitle(r: Record, field: Field) -> None:
    """245 $b: the subtitle; but a parallel title when $a ends with " =" (kept as an alternative title), and
    nothing when it is only a misplaced GMD ("[electronic resource]")."""
    parallel = False
    subtitles: list[str] = []
    for sf in field.subfields:
        if sf.code == "b" and (text := mf.trim(sf.value)):
            if re.fullmatch(r"\[[^\]]+\]", text) and mf.gmd(text) or text.lower() == "[electronic resource]":
                continue
            (r.alternative_titles if parallel else subtitles).append(text)
        if sf.code in "ab":
            parallel = sf.value.rstrip().endswith("=")
    r.subtitle = " : ".join(subtitles) or None


def _titles(r: Record, rec: MarcRecord) -> None:
    for field in rec.get_fields("245")[1:]:  # not repeatable: a second 245 is the title in another script
        title = " : ".join(mf.values(field, "abnp"))
        if title and title not in r.alternative_titles:
            r.alternative_titles.append(title)
    for field in rec.get_fields("130", "240", "242", "246", "210", "222"):
        alt = " : ".join(mf.values(field, "a" if field.tag in ("130", "240") else "ab"))
        if field.tag in ("130", "240") and (
            extra := mf.values(field, "np")
        ):  # $l $k $s $f qualifiers dropped
            alt = ". ".join([alt, *extra])
        if alt and alt not in r.alternative_titles and alt != r.title:
            r.alternative_titles.append(alt)


def _agents(r: Record, rec: MarcRecord, statement: str) -> dict[tuple[str, str], Agent]:
    """Names: authors (roles aut/cre) are creators, everyone else a contributor; by (tag, 880 link)."""
    default = "aut" if r.work_type in imprint.TEXT_TYPES else "cre"
    linked: dict[tuple[str, str], Agent] = {}
    mains: dict[str, Agent] = {}
    for field in rec.get_fields(*NAME_TAGS):
        main = field.tag.startswith("1")
        if not main and field.get("t"):  # a name/title analytic entry: a work contained in this one
            r.notes.append("Contains: " + mf.joined(field, skip="e4"))
            continue
        agent, unknown = names.agent(field, "")
        if not agent.name:
            r.warn(field.tag, "a name field without a name ($a) was skipped")
            continue
        if main and field.tag in mains:  # a second 100 (not repeatable): the same name in another script
            mains[field.tag].variants.append(agent.name)
            continue
        if main:
            mains[field.tag] = agent
        if agent.roles == [""]:  # no relator: the statement of responsibility may say, else the entry does
            said = names.role_from_statement(agent, statement, tuple(r.creators))
            if said == "aut" and (main or r.work_type not in imprint.TEXT_TYPES):
                said = None  # "by ..." names the authors of a text; a film's or a main entry's says nothing new
            main_role = "isb" if r.work_type is WorkType.PERIODICAL and agent.kind is not AgentKind.PERSON else default
            agent.roles = [said or (main_role if main else "ctb")]
        for term in unknown:
            r.warn(f"{field.tag} $e/$4", f"{term!r} is no known MARC relator term or code; "
                                        f"role kept as {agent.roles}")
        if field.tag.endswith("11") and r.event is None:
            r.event = Event(name=mf.first(field, "a") or agent.name, location=mf.first(field, "c"),
                            dates_text=mf.first(field, "d"))
        (r.creators if set(agent.roles) & names.AUTHOR_ROLES else r.contributors).append(agent)
        if (link := field.get("6")) and (m := re.match(r"880-(\d{2})", link.strip())):
            linked[(field.tag, m[1])] = agent
    return linked


NOTE_TAGS = re.compile(r"5[0-8]\d")


def _unmapped(r: Record, rec: MarcRecord) -> None:
    subject_tags = {*SUBJECT_TAGS, "653"}
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
