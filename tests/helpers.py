"""Helpers the tests share: paths, the CI rule, mapping samples, stores of every backend, and reading pages."""

from __future__ import annotations

import json
import os
import re
import socket
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from pyoxigraph import QuerySolution, QuerySolutions
from rdflib import Dataset

from mappings import sources
from mappings.crosswalk import MappedRecord, map_record
from mappings.model import Record, RecordError
from mappings.uris import Minter
from mappings.vocab import PREFIXES
from publisher.store.interface import term_value
from tests import servers
from tests.servers import BASE_URI
from tests.servers import REPO as REPO
from tests.servers import free_port as free_port

if TYPE_CHECKING:
    from werkzeug.test import TestResponse

    from publisher.ingest.pipeline import IngestSummary
    from publisher.store import QueryResult, Store

SAMPLES = REPO / "samples"
GOLDEN = REPO / "tests" / "golden"
BASE = BASE_URI
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
PROLOGUE = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())
RDF_FORMATS = {"turtle": ("text/turtle", "ttl", "turtle"), "jsonld": ("application/ld+json", "jsonld", "json-ld"),
               "rdfxml": ("application/rdf+xml", "rdf", "xml"), "nt": ("application/n-triples", "nt", "nt"),
               "nq": ("application/n-quads", "nq", "nquads"), "trig": ("application/trig", "trig", "trig")}
LINK = re.compile(r'<([^>]*)>((?:\s*;\s*[a-zA-Z-]+="[^"]*")*)')


def in_ci() -> bool:
    """Whether the tests run in CI (``CI=true``), where a missing component is a failure, not a skip."""
    return servers.variable("CI").lower() in ("1", "true", "yes")


def virtuoso_wanted() -> bool:
    """Whether the suites run on Virtuoso too (``LODPUB_TEST_VIRTUOSO=0`` turns it off; always on in CI)."""
    return servers.variable("LODPUB_TEST_VIRTUOSO", "1" if in_ci() else "auto") != "0"


def need(component_available: bool, what: str) -> None:
    """Skip a test whose component is missing, except in CI where a missing component is a failure."""
    if component_available:
        return
    if in_ci():
        pytest.fail(f"{what} is required in CI (CI=true) but is not available")
    pytest.skip(f"{what} not available")


# -- records -----------------------------------------------------------------------------------------------
def read(path: Path | str, input_format: str | None = None) -> tuple[list[Record], list[RecordError]]:
    """Parse a file into its records and its rejected records."""
    records: list[Record] = []
    errors: list[RecordError] = []
    inside = Path(path).resolve().is_relative_to(REPO.resolve())
    label = sources.source_label(str(path), str(REPO)) if inside else None  # "samples/<format>/<file>", from any cwd
    for item in sources.read_file(str(path), input_format, label):
        if isinstance(item, RecordError):
            errors.append(item)
        else:
            records.append(item)
    return records, errors


def map_file(path: Path | str, input_format: str | None = None) -> list[MappedRecord]:
    """Map every record of a file (failing the test if any record is rejected)."""
    records, errors = read(path, input_format)
    assert not errors, [str(e) for e in errors]
    minter = Minter(BASE)
    return [map_record(r, minter) for r in records]


def many_records(path: Path, n: int) -> None:
    """An EP3 XML file of n distinct articles (for the crash tests)."""
    items = []
    for i in range(n):
        items.append(f"""<eprint id='https://repo.example.org/id/eprint/{i}'><eprint_status>archive</eprint_status>
<type>article</type><title>Crash test article {i}</title><date>2020</date><date_type>published</date_type>
<creators><item><name><family>Tester{i}</family><given>Ann</given></name></item></creators>
<abstract>{'Words about crash safety. ' * 20}</abstract><publication>Journal of Tests</publication>
<volume>{i % 9}</volume><number>{i % 4}</number><pagerange>{i}-{i + 9}</pagerange></eprint>""")
    path.write_text("<?xml version='1.0'?><eprints xmlns='http://eprints.org/ep2/data/2.0'>"
                    + "\n".join(items) + "</eprints>")


