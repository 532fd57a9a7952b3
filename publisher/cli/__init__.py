"""The ``lodpub`` command line: map, validate, ingest, harvest, delete, rebase, reindex, reconcile, republish, export,
stats, serve."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from mappings import parsers
from publisher import formats
from publisher.config import VERSION

Command = Callable[[argparse.Namespace], int]


def _add_input_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or directories (recursively; .gz too)")
    p.add_argument("--input-format", choices=parsers.names(), help="skip detection and read as this format")
    p.add_argument("--base", help="base URI for minted URIs (env LODPUB_BASE_URI; default http://127.0.0.1:5000/)")


def _add_store_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--store", help="data directory, 'memory:' or sparql+http://... (env LODPUB_STORE; "
                                   "default ./lodpub-data)")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every lodpub command."""
    ap = argparse.ArgumentParser(prog="lodpub", description="Publish library and repository records as linked data.")
    ap.add_argument("--version", action="version", version=f"lodpub {VERSION}")
    sub = ap.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("map", help="map records to RDF and print it (no store)")
    _add_input_options(p)
    p.add_argument("--format", default="turtle", choices=formats.spellings(formats.RDF_KEYS), help="output RDF format")
    p.add_argument("--keep-going", action="store_true", help="print records that violate the SHACL shapes too")
    p.add_argument("--no-validate", action="store_true", help="skip SHACL validation")
    p.add_argument("-o", "--output", help="write to this file instead of standard output")
    p.set_defaults(func=_run("publisher.cli.mapping", "run_map"))

    p = sub.add_parser("validate", help="map records and validate them against the SHACL shapes")
    _add_input_options(p)
    p.set_defaults(func=_run("publisher.cli.mapping", "run_validate"))

    p = sub.add_parser("ingest", help="map records and load them into the store")
    _add_input_options(p)
    _add_store_option(p)
    p.add_argument("--report", default="rejected.tsv", help="where to write rejected records (TSV)")
    p.add_argument("--batch-size", type=int, default=1000, help="records written per transaction")
    p.add_argument("--jobs", type=int, default=None, help="mapping processes (default: one per core)")
    p.add_argument("--validate", action="store_true", help="validate every record with SHACL (slow)")
    p.add_argument("--no-compact", dest="compact", action="store_false",
                   help="do not compact the store after loading into an empty one (faster load, slower reads)")
    p.add_argument("--progress", choices=["auto", "bar", "log", "none"], default="auto",
                   help="how to show progress on standard error: bar (a live line), log (a line every 10 s), none; "
                        "auto (default): bar on a terminal, log otherwise")
    p.set_defaults(func=_run("publisher.cli.ingest", "run_ingest"))

    from publisher.cli.harvest import add_arguments as add_harvest

    add_harvest(sub).set_defaults(func=_run("publisher.cli.harvest", "run_harvest"))

    p = sub.add_parser("delete", help="remove a record's graph (by record id, graph URI or work URI)")
    p.add_argument("target", metavar="RECORD_ID_OR_URI")
    _add_store_option(p)
    p.add_argument("--base", help="base URI (env LODPUB_BASE_URI)")
    p.set_defaults(func=_run("publisher.cli.ingest", "run_delete"))

    p = sub.add_parser("reconcile", help="list the merges of people and works lodpub did not make, for a curator")
    _add_store_option(p)
    p.add_argument("--base", help="base URI (env LODPUB_BASE_URI)")
    p.add_argument("-o", "--output", help="write to this file (default standard output)")
    p.set_defaults(func=_run("publisher.cli.curation", "run_reconcile"))

    p = sub.add_parser("republish", help="rebuild the published view from the record graphs and the overrides file")
    _add_store_option(p)
    p.add_argument("--base", help="base URI (env LODPUB_BASE_URI)")
    p.set_defaults(func=_run("publisher.cli.curation", "run_republish"))

    p = sub.add_parser("reindex", help="build the full-text search index afresh (ingests keep it current)",
                       description="Build the search index of the published works afresh, beside the store (or at "
                                   "LODPUB_SEARCH_INDEX). Ingest, delete and republish keep it current, and a server "
                                   "builds a missing one in the background; run this after changing the published "
                                   "view another way (a SPARQL Update of the default graph).")
    _add_store_option(p)
    p.set_defaults(func=_run("publisher.cli.reindex", "run_reindex"))

    p = sub.add_parser("rebase", help="move the store to a new public URL (every IRI under its base rewritten)",
                       description="Rewrite every IRI under the store's base (works, people, record graphs ...) to "
                                   "NEW_BASE, atomically: readers see the store wholly before or after. Running "
                                   "servers follow; their page caches and dumps are made afresh.")
    p.add_argument("new_base", metavar="NEW_BASE", help="the new public base URI, e.g. https://data.example.org/")
    p.add_argument("--from", dest="old_base", metavar="OLD_BASE",
                   help="the base to move (default: the store's; needed when its records carry several)")
    _add_store_option(p)
    p.set_defaults(func=_run("publisher.cli.rebase", "run_rebase"))

    p = sub.add_parser("recovery", help="list the snapshots taken before DROP/CLEAR updates, or restore one")
    p.add_argument("action", choices=["list", "restore"])
    p.add_argument("name", nargs="?", help="the snapshot to restore (from the list)")
    _add_store_option(p)
    p.set_defaults(func=_run("publisher.cli.recovery", "run_recovery"))

    p = sub.add_parser("export", help="stream the store (or one graph) as RDF")
    _add_store_option(p)
    p.add_argument("--format", default="nq", choices=formats.spellings(formats.DUMP_KEYS))
    p.add_argument("--graph", action="append", help="export only this graph (repeatable)")
    p.add_argument("-o", "--output", help="write to this file (default standard output)")
    p.set_defaults(func=_run("publisher.cli.export", "run_export"))

    p = sub.add_parser("stats", help="print counts: records, works by type, persons, journals, triples")
    _add_store_option(p)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=_run("publisher.cli.dataset", "run_stats"))

    p = sub.add_parser("describe-dataset", help="print the VoID + DCAT dataset description")
    _add_store_option(p)
    p.add_argument("--base", help="base URI (env LODPUB_BASE_URI)")
    p.add_argument("--format", default="ttl", choices=formats.spellings(formats.RDF_KEYS))
    p.set_defaults(func=_run("publisher.cli.dataset", "run_describe"))

    p = sub.add_parser("serve", help="serve pages, SPARQL and DOI resolution (development server)")
    _add_store_option(p)
    p.add_argument("--host", default="127.0.0.1", help="interface to bind (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=5000)
    p.add_argument("--base", help="public base URI (env LODPUB_BASE_URI)")
    p.set_defaults(func=_run("publisher.cli.serve", "run_serve"))

    p = sub.add_parser("embed", help="print the Schema.org JSON-LD + citation meta tags for a work")
    p.add_argument("target", nargs="?", metavar="ID_OR_DOI")
    p.add_argument("--all", metavar="DIR", help="write one fragment per work into DIR")
    p.add_argument("--part", choices=["all", "jsonld", "meta"], default="all")
    _add_store_option(p)
    p.add_argument("--base", help="base URI (env LODPUB_BASE_URI)")
    p.set_defaults(func=_run("publisher.cli.embed", "run_embed"))
    return ap


def _run(module: str, function: str) -> Command:
    """A command that imports its implementation only when run (keeps start-up fast)."""

    def call(args: argparse.Namespace) -> int:
        import importlib

        return int(getattr(importlib.import_module(module), function)(args))

    return call


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``lodpub`` console script."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
