"""The dataset description (/dataset, /.well-known/void), the dumps with sizes and checksums, and the sitemap."""

from __future__ import annotations

import base64
import gzip
import hashlib
import io
import xml.etree.ElementTree as ET
from pathlib import Path

import html5lib
import pyoxigraph as ox
import pytest
from flask.testing import FlaskClient
from rdflib import Dataset, Graph, URIRef

from mappings.vocab import PREFIXES
from publisher.read.stats import stats
from publisher.store import Store
from tests.helpers import BASE, BROWSER, links, works

VOID = PREFIXES["void"]
DCAT = PREFIXES["dcat"]
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.mark.parametrize("path", ["/dataset", "/.well-known/void"])
@pytest.mark.parametrize(("accept", "fmt"), [("text/turtle", "turtle"), ("application/ld+json", "json-ld"),
                                             ("application/rdf+xml", "xml"), ("application/n-triples", "nt")])
def test_dataset_description_is_negotiated(client: FlaskClient, loaded_store: Store, path: str, accept: str,
                                           fmt: str) -> None:
    r = client.get(path, headers={"Accept": accept})
    assert r.status_code == 200 and r.mimetype == accept
    assert "Accept" in r.headers["Vary"] and r.headers["ETag"] and r.headers["Last-Modified"]
    g = Graph().parse(data=r.data, format=fmt)
    dataset = URIRef(BASE + "dataset")
    assert (dataset, URIRef(PREFIXES["rdf"] + "type"), URIRef(VOID + "Dataset")) in g
    counts = stats(loaded_store)
    assert int(str(g.value(dataset, URIRef(VOID + "triples")))) == counts.triples
    assert int(str(g.value(dataset, URIRef(VOID + "entities")))) == counts.works
    assert g.value(dataset, URIRef(VOID + "sparqlEndpoint")) == URIRef(BASE + "sparql")
    dumps = set(g.objects(dataset, URIRef(VOID + "dataDump")))
    assert URIRef(BASE + "dumps/dataset.nq.gz") in dumps
    assert g.value(dataset, URIRef(PREFIXES["dcterms"] + "license")) is not None


def test_dataset_page_and_suffixes(client: FlaskClient) -> None:
    html = client.get("/dataset", headers={"Accept": BROWSER})
    assert html.status_code == 200 and html.mimetype == "text/html"
    assert ("alternate", "/dataset.ttl") in {(p.get("rel"), t) for t, p in links(html)}
    assert client.get("/dataset.ttl").mimetype == "text/turtle"
    assert client.get("/dataset.nq").mimetype == "application/n-quads"
    assert client.get("/dataset.bib").status_code == 406
    assert client.get("/dataset", headers={"Accept": "image/png"}).status_code == 406
    r = client.get("/dataset.ttl")
    assert client.get("/dataset.ttl", headers={"If-None-Match": r.headers["ETag"]}).status_code == 304


def dumps_listed(client: FlaskClient) -> dict[str, dict[str, str]]:
    r = client.get("/dumps/", headers={"Accept": BROWSER})
    assert r.status_code == 200
    doc = html5lib.parse(r.get_data(as_text=True), namespaceHTMLElements=False)
    listed = {}
    for row in doc.findall(".//tbody/tr"):
        cells = row.findall("td")
        href = cells[0].find("a").get("href")
        listed[href] = {"type": "".join(cells[1].itertext()), "size": cells[2].text,
                        "sha256": "".join(cells[3].itertext())}
    return listed


def test_dumps_have_size_and_checksum(client: FlaskClient, loaded_store: Store) -> None:
    listed = dumps_listed(client)
    assert set(listed) == {f"/dumps/dataset.{ext}.gz" for ext in ("nq", "nt", "trig", "ttl", "jsonld")}
    for href, facts in listed.items():
        r = client.get(href)
        assert r.status_code == 200 and r.mimetype == "application/gzip"
        body = r.data
        assert len(body) == int(facts["size"]) == int(r.headers["Content-Length"])
        digest = hashlib.sha256(body).hexdigest()
        assert digest == facts["sha256"]
        assert r.headers["Repr-Digest"] == f"sha-256=:{base64.b64encode(bytes.fromhex(digest)).decode()}:"
        assert client.get(href + ".sha256").get_data(as_text=True) == f"{digest}  {href.rsplit('/', 1)[-1]}\n"
        assert client.get(href, headers={"If-None-Match": r.headers["ETag"]}).status_code == 304
        assert gzip.decompress(body)
    nquads = gzip.decompress(client.get("/dumps/dataset.nq.gz").data)
    quads = list(ox.parse(io.BytesIO(nquads), format=ox.RdfFormat.N_QUADS))
    assert len(quads) == loaded_store.count_triples() + loaded_store.count_published()  # record graphs and the view
    ds = Dataset()
    ds.parse(data=gzip.decompress(client.get("/dumps/dataset.trig.gz").data), format="trig")
    assert len(list(ds.quads((None, None, None, None)))) == loaded_store.count_triples() + \
        loaded_store.count_published()


