"""The rejected-records report: one tab-separated line per rejected record or unreadable file."""

from __future__ import annotations

import csv
from typing import IO, Any

from mappings.model import FormatError, RecordError

COLUMNS = ["kind", "file", "line", "record", "field", "reason"]


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
        self._writer.writerow([kind, error.file, line, error.record, error.field,
                               error.message.replace("\t", " ").replace("\n", " ")])
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
