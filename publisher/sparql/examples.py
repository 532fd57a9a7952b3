"""Example queries for the query page, over the things lodpub's data holds."""

from __future__ import annotations

PROLOGUE = """PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX bibo: <http://purl.org/ontology/bibo/>
PREFIX schema: <http://schema.org/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX lodpub: <https://w3id.org/lodpub/ns#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""

EXAMPLES: list[tuple[str, str]] = [
    ("Works and their titles", """SELECT ?work ?title ?issued WHERE {
  ?work dcterms:type ?type ; dcterms:title ?title .
  OPTIONAL { ?work dcterms:issued ?issued }
}
ORDER BY ?work
LIMIT 50"""),
    ("How many works of each type", """SELECT ?class (COUNT(DISTINCT ?work) AS ?works) WHERE {
  ?work dcterms:type ?type ; a ?class .
  FILTER(STRSTARTS(STR(?class), STR(schema:)))
}
GROUP BY ?class
ORDER BY DESC(?works)"""),
    ("Authors in order, with ORCID iDs", """SELECT ?title (COUNT(DISTINCT ?mid) AS ?position) ?name
       (SAMPLE(?id) AS ?orcid)
WHERE {
  ?work dcterms:title ?title ; bibo:authorList ?list .
  ?list rdf:rest* ?mid . ?mid rdf:rest* ?cell . ?cell rdf:first ?author .
  ?author foaf:name ?name .
  OPTIONAL { ?author schema:sameAs ?id FILTER(STRSTARTS(STR(?id), "https://orcid.org/")) }
}
GROUP BY ?work ?title ?cell ?name
ORDER BY ?title ?position
LIMIT 100"""),
    ("Articles in journals, with DOIs", """SELECT ?journal ?journalTitle ?work ?title ?doi WHERE {
  ?journal a schema:Periodical ; schema:name ?journalTitle .
  ?work dcterms:isPartOf+ ?journal ; dcterms:title ?title .
  OPTIONAL { ?work bibo:doi ?doi }
}
ORDER BY ?journalTitle ?title
LIMIT 100"""),
    ("Subjects and how many works have them", """SELECT ?subject ?label (COUNT(?work) AS ?works) WHERE {
  ?work dcterms:subject ?subject .
  ?subject skos:prefLabel ?label .
}
GROUP BY ?subject ?label
ORDER BY DESC(?works) ?label
LIMIT 100"""),
    ("Works modified since a date (harvesting)", """SELECT ?work ?modified WHERE {
  ?work dcterms:type ?type ; dcterms:modified ?modified .
  FILTER(?modified >= "2020-01-01T00:00:00"^^xsd:dateTime)
}
ORDER BY ?work
LIMIT 100 OFFSET 0"""),
    ("Who said what: each source record's title of a work", """SELECT ?work ?format ?title ?record WHERE {
  ?work dcterms:type ?type ; prov:wasDerivedFrom ?record .
  GRAPH ?record { ?record lodpub:inputFormat ?format ; foaf:primaryTopic ?said . ?said dcterms:title ?title }
}
ORDER BY ?work ?format
LIMIT 100"""),
    ("Why records name one person (identity evidence)", """SELECT ?person ?name ?decision ?rule ?why WHERE {
  ?person a foaf:Person ; foaf:name ?name ; lodpub:identityEvidence ?decision .
  ?decision lodpub:rule ?rule ; rdfs:comment ?why .
}
ORDER BY ?name
LIMIT 100"""),
    ("One source record of a work, as that record said it", """CONSTRUCT { ?s ?p ?o } WHERE {
  { SELECT ?graph WHERE { GRAPH ?graph { ?graph foaf:primaryTopic ?work } } ORDER BY ?graph LIMIT 1 }
  GRAPH ?graph { ?s ?p ?o }
}"""),
    ("Source records by input format", """SELECT ?format (COUNT(?record) AS ?records) WHERE {
  GRAPH ?record { ?record a lodpub:SourceRecord ; lodpub:inputFormat ?format }
}
GROUP BY ?format
ORDER BY ?format"""),
    ("Is there a thesis?", """ASK { ?work a bibo:Thesis }"""),
]


def examples() -> list[tuple[str, str]]:
    """(title, full query text) for each example."""
    rdf = "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n"
    return [(title, PROLOGUE + (rdf if "rdf:" in body else "") + body) for title, body in EXAMPLES]