def test_description_states_dump_sizes_once_made(client: FlaskClient) -> None:
    listed = dumps_listed(client)
    g = Graph().parse(data=client.get("/dataset.ttl").data, format="turtle")
    dist = URIRef(BASE + "dataset#dump-nq")
    assert int(str(g.value(dist, URIRef(DCAT + "byteSize")))) == int(listed["/dumps/dataset.nq.gz"]["size"])
    checksum = g.value(dist, URIRef("http://spdx.org/rdf/terms#checksum"))
    assert str(g.value(checksum, URIRef("http://spdx.org/rdf/terms#checksumValue"))) == \
        listed["/dumps/dataset.nq.gz"]["sha256"]


def test_unknown_dump_is_404(client: FlaskClient) -> None:
    assert client.get("/dumps/dataset.xml.gz").status_code == 404
    assert client.get("/dumps/../app.py").status_code == 404


def test_sitemap_lists_every_work_page(client: FlaskClient, loaded_store: Store) -> None:
    r = client.get("/sitemap.xml")
    assert r.status_code == 200 and r.mimetype == "application/xml"
    root = ET.fromstring(r.data)
    assert root.tag == SITEMAP + "urlset"
    urls = [u.findtext(SITEMAP + "loc") or "" for u in root.findall(SITEMAP + "url")]
    assert sorted(urls) == sorted(BASE + "doc/" + w[len(BASE) + 3:] for w in works(loaded_store))
    for url in urls[:5]:
        assert client.get(url[len(BASE) - 1:], headers={"Accept": BROWSER}).status_code == 200
    assert all(len(m.text or "") >= 4 for m in root.iter(SITEMAP + "lastmod"))
    assert client.get("/sitemap-2.xml").status_code == 404


def test_a_dump_being_made_elsewhere_is_503_then_served(tmp_path: Path) -> None:
    import fcntl
    import os

    from publisher.web import dumps
    from publisher.web.app import create_app
    from tests.helpers import SAMPLES, ingest_samples, make_store

    store = make_store("memory", tmp_path)
    ingest_samples(store, [SAMPLES / "eprints-xml"])
    app = create_app(store, LODPUB_BASE_URI=BASE, TESTING=True, LODPUB_DUMP_DIR=str(tmp_path / "dumps"),
                     LODPUB_DUMP_WAIT=0.5)
    client = app.test_client()
    with app.test_request_context():
        folder, versioned = dumps.version_folder()
    assert versioned
    folder.mkdir(parents=True)
    fd = os.open(folder / ".lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)  # as if another server process were writing the dumps
    try:
        busy = client.get("/dumps/dataset.nt.gz")
        assert busy.status_code == 503 and busy.headers["Retry-After"]
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
    ready = client.get("/dumps/dataset.nt.gz")
    for _retry in range(40):  # the background writer had to wait for the lock
        if ready.status_code != 503:
            break
        ready = client.get("/dumps/dataset.nt.gz")
    assert ready.status_code == 200
    assert len(gzip.decompress(ready.data).splitlines()) == store.count_published()  # N-Triples: the published view
    store.update("INSERT DATA { <http://example.org/s> <http://example.org/p> 1 }")
    fresh = client.get("/dumps/dataset.nt.gz")  # a new version of the data gets a new dump
    for _retry in range(40):
        if fresh.status_code != 503:
            break
        fresh = client.get("/dumps/dataset.nt.gz")
    assert fresh.status_code == 200
    assert len(gzip.decompress(fresh.data).splitlines()) == store.count_published()
