"""Decoding a text input (the text and JSON formats): UTF-8 with or without BOM, or UTF-16 with BOM."""

from __future__ import annotations

from mappings.model import FormatError


def decode_text(data: bytes, source: str) -> str:
    """Decode a text input (UTF-8, with or without BOM, or UTF-16 with BOM); FormatError otherwise."""
    try:
        return data.decode("utf-16" if data.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-8-sig")
    except UnicodeDecodeError as exc:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise FormatError(f"not valid UTF-16 ({exc.reason} at offset {exc.start})", file=source) from None
        line = data[: exc.start].count(b"\n") + 1
        raise FormatError(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "convert the file to UTF-8 first (e.g. iconv -f WINDOWS-1252 -t UTF-8)",
            file=source, line=line) from None
