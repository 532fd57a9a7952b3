"""``lodpub harvest oai`` against a loopback server replaying real recorded OAI-PMH responses (Zenodo, Dryad,
INSPIRE; tests/real/records/oai-responses/*/REQUESTS.tsv says which request each file answered): resumption
tokens, a deleted record, OAI-PMH errors (noRecordsMatch, badResumptionToken, badArgument), 503 + Retry-After,
the incremental second run, and the bounds (size, scheme)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyoxigraph import NamedNode

from mappings.uris import Minter
from publisher import config
from publisher.cli import main
from publisher.harvest.fetch import Fetcher, FetchError, retry_after
from publisher.harvest.oai import ListRecords
from publisher.harvest.run import HarvestOptions, harvest_oai
from publisher.harvest.state import last_datestamp
from publisher.ingest.rejects import RejectReport
from publisher.store import Store, open_store
from tests.helpers import BASE
from tests.oai_replay import RESPONSES, Answer, Replay, replaying, token_of

ZENODO = RESPONSES / "zenodo-oaipmh-scythe"
DRYAD = RESPONSES / "scrapi-dryad-dspace"
INSPIRE = RESPONSES / "arxiv-inspire-invenio-oaiharvester"
DELETED = "oai:zenodo.org:8433364"  # live in the software set's page, deleted in the ListRecords page 2
LAST_DATESTAMP = "2026-06-08T08:46:03Z"  # the latest datestamp of the recorded oai_dc chain
UNPROCESSABLE = {"Content-Type": "text/xml; charset=utf-8"}


def zenodo() -> Replay:
    """Zenodo's recorded answers, at the paths and queries they were recorded for."""
    replay = Replay()
    first = {"verb": "ListRecords", "metadataPrefix": "oai_dc"}
    replay.add("/oai2d", first, Answer(ZENODO / "ListRecords-oai_dc-page1.xml"))
    for page in (1, 2):
        token = token_of(ZENODO / f"ListRecords-oai_dc-page{page}.xml")
        replay.add("/oai2d", {"verb": "ListRecords", "resumptionToken": token},
                   Answer(ZENODO / f"ListRecords-oai_dc-page{page + 1}.xml"))
    replay.add("/oai2d", {**first, "set": "software"}, Answer(ZENODO / "ListRecords-oai_dc-set-software-page1.xml"))
    software_next = token_of(ZENODO / "ListRecords-oai_dc-set-software-page1.xml")  # its page 2 was not recorded:
    replay.add("/oai2d", {"verb": "ListRecords", "resumptionToken": software_next},  # answer as Zenodo did to a bad one
               Answer(ZENODO / "ListRecords-badResumptionToken.xml", 422, UNPROCESSABLE))
    replay.add("/oai2d", {**first, "from": LAST_DATESTAMP},
               Answer(ZENODO / "ListRecords-noRecordsMatch-from2030.xml", 422, UNPROCESSABLE))
    replay.add("/oai2d", {"verb": "ListRecords", "metadataPrefix": "XXX"},
               Answer(ZENODO / "ListRecords-badArgument-prefixXXX.xml", 422, UNPROCESSABLE))
    return replay


def harvest(store: Store, url: str, prefix: str = "oai_dc", set_spec: str | None = None,
            fetcher: Fetcher | None = None, from_date: str | None = None, report: Path | None = None) -> object:
    """Harvest into ``store`` in this process (rejected records into ``report`` when given)."""
    rejects = RejectReport(str(report) if report else None)
    options = HarvestOptions(config.load().input_limits(), rejects)
    listing = ListRecords(url, prefix, set_spec, from_date)
    with rejects:
        return harvest_oai(store, Minter(BASE), listing, fetcher or Fetcher(sleep=lambda _s: None), options)


def published_work_of(store: Store, graph: str) -> set[str]:
    """The works a record graph is about, as the published view lists them."""
    rows = store.select(f"SELECT ?w WHERE {{ ?w <http://www.w3.org/ns/prov#wasDerivedFrom> {NamedNode(graph)} }}")
    return {str(row["w"].value) for row in rows}


PROVENANCE = ("https://w3id.org/lodpub/ns#sourceFile", "https://w3id.org/lodpub/ns#contentHash",
              "http://www.w3.org/ns/prov#endedAtTime")


def said(store: Store, graph: str) -> set[str]:
    """What a record graph says, without where and when lodpub read it."""
    return {f"{q.subject} {q.predicate} {q.object}" for q in store.match(graph=graph)
            if q.predicate.value not in PROVENANCE}


