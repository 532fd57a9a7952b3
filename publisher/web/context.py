"""Helpers shared by the views: the store, the base URI, and IRI <-> local path."""

from __future__ import annotations

from flask import current_app

from publisher.store import Store


def store() -> Store:
    """The store of the running app."""
    return current_app.extensions["lodpub.store"]  # type: ignore[no-any-return]


def base() -> str:
    """The public base URI (ends with a slash)."""
    return str(current_app.config["LODPUB_BASE_URI"])


def iri_for_path(path: str) -> str:
    """The IRI a local path names: ``/id/work/abc`` -> ``<base>id/work/abc``."""
    return base() + path.lstrip("/")


def local_path(iri: str) -> str:
    """A link for an IRI: a site-relative path for our own IRIs, the IRI itself otherwise."""
    b = base()
    return "/" + iri[len(b):] if iri.startswith(b) else iri
