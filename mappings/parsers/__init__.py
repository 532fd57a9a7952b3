"""Input formats: one package per format, found by name, detected from content, each with its merge precedence.

Like rdflib's plugin registry, a format is registered by name (:mod:`.registry`) with the package that
reads it, and the parser's module is imported only when first used. Every parser yields the same typed
:class:`~mappings.model.Record` (or a :class:`~mappings.model.RecordError` for a record it rejects,
so one bad record never stops the rest of a file).

The packages: ``marc`` (MARC 21 binary and MARCXML), ``eprints_xml`` (EPrints EP3 XML), ``eprints_page``
(an EPrints abstract page as text), ``oai_dc`` (OAI-PMH oai_dc and uketd_dc), ``crossref`` (Crossref
REST API JSON), ``datacite`` (DataCite XML and JSON), ``bl_catalogue`` (British Library catalogue
displays); ``common`` holds what several share (streaming XML records, decoding text).
"""

from mappings.parsers.base import MERGE_FIELDS, MergeField, Parser, Precedence
from mappings.parsers.common.text_input import decode_text
from mappings.parsers.registry import REGISTRY, SNIFF_BYTES, Entry, detect, get, names, precedence

__all__ = ["MERGE_FIELDS", "REGISTRY", "SNIFF_BYTES", "Entry", "MergeField", "Parser", "Precedence", "decode_text",
           "detect", "get", "names", "precedence"]