def test_tokens_deletion_errors_and_incremental_run(tmp_path: Path) -> None:
    """A set harvest stopped by badResumptionToken keeps its records and its start; the full chain follows two
    tokens and deletes the record Zenodo reports deleted (record graph and published work); the second run asks
    from the last datestamp and takes noRecordsMatch as 'nothing new'."""
    store = open_store(str(tmp_path / "store"), writable=True)
    minter = Minter(BASE)
    gone = minter.graph_for("oai-dc", DELETED)
    with replaying(zenodo()) as replay:
        url = replay.url + "/oai2d"
        first = harvest(store, url, set_spec="software")
        assert first.failure and "badResumptionToken" in first.failure  # type: ignore[attr-defined]
        assert first.ingest.read == 50 and first.ingest.rejected == 0  # type: ignore[attr-defined]
        assert store.has_graph(gone) and published_work_of(store, gone)
        assert last_datestamp(store, url, "oai_dc", "software") is None  # failed: the next run starts over

        second = harvest(store, url)
        assert second.failure is None and second.pages == 3  # type: ignore[attr-defined]
        assert second.ingest.read == 8 and second.deleted == 1  # type: ignore[attr-defined]
        assert not store.has_graph(gone) and not published_work_of(store, gone)
        tokens = [q["resumptionToken"] for _p, q in replay.requests if "resumptionToken" in q]
        assert tokens[-2:] == [token_of(ZENODO / f"ListRecords-oai_dc-page{n}.xml") for n in (1, 2)]
        assert last_datestamp(store, url, "oai_dc", None) == LAST_DATESTAMP

        third = harvest(store, url)
        assert replay.requests[-1][1] == {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": LAST_DATESTAMP}
        assert third.failure is None and third.ingest.read == 0  # type: ignore[attr-defined]

        bad = harvest(store, url, prefix="XXX")
        assert bad.failure and "badArgument" in bad.failure  # type: ignore[attr-defined]
    assert "urn:x-lodpub:harvest" not in set(store.named_graphs())
    store.close()


def test_retry_after_is_honoured_and_bounded(tmp_path: Path) -> None:
    """A 503 with Retry-After is waited out (as asked, but never longer than max_wait), then the page is read."""
    replay = Replay()
    page = Answer(INSPIRE / "sample_inspire_response_listrecords.xml")
    query = {"verb": "ListRecords", "metadataPrefix": "marcxml"}
    busy = Answer(b"busy", 503, {"Retry-After": "1", "Content-Type": "text/plain"})
    replay.add("/oai2d", query, busy, Answer(b"busy", 503, {"Retry-After": "3600"}), page)
    store = open_store("memory:", writable=True)
    slept: list[float] = []
    with replaying(replay) as server:
        fetcher = Fetcher(max_wait=2.0, sleep=slept.append)
        summary = harvest(store, server.url + "/oai2d", prefix="marcxml", fetcher=fetcher,
                          report=tmp_path / "rejected.tsv")
    assert slept == [1.0, 2.0]
    # INSPIRE's two conference records carry no 245: the MARC parser refuses them, as `lodpub ingest` of the same
    # response does, naming each by its OAI identifier at its line in the response
    assert summary.failure is None and summary.ingest.reasons == {"no title (245 $a)": 2}  # type: ignore[attr-defined]
    lines = (tmp_path / "rejected.tsv").read_text(encoding="utf-8").splitlines()[1:]
    assert [line.split("\t")[2:5] for line in lines] == [["12", "oai:inspirehep.net:972855", "245"],
                                                         ["34", "oai:inspirehep.net:974318", "245"]]
    store.close()


def test_retries_are_bounded() -> None:
    """A server that stays busy ends the request after the allowed retries, with backoff when it names no time."""
    replay = Replay()
    replay.add("/oai", {}, Answer(b"down", 503, {"Content-Type": "text/plain"}))
    slept: list[float] = []
    with replaying(replay) as server, pytest.raises(FetchError, match="gave up after 4 attempts"):
        Fetcher(retries=3, backoff=0.5, sleep=slept.append).get(server.url + "/oai")
    assert slept == [0.5, 1.0, 2.0]
    assert retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412470.0) == 10.0


