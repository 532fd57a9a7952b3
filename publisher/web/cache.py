"""Values computed once per version of the store's data (counts, sitemaps, the dataset description)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from flask import current_app

from publisher.web.context import store

T = TypeVar("T")
UNVERSIONED_TTL = 60.0  # seconds to keep a value when the store cannot say whether its data changed


def per_version(name: str, compute: Callable[[], T]) -> T:
    """``compute()``, cached in the app until the store publishes a new version of its data."""
    cache: dict[str, tuple[str | None, float, T]] = current_app.extensions.setdefault("lodpub.cache", {})
    version = store().version()
    now = time.monotonic()
    hit = cache.get(name)
    if hit is not None and hit[0] == version and (version is not None or now - hit[1] < UNVERSIONED_TTL):
        return hit[2]
    value = compute()
    cache[name] = (version, now, value)
    return value
