"""HTML pages as people and harvesters see them: content, links, extruct's graph, citation tags, escaping."""

from __future__ import annotations

import json
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import extruct
import html5lib
import pytest
from flask.testing import FlaskClient
from rdflib import Graph, URIRef

from mappings.vocab import PREFIXES
from publisher.read.stats import stats
from publisher.store import Store
from tests.helpers import (
    BASE,
    BROWSER,
    HOSTILE_ABSTRACT,
    HOSTILE_RECORD,
    HOSTILE_TITLE,
    RDF_FORMATS,
    make_store,
    one_of_each_kind,
    path_of,
    person_named,
    rows,
    store_values,
    works,
)

SDO = "http://schema.org/"


def hostile_store(backend: str, directory: Path) -> Store:
    """A store holding one record whose title, abstract and journal try to break out of HTML and scripts."""
    from tests.helpers import ingest_samples

    source = directory / "hostile.xml"
    source.write_text(HOSTILE_RECORD, encoding="utf-8")
    store = make_store(backend, directory, "hostile")
    summary = ingest_samples(store, [source])
    assert summary.written == 1, summary
    store.publish()
    return store


class Tags(HTMLParser):
    """Collects <meta name content>, <link rel href type> and <script> elements."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: list[tuple[str, str]] = []
        self.links: list[dict[str, str | None]] = []
        self.scripts: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "meta" and a.get("name"):
            self.meta.append((str(a["name"]), str(a.get("content"))))
        elif tag == "link":
            self.links.append(a)
        elif tag == "script":
            self.scripts.append(a.get("type"))


def tags(html: str) -> Tags:
    parser = Tags()
    parser.feed(html)
    return parser


def page(client: FlaskClient, iri: str) -> str:
    r = client.get(path_of(iri), headers={"Accept": BROWSER})
    assert r.status_code == 200 and r.mimetype == "text/html", iri
    return r.get_data(as_text=True)


def extracted_graph(html: str, url: str) -> Graph:
    """What a harvester sees: extruct (JSON-LD, microdata, RDFa; strict) merged into one RDF graph."""
    data = extruct.extract(html, base_url=url, syntaxes=["json-ld", "microdata", "rdfa"], errors="strict")
    g = Graph()
    for item in data["json-ld"] + data["rdfa"]:
        g.parse(data=json.dumps(item), format="json-ld", publicID=url)
    assert data["microdata"] == []  # no microdata to contradict the JSON-LD
    return g


def author_lists(store: Store, work: str) -> list[list[str]]:
    """Each source's bibo:authorList as family names (or names, for organisations), in order."""
    lists = []
    for head in rows(store, f"SELECT ?l WHERE {{ <{work}> bibo:authorList ?l }}"):
        names, node = [], head
        while node != PREFIXES["rdf"] + "nil":
            agent = rows(store, f"SELECT ?a WHERE {{ <{node}> rdf:first ?a }}")[0]
            names.append(rows(store, f"SELECT ?n WHERE {{ OPTIONAL {{ <{agent}> schema:familyName ?f }} "
                                     f"<{agent}> schema:name ?m BIND(COALESCE(?f, ?m) AS ?n) }}")[0])
            node = rows(store, f"SELECT ?r WHERE {{ <{node}> rdf:rest ?r }}")[0]
        lists.append(names)
    return lists


