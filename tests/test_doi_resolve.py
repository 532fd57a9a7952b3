"""DOI resolution over HTTP: every written form of a DOI, 303 keeping the negotiated format, 400/404/406."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest
from flask.testing import FlaskClient

from tests.fixtures.citations.seeds import ARTICLE_DOI, ODD_DOI, article_iri, evil_eprints_xml, ingest_bytes
from tests.helpers import BASE

ARTICLE_DOC = "/doc/" + article_iri()[len(BASE) + len("id/"):]
HTML = {"Accept": "text/html"}


@pytest.mark.parametrize("path", [
    "/doi/10.1108/MHRJ-06-2017-0021",
    "/doi/10.1108/mhrj-06-2017-0021",
    "/doi/10.1108%2FMHRJ-06-2017-0021",
    "/resolve?uri=https://doi.org/10.1108/MHRJ-06-2017-0021",
    "/resolve?uri=http://dx.doi.org/10.1108/MHRJ-06-2017-0021",
    "/resolve?uri=https://DX.DOI.ORG/10.1108/MHRJ-06-2017-0021",
    "/resolve?uri=doi:10.1108/MHRJ-06-2017-0021",
    "/resolve?uri=DOI:%2010.1108/mhrj-06-2017-0021",
    "/resolve?uri=info:doi/10.1108/MHRJ-06-2017-0021",
    "/resolve?uri=https%3A%2F%2Fdoi.org%2F10.1108%2FMHRJ-06-2017-0021",
    "/resolve?uri=https%253A%252F%252Fdoi.org%252F10.1108%252FMHRJ-06-2017-0021",
    "/resolve?uri=10.1108/MHRJ-06-2017-0021",
    "/resolve?doi=10.1108/MHRJ-06-2017-0021",
])
def test_every_form_of_the_doi_resolves(client: FlaskClient, path: str) -> None:
    response = client.get(path, headers=HTML)
    assert response.status_code == 303, response.data
    assert response.headers["Location"] == ARTICLE_DOC
    assert "Accept" in response.headers["Vary"]
    assert client.head(path, headers=HTML).status_code == 303


@pytest.mark.parametrize(("accept", "suffix"), [
    (None, ""), ("*/*", ""), ("text/html", ""), ("text/turtle", ".ttl"), ("application/x-turtle", ".ttl"),
    ("application/ld+json", ".schema.jsonld"), ("application/vnd.schemaorg.ld+json", ".schema.jsonld"),
    ("application/rdf+xml", ".rdf"), ("application/vnd.citationstyles.csl+json", ".csl.json"),
    ("application/citeproc+json", ".csl.json"), ("application/x-bibtex", ".bib"),
    ("application/x-research-info-systems", ".ris"), ("text/x-bibliography", ".txt"),
    # highest q wins; equal q: the client's order
    ("application/x-bibtex;q=0.5, text/turtle", ".ttl"),
    ("application/x-bibtex, application/x-research-info-systems", ".bib"),
    ("application/x-research-info-systems, application/x-bibtex", ".ris"),
    ("text/html;q=0.1, application/ld+json;q=0.9", ".schema.jsonld"),
    ("application/x-bibtex;q=0, text/*;q=0.3, */*;q=0.1", ""),
])
def test_the_redirect_keeps_the_negotiated_format(client: FlaskClient, accept: str | None, suffix: str) -> None:
    response = client.get("/doi/" + ARTICLE_DOI, headers={"Accept": accept} if accept else {})
    assert response.status_code == 303, response.data
    assert response.headers["Location"] == ARTICLE_DOC + suffix
    assert "Accept" in response.headers["Vary"]


def test_format_query_parameter(client: FlaskClient) -> None:
    response = client.get(f"/doi/{ARTICLE_DOI}?format=bibtex", headers=HTML)
    assert response.headers["Location"] == ARTICLE_DOC + ".bib"
    response = client.get(f"/resolve?uri=doi:{ARTICLE_DOI}&format=application/x-research-info-systems")
    assert response.headers["Location"] == ARTICLE_DOC + ".ris"


def test_style_and_locale_from_accept_or_query(client: FlaskClient) -> None:
    accept = {"Accept": "text/x-bibliography; style=ieee; locale=en-GB"}
    response = client.get("/doi/" + ARTICLE_DOI, headers=accept)
    assert response.headers["Location"] == ARTICLE_DOC + ".txt?style=ieee&locale=en-GB"
    response = client.get(f"/doi/{ARTICLE_DOI}?style=apa", headers=accept)  # the query wins
    assert response.headers["Location"] == ARTICLE_DOC + ".txt?style=apa&locale=en-GB"
    response = client.get(f"/doi/{ARTICLE_DOI}?style=harvard&locale=en-GB", headers={"Accept": "text/x-bibliography"})
    assert response.headers["Location"] == ARTICLE_DOC + ".txt?style=harvard&locale=en-GB"
    followed = client.get(f"/doi/{ARTICLE_DOI}?style=apa", headers={"Accept": "text/x-bibliography"},
                          follow_redirects=True)
    assert followed.status_code == 200 and followed.data.decode().startswith("Boyce, M")
    assert "Munn-Giddings, C., & Secker, J. (2018)" in followed.data.decode()


@pytest.mark.parametrize(("accept", "query", "says"), [
    ("text/x-bibliography; style=no-such-style", "", "harvard"),
    ("text/x-bibliography", "?style=../../etc/passwd", "unknown citation style"),
    ("text/x-bibliography; locale=xx-YY", "", "unknown locale"),
])
def test_bad_style_or_locale_is_400(client: FlaskClient, accept: str, query: str, says: str) -> None:
    response = client.get(f"/doi/{ARTICLE_DOI}{query}", headers={"Accept": accept})
    assert response.status_code == 400 and says in response.data.decode()
    assert "Accept" in response.headers["Vary"]


def test_nothing_acceptable_is_406_listing_the_formats(client: FlaskClient) -> None:
    response = client.get("/doi/" + ARTICLE_DOI, headers={"Accept": "image/png, application/pdf"})
    assert response.status_code == 406
    body = response.data.decode()
    assert "application/x-bibtex" in body and "application/ld+json" in body and "text/x-bibliography" in body
    assert "Accept" in response.headers["Vary"]


def test_unknown_doi_is_404_in_plain_text_or_html(client: FlaskClient) -> None:
    response = client.get("/doi/10.9999/no-such-work", headers={"Accept": "application/ld+json"})
    assert response.status_code == 404 and response.content_type.startswith("text/plain")
    assert "10.9999/no-such-work" in response.data.decode() and "Accept" in response.headers["Vary"]
    page = client.get("/doi/10.9999/<script>alert(1)</script>", headers=HTML)
    assert page.status_code == 404 and page.content_type.startswith("text/html")
    assert "Unknown DOI" in page.data.decode() and "<script>alert(1)" not in page.data.decode()
    assert client.get("/resolve?uri=https://doi.org/10.9999/x").status_code == 404


def test_a_trailing_dot_suffix_is_part_of_the_doi(client: FlaskClient) -> None:
    response = client.get(f"/doi/{ARTICLE_DOI}.bib", headers={"Accept": "application/x-bibtex"})
    assert response.status_code == 404 and f"{ARTICLE_DOI}.bib" in response.data.decode()


@pytest.mark.parametrize("path", ["/doi/notadoi", "/doi/11.1108/x", "/doi/10.1/x", "/resolve?uri=https://example.org/x",
                                  "/resolve?uri=", "/resolve", "/resolve?uri=doi:"])
def test_not_a_doi_is_400(client: FlaskClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 400, (path, response.status_code)
    assert "Accept" in response.headers["Vary"]


def test_malformed_accept_is_400(client: FlaskClient) -> None:
    assert client.get("/doi/" + ARTICLE_DOI, headers={"Accept": "garbage"}).status_code == 400


def test_dois_with_slashes_parentheses_semicolons_and_angle_brackets(tmp_path: Path) -> None:
    from publisher.store import open_store
    from publisher.web.app import create_app

    store = open_store("memory:")
    ingest_bytes(store, evil_eprints_xml("A work with an awkward DOI", ODD_DOI), tmp_path)
    client = create_app(store, LODPUB_BASE_URI=BASE, TESTING=True).test_client()
    for form in (quote(ODD_DOI, safe="/()"), quote(ODD_DOI.lower(), safe="/()"), quote(ODD_DOI, safe="")):
        response = client.get("/doi/" + form, headers={"Accept": "application/x-bibtex"})
        assert response.status_code == 303, (form, response.data)
        assert response.headers["Location"].endswith(".bib")
        bib = client.get(response.headers["Location"])
        assert bib.status_code == 200 and "AID-ASI4" in bib.data.decode()
    response = client.get("/resolve?uri=" + quote("https://doi.org/" + quote(ODD_DOI, safe="/"), safe=""))
    assert response.status_code == 303
    assert client.get("/doi/" + quote(ODD_DOI[:-4], safe="/")).status_code == 404  # without ".bib": another DOI
