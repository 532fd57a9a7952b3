"""The layout of British Library catalogue displays: labelled fields ``- Label:`` with ``- value`` lines.

Cuts a text into records and each record into fields, coping with values that run on over lines without
the leading ``- ``, several values one per line, and the next label glued onto the end of a value line
(``Secker, Jenny - Abstract:``). Used by :mod:`mappings.parsers.bl_catalogue.parser`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from mappings import normalize
from mappings.model import SourceField
from mappings.parsers.bl_catalogue.sniff import LABEL

LABEL_LINE = re.compile(rf"^- ({LABEL}) ?:$")
GLUED_LABEL = re.compile(rf"^(.*\S) - ({LABEL}) ?:$")
# labels whose continuation lines belong to the value above; every other label has one value per line
TEXT_LABELS = {"title", "main title", "abstract", "view content", "publisher", "edition", "is part of",
               "journal", "publication details", "physical description", "thesis", "dissertation note"}


@dataclass
class Field:
    """One labelled field: its label, the line of the label, and its value lines."""

    label: str
    line: int
    lines: list[tuple[str, bool, bool, int]] = field(default_factory=list)  # text, dashed, after blank, line

    @property
    def key(self) -> str:
        """The label folded for lookups: "ISSNs" -> "issns"."""
        return normalize.fold(self.label)

    def values(self) -> list[tuple[str, int]]:
        """The values: one per line, or for a text label continuation lines joined to the value above."""
        out: list[tuple[str, int]] = []
        for text, dashed, _, line in self.lines:
            if out and not dashed and self.key in TEXT_LABELS:
                out[-1] = (f"{out[-1][0]} {text}".strip(), out[-1][1])
            elif text:
                out.append((text, line))
        return out


@dataclass
class RawRecord:
    """One record: its heading line (if any), where it starts, and its fields in order."""

    heading: str | None
    line: int
    fields: list[Field] = field(default_factory=list)


def split_records(text: str) -> list[RawRecord]:
    """Cut the text into records and each record into fields of (value, dashed, after-blank, line)."""
    records: list[RawRecord] = []
    current = RawRecord(heading=None, line=1)
    blank = False
    for lineno, raw_line in enumerate(text.splitlines(), start=1):
        line = normalize.clean_text(raw_line)
        if not line:
            blank = True
            continue
        label = None
        if m := LABEL_LINE.match(line):
            line, label = "", m[1]
        elif m := GLUED_LABEL.match(line):
            line, label = m[1], m[2]
        if line:
            dashed = line == "-" or line.startswith("- ")
            value = line[1:].strip() if dashed else line
            if current.fields:
                current.fields[-1].lines.append((value, dashed, blank, lineno))
            elif current.heading is None:
                current.heading, current.line = value, lineno
            else:  # text before the first label: kept as a note rather than lost
                current.fields.append(Field("Preamble", lineno, [(value, True, blank, lineno)]))
        if label:
            if normalize.fold(label) == "record type" and any(f.key == "record type" for f in current.fields):
                heading, line_no = None, lineno
                last = current.fields[-1].lines
                if last and not last[-1][1] and last[-1][2]:  # undashed line after a blank: the next heading
                    heading, _, _, line_no = last.pop()
                records.append(current)
                current = RawRecord(heading=heading, line=line_no)
            current.fields.append(Field(label, lineno))
        blank = False
    if current.fields:
        records.append(current)
    return records


class Fields:
    """A record's fields by label, remembering which ones a mapping rule has read."""

    def __init__(self, fields: list[Field]) -> None:
        self.fields = fields
        self.used: set[int] = set()

    def values(self, *labels: str) -> list[tuple[str, int]]:
        """Every (value, line) of the fields with any of these folded labels, in order."""
        out: list[tuple[str, int]] = []
        for i, f in enumerate(self.fields):
            if f.key in labels:
                self.used.add(i)
                out.extend(f.values())
        return out

    def first(self, *labels: str) -> str | None:
        """The first value of the fields with these labels."""
        found = self.values(*labels)
        return found[0][0] if found else None

    def line(self, *labels: str) -> int | None:
        """The line of the first field with these labels."""
        return next((f.line for f in self.fields if f.key in labels), None)

    def unused(self) -> list[SourceField]:
        """The values of every field no mapping rule has read, as unmapped source fields."""
        return [SourceField(f.label, value) for i, f in enumerate(self.fields) if i not in self.used
                for value, _ in f.values()]


def unquote_title(title: str) -> str:
    """Drop the double quotes the display puts round an article title, and a trailing " /"."""
    title = title.strip().rstrip("/").strip()
    if len(title) > 2 and title[0] == title[-1] == '"' and '"' not in title[1:-1]:
        title = title[1:-1].strip()
    return title


def abstract_text(text: str) -> tuple[str | None, bool]:
    """The abstract once and complete: drop "Abstract :", the truncated first copy and "… (more)".

    Returns the text and whether it may be truncated (a "(more)" link but no second, complete copy).
    """
    text, more = re.subn(r"\s*(?:…|\.\.\.)?\s*\((?:more|less)\)\s*$", "", text.strip())
    pieces = [p.strip() for p in re.split(r"Abstract ?: ", text) if p.strip()]
    kept: list[str] = []
    for i, piece in enumerate(pieces):
        stem = normalize.clean_text(piece).rstrip("….").strip()
        if any(j != i and normalize.clean_text(other).startswith(stem) and len(other) > len(piece)
               for j, other in enumerate(pieces)) or piece in kept:
            continue
        kept.append(piece)
    return "\n\n".join(kept) or None, bool(more) and len(pieces) == 1
