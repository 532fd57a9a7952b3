"""``lodpub embed``: print a work's embeddable fragment, or write one fragment file per work for static inclusion.

``lodpub embed ID_OR_DOI [--part all|jsonld|meta]`` prints what ``/embed/<ID_OR_DOI>`` serves;
``lodpub embed --all DIR`` writes ``DIR/<work id>.html`` for every work (plus ``DIR/index.tsv`` mapping
work id, DOI and source landing pages to file names, so an EPrints template can find its record's file).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from publisher.cli.common import CommandError, fail, with_store
from publisher.config import Settings
from publisher.read.lookup import all_work_iris, find_work, work_id
from publisher.read.workview import load_work
from publisher.render.citations.fragment import fragment
from publisher.store import Store


def run_embed(args: argparse.Namespace) -> int:
    """The ``lodpub embed`` command."""
    if not args.target and not args.all:
        return fail(args, "give a work id or DOI, or --all DIR", 2)

    def run(store: Store, settings: Settings) -> int:
        base = settings.base_uri
        if args.all:
            return write_all(store, base, Path(args.all), args.part)
        view = find_work(store, base, args.target)
        if view is None:
            raise CommandError(f"no work {args.target!r} in {store.description}")
        sys.stdout.write(str(fragment(view, base, args.part)))
        return 0

    return with_store(args, run)


def write_all(store: Store, base: str, directory: Path, part: str = "all") -> int:
    """Write one fragment file per work into ``directory`` (each file replaced atomically) and an index."""
    directory.mkdir(parents=True, exist_ok=True)
    index = ["work_id\tfile\tdoi\twork_uri\tlanding_pages"]
    count = 0
    for iri in all_work_iris(store, base):
        view = load_work(store, iri)
        if view is None:
            continue
        name = work_id(view) + ".html"
        _write_atomically(directory / name, str(fragment(view, base, part)))
        index.append("\t".join([work_id(view), name, view.doi or "", view.iri, " ".join(view.landing_pages)]))
        count += 1
    _write_atomically(directory / "index.tsv", "\n".join(index) + "\n")
    print(f"wrote {count} fragments to {directory}", file=sys.stderr)
    return 0


def _write_atomically(path: Path, text: str) -> None:
    """Write a file so readers (a web server including it) never see half of it."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix="." + path.name, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)