# -- work pages ------------------------------------------------------------------------------------------
def test_every_work_page_gives_harvesters_the_right_graph(client: FlaskClient, loaded_store: Store) -> None:
    for work in works(loaded_store):
        html = page(client, work)
        g = extracted_graph(html, BASE + path_of(work)[1:])
        doi = rows(loaded_store, f"SELECT ?d WHERE {{ <{work}> bibo:doi ?d }}")
        node = URIRef("https://doi.org/" + doi[0].lower()) if doi else URIRef(work)
        types = {str(t) for t in g.objects(node, URIRef(PREFIXES["rdf"] + "type"))}
        assert types & store_values(loaded_store, work, "a"), (work, types)
        names = {str(n) for n in g.objects(node, URIRef(SDO + "name"))}
        assert names and names <= store_values(loaded_store, work, "schema:name"), work
        authors = list(g.objects(node, URIRef(SDO + "author")))
        assert len(authors) in {len(names) for names in author_lists(loaded_store, work)} | {0}, work
        journals = store_values(loaded_store, work, "schema:isPartOf/schema:isPartOf*/dcterms:title")
        titles = {str(o) for o in g.objects(None, URIRef(SDO + "name"))}
        if rows(loaded_store, f"SELECT ?j WHERE {{ <{work}> schema:isPartOf+ ?j . ?j a schema:Periodical }}"):
            assert journals & titles, work


def test_citation_tags(client: FlaskClient, loaded_store: Store) -> None:
    for work in works(loaded_store):
        meta = tags(page(client, work)).meta
        names = [n for n, _v in meta]
        values = dict(meta)
        assert values["citation_title"] in store_values(loaded_store, work, "dcterms:title")
        cited = [v for n, v in meta if n == "citation_author"]
        lists = author_lists(loaded_store, work) or [[]]
        assert any(len(cited) == len(names) and all(c.startswith(f) for c, f in zip(cited, names, strict=True))
                   for names in lists), (work, cited, lists)
        issued = store_values(loaded_store, work, "dcterms:issued")
        if issued:
            assert values["citation_publication_date"][:4] == min(issued)[:4]
        journal = rows(loaded_store, f"SELECT ?t WHERE {{ <{work}> schema:isPartOf+ ?j . ?j a schema:Periodical ; "
                                     "dcterms:title ?t }")
        if journal:
            assert values["citation_journal_title"] in journal
        for prop, tag in (("bibo:pageStart", "citation_firstpage"), ("bibo:pageEnd", "citation_lastpage")):
            found = store_values(loaded_store, work, prop)
            assert (values.get(tag) in found) if found else tag not in names
        doi = store_values(loaded_store, work, "bibo:doi")
        if doi:
            assert values["citation_doi"] in doi
        if "http://schema.org/Thesis" in store_values(loaded_store, work, "a"):
            institutions = store_values(loaded_store, work, "schema:sourceOrganization/schema:name")
            assert not institutions or values["citation_dissertation_institution"] in institutions
        assert "DC.title" in names


def test_article_page(client: FlaskClient, loaded_store: Store) -> None:
    article = rows(loaded_store, 'SELECT ?w WHERE { ?w bibo:doi "10.1108/MHRJ-06-2017-0021" }')[0]
    html = page(client, article)
    doc = html5lib.parse(html, namespaceHTMLElements=False)
    assert doc.find(".//h1").text in store_values(loaded_store, article, "dcterms:title")
    hrefs = {a.get("href"): "".join(a.itertext()) for a in doc.iter("a")}
    for person in store_values(loaded_store, article, "dcterms:creator"):
        assert path_of(person) in hrefs
    assert "/doc/journal/issn-1361-9322" in hrefs
    assert any(h.startswith("/doc/journal/issn-1361-9322/volume/23/issue/1") for h in hrefs)
    for concept in store_values(loaded_store, article, "dcterms:subject"):
        if "/id/concept/" in concept:
            assert path_of(concept) in hrefs
    assert "https://doi.org/10.1108/mhrj-06-2017-0021" in hrefs
    assert "https://creativecommons.org/licenses/by-nc/4.0/" in hrefs
    abstract = doc.find(".//section[@class='abstract']/p")
    assert "".join(abstract.itertext()) in store_values(loaded_store, article, "dcterms:abstract")
    alternates = {link["type"]: link["href"] for link in tags(html).links if link.get("rel") == "alternate"}
    for media_type, suffix, _fmt in RDF_FORMATS.values():
        assert alternates[media_type] == path_of(article) + "." + suffix
        r = client.get(alternates[media_type])
        assert r.status_code == 200 and r.mimetype == media_type
    for suffix in (".bib", ".ris", ".csl.json", ".txt"):
        assert path_of(article) + suffix in hrefs


