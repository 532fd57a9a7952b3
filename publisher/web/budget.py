"""Per-client limits shared by every server process: work running at once, seconds of work per minute, failures.

gunicorn runs several processes; limits kept in each one's memory would let a client have that many times
its share. So the accounting lives in one small SQLite file that every process of a server opens (beside
the store: ``<data directory>/limits.sqlite``, or ``LODPUB_LIMITS_FILE``), each check one short
transaction (well under a millisecond). A client over a limit is told at once (:class:`Limited`, which the
views answer with 429 and ``Retry-After``); nothing waits.

Kinds of work are counted apart (``kind="sparql"``; the search will use its own), so each has its budget.
A client is an address (:func:`publisher.web.client.client_key`: the IPv4 address, an IPv6 /64). A process
killed while it ran work leaves rows behind: they are dropped once their process is gone, or when they are
older than any work may run.

Usage (any view, e.g. search)::

    budget = ClientBudget(path, kind="search", seconds_per_minute=30, max_running=1, longest=10)
    with budget.admitted(client_key(request.remote_addr)):   # Limited -> 429 + Retry-After
        ...the work, under a time limit (publisher.web.guard.WorkLimit)...
"""

from __future__ import annotations

import math
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

WINDOW = 60.0
BUSY_RETRY = 2  # seconds a client is asked to wait when every worker is busy
SATURATED_MEMORY = 0.25  # seconds a process refuses work at the door after finding the whole server saturated
WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Any]
SCHEMA = """
CREATE TABLE IF NOT EXISTS running (id INTEGER PRIMARY KEY, kind TEXT, client TEXT, pid INTEGER, started REAL);
CREATE INDEX IF NOT EXISTS running_client ON running (kind, client);
CREATE TABLE IF NOT EXISTS done (kind TEXT, client TEXT, finished REAL, seconds REAL);
CREATE INDEX IF NOT EXISTS done_client ON done (kind, client, finished);
CREATE TABLE IF NOT EXISTS events (kind TEXT, client TEXT, at REAL);
CREATE INDEX IF NOT EXISTS events_client ON events (kind, client, at);
"""


class Limited(Exception):
    """The client is over a limit (429); ``retry_after`` says when to come back (whole seconds)."""

    status = 429

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class Saturated(Limited):
    """The server as a whole runs as much of this work as it may (503): no client's fault."""

    status = 503


@dataclass(frozen=True)
class Ticket:
    """A piece of work admitted: its row, and when it started."""

    row: int
    client: str
    started: float


