"""The OAI-PMH 2.0 provider at /oai (publisher/oai/): the six verbs over GET and POST, the protocol's errors,
resumption tokens that survive an ingest and expire, sets, from/until, and persistent deletions."""

from __future__ import annotations

import base64
import json
import time
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from lxml import etree

from mappings.uris import Minter
from publisher.ingest.delete import delete_records, find_graphs
from publisher.store import Store
from tests.helpers import BASE, SAMPLES, ingest_samples, make_store, works

NS = {"o": "http://www.openarchives.org/OAI/2.0/", "dc": "http://purl.org/dc/elements/1.1/",
      "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#"}
SETTINGS: dict[str, Any] = {"LODPUB_BASE_URI": BASE, "TESTING": True, "LODPUB_OAI_PAGE_SIZE": 4,
            "LODPUB_OAI_ADMIN_EMAIL": "repository@example.org", "LODPUB_OAI_REPOSITORY_ID": "data.example.org",
            "LODPUB_OAI_REPOSITORY_NAME": "Example <Research> & Data"}


def make_app(store: Store) -> Flask:
    """The app over a store, with the OAI settings of these tests."""
    from publisher.web.app import create_app

    return create_app(store, **SETTINGS)


@pytest.fixture()
def fresh(tmp_path: Path) -> Store:
    """A store of its own holding the samples (these tests change it)."""
    store = make_store("oxigraph", tmp_path)
    ingest_samples(store)
    return store


def ask(client: FlaskClient, method: str = "GET", **args: str) -> etree._Element:
    """One request; its parsed answer."""
    response = client.get("/oai", query_string=args) if method == "GET" else client.post("/oai", data=args)
    assert response.status_code == 200 and response.mimetype == "text/xml"
    return etree.fromstring(response.data)


def error_of(answer: etree._Element) -> str | None:
    """The error code of an answer (None: no error)."""
    found = answer.find("o:error", NS)
    return None if found is None else found.get("code")


def harvest(client: FlaskClient, verb: str = "ListRecords", **args: str) -> list[etree._Element]:
    """Every header or record of a list, following resumption tokens."""
    items: list[etree._Element] = []
    answer = ask(client, verb=verb, **args)
    while True:
        if error_of(answer) == "noRecordsMatch":
            return items
        assert error_of(answer) is None, etree.tostring(answer)
        items += answer.findall(f"o:{verb}/o:record" if verb == "ListRecords" else f"o:{verb}/o:header", NS)
        token = answer.findtext(f"o:{verb}/o:resumptionToken", namespaces=NS)
        if not token:
            return items
        answer = ask(client, verb=verb, resumptionToken=token)


def identifiers(items: list[etree._Element]) -> list[str]:
    """The identifiers of headers or records."""
    return [i.findtext(".//o:identifier", namespaces=NS) or "" for i in items]


def as_work(identifier: str) -> str:
    """The work an identifier names."""
    return BASE + "id/" + identifier.removeprefix("oai:data.example.org:")


def test_identify(loaded_store: Store) -> None:
    answer = make_app(loaded_store).test_client().get("/oai?verb=Identify")
    root = etree.fromstring(answer.data)
    assert root.findtext("o:Identify/o:repositoryName", namespaces=NS) == "Example <Research> & Data"
    assert root.findtext("o:Identify/o:adminEmail", namespaces=NS) == "repository@example.org"
    assert root.findtext("o:Identify/o:deletedRecord", namespaces=NS) == "persistent"
    assert root.findtext("o:Identify/o:granularity", namespaces=NS) == "YYYY-MM-DDThh:mm:ssZ"
    assert root.findtext("o:Identify/o:baseURL", namespaces=NS) == BASE + "oai"
    assert "data.example.org" in answer.data.decode() and "oai-identifier" in answer.data.decode()


def test_every_work_in_every_format_get_and_post(loaded_store: Store) -> None:
    client = make_app(loaded_store).test_client()
    expected = set(works(loaded_store))
    for prefix in ("oai_dc", "uketd_dc", "rdf"):
        records = harvest(client, metadataPrefix=prefix)
        assert sorted(map(as_work, identifiers(records))) == sorted(expected), prefix
        assert all(r.find("o:metadata", NS) is not None for r in records)
    headers = harvest(client, "ListIdentifiers", metadataPrefix="oai_dc")
    assert set(map(as_work, identifiers(headers))) == expected
    one = identifiers(headers)[0]
    for method in ("GET", "POST"):
        record = ask(client, method, verb="GetRecord", identifier=one, metadataPrefix="oai_dc")
        assert record.findtext(".//dc:title", namespaces=NS)
        assert one in (record.findtext(".//dc:identifier", namespaces=NS) or "") or \
            as_work(one) in [e.text for e in record.iterfind(".//dc:identifier", NS)]


def test_sets_partition_the_works(loaded_store: Store) -> None:
    client = make_app(loaded_store).test_client()
    specs = [s.text or "" for s in ask(client, verb="ListSets").iterfind(".//o:setSpec", NS)]
    assert "type" in specs and "source" in specs and "type:thesis" in specs
    everything = set(identifiers(harvest(client, "ListIdentifiers", metadataPrefix="oai_dc")))
    by_type: set[str] = set()
    for spec in (s for s in specs if s.startswith("type:")):
        found = identifiers(harvest(client, "ListIdentifiers", metadataPrefix="oai_dc", set=spec))
        assert found and not by_type & set(found)
        by_type |= set(found)
    assert by_type == everything == set(identifiers(harvest(client, "ListIdentifiers", metadataPrefix="oai_dc",
                                                            set="type")))


