"""Hostile input files for the ingest fuzz run: each is a sample (or a synthetic multi-record file) with one
mutation applied, sometimes gzipped. Deterministic: case ``i`` of seed ``s`` is always the same bytes.

A mutation is one of three kinds, which decides what the run may expect of the file's records:

* ``between``: junk between two records (a NUL, an ESC ...): every record must still be read;
* ``within``: damage inside one record (a bad date, a ``javascript:`` URL, nesting, an entity bomb, a huge field,
  control characters, bad UTF-8): at most that record is lost, and it is listed;
* ``destructive``: anything else (flipped bytes, truncation, cut or doubled spans, splices, random bytes): only
  the general rules hold (no traceback, every rejection listed, report and store agree).
"""

from __future__ import annotations

import gzip
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from tests.helpers import SAMPLES

Mutate = Callable[[random.Random, bytes, str], bytes]
CONTROLS = (b"\x00", b"\x1b", b"\x0b", b"\x01", b"\x7f", b"\x1b[31m")
RECORD_END = {  # where one record ends and the next may begin
    "eprints-xml": rb"</eprint>", "marcxml": rb"</(?:\w+:)?record>", "oai-dc": rb"</record>",
    "uketd-dc": rb"</record>", "datacite": rb"</resource>", "marc": rb"\x1d",
}
TEXT_START = re.compile(rb">(?=[A-Za-z])")  # the start of an element's text
JSON_TEXT = re.compile(rb'": ?"(?=[A-Za-z])')  # the start of a JSON string value
DATES = re.compile(rb"(<(?:datestamp|lastmod|date)>)[^<]*(<)")
BOMB = (b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">'
        + b"".join(b'<!ENTITY ' + bytes([c + 1]) + b' "' + (b"&" + bytes([c]) + b";") * 16 + b'">'
                   for c in range(ord("a"), ord("f"))) + b"]>")


@dataclass(frozen=True)
class Base:
    """A clean input a case is made from."""

    name: str
    fmt: str
    data: bytes


@dataclass(frozen=True)
class Case:
    """One fuzzed file: its bytes, its base, and the mutation and its kind."""

    name: str
    base: Base
    mutation: str
    kind: str
    data: bytes


@lru_cache(maxsize=1)
def bases() -> tuple[Base, ...]:
    """Every sample, plus synthetic multi-record files long enough to cross the XML reader's 64 KB chunks."""
    from bench import formats
    from bench.synth import make_work

    found = [Base(p.name, p.parent.name, p.read_bytes()) for p in sorted(Path(SAMPLES).rglob("*"))
             if p.is_file() and not p.name.startswith(".")]
    works = [make_work(n, 18) for n in range(60)]
    found += [Base("synthetic-ep3.xml", "eprints-xml", formats.eprints_xml(works).encode()),
              Base("synthetic-marcxml.xml", "marcxml", formats.marcxml(works).encode()),
              Base("synthetic-bl.txt", "bl-catalogue", formats.bl_catalogue(works[:30]).encode())]
    return tuple(found)


def _at(rng: random.Random, data: bytes, pattern: bytes | re.Pattern[bytes], end: bool = True) -> int | None:
    """A random match position of ``pattern`` in ``data`` (its end, or its start), None if none."""
    found = list(re.finditer(pattern, data))
    if not found:
        return None
    match = rng.choice(found)
    return match.end() if end else match.start()


def _insert(data: bytes, at: int | None, piece: bytes) -> bytes:
    return data if at is None else data[:at] + piece + data[at:]


def _text_start(rng: random.Random, data: bytes, fmt: str) -> int | None:
    return _at(rng, data, JSON_TEXT if fmt in ("crossref", "datacite") and data.lstrip()[:1] in (b"{", b"[")
               else TEXT_START)


# -- between records ---------------------------------------------------------------------------------------
def junk_between(rng: random.Random, data: bytes, fmt: str) -> bytes:
    end = RECORD_END.get(fmt)
    return _insert(data, _at(rng, data, end) if end else None, rng.choice(CONTROLS))


# -- within a record ---------------------------------------------------------------------------------------
def control_in_text(rng: random.Random, data: bytes, fmt: str) -> bytes:
    at = _text_start(rng, data, fmt)
    if fmt in ("crossref", "datacite") and data.lstrip()[:1] in (b"{", b"["):
        return _insert(data, at, rng.choice([b"\\u0000", b"\\u001b[31m", b"\\u000b", b"\\ud800", b"\\uffff"]))
    return _insert(data, at, rng.choice(CONTROLS))


def bad_date(rng: random.Random, data: bytes, fmt: str) -> bytes:
    junk = rng.choice([b"yesterday", b"2019-13-45 99:99:99", b"\xe2\x80\x94", b"0000-00-00", b"12345678901234"])
    if fmt == "crossref":
        return re.sub(rb'"date-parts": ?\[\[[^\]]*\]\]', b'"date-parts":[["' + junk + b'", {}]]', data)
    return DATES.sub(lambda m: m[1] + junk + m[2], data)


