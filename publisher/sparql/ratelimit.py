"""Per-client limits on query time: a budget of query seconds per minute, and a cap on concurrent queries.

A client's usage is the time its queries took in the last minute plus the time its running queries have
taken so far, so a client cannot start many slow queries at once before any of them is charged. Over budget,
or with too many queries running, it gets 429 with Retry-After. The accounting is per server process (each
gunicorn worker keeps its own), which bounds a client to the budget times the number of processes.
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager

WINDOW = 60.0


class Limited(Exception):
    """The client is over its limits; ``retry_after`` says when to come back (seconds)."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class RateLimiter:
    """Query-time budgets per client (``budget`` seconds per minute; 0 or less: no budget)."""

    def __init__(self, budget: float, max_running: int, window: float = WINDOW) -> None:
        self.budget, self.max_running, self.window = budget, max(1, max_running), window
        self._done: dict[str, deque[tuple[float, float]]] = {}  # client -> (finished at, seconds)
        self._running: dict[str, list[float]] = {}  # client -> start times
        self._lock = threading.Lock()

    @contextmanager
    def admitted(self, client: str) -> Iterator[None]:
        """Admit a query from ``client`` (Limited if it may not run now) and charge its time afterwards."""
        start = self.admit(client)
        try:
            yield
        finally:
            self.finish(client, start)

    def admit(self, client: str) -> float:
        """Check the client's limits and register a running query; return its start time."""
        now = time.monotonic()
        with self._lock:
            running = self._running.setdefault(client, [])
            if len(running) >= self.max_running:
                raise Limited(f"too many queries running at once from this client (at most {self.max_running})", 1)
            if self.budget > 0:
                used, wait = self._usage(client, now)
                if used >= self.budget:
                    raise Limited(f"this client has used {used:.0f} s of query time in the last "
                                  f"{self.window:g} s; the budget is {self.budget:g} s", wait)
            running.append(now)
            return now

    def finish(self, client: str, start: float) -> None:
        """Charge a finished (or stopped) query's time to the client."""
        now = time.monotonic()
        with self._lock:
            running = self._running.get(client, [])
            if start in running:
                running.remove(start)
            if not running:
                self._running.pop(client, None)
            self._done.setdefault(client, deque()).append((now, now - start))

    def _usage(self, client: str, now: float) -> tuple[float, int]:
        """Seconds used in the window, and how long until usage falls below the budget."""
        done = self._done.get(client, deque())
        while done and done[0][0] <= now - self.window:
            done.popleft()
        if not done:
            self._done.pop(client, None)
        running = sum(now - s for s in self._running.get(client, []))
        used = running + sum(seconds for _, seconds in done)
        excess, wait = used - self.budget, 1.0
        for finished, seconds in done:
            if excess < 0:
                break
            excess -= seconds
            wait = finished + self.window - now
        return used, max(1, math.ceil(wait))
