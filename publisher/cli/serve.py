"""``lodpub serve``: the development server (see the README for gunicorn in production)."""

from __future__ import annotations

import argparse
import sys

from publisher import config
from publisher.cli.common import fail, settings
from publisher.store import StoreError


def run_serve(args: argparse.Namespace) -> int:
    """Serve the app on 127.0.0.1 (by default) with Werkzeug's threaded server."""
    from publisher.web.app import create_app

    try:
        chosen = settings(args)
        app = create_app(settings=chosen, base_given=args.base is not None or config.given("base_uri"))
    except (StoreError, ValueError) as exc:
        return fail(args, exc, 2)
    chosen = app.extensions["lodpub.settings"]
    print(f"lodpub: serving {chosen.store} at http://{args.host}:{args.port}/ (URIs under {chosen.base_uri})",
          file=sys.stderr)
    app.run(host=args.host, port=args.port, threaded=True, use_reloader=False)
    return 0
