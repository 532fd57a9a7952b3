"""The Flask application factory: the settings, the store, the caches and the blueprints.

Run with ``lodpub serve`` (development) or ``gunicorn -w 4 'publisher.web.app:create_app()'`` (production):
each worker process builds its own app and opens its own read-only view of the store.
"""

from __future__ import annotations

import dataclasses
import importlib
from pathlib import Path

from flask import Flask, Response

from publisher import config, urls
from publisher.sparql import runtime
from publisher.store import Store, open_store
from publisher.web import client, page_cache, security
from publisher.web.budget import Refusals

BLUEPRINTS = (
    "publisher.web.views.pages",
    "publisher.web.views.documents",
    "publisher.web.views.dataset",
    "publisher.web.views.sparql",
    "publisher.web.views.doi",
    "publisher.web.views.embed",
)
MAX_REQUEST_BYTES = 16 * 1024 * 1024


def create_app(store: Store | None = None, settings: config.Settings | None = None, **overrides: object) -> Flask:
    """Build the app over ``store`` (tests), else over the store the settings name.

    ``settings`` default to the environment's; ``LODPUB_*`` keyword arguments override single settings (tests),
    any other keyword is Flask configuration (``TESTING=True``).
    """
    lodpub = {k: v for k, v in overrides.items() if k.startswith("LODPUB_")}
    settings = config.override(settings or config.load(), lodpub)
    app = Flask("publisher", template_folder="render/templates", static_folder="render/static")
    app.config.update({k: v for k, v in overrides.items() if not k.startswith("LODPUB_")})
    app.config["MAX_CONTENT_LENGTH"] = MAX_REQUEST_BYTES
    if store is None:
        store = open_store(settings.store, remote=settings.remote_options())
    data_dir = getattr(store, "root", None)
    if settings.dump_dir is None and data_dir is not None:  # dumps shared by every server process
        settings = dataclasses.replace(settings, dump_dir=str(Path(data_dir).resolve() / "dumps"))
    app.extensions["lodpub.settings"] = settings
    app.extensions["lodpub.store"] = store
    page_cache.install(app.extensions, settings.page_cache_mb)

    @app.before_request
    def pick_up_new_snapshot() -> None:
        store.refresh()

    security.install(app)
    refusals = app.extensions["lodpub.refusals"] = Refusals({urls.SPARQL: "sparql"},
                                                            busy={"sparql": lambda: runtime.saturated(app)})
    app.wsgi_app = refusals.wrap(app.wsgi_app, client.client_key)  # type: ignore[method-assign,assignment]
    client.trust_proxies(app, settings.proxies)  # outermost: the door sees the real client

    @app.get("/healthz")
    def health() -> Response:
        return Response("ok\n", mimetype="text/plain")

    for module_name in BLUEPRINTS:
        module = importlib.import_module(module_name)
        app.register_blueprint(module.bp)
    return app
