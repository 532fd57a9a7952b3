"""Namespaces of the vocabularies lodpub writes, as pyoxigraph term factories, and their prefixes."""

from __future__ import annotations

from functools import cache

from pyoxigraph import NamedNode

LODPUB_NS = "https://w3id.org/lodpub/ns#"

PREFIXES: dict[str, str] = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "dcterms": "http://purl.org/dc/terms/",
    "dcmitype": "http://purl.org/dc/dcmitype/",
    "dcam": "http://purl.org/dc/dcam/",
    "bibo": "http://purl.org/ontology/bibo/",
    "schema": "http://schema.org/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "madsrdf": "http://www.loc.gov/mads/rdf/v1#",
    "prov": "http://www.w3.org/ns/prov#",
    "void": "http://rdfs.org/ns/void#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "sd": "http://www.w3.org/ns/sparql-service-description#",
    "relators": "http://id.loc.gov/vocabulary/relators/",
    "lodpub": LODPUB_NS,
}


class Namespace:
    """A vocabulary namespace: ``DCTERMS.title`` or ``DCTERMS["title"]`` gives a cached NamedNode."""

    def __init__(self, iri: str) -> None:
        self.iri = iri

    @cache  # noqa: B019 - namespaces live for the whole process
    def __getitem__(self, local: str) -> NamedNode:
        return NamedNode(self.iri + local)

    def __getattr__(self, local: str) -> NamedNode:
        if local.startswith("__"):
            raise AttributeError(local)
        term = self[local]
        object.__setattr__(self, local, term)  # later look-ups are plain attribute reads
        return term

    def __hash__(self) -> int:
        return hash(self.iri)


RDF = Namespace(PREFIXES["rdf"])
RDFS = Namespace(PREFIXES["rdfs"])
XSD = Namespace(PREFIXES["xsd"])
OWL = Namespace(PREFIXES["owl"])
DCTERMS = Namespace(PREFIXES["dcterms"])
DCMITYPE = Namespace(PREFIXES["dcmitype"])
DCAM = Namespace(PREFIXES["dcam"])
BIBO = Namespace(PREFIXES["bibo"])
SDO = Namespace(PREFIXES["schema"])
FOAF = Namespace(PREFIXES["foaf"])
SKOS = Namespace(PREFIXES["skos"])
MADS = Namespace(PREFIXES["madsrdf"])
PROV = Namespace(PREFIXES["prov"])
VOID = Namespace(PREFIXES["void"])
DCAT = Namespace(PREFIXES["dcat"])
SD = Namespace(PREFIXES["sd"])
RELATORS = Namespace(PREFIXES["relators"])
LODPUB = Namespace(LODPUB_NS)

BIBO_DEGREES = "http://purl.org/ontology/bibo/degrees/"
BIBO_STATUS = "http://purl.org/ontology/bibo/status/"
ISO639_2 = "http://id.loc.gov/vocabulary/iso639-2/"