class SharedFile:
    """One SQLite connection per process to the shared file (reopened after a fork), used under a lock."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._pid = -1
        self._db: sqlite3.Connection | None = None

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """An immediate (write-locked) transaction over the file."""
        with self._lock:
            db = self._connect()
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")

    def _connect(self) -> sqlite3.Connection:
        if self._db is None or self._pid != os.getpid():
            os.makedirs(os.path.dirname(os.path.abspath(self.path)), exist_ok=True)
            db = sqlite3.connect(self.path, timeout=5.0, isolation_level=None, check_same_thread=False)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=OFF")  # counters, not records: losing the last second of them is fine
            db.executescript(SCHEMA)
            self._db, self._pid = db, os.getpid()
        return self._db


class ClientBudget:
    """One kind of work's limits per client: ``max_running`` at once, ``seconds_per_minute`` of it (0: none); and
    for the whole server, ``max_total`` at once (None: no such limit)."""

    def __init__(self, shared: SharedFile | str, *, kind: str, seconds_per_minute: float, max_running: int,
                 longest: float, window: float = WINDOW, max_total: int | None = None) -> None:
        self.shared = shared if isinstance(shared, SharedFile) else SharedFile(shared)
        self.kind, self.budget, self.max_running = kind, seconds_per_minute, max(1, max_running)
        self.longest, self.window = longest, window  # longest: no work runs longer (stale rows are older)
        self.max_total = max_total

    @contextmanager
    def admitted(self, client: str) -> Iterator[Ticket]:
        """Admit work from ``client`` (Limited if it may not run now) and charge its time afterwards."""
        ticket = self.admit(client)
        try:
            yield ticket
        finally:
            self.finish(ticket)

    def admit(self, client: str) -> Ticket:
        """Check the client's limits and register its work as running."""
        now = time.time()
        with self.shared.transaction() as db:
            running = db.execute("SELECT id, pid, started FROM running WHERE kind = ? AND client = ?",
                                 (self.kind, client)).fetchall()
            stale = [row for row, pid, started in running if started < now - self.longest - 30 or not _alive(pid)]
            if stale:
                db.executemany("DELETE FROM running WHERE id = ?", [(row,) for row in stale])
                running = [r for r in running if r[0] not in stale]
            if len(running) >= self.max_running:
                raise Limited(f"this client already has {len(running)} {self.kind} requests running, the most it "
                              "may have at once", 1 + int(min(5.0, self.longest / 4)))
            if self.max_total is not None and self._total(db, now) >= self.max_total:
                raise Saturated(f"the server is running as many {self.kind} requests as it may at once "
                                f"({self.max_total})", BUSY_RETRY)
            if self.budget > 0:
                used, wait = self._usage(db, client, now, [started for _, _, started in running])
                if used >= self.budget:
                    raise Limited(f"this client has used {used:.0f} s of {self.kind} time in the last "
                                  f"{self.window:g} s; the budget is {self.budget:g} s", wait)
            row = db.execute("INSERT INTO running (kind, client, pid, started) VALUES (?, ?, ?, ?)",
                             (self.kind, client, os.getpid(), now)).lastrowid
        return Ticket(int(row or 0), client, now)

    def _total(self, db: sqlite3.Connection, now: float) -> int:
        """Work of this kind running on the whole server (rows of dead processes, or too old, dropped first)."""
        db.execute("DELETE FROM running WHERE kind = ? AND started < ?", (self.kind, now - self.longest - 30))
        pids = [pid for (pid,) in db.execute("SELECT DISTINCT pid FROM running WHERE kind = ?", (self.kind,))]
        dead = [(self.kind, pid) for pid in pids if not _alive(pid)]
        if dead:
            db.executemany("DELETE FROM running WHERE kind = ? AND pid = ?", dead)
        return int(db.execute("SELECT COUNT(*) FROM running WHERE kind = ?", (self.kind,)).fetchone()[0])

    def finish(self, ticket: Ticket) -> None:
        """Charge finished (or stopped) work's time to its client."""
        now = time.time()
        with self.shared.transaction() as db:
            db.execute("DELETE FROM running WHERE id = ?", (ticket.row,))
            db.execute("INSERT INTO done (kind, client, finished, seconds) VALUES (?, ?, ?, ?)",
                       (self.kind, ticket.client, now, now - ticket.started))

    def _usage(self, db: sqlite3.Connection, client: str, now: float, running: list[float]) -> tuple[float, int]:
        """Seconds used in the window (running work counted so far), and how long until below the budget."""
        db.execute("DELETE FROM done WHERE kind = ? AND client = ? AND finished <= ?",
                   (self.kind, client, now - self.window))
        done = db.execute("SELECT finished, seconds FROM done WHERE kind = ? AND client = ? ORDER BY finished",
                          (self.kind, client)).fetchall()
        used = sum(now - s for s in running) + sum(seconds for _, seconds in done)
        excess, wait = used - self.budget, 1.0
        for finished, seconds in done:
            if excess < 0:
                break
            excess -= seconds
            wait = finished + self.window - now
        return used, max(1, math.ceil(wait))


