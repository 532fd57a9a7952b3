"""Scoring lodpub's parsers on real public records against expectations written by hand from each source.

``tests/real/expected.jsonl`` holds one line per record (file, how to find the record, what a person read in
it: kind, title, creators in order, date, identifiers, container ...). This module parses every file with
lodpub (format detected, as ``lodpub ingest`` does), finds each expected record among what the parser
yields, and compares field by field. Run it to see every mismatch::

    .venv/bin/python -m tests.real_records            # the summary and each wrong field
    .venv/bin/python -m tests.real_records marc       # one format directory only
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from mappings import normalize, sources
from mappings.model import Agent, AgentKind, Record, RecordError

REAL = Path(__file__).resolve().parent / "real"
# formats lodpub reads (a record of another format is listed in expected.jsonl for identity work only)
READ_FORMATS = {"marc", "marcxml", "crossref", "datacite-json", "datacite-xml", "eprints-xml", "eprints-html",
                "oai-dc", "uketd-dc"}
ROLE_CODES = {"author": {"aut", "cre"}, "editor": {"edt"}, "supervisor": {"ths", "dgs"}, "contributor": {"ctb"},
              "translator": {"trl"}, "illustrator": {"ill"}, "interviewer": {"ivr"}, "interviewee": {"ive"},
              "performer": {"prf"}, "composer": {"cmp"}, "issuing body": {"isb"}, "publisher": {"pbl"},
              "sponsor": {"spn"}, "funder": {"fnd"}, "curator": {"cur"}, "prefacer": {"aui", "wpr"},
              "contact person": {"ctb"}, "distributor": {"dst"}, "producer": {"pro"}, "director": {"drt"}}
ORDINALS = {"1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5, "6th": 6, "7th": 7, "8th": 8, "9th": 9, "10th": 10}


def fold(text: object) -> str:
    """Case-, accent-, punctuation- and space-insensitive form for comparing what a person typed."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^\w]+", " ", plain).split())


@dataclass
class Outcome:
    """One expected record: found or not, published or refused, and its wrong fields."""

    entry: dict[str, Any]
    record: Record | None = None
    error: RecordError | None = None
    checked: int = 0
    wrong: list[str] = field(default_factory=list)

    @property
    def published(self) -> bool:
        """Whether lodpub kept the record (a Record came out for it)."""
        return self.record is not None


@cache
def _parsed(path: str) -> tuple[list[Record], list[RecordError]]:
    records: list[Record] = []
    errors: list[RecordError] = []
    for item in sources.read_file(str(REAL / path)):
        (errors if isinstance(item, RecordError) else records).append(item)  # type: ignore[arg-type]
    return records, errors


