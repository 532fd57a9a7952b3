"""Reading inputs: files and directories (recursively), plain or gzip-compressed, format detected or given."""

from __future__ import annotations

import gzip
import io
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from mappings import parsers
from mappings.model import FormatError, Record, RecordError

SKIP_SUFFIXES = {".md", ".py", ".json.schema", ".sh"}


def iter_files(paths: Iterable[str]) -> Iterator[str]:
    """Every file named, and every file under every directory named (sorted, hidden files skipped)."""
    for path in paths:
        if path == "-":
            yield path
        elif os.path.isdir(path):
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith(".") and Path(name).suffix not in SKIP_SUFFIXES:
                        yield os.path.join(root, name)
        elif os.path.exists(path):
            yield path
        else:
            raise FileNotFoundError(f"{path}: no such file or directory")


def open_input(path: str) -> BinaryIO:
    """Open a file for reading bytes, transparently decompressing gzip; ``-`` is standard input."""
    if path == "-":
        import sys

        return io.BytesIO(sys.stdin.buffer.read())
    raw = open(path, "rb")  # noqa: SIM115 - returned to the caller, who closes it
    if raw.read(2) == b"\x1f\x8b":
        raw.seek(0)
        return gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[return-value]
    raw.seek(0)
    return raw


def source_label(path: str) -> str:
    """How a file is named in records and reports: relative to the working directory when inside it,
    else its name alone (so no absolute server path is ever published in lodpub:sourceFile)."""
    if path == "-" or not os.path.isabs(path):
        return os.path.normpath(path) if path != "-" else "<stdin>"
    relative = os.path.relpath(path)
    return relative if not relative.startswith("..") else os.path.basename(path)


def read_file(path: str, input_format: str | None = None) -> Iterator[Record | RecordError]:
    """Yield the records (and rejected records) of one file; FormatError when it cannot be read at all.

    Errors name the file as given; records carry its :func:`source_label` (published as lodpub:sourceFile).
    """
    label = source_label(path)
    try:
        stream = open_input(path)
    except OSError as exc:
        yield FormatError(f"cannot open: {exc.strerror or exc}", file=path)
        return
    with stream:
        try:
            head = stream.peek(parsers.SNIFF_BYTES)[: parsers.SNIFF_BYTES] if hasattr(stream, "peek") else b""
            if not head:
                head = stream.read(parsers.SNIFF_BYTES)
                stream.seek(0)
        except (OSError, EOFError) as exc:
            yield FormatError(f"cannot read: {exc}", file=path)
            return
        if not head.strip():
            yield FormatError("the file is empty", file=path)
            return
        try:
            name = input_format or parsers.detect(head, path)
            parser = parsers.get(name)
        except (FormatError, ValueError) as exc:
            yield exc if isinstance(exc, FormatError) else FormatError(str(exc), file=path)
            return
        try:
            for item in parser.parse(stream, path):
                if isinstance(item, Record):
                    item.source_file = label
                yield item
        except (OSError, EOFError) as exc:  # e.g. a truncated gzip stream
            yield FormatError(f"cannot read further: {exc}", file=path)


def read_all(paths: Iterable[str], input_format: str | None = None) -> Iterator[Record | RecordError]:
    """Yield the records of every file under ``paths``."""
    try:
        files = list(iter_files(paths))
    except FileNotFoundError as exc:
        yield FormatError(str(exc))
        return
    for path in files:
        yield from read_file(path, input_format)