def test_thesis_page_shows_institution_and_degree(client: FlaskClient, loaded_store: Store) -> None:
    theses = rows(loaded_store, "SELECT ?w WHERE { ?w a schema:Thesis ; schema:sourceOrganization ?o ; "
                                "schema:inSupportOf ?d } ORDER BY ?w")
    assert theses
    for thesis in theses:
        doc = html5lib.parse(page(client, thesis), namespaceHTMLElements=False)
        institution = doc.find(".//dd[@class='institution']/a")
        org = rows(loaded_store, f"SELECT ?o WHERE {{ <{thesis}> schema:sourceOrganization ?o }}")
        assert institution.get("href") in {path_of(o) for o in org}
        degree = "".join(doc.find(".//dd[@class='degree']").itertext())
        assert degree in store_values(loaded_store, thesis, "schema:inSupportOf")


# -- other pages -----------------------------------------------------------------------------------------
def test_person_page_lists_works_from_every_source(client: FlaskClient, loaded_store: Store) -> None:
    person = person_named(loaded_store, "Boyce")  # one person: the thesis's and the article's author
    doc = html5lib.parse(page(client, person), namespaceHTMLElements=False)
    assert doc.find(".//h1").text == rows(loaded_store, f"SELECT ?n WHERE {{ <{person}> foaf:name ?n }}")[0]
    listed = {a.get("href") for a in doc.findall(".//ol[@class='works']/li/a")}
    expected = rows(loaded_store, f"SELECT DISTINCT ?w WHERE {{ ?w dcterms:creator <{person}> }}")
    assert listed == {path_of(w) for w in expected}
    sources = rows(loaded_store, f"SELECT DISTINCT ?f WHERE {{ {{ BIND(<{person}> AS ?m) }} UNION "
                                 f"{{ <{person}> owl:sameAs ?m }} GRAPH ?g {{ ?w dcterms:creator ?m . "
                                 "?g lodpub:inputFormat ?f } }")
    assert len(sources) >= 4  # Crossref, EPrints, MARC, the catalogue display, OAI-PMH ...
    evidence = doc.findall(".//section[@class='identity']/ul/li")
    assert evidence and all(li.find("strong") is not None for li in evidence)  # why these records are one person


def test_journal_volume_and_issue_pages(client: FlaskClient, loaded_store: Store) -> None:
    journal = BASE + "id/journal/issn-1361-9322"
    article = path_of(rows(loaded_store, 'SELECT ?w WHERE { ?w bibo:doi "10.1108/MHRJ-06-2017-0021" }')[0])
    issue = rows(loaded_store, f'SELECT ?i WHERE {{ ?i a schema:PublicationIssue ; dcterms:isPartOf <{journal}> }}')[0]
    volume = rows(loaded_store, f'SELECT ?v WHERE {{ ?v a schema:PublicationVolume ; schema:isPartOf <{journal}> }}')[0]
    for iri in (journal, volume, issue):
        doc = html5lib.parse(page(client, iri), namespaceHTMLElements=False)
        articles = {a.get("href") for a in doc.findall(".//ol[@class='works']/li/a")}
        assert article in articles, iri
    doc = html5lib.parse(page(client, journal), namespaceHTMLElements=False)
    parts = {a.get("href") for a in doc.findall(".//section[@class='parts']//a")}
    assert {path_of(volume), path_of(issue)} <= parts
    assert "1361-9322" in "".join(doc.find(".//dd[@class='issn']").itertext())
    chain = html5lib.parse(page(client, issue), namespaceHTMLElements=False).find(".//p[@class='chain']")
    assert path_of(journal) in {a.get("href") for a in chain.iter("a")}


