"""Golden files: every bundled sample maps to the hand-checked graph in tests/golden/, and conforms.

A golden file ``tests/golden/<format>/<sample stem>.ttl`` holds the expected graph of the sample
``samples/<format>/<sample file>``, written and checked by hand against the source. Graphs are compared
by isomorphism; on a mismatch the test prints the triples only in one side.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import graph_diff, to_isomorphic

from mappings.rdfout import serialise
from mappings.validation import validate
from tests.helpers import GOLDEN, SAMPLES, map_file

SAMPLE_FILES = sorted(p for p in SAMPLES.rglob("*") if p.is_file() and not p.name.startswith("."))


def _golden_for(sample: Path) -> Path:
    fmt = sample.parent.name
    return GOLDEN / fmt / (sample.name.split(".")[0] + ".ttl")


def _graph(data: bytes, fmt: str) -> Graph:
    return Graph().parse(data=data, format=fmt)


@pytest.mark.parametrize("sample", SAMPLE_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_sample_matches_golden_graph(sample: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    golden = _golden_for(sample)
    assert golden.exists(), f"no golden file {golden.relative_to(GOLDEN.parent.parent)} for {sample.name}"
    monkeypatch.chdir(tmp_path)  # lodpub:sourceFile: relative to the directory ingested (here the repository), from
    # any working directory: "samples/<format>/<file>" in the goldens
    mapped = map_file(sample)
    got = _graph(serialise([t for m in mapped for t in m.triples], "nt"), "nt")
    expected = Graph().parse(golden, format="turtle")
    iso_got, iso_expected = to_isomorphic(got), to_isomorphic(expected)
    if iso_got != iso_expected:
        _, only_got, only_expected = graph_diff(iso_got, iso_expected)
        lines = ["only in mapping output:"] + sorted(f"  {s} {p} {o}" for s, p, o in only_got)
        lines += ["only in golden file:"] + sorted(f"  {s} {p} {o}" for s, p, o in only_expected)
        pytest.fail("\n".join(lines[:200]))


@pytest.mark.parametrize("sample", SAMPLE_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_sample_conforms_to_shapes(sample: Path) -> None:
    for mapped in map_file(sample):
        report = validate(mapped)
        assert report.conforms, "\n".join(report.messages)


@pytest.mark.parametrize("sample", SAMPLE_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_turtle_jsonld_and_rdfxml_outputs_are_isomorphic(sample: Path) -> None:
    triples = [t for m in map_file(sample) for t in m.triples]
    reference = to_isomorphic(_graph(serialise(triples, "nt"), "nt"))
    for out_format, parse_format in (("turtle", "turtle"), ("jsonld", "json-ld"), ("rdfxml", "xml")):
        graph = _graph(serialise(triples, out_format), parse_format)
        assert to_isomorphic(graph) == reference, f"{out_format} output differs from N-Triples"
