"""Helpers for the MARC 21 parsers: ISBD punctuation, headings, agents, dates, host items, theses, links.

Each function reads one kind of MARC field (a :class:`pymarc.Field`) and returns model values; the
record-level decisions (work type, which field wins) are in :mod:`mappings.parsers.marc.record`.
"""

from __future__ import annotations

import re

from pymarc import Field

from mappings import normalize
from mappings.model import Degree, HostItem, Periodical, Subject

# control subfields that are never part of a display value
CONTROL_CODES = set("0123456789")
TRAILING = re.compile(r"[\s/:;=,]+$")
ABBREVIATION_END = re.compile(
    r"\b(?:[^\W\d_]|etc|Inc|Ltd|Co|Corp|Bros|Jr|Sr|ed|rev|enl|St|Dept|Univ|ca|cm|mm|in|ft|"
    r"min|sec|ill|illus|col|ports?|maps?|facsims?|pp|vol|approx|no)\.$"
)


def trim(value: str | None) -> str:
    """A value without ISBD end punctuation (" /", " :", " ;", ","; a final period ending no abbreviation)."""
    text = normalize.clean_text(value or "")
    text = TRAILING.sub("", text)
    if text.endswith(".") and not text.endswith("..") and not ABBREVIATION_END.search(text):
        text = text[:-1].rstrip()
    return TRAILING.sub("", text)


def values(field: Field, codes: str) -> list[str]:
    """The trimmed, non-empty values of the subfields with these codes, in field order."""
    return [v for sf in field.subfields if sf.code in codes and (v := trim(sf.value))]


def first(field: Field, codes: str) -> str | None:
    """The first trimmed value among these subfield codes."""
    found = values(field, codes)
    return found[0] if found else None


def joined(field: Field, skip: str = "", sep: str = " ") -> str:
    """The display text of a data field: all subfields but control and skipped ones, joined."""
    parts = [
        normalize.clean_text(sf.value)
        for sf in field.subfields
        if sf.code not in CONTROL_CODES and sf.code not in skip and sf.value.strip()
    ]
    return trim(sep.join(parts))


SCHEMES = {"0": "lcsh", "1": "lcshac", "2": "mesh", "3": "nal", "5": "cash", "6": "rvm"}
# fmt: off
SUBJECT_KINDS = {"600": "name", "610": "name", "611": "event", "630": "title", "647": "event",
                 "648": "temporal", "650": "topic", "651": "place", "655": "genre", "656": "topic",
                 "657": "topic", "662": "place"}
# fmt: on


def subject(field: Field) -> Subject | None:
    """A 6XX heading: the main term and its $v $x $y $z subdivisions as parts, and its scheme."""
    main_sep = ". " if field.tag in ("610", "611") else " "
    main = trim(
        main_sep.join(
            normalize.clean_text(sf.value)
            for sf in field.subfields
            if sf.code not in CONTROL_CODES and sf.code not in "vxyze" and sf.value.strip()
        )
    )
    if field.tag == "610":
        main = re.sub(r"\.\.\s", ". ", main)
    parts = [main] if main else []
    parts += values(field, "vxyz")
    if not parts:
        return None
    scheme = SCHEMES.get(field.indicator2) if field.indicator2 != "7" else (first(field, "2") or "").lower()
    return Subject(
        heading=" -- ".join(parts),
        parts=parts,
        scheme=scheme or None,
        kind=SUBJECT_KINDS.get(field.tag, "topic"),
        authority=authority_uri(field),
    )


LC_AUTHORITIES = {"sh": "subjects", "n": "names", "nb": "names", "nr": "names", "no": "names", "gf": "genreForms"}


