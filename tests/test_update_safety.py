"""Administrators' updates under a time limit, logged, with a recovery snapshot before DROP/CLEAR, and wrong
passwords throttled (issue 18, items 8 and 10). The server reads the store as in production: its own read-only
view, the update in a child process holding the write lock."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from publisher.sparql.runtime import shutdown
from publisher.sparql.update_runner import destructive
from publisher.store import open_store
from publisher.web.app import create_app
from tests.helpers import BASE, REPO, SAMPLES, ingest_samples

USER, PASSWORD = "admin", "correct horse"
GOOD = {"Authorization": "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()}
BAD = {"Authorization": "Basic " + base64.b64encode(f"{USER}:wrong".encode()).decode()}
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
SLOW = ("INSERT { GRAPH <http://example.org/g> { ?a <http://example.org/p> ?c } } WHERE { BIND(1 AS ?a) "
        "GRAPH ?g1 { ?x ?y ?z } GRAPH ?g2 { ?q ?w ?e } GRAPH ?g3 { ?r ?t ?c } }")


@pytest.fixture()
def served(tmp_path: Path) -> Iterator[tuple[FlaskClient, Path]]:
    """A client of an app over its own read-only view of a store holding the EP3 samples."""
    data = tmp_path / "data"
    writer = open_store(str(data), writable=True)
    ingest_samples(writer, [SAMPLES / "eprints-xml"])
    writer.close()
    app = create_app(open_store(str(data)), LODPUB_BASE_URI=BASE, TESTING=True, LODPUB_ADMIN_USER=USER,
                     LODPUB_ADMIN_PASSWORD=PASSWORD, LODPUB_UPDATE_TIMEOUT=3)
    yield app.test_client(), data
    shutdown(app)


def count(client: FlaskClient) -> int:
    response = client.get("/sparql", query_string={"query": COUNT},
                          headers={"Accept": "application/sparql-results+json"})
    return int(response.get_json()["results"]["bindings"][0]["n"]["value"])


def update(client: FlaskClient, text: str, headers: dict[str, str] = GOOD) -> tuple[int, str]:
    response = client.post("/sparql/update", data=text, content_type="application/sparql-update", headers=headers)
    return response.status_code, response.get_data(as_text=True)


@pytest.mark.parametrize("text, found", [("DROP ALL", "DROP"), ("clear graph <http://x/g>", "CLEAR"),
                                         ("INSERT DATA { <http://x/a> <http://x/p> 'DROP ALL' }", None),
                                         ("# DROP ALL\nINSERT DATA { <http://x/a> <http://x/p> 1 }", None),
                                         ("MOVE <http://x/a> TO <http://x/b>", "MOVE")])
def test_destructive_updates_are_recognised(text: str, found: str | None) -> None:
    assert destructive(text) == found


def test_drop_all_keeps_a_snapshot_that_restores(served: tuple[FlaskClient, Path]) -> None:
    client, data = served
    before = count(client)
    status, message = update(client, "DROP ALL")
    assert status == 200 and "recovery snapshot" in message, message
    assert count(client) == 0
    log = [json.loads(line) for line in (data / "updates.log").read_text().splitlines()]
    assert log[-1]["who"] == USER and log[-1]["client"] == "127.0.0.1" and log[-1]["update"] == "DROP ALL"
    assert log[-1]["status"] == 200 and log[-1]["snapshot"] and log[-1]["at"]
    cli = [sys.executable, "-m", "publisher.cli", "recovery"]
    listed = subprocess.run([*cli, "list", "--store", str(data)], cwd=REPO, capture_output=True, text=True)
    assert log[-1]["snapshot"] in listed.stdout
    restored = subprocess.run([*cli, "restore", log[-1]["snapshot"], "--store", str(data)], cwd=REPO,
                              capture_output=True, text=True)
    assert restored.returncode == 0, restored.stderr
    assert count(client) == before


def test_an_update_over_the_time_limit_is_stopped_and_releases_the_lock(served: tuple[FlaskClient, Path]) -> None:
    client, data = served
    before = count(client)
    started = time.monotonic()
    status, message = update(client, SLOW)
    assert status == 503 and "LODPUB_UPDATE_TIMEOUT" in message and "nothing was changed" in message, message
    assert time.monotonic() - started < 6
    assert count(client) == before
    open_store(str(data), writable=True).close()  # an ingest can take the lock at once
    assert json.loads((data / "updates.log").read_text().splitlines()[-1])["status"] == 503


def test_refused_updates_are_logged_too(served: tuple[FlaskClient, Path]) -> None:
    client, data = served
    status, _ = update(client, "LOAD <http://example.org/x>")
    assert status == 400
    entry = json.loads((data / "updates.log").read_text().splitlines()[-1])
    assert entry["status"] == 400 and entry["update"].startswith("LOAD")


def test_wrong_passwords_are_throttled_even_before_the_right_one(served: tuple[FlaskClient, Path]) -> None:
    client, _ = served
    statuses = [update(client, "CLEAR ALL", BAD)[0] for _ in range(6)]
    assert statuses == [401] * 5 + [429]
    status, message = update(client, "INSERT DATA { <http://x/a> <http://x/p> 1 }")
    assert status == 429 and "failed attempts" in message
