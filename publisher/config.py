"""Configuration from ``LODPUB_*`` environment variables, with defaults a fresh install can run on."""

from __future__ import annotations

import os
from typing import Any

from mappings.uris import default_base, normalise_base
from publisher.store import store_spec


def _number(name: str, default: float) -> float:
    value = os.environ.get(name)
    if not value:
        return default
    try:
        return float(value)
    except ValueError:
        raise ValueError(f"{name} must be a number, got {value!r}") from None


def from_environment(overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """The app configuration: environment first, then ``overrides`` (tests, the CLI)."""
    config: dict[str, Any] = {
        "LODPUB_STORE": store_spec(),
        "LODPUB_BASE_URI": default_base(),
        "LODPUB_TITLE": os.environ.get("LODPUB_TITLE") or "lodpub linked data",
        "LODPUB_QUERY_TIMEOUT": _number("LODPUB_QUERY_TIMEOUT", 30.0),
        "LODPUB_MAX_ROWS": int(_number("LODPUB_MAX_ROWS", 100_000)),
        "LODPUB_MAX_QUERY_BYTES": int(_number("LODPUB_MAX_QUERY_BYTES", 100_000)),
        "LODPUB_RATE_BUDGET": _number("LODPUB_RATE_BUDGET", 120.0),  # query seconds per client per minute
        "LODPUB_ADMIN_USER": os.environ.get("LODPUB_ADMIN_USER") or None,
        "LODPUB_ADMIN_PASSWORD": os.environ.get("LODPUB_ADMIN_PASSWORD") or None,
        "LODPUB_DATA_LICENCE": os.environ.get("LODPUB_DATA_LICENCE")
        or "https://creativecommons.org/publicdomain/zero/1.0/",
        "LODPUB_QUERY_WORKERS": int(_number("LODPUB_QUERY_WORKERS", 3)),  # SPARQL worker processes per server
        "LODPUB_DUMP_DIR": os.environ.get("LODPUB_DUMP_DIR") or None,  # default: <data directory>/dumps
        "LODPUB_DUMP_WAIT": _number("LODPUB_DUMP_WAIT", 10.0),  # seconds a request waits for a dump being made
        "LODPUB_PAGE_CACHE_MB": _number("LODPUB_PAGE_CACHE_MB", 128.0),  # rendered documents kept per process
    }
    config.update(overrides or {})
    config["LODPUB_BASE_URI"] = normalise_base(config["LODPUB_BASE_URI"])
    return config
