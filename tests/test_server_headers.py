"""What real HTTP servers send (not the Flask test client): exactly one Date header on every kind of answer,
under ``lodpub serve`` (Werkzeug) and gunicorn alike (issue 19: every response carried two)."""

from __future__ import annotations

import http.client
from urllib.parse import urlsplit

import pytest

from publisher.store import Store
from tests.helpers import BROWSER, path_of, running_server, serving_settings, works

PATHS = [("/", BROWSER), ("/dataset", "text/turtle"), ("/search?q=safe", BROWSER), ("/doi/10.9999/none", BROWSER),
         ("/doi/10.1108/MHRJ-06-2017-0021", "application/x-bibtex"), ("/no/such/page", BROWSER),
         ("/sparql?query=ASK%7B%7D", "application/sparql-results+json"), ("/healthz", "*/*")]


@pytest.mark.parametrize("kind", ["serve", "gunicorn"])
def test_every_answer_has_one_date_header(kind: str, loaded_store: Store) -> None:
    paths = [*PATHS, (path_of(works(loaded_store)[0]), BROWSER), (path_of(works(loaded_store)[0]), "text/turtle")]
    with running_server(serving_settings(loaded_store), kind=kind) as url:
        where = urlsplit(url)
        for path, accept in paths:
            for method in ("GET", "HEAD"):
                for _twice in range(2):  # the second answer may come from the page cache
                    conn = http.client.HTTPConnection(where.hostname or "", where.port, timeout=30)
                    conn.request(method, path, headers={"Accept": accept})
                    answer = conn.getresponse()
                    answer.read()
                    conn.close()
                    dates = answer.headers.get_all("Date") or []
                    assert len(dates) == 1, (kind, method, path, answer.status, dates)
