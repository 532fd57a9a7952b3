"""Embeddable fragments: /embed and `lodpub embed` agree, extruct reads back the work's graph, hostile text is inert."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import extruct
import html5lib
import lxml.html
import pytest
from flask import Flask
from flask.testing import FlaskClient
from playwright.sync_api import Dialog
from pyld import jsonld
from rdflib import Graph, URIRef

from publisher.cli import main
from publisher.read.workview import load_work
from publisher.render.citations.fragment import fragment
from publisher.render.citations.schemaorg import work_jsonld
from publisher.store import Store, open_store, term_value
from tests.fixtures.citations.seeds import (
    ARTICLE_DOI,
    THESIS_PAGE,
    all_works,
    article_iri,
    evil_eprints_xml,
    ingest_bytes,
    no_network_loader,
    thesis_iri,
)
from tests.helpers import BASE, ingest_samples, need

S = "http://schema.org/"
CHROMIUM = "/usr/bin/chromium"


def to_graph(doc: dict[str, Any]) -> Graph:
    nquads = jsonld.to_rdf(doc, {"format": "application/n-quads", "documentLoader": no_network_loader({})})
    return Graph().parse(data=nquads, format="nt")


def read_back(html: str) -> list[dict[str, Any]]:
    """The JSON-LD extruct finds in a page (strict: any parse error fails the test)."""
    return extruct.extract(html, base_url=BASE, syntaxes=["json-ld"], errors="strict")["json-ld"]  # type: ignore[no-any-return]


def page(fragment_html: str) -> str:
    """A repository abstract page with the fragment in its head and a script after it that must still run."""
    return (f"<!doctype html><html><head><title>Abstract page</title>\n{fragment_html}\n"
            "<script>window.__after = 1;</script></head><body><p>abstract</p></body></html>")


def store_values(store: Store, subject: str, prop: str) -> set[str]:
    return {term_value(t.object) for t in store.published_match(subject=subject, predicate=S + prop)}


# -- /embed over HTTP ----------------------------------------------------------------------------------------
def test_embed_by_doi_id_uri_and_landing_page(app: Flask, client: FlaskClient) -> None:
    store = app.extensions["lodpub.store"]
    view = load_work(store, article_iri())
    assert view is not None
    expected = str(fragment(view, BASE))
    for target in (ARTICLE_DOI, ARTICLE_DOI.lower(), "https://doi.org/" + ARTICLE_DOI, article_iri().rsplit("/", 1)[1],
                   article_iri()):
        response = client.get("/embed/" + target)
        assert response.status_code == 200, target
        assert response.content_type == "text/html; charset=utf-8"
        assert response.data.decode("utf-8") == expected
    thesis = client.get("/embed/" + THESIS_PAGE)
    thesis_view = load_work(store, thesis_iri(store))
    assert thesis_view is not None
    assert thesis.status_code == 200 and thesis.data.decode() == str(fragment(thesis_view, BASE))


def test_embed_parts_and_errors(client: FlaskClient) -> None:
    jsonld_part = client.get(f"/embed/{ARTICLE_DOI}?part=jsonld").data.decode()
    meta_part = client.get(f"/embed/{ARTICLE_DOI}?part=meta").data.decode()
    assert jsonld_part.startswith('<script type="application/ld+json">') and "<meta" not in jsonld_part
    assert meta_part.startswith("<link") and "<script" not in meta_part and 'name="citation_title"' in meta_part
    assert client.get(f"/embed/{ARTICLE_DOI}?part=all").data.decode() == jsonld_part + meta_part
    assert client.get(f"/embed/{ARTICLE_DOI}?part=body").status_code == 400
    missing = client.get("/embed/10.9999/none")
    assert missing.status_code == 404 and "Accept" in missing.headers["Vary"]
    assert client.get("/embed/no-such-id").status_code == 404


# -- round trip through extruct -------------------------------------------------------------------------------
def test_extruct_reads_back_exactly_the_works_graph(app: Flask) -> None:
    store = app.extensions["lodpub.store"]
    for view in all_works(store):
        found = read_back(page(str(fragment(view, BASE))))
        assert len(found) == 1
        graph = to_graph(found[0])
        assert graph.isomorphic(to_graph(work_jsonld(view, BASE, inline_context=True))), view.iri
        node = URIRef(view.doi_iri or view.iri)
        # ... and what it says is what the store's schema.org statements say about the work
        for prop in ("name", "datePublished", "pageStart", "pageEnd", "inSupportOf", "abstract", "keywords"):
            said = {str(o) for o in graph.objects(node, URIRef(S + prop))}
            assert said <= store_values(store, view.iri, prop), (view.iri, prop, said)
        creator = "byArtist" if view.work_type.value == "music-recording" else "author"
        authors = {str(o) for o in graph.objects(node, URIRef(S + creator))}
        assert authors == store_values(store, view.iri, creator), view.iri
        for author in authors:
            names = {str(o) for o in graph.objects(URIRef(author), URIRef(S + "name"))}
            assert names and names <= store_values(store, author, "name")
        if view.journal:
            issns = {str(o) for o in graph.objects(URIRef(view.journal.iri), URIRef(S + "issn"))}
            assert issns and issns <= store_values(store, view.journal.iri, "issn")


def test_the_round_trip_check_can_fail(app: Flask) -> None:
    view = load_work(app.extensions["lodpub.store"], article_iri())
    assert view is not None
    altered = str(fragment(view, BASE)).replace("Munn-Giddings", "Munn Giddings")
    graph = to_graph(read_back(page(altered))[0])
    assert not graph.isomorphic(to_graph(work_jsonld(view, BASE, inline_context=True)))


# -- hostile records -------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def evil_fragment(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    store = open_store("memory:")
    ingest_bytes(store, evil_eprints_xml(), tmp_path_factory.mktemp("evil"))
    (view,) = all_works(store)
    assert view.title.startswith("Evil </script><!--")
    return str(fragment(view, BASE)), view.title


def test_hostile_fragment_parses_with_extruct(evil_fragment: tuple[str, str]) -> None:
    html, title = evil_fragment
    (doc,) = read_back(page(html))
    assert doc["name"] == title and doc["author"][0]["familyName"] == "O'Brien </script>"
    assert "</script" not in html.split("</script>")[0]  # the script element holds no end tag of its own


@pytest.mark.parametrize("parser", ["lxml", "html5lib"])
def test_hostile_fragment_parses_with_lxml_and_html5lib(evil_fragment: tuple[str, str], parser: str) -> None:
    html, title = evil_fragment
    if parser == "lxml":
        root = lxml.html.document_fromstring(page(html))
        scripts = [(s.get("type"), s.text) for s in root.iter("script")]
        metas = {m.get("name"): m.get("content") for m in root.iter("meta")}
    else:
        root = html5lib.parse(page(html), treebuilder="lxml", namespaceHTMLElements=False)
        scripts = [(s.get("type"), s.text) for s in root.iter("script")]
        metas = {m.get("name"): m.get("content") for m in root.iter("meta")}
    assert [t for t, _ in scripts] == ["application/ld+json", None]  # ours, then the page's own, nothing else
    assert json.loads(scripts[0][1])["name"] == title and scripts[1][1] == "window.__after = 1;"
    assert metas["citation_title"] == title
    assert metas["citation_keywords"] == "a</script>; b<!--; c&d"  # keywords sorted
    assert metas["citation_journal_title"] == "Journal </title></head> & Co"


@pytest.mark.browser
def test_hostile_fragment_runs_no_script_in_chromium(evil_fragment: tuple[str, str]) -> None:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover
        sync_playwright = None  # type: ignore[assignment]
    need(sync_playwright is not None and os.path.exists(CHROMIUM), "headless Chromium (Playwright, /usr/bin/chromium)")
    html, title = evil_fragment
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            tab = browser.new_page()
            dialogs: list[str] = []

            def on_dialog(dialog: Dialog) -> None:
                dialogs.append(dialog.message)
                dialog.dismiss()

            tab.on("dialog", on_dialog)
            tab.set_content(page(html))
            state = tab.evaluate("""() => ({
                pwned: window.__pwned, after: window.__after, scripts: document.scripts.length,
                title: document.querySelector('meta[name=citation_title]').content,
                ld: JSON.parse(document.querySelector('script[type="application/ld+json"]').textContent).name})""")
        finally:
            browser.close()
    assert state == {"pwned": None, "after": 1, "scripts": 2, "title": title, "ld": title} and not dialogs


# -- lodpub embed ----------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def disk_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("embed") / "store")
    store = open_store(path, writable=True)
    ingest_samples(store)
    store.publish()
    store.close()
    return path


def test_lodpub_embed_prints_the_fragment(disk_store: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["embed", ARTICLE_DOI, "--store", disk_store, "--base", BASE]) == 0
    printed = capsys.readouterr().out
    with open_store(disk_store) as store:
        view = load_work(store, article_iri())
        assert view is not None
    assert printed == str(fragment(view, BASE))
    assert main(["embed", ARTICLE_DOI, "--part", "meta", "--store", disk_store, "--base", BASE]) == 0
    assert capsys.readouterr().out == str(fragment(view, BASE, "meta"))
    assert main(["embed", "10.9999/missing", "--store", disk_store, "--base", BASE]) == 1
    assert main(["embed", "--store", disk_store]) == 2


def test_lodpub_embed_all_writes_one_fragment_per_work(disk_store: str, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "fragments"
    assert main(["embed", "--all", str(out), "--store", disk_store, "--base", BASE]) == 0
    with open_store(disk_store) as store:
        works = all_works(store)
        files = sorted(p.name for p in out.glob("*.html"))
        assert files == sorted(v.iri.rsplit("/", 1)[1] + ".html" for v in works)
        for view in works:
            assert (out / (view.iri.rsplit("/", 1)[1] + ".html")).read_text("utf-8") == str(fragment(view, BASE))
    index = (out / "index.tsv").read_text("utf-8").splitlines()
    assert len(index) == len(works) + 1 and any(ARTICLE_DOI in line for line in index)
    assert any(THESIS_PAGE in line for line in index)
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
    shutil.rmtree(out)

