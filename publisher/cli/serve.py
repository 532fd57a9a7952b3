"""``lodpub serve``: the development server (see the README for gunicorn in production)."""

from __future__ import annotations

import argparse
import sys

from publisher.store import StoreError


def run_serve(args: argparse.Namespace) -> int:
    """Serve the app on 127.0.0.1 (by default) with Werkzeug's threaded server."""
    from publisher.web.app import create_app

    overrides = {}
    if args.store:
        overrides["LODPUB_STORE"] = args.store
    if args.base:
        overrides["LODPUB_BASE_URI"] = args.base
    try:
        app = create_app(**overrides)
    except (StoreError, ValueError) as exc:
        print(f"lodpub serve: {exc}", file=sys.stderr)
        return 2
    print(f"lodpub: serving {app.config['LODPUB_STORE']} at http://{args.host}:{args.port}/ "
          f"(URIs under {app.config['LODPUB_BASE_URI']})", file=sys.stderr)
    app.run(host=args.host, port=args.port, threaded=True, use_reloader=False)
    return 0