def entries(only: str | None = None) -> list[dict[str, Any]]:
    """The expected records of formats lodpub reads (optionally one format directory)."""
    out = []
    for line in (REAL / "expected.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            e = json.loads(line)
            fmt = e["file"].split("/")[1]
            if fmt in READ_FORMATS and (only is None or fmt == only):
                out.append(e)
    return out


def _key_matches(key: str, rec: Record) -> bool:
    """Whether a record locator from expected.jsonl names this record."""
    key = re.sub(r"\s*\(.*\)$", "", key).strip()
    word, _, value = key.partition(" ")
    if word == "DOI":
        return (rec.doi or "").lower() == value.lower()
    if word in ("001", "eprintid"):
        ids = [rec.source_id, *rec.other_ids.get("control-number", []), rec.landing_page or ""]
        return any(re.search(rf"(?:^|[:/ ]){re.escape(value)}/?$", i) for i in ids if i)
    return rec.source_id == key or rec.source_id.endswith(key) or key in (rec.landing_page or "")


def locate(entry: dict[str, Any]) -> tuple[Record | None, RecordError | None]:
    """The parsed record (or the rejection) an expected line is about."""
    records, errors = _parsed(entry["file"])
    key = str(entry["record"])
    position: int | None = None
    if re.fullmatch(r"\d+", key):
        position = int(key)
    elif m := re.match(r"(\d+(?:st|nd|rd|th))\b", key):
        position = ORDINALS.get(m[1])
    elif (m := re.match(r"item (\d+)", key)) or (m := re.match(r"(\d+)\s*\(", key)):
        position = int(m[1])
    elif key.startswith("bare"):
        position = 1
    for rec in records:
        if position is not None and rec.source_position == position:
            return rec, None
        if position is None and _key_matches(key, rec):
            return rec, None
    title = fold(entry.get("title") or "")
    for rec in records:  # a locator the parser does not keep (a CDS record number): the title
        if title and fold(rec.title) == title:
            return rec, None
    value = re.sub(r"\s*\(.*\)$", "", key).split(" ", 1)[-1]
    for err in errors:
        if value and value in (err.record or ""):
            return None, err
    if position is not None:
        for err in errors:
            if f"#{position}" in (err.record or "") or err.record == str(position):
                return None, err
    return None, (errors[0] if len(errors) == 1 and len(records) == 0 else None)


def _agents(rec: Record) -> list[Agent]:
    return [*rec.creators, *rec.contributors]


def _surname(name: str, family: str | None) -> str:
    """The family name to compare: as given, else before the comma, else the last word."""
    if family:
        return fold(family)
    if "," in name:
        return fold(name.split(",", 1)[0])
    words = fold(name).split()
    return words[-1] if words else ""


def _language(code: str) -> str:
    try:
        return normalize.language(code)
    except ValueError:
        return code


def _compare_creators(expected: list[dict[str, Any]], rec: Record, wrong: list[str]) -> int:
    """Creators in order: each expected one found, with its kind and role; authors in the source order."""
    checked = 0
    authors = [c for c in expected if c.get("role", "author") == "author"]
    got_authors = rec.creators
    checked += 1
    if [_surname(a["name"], a.get("family")) for a in authors] != [_surname(g.name, g.family) for g in got_authors]:
        wrong.append(f"authors: expected {[a['name'] for a in authors]}, got {[g.name for g in got_authors]}")
    for c in expected:
        checked += 1
        want = fold(c.get("family") or c["name"])
        match = next((g for g in _agents(rec) if fold(g.name) == fold(c["name"])), None) or next(
            (g for g in _agents(rec) if fold(g.family or g.name) == want), None)  # two Sills: the name first
        if match is None:
            wrong.append(f"creator {c['name']!r} ({c.get('role', 'author')}) missing")
            continue
        kind = c.get("kind", "person")
        got_kind = {AgentKind.PERSON: "person"}.get(match.kind, "organization" if kind != "meeting" else
                                                    str(match.kind.value))
        if (kind == "person") != (match.kind is AgentKind.PERSON) or (kind == "meeting" and got_kind != "meeting"):
            wrong.append(f"creator {c['name']!r}: kind {kind}, got {match.kind.value}")
        role = c.get("role", "author")
        codes = ROLE_CODES.get(role)
        if codes and not codes & set(match.roles) and not (role == "author" and match in rec.creators):
            wrong.append(f"creator {c['name']!r}: role {role}, got {match.roles}")
    return checked


def _check(name: str, expected: object, got: object, wrong: list[str]) -> int:
    if fold(expected) != fold(got):
        wrong.append(f"{name}: expected {expected!r}, got {got!r}")
    return 1


def compare(entry: dict[str, Any], rec: Record) -> tuple[int, list[str]]:
    """Compare every field the expected line gives; return (fields checked, wrong ones)."""
    wrong: list[str] = []
    n = 0
    if "kind" in entry and entry["kind"]:
        n += _check("kind", entry["kind"], rec.work_type.value, wrong)
    if entry.get("title"):
        n += _check("title", entry["title"], rec.title, wrong)
    if entry.get("subtitle"):
        n += _check("subtitle", entry["subtitle"], rec.subtitle, wrong)
    if entry.get("creators"):
        n += _compare_creators(entry["creators"], rec, wrong)
    if "date" in entry:
        n += 1
        if (entry["date"] or None) != (rec.issued or None):
            wrong.append(f"date: expected {entry['date']!r}, got {rec.issued!r}")
    ids = entry.get("identifiers") or {}
    if ids.get("doi"):
        n += _check("doi", str(ids["doi"]).lower(), (rec.doi or "").lower(), wrong)
    for isbn in ids.get("isbn") or []:
        n += 1
        try:
            if normalize.isbn13(isbn) not in rec.isbns and normalize.isbn13(isbn) not in \
                    (rec.host.book_isbns if rec.host else []):
                wrong.append(f"isbn {isbn} missing (got {rec.isbns})")
        except ValueError:
            if any(isbn in str(w) for w in rec.warnings):
                continue
            wrong.append(f"isbn {isbn!r} is invalid and no warning names it")
    container = entry.get("container") or {}
    host = rec.host
    if container.get("title"):
        got = host.periodical.title if host and host.periodical else (host.book_title if host else None)
        n += _check("container title", container["title"], got, wrong)
    for part in ("volume", "issue"):
        if container.get(part):
            n += _check(f"container {part}", container[part], getattr(host, part, None) if host else None, wrong)
    if container.get("pages"):
        got_pages = "-".join(p for p in (host.page_start, host.page_end) if p) if host else ""
        n += _check("pages", container["pages"], got_pages or (host.article_number if host else None), wrong)
    issns = list(dict.fromkeys([*(container.get("issn") or []), *(ids.get("issn") or [])]))
    got_issns = (host.periodical.issns + host.periodical.eissns) if host and host.periodical else []
    if rec.work_type.value == "periodical":  # a serial's own ISSNs
        got_issns = got_issns + rec.other_ids.get("issn", []) + rec.other_ids.get("eissn", [])
    for issn in issns:
        n += 1
        if issn.upper() not in got_issns and issn.upper()[:4] + "-" + issn.upper()[-4:] not in got_issns:
            wrong.append(f"issn {issn} missing (got {got_issns})")
    if entry.get("publisher"):
        got_pub = rec.publisher or (rec.degree.institution if rec.degree else None)
        n += 1
        want = fold(entry["publisher"])
        if not got_pub or (want not in fold(got_pub) and fold(got_pub) not in want):
            wrong.append(f"publisher: expected {entry['publisher']!r}, got {got_pub!r}")
    if entry.get("language"):
        n += 1
        if sorted(map(_language, entry["language"])) != sorted(map(_language, rec.languages)):
            wrong.append(f"language: expected {entry['language']}, got {rec.languages}")
    if entry.get("abstract_starts"):
        n += 1
        if not rec.abstract or not fold(rec.abstract).startswith(fold(entry["abstract_starts"])[:30]):
            got_start = (rec.abstract or "")[:50]
            wrong.append(f"abstract: expected it to start {entry['abstract_starts']!r}, got {got_start!r}")
    return n, wrong


def score(only: str | None = None) -> list[Outcome]:
    """Every expected record's outcome."""
    out = []
    for entry in entries(only):
        rec, err = locate(entry)
        o = Outcome(entry, rec, err)
        if rec is not None and entry.get("bibliographic", True):
            o.checked, o.wrong = compare(entry, rec)
        out.append(o)
    return out


@dataclass
class Summary:
    """The bars: bibliographic records published, and fields wrong among those checked."""

    bibliographic: int
    published: int
    not_bibliographic_refused: int
    not_bibliographic: int
    checked: int
    wrong: int

    @property
    def published_share(self) -> float:
        """Share of bibliographic records that publish."""
        return self.published / self.bibliographic if self.bibliographic else 1.0

    @property
    def wrong_share(self) -> float:
        """Share of checked fields that are wrong."""
        return self.wrong / self.checked if self.checked else 0.0


def summarise(outcomes: list[Outcome]) -> Summary:
    """The figures the issue's bars are about."""
    bib = [o for o in outcomes if o.entry.get("bibliographic", True)]
    non = [o for o in outcomes if not o.entry.get("bibliographic", True)]
    return Summary(len(bib), sum(o.published for o in bib), sum(not o.published for o in non), len(non),
                   sum(o.checked for o in bib), sum(len(o.wrong) for o in bib))


def report(outcomes: list[Outcome]) -> Iterator[str]:
    """Lines for people: each refused record and each wrong field, then the summary."""
    for o in outcomes:
        where = f"{o.entry['file']} [{o.entry['record']}]"
        if o.entry.get("bibliographic", True) and not o.published:
            yield f"REFUSED {where}: {o.error or 'no record found'}"
        elif not o.entry.get("bibliographic", True) and o.published:
            yield f"PUBLISHED a non-bibliographic record {where}"
        for w in o.wrong:
            yield f"WRONG   {where}: {w}"
    s = summarise(outcomes)
    yield (f"{s.published}/{s.bibliographic} bibliographic records publish ({s.published_share:.1%}); "
           f"{s.not_bibliographic_refused}/{s.not_bibliographic} non-bibliographic refused; "
           f"{s.wrong}/{s.checked} checked fields wrong ({s.wrong_share:.1%})")


if __name__ == "__main__":
    for line in report(score(sys.argv[1] if len(sys.argv) > 1 else None)):
        print(line)
