"""What the views share about the running app: its settings, its store and its public base URI."""

from __future__ import annotations

from dataclasses import replace
from typing import cast

from flask import current_app

from publisher.config import Settings
from publisher.store import Store, StoreError


def settings() -> Settings:
    """The settings of the running app."""
    return cast(Settings, current_app.extensions["lodpub.settings"])


def store() -> Store:
    """The store of the running app."""
    return cast(Store, current_app.extensions["lodpub.store"])


def base() -> str:
    """The public base URI (ends with a slash)."""
    return settings().base_uri


def follow_base(extensions: dict[str, object]) -> None:
    """After the store publishes new data, take its base if it moved (``lodpub rebase`` while serving)."""
    from publisher.read.store_base import recorded_base

    current = cast(Store, extensions["lodpub.store"])
    version = current.version()
    if version is None or version == extensions.get("lodpub.base_version"):
        return
    try:
        found = recorded_base(current)
    except StoreError:
        return
    extensions["lodpub.base_version"] = version
    known = cast(Settings, extensions["lodpub.settings"])
    if found is not None and found != known.base_uri:
        extensions["lodpub.settings"] = replace(known, base_uri=found)
