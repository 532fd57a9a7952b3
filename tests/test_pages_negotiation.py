"""Cool URIs and content negotiation over HTTP: 303s, formats, headers, 304s, 404/406/400, and RDF round trips."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from flask.testing import FlaskClient
from rdflib import BNode, Dataset, Graph, URIRef
from rdflib import Literal as RLiteral
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from mappings.vocab import PREFIXES
from publisher.store import Store
from tests.helpers import (
    BASE,
    BROWSER,
    PROLOGUE,
    RDF_FORMATS,
    one_of_each_kind,
    parse,
    parse_any,
    path_of,
    person_named,
    rows,
    solutions,
    works,
)

XSD_STRING = PREFIXES["xsd"] + "string"
FOAF = PREFIXES["foaf"]
DCTERMS = PREFIXES["dcterms"]
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib.*")


def to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> URIRef | BNode | RLiteral:
    """A pyoxigraph term as the rdflib term a parser produces."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    assert isinstance(term, ox.Literal)
    if term.language:
        return RLiteral(term.value, lang=term.language)
    datatype = term.datatype.value
    return RLiteral(term.value, datatype=None if datatype == XSD_STRING else URIRef(datatype))


# -- /id/ -> 303 ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(("accept", "query", "suffix"), [
    (None, "", ""),
    (BROWSER, "", ""),
    ("text/turtle", "", ".ttl"),
    ("application/x-turtle", "", ".ttl"),
    ("application/ld+json", "", ".jsonld"),
    ("application/json", "", ".jsonld"),
    ("application/rdf+xml", "", ".rdf"),
    ("application/n-triples", "", ".nt"),
    ("application/n-quads", "", ".nq"),
    ("application/trig", "", ".trig"),
    ("application/vnd.citationstyles.csl+json", "", ".csl.json"),
    ("application/x-bibtex", "", ".bib"),
    ("application/x-research-info-systems", "", ".ris"),
    ("text/x-bibliography; style=apa", "", ".txt?style=apa"),
    ("text/turtle;q=0.5, application/rdf+xml", "", ".rdf"),
    (BROWSER, "?format=nt", ".nt"),
])
def test_work_uri_redirects_to_its_document(client: FlaskClient, loaded_store: Store, accept: str, query: str,
                                            suffix: str) -> None:
    work = works(loaded_store)[0]
    headers = {"Accept": accept} if accept else {}
    r = client.get(path_of(work, "id") + query, headers=headers)
    assert r.status_code == 303
    assert r.headers["Location"] == path_of(work) + suffix
    assert "Accept" in r.headers["Vary"]
    assert r.headers["Access-Control-Allow-Origin"] == "*"
    head = client.head(path_of(work, "id") + query, headers=headers)
    assert head.status_code == 303 and head.headers["Location"] == r.headers["Location"]


def test_every_kind_of_uri_redirects(client: FlaskClient, loaded_store: Store) -> None:
    kinds = one_of_each_kind(loaded_store)
    assert {"work", "person", "org", "journal", "volume", "issue", "concept", "class"} <= set(kinds)
    for iri in kinds.values():
        r = client.get(path_of(iri, "id"), headers={"Accept": "text/turtle"})
        assert r.status_code == 303, iri
        assert r.headers["Location"] == path_of(iri) + ".ttl"
    scheme = rows(loaded_store, "SELECT DISTINCT ?s WHERE { ?c skos:inScheme ?s } ORDER BY ?s")[0]
    assert client.get(path_of(scheme, "id")).status_code == 303  # known only from the things linking to it
    linked = parse_any(client.get(path_of(scheme) + ".nt").data, "nt")
    assert (None, URIRef(PREFIXES["skos"] + "inScheme"), URIRef(scheme)) in linked


@pytest.mark.parametrize(("accept", "status"), [("image/png", 406), ("text/html;q=0", 406), ("nonsense", 400)])
def test_uri_refusals(client: FlaskClient, loaded_store: Store, accept: str, status: int) -> None:
    r = client.get(path_of(works(loaded_store)[0], "id"), headers={"Accept": accept})
    assert r.status_code == status
    assert "Accept" in r.headers["Vary"]
    if status == 406:
        assert "text/turtle" in r.get_data(as_text=True)  # says what is available