def javascript_url(rng: random.Random, data: bytes, fmt: str) -> bytes:
    scheme = rng.choice([b"javascript:alert(document.domain)//", b"JaVaScRiPt:alert(1)//", b"data:text/html,x//",
                         b" javascript:alert(1)//"])
    if data.lstrip()[:1] == b"<":  # in element text only: namespace names are URLs too
        return re.sub(rb">(\s*)https?://", lambda m: b">" + m[1] + scheme, data)
    if data.lstrip()[:1] in (b"{", b"["):
        return re.sub(rb'("(?:URL|url|uri|href|relatedIdentifier)": ?")https?:(?:\\?/){2}', lambda m: m[1] + scheme,
                      data)
    return re.sub(rb"https?://", scheme, data)


def deep_nesting(rng: random.Random, data: bytes, fmt: str) -> bytes:
    depth = rng.choice([150, 3000, 20000])
    if fmt in ("crossref", "datacite") and data.lstrip()[:1] in (b"{", b"["):
        return _insert(data, _at(rng, data, rb"\{"), b'"deep": ' + b"[" * depth + b"]" * depth + b", ")
    return _insert(data, _at(rng, data, TEXT_START, end=False), b">" + b"<n>" * depth + b"</n>" * depth + b"<x")


def entity_bomb(rng: random.Random, data: bytes, fmt: str) -> bytes:
    if not data.lstrip().startswith(b"<"):
        return data
    declaration = re.match(rb"\s*<\?xml[^>]*\?>", data)
    head = declaration.end() if declaration else 0
    bombed = data[:head] + BOMB + data[head:]
    return _insert(bombed, _at(rng, bombed, TEXT_START), rng.choice([b"&f;", b"&e;", b"&c;"]))


def huge_field(rng: random.Random, data: bytes, fmt: str) -> bytes:
    return _insert(data, _text_start(rng, data, fmt), b"Lorem ipsum " * rng.choice([6000, 12000]))


def bad_utf8(rng: random.Random, data: bytes, fmt: str) -> bytes:
    return _insert(data, _text_start(rng, data, fmt), rng.choice([b"\xff", b"\xc3\x28", b"\xed\xa0\x80"]))


# -- destructive -------------------------------------------------------------------------------------------
def flip(rng: random.Random, data: bytes, fmt: str) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        if out:
            out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def truncate(rng: random.Random, data: bytes, fmt: str) -> bytes:
    return data[:rng.randrange(len(data))] if data else data


def cut(rng: random.Random, data: bytes, fmt: str) -> bytes:
    a = rng.randrange(len(data) or 1)
    return data[:a] + data[a + rng.randint(1, 400):]


def duplicate(rng: random.Random, data: bytes, fmt: str) -> bytes:
    a = rng.randrange(len(data) or 1)
    return data[:a] + data[a:a + rng.randint(1, 2000)] + data[a:]


def splice(rng: random.Random, data: bytes, fmt: str) -> bytes:
    other = rng.choice(bases()).data
    return data[:rng.randrange(len(data) or 1)] + other[rng.randrange(len(other) or 1):]


def noise(rng: random.Random, data: bytes, fmt: str) -> bytes:
    return data[:rng.randrange(200)] + rng.randbytes(rng.randint(0, 3000))


def oversized(rng: random.Random, data: bytes, fmt: str) -> bytes:
    """Padding past the file limit (4 MiB in the fuzz run) once decompressed: the case is always gzipped."""
    return data + b"\n" * (5 * 1024 * 1024)


MUTATIONS: dict[str, tuple[Mutate, str]] = {
    "junk-between-records": (junk_between, "between"),
    "control-in-text": (control_in_text, "within"), "bad-date": (bad_date, "within"),
    "javascript-url": (javascript_url, "within"), "deep-nesting": (deep_nesting, "within"),
    "entity-bomb": (entity_bomb, "within"), "huge-field": (huge_field, "within"), "bad-utf8": (bad_utf8, "within"),
    "flip": (flip, "destructive"), "truncate": (truncate, "destructive"), "cut": (cut, "destructive"),
    "duplicate": (duplicate, "destructive"), "splice": (splice, "destructive"), "noise": (noise, "destructive"),
    "oversized": (oversized, "destructive"),
}


def make_case(i: int, seed: int = 18) -> Case:
    """Fuzzed file number ``i``."""
    rng = random.Random(f"{seed}:{i}")
    base = rng.choice(bases())
    mutation = rng.choice(sorted(MUTATIONS))
    mutate, kind = MUTATIONS[mutation]
    data = mutate(rng, base.data, base.fmt)
    zipped = mutation == "oversized" or rng.random() < 0.15
    if zipped:
        data = gzip.compress(data, compresslevel=1)
    suffix = Path(base.name).suffix + (".gz" if zipped else "")
    return Case(f"f{i:06d}-{mutation}-{Path(base.name).stem[:30]}{suffix}", base, mutation, kind, data)
