"""The crosswalk: the one place that decides which DCMI Terms, BIBO and Schema.org terms a field becomes.

Every record is described in all three vocabularies at once (plus FOAF/SKOS for people and concepts,
PROV-O for provenance, and lodpub's own terms only where none of these has one). Nothing here reads
files or talks to a store: a :class:`~mappings.model.Record` goes in, RDF triples come out.
"""

from __future__ import annotations

from mappings.crosswalk.parts import describe_agents, describe_host, describe_subjects
from mappings.crosswalk.statements import MappedRecord, Statements, date_literal
from mappings.crosswalk.terms import SOFTWARE_IRI, TYPES, VERSION, degree_iri
from mappings.crosswalk.work import (
    describe_identifiers,
    describe_provenance,
    describe_rights_and_links,
    describe_thesis_and_event,
    describe_work,
)
from mappings.model import Record, RecordError
from mappings.uris import Minter

__all__ = ["SOFTWARE_IRI", "TYPES", "VERSION", "MappedRecord", "date_literal", "degree_iri", "map_record"]


def map_record(record: Record, minter: Minter) -> MappedRecord:
    """Turn one record into RDF in DCMI Terms, BIBO and Schema.org together.

    Raises RecordError (naming the record) when a value cannot become RDF, e.g. a URL that is no IRI.
    """
    g = Statements()
    work = minter.work(record)
    graph = minter.graph(record)
    try:
        describe_work(g, record, work, graph, minter)
        describe_agents(g, record, work, graph, minter)
        describe_host(g, record, work, minter)
        describe_subjects(g, record, work, minter)
        describe_identifiers(g, record, work)
        describe_thesis_and_event(g, record, work, minter)
        describe_rights_and_links(g, record, work, minter)
        describe_provenance(g, record, work, graph)
    except ValueError as exc:  # pyoxigraph refuses an invalid IRI or literal
        raise RecordError(f"cannot be written as RDF: {exc}", file=record.source_file,
                          record=record.source_id) from exc
    return MappedRecord(record=record, graph=graph, work=work, statements=g.statements, lines=g.lines)