def authority_uri(field: Field) -> str | None:
    """The heading's authority URI from $1 or $0: an http(s) URI, or an LC control number like "(DLC)sh85034755"."""
    for code in "10":
        for value in field.get_subfields(code):
            text = value.strip()
            if text.startswith(("http://", "https://")):
                try:
                    return normalize.url(text)
                except ValueError:
                    continue
            if m := re.fullmatch(r"\((?:DLC|uri)\)\s*([a-z]{1,2})\s*(\d+)", text):
                kind = LC_AUTHORITIES.get(m[1])
                if kind:
                    return f"http://id.loc.gov/authorities/{kind}/{m[1]}{m[2]}"
    return None


def marc_date(text: str, year_008: str | None = None) -> tuple[str | None, str | None]:
    """(date, the words it came from when it is not exact) from a 260/264 $c: "c2000." is 2000; "[1957?]" the
    uncertain 1957?; "[197-?]" some year of the 1970s, perhaps, 197X?; "1994-" and "c1998-" an open interval,
    1994/..; "1932-1954. --" 1932/1954; never a more precise date than the catalogue states."""
    raw = re.sub(r"(?:\.\s*|\s+)--\s*$", "", text.strip()).strip().rstrip(".,;: ")  # ISBD " --" area end
    given, raw = raw, _gregorian(raw, year_008)
    for pattern, words in RDA_DATE_PHRASES:  # RDA's "[not before 1900]" is pre-RDA's "post. 1900"
        raw = pattern.sub(words, raw)
    if either := _either_year(raw.strip("[] ?")):
        return either, given
    core = re.sub(r"^\[?(?:c|©|p|℗|cop\.)\s?(?=\d)", "", raw.strip("[] "))  # copyright / phonogram marks
    core = re.sub(r"(?<=-)\s?(?:c|©|p|℗)\s?(?=\d)", "", core)  # "c1992-c2002"
    if m := re.fullmatch(r"\[?(\d{4})(\?)?\]?\s*-\s*\[?c?(\d{4})(\?)?\]?", core.strip()):  # "1949?]-c2000"
        return f"{m[1]}{m[2] or ''}/{m[3]}{m[4] or ''}", given
    found = None
    for candidate in (core, raw):
        try:
            found = normalize.date_value(candidate)
            break
        except ValueError:
            continue
    if found is None:
        m = re.search(r"(?<![\d])(1[0-9]{3}|20[0-9]{2})(?![\d])", raw)  # "1998 printing", "1894, c1887"
        if not m:
            return None, None
        try:
            found = normalize.date_value(m[1] + ("?" if "?" in raw else ""))
        except ValueError:
            return None, None
    value = found.value
    if "?" in raw and "?" not in value and re.fullmatch(r"\d{2,3}X{1,2}", value):
        value += "?"  # "[191-?]": a probable decade stays probable
    return value, (None if found.exact and value == found.value and given == raw else given)


RDA_DATE_PHRASES = [(re.compile(r"\bnot before\s+(?=\d)", re.IGNORECASE), "after "),
                    (re.compile(r"\bnot after\s+(?=\d)", re.IGNORECASE), "before "),
                    (re.compile(r"\bbetween\s+(\d{4})\??\s+and\s+(\d{4})", re.IGNORECASE), r"\1-\2"),
                    (re.compile(r"\bapproximately\s+(?=\d)", re.IGNORECASE), "ca. ")]
YEAR = re.compile(r"(?<!\d)(1\d{3}|20\d{2})(?!\d)")


def _gregorian(raw: str, year_008: str | None) -> str:
    """The date a cataloguer bracketed after the one on the item: a correction ("1890 [i.e. 1891]"), or the
    Gregorian year after another calendar's ("746 [1985 or 1986]" -> "1985 or 1986", Vikram Samvat "2021
    [1964]" when 008 says 1964, "735-<758> [1975-<1998>]" -> "1975-1998"); else the date as given."""
    if m := re.search(r"\[i\.\s?e\.,?\s*([^\]]+)\]", raw):
        return m[1].strip()
    bracket = re.search(r"\[([^\]]*)\]", raw)
    outside = re.sub(r"\[[^\]]*\]", " ", raw)
    if not bracket or not (years := YEAR.findall(bracket[1])) or not re.search(r"\d", outside):
        return raw
    if not YEAR.search(outside) or (year_008 and year_008 in years and year_008 not in YEAR.findall(outside)):
        return bracket[1].replace("<", "").replace(">", "").strip()
    return raw


