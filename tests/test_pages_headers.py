"""Headers of negotiated answers (signposting, CORS, conditional requests), 404s, and percent-escaped URIs."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask.testing import FlaskClient

from mappings.vocab import PREFIXES
from publisher.store import Store
from tests.helpers import BASE, BROWSER, RDF_FORMATS, links, one_of_each_kind, parse_any, path_of, rows, works

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib.*")

# -- headers ---------------------------------------------------------------------------------------------
def test_link_headers_and_signposting(client: FlaskClient, loaded_store: Store) -> None:
    article = rows(loaded_store, 'SELECT ?w WHERE { ?w bibo:doi "10.1108/MHRJ-06-2017-0021" }')[0]
    r = client.get(path_of(article), headers={"Accept": BROWSER})
    found = links(r)
    alternates = {params["type"]: target for target, params in found if params.get("rel") == "alternate"}
    for media_type, suffix, _fmt in RDF_FORMATS.values():
        assert alternates[media_type] == path_of(article) + "." + suffix
    assert alternates["application/x-bibtex"] == path_of(article) + ".bib"
    rels = {(params.get("rel"), target) for target, params in found}
    assert ("cite-as", "https://doi.org/10.1108/mhrj-06-2017-0021") in rels
    assert ("type", "https://schema.org/AboutPage") in rels
    assert ("type", "https://schema.org/ScholarlyArticle") in rels
    assert ("describedby", path_of(article) + ".ttl") in rels
    turtle = client.get(path_of(article) + ".ttl")
    assert ("describes", path_of(article) + ".html") in {(p.get("rel"), t) for t, p in links(turtle)}
    assert turtle.headers["Content-Location"] == path_of(article) + ".ttl"
    person = one_of_each_kind(loaded_store)["person"]
    assert ("cite-as", person) in {(p.get("rel"), t) for t, p in links(client.get(path_of(person)))}


def test_cors_preflight(client: FlaskClient, loaded_store: Store) -> None:
    for path in (path_of(works(loaded_store)[0]), path_of(works(loaded_store)[0], "id"), "/dataset"):
        r = client.options(path, headers={"Origin": "https://example.org", "Access-Control-Request-Method": "GET",
                                          "Access-Control-Request-Headers": "accept"})
        assert r.status_code == 200 and r.headers["Access-Control-Allow-Origin"] == "*"
        assert "GET" in r.headers["Access-Control-Allow-Methods"]
        assert "Accept" in r.headers["Access-Control-Allow-Headers"]


def test_conditional_requests_and_head(client: FlaskClient, loaded_store: Store) -> None:
    path = path_of(works(loaded_store)[0])
    for accept in ("text/turtle", BROWSER, "application/x-bibtex"):
        r = client.get(path, headers={"Accept": accept})
        etag, modified = r.headers["ETag"], r.headers["Last-Modified"]
        again = client.get(path, headers={"Accept": accept, "If-None-Match": etag})
        assert again.status_code == 304 and not again.data
        assert client.get(path, headers={"Accept": accept, "If-Modified-Since": modified}).status_code == 304
        old = "Mon, 01 Jan 1990 00:00:00 GMT"
        assert client.get(path, headers={"Accept": accept, "If-Modified-Since": old}).status_code == 200
        assert client.get(path, headers={"Accept": accept, "If-None-Match": '"other"'}).status_code == 200
        head = client.head(path, headers={"Accept": accept})
        assert head.status_code == 200 and not head.data
        assert head.headers["ETag"] == etag and head.headers["Content-Type"] == r.headers["Content-Type"]
    turtle = client.get(path, headers={"Accept": "text/turtle"}).headers["ETag"]
    assert turtle != client.get(path, headers={"Accept": "application/ld+json"}).headers["ETag"]


def test_last_modified_follows_the_sources(client: FlaskClient, loaded_store: Store) -> None:
    from email.utils import parsedate_to_datetime

    work = works(loaded_store)[0]
    times = rows(loaded_store, f"SELECT ?t WHERE {{ <{work}> prov:wasDerivedFrom ?g . "
                               "GRAPH ?g { ?g prov:wasGeneratedBy ?a . ?a prov:endedAtTime ?t } }")
    header = parsedate_to_datetime(client.get(path_of(work) + ".ttl").headers["Last-Modified"])
    assert header.strftime("%Y-%m-%dT%H:%M:%S") >= max(times)[:19]


# -- 404 -------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("path", "accept", "content_type"), [
    ("/doc/work/doesnotexist", BROWSER, "text/html; charset=utf-8"),
    ("/id/work/doesnotexist", BROWSER, "text/html; charset=utf-8"),
    ("/doc/work/doesnotexist", "text/turtle", "text/turtle; charset=utf-8"),
    ("/doc/work/doesnotexist.nt", BROWSER, "application/n-triples"),
    ("/id/person/nobody", "application/ld+json", "application/ld+json"),
    ("/doc/journal/issn-0000-0000/volume/1", "application/rdf+xml", "application/rdf+xml"),
    ("/doc/work/<script>", BROWSER, "text/html; charset=utf-8"),
    ("/doc/work/doesnotexist.bib", BROWSER, "text/plain; charset=utf-8"),
    ("/id/work/doesnotexist", "application/x-bibtex", "text/plain; charset=utf-8"),
])
def test_unknown_resources_are_404_in_the_negotiated_format(client: FlaskClient, path: str, accept: str,
                                                            content_type: str) -> None:
    r = client.get(path, headers={"Accept": accept})
    assert r.status_code == 404
    assert r.headers["Content-Type"] == content_type
    assert "Accept" in r.headers["Vary"]
    if content_type.startswith("text/html"):
        assert "<script>" not in r.get_data(as_text=True).split("</head>")[1]
    elif content_type not in ("application/ld+json", "text/plain; charset=utf-8"):
        key = {"text/turtle": "turtle", "application/n-triples": "nt", "application/rdf+xml": "rdfxml"}[
            r.mimetype or ""]
        assert len(parse_any(r.data, key)) == 0  # a parseable, empty graph


def test_percent_escaped_uris(tmp_path: Path) -> None:
    """Classification URIs keep their notation percent-encoded (``HV%201568``); the router decodes paths."""
    from mappings.uris import Minter
    from publisher.ingest.pipeline import refresh_view
    from publisher.store import GraphWrite
    from publisher.web.app import create_app
    from tests.helpers import make_store

    store = make_store("memory", tmp_path)
    cls = BASE + "id/class/lcc/HV%201568.5"
    store.write_graphs([GraphWrite(BASE + "graph/x", f'<{cls}> <{PREFIXES["rdfs"]}label> "LCC HV 1568.5" .\n'
                                   .encode())])
    refresh_view(store, Minter(BASE), [BASE + "graph/x"])  # its published description
    client = create_app(store, LODPUB_BASE_URI=BASE, TESTING=True).test_client()
    r = client.get("/id/class/lcc/HV%201568.5", headers={"Accept": "text/turtle"})
    assert r.status_code == 303 and r.headers["Location"] == "/doc/class/lcc/HV%201568.5.ttl"
    turtle = client.get(r.headers["Location"])
    assert turtle.status_code == 200 and "LCC HV 1568.5" in turtle.get_data(as_text=True)
    assert client.get("/doc/class/lcc/HV%201568.5", headers={"Accept": BROWSER}).status_code == 200
