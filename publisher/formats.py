"""The one table of the formats lodpub writes, one key each; everything else about formats is derived from it.

Content negotiation (publisher.web.negotiation) offers these media types; the renderers (publisher.render) are
looked up by key; a URL suffix (``/doc/work/x.ttl``) and a ``?format=`` name select a row; the dumps are the rows
marked ``dump``; ``lodpub map``, ``export`` and ``describe-dataset`` accept every spelling of their rows; the SPARQL
endpoint writes the rows with a ``results`` or ``rdf`` writer and names them in its service description. A new
output format is a row here and a renderer in publisher/render/.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox

DOCUMENT, WORK, RESULTS = "document", "work", "results"  # who offers a format: every document, works, SPARQL


@dataclass(frozen=True)
class Format:
    """A format lodpub can answer in."""

    key: str
    media_type: str
    label: str
    scope: str  # DOCUMENT (every describing document), WORK (works only) or RESULTS (SPARQL results only)
    suffix: str | None = None  # URL suffix that selects it (/doc/work/x.ttl), and the file extension of its dump
    aliases: tuple[str, ...] = ()  # other media types clients send for it
    names: tuple[str, ...] = ()  # other spellings ?format=, --format and SPARQL's format= accept
    rdf: ox.RdfFormat | None = None  # the RDF syntax pyoxigraph streams (dumps, export, SPARQL graph results)
    results: ox.QueryResultsFormat | None = None  # the SPARQL results syntax pyoxigraph writes
    w3c: str | None = None  # its name under http://www.w3.org/ns/formats/ (the service description)
    takes_parameters: bool = False  # media-type parameters are arguments (style=, locale=)
    dump: bool = False  # the whole dataset is offered as a gzipped file in it
    served_as: str | None = None  # the Content-Type it is served with, when not its media type

    def spellings(self) -> tuple[str, ...]:
        """Every name that selects this format: its key, its suffix and its other names."""
        return tuple(dict.fromkeys([self.key, *([self.suffix] if self.suffix else []), *self.names]))


# The table. Order is the server's preference on ties (HTML first: browsers send */* too).
FORMATS: tuple[Format, ...] = (
    Format("html", "text/html", "HTML", DOCUMENT, "html", ("application/xhtml+xml",)),
    Format("turtle", "text/turtle", "Turtle", DOCUMENT, "ttl",
           ("application/x-turtle", "text/n3", "text/rdf+n3", "application/turtle"), ("n3",),
           rdf=ox.RdfFormat.TURTLE, w3c="Turtle", dump=True),
    Format("jsonld", "application/ld+json", "JSON-LD", DOCUMENT, "jsonld",
           ("application/json",), ("json-ld", "json"),
           rdf=ox.RdfFormat.JSON_LD, w3c="JSON-LD", takes_parameters=True, dump=True),
    Format("rdfxml", "application/rdf+xml", "RDF/XML", DOCUMENT, "rdf", ("application/xml", "text/xml"),
           ("rdf/xml", "rdf+xml", "xml"), rdf=ox.RdfFormat.RDF_XML, w3c="RDF_XML"),
    Format("nt", "application/n-triples", "N-Triples", DOCUMENT, "nt", ("text/plain",), ("ntriples", "n-triples"),
           rdf=ox.RdfFormat.N_TRIPLES, w3c="N-Triples", dump=True),
    Format("nq", "application/n-quads", "N-Quads", DOCUMENT, "nq", ("text/x-nquads",), ("nquads", "n-quads"),
           rdf=ox.RdfFormat.N_QUADS, w3c="N-Quads", dump=True),
    Format("trig", "application/trig", "TriG", DOCUMENT, "trig", ("application/x-trig",),
           rdf=ox.RdfFormat.TRIG, w3c="TriG", dump=True),
    # the Schema.org shape DOI content negotiation serves (the DOI as @id); on /doi/ it answers application/ld+json
    Format("schemaorg", "application/vnd.schemaorg.ld+json", "Schema.org JSON-LD", WORK, "schema.jsonld", (),
           ("schema.org", "schema"), takes_parameters=True, served_as="application/ld+json"),
    Format("csl", "application/vnd.citationstyles.csl+json", "CSL-JSON", WORK, "csl.json",
           ("application/citeproc+json",), ("citeproc", "csl-json")),
    Format("bibtex", "application/x-bibtex", "BibTeX", WORK, "bib", ("text/x-bibtex",)),
    Format("ris", "application/x-research-info-systems", "RIS", WORK, "ris"),
    Format("bibliography", "text/x-bibliography", "Formatted citation", WORK, "txt", (), ("text", "citation"),
           takes_parameters=True),
    Format("srx", "application/sparql-results+xml", "SPARQL XML", RESULTS,
           results=ox.QueryResultsFormat.XML, w3c="SPARQL_Results_XML"),
    Format("srj", "application/sparql-results+json", "SPARQL JSON", RESULTS,
           results=ox.QueryResultsFormat.JSON, w3c="SPARQL_Results_JSON"),
    Format("csv", "text/csv", "CSV", RESULTS, results=ox.QueryResultsFormat.CSV, w3c="SPARQL_Results_CSV"),
    Format("tsv", "text/tab-separated-values", "TSV", RESULTS, results=ox.QueryResultsFormat.TSV,
           w3c="SPARQL_Results_TSV"),
)
BY_KEY = {f.key: f for f in FORMATS}
BY_SUFFIX = {f.suffix: f for f in FORMATS if f.suffix}
BY_MEDIA_TYPE = {t: f for f in FORMATS for t in (f.media_type, *f.aliases)}
BY_NAME = {name: f for f in FORMATS for name in f.spellings()}

DOCUMENT_KEYS = tuple(f.key for f in FORMATS if f.scope == DOCUMENT)  # HTML and the RDF formats
WORK_KEYS = tuple(f.key for f in FORMATS if f.scope in (DOCUMENT, WORK))  # and the citation formats
RDF_KEYS = tuple(f.key for f in FORMATS if f.scope == DOCUMENT and f.rdf is not None)
DUMP_KEYS = tuple(f.key for f in FORMATS if f.dump)


def get(key: str) -> Format:
    """The format with this key (KeyError for a key the table does not have)."""
    return BY_KEY[key]


def find(name: str) -> Format | None:
    """The format a name selects: a key, a suffix, another spelling, or a media type (parameters ignored)."""
    name = name.strip().lower()
    return BY_NAME.get(name) or BY_MEDIA_TYPE.get(name.split(";")[0].strip())


def spellings(keys: Iterable[str]) -> list[str]:
    """Every name that selects one of these formats (for a command's --format choices)."""
    return [name for key in keys for name in BY_KEY[key].spellings()]


def named(name: str, keys: Iterable[str]) -> Format:
    """The format among ``keys`` a name selects; ValueError listing the names accepted otherwise."""
    found = find(name)
    allowed = tuple(keys)
    if found is None or found.key not in allowed:
        raise ValueError(f"unknown format {name!r}; use one of {', '.join(spellings(allowed))}")
    return found
