"""Property tests: every registered parser survives mutated input.

The bundled samples of each format are mutated (lines deleted, duplicated or swapped, the input
truncated, bytes flipped, junk inserted) and fed to the parser registered under each name. Whatever
comes in, a parser only ever yields :class:`Record` or :class:`RecordError` (never raises), and every
record it yields maps to RDF.
"""

from __future__ import annotations

import importlib.util
import io
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mappings import parsers
from mappings.crosswalk import map_record
from mappings.model import Record, RecordError
from mappings.uris import Minter
from tests.helpers import BASE, SAMPLES, need

JUNK = [b"", b"\x00", b"- ", b"- Label:", b":", b"<", b"</eprint>", b"<![CDATA[", b"&amp;", b"&#0;", b"{", b"}",
        b"\"", b"\xff\xfe", b"\xc3", b"\xe2\x86\x97", b"Item Type: ", b"(2016) ", b" - Abstract:", b"\n\n",
        b"Abstract : ", b"\xef\xbb\xbf", b"\r\n", b"00000nam a2200000 a 4500", b"\x1d", b"\x1e", b"\x1f"]


def _samples(name: str) -> list[bytes]:
    """The bundled samples of a format (all bundled samples when the format has none of its own)."""
    own = sorted(p for p in (SAMPLES / name).glob("*") if p.is_file()) if (SAMPLES / name).is_dir() else []
    files = own or sorted(p for p in SAMPLES.rglob("*") if p.is_file() and not p.name.startswith("."))
    return [p.read_bytes() for p in files]


@st.composite
def mutated(draw: st.DrawFn, seeds: list[bytes]) -> bytes:
    """A sample with a few random mutations applied."""
    data = draw(st.sampled_from(seeds))
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        lines = data.split(b"\n")
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "truncate", "flip", "junk"]))
        i = draw(st.integers(min_value=0, max_value=max(len(lines) - 1, 0)))
        j = draw(st.integers(min_value=0, max_value=max(len(lines) - 1, 0)))
        at = draw(st.integers(min_value=0, max_value=max(len(data) - 1, 0)))
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap":
            lines[i], lines[j] = lines[j], lines[i]
        if op in ("delete", "duplicate", "swap"):
            data = b"\n".join(lines)
        elif op == "truncate":
            data = data[:at]
        elif op == "flip" and data:
            data = data[:at] + bytes([data[at] ^ draw(st.integers(min_value=1, max_value=255))]) + data[at + 1:]
        elif op == "junk":
            data = data[:at] + draw(st.sampled_from(JUNK) | st.binary(max_size=12)) + data[at:]
    return data


@pytest.mark.parametrize("name", parsers.names())
def test_parser_survives_mutated_samples(name: str) -> None:
    module = parsers.REGISTRY[name].module
    need(importlib.util.find_spec(module) is not None, f"parser module {module} (format {name!r})")
    parser = parsers.get(name)
    minter = Minter(BASE)

    @settings(max_examples=int(os.environ.get("LODPUB_FUZZ_EXAMPLES", "50")), deadline=None, derandomize=True,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(data=mutated(_samples(name)))
    def check(data: bytes) -> None:
        for item in parser.parse(io.BytesIO(data), f"mutated-{name}"):
            assert isinstance(item, Record | RecordError), type(item)
            if isinstance(item, Record):
                map_record(item, minter)
            else:
                assert item.file == f"mutated-{name}", str(item)

    check()


@pytest.mark.parametrize("name", parsers.names())
def test_parser_survives_empty_and_garbage_input(name: str) -> None:
    module = parsers.REGISTRY[name].module
    need(importlib.util.find_spec(module) is not None, f"parser module {module} (format {name!r})")
    parser = parsers.get(name)
    for data in (b"", b"\n", b"\x00" * 10, b"\xff\xfe\x00", "naïve ↗ text".encode("latin-1", "replace")):
        for item in parser.parse(io.BytesIO(data), "garbage"):
            assert isinstance(item, Record | RecordError)
