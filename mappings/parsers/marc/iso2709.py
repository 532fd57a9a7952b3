"""ISO 2709 structure: pymarc's complaints about a record as warnings, and a record whose leader is wrong."""

from __future__ import annotations

import logging
import re
import warnings
from collections.abc import Iterator
from typing import BinaryIO

from pymarc import Indicators, RawField, Subfield
from pymarc import Record as MarcRecord
from pymarc.leader import Leader


class PymarcNotices(logging.Handler):
    """Collects what pymarc logs ("more than 2 indicators found: ...") or warns while reading one record,
    instead of letting it reach stderr as bare lines."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.messages: list[str] = []
        self.logger = logging.getLogger("pymarc")
        self.caught = warnings.catch_warnings(record=True)
        self.propagate = True
        self.warned: list[warnings.WarningMessage] | None = None

    def emit(self, record: logging.LogRecord) -> None:
        """Keep the message (shortened)."""
        self.messages.append(record.getMessage()[:200])

    def __enter__(self) -> PymarcNotices:
        self.propagate, self.logger.propagate = self.logger.propagate, False
        self.logger.addHandler(self)
        self.warned = self.caught.__enter__()
        warnings.simplefilter("always")
        return self

    def __exit__(self, *exc: object) -> None:
        self.caught.__exit__(None, None, None)
        self.logger.removeHandler(self)
        self.logger.propagate = self.propagate
        self.messages += [str(w.message)[:200] for w in self.warned or []]


def repaired(chunk: bytes) -> tuple[bytes, str] | None:
    """The record with its base address (leader/12-16) corrected, and what was wrong, when the directory
    (12-digit entries from byte 24 to the first field terminator) does not end where the leader says."""
    end = chunk.find(b"\x1e", 24)
    if end < 24 or (end - 24) % 12 or not chunk[24:end].isdigit() or not chunk[12:17].isdigit():
        return None
    base = end + 1
    if base == int(chunk[12:17]):
        return None
    message = (f"the base address {chunk[12:17].decode()} is wrong: the directory ends at byte {end}; "
               f"read with {base:05d}")
    return chunk[:12] + f"{base:05d}".encode() + chunk[17:], message


def by_terminators(chunk: bytes) -> MarcRecord | None:
    """The record read field by field at its field terminators, in directory order, for a record whose
    directory gives wrong lengths or offsets (pymarc then finds fields starting mid-text); None when the
    number of fields does not match the directory either."""
    if not chunk[12:17].isdigit():
        return None
    base = int(chunk[12:17])
    directory = chunk[24 : base - 1]
    tags = [directory[i : i + 3].decode("ascii", "replace") for i in range(0, len(directory) - 11, 12)]
    parts = chunk[base:].rstrip(b"\x1d").split(b"\x1e")
    if parts and not parts[-1]:
        parts.pop()
    if not tags or len(parts) != len(tags):
        return None
    rec = MarcRecord(leader=" " * 24, to_unicode=False)
    rec.leader = Leader(chunk[:24].decode("ascii", "replace"))
    for tag, data in zip(tags, parts, strict=True):
        if tag < "010" and tag.isdigit():
            rec.fields.append(RawField(tag, data=data))  # type: ignore[arg-type]
            continue
        head, *subs = data.split(b"\x1f")
        indicators = (head.decode("ascii", "replace") + "  ")[:2]
        rec.fields.append(RawField(tag, indicators=Indicators(indicators[0], indicators[1]),
                                   subfields=[Subfield(s[:1].decode("ascii", "replace"), s[1:])  # type: ignore[arg-type]
                                              for s in subs if s]))
    return rec


RECORD_END = b"\x1d"
LEADER = re.compile(rb"\d{5}[acdnp][a-z ]")  # record length, status, type: where a record starts
JUNK = bytes(range(0x30)) + b"\x7f"  # what may lie between records (blank lines, NULs, ESC ...): never a leader's digit


def terminated(stream: BinaryIO, chunk_bytes: int = 65536) -> Iterator[tuple[int, bytes, int]]:
    """(byte offset, record bytes, junk bytes skipped before it) for each record, cut at its record terminator
    (0x1D) whatever its leader's length says: a wrong length or junk between records costs one record at
    most, never the ones after it. The last piece may lack its terminator (a cut file)."""
    buffer, offset = b"", 0
    while True:
        data = stream.read(chunk_bytes)
        buffer += data
        while (end := buffer.find(RECORD_END)) >= 0 or (not data and buffer):
            piece = buffer[:end + 1] if end >= 0 else buffer
            buffer = buffer[len(piece):]
            record = piece.lstrip(JUNK)
            if not record[:5].isdigit() and (leader := LEADER.search(record[:256])) is not None:
                record = record[leader.start():]  # printable junk too (an ESC sequence's "[31m")
            skipped = len(piece) - len(record)
            if record.strip(JUNK + RECORD_END):
                yield offset + skipped, record, skipped
            offset += len(piece)
        if not data:
            return


def with_length(record: bytes) -> tuple[bytes, str | None]:
    """The record with its leader's length (0-4) set to its real length when the leader says more (pymarc
    refuses such a record as truncated), and what was wrong."""
    given = record[:5]
    if given.isdigit() and int(given) <= len(record):
        return record, None
    actual = f"{min(len(record), 99999):05d}".encode()
    return actual + record[5:], (f"the record length {given.decode('latin-1')!r} is wrong: the record is "
                                 f"{len(record)} bytes up to its terminator")
