"""Ingest progress: a rich progress line on a terminal, plain periodic log lines otherwise."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

LOG_EVERY_SECONDS = 10.0


@contextmanager
def progress_reporter(mode: str = "auto") -> Iterator[Callable[[Any], None] | None]:
    """Yield a callback taking an IngestSummary, or None when progress is off."""
    if mode == "none":
        yield None
        return
    if mode == "bar" or (mode == "auto" and sys.stderr.isatty()):
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
        with Progress(*columns, transient=False, console=None) as bar:
            task = bar.add_task("ingesting", total=None)
            last = 0.0

            def update(summary: Any) -> None:
                nonlocal last
                now = time.monotonic()
                if now - last < 0.2:
                    return
                last = now
                rate = summary.read / summary.seconds if summary.seconds else 0
                bar.update(task, description=(f"{summary.read} records, {rate:.0f}/s, {summary.written} written, "
                                              f"{summary.rejected} rejected"))

            yield update
        return
    last_log = time.monotonic()

    def log(summary: Any) -> None:
        nonlocal last_log
        now = time.monotonic()
        if now - last_log >= LOG_EVERY_SECONDS:
            last_log = now
            rate = summary.read / summary.seconds if summary.seconds else 0
            print(f"ingest: {summary.read} records read ({rate:.0f}/s), {summary.written} written, "
                  f"{summary.unchanged} unchanged, {summary.rejected} rejected", file=sys.stderr, flush=True)

    yield log
