"""Every format of both seed works from /doi/... and /id/..., each read back by a real parser."""

from __future__ import annotations

import json
from collections.abc import Callable

import bibtexparser
import html5lib
import jsonschema
import pytest
import rispy
from flask import Flask
from flask.testing import FlaskClient
from pyld import jsonld
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic
from werkzeug.test import TestResponse

from publisher.read.workview import load_work
from publisher.render.citations.bibliography import format_citation
from tests.fixtures.citations.seeds import ARTICLE_DOI, HERE, article_iri, no_network_loader, thesis_iri
from tests.helpers import BASE

CSL_SCHEMA = json.loads((HERE / "csl-data.json").read_text("utf-8"))
FORMATS = ["text/html", "text/turtle", "application/rdf+xml", "application/ld+json",
           "application/vnd.citationstyles.csl+json", "application/x-bibtex", "application/x-research-info-systems",
           "text/x-bibliography"]
STYLES = ["apa", "harvard", "chicago", "vancouver", "ieee"]


def paths(app: Flask) -> list[tuple[str, str]]:
    """(seed, path) for both seeds: the article by DOI and by URI, the thesis (no DOI) by URI."""
    store = app.extensions["lodpub.store"]
    return [("article", "/doi/" + ARTICLE_DOI), ("article", "/" + article_iri()[len(BASE):]),
            ("thesis", "/" + thesis_iri(store)[len(BASE):])]


def fetch(client: FlaskClient, path: str, accept: str) -> TestResponse:
    response = client.get(path, headers={"Accept": accept}, follow_redirects=True)
    assert response.status_code == 200, (path, accept, response.status_code, response.data[:300])
    assert "Accept" in response.headers.get("Vary", "")
    return response


def context_loader(client: FlaskClient) -> Callable[[str, object], dict[str, object]]:
    """A pyld loader that gets our context from the app itself and refuses every other URL."""
    served = client.get("/context/schema.jsonld")
    assert served.status_code == 200 and served.content_type.startswith("application/ld+json")
    return no_network_loader({BASE + "context/schema.jsonld": served.get_json()})


@pytest.mark.parametrize("accept", FORMATS)
def test_every_format_of_both_seeds(app: Flask, client: FlaskClient, accept: str) -> None:
    store = app.extensions["lodpub.store"]
    for seed, path in paths(app):
        iri = article_iri() if seed == "article" else thesis_iri(store)
        view = load_work(store, iri)
        assert view is not None
        response = fetch(client, path, accept)
        assert response.content_type.split(";")[0] == accept
        body = response.data
        if accept == "text/html":
            doc = html5lib.parse(body, treebuilder="etree", namespaceHTMLElements=False)
            assert view.title in "".join(doc.find(".//h1").itertext()) or view.title in body.decode()
            metas = {m.get("name"): m.get("content") for m in doc.iter("meta") if m.get("name")}
            assert metas.get("citation_title") == view.title
            scripts = [s for s in doc.iter("script") if s.get("type") == "application/ld+json"]
            assert len(scripts) == 1 and json.loads(scripts[0].text)["name"] == view.title
        elif accept in ("text/turtle", "application/rdf+xml"):
            graph = Graph().parse(data=body, format="turtle" if accept == "text/turtle" else "xml")
            assert (URIRef(iri), None, None) in graph
        elif accept == "application/ld+json" and path.startswith("/doi/"):  # DOI conneg: Schema.org, the DOI @id
            expanded = jsonld.expand(json.loads(body), {"documentLoader": context_loader(client)})
            assert expanded[0]["@id"] == (view.doi_iri or iri)
            assert expanded[0]["http://schema.org/name"][0]["@value"] == view.title
        elif accept == "application/ld+json":  # our URI: the same graph as the Turtle, about that URI
            graph = Graph().parse(data=body, format="json-ld")
            assert (URIRef(iri), URIRef("http://schema.org/name"), None) in graph
            turtle = Graph().parse(data=client.get(path, headers={"Accept": "text/turtle"},
                                                   follow_redirects=True).data, format="turtle")
            assert isomorphic(graph, turtle)
        elif accept == "application/vnd.citationstyles.csl+json":
            item = json.loads(body)
            assert isinstance(item, dict), "CSL-JSON for one work is an object, as doi.org serves it"
            jsonschema.Draft7Validator(CSL_SCHEMA).validate([item])
            assert item["type"] == ("article-journal" if seed == "article" else "thesis")
        elif accept == "application/x-bibtex":
            library = bibtexparser.parse_string(body.decode("utf-8"))
            assert not library.failed_blocks and len(library.entries) == 1
            assert library.entries[0].entry_type == ("article" if seed == "article" else "phdthesis")
        elif accept == "application/x-research-info-systems":
            (record,) = rispy.loads(body.decode("utf-8"))
            assert record["type_of_reference"] == ("JOUR" if seed == "article" else "THES")
        else:
            assert body.decode("utf-8") == format_citation(view) + "\n"


@pytest.mark.parametrize("style", STYLES)
def test_formatted_citations_by_accept_parameter_and_by_query(app: Flask, client: FlaskClient, style: str) -> None:
    store = app.extensions["lodpub.store"]
    for seed, path in paths(app):
        view = load_work(store, article_iri() if seed == "article" else thesis_iri(store))
        assert view is not None
        expected = format_citation(view, style) + "\n"
        by_accept = fetch(client, path, f"text/x-bibliography; style={style}").data.decode("utf-8")
        joiner = "&" if "?" in path else "?"
        by_query = fetch(client, f"{path}{joiner}style={style}", "text/x-bibliography").data.decode("utf-8")
        assert by_accept == by_query == expected


def test_curl_follow_jsonld_expands_without_network(client: FlaskClient) -> None:
    """curl -L -H 'Accept: application/ld+json' http://127.0.0.1:5000/doi/10.1108/MHRJ-06-2017-0021"""
    response = fetch(client, "/doi/10.1108/MHRJ-06-2017-0021", "application/ld+json")
    doc = json.loads(response.data)
    assert doc["@context"] == BASE + "context/schema.jsonld"
    expanded = jsonld.expand(doc, {"documentLoader": context_loader(client)})
    node = expanded[0]
    assert node["@id"] == "https://doi.org/10.1108/mhrj-06-2017-0021"
    assert node["@type"] == ["http://schema.org/ScholarlyArticle"]
    authors = node["http://schema.org/author"]
    assert [a["http://schema.org/familyName"][0]["@value"] for a in authors] == ["Boyce", "Munn-Giddings", "Secker"]
    nquads = jsonld.to_rdf(doc, {"format": "application/n-quads", "documentLoader": context_loader(client)})
    graph = Graph().parse(data=nquads, format="nt")
    assert len(graph) > 30
