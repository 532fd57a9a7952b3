"""The parser registry: one lookup by name, lazy imports, a sniff function and a merge precedence per format."""

from __future__ import annotations

import subprocess
import sys

import pytest

from mappings import parsers
from mappings.parsers import MERGE_FIELDS, MergeField, Precedence
from mappings.parsers.registry import sniffer
from tests.helpers import REPO, SAMPLES


@pytest.mark.parametrize("name", parsers.names())
def test_each_format_has_its_parser_sniffer_and_precedence(name: str) -> None:
    parser = parsers.get(name)
    assert parser.name == name
    assert parser.__class__.__module__ == parsers.REGISTRY[name].module
    precedence = parsers.precedence(name)
    assert isinstance(precedence, Precedence)
    assert all(isinstance(precedence.rank(field), int) for field in MERGE_FIELDS)
    for sample in sorted((SAMPLES / name).glob("*")) if (SAMPLES / name).is_dir() else []:
        head = sample.read_bytes()[: parsers.SNIFF_BYTES]
        assert sniffer(name)(head) == type(parser).sniff(head) >= 30
        assert parsers.detect(head) == name


def test_unknown_names_are_refused_with_the_known_ones() -> None:
    for lookup in (parsers.get, parsers.precedence):
        with pytest.raises(ValueError, match="known formats: bl-catalogue, crossref, datacite"):
            lookup("mods")
    with pytest.raises(ValueError, match="no merged record field"):
        Precedence(default=10, fields={"subtitle": 1})  # type: ignore[dict-item]


def test_detect_imports_no_parser_module() -> None:
    code = ("import sys; from mappings import parsers; "
            "head = open('samples/marcxml/marcxml-001.xml', 'rb').read(); "
            "assert parsers.detect(head) == 'marcxml'; "
            "heavy = sorted(m for m in sys.modules if m.endswith('.parser') or m.split('.')[0] in ('lxml', 'pymarc')); "
            "print(heavy)")
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]", done.stdout


def test_precedence_follows_the_source_order_with_per_field_exceptions() -> None:
    def rank(field: MergeField) -> list[str]:
        return sorted(parsers.names(), key=lambda name: (parsers.precedence(name).rank(field), name))

    # by default: publisher metadata, repositories, catalogues, OAI-PMH harvests
    assert rank("title") == ["crossref", "datacite", "eprints-xml", "eprints-html", "eprints-page", "marc", "marcxml",
                             "bl-catalogue", "uketd-dc", "oai-dc"]
    assert rank("publisher")[:3] == ["marc", "marcxml", "bl-catalogue"]  # transcribed from the item
    assert rank("abstract")[:4] == ["eprints-xml", "eprints-html", "eprints-page", "uketd-dc"]  # the author's own
    assert rank("work_type")[:4] == ["eprints-xml", "eprints-html", "eprints-page", "crossref"]
