"""/sparql/update: off without credentials configured, Basic auth, one checked write, seen by queries after."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient

from publisher.sparql.runtime import shutdown
from publisher.web.app import create_app
from tests.helpers import BASE, Tripwire, make_store

USER, PASSWORD = "admin", "correct horse"
GOOD = {"Authorization": "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()}
BAD = {"Authorization": "Basic " + base64.b64encode(f"{USER}:wrong".encode()).decode()}
INSERT = 'INSERT DATA { GRAPH <http://example.org/g> { <http://example.org/s> <http://example.org/p> "new" } }'
ASK = 'ASK { GRAPH ?g { <http://example.org/s> <http://example.org/p> "new" } }'


@pytest.fixture(params=["oxigraph", "memory"])
def admin_client(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[FlaskClient]:
    """A client of an app over a fresh, empty store with administrator credentials."""
    store = make_store(request.param, tmp_path)
    app = create_app(store, LODPUB_BASE_URI=BASE, TESTING=True, LODPUB_ADMIN_USER=USER,
                     LODPUB_ADMIN_PASSWORD=PASSWORD)
    yield app.test_client()
    shutdown(app)
    store.close()


def asked(client: FlaskClient, query: str) -> bool:
    response = client.get("/sparql", query_string={"query": query},
                          headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 200, response.data
    return bool(response.get_json()["boolean"])


def test_updates_are_off_without_configured_credentials(client: FlaskClient) -> None:
    response = client.post("/sparql/update", data=INSERT, content_type="application/sparql-update", headers=GOOD)
    assert response.status_code == 403 and b"disabled" in response.data
    assert client.get("/sparql/update").status_code == 405


def test_credentials_are_required(admin_client: FlaskClient) -> None:
    for headers in ({}, BAD, {"Authorization": "Bearer x"}):
        response = admin_client.post("/sparql/update", data=INSERT, content_type="application/sparql-update",
                                     headers=headers)
        assert response.status_code == 401
        assert response.headers["WWW-Authenticate"].startswith("Basic realm=")
    assert not asked(admin_client, ASK)


def test_an_update_is_run_and_seen_by_the_next_query(admin_client: FlaskClient) -> None:
    response = admin_client.post("/sparql/update", data=INSERT, content_type="application/sparql-update",
                                 headers=GOOD)
    assert response.status_code == 200, response.data
    assert asked(admin_client, ASK)
    form = admin_client.post("/sparql/update", data={"update": "CLEAR ALL"}, headers=GOOD)
    assert form.status_code == 200
    assert not asked(admin_client, ASK)


def test_using_graph_parameters(admin_client: FlaskClient) -> None:
    admin_client.post("/sparql/update", data=INSERT, content_type="application/sparql-update", headers=GOOD)
    copy = ("INSERT { GRAPH <http://example.org/copy> { ?s ?p ?o } } WHERE { ?s ?p ?o }")
    response = admin_client.post("/sparql/update?using-graph-uri=http%3A%2F%2Fexample.org%2Fg", data=copy,
                                 content_type="application/sparql-update", headers=GOOD)
    assert response.status_code == 200, response.data
    assert asked(admin_client, 'ASK { GRAPH <http://example.org/copy> { ?s ?p "new" } }')


@pytest.mark.parametrize("kwargs, status, words", [
    ({"data": "CLEAR XYZ", "content_type": "application/sparql-update"}, 400, "syntax"),
    ({"data": "CLEAR ALL", "content_type": "text/plain"}, 415, "text/plain"),
    ({"data": "update=CLEAR%20ALL&update=CLEAR%20ALL", "content_type": "application/x-www-form-urlencoded"},
     400, "exactly one"),
    ({"data": {"query": "ASK {}"}}, 400, "/sparql"),
    ({"data": "CLEAR ALL", "content_type": "application/sparql-update", "headers": {"Origin": "https://evil"}},
     403, "not from web pages"),
    ({"data": "CLEAR ALL", "content_type": "application/sparql-update",
      "headers": {"Origin": "http://localhost"}}, 403, "Origin header"),  # same origin: a page all the same
    ({"data": "update=CLEAR+ALL", "content_type": "application/x-www-form-urlencoded",
      "headers": {"Sec-Fetch-Site": "same-origin"}}, 403, "Sec-Fetch-Site"),
    ({"data": "WITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "content_type": "application/sparql-update",
      "query_string": {"using-named-graph-uri": "http://x"}}, 400, "USING or WITH"),
    ({"data": "INSERT { ?s ?p ?o } WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
      "content_type": "application/sparql-update"}, 400, "SERVICE"),
])
def test_bad_updates(admin_client: FlaskClient, kwargs: dict[str, Any], status: int, words: str) -> None:
    kwargs = dict(kwargs)
    headers = {**GOOD, **kwargs.pop("headers", {})}
    response = admin_client.post("/sparql/update", headers=headers, **kwargs)
    assert response.status_code == status, response.data
    assert words in response.get_data(as_text=True)


def test_load_is_refused_and_reads_nothing(admin_client: FlaskClient, tmp_path: Path) -> None:
    wire = Tripwire(tmp_path)
    try:
        for update in (f"LOAD <{wire.url}>", f"LOAD SILENT <{wire.url}> INTO GRAPH <http://example.org/g>",
                       f'INSERT DATA {{ <http://a> <http://b> "x" }} ;\nload<{wire.url}>'):
            response = admin_client.post("/sparql/update", data=update, content_type="application/sparql-update",
                                         headers=GOOD)
            assert response.status_code == 400 and b"LOAD" in response.data, response.data
        assert not asked(admin_client, "ASK { <http://a> <http://b> ?x }")  # nothing of a refused update ran
    finally:
        assert not wire.close(), "the file was opened"
