"""The endpoint's per-process state: settings, the query executor, the rate limiter, the description cache.

Built lazily on the first request of each process (gunicorn forks workers after the app is created, and
worker processes must be started by the process that uses them).
"""

from __future__ import annotations

import atexit
import os
import threading
import time
from dataclasses import dataclass, field

from flask import Flask

from publisher.sparql.pool import Executor, executor_for
from publisher.sparql.ratelimit import RateLimiter
from publisher.store import Store

DEFAULT_WORKERS = 3
DESCRIPTION_TTL = 300.0


@dataclass(frozen=True)
class Settings:
    """The endpoint's limits, from the app configuration."""

    base: str
    timeout: float
    max_rows: int
    max_query_bytes: int
    budget: float
    workers: int
    admin_user: str | None
    admin_password: str | None
    max_update_bytes: int

    @classmethod
    def of(cls, app: Flask) -> Settings:
        """Read the settings from an app's configuration (LODPUB_QUERY_WORKERS may also come from the env)."""
        c = app.config
        workers = c.get("LODPUB_QUERY_WORKERS") or os.environ.get("LODPUB_QUERY_WORKERS") or DEFAULT_WORKERS
        return cls(base=str(c["LODPUB_BASE_URI"]), timeout=float(c["LODPUB_QUERY_TIMEOUT"]),
                   max_rows=int(c["LODPUB_MAX_ROWS"]), max_query_bytes=int(c["LODPUB_MAX_QUERY_BYTES"]),
                   budget=float(c["LODPUB_RATE_BUDGET"]), workers=max(1, int(workers)),
                   admin_user=c.get("LODPUB_ADMIN_USER"), admin_password=c.get("LODPUB_ADMIN_PASSWORD"),
                   max_update_bytes=int(c.get("MAX_CONTENT_LENGTH") or 16 * 1024 * 1024))

    def limits(self) -> dict[str, float]:
        """The limits the service description states."""
        return {"timeout": self.timeout, "max_rows": self.max_rows, "budget": self.budget}


@dataclass
class Runtime:
    """What one server process keeps for the endpoint."""

    settings: Settings
    executor: Executor
    limiter: RateLimiter
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
        return current  # type: ignore[no-any-return]
    with _LOCK:
        current = app.extensions.get("lodpub.sparql")
        if current is None or current.pid != os.getpid():
            settings = Settings.of(app)
            wait = min(settings.timeout, 10.0)
            executor = executor_for(store, settings.workers, wait)
            limiter = RateLimiter(settings.budget, max_running=max(1, settings.workers - 1))
            current = Runtime(settings, executor, limiter)
            atexit.register(current.close)
            app.extensions["lodpub.sparql"] = current
    return current  # type: ignore[no-any-return]


def shutdown(app: Flask) -> None:
    """Stop this app's query workers (tests that build many apps call this)."""
    current = app.extensions.pop("lodpub.sparql", None)
    if current is not None and current.pid == os.getpid():
        current.close()
