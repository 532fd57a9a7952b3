"""The rejected-records report: one tab-separated line per rejected record or unreadable file (never more)."""

from __future__ import annotations

import csv
import re
from typing import IO, Any

from mappings.model import FormatError, RecordError

COLUMNS = ["kind", "file", "line", "record", "field", "reason"]
MAX_CELL = 2000  # characters of one cell: a reason may quote the value it refuses
BREAKS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]+")


def cell(value: object) -> str:
    """One cell of the report: on one line (tabs, CR, LF and other control characters become a space), and
    at most MAX_CELL characters, so every rejection is exactly one row whatever the input held."""
    text = BREAKS.sub(" ", str(value))
    return text if len(text) <= MAX_CELL else text[:MAX_CELL - 1] + "…"


class RejectReport:
    """Writes rejected records to a TSV file, created only when there is something to report."""

    def __init__(self, path: str | None) -> None:
        self.path = path
        self.count = 0
        self._fh: IO[str] | None = None
        self._writer: Any = None

    def add(self, error: RecordError) -> None:
        """Record one rejected record (or unreadable file)."""
        if self.path is None:
            return
        if self._fh is None:
            self._fh = open(self.path, "w", encoding="utf-8", newline="")  # noqa: SIM115 - closed in close()
            self._writer = csv.writer(self._fh, delimiter="\t", lineterminator="\n")
            self._writer.writerow(COLUMNS)
        kind = "unreadable" if isinstance(error, FormatError) else "rejected"
        line = "" if error.line is None else str(error.line)
        self._writer.writerow([kind, *(cell(v) for v in (error.file, line, error.record, error.field, error.message))])
        self.count += 1

    def close(self) -> None:
        """Close the report file."""
        if self._fh is not None:
            self._fh.close()
            self._fh = None

    def __enter__(self) -> RejectReport:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