def _either_year(text: str) -> str | None:
    """A year given as "1985 or 1986" ("1985 or 86"): one of two years, [1985,1986] in EDTF; in a range
    ("1954 or 1955-1972 or 1973") the interval from the first to the last year it may be."""
    if " or " not in text:
        return None
    years: list[int] = []
    for m in re.finditer(r"(\d{4})(?:\s*or\s*(\d{1,4}))?", text):
        years.append(int(m[1]))
        if m[2]:
            years.append(int(m[1][: 4 - len(m[2])] + m[2]))
    if not years or not all(1000 <= y <= 2099 for y in years):
        return None
    if "-" in text:
        return f"{min(years)}/{max(years)}"
    return f"[{','.join(str(y) for y in sorted(set(years)))}]" if len(set(years)) > 1 else str(years[0])


def f008_date(f008: str) -> tuple[str | None, str | None]:
    """The date of issue from 008/06-14 (type of date, date 1, date 2): "u" digits unknown become X; a
    serial or multipart item published over years (c, d, i, k, m, u) is the interval, open when 9999."""
    kind, first, second = f008[6:7], f008[7:11], f008[11:15]
    if not re.fullmatch(r"[012][\du]{3}", first) or first == "9999":  # 9999: a placeholder, never a year
        return None, None
    value = first.replace("u", "X")
    words = None if value == first else first
    if kind in ("c", "d", "i", "k", "m", "u", "q"):
        if second == "9999" and kind in ("c", "m", "i", "k"):
            return f"{value}/..", f"{first}-"
        if re.fullmatch(r"\d[\du]{3}", second) and second != first:
            return f"{value}/{second.replace('u', 'X')}", f"{first}-{second}"
        if kind == "q":
            return value + "?", first
    return value, words


MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
SERIAL_DATE = re.compile(r"(?:\b([A-Za-z]{3})[a-z]*\.?\s+(?:(\d{1,2}),?\s+)?)?(\d{4})(\s*-\s*(?:\S.*?(\d{4}))?)?")


def serial_dates(text: str) -> tuple[str, str] | None:
    """The dates of a serial from a formatted 362 ("v. 1- Nov. 4, 1869-", "Spring 2007-"): (EDTF date or
    interval, words)."""
    text = re.split(r"\s=\s", text)[0]  # "Spring 2007- = Printemps 2007-": the same in another language
    m = SERIAL_DATE.search(text)
    if not m:
        return None
    start = m[3]
    if season := re.search(r"\b(spring|summer|autumn|fall|winter)\s+" + m[3], text, re.IGNORECASE):
        start = normalize.date_value(season[0]).value
    month = MONTHS.get((m[1] or "").lower())
    if month:
        start += f"-{month:02d}" + (f"-{int(m[2]):02d}" if m[2] else "")
        try:
            start = normalize.date(start, loose=False)
        except ValueError:
            start = m[3]
    if m[4] is None:
        return start, text.strip()
    return f"{start}/{m[5] or '..'}", text.strip()


# fmt: off
GMD_TYPES = {"sound recording": "sound", "electronic resource": "computer", "computer file": "computer",
             "videorecording": "video", "motion picture": "video", "map": "map", "music": "score",
             "microform": "", "graphic": "image", "picture": "image", "text": "text", "kit": ""}
# fmt: on


def gmd(value: str) -> str:
    """The general material designation of a 245 $h ("[sound recording]." -> "sound"); "" if unknown."""
    term = value.strip(" []./:;=").lower()
    return GMD_TYPES.get(term, "")


