"""How much one input may hold: a field's size, a file's size once decompressed, the nesting of its values.

The limits are given to :func:`mappings.sources.read_file` (publisher.config reads them from
``LODPUB_MAX_FIELD_KB``, ``LODPUB_MAX_FILE_MB`` and ``LODPUB_MAX_DEPTH``); while a file is read, the parsers
find them with :func:`current`. Each one exceeded is a rejection naming the file and the record (a field over
its size, a record nested too deeply) or the file and where reading stopped (a file over its size).
"""

from __future__ import annotations

import io
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, BinaryIO

MIB = 1024 * 1024


@dataclass(frozen=True)
class InputLimits:
    """The limits on one input file and its records."""

    max_field_bytes: int = MIB  # one value (a title, an abstract ...), in UTF-8 bytes
    max_file_bytes: int = 512 * MIB  # one input file, once decompressed
    max_depth: int = 100  # nesting of JSON values, and of XML elements within a record

    def field_text(self) -> str:
        """The field limit for messages: ``1024 KiB (LODPUB_MAX_FIELD_KB)``."""
        return f"{self.max_field_bytes // 1024} KiB (LODPUB_MAX_FIELD_KB)"

    def file_text(self) -> str:
        """The file limit for messages."""
        return f"{self.max_file_bytes / MIB:g} MiB (LODPUB_MAX_FILE_MB)"

    def depth_text(self) -> str:
        """The depth limit for messages."""
        return f"{self.max_depth} levels (LODPUB_MAX_DEPTH)"


DEFAULT = InputLimits()
_CURRENT: ContextVar[InputLimits] = ContextVar("lodpub_input_limits", default=DEFAULT)


def current() -> InputLimits:
    """The limits of the file being read (the defaults outside :func:`mappings.sources.read_file`)."""
    return _CURRENT.get()


def use(limits: InputLimits) -> None:
    """Make ``limits`` the ones :func:`current` returns in this context (read_file calls it per file)."""
    _CURRENT.set(limits)


class InputTooLarge(OSError):
    """A file holds more bytes than the file limit allows (once decompressed)."""

    def __init__(self, limits: InputLimits) -> None:
        super().__init__(f"the file holds more than {limits.file_text()} once decompressed, the most an input "
                         "file may; split it into smaller files (or raise the limit)")


class _Capped(io.RawIOBase):
    """A readable, seekable view of a stream that fails once more than ``cap`` bytes have been read."""

    def __init__(self, inner: BinaryIO, limits: InputLimits) -> None:
        super().__init__()
        self.inner, self.limits, self.position = inner, limits, 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return bool(self.inner.seekable())

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        room = self.limits.max_file_bytes + 1 - self.position
        if room <= 0:
            raise InputTooLarge(self.limits)
        data = self.inner.read(min(len(view), room))
        view[:len(data)] = data
        self.position += len(data)
        if self.position > self.limits.max_file_bytes:
            raise InputTooLarge(self.limits)
        return len(data)

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        self.position = self.inner.seek(offset, whence)
        return self.position

    def tell(self) -> int:
        return self.position

    def close(self) -> None:
        self.inner.close()
        super().close()


def capped(stream: BinaryIO, limits: InputLimits) -> BinaryIO:
    """``stream`` buffered, failing with :class:`InputTooLarge` past the file limit."""
    return io.BufferedReader(_Capped(stream, limits), buffer_size=65536)


def json_depth(value: object) -> int:
    """How deeply a parsed JSON value nests (a scalar: 0), computed without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in children)
    return deepest
