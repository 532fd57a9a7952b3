"""The endpoint's per-process state: settings, the query executor, the rate limiter, the description cache.

Built lazily on the first request of each process (gunicorn forks workers after the app is created, and
worker processes must be started by the process that uses them).
"""

from __future__ import annotations

import atexit
import hashlib
import os
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from flask import Flask

from publisher import config
from publisher.sparql.pool import Executor, executor_for
from publisher.store import Store
from publisher.web.budget import ClientBudget, FailureThrottle, SharedFile

DESCRIPTION_TTL = 300.0
START_WAIT = 10.0  # seconds the first queries of a process may wait for its workers to start (never once serving)
LOGIN_FAILURES, LOGIN_WINDOW = 5, 600.0  # wrong update passwords per client before it must wait


@dataclass(frozen=True)
class EndpointSettings:
    """The endpoint's limits and credentials, from lodpub's settings."""

    base: str
    timeout: float
    max_rows: int
    max_query_bytes: int
    budget: float
    workers: int
    admin_user: str | None
    admin_password: str | None
    max_update_bytes: int
    title: str
    licence: str
    client_queries: int = 2
    server_queries: int = 2
    memory_mb: float | None = None
    max_answer_bytes: int = 64 * 1024 * 1024
    update_timeout: float = 60.0

    @classmethod
    def of(cls, app: Flask) -> EndpointSettings:
        """The endpoint's settings for an app (lodpub's settings; the request size limit from Flask's)."""
        s: config.Settings = app.extensions["lodpub.settings"]
        return cls(base=s.base_uri, timeout=s.query_timeout, max_rows=s.max_rows, max_query_bytes=s.max_query_bytes,
                   budget=s.rate_budget, workers=max(1, s.query_workers), admin_user=s.admin_user,
                   admin_password=s.admin_password,
                   max_update_bytes=int(app.config.get("MAX_CONTENT_LENGTH") or 16 * 1024 * 1024),
                   title=s.title, licence=s.data_licence, client_queries=max(1, s.client_queries),
                   server_queries=max(1, s.server_queries or os.cpu_count() or 1),
                   memory_mb=s.query_memory_mb or None, max_answer_bytes=int(s.max_answer_mb * 1024 * 1024),
                   update_timeout=s.update_timeout)

    def limits(self) -> dict[str, float]:
        """The limits the service description states."""
        return {"timeout": self.timeout, "max_rows": self.max_rows, "budget": self.budget,
                "client_queries": self.client_queries, "memory_mb": self.memory_mb or 0,
                "max_answer_mb": self.max_answer_bytes / (1024 * 1024)}


@dataclass
class Runtime:
    """What one server process keeps for the endpoint."""

    settings: EndpointSettings
    executor: Executor
    limiter: ClientBudget  # queries per client, shared by the server's processes
    logins: FailureThrottle  # wrong update passwords per client, shared too
    pid: int = field(default_factory=os.getpid)
    descriptions: dict[tuple[object, ...], tuple[float, bytes]] = field(default_factory=dict)

    def cached_description(self, key: tuple[object, ...]) -> bytes | None:
        """A service description rendered less than DESCRIPTION_TTL seconds ago for the same key."""
        hit = self.descriptions.get(key)
        return hit[1] if hit and time.monotonic() - hit[0] < DESCRIPTION_TTL else None

    def remember_description(self, key: tuple[object, ...], body: bytes) -> None:
        """Cache a rendered service description."""
        if len(self.descriptions) > 32:
            self.descriptions.clear()
        self.descriptions[key] = (time.monotonic(), body)

    def close(self) -> None:
        """Stop the query workers."""
        self.executor.close()


_LOCK = threading.Lock()


def runtime(app: Flask, store: Store) -> Runtime:
    """This process's runtime for the app (created on first use, re-created in a forked child)."""
    current = app.extensions.get("lodpub.sparql")
    if current is not None and current.pid == os.getpid():
        return cast(Runtime, current)
    with _LOCK:
        current = app.extensions.get("lodpub.sparql")
        if current is None or current.pid != os.getpid():
            settings = EndpointSettings.of(app)
            executor = executor_for(store, settings.workers, min(settings.timeout, START_WAIT), settings.memory_mb)
            shared = SharedFile(limits_file(app.extensions["lodpub.settings"], store))
            limiter = ClientBudget(shared, kind="sparql", seconds_per_minute=settings.budget,
                                   max_running=settings.client_queries, longest=settings.timeout,
                                   max_total=settings.server_queries)
            logins = FailureThrottle(shared, kind="update-login", allowed=LOGIN_FAILURES, window=LOGIN_WINDOW)
            current = Runtime(settings, executor, limiter, logins)
            atexit.register(current.close)
            app.extensions["lodpub.sparql"] = current
    return current


def saturated(app: Flask) -> bool:
    """Whether every query worker of this process is busy (False before the first query started them)."""
    current = app.extensions.get("lodpub.sparql")
    return current is not None and current.pid == os.getpid() and not current.executor.available()


def limits_file(settings: config.Settings, store: Store) -> str:
    """Where the server's processes share per-client usage: ``LODPUB_LIMITS_FILE``, else beside an on-disk store,
    else a file in the temporary folder named after the store (a remote engine's servers on this host share
    it) or, for a ``memory:`` store (one process), one of its own."""
    if settings.limits_file:
        return settings.limits_file
    root = getattr(store, "root", None)
    if root is not None:
        return str(Path(root).resolve() / "limits.sqlite")
    if settings.store == "memory:":
        return os.path.join(tempfile.mkdtemp(prefix="lodpub-limits-"), "limits.sqlite")
    digest = hashlib.sha1(f"{settings.store} {settings.base_uri}".encode()).hexdigest()[:12]
    return os.path.join(tempfile.gettempdir(), f"lodpub-limits-{os.getuid()}-{digest}.sqlite")


def shutdown(app: Flask) -> None:
    """Stop this app's query workers (tests that build many apps call this)."""
    current = app.extensions.pop("lodpub.sparql", None)
    if current is not None and current.pid == os.getpid():
        current.close()
