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
from typing import cast

from flask import Flask

from publisher import config
from publisher.sparql.pool import Executor, executor_for
from publisher.sparql.ratelimit import RateLimiter
from publisher.store import Store

DESCRIPTION_TTL = 300.0


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

    @classmethod
    def of(cls, app: Flask) -> EndpointSettings:
        """The endpoint's settings for an app (lodpub's settings; the request size limit from Flask's)."""
        s: config.Settings = app.extensions["lodpub.settings"]
        return cls(base=s.base_uri, timeout=s.query_timeout, max_rows=s.max_rows, max_query_bytes=s.max_query_bytes,
                   budget=s.rate_budget, workers=max(1, s.query_workers), admin_user=s.admin_user,
                   admin_password=s.admin_password,
                   max_update_bytes=int(app.config.get("MAX_CONTENT_LENGTH") or 16 * 1024 * 1024),
                   title=s.title, licence=s.data_licence)

    def limits(self) -> dict[str, float]:
        """The limits the service description states."""
        return {"timeout": self.timeout, "max_rows": self.max_rows, "budget": self.budget}


@dataclass
class Runtime:
    """What one server process keeps for the endpoint."""

    settings: EndpointSettings
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
        return cast(Runtime, current)
    with _LOCK:
        current = app.extensions.get("lodpub.sparql")
        if current is None or current.pid != os.getpid():
            settings = EndpointSettings.of(app)
            wait = min(settings.timeout, 10.0)
            executor = executor_for(store, settings.workers, wait)
            limiter = RateLimiter(settings.budget, max_running=max(1, settings.workers - 1))
            current = Runtime(settings, executor, limiter)
            atexit.register(current.close)
            app.extensions["lodpub.sparql"] = current
    return current


def shutdown(app: Flask) -> None:
    """Stop this app's query workers (tests that build many apps call this)."""
    current = app.extensions.pop("lodpub.sparql", None)
    if current is not None and current.pid == os.getpid():
        current.close()