def test_citation_formats_are_for_works_only(client: FlaskClient, loaded_store: Store) -> None:
    person = one_of_each_kind(loaded_store)["person"]
    assert client.get(path_of(person, "id"), headers={"Accept": "application/x-bibtex"}).status_code == 406
    assert client.get(path_of(person) + ".bib").status_code == 406
    assert client.get(path_of(person) + "?format=ris").status_code == 406


# -- /doc/ negotiation table -----------------------------------------------------------------------------
@pytest.mark.parametrize(("accept", "suffix", "status", "content_type"), [
    (None, "", 200, "text/html; charset=utf-8"),
    (BROWSER, "", 200, "text/html; charset=utf-8"),
    ("text/turtle", "", 200, "text/turtle; charset=utf-8"),
    ("text/n3", "", 200, "text/turtle; charset=utf-8"),
    ("application/ld+json", "", 200, "application/ld+json"),
    ("application/rdf+xml", "", 200, "application/rdf+xml"),
    ("application/n-triples", "", 200, "application/n-triples"),
    ("text/plain", "", 200, "application/n-triples"),
    ("application/n-quads", "", 200, "application/n-quads"),
    ("application/trig", "", 200, "application/trig"),
    ("text/*", "", 200, "text/html; charset=utf-8"),
    ("application/*", "", 200, "application/ld+json"),
    ("application/rdf+xml;q=0.4, text/turtle;q=0.8, */*;q=0.1", "", 200, "text/turtle; charset=utf-8"),
    ("image/png", "", 406, "text/plain; charset=utf-8"),
    ("text/html;q=0, application/*;q=0", "", 406, "text/plain; charset=utf-8"),
    ("nonsense", "", 400, "text/plain; charset=utf-8"),
    (BROWSER, ".ttl", 200, "text/turtle; charset=utf-8"),
    ("text/turtle", ".html", 200, "text/html; charset=utf-8"),
    ("image/png", ".jsonld", 200, "application/ld+json"),  # a suffix overrides Accept
    (None, ".rdf", 200, "application/rdf+xml"),
    (None, ".nt", 200, "application/n-triples"),
    (None, ".nq", 200, "application/n-quads"),
    (None, ".trig", 200, "application/trig"),
    (None, "?format=turtle", 200, "text/turtle; charset=utf-8"),
    (None, "?format=application/rdf%2Bxml", 200, "application/rdf+xml"),
    ("text/turtle", "?format=jsonld", 200, "application/ld+json"),
    (None, ".ttl?format=nt", 200, "application/n-triples"),
    (None, "?format=pdf", 406, "text/plain; charset=utf-8"),
])
def test_document_negotiation(client: FlaskClient, loaded_store: Store, accept: str, suffix: str, status: int,
                              content_type: str) -> None:
    for iri in (works(loaded_store)[0], one_of_each_kind(loaded_store)["person"]):
        r = client.get(path_of(iri) + suffix, headers={"Accept": accept} if accept else {})
        assert r.status_code == status, (iri, r.get_data(as_text=True)[:300])
        assert r.headers["Content-Type"] == content_type
        assert "Accept" in r.headers["Vary"]
        if status == 200:
            assert r.headers["ETag"] and r.headers["Last-Modified"]
            assert r.headers["Access-Control-Allow-Origin"] == "*"


# -- RDF round trips -------------------------------------------------------------------------------------
def check_document(client: FlaskClient, store: Store, iri: str, key: str) -> Dataset:
    """Fetch one RDF format of a document, parse it, and check it against the store."""
    media_type = RDF_FORMATS[key][0]
    r = client.get(path_of(iri), headers={"Accept": media_type})
    assert r.status_code == 200 and r.mimetype == media_type, (iri, key)
    ds = parse_any(r.data, key)
    union = {(s, p, o) for s, p, o, _g in ds.quads((None, None, None, None))}
    own = list(store.published_match(subject=iri))
    assert own, iri
    for statement in own:  # the one published description of the thing, whole
        triple = (to_rdflib(statement.subject), to_rdflib(statement.predicate), to_rdflib(statement.object))
        assert triple in union, (iri, key, triple)
        if key in ("nq", "trig"):  # the published view is the default graph
            assert triple in ds.graph(DATASET_DEFAULT_GRAPH_ID), (iri, key, triple)
    doc = URIRef(BASE + "doc/" + iri[len(BASE) + 3:])
    assert (doc, URIRef(FOAF + "primaryTopic"), URIRef(iri)) in union
    assert (URIRef(iri), URIRef(FOAF + "isPrimaryTopicOf"), doc) in union
    assert (doc, URIRef(DCTERMS + "hasFormat"), URIRef(str(doc) + ".ttl")) in union
    assert any(p == URIRef(DCTERMS + "license") for s, p, _o in union if s == doc)
    if key in ("nq", "trig"):  # what the document says about itself is in the default graph
        assert (doc, URIRef(FOAF + "primaryTopic"), URIRef(iri)) in ds.graph(DATASET_DEFAULT_GRAPH_ID)
    return ds


