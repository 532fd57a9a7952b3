"""What the views share about the running app: its settings, its store and its public base URI."""

from __future__ import annotations

from typing import cast

from flask import current_app

from publisher.config import Settings
from publisher.store import Store


def settings() -> Settings:
    """The settings of the running app."""
    return cast(Settings, current_app.extensions["lodpub.settings"])


def store() -> Store:
    """The store of the running app."""
    return cast(Store, current_app.extensions["lodpub.store"])


def base() -> str:
    """The public base URI (ends with a slash)."""
    return settings().base_uri
