"""The SPARQL endpoint through the Flask test client: protocol, formats, datasets, errors, limits, the page."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from rdflib import Graph, Namespace, URIRef
from rdflib.compare import isomorphic

from publisher.sparql.examples import examples
from publisher.sparql.runtime import shutdown
from publisher.web.app import create_app
from tests.helpers import BASE

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
VOID = Namespace("http://rdfs.org/ns/void#")
WORKS = "PREFIX dcterms: <http://purl.org/dc/terms/> SELECT ?work ?title WHERE { ?work dcterms:type ?t ; " \
        "dcterms:title ?title } ORDER BY ?work ?title"
SRJ, SRX = "application/sparql-results+json", "application/sparql-results+xml"


def get(client: FlaskClient, query: str, accept: str | None = None, **params: str) -> Any:
    headers = {"Accept": accept} if accept else {}
    return client.get("/sparql", query_string={"query": query, **params}, headers=headers)


def bindings(response: Any) -> list[dict[str, str]]:
    assert response.status_code == 200, response.data
    assert response.mimetype == SRJ
    return [{k: v["value"] for k, v in b.items()} for b in response.get_json()["results"]["bindings"]]


@pytest.fixture()
def make_app(loaded_store: Any) -> Iterator[Callable[..., Flask]]:
    """Apps over the loaded store with other settings (their query workers stopped afterwards)."""
    apps: list[Flask] = []

    def build(**overrides: Any) -> Flask:
        app = create_app(loaded_store, LODPUB_BASE_URI=BASE, TESTING=True, **overrides)
        apps.append(app)
        return app

    yield build
    for app in apps:
        shutdown(app)


def test_select_in_every_format(client: FlaskClient) -> None:
    rows = bindings(get(client, WORKS, SRJ))
    assert len(rows) >= 20 and all(r["work"].startswith(BASE + "id/work/") for r in rows)
    xml = get(client, WORKS)  # no Accept: SPARQL XML
    assert xml.status_code == 200 and xml.mimetype == SRX
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    assert len(ET.fromstring(xml.data).findall(".//r:result", ns)) == len(rows)
    table = list(csv.reader(io.StringIO(get(client, WORKS, "text/csv").get_data(as_text=True))))
    assert table[0] == ["work", "title"] and [r[0] for r in table[1:]] == [r["work"] for r in rows]
    tsv = get(client, WORKS, "text/tab-separated-values").get_data(as_text=True).splitlines()
    assert tsv[0] == "?work\t?title" and len(tsv) == len(rows) + 1 and tsv[1].startswith("<" + BASE)
    assert get(client, WORKS, "application/json").mimetype == SRJ
    assert get(client, WORKS, "application/xml").mimetype == SRX


def test_format_parameters_are_honoured(client: FlaskClient) -> None:
    assert get(client, WORKS, format="json").mimetype == SRJ
    assert get(client, WORKS, SRJ, output="csv").mimetype == "text/csv"
    assert get(client, WORKS, results="tsv").mimetype == "text/tab-separated-values"
    assert get(client, WORKS, format=SRJ).mimetype == SRJ
    assert get(client, WORKS, SRJ, format="turtle").mimetype == SRJ  # means nothing for a SELECT: ignored
    assert get(client, "CONSTRUCT WHERE { ?s a ?t } LIMIT 2", format="json").mimetype == "application/ld+json"
    assert get(client, "CONSTRUCT WHERE { ?s a ?t } LIMIT 2", format="xml").mimetype == "application/rdf+xml"


def test_post_form_and_direct(client: FlaskClient) -> None:
    form = client.post("/sparql", data={"query": WORKS}, headers={"Accept": SRJ})
    direct = client.post("/sparql", data=WORKS.encode(), content_type="application/sparql-query",
                         headers={"Accept": SRJ})
    assert bindings(form) == bindings(direct) == bindings(get(client, WORKS, SRJ))
    utf8 = client.post("/sparql", data=WORKS.encode(), content_type="application/sparql-query; charset=utf-8",
                       headers={"Accept": SRJ})
    assert utf8.status_code == 200


@pytest.mark.parametrize("accept, fmt", [("text/turtle", "turtle"), ("application/n-triples", "nt"),
                                         ("application/rdf+xml", "xml"), ("application/ld+json", "json-ld"),
                                         (None, "xml")])
def test_construct_and_describe_in_every_rdf_format(client: FlaskClient, accept: str | None, fmt: str) -> None:
    work = bindings(get(client, WORKS, SRJ))[0]["work"]
    reference = Graph()
    for query in (f"CONSTRUCT {{ <{work}> ?p ?o }} WHERE {{ <{work}> ?p ?o }}", f"DESCRIBE <{work}>"):
        response = get(client, query, accept)
        assert response.status_code == 200, response.data
        graph = Graph().parse(data=response.data, format=fmt)
        assert len(graph) > 5 and set(graph.subjects()) == {URIRef(work)}
        if len(reference) == 0:
            reference = graph
        assert isomorphic(graph, reference)


def test_ask(client: FlaskClient) -> None:
    assert get(client, "ASK { ?s a ?t }", SRJ).get_json() == {"head": {}, "boolean": True}
    assert b"<boolean>false</boolean>" in get(client, "ASK { <http://nothing/> ?p ?o }").data


def test_dataset_parameters_and_from(client: FlaskClient) -> None:
    graphs = bindings(get(client, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g", SRJ))
    one, two = graphs[0]["g"], graphs[1]["g"]
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    n_one = int(bindings(get(client, count, SRJ, **{"default-graph-uri": one}))[0]["n"])
    n_all = int(bindings(get(client, count, SRJ))[0]["n"])
    assert 0 < n_one < n_all
    both = client.get("/sparql", query_string=[("query", count), ("default-graph-uri", one),
                                                ("default-graph-uri", two)], headers={"Accept": SRJ})
    assert n_one < int(bindings(both)[0]["n"]) < n_all
    from_one = f"SELECT (COUNT(*) AS ?n) FROM <{one}> WHERE {{ ?s ?p ?o }}"
    assert int(bindings(get(client, from_one, SRJ))[0]["n"]) == n_one
    overridden = bindings(get(client, from_one, SRJ, **{"default-graph-uri": two}))[0]["n"]
    assert int(overridden) != n_one  # the protocol's dataset replaces FROM
    unknown = {"default-graph-uri": "http://127.0.0.1:9/not-a-graph"}
    assert int(bindings(get(client, count, SRJ, **unknown))[0]["n"]) == 0
    named = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert bindings(get(client, named, SRJ, **{"named-graph-uri": two})) == [{"g": two}]
    from_named = f"SELECT DISTINCT ?g FROM NAMED <{one}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"
    assert bindings(get(client, from_named, SRJ)) == [{"g": one}]


@pytest.mark.parametrize("request_args, status, words", [
    ({"query_string": [("query", "ASK {}"), ("query", "ASK {}")]}, 400, "exactly one query"),
    ({"query_string": {"query": "ASK {"}}, 400, "syntax error"),
    ({"query_string": {"query": "SELECT * WHERE { ?s ?p ?o"}}, 400, "syntax"),
    ({"query_string": {"update": "CLEAR ALL"}}, 400, "/sparql/update"),
    ({"query_string": {"query": "INSERT DATA { <http://a> <http://b> <http://c> }"}}, 400, "/sparql/update"),
    ({"query_string": {"query": "LOAD <file:///etc/passwd>"}}, 400, "/sparql/update"),
    ({"query_string": {"query": "SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"}}, 400, "SERVICE"),
    ({"query_string": {"default-graph-uri": "http://x/"}}, 400, "no query"),
    ({"method": "POST", "data": "ASK {}", "content_type": "text/plain"}, 415, "text/plain"),
    ({"method": "POST", "data": "ASK {}", "content_type": "application/sparql-query; charset=UTF-16"}, 415,
     "UTF-8"),
    ({"method": "POST", "data": b"ASK { \xff }", "content_type": "application/sparql-query"}, 400, "UTF-8"),
    ({"method": "POST", "data": "query=ASK%20%7B%7D"}, 415, "Content-Type"),
    ({"method": "POST", "data": {"format": "json"}}, 400, "no query"),
    ({"method": "PUT", "query_string": {"query": "ASK {}"}}, 405, ""),
    ({"method": "DELETE"}, 405, ""),
])
def test_bad_requests(client: FlaskClient, request_args: dict[str, Any], status: int, words: str) -> None:
    response = client.open("/sparql", **request_args)
    assert response.status_code == status, response.data
    assert words in response.get_data(as_text=True)


def test_service_description(client: FlaskClient) -> None:
    for accept, fmt in ((None, "turtle"), ("text/turtle", "turtle"), ("application/rdf+xml", "xml"),
                        ("application/ld+json", "json-ld"), ("application/n-triples", "nt")):
        response = client.get("/sparql", headers={"Accept": accept} if accept else {})
        assert response.status_code == 200, accept
        graph = Graph().parse(data=response.data, format=fmt)
        service = graph.value(predicate=SD.endpoint, object=URIRef("http://localhost/sparql"))
        assert service is not None, accept
        assert (service, SD.supportedLanguage, SD.SPARQL11Query) in graph
        formats = {str(o) for o in graph.objects(service, SD.resultFormat)}
        assert "http://www.w3.org/ns/formats/SPARQL_Results_JSON" in formats and len(formats) == 8
        dataset = graph.value(service, SD.defaultDataset)
        assert dataset == URIRef(BASE + "dataset")
        assert int(str(graph.value(dataset, VOID.triples))) > 1000  # the VoID description is there
        assert (None, SD.feature, SD.UnionDefaultGraph) in graph
    assert client.get("/sparql?format=turtle").mimetype == "text/turtle"


def test_query_page_for_browsers(client: FlaskClient) -> None:
    browser = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
    page = client.get("/sparql", headers=browser)
    assert page.status_code == 200 and page.mimetype == "text/html"
    html = page.get_data(as_text=True)
    assert "<textarea" in html and "sparql.js" in html and "http://" not in html.split("<main")[0].replace(
        "http://localhost", "")
    for title, _ in examples():
        assert title.replace("'", "&#39;") in html
    answered = client.post("/sparql", data={"query": WORKS, "format": "html"}, headers=browser)
    text = answered.get_data(as_text=True)
    assert answered.status_code == 200 and "<table>" in text and "/id/work/" in text and "Download" in text
    failed = client.post("/sparql", data={"query": "SELECT * {", "format": "html"}, headers=browser)
    assert failed.status_code == 400 and "syntax error" in failed.get_data(as_text=True)
    assert "<textarea" in failed.get_data(as_text=True)
    graph = client.get("/sparql", query_string={"query": "CONSTRUCT WHERE { ?s a ?t } LIMIT 4"}, headers=browser)
    assert graph.status_code == 200 and "<th>subject</th>" in graph.get_data(as_text=True)
    asked = client.get("/sparql", query_string={"query": "ASK { ?s ?p ?o }"}, headers=browser)
    assert "Yes (true)" in asked.get_data(as_text=True)
    assert client.get("/static/sparql.js").status_code == 200
    assert client.get("/static/sparql.css").status_code == 200


def test_every_example_runs(client: FlaskClient) -> None:
    for title, query in examples():
        response = get(client, query, f"{SRJ}, application/n-triples")
        assert response.status_code == 200, (title, response.data)
        if response.mimetype == SRJ and "boolean" not in response.get_json():
            assert response.get_json()["results"]["bindings"], title


def test_cors_for_reads_only(client: FlaskClient) -> None:
    response = get(client, "ASK {}")
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "Accept" in response.headers["Vary"]
    preflight = client.options("/sparql", headers={"Origin": "https://example.org",
                                                   "Access-Control-Request-Method": "POST"})
    assert preflight.status_code == 200 and "POST" in preflight.headers["Access-Control-Allow-Methods"]
    assert "Access-Control-Allow-Origin" not in client.post("/sparql/update").headers


def test_row_cap_is_an_error_never_a_truncated_answer(make_app: Callable[..., Flask]) -> None:
    client = make_app(LODPUB_MAX_ROWS=5).test_client()
    for accept in (SRJ, SRX, "text/csv", "text/tab-separated-values"):
        response = get(client, WORKS, accept)
        assert response.status_code == 422 and b"more than 5 rows" in response.data, accept
        assert response.mimetype == "text/plain"
        assert get(client, WORKS + " LIMIT 5", accept).status_code == 200
    assert get(client, "CONSTRUCT WHERE { ?s ?p ?o }", "text/turtle").status_code == 422
    assert get(client, "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 5", "text/turtle").status_code == 200


def test_request_size_limits(make_app: Callable[..., Flask]) -> None:
    client = make_app(LODPUB_MAX_QUERY_BYTES=200).test_client()
    long_query = "SELECT * WHERE { ?s ?p ?o } # " + "x" * 300
    assert get(client, long_query).status_code == 414
    assert client.post("/sparql", data={"query": long_query}).status_code == 413
    assert client.post("/sparql", data=long_query, content_type="application/sparql-query").status_code == 413
    assert get(client, "ASK {}").status_code == 200


def test_query_time_budget(make_app: Callable[..., Flask]) -> None:
    client = make_app(LODPUB_RATE_BUDGET=0.000001).test_client()
    assert get(client, "ASK {}").status_code == 200  # within budget when it starts
    limited = get(client, "ASK {}")
    assert limited.status_code == 429 and int(limited.headers["Retry-After"]) >= 1
    assert b"budget" in limited.data
    other = client.get("/sparql", query_string={"query": "ASK {}"}, environ_base={"REMOTE_ADDR": "10.0.0.7"})
    assert other.status_code == 200  # budgets are per client
