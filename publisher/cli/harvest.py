"""``lodpub harvest oai`` and ``lodpub harvest ep3``: keep the store in step with a live repository."""

from __future__ import annotations

import argparse
import sys

from mappings.uris import Minter
from publisher.cli.common import CommandError, with_store
from publisher.config import Settings
from publisher.harvest.fetch import Fetcher, FetchError, check_url
from publisher.harvest.oai import ListRecords
from publisher.harvest.run import HarvestOptions, HarvestSummary, harvest_ep3, harvest_oai
from publisher.ingest.rejects import RejectReport
from publisher.published.overrides import load_for
from publisher.store import Store

MIB = 1024 * 1024


def add_arguments(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    """The ``harvest`` command and its two sources."""
    p = sub.add_parser("harvest", help="harvest a live repository (OAI-PMH, or an EPrints EP3 export) into the store")
    kinds = p.add_subparsers(dest="source", required=True, metavar="SOURCE")
    oai = kinds.add_parser("oai", help="harvest an OAI-PMH repository (incrementally, deletions included)",
                           description="ListRecords from BASE_URL into the store, from the last successful "
                                       "harvest's latest datestamp (kept in the store per base URL, prefix and "
                                       "set), following resumption tokens; records reported deleted are deleted.")
    oai.add_argument("url", metavar="BASE_URL", help="the repository's OAI-PMH base URL (http or https)")
    oai.add_argument("--metadata-prefix", required=True,
                     help="oai_dc, uketd_dc, marc21 (MARCXML), or another prefix whose payload lodpub can read")
    oai.add_argument("--set", dest="set_spec", metavar="SET", help="harvest only this set")
    oai.add_argument("--from", dest="from_date", metavar="DATE",
                     help="harvest records changed since DATE (overrides the stored datestamp)")
    oai.add_argument("--until", metavar="DATE", help="harvest records changed until DATE")
    oai.add_argument("--full", action="store_true", help="ignore the stored datestamp: harvest everything")
    ep3 = kinds.add_parser("ep3", help="fetch an EPrints EP3 XML export URL and ingest it")
    ep3.add_argument("url", metavar="URL", help="the export URL (http or https)")
    for q in (oai, ep3):
        q.add_argument("--store", help="data directory, 'memory:' or sparql+http://... (env LODPUB_STORE)")
        q.add_argument("--base", help="base URI for minted URIs (env LODPUB_BASE_URI)")
        q.add_argument("--report", default="rejected.tsv", help="where to write rejected records (TSV)")
        q.add_argument("--batch-size", type=int, default=1000, help="records written per transaction")
        q.add_argument("--timeout", type=float, default=120.0, help="seconds allowed for one request (default 120)")
        q.add_argument("--max-response-mb", type=int, default=64 if q is oai else 1024,
                       help="largest response accepted, in MiB (default 64 for OAI-PMH pages, 1024 for an export)")
        q.add_argument("--retries", type=int, default=5, help="retries of a request the server refused for now")
        q.add_argument("--max-wait", type=float, default=300.0,
                       help="longest wait between retries, whatever Retry-After asks (default 300 s)")
        q.add_argument("--progress", choices=["auto", "bar", "log", "none"], default="auto",
                       help="progress on standard error, as for `lodpub ingest`")
    return p


def run_harvest(args: argparse.Namespace) -> int:
    """The ``lodpub harvest`` command."""
    from publisher.ingest.progress import progress_reporter

    try:
        check_url(args.url)
    except FetchError as exc:
        raise SystemExit(f"lodpub harvest: {exc}") from None
    fetcher = Fetcher(timeout=args.timeout, max_bytes=args.max_response_mb * MIB, retries=args.retries,
                      max_wait=args.max_wait)

    def run(store: Store, settings: Settings) -> int:
        minter = Minter(settings.base_uri)
        with RejectReport(args.report) as report, progress_reporter(args.progress) as on_progress:
            options = HarvestOptions(settings.input_limits(), report, on_progress, args.batch_size,
                                     publish_interval=settings.publish_interval, overrides=load_for(settings))
            if args.source == "oai":
                listing = ListRecords(args.url, args.metadata_prefix, args.set_spec, args.from_date, args.until)
                summary = harvest_oai(store, minter, listing, fetcher, options, incremental=not args.full)
            else:
                try:
                    summary = harvest_ep3(store, minter, args.url, fetcher, options)
                except FetchError as exc:
                    raise CommandError(str(exc)) from None
        return _report(summary, args.report)

    return with_store(args, run, writable=True)


def _report(summary: HarvestSummary, report_path: str) -> int:
    print(summary.line(), file=sys.stderr)
    status = 0
    if summary.ingest.rejected or summary.ingest.unreadable:
        print(f"rejected records are listed in {report_path}", file=sys.stderr)
        for reason, count in sorted(summary.ingest.reasons.items(), key=lambda kv: -kv[1])[:10]:
            print(f"  {count:6d}  {reason}", file=sys.stderr)
        status = 1
    if summary.failure:
        print(f"the harvest stopped early: {summary.failure}", file=sys.stderr)
        print("what was read is kept; the next harvest starts where this one did", file=sys.stderr)
        status = 3
    return status