def test_cli_harvests_a_dspace_chain_with_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`lodpub harvest oai` follows Dryad's three recorded pages (294 records), prints the ingest's summary and
    writes the rejected-records report; a second run finds them unchanged."""
    replay = Replay()
    query = {"verb": "ListRecords", "metadataPrefix": "oai_dc"}
    replay.add("/oai/request", query, Answer(DRYAD / "ListRecords-page1.xml"))
    for page in (1, 2):
        token = token_of(DRYAD / f"ListRecords-page{page}.xml")
        replay.add("/oai/request", {"verb": "ListRecords", "resumptionToken": token},
                   Answer(DRYAD / f"ListRecords-page{page + 1}.xml"))
    store, report = str(tmp_path / "store"), str(tmp_path / "rejected.tsv")
    with replaying(replay) as server:
        argv = ["harvest", "oai", server.url + "/oai/request", "--metadata-prefix", "oai_dc", "--store", store,
                "--base", BASE, "--report", report, "--progress", "none", "--full"]
        assert main(argv) == 1  # Dryad's data-file records have no dc:title: rejected, as `lodpub ingest` does
        err = capsys.readouterr().err
        assert "3 pages" in err and "162 records read: 162 written, 0 unchanged, 132 rejected" in err
        assert main(argv) == 1
        assert "162 unchanged" in capsys.readouterr().err
    assert len(Path(report).read_text(encoding="utf-8").splitlines()) == 1 + 132
    files = [str(DRYAD / f"ListRecords-page{n}.xml") for n in (1, 2, 3)]
    ingested = str(tmp_path / "ingested")
    assert main(["ingest", *files, "--store", ingested, "--base", BASE, "--report", report, "--progress", "none",
                 "--jobs", "1"]) == 1
    capsys.readouterr()
    harvested, direct = open_store(store), open_store(ingested)
    try:  # the same records, graph for graph, saying the same but for where they came from and when
        graphs = set(direct.named_graphs())
        assert set(harvested.named_graphs()) == graphs and len(graphs) == 162
        for graph in graphs:
            assert said(harvested, graph) == said(direct, graph), graph
    finally:
        harvested.close()
        direct.close()


def test_bounds(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Only http(s) URLs; a response over the size limit and an answer that is not OAI-PMH stop the harvest."""
    assert Fetcher().error_bodies is False
    with pytest.raises(SystemExit, match="not an http"):
        main(["harvest", "oai", "file:///etc/passwd", "--metadata-prefix", "oai_dc", "--store", "memory:"])
    replay = Replay()
    replay.add("/oai", {"verb": "ListRecords", "metadataPrefix": "oai_dc"},
               Answer(ZENODO / "Identify-not-oai-html.xml", 200, {"Content-Type": "text/html"}))
    replay.add("/big", {"verb": "ListRecords", "metadataPrefix": "oai_dc"}, Answer(DRYAD / "ListRecords-page1.xml"))
    store = open_store("memory:", writable=True)
    with replaying(replay) as server:
        html = harvest(store, server.url + "/oai")
        assert html.failure and "not well-formed" in html.failure or "not OAI-PMH" in str(html.failure)  # type: ignore[attr-defined]
        big = harvest(store, server.url + "/big", fetcher=Fetcher(max_bytes=10_000))
        assert big.failure and "larger than 10000 bytes" in big.failure  # type: ignore[attr-defined]
    store.close()


CHAINS = [  # recorded chains: directory, path, first query, pages (REQUESTS.tsv beside each)
    ("scrapi-asu", "/oai-pmh", {"from": "2015-03-10", "until": "2015-03-11"}, 2),  # a token holding '%' signs
    ("scrapi-spdataverse", "/dvn/OAIHandler", {"from": "2015-04-21", "until": "2015-04-22"}, 2),  # deletions
    ("scrapi-calpoly-bepress", "/do/oai/", {"from": "2015-03-10", "until": "2015-03-11"}, 3),
    ("scrapi-lshtm-eprints", "/cgi/oai2", {"from": "2015-10-19T00:00:00Z", "until": "2015-10-21T00:00:00Z"}, 1),
]


@pytest.mark.parametrize(("name", "path", "window", "pages"), CHAINS, ids=[c[0] for c in CHAINS])
def test_recorded_chains(name: str, path: str, window: dict[str, str], pages: int) -> None:
    """DSpace, Dataverse, bepress and EPrints chains: every page read, every record either published or reported,
    the deleted ones counted (none of them was in the store)."""
    directory = RESPONSES / name
    replay = Replay()
    first = {"verb": "ListRecords", "metadataPrefix": "oai_dc", **window}
    replay.add(path, first, Answer(directory / "ListRecords-page1.xml"))
    for page in range(1, pages):
        token = token_of(directory / f"ListRecords-page{page}.xml")
        replay.add(path, {"verb": "ListRecords", "resumptionToken": token},
                   Answer(directory / f"ListRecords-page{page + 1}.xml"))
    texts = [(directory / f"ListRecords-page{n}.xml").read_text(encoding="utf-8") for n in range(1, pages + 1)]
    deleted = sum(text.count('status="deleted"') for text in texts)
    records = sum(text.count("<header") for text in texts) - deleted
    store = open_store("memory:", writable=True)
    with replaying(replay) as server:
        listing = ListRecords(server.url + path, "oai_dc", None, window["from"], window["until"])
        summary = harvest_oai(store, Minter(BASE), listing, Fetcher(sleep=lambda _s: None),
                              HarvestOptions(config.load().input_limits()))
    assert summary.failure is None and summary.pages == pages
    assert summary.ingest.read + summary.ingest.rejected == records
    assert summary.deleted == 0 and summary.deleted_unknown == deleted
    assert len(set(store.named_graphs())) == summary.ingest.written > 0
    store.close()
