"""The Flask application factory: configuration, the store, and the blueprints.

Run with ``lodpub serve`` (development) or ``gunicorn -w 4 'publisher.web.app:create_app()'`` (production):
each worker process builds its own app and opens its own read-only view of the store.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

from flask import Flask, Response

from publisher import config as configuration
from publisher.store import Store, open_store
from publisher.web import page_cache

BLUEPRINTS = (
    "publisher.web.views.pages",
    "publisher.web.views.documents",
    "publisher.web.views.dataset",
    "publisher.web.views.sparql",
    "publisher.web.views.doi",
    "publisher.web.views.embed",
)


def create_app(store: Store | None = None, **overrides: Any) -> Flask:
    """Build the app; ``store`` is used as given (tests), else opened from the configuration."""
    app = Flask("publisher", template_folder="render/templates", static_folder="render/static")
    app.config.update(configuration.from_environment(overrides))
    app.config["MAX_CONTENT_LENGTH"] = 16 * 1024 * 1024
    app.extensions["lodpub.store"] = store if store is not None else open_store(app.config["LODPUB_STORE"])
    page_cache.install(app.extensions, app.config["LODPUB_PAGE_CACHE_MB"])
    data_dir = getattr(app.extensions["lodpub.store"], "root", None)
    if not app.config["LODPUB_DUMP_DIR"] and data_dir is not None:  # dumps shared by every server process
        app.config["LODPUB_DUMP_DIR"] = str(Path(data_dir).resolve() / "dumps")

    @app.before_request
    def pick_up_new_snapshot() -> None:
        app.extensions["lodpub.store"].refresh()

    @app.after_request
    def security_headers(response: Response) -> Response:
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        return response

    @app.get("/healthz")
    def health() -> Response:
        return Response("ok\n", mimetype="text/plain")

    for module_name in BLUEPRINTS:
        module = importlib.import_module(module_name)
        app.register_blueprint(module.bp)
    return app