# -- stores ------------------------------------------------------------------------------------------------
# Backends the HTTP-level and store-contract tests run against; "virtuoso" starts a server (tests/virtuoso.py).
BACKENDS = ["oxigraph", *(["virtuoso"] if virtuoso_wanted() else [])]


def ingest_samples(store: Store, paths: Sequence[Path | str] | None = None) -> IngestSummary:
    """Ingest the bundled samples (or the given paths) into a store; returns the summary."""
    from publisher.ingest.pipeline import ingest

    return ingest([str(p) for p in (paths or [SAMPLES])], store, Minter(BASE))


def make_store(backend: str, tmp_path: Path, name: str = "store") -> Store:
    """A fresh, empty, writable store of the given backend."""
    from publisher.store import open_store

    if backend == "oxigraph":
        return open_store(str(tmp_path / name), writable=True)
    if backend == "memory":
        return open_store("memory:")
    if backend == "virtuoso":
        from tests.virtuoso import virtuoso_store

        return virtuoso_store(name)
    raise ValueError(backend)


# -- reading what the store and the pages say --------------------------------------------------------------
def solutions(result: QueryResult) -> list[QuerySolution]:
    """The rows of a raw SELECT result (as the SPARQL endpoint gets them)."""
    assert isinstance(result, QuerySolutions), type(result)
    return list(result)


def rows(store: Store, query: str) -> list[str]:
    """The first column of a SELECT over the store (the usual prefixes declared)."""
    return [term_value(r[0]) for r in solutions(store.query(PROLOGUE + query))]


def works(store: Store) -> list[str]:
    """Every work IRI, sorted."""
    return rows(store, "SELECT DISTINCT ?w WHERE { ?w dcterms:type ?t } ORDER BY ?w")


def store_values(store: Store, work: str, prop: str) -> set[str]:
    """The values of a property path from a work."""
    return set(rows(store, f"SELECT ?v WHERE {{ <{work}> {prop} ?v }}"))


def person_named(store: Store, family: str, given: str | None = None) -> str:
    """The published person with this family (and given) name: the one IRI identity gave them."""
    given_clause = f'; foaf:givenName "{given}"' if given else ""
    found = rows(store, f'SELECT DISTINCT ?p WHERE {{ ?p a foaf:Person ; foaf:familyName "{family}" {given_clause} }}')
    assert len(found) == 1, (family, given, found)
    return found[0]


def one_of_each_kind(store: Store) -> dict[str, str]:
    """One resource per kind of thing under /id/ (person, org, journal, volume, issue, concept ...)."""
    subjects = rows(store, f'SELECT DISTINCT ?s WHERE {{ ?s ?p ?o FILTER(STRSTARTS(STR(?s), "{BASE}id/") '
                           '&& !CONTAINS(STR(?s), "#")) FILTER NOT EXISTS { ?s lodpub:canonical ?c } } ORDER BY ?s')
    found: dict[str, str] = {}
    for s in subjects:
        parts = s[len(BASE) + 3:].split("/")
        kind = parts[-2] if parts[0] == "journal" and len(parts) >= 4 else parts[0]
        found.setdefault(kind, s)
    return found


def path_of(iri: str, prefix: str = "doc") -> str:
    """The site path of one of our IRIs under /doc/ (or ``prefix``)."""
    return f"/{prefix}/" + iri[len(BASE) + 3:]


def links(response: TestResponse) -> list[tuple[str, dict[str, str]]]:
    """The Link header as (target, {param: value})."""
    header = response.headers.get("Link", "")
    return [(m[1], dict(re.findall(r'([a-zA-Z-]+)="([^"]*)"', m[2]))) for m in LINK.finditer(header)]


def parse(body: bytes, key: str) -> Dataset:
    """Parse an RDF response with rdflib (JSON-LD with its inline context; no network)."""
    from publisher.render.citations.schemaorg import shipped_context

    ds = Dataset()
    data = json.loads(body)
    if key == "jsonld" and isinstance(data.get("@context"), str):  # Schema.org JSON-LD refers to our context URL
        data["@context"] = shipped_context()["@context"]
    ds.parse(data=json.dumps(data) if key == "jsonld" else body, format=RDF_FORMATS[key][2], publicID=BASE)
    return ds