@pytest.mark.parametrize("key", ["turtle", "rdfxml", "nt", "nq", "trig"])
def test_every_work_in_every_rdf_format(client: FlaskClient, loaded_store: Store, key: str) -> None:
    for work in works(loaded_store):
        check_document(client, loaded_store, work, key)


@pytest.mark.parametrize("key", list(RDF_FORMATS))
def test_every_kind_of_document_in_every_rdf_format(client: FlaskClient, loaded_store: Store, key: str) -> None:
    for kind, iri in one_of_each_kind(loaded_store).items():
        if kind == "work" and key == "jsonld":
            continue  # a work's JSON-LD is Schema.org: checked below
        check_document(client, loaded_store, iri, key)


def test_work_jsonld_is_schema_org(client: FlaskClient, loaded_store: Store) -> None:
    schema = "http://schema.org/"
    for work in works(loaded_store):
        r = client.get(path_of(work), headers={"Accept": "application/ld+json"})
        assert r.status_code == 200
        ds = parse(r.data, "jsonld")
        title = solutions(loaded_store.query(PROLOGUE + f"SELECT ?t WHERE {{ <{work}> schema:name ?t }}"))
        names = {str(o) for o in ds.objects(None, URIRef(schema + "name"))}
        assert any(row[0].value in names for row in title), work
        types = set(ds.objects(None, URIRef(PREFIXES["rdf"] + "type")))
        assert any(str(t).startswith(schema) for t in types)


def test_document_holds_useful_neighbours(client: FlaskClient, loaded_store: Store) -> None:
    article = rows(loaded_store, 'SELECT ?w WHERE { ?w bibo:doi "10.1108/MHRJ-06-2017-0021" }')[0]
    g = Graph().parse(data=client.get(path_of(article) + ".ttl").data, format="turtle")
    label_of = {str(s): str(o) for s, p, o in g if str(p) in (FOAF + "name", PREFIXES["schema"] + "name",
                                                             DCTERMS + "title", PREFIXES["rdfs"] + "label",
                                                             PREFIXES["skos"] + "prefLabel")}
    authors = rows(loaded_store, f"SELECT ?a WHERE {{ <{article}> dcterms:creator ?a }}")
    assert authors and all(a in label_of for a in authors)  # authors' names
    cells = [s for s in g.subjects(URIRef(PREFIXES["rdf"] + "first")) if "#authors-" in str(s)]
    assert len(cells) >= len(authors)  # the rdf:List cells of bibo:authorList
    journal = rows(loaded_store, f"SELECT ?j WHERE {{ <{article}> schema:isPartOf/schema:isPartOf+ ?j . "
                                 "?j a schema:Periodical }")[0]
    assert journal in label_of and "issn-1361-9322" in journal  # issue -> volume -> journal chain
    assert any("/volume/" in s and "/issue/" not in s for s in label_of)
    subjects = rows(loaded_store, f"SELECT ?c WHERE {{ <{article}> dcterms:subject ?c }}")
    assert subjects and all(c in label_of for c in subjects)


def test_person_document_lists_their_works_across_sources(client: FlaskClient, loaded_store: Store) -> None:
    person = person_named(loaded_store, "Boyce")
    expected = set(rows(loaded_store, f"SELECT DISTINCT ?w WHERE {{ ?w dcterms:creator <{person}> }}"))
    assert len(expected) >= 2
    g = Graph().parse(data=client.get(path_of(person) + ".nt").data, format="nt")
    found = {str(s) for s in g.subjects(URIRef(DCTERMS + "creator"), URIRef(person))}
    assert found == expected
    assert all((URIRef(w), URIRef(DCTERMS + "title"), None) in g for w in expected)