def test_concept_org_and_other_pages(client: FlaskClient, loaded_store: Store) -> None:
    for kind, iri in one_of_each_kind(loaded_store).items():
        doc = html5lib.parse(page(client, iri), namespaceHTMLElements=False)
        assert doc.find(".//h1").text, kind
        if kind in ("concept", "org"):
            listed = {a.get("href") for a in doc.findall(".//ol[@class='works']/li/a")}
            linking = rows(loaded_store, f"SELECT DISTINCT ?w WHERE {{ ?w ?p <{iri}> ; dcterms:type ?t }}")
            assert listed == {path_of(w) for w in linking}, iri


def test_home_page(client: FlaskClient, loaded_store: Store) -> None:
    r = client.get("/", headers={"Accept": BROWSER})
    assert r.status_code == 200 and r.mimetype == "text/html"
    doc = html5lib.parse(r.get_data(as_text=True), namespaceHTMLElements=False)
    counts = stats(loaded_store)
    assert doc.find(".//td[@class='n works']").text == str(counts.works)
    hrefs = {a.get("href") for a in doc.iter("a")}
    assert {"/sparql", "/dumps/", "/dataset", "/sitemap.xml"} <= hrefs
    assert doc.find(".//form[@action='/search']/input[@name='q']") is not None
    assert client.get("/", headers={"If-None-Match": r.headers["ETag"]}).status_code == 304
    assert client.get("/static/lodpub.css").status_code == 200
    alternates = {link["type"]: link["href"] for link in tags(r.get_data(as_text=True)).links
                  if link.get("rel") == "alternate"}
    assert alternates["text/turtle"] == "/dataset.ttl"


# -- escaping --------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def hostile_client(tmp_path_factory: pytest.TempPathFactory, loaded_store: Store) -> Iterator[FlaskClient]:
    """A client of an app over a store holding only the hostile record (same backend as loaded_store)."""
    from publisher.store.oxigraph import OxigraphStore
    from publisher.web.app import create_app

    backend = "oxigraph" if isinstance(loaded_store, OxigraphStore) else "virtuoso"
    store = hostile_store(backend, tmp_path_factory.mktemp("hostile"))
    yield create_app(store, LODPUB_BASE_URI=BASE, TESTING=True).test_client()
    store.close()


def test_hostile_text_shows_as_text(hostile_client: FlaskClient) -> None:
    r = hostile_client.get("/search", query_string={"q": "HOSTILE"})
    results = html5lib.parse(r.get_data(as_text=True), namespaceHTMLElements=False)
    link = results.find(".//ol[@class='works results']/li/a")
    assert "".join(link.itertext()) == HOSTILE_TITLE
    pages = [link.get("href")]
    html = hostile_client.get(pages[0], headers={"Accept": BROWSER}).get_data(as_text=True)
    doc = html5lib.parse(html, namespaceHTMLElements=False)
    assert "".join(doc.find(".//h1").itertext()) == HOSTILE_TITLE
    assert "".join(doc.find(".//section[@class='abstract']/p").itertext()) == HOSTILE_ABSTRACT
    scripts = [s for s in doc.findall(".//script") if not s.get("src")]  # inline: the JSON-LD only
    assert [s.get("type") for s in scripts] == ["application/ld+json"]
    assert [s.get("src") for s in doc.findall(".//script[@src]")] == ["/static/cite.js"]  # same-origin, no code inline
    data = json.loads(scripts[0].text)
    assert data["name"] == HOSTILE_TITLE and data["abstract"] == HOSTILE_ABSTRACT
    assert "<script>alert" not in html and "<!--" not in html
    assert dict(tags(html).meta)["citation_title"] == HOSTILE_TITLE
    journal = doc.find(".//a[@class='journal']")
    pages += [journal.get("href"), doc.find(".//dd[@class='authors']/a").get("href"), "/search?q=hostile", "/"]
    for path in pages:
        html = hostile_client.get(path, headers={"Accept": BROWSER}).get_data(as_text=True)
        assert "<script>alert" not in html and "<!--" not in html, path
        inline = [s for s in html5lib.parse(html, namespaceHTMLElements=False).findall(".//script") if not s.get("src")]
        assert len(inline) <= 1, path