def parse_any(body: bytes, key: str) -> Dataset:
    """Like :func:`parse`, for formats that are not JSON."""
    if key == "jsonld":
        return parse(body, key)
    ds = Dataset()
    ds.parse(data=body, format=RDF_FORMATS[key][2], publicID=BASE)
    return ds


# -- servers and tripwires ---------------------------------------------------------------------------------
def serving_settings(store: Store) -> dict[str, str]:
    """The LODPUB_STORE* settings for a server process over the same data as ``store`` (a test fixture's)."""
    spec = store.reopen_spec()
    if spec:
        return {"LODPUB_STORE": spec}
    from publisher.store.remote import RemoteStore

    if isinstance(store, RemoteStore):
        from tests.virtuoso import server

        return server("loaded").settings  # the Virtuoso server behind conftest's loaded_store
    need(False, f"a server process over {store.description}")
    return {}


@contextmanager
def running_server(store: dict[str, str] | Path, kind: str = "gunicorn", **env: str) -> Iterator[str]:
    """A server process on loopback over a data directory (or LODPUB_STORE* settings); yields its base URL."""
    settings = store if isinstance(store, dict) else {"LODPUB_STORE": str(store)}
    with servers.lodpub({**settings, **env}, kind=kind) as running:
        yield running.url


class Listener:
    """A loopback TCP listener that records every connection made to it."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.address = f"127.0.0.1:{self.sock.getsockname()[1]}"
        self.connections: list[bytes] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            conn.settimeout(1)
            try:
                self.connections.append(conn.recv(300) or b"(connected)")
            except OSError:
                self.connections.append(b"(connected)")
            conn.close()

    def close(self) -> None:
        """Stop listening."""
        self._stop.set()
        self._thread.join()
        self.sock.close()


class Tripwire:
    """A FIFO that records whether anything ever opened it for reading (a regular file cannot tell)."""

    def __init__(self, directory: Path) -> None:
        self.path = directory / "secret.nt"
        os.mkfifo(self.path)
        self.opened = False
        self._releasing = False
        self._thread = threading.Thread(target=self._wait, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        """The FIFO as a file: URL."""
        return self.path.as_uri()

    def _wait(self) -> None:
        fd = os.open(self.path, os.O_WRONLY)  # blocks until a reader opens the FIFO
        self.opened = not self._releasing
        os.close(fd)

    def close(self) -> bool:
        """Stop watching; True if something other than this method opened the FIFO."""
        self._releasing = True
        fd = os.open(self.path, os.O_RDONLY | os.O_NONBLOCK)
        self._thread.join(5)
        os.close(fd)
        return self.opened


# -- a record that tries to break out of HTML --------------------------------------------------------------
HOSTILE = "</script><script>alert(1)</script> <!--"
HOSTILE_RECORD = """<?xml version="1.0" encoding="utf-8"?>
<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">
  <responseDate>2024-03-18T10:21:07Z</responseDate>
  <request verb="ListRecords" metadataPrefix="oai_dc">https://repository.example.org/cgi/oai2</request>
  <ListRecords><record>
    <header><identifier>oai:repository.example.org:1</identifier><datestamp>2024-01-02T03:04:05Z</datestamp></header>
    <metadata>
      <oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/">
        <dc:title>Hostile &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &lt;!-- title</dc:title>
        <dc:creator>Tester, Ann</dc:creator>
        <dc:subject>Injection &lt;!-- studies</dc:subject>
        <dc:description>Abstract &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &lt;!-- end</dc:description>
        <dc:date>2020</dc:date>
        <dc:type>Article</dc:type>
        <dc:source>Journal of &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; Studies, 1(2), 3-4</dc:source>
        <dc:relation>https://repository.example.org/id/eprint/1/</dc:relation>
      </oai_dc:dc>
    </metadata>
  </record></ListRecords>
</OAI-PMH>
"""
HOSTILE_TITLE = f"Hostile {HOSTILE} title"
HOSTILE_ABSTRACT = f"Abstract {HOSTILE} end"