class FailureThrottle:
    """Failures per client (wrong passwords): after ``allowed`` in ``window`` seconds, every attempt is refused
    until the oldest of them is older than the window, the right password too."""

    def __init__(self, shared: SharedFile | str, *, kind: str, allowed: int, window: float) -> None:
        self.shared = shared if isinstance(shared, SharedFile) else SharedFile(shared)
        self.kind, self.allowed, self.window = kind, allowed, window

    def check(self, client: str) -> None:
        """Limited when the client has failed too often lately."""
        now = time.time()
        with self.shared.transaction() as db:
            db.execute("DELETE FROM events WHERE kind = ? AND at <= ?", (self.kind, now - self.window))
            times = [at for (at,) in db.execute("SELECT at FROM events WHERE kind = ? AND client = ? ORDER BY at",
                                                (self.kind, client))]
        if len(times) >= self.allowed:
            wait = max(1, math.ceil(times[-self.allowed] + self.window - now))
            raise Limited(f"{len(times)} failed attempts from this client in the last {self.window / 60:g} minutes",
                          wait)

    def failed(self, client: str) -> None:
        """Count one failure."""
        with self.shared.transaction() as db:
            db.execute("INSERT INTO events (kind, client, at) VALUES (?, ?, ?)", (self.kind, client, time.time()))


def _asks_for_work(environ: dict[str, Any]) -> bool:
    """Whether a request asks for work (a query), not for a page or description at the same path."""
    return environ.get("REQUEST_METHOD") == "POST" or "query=" in environ.get("QUERY_STRING", "")


def _alive(pid: int) -> bool:
    """Whether a process with this id exists (on this host: the file is local to one server)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class Refusals:
    """What this process refused lately, per kind of work and client: until its Retry-After runs out, that client's
    requests for that work are refused at the door (WSGI middleware, before Flask, the query text or SQLite),
    so a client that ignores Retry-After and asks again at once costs the server as little as can be; and,
    while every worker for a kind of work is busy, requests for it get their 503 there too.

    Install with :meth:`wrap` (inside any ProxyFix, so the client is the real one); a view that refuses a client
    calls :meth:`remember`.
    """

    def __init__(self, paths: dict[str, str], busy: dict[str, Callable[[], bool]] | None = None) -> None:
        self.paths = paths  # request path -> kind of work
        self.busy = busy or {}  # kind of work -> whether every worker for it is busy now (in this process)
        self._until: dict[tuple[str, str], tuple[float, str]] = {}
        self._saturated: dict[str, float] = {}  # kind -> until when the whole server was found saturated
        self._lock = threading.Lock()

    def remember(self, kind: str, client: str, limited: Limited) -> None:
        """A client was refused ``kind`` work for ``limited.retry_after`` seconds (every client, for a moment,
        when the server as a whole was saturated)."""
        if isinstance(limited, Saturated):
            self._saturated[kind] = time.monotonic() + SATURATED_MEMORY
            return
        with self._lock:
            if len(self._until) > 10_000:
                now = time.monotonic()
                self._until = {k: v for k, v in self._until.items() if v[0] > now}
            self._until[(kind, client)] = (time.monotonic() + limited.retry_after, str(limited))

    def refused(self, kind: str, client: str) -> tuple[int, str, str] | None:
        """(seconds left, why, HTTP status line) while a client is refused, else None."""
        found = self._until.get((kind, client))
        if found is None:
            return None
        left = found[0] - time.monotonic()
        return (max(1, math.ceil(left)), found[1], "429 Too Many Requests") if left > 0 else None

    def wrap(self, app: WSGIApp, key: Callable[[str | None], str]) -> WSGIApp:
        """``app`` behind the door: requests of a refused client for refused work answered 429 at once."""
        def door(environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
            kind = self.paths.get(environ.get("PATH_INFO", ""))
            if kind is None or not _asks_for_work(environ):
                return app(environ, start_response)
            found = self.refused(kind, key(environ.get("REMOTE_ADDR")))
            if found is None and (self._saturated.get(kind, 0.0) > time.monotonic()
                                  or (kind in self.busy and self.busy[kind]())):
                found = (BUSY_RETRY, f"every {kind} worker is busy", "503 Service Unavailable")
            if found is None:
                return app(environ, start_response)
            seconds, why, status = found
            body = f"{why}; try again in {seconds} s\n".encode()
            start_response(status, [
                ("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body))),
                ("Retry-After", str(seconds)), ("X-Content-Type-Options", "nosniff"),
                ("Access-Control-Allow-Origin", "*"), ("Access-Control-Expose-Headers", "Retry-After")])
            return [body]

        return door
