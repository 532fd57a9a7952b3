"""Checking mapped records: the SHACL shapes in ``ontology/shapes.ttl`` (pySHACL), and a fast pre-check.

SHACL is the authority (``lodpub validate``, ``lodpub map``). Ingest at scale uses :func:`precheck`, the
model-level subset of the shapes that can be checked in microseconds; the test suite checks that every
record passing the pre-check also conforms to the shapes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from mappings.crosswalk import MappedRecord, degree_iri
from mappings.model import Record, WorkType
from mappings.rdfout import ontology_file

if TYPE_CHECKING:
    from rdflib import Graph


@dataclass
class Report:
    """The outcome of validating one record graph."""

    conforms: bool
    messages: list[str] = field(default_factory=list)  # violations: the RDF is wrong
    text: str = ""
    warnings: list[str] = field(default_factory=list)  # sh:Warning results: something merely missing


@lru_cache(maxsize=1)
def _shapes() -> Graph:
    """The SHACL shapes graph (parsed once)."""
    from rdflib import Graph

    return Graph().parse(data=ontology_file("shapes.ttl"), format="turtle")


def validate(mapped: MappedRecord) -> Report:
    """Validate one mapped record against lodpub's SHACL shapes."""
    from pyshacl import validate as shacl_validate
    from rdflib import Graph
    from rdflib.namespace import SH

    data = Graph().parse(data=mapped.ntriples(), format="nt")
    conforms, results, text = shacl_validate(data, shacl_graph=_shapes(), inference="none",
                                             advanced=False, allow_warnings=True)
    found: dict[str, list[str]] = {"violation": [], "warning": []}
    for severity, key in ((SH.Violation, "violation"), (SH.Warning, "warning")):
        for result in results.subjects(SH.resultSeverity, severity):
            focus = results.value(result, SH.focusNode)
            path = results.value(result, SH.resultPath)
            message = results.value(result, SH.resultMessage)
            short_path = str(path).rsplit("/", 1)[-1].rsplit("#", 1)[-1] if path is not None else "(node)"
            found[key].append(f"{focus} {short_path}: {message}")
    return Report(conforms=not found["violation"], messages=sorted(found["violation"]), text=str(text),
                  warnings=sorted(found["warning"]))


def precheck(record: Record) -> list[str]:
    """The shape violations checkable on the record model alone; returns problems (empty when fine).

    Only what makes a record unpublishable: a missing creator, date or degree is a warning
    (:func:`completeness`), never a reason to refuse a record.
    """
    return [] if record.title.strip() else ["title: missing"]


def completeness(record: Record) -> list[str]:
    """What a record usually has and this one lacks (the record publishes; these are warnings)."""
    missing = []
    serial = record.work_type in (WorkType.PERIODICAL, WorkType.WEBSITE)
    if not serial and not record.creators and not record.contributors:
        missing.append("creator: no creator or contributor")
    if not record.issued:
        missing.append("date: no date of issue")
    if record.work_type is WorkType.THESIS and (record.degree is None or degree_iri(record.degree) is None):
        missing.append("degree: a thesis whose degree the record does not say")
    return missing
