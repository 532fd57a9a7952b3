"""A time limit and cancellation for work a request starts: stop at the deadline, or when the client has left.

A web thread that keeps computing after its client gave up, or past any sensible time, is a thread pages
cannot have. Two pieces, for any view:

* :class:`ClientWatch` sees the client close its connection (the socket gunicorn or werkzeug's server puts in
  the WSGI environment: readable with nothing to read means closed). Its :meth:`~ClientWatch.fileno` can be
  polled beside a pipe, as the SPARQL query pool does while it waits for a worker's answer
  (``executor.run(job, timeout, watch=ClientWatch.of(request))``).
* :class:`WorkLimit` is a deadline plus a watch, for work done in the web thread itself (a search over an
  index, a loop over results): call :meth:`~WorkLimit.check` between steps; it raises :class:`Abandoned` once
  time is up or the client is gone. The view answers :meth:`Abandoned.status` (503 at the limit).

Usage::

    limit = WorkLimit.start(seconds=5, watch=ClientWatch.of(request))
    for hit in index.search(words):
        limit.check()      # Abandoned -> 503 "stopped after 5 s", or nothing sent to a client that left
        ...
"""

from __future__ import annotations

import select
import socket
import time
from dataclasses import dataclass
from typing import Any

from flask import Request

CLIENT_CLOSED = 499  # nginx's status for a request whose client went away: nobody reads it


class Abandoned(Exception):
    """Work stopped: past its time limit, or its client left."""

    def __init__(self, message: str, client_left: bool) -> None:
        super().__init__(message)
        self.client_left = client_left

    @property
    def status(self) -> int:
        """503 at the time limit; 499 when the client left (nobody reads that answer)."""
        return CLIENT_CLOSED if self.client_left else 503


class ClientWatch:
    """Whether the client of a request has closed its connection."""

    def __init__(self, sock: socket.socket | None) -> None:
        self.sock = sock
        self._gone = False

    @classmethod
    def of(cls, request: Request) -> ClientWatch:
        """The watch for a request (one that never fires when the server gives no socket)."""
        environ: dict[str, Any] = request.environ
        sock = environ.get("gunicorn.socket") or environ.get("werkzeug.socket")
        return cls(sock if isinstance(sock, socket.socket) and not hasattr(sock, "getpeercert") else None)

    def fileno(self) -> int | None:
        """The socket to poll for readability (None: nothing to watch)."""
        if self.sock is None or self._gone:
            return None
        try:
            return self.sock.fileno()
        except OSError:
            return None

    def gone(self) -> bool:
        """Whether the client has closed the connection (its half at least): checked without blocking."""
        if self._gone or self.sock is None:
            return self._gone
        try:
            ready, _, _ = select.select([self.sock], [], [], 0)
            if not ready:
                return False
            data = self.sock.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT)
        except BlockingIOError:
            return False
        except OSError:
            self._gone = True
            return True
        if data:  # the client sent more (a pipelined request): still there; stop watching this socket
            self.sock = None
            return False
        self._gone = True
        return True


@dataclass
class WorkLimit:
    """A deadline and a client watch for work done in the web thread."""

    deadline: float
    seconds: float
    watch: ClientWatch | None = None
    _checks: int = 0

    @classmethod
    def start(cls, seconds: float, watch: ClientWatch | None = None) -> WorkLimit:
        """A limit of ``seconds`` from now."""
        return cls(time.monotonic() + seconds, seconds, watch)

    def remaining(self) -> float:
        """Seconds left (never negative)."""
        return max(0.0, self.deadline - time.monotonic())

    def check(self) -> None:
        """Abandoned once past the deadline or once the client has left (the socket is looked at every 16th call)."""
        if time.monotonic() > self.deadline:
            raise Abandoned(f"stopped after {self.seconds:g} s, the time limit of this request", client_left=False)
        self._checks += 1
        if self.watch is not None and self._checks % 16 == 0 and self.watch.gone():
            raise Abandoned("the client left", client_left=True)