@pytest.mark.parametrize(("args", "code"), [
    ({}, "badVerb"), ({"verb": "Explain"}, "badVerb"),
    ({"verb": "ListRecords"}, "badArgument"),
    ({"verb": "Identify", "extra": "1"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2020-13-01"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2020-01-01", "until": "2021-01-01T00:00:00Z"},
     "badArgument"),
    ({"verb": "ListRecords", "resumptionToken": "nonsense"}, "badResumptionToken"),
    ({"verb": "ListRecords", "resumptionToken": "x", "metadataPrefix": "oai_dc"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "marc21"}, "cannotDisseminateFormat"),
    ({"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": "oai:data.example.org:work/none"},
     "idDoesNotExist"),
    ({"verb": "ListMetadataFormats", "identifier": "oai:elsewhere.org:1"}, "idDoesNotExist"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "until": "1990-01-01"}, "noRecordsMatch"),
    ({"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "set": "type:no-such-type"}, "noRecordsMatch"),
    ({"verb": "ListSets", "resumptionToken": "x"}, "badResumptionToken"),
])
def test_errors(loaded_store: Store, args: dict[str, str], code: str) -> None:
    client = make_app(loaded_store).test_client()
    for method in ("GET", "POST"):
        answer = ask(client, method, **args)
        assert error_of(answer) == code, etree.tostring(answer)
        if code in ("badVerb", "badArgument"):
            assert not answer.find("o:request", NS).attrib


def test_a_repeated_argument_is_bad(loaded_store: Store) -> None:
    client = make_app(loaded_store).test_client()
    answer = etree.fromstring(client.get("/oai?verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=rdf").data)
    assert error_of(answer) == "badArgument"
    answer = etree.fromstring(client.get("/oai?verb=Identify&verb=Identify").data)
    assert error_of(answer) == "badVerb"


def test_an_expired_or_foreign_token_is_refused(loaded_store: Store) -> None:
    client = make_app(loaded_store).test_client()
    token = ask(client, verb="ListIdentifiers", metadataPrefix="oai_dc").findtext(".//o:resumptionToken",
                                                                                  namespaces=NS) or ""
    fields = json.loads(base64.urlsafe_b64decode(token))
    assert error_of(ask(client, verb="ListRecords", resumptionToken=token)) == "badResumptionToken"
    fields["expires"] = int(time.time()) - 1
    expired = base64.urlsafe_b64encode(json.dumps(fields).encode()).decode()
    assert error_of(ask(client, verb="ListIdentifiers", resumptionToken=expired)) == "badResumptionToken"


def test_tokens_stay_correct_while_an_ingest_runs_and_deletions_persist(fresh: Store, tmp_path: Path) -> None:
    client = make_app(fresh).test_client()
    before = set(works(fresh))
    first = ask(client, verb="ListIdentifiers", metadataPrefix="oai_dc")
    seen = identifiers(first.findall(".//o:header", NS))
    token = first.findtext(".//o:resumptionToken", namespaces=NS)
    time.sleep(1.1)
    minter = Minter(BASE)
    gone = sorted(before)[-1]  # not yet listed: the list goes in (datestamp, identifier) order
    ingest_samples(fresh, [SAMPLES / "crossref"])  # unchanged: no event
    delete_records(fresh, minter, find_graphs(fresh, gone, minter))
    while token:
        answer = ask(client, verb="ListIdentifiers", resumptionToken=token)
        seen += identifiers(answer.findall(".//o:header", NS))
        token = answer.findtext(".//o:resumptionToken", namespaces=NS)
    assert len(seen) == len(set(seen))  # no record twice
    assert set(map(as_work, seen)) == before - {gone}  # the deleted one changed after the frozen until
    headers = harvest(client, "ListIdentifiers", metadataPrefix="oai_dc")
    deleted = [h for h in headers if h.get("status") == "deleted"]
    assert [as_work(i) for i in identifiers(deleted)] == [gone]
    stamp = deleted[0].findtext("o:datestamp", namespaces=NS) or ""
    changed = harvest(client, "ListRecords", metadataPrefix="oai_dc", **{"from": stamp})
    assert gone in map(as_work, identifiers(changed)) and len(changed) < len(before) // 2
    assert all((r.findtext(".//o:datestamp", namespaces=NS) or "") >= stamp for r in changed)
    for record in changed:
        header = record.find("o:header", NS)
        assert header is not None and (header.get("status") == "deleted") == (record.find("o:metadata", NS) is None)
    record = ask(client, verb="GetRecord", metadataPrefix="rdf", identifier=identifiers(deleted)[0])
    assert [h.get("status") for h in record.iterfind(".//o:header", NS)] == ["deleted"]
    later = harvest(client, "ListIdentifiers", metadataPrefix="oai_dc", **{"from": "2999-01-01"})
    assert later == []


def test_the_home_page_and_the_dataset_description_announce_oai(client: FlaskClient) -> None:
    home = client.get("/").data.decode()
    assert f'{BASE}oai</code>' in home and 'href="/oai?verb=Identify"' in home
    void = client.get("/dataset", headers={"Accept": "text/turtle"}).data.decode()
    assert f"<{BASE}oai>" in void and "openarchivesprotocol" in void
