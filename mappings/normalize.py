"""Normalisers and validators for identifiers, dates, names, languages and licences.

Each returns the canonical form or raises :class:`ValueError` with a reason a librarian can act on.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple
from urllib.parse import quote, unquote, urlsplit

_DOI_RE = re.compile(r"^10\.\d{4,9}/\S+$")
_DOI_PREFIXES = re.compile(
    r"^(?:doi:\s*|(?:https?://)?(?:dx\.)?doi\.org/|info:doi/)", re.IGNORECASE
)


def doi(value: str) -> str:
    """Return the bare DOI ("10.1108/MHRJ-06-2017-0021") from any common written form."""
    text = value.strip().rstrip(" .↗").strip()
    text = _DOI_PREFIXES.sub("", text)
    if "%2F" in text or "%2f" in text:
        text = unquote(text)
    if not _DOI_RE.match(text):
        raise ValueError(f"not a DOI: {value!r} (expected 10.NNNN/suffix)")
    return text


def doi_iri(bare_doi: str) -> str:
    """The DOI as a resolvable IRI, lower-cased (DOIs are case-insensitive); characters an IRI path may not
    hold ("<", ">" in SICI DOIs, "#", "?", spaces) are percent-encoded."""
    return "https://doi.org/" + quote(bare_doi.lower(), safe="/:@!$&'()*+,;=-._~")


def url(value: str) -> str:
    """Return an absolute http(s) URL that is a valid IRI, or raise ValueError."""
    text = value.strip()
    bad = re.search(r"[\s<>\"{}|\\^`\x00-\x1f\x7f]|%(?![0-9A-Fa-f]{2})", text)
    parts = None if bad else urlsplit(text)
    try:
        _ = parts.port if parts is not None else None  # "http://host:23a1e74" has no valid port
    except ValueError:
        parts = None
    if parts is None or parts.scheme.lower() not in ("http", "https") or not parts.hostname \
            or re.search(r"[\[\]]", text.replace(parts.netloc, "", 1)):
        raise ValueError(f"not an http(s) URL: {value!r}")
    return text


def issn(value: str) -> str:
    """Return an ISSN as NNNN-NNNC after checking its check digit."""
    text = re.sub(r"[\s\-]", "", value.strip()).upper()
    text = re.sub(r"^ISSN", "", text)
    if not re.fullmatch(r"\d{7}[\dX]", text):
        raise ValueError(f"not an ISSN: {value!r} (expected NNNN-NNNC)")
    total = sum(int(d) * w for d, w in zip(text[:7], range(8, 1, -1), strict=True))
    check = (11 - total % 11) % 11
    expected = "X" if check == 10 else str(check)
    if text[7] != expected:
        raise ValueError(f"ISSN {value!r} has a wrong check digit (expected {expected})")
    return f"{text[:4]}-{text[4:]}"


def isbn13(value: str) -> str:
    """Return an ISBN as 13 digits after checking it; ISBN-10s are converted."""
    match = re.search(r"[0-9][0-9\- ]{8,16}[0-9Xx]", value)
    if not match:
        raise ValueError(f"not an ISBN: {value!r}")
    text = re.sub(r"[\s\-]", "", match.group(0)).upper()
    if len(text) == 10:
        if not re.fullmatch(r"\d{9}[\dX]", text):
            raise ValueError(f"not an ISBN: {value!r}")
        total = sum((10 - i) * (10 if c == "X" else int(c)) for i, c in enumerate(text))
        if total % 11:
            raise ValueError(f"ISBN {value!r} has a wrong check digit")
        core = "978" + text[:9]
    elif len(text) == 13 and text.isdigit():
        if sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(text)) % 10:
            raise ValueError(f"ISBN {value!r} has a wrong check digit")
        return text
    else:
        raise ValueError(f"not an ISBN: {value!r}")
    check = (10 - sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(core)) % 10) % 10
    return core + str(check)


def orcid(value: str) -> str:
    """Return a bare ORCID iD after checking its ISO 7064 11,2 check character."""
    text = re.sub(r"^(?:https?://)?(?:www\.)?orcid\.org/", "", value.strip())
    if not re.fullmatch(r"\d{4}-\d{4}-\d{4}-\d{3}[\dX]", text):
        raise ValueError(f"not an ORCID iD: {value!r}")
    total = 0
    for ch in text.replace("-", "")[:-1]:
        total = (total + int(ch)) * 2
    check = (12 - total % 11) % 11
    if text[-1] != ("X" if check == 10 else str(check)):
        raise ValueError(f"ORCID iD {value!r} has a wrong check digit")
    return text


_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}


def date(value: str, *, loose: bool = True) -> str:
    """Return an ISO 8601 date, year-month or year from the date forms found in catalogues.

    ``loose``: fall back to the first plausible year in the text ("Published 1998 by ..."); with
    ``loose=False`` a text that is not wholly a date is refused (see :func:`date_value`).
    """
    text = re.sub(r"^[\[(]?(?:c|p|©|℗)\s?(?=\d{4})", "", value.strip())  # c2000, p1957, ©2001
    text = text.strip("[]().,;? ")
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?", text):
        return _checked(int(m[1]), int(m[2]), int(m[3]))
    if m := re.fullmatch(r"(\d{4})-(\d{2})", text):
        return _checked(int(m[1]), int(m[2]), None)
    if m := re.fullmatch(r"(\d{4})", text):
        return m[1]
    if m := re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,})\.?,?\s+(\d{4})(?:\s+[\d:]+)?", text):
        month = _MONTHS.get(m[2][:3].lower())
        if month:
            return _checked(int(m[3]), month, int(m[1]))
    if m := re.fullmatch(r"([A-Za-z]{3,})\.?\s+(\d{1,2}),?\s+(\d{4})", text):
        month = _MONTHS.get(m[1][:3].lower())
        if month:
            return _checked(int(m[3]), month, int(m[2]))
    if m := re.fullmatch(r"([A-Za-z]{3,})\.?,?\s+(\d{4})", text):
        month = _MONTHS.get(m[1][:3].lower())
        if month:
            return _checked(int(m[2]), month, None)
    if loose and (m := re.search(r"(?<!\d)(1[5-9]\d{2}|20\d{2})(?!\d)", text)):
        return m[1]
    raise ValueError(f"not a date: {value!r}")


EDTF_DATATYPE = "http://id.loc.gov/datatypes/edtf/EDTF"  # the Library of Congress's datatype for EDTF strings
_SEASONS = {"spring": 21, "summer": 22, "autumn": 23, "fall": 23, "winter": 24}
_APPROX = re.compile(r"^\[?\s*(?:ca?\.|circa|approx(?:imately)?\.?|about|around|c\.\s*)\s*", re.IGNORECASE)


class DateValue(NamedTuple):
    """A date as precise as its source states it: ISO 8601 when exact, else an EDTF string."""

    value: str  # "2003-05-12", "1950", "195X", "1900~", "1957?", "1911/1912", "1994/..", "2003-21"
    exact: bool  # a plain ISO date, year-month or year (xsd:date / gYearMonth / gYear)
    text: str  # the source's own words


def date_value(value: str) -> DateValue:
    """A source date kept at its own precision: "1950s" is 195X (never 1950), "[ca. 1900]" is 1900~,
    "1911-1912" is the interval 1911/1912, "spring 2003" is 2003-21; ValueError when no date is there."""
    text = value.strip()
    core = text.strip("[](). ;,:")
    if "?" not in core:
        try:
            return DateValue(date(core, loose=False), True, text)
        except ValueError:
            pass
    low = core.lower()
    if m := re.fullmatch(r"(\d{3})(?:0s|0's|-|u|\?|x)\s*\??", low):
        return DateValue(m[1] + "X", False, text)
    if m := re.fullmatch(r"(\d{2})(?:00s|--|uu|\?\?|xx)\s*\??", low):
        return DateValue(m[1] + "XX", False, text)
    if m := re.fullmatch(r"(\d{4})\s*\?", low):
        return DateValue(m[1] + "?", False, text)
    if m := re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?\s*\?", low):
        return DateValue(low.rstrip("? ") + "?", False, text)
    if _APPROX.match(core) and (m := re.fullmatch(r"(\d{4})\??", _APPROX.sub("", core).strip("[]?. "))):
        return DateValue(m[1] + "~", False, text)
    if m := re.fullmatch(r"(\d{4})(\??)\s*[-/–]\s*(\d{4})(\??)", low):  # "1945?-1950?" keeps its doubt: 1945?/1950?
        return DateValue(f"{m[1]}{m[2]}/{m[3]}{m[4]}", False, text)
    if m := re.fullmatch(r"(\d{4})\s*[-–]\s*(\d{2})", low):
        return DateValue(f"{m[1]}/{m[1][:2]}{m[2]}", False, text) if int(m[2]) > 12 else \
            DateValue(_checked(int(m[1]), int(m[2]), None), True, text)
    if m := re.fullmatch(r"(\d{4})\s*-", low):
        return DateValue(f"{m[1]}/..", False, text)
    if m := re.fullmatch(r"(?:post\.?|after)\s*(\d{4})", low):
        return DateValue(f"{m[1]}/..", False, text)
    if m := re.fullmatch(r"(?:ante\.?|before)\s*(\d{4})", low):
        return DateValue(f"../{m[1]}", False, text)
    if m := re.fullmatch(r"(spring|summer|autumn|fall|winter)\s+(\d{4})", low):
        return DateValue(f"{m[2]}-{_SEASONS[m[1]]}", False, text)
    raise ValueError(f"not a date: {value!r}")


def iso_date(value: str) -> bool:
    """Whether a date string is a plain ISO 8601 date, year-month or year (not an EDTF string)."""
    return bool(re.fullmatch(r"\d{4}(?:-(?:0[1-9]|1[0-2])(?:-\d{2})?)?", value))


def _checked(year: int, month: int, day: int | None) -> str:
    import datetime

    if day is None:
        if not 1 <= month <= 12:
            raise ValueError(f"not a month: {year}-{month:02d}")
        return f"{year:04d}-{month:02d}"
    datetime.date(year, month, day)  # raises ValueError for 2018-02-30
    return f"{year:04d}-{month:02d}-{day:02d}"


def timestamp(value: str) -> str:
    """Return an xsd:dateTime-shaped string from "2021-07-08 17:49:38" or "12 Nov 2021 11:34"."""
    text = value.strip()
    if m := re.fullmatch(r"(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:?\d{2})?", text):
        stamp = f"{m[1]}T{m[2]}{m[3] or ':00'}"
        try:
            datetime.datetime.fromisoformat(stamp)
        except ValueError:
            raise ValueError(f"not a timestamp: {value!r} (no such date or time)") from None
        return stamp + (m[5] or "")
    if m := re.fullmatch(r"(\d{1,2})\s+([A-Za-z]{3,})\s+(\d{4})\s+(\d{2}:\d{2})(:\d{2})?", text):
        day = date(f"{m[1]} {m[2]} {m[3]}")
        return f"{day}T{m[4]}{m[5] or ':00'}"
    return date(text)


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lower-case ASCII folding for keys: "Günter Kosyna" -> "gunter kosyna" (labels and names recur: cached)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def slug(text: str, limit: int = 60) -> str:
    """A URI path segment from a label: ASCII letters, digits and hyphens; empty if none survive."""
    folded = fold(text).replace("&", " and ")
    out = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")
    return out[:limit].rstrip("-")


def split_name(name: str) -> tuple[str | None, str | None]:
    """Split "Family, Given" (or "Given Family") into (family, given); trailing dates/dots removed."""
    text = re.sub(r",?\s*\d{4}-(?:\d{4})?\.?$", "", name.strip()).strip().rstrip(",")
    if text.endswith(".") and not re.search(r"\b[A-Z]\.$", text):
        text = text[:-1]
    if "," in text:
        family, given = (part.strip() for part in text.split(",", 1))
        return family or None, given or None
    parts = text.split()
    if len(parts) >= 2:
        return parts[-1], " ".join(parts[:-1])
    return text or None, None


def display_name(family: str | None, given: str | None, fallback: str = "") -> str:
    """The natural-order display name: "Melanie J. Boyce"."""
    return " ".join(p for p in (given, family) if p) or fallback


@lru_cache(maxsize=512)
def language(value: str) -> str:
    """Return the ISO 639-2/B code for a language name or code ("English", "en", "eng")."""
    import pycountry

    text = value.strip().rstrip(".").lower()
    db = pycountry.languages
    lang = (db.get(alpha_2=text) if len(text) == 2 else None) or (
        (db.get(bibliographic=text) or db.get(alpha_3=text)) if len(text) == 3 else None)
    if lang is None:
        try:
            lang = db.lookup(text)
        except LookupError:
            raise ValueError(f"unknown language: {value!r}") from None
    return str(getattr(lang, "bibliographic", None) or lang.alpha_3)


@lru_cache(maxsize=512)
def iso639_2(code: str) -> str:
    """Return an ISO 639-2/B code checked: a language, or a collective code ("ber" Berber languages, "sai")."""
    import pycountry

    text = code.strip().lower()
    if re.fullmatch(r"[a-z]{3}", text):
        if pycountry.language_families.get(alpha_3=text) is not None:
            return text
        lang = pycountry.languages.get(bibliographic=text) or pycountry.languages.get(alpha_3=text)
        if lang is not None:
            return str(getattr(lang, "bibliographic", None) or lang.alpha_3)
    raise ValueError(f"not an ISO 639-2 language code: {code!r}")


def language_tag(code: str) -> str:
    """The BCP 47 tag for an ISO 639-2 code ("eng" -> "en"), as schema:inLanguage wants."""
    import pycountry

    lang = pycountry.languages.get(alpha_3=code) or pycountry.languages.get(bibliographic=code)
    return str(getattr(lang, "alpha_2", None) or code) if lang else code


_CC_WORDS = [("attribution", "by"), ("non-commercial", "nc"), ("noncommercial", "nc"),
             ("non commercial", "nc"), ("no derivatives", "nd"), ("noderivatives", "nd"),
             ("no derivs", "nd"), ("noderivs", "nd"), ("share alike", "sa"), ("sharealike", "sa"),
             ("share-alike", "sa")]
_CC_ORDER = ["by", "nc", "nd", "sa"]


def licence(text: str) -> tuple[str | None, str | None]:
    """Return (canonical Creative Commons IRI or None, licence family such as "by-nc-sa" or None).

    The IRI is given only when the source states a version; a family without a version is
    returned alone, so no version is invented.
    """
    raw = text.strip()
    low = raw.lower()
    if m := re.search(r"creativecommons\.org/(licenses|publicdomain)/([a-z\-]+)/(\d\.\d)", low):
        kind, family, version = m.groups()
        return f"https://creativecommons.org/{kind}/{family}/{version}/", family
    if "cc0" in low or "public domain dedication" in low:
        return "https://creativecommons.org/publicdomain/zero/1.0/", "cc0"
    codes: set[str] = set()
    if m := re.search(r"\bcc[ -]((?:by|nc|nd|sa)(?:[ -](?:by|nc|nd|sa))*)\b", low):
        codes = set(re.split(r"[ -]", m.group(1)))
    elif "creative commons" in low:
        for words, code in _CC_WORDS:
            if words in low:
                codes.add(code)
    if not codes or "by" not in codes:
        return None, None
    family = "-".join(c for c in _CC_ORDER if c in codes)
    if m := re.search(r"\b([1-4]\.0)\b", low):
        return f"https://creativecommons.org/licenses/{family}/{m.group(1)}/", family
    return None, family


_DEGREE_LEVELS = [
    ("doctoral", r"\b(?:ph ?d|d ?phil|doctor\w*|ed ?d|eng ?d|dclin\w*|dba|md|dmus|dprof)\b"),
    ("masters", r"\b(?:master\w*|ma|msc|ms|mphil|mres|llm|mba|med)\b"),
    ("bachelors", r"\b(?:bachelor\w*|ba|bsc|bs|undergraduate|honours)\b"),
]


def degree_level(text: str) -> str | None:
    """The level ("doctoral", "masters", "bachelors") of a degree named like "Ph.D.", "MPhil", "Doctoral"."""
    key = fold(text).replace(".", "")
    return next((level for level, pattern in _DEGREE_LEVELS if re.search(pattern, key)), None)


def clean_text(text: str) -> str:
    """Collapse whitespace and drop link arrows and zero-width characters."""
    text = text.replace("↗", " ").replace("\u200b", "").replace("\ufeff", "")
    return re.sub(r"\s+", " ", text).strip()
