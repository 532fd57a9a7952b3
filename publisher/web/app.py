"""The Flask application factory: the settings, the store, the caches and the blueprints.

Run with ``lodpub serve`` (development) or ``gunicorn -w 4 'publisher.web.app:create_app()'`` (production):
each worker process builds its own app and opens its own read-only view of the store.
"""

from __future__ import annotations

import contextlib
import dataclasses
import importlib
from pathlib import Path

from flask import Flask, Response

from publisher import config, urls
from publisher.read.store_base import settle_base
from publisher.sparql import runtime
from publisher.store import Store, StoreError, open_store
from publisher.web import client, page_cache, security
from publisher.web.budget import Refusals
from publisher.web.context import follow_base

BLUEPRINTS = (
    "publisher.web.views.pages",
    "publisher.web.views.browse",
    "publisher.web.views.documents",
    "publisher.web.views.dataset",
    "publisher.web.views.sparql",
    "publisher.web.views.doi",
    "publisher.web.views.embed",
    "publisher.web.views.oai",
)
MAX_REQUEST_BYTES = 16 * 1024 * 1024


def create_app(store: Store | None = None, settings: config.Settings | None = None, *, base_given: bool | None = None,
               **overrides: object) -> Flask:
    """Build the app over ``store`` (tests), else over the store the settings name.

    ``settings`` default to the environment's; ``LODPUB_*`` keyword arguments override single settings (tests),
    any other keyword is Flask configuration (``TESTING=True``). The base URI is the store's own: a base given
    (``base_given``; by default: in the environment or the keywords) that differs is refused (BaseMismatch).
    """
    lodpub = {k: v for k, v in overrides.items() if k.startswith("LODPUB_")}
    if base_given is None:
        base_given = config.given("base_uri", lodpub)
    settings = config.override(settings or config.load(), lodpub)
    app = Flask("publisher", template_folder="render/templates", static_folder="render/static")
    app.config.update({k: v for k, v in overrides.items() if not k.startswith("LODPUB_")})
    app.config["MAX_CONTENT_LENGTH"] = MAX_REQUEST_BYTES
    if store is None:
        store = open_store(settings.store, remote=settings.remote_options())
    with contextlib.suppress(StoreError):  # an engine not answering yet: serve under the base given (or the default)
        settings = settle_base(store, settings, base_given)  # the store's own base (BaseMismatch if another is given)
    data_dir = getattr(store, "root", None)
    if settings.dump_dir is None and data_dir is not None:  # dumps shared by every server process
        settings = dataclasses.replace(settings, dump_dir=str(Path(data_dir).resolve() / "dumps"))
    app.extensions["lodpub.settings"] = settings
    app.extensions["lodpub.store"] = store
    page_cache.install(app.extensions, settings.page_cache_mb)

    @app.before_request
    def pick_up_new_snapshot() -> None:
        store.refresh()
        follow_base(app.extensions)

    security.install(app)
    refusals = app.extensions["lodpub.refusals"] = Refusals({urls.SPARQL: "sparql"},
                                                            busy={"sparql": lambda: runtime.saturated(app)})
    app.wsgi_app = refusals.wrap(app.wsgi_app, client.client_key)  # type: ignore[method-assign,assignment]
    client.trust_proxies(app, settings.proxies)  # outermost: the door sees the real client

    @app.after_request
    def one_date_header(response: Response) -> Response:
        del response.headers["Date"]  # Werkzeug's make_conditional sets one; the HTTP server always adds its own
        return response

    @app.get("/healthz")
    def health() -> Response:
        return Response("ok\n", mimetype="text/plain")

    for module_name in BLUEPRINTS:
        module = importlib.import_module(module_name)
        app.register_blueprint(module.bp)
    return app