PARTS_PATTERNS = {
    "volume": re.compile(r"\b(?:vol|v|volume|bd|t|tome|jahrg)\.?\s*(\d+[A-Za-z]?)", re.IGNORECASE),
    "issue": re.compile(
        r"\b(?:no|nr|n|issue|iss|number|heft|num)\.?\s*(\d+[A-Za-z]?(?:[/-]\d+)?)", re.IGNORECASE
    ),
    "pages": re.compile(
        r"\b(?:p|pp|pages|s)\.?\s*([A-Za-z]?\d+)(?:\s*[-–]\s*([A-Za-z]?\d+))?", re.IGNORECASE
    ),
    "year": re.compile(r"\((?:[A-Za-z.]+\s+)?(\d{4})\)"),
}


def host_item(field: Field) -> tuple[HostItem, list[tuple[str, str]]]:
    """A 773 host item: journal and ISSN, or host book and ISBN; $g/$q parsed into volume, issue, pages.

    An ISSN or ISBN that fails its check is left out, with a (field, problem) pair saying so."""
    title = first(field, "t") or first(field, "a") or ""
    problems: list[tuple[str, str]] = []
    issns = []
    for value in values(field, "x"):
        try:
            issns.append(normalize.issn(value))
        except ValueError as exc:
            problems.append((f"{field.tag} $x", f"{exc}; the host's ISSN is left out"))
    isbns = []
    for value in values(field, "z"):
        try:
            isbns.append(normalize.isbn13(value))
        except ValueError as exc:
            problems.append((f"{field.tag} $z", f"{exc}; the host's ISBN is left out"))
    related = " ".join(values(field, "g"))
    host = HostItem()
    if m := PARTS_PATTERNS["volume"].search(related):
        host.volume = m[1]
    if m := PARTS_PATTERNS["issue"].search(related):
        host.issue = m[1]
    if m := PARTS_PATTERNS["pages"].search(related):
        host.page_start, host.page_end = m[1], m[2]
    if m := PARTS_PATTERNS["year"].search(related):
        host.issue_date = m[1]
    enum = first(field, "q")  # $q "23:1<54": volume:issue<start page
    if not related and enum and (m := re.fullmatch(r"(\w+)(?::(\w+))?(?:<(\w+))?", enum)):
        host.volume, host.issue, host.page_start = m[1], m[2], m[3]
    if isbns and not issns:
        host.book_title, host.book_isbns = title or None, isbns
    else:
        host.periodical = Periodical(title=title, issns=issns)
        if (published := first(field, "d")) and ":" in published:  # "Brighton : Pavilion Pub., 1996-"
            host.periodical.publisher = (
                trim(re.sub(r",?\s*[\[c]?\d{4}.*$", "", published.split(":", 1)[1])) or None
            )
    return host, problems


THESIS_NOTE = re.compile(
    r"^(?:Thesis|Dissertation|Diss\.?|These|Thèse|Tesis)\s*(?:\(([^)]+)\))?\s*[-—–]*\s*(.*?)(?:,\s*\[?(\d{4})\]?)?\.?$",
    re.IGNORECASE,
)


def degree(field: Field) -> Degree:
    """A 502 dissertation note: $b degree, $c institution, $d year; or a free-text $a."""
    name, institution, year = first(field, "b"), first(field, "c"), first(field, "d")
    note = first(field, "a")
    if note and not (name or institution) and (m := THESIS_NOTE.match(note)):
        name, institution, year = m[1], trim(m[2]) or None, m[3]
    if name:
        name = re.sub(r"\.\s+(?=[A-Za-z]{1,4}\.)", ".", name.strip())  # "Ph. D." -> "Ph.D."
    date = None
    if year and (y := re.search(r"\d{4}", year)):
        date = y[0]
    return Degree(
        level=normalize.degree_level(name) if name else None, name=name, institution=institution, date=date
    )


def timestamp_005(value: str) -> str | None:
    """The 005 "date and time of latest transaction" (yyyymmddhhmmss.f) as an ISO dateTime."""
    m = re.fullmatch(r"(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.\d)?", value.strip())
    if not m:
        return None
    return f"{m[1]}-{m[2]}-{m[3]}T{m[4]}:{m[5]}:{m[6]}"
