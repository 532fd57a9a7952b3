"""The page cache: repeated requests replay the rendered answer until the store publishes new data."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mappings.uris import Minter
from publisher.ingest.pipeline import ingest
from publisher.read import document
from publisher.read.document import Document
from publisher.read.workview import WorkView, load_work
from publisher.store import Reader, open_store
from publisher.web.app import create_app
from publisher.web.page_cache import PageCache
from tests.helpers import BASE, SAMPLES, map_file

REVISED = "Cached no more: "


@pytest.fixture()
def data_dir(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A data directory holding the eprints-xml samples; the samples, and a copy with every title changed."""
    original, revised = tmp_path / "original", tmp_path / "revised"
    shutil.copytree(SAMPLES / "eprints-xml", original)
    revised.mkdir()
    for path in original.glob("*.xml"):
        text = path.read_text(encoding="utf-8")
        (revised / path.name).write_text(text.replace("<title>", "<title>" + REVISED), encoding="utf-8")
    writer = open_store(str(tmp_path / "data"), writable=True)
    ingest([str(original)], writer, Minter(BASE))
    writer.close()
    return tmp_path / "data", original, revised


def work_path(original: Path) -> str:
    """The /doc/ path of one sample work."""
    iri = map_file(sorted(original.glob("*.xml"))[0])[0].work
    return "/doc/" + iri[len(BASE) + len("id/"):]


def counting_loads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record every document load the views make."""
    calls: list[str] = []
    real = document.load

    def load(store: Reader, base: str, iri: str) -> Document | None:
        calls.append(iri)
        return real(store, base, iri)

    monkeypatch.setattr("publisher.web.views.documents.load", load)
    return calls


def test_repeats_replay_until_new_data_is_published(data_dir: tuple[Path, Path, Path],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    data, original, revised = data_dir
    loads = counting_loads(monkeypatch)
    works: list[str] = []

    def counted_load_work(store: Reader, iri: str) -> WorkView | None:
        works.append(iri)
        return load_work(store, iri)

    monkeypatch.setattr("publisher.web.views.doi.load_work", counted_load_work)
    reader = open_store(str(data))  # a server process: the published snapshot, read-only
    client = create_app(reader, LODPUB_BASE_URI=BASE, TESTING=True).test_client()
    path = work_path(original)
    first = client.get(path, headers={"Accept": "text/turtle"})
    again = client.get(path, headers={"Accept": "text/turtle"})
    assert first.status_code == again.status_code == 200 and len(loads) == 1
    assert again.data == first.data and again.headers["ETag"] == first.headers["ETag"]
    assert again.headers["Content-Type"] == first.headers["Content-Type"] and again.headers["Link"]
    assert again.headers["X-Content-Type-Options"] == "nosniff"  # the app's own headers still added
    conditional = client.get(path, headers={"Accept": "text/turtle", "If-None-Match": first.headers["ETag"]})
    assert conditional.status_code == 304 and not conditional.data and len(loads) == 1
    html = client.get(path, headers={"Accept": "text/html"})
    assert html.status_code == 200 and html.data != first.data and len(loads) == 2  # Accept is in the key
    assert client.head(path, headers={"Accept": "text/html"}).headers["ETag"] == html.headers["ETag"]
    by_query = {fmt: client.get(f"{path}?format={fmt}").data for fmt in ("ttl", "jsonld", "nt")}
    assert len(set(by_query.values())) == 3 and len(loads) == 5  # the query string is in the key
    assert REVISED.encode() not in first.data
    doi = next(m.record.doi for p in sorted(original.glob("*.xml")) for m in map_file(p) if m.record.doi)
    redirects = [client.get(f"/doi/{doi}", headers={"Accept": "text/turtle"}) for _ in range(2)]
    assert [r.status_code for r in redirects] == [303, 303] and len(works) == 1  # the DOI's work loaded once
    assert redirects[0].headers["Location"] == redirects[1].headers["Location"]

    writer = open_store(str(data), writable=True)  # another process re-ingests the records, changed
    ingest([str(revised)], writer, Minter(BASE))
    writer.close()
    after = client.get(path, headers={"Accept": "text/turtle"})
    assert after.status_code == 200 and REVISED.encode() in after.data and len(loads) == 6
    assert after.headers["ETag"] != first.headers["ETag"]


def test_missing_documents_and_writes_through_the_app_are_not_replayed(data_dir: tuple[Path, Path, Path],
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    data, original, _ = data_dir
    loads = counting_loads(monkeypatch)
    store = open_store(str(data), writable=True)
    client = create_app(store, LODPUB_BASE_URI=BASE, TESTING=True).test_client()
    assert client.get("/doc/work/nothing-here").status_code == 404
    assert client.get("/doc/work/nothing-here").status_code == 404 and len(loads) == 2
    path = work_path(original)
    client.get(path)
    client.get(path)
    assert len(loads) == 3
    store.update(f'INSERT DATA {{ <{BASE}id/{path[5:]}> '  # an administrator's update of the published view
                 f'<http://purl.org/dc/terms/alternative> "Added later" }}')
    assert b"Added later" in client.get(path).data and len(loads) == 4
    store.close()


def test_off_when_the_budget_is_zero(data_dir: tuple[Path, Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    data, original, _ = data_dir
    loads = counting_loads(monkeypatch)
    app = create_app(open_store(str(data)), LODPUB_BASE_URI=BASE, TESTING=True, LODPUB_PAGE_CACHE_MB=0)
    assert "lodpub.page_cache" not in app.extensions
    client = app.test_client()
    path = work_path(original)
    assert client.get(path).data == client.get(path).data and len(loads) == 2


def test_least_recently_used_out_first_within_the_byte_budget() -> None:
    cache = PageCache(max_bytes=8 * 4096)
    body = b"x" * 3000
    for n in range(20):
        cache.put((f"/doc/{n}", ""), (200, [], body))
        cache.get(("/doc/0", ""))  # kept in use
    assert cache.size <= cache.max_bytes
    assert cache.get(("/doc/0", "")) is not None and cache.get(("/doc/1", "")) is None
    assert cache.get(("/doc/19", "")) is not None
    cache.put(("/huge", ""), (200, [], b"x" * 8 * 4096))  # bigger than an eighth: never kept
    assert cache.get(("/huge", "")) is None
    cache.follow("v1")
    cache.follow("v1")
    assert cache.get(("/doc/19", "")) is None and cache.size == 0  # a new version of the data empties it
    cache.put(("/doc/old", ""), (200, [], body), "v0")  # built from the data before: not kept
    assert cache.get(("/doc/old", "")) is None
