"""Reading inputs: files and directories (recursively), plain or gzip-compressed, format detected or given."""

from __future__ import annotations

import gzip
import io
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from mappings import parsers
from mappings.limits import DEFAULT, InputLimits, InputTooLarge, capped, use
from mappings.model import FormatError, Record, RecordError
from mappings.screening import screen

SKIP_SUFFIXES = {".md", ".py", ".json.schema", ".sh"}


def iter_files(paths: Iterable[str]) -> Iterator[str]:
    """Every file named, and every file under every directory named (sorted, hidden files skipped)."""
    for path, _label in iter_inputs(paths):
        yield path


def iter_inputs(paths: Iterable[str]) -> Iterator[tuple[str, str]]:
    """Every file to read with its :func:`source_label`: (path as found, label)."""
    for path in paths:
        if path == "-":
            yield path, ""
        elif os.path.isdir(path):
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith(".") and Path(name).suffix not in SKIP_SUFFIXES:
                        found = os.path.join(root, name)
                        yield found, source_label(found, path)
        elif os.path.exists(path):
            yield path, source_label(path)
        else:
            raise FileNotFoundError(f"{path}: no such file or directory")


def open_input(path: str, limits: InputLimits = DEFAULT) -> BinaryIO:
    """Open a file for reading bytes, transparently decompressing gzip; ``-`` is standard input. Reading
    more than the file limit (decompressed) raises :class:`~mappings.limits.InputTooLarge`."""
    if path == "-":
        import sys

        data = sys.stdin.buffer.read(limits.max_file_bytes + 1)
        return capped(io.BytesIO(data), limits)
    raw = open(path, "rb")  # noqa: SIM115 - returned to the caller, who closes it
    if raw.read(2) == b"\x1f\x8b":
        raw.seek(0)
        return capped(gzip.GzipFile(fileobj=raw, mode="rb"), limits)  # type: ignore[arg-type]
    raw.seek(0)
    return capped(raw, limits)


def source_label(path: str, ingested: str | None = None) -> str:
    """How a record names its file (published as lodpub:sourceFile, and the scope of ids made from it): the path
    relative to the directory ``ingested`` that was named to find it, else the file's name alone; never an
    absolute path, and the same from any working directory. Standard input has no label ("")."""
    if path == "-":
        return ""
    if ingested is not None:
        relative = os.path.relpath(os.path.abspath(path), os.path.abspath(ingested))
        if not relative.startswith(".."):
            return Path(relative).as_posix()
    return os.path.basename(os.path.normpath(path))


def read_file(path: str, input_format: str | None = None, label: str | None = None,
              limits: InputLimits = DEFAULT) -> Iterator[Record | RecordError]:
    """Yield the records (and rejected records) of one file; FormatError when it cannot be read at all.

    Records carry ``label`` (default: :func:`source_label` of the file alone) as their source file, and parsers
    see it too (a record without an id of its own is named after it); errors name the file as given. Every
    record is screened (:func:`mappings.screening.screen`) under ``limits``. Nothing a file holds ends in an
    exception: a parser failure is reported naming the file and the last record read before it.
    """
    use(limits)
    label = source_label(path) if label is None else label
    try:
        stream = open_input(path, limits)
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
        last = ""  # the last record read, to say where reading stopped
        try:
            for item in parser.parse(stream, label or "<stdin>"):
                if isinstance(item, Record):
                    item.source_file = label
                    last = item.source_id or f"#{item.source_position}"
                    yield screen(item, limits)
                else:
                    if item.file in (label, "<stdin>", ""):
                        item.file = path if path != "-" else "<stdin>"
                    last = item.record or last
                    yield item
        except InputTooLarge as exc:
            yield FormatError(f"{exc}; {_kept(last)}", file=path, record=_after(last))
        except (OSError, EOFError) as exc:  # e.g. a truncated gzip stream
            yield FormatError(f"cannot read further: {exc}; {_kept(last)}", file=path, record=_after(last))
        except RecursionError:
            yield FormatError(f"the input nests too deeply to be read; {_kept(last)}", file=path,
                              record=_after(last))
        except Exception as exc:  # noqa: BLE001 - a parser's bug: say where, keep what was read
            yield FormatError(f"the {name} parser failed ({type(exc).__name__}: {exc}); {_kept(last)}", file=path,
                              record=_after(last))


def _after(last: str) -> str:
    return f"after {last}" if last else ""


def _kept(last: str) -> str:
    return f"the records up to {last} were read, the rest of the file was not" if last else \
        "no record of the file was read"


def read_all(paths: Iterable[str], input_format: str | None = None,
             limits: InputLimits = DEFAULT) -> Iterator[Record | RecordError]:
    """Yield the records of every file under ``paths`` (a path that does not exist: a FormatError naming it)."""
    for path in paths:
        try:
            files = list(iter_inputs([path]))
        except FileNotFoundError as exc:
            yield FormatError(str(exc), file=path)
            continue
        for name, label in files:
            yield from read_file(name, input_format, label, limits)
