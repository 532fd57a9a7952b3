"""A loopback HTTP server that replays recorded responses (real OAI-PMH answers, EP3 exports) by request."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from tests.helpers import REPO

RESPONSES = REPO / "tests" / "real" / "records" / "oai-responses"


@dataclass
class Answer:
    """One recorded answer: the body's file, the HTTP status and the headers it came with."""

    body: Path | bytes
    status: int = 200
    headers: Mapping[str, str] = field(default_factory=lambda: {"Content-Type": "text/xml; charset=utf-8"})


@dataclass
class Replay:
    """What the server answers: (path, frozenset of query pairs) -> answers, the first used up first (a queue; the
    last one stays); every request is logged as (path, query dict)."""

    answers: dict[tuple[str, frozenset[tuple[str, str]]], list[Answer]] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    url: str = ""

    def add(self, path: str, query: Mapping[str, str], *answers: Answer) -> None:
        """Answer a GET of ``path`` with exactly ``query`` with ``answers`` in turn."""
        self.answers.setdefault((path, frozenset(query.items())), []).extend(answers)

    def answer(self, path: str, query: dict[str, str]) -> Answer | None:
        """The answer to a request, if one was recorded."""
        queue = self.answers.get((path, frozenset(query.items())))
        if not queue:
            return None
        return queue.pop(0) if len(queue) > 1 else queue[0]


def token_of(path: Path) -> str:
    """The resumption token a recorded ListRecords page ends with."""
    text = path.read_text(encoding="utf-8")
    start = text.index("<resumptionToken")
    return text[text.index(">", start) + 1: text.index("</resumptionToken>", start)].strip()


@contextmanager
def replaying(replay: Replay) -> Iterator[Replay]:
    """Serve ``replay`` on 127.0.0.1 (a free port) while the block runs; ``replay.url`` is the server's root."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the http.server name
            parts = urlsplit(self.path)
            query = dict(parse_qsl(parts.query, keep_blank_values=True))
            replay.requests.append((parts.path, query))
            found = replay.answer(parts.path, query)
            if found is None:
                self.send_error(404, "nothing recorded for this request")
                return
            body = found.body if isinstance(found.body, bytes) else found.body.read_bytes()
            self.send_response(found.status)
            for name, value in found.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - quiet
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    replay.url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield replay
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
