"""Run the benchmarks and write a Markdown report to bench/results/.

Usage: ``python -m bench.run [--records 1000000] [--quick] [--work DIR] [--skip virtuoso,rdflib,...]``

``--quick``: 10k records, one run each, short load tests, peers on 2k records (the CI smoke test uses it with
fewer records still). The largest size is ingested first and the servers are measured on it straight away;
the baselines come last. The report is rewritten after every step, so an interrupted run leaves what it measured.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import os
import pickle
import shutil
import sys
import time
from pathlib import Path

from bench import corpus, ingest_bench, pages_bench, report, servers, sparql_bench
from bench.procmon import process_memory
from tests.servers import variable

RESULTS = Path(__file__).resolve().parent / "results"
SIZES = (10_000, 100_000, 1_000_000)
WARM_WORKS = 200  # the popular works of the warm page-cache measurement
BIG = 100_000  # above this: one run per SPARQL query, no ordered harvest, export after the servers
PEER_RECORDS = 10_000  # rdflib-endpoint and Virtuoso hold this many (rdflib needs ~1.2 KB per triple in memory)


def log(message: str) -> None:
    """Progress on standard error."""
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def parse(argv: list[str] | None) -> argparse.Namespace:
    """Command-line options."""
    ap = argparse.ArgumentParser(description="lodpub benchmarks (issue 8)")
    ap.add_argument("--records", type=int, default=1_000_000)
    ap.add_argument("--quick", action="store_true", help="10k records, one run each, short load tests")
    ap.add_argument("--work", default=variable("LODPUB_BENCH_DIR", "/tmp/lodpub-bench"),
                    help="scratch directory for the corpus and stores (env LODPUB_BENCH_DIR)")
    ap.add_argument("--out", default=str(RESULTS), help="directory for the Markdown report")
    ap.add_argument("--repeat", type=int, default=None, help="runs per measurement (default 3, quick 1)")
    ap.add_argument("--seconds", type=float, default=None, help="seconds per load test (default 10, quick 3)")
    ap.add_argument("--skip", default="", help="comma-separated: bulk,rdflib,pages,sparql,virtuoso,harvest")
    ap.add_argument("--resume", action="store_true", help="keep the steps an interrupted run of this size finished")
    ap.add_argument("--store-from-quads", action="store_true",
                    help="build the --records store with the bulk loader from the quads the ingest writes, instead "
                    "of ingesting it (to re-measure the servers at a size whose ingest was measured before)")
    ap.add_argument("--sizes", default="", help="comma-separated corpus sizes for the ingest table (default "
                    "10000,100000 and --records; --records is always measured)")
    args = ap.parse_args(argv)
    if args.quick and args.records == 1_000_000:
        args.records = 10_000
    args.repeat = args.repeat or (1 if args.quick else 3)
    args.seconds = args.seconds or (3.0 if args.quick else 10.0)
    args.skip = set(filter(None, args.skip.split(",")))
    args.sizes = {int(n) for n in args.sizes.split(",") if n} or set(SIZES)
    return args


def save(work: Path, res: report.Results, rows: dict[int, ingest_bench.IngestRow]) -> None:
    """Keep what was measured so far, for ``--resume``."""
    with open(work / "state.pkl", "wb") as fh:
        pickle.dump((res, rows), fh)


def write(res: report.Results, out: Path, records: int) -> Path:
    """(Re)write the report; print where."""
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"report-{records}.md"
    path.write_text(report.markdown(res))
    return path


def main(argv: list[str] | None = None) -> int:
    """Run everything the options select: the largest size first, so that its servers are measured early."""
    args = parse(argv)
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    out = Path(args.out)
    res = report.Results(args.records, "python -m bench.run " + " ".join(argv if argv is not None else sys.argv[1:]),
                         load_before=f"{os.getloadavg()[0]:.2f}")
    rows: dict[int, ingest_bench.IngestRow] = {}
    if args.resume and (work / "state.pkl").exists():
        with open(work / "state.pkl", "rb") as fh:
            res, rows = pickle.load(fh)
        if res.records != args.records:
            raise SystemExit(f"{work / 'state.pkl'} is a run of {res.records} records, not {args.records}")
        log(f"resuming after {sorted(res.done)}")
    log(f"corpus of {args.records} records in {work / 'corpus'}")
    res.corpus = corpus.generate(work / "corpus", args.records)
    peers = min(2_000 if args.quick else PEER_RECORDS, args.records)
    note = (f"Each measured ingest publishes one snapshot, at its end (LODPUB_PUBLISH_INTERVAL="
            f"{ingest_bench.PUBLISH_INTERVAL}): a snapshot hard-links the store's files, and snapshots published "
            "every minute during a long load kept replaced files on disk (28 GB for a 9.5 GB store at 150k records).")
    if note not in res.notes:
        res.notes.append(note)
    sizes = sorted({s for s in args.sizes if s < args.records} | {args.records}, reverse=True)
    for size in sizes:  # ingest, largest first; the servers run on the largest store right after it is built
        repeat = args.repeat if size <= 10_000 else 1
        if f"ingest-{size}" not in res.done and args.store_from_quads and size == args.records:
            rows[size] = ingest_bench.build_from_quads(work / "corpus", work, size, log)
            res.notes.append(f"The {size:,}-record store was not ingested in this run (--store-from-quads): the quads "
                             "`lodpub ingest` writes for these records (its mapping workers and per-record payload, "
                             "`bench.baselines mapquads`) were bulk-loaded as its master, compacted and published, "
                             "as the ingest ends. That bulk load is the table's baseline; the servers were measured "
                             "on that store.")
            res.ingest = [rows[k] for k in sorted(rows) if k in sizes]
            res.done |= {f"ingest-{size}", f"baselines-{size}"}
            save(work, res, rows)
        if f"ingest-{size}" not in res.done:
            rows[size] = ingest_bench.ingest_size(work / "corpus", work, size, repeat, log,
                                                  keep=size in (peers, args.records),
                                                  export_now=size != args.records or size <= BIG)
            res.ingest = [rows[k] for k in sorted(rows) if k in sizes]
            res.done.add(f"ingest-{size}")
            save(work, res, rows)
        log(f"report: {write(res, out, args.records)}")
        if size == args.records and not {"pages", "sparql"} <= args.skip and "servers" not in res.done:
            if peers not in rows:
                rows[peers] = ingest_bench.ingest_size(work / "corpus", work, peers, 1, log)
            peer_nq = work / f"peers-{peers}.nq"
            with gzip.open(rows[peers].nquads or "", "rb") as src, open(peer_nq, "wb") as dst:
                shutil.copyfileobj(src, dst)
            res.notes.append(f"rdflib-endpoint holds the first {peers:,} records only (its in-memory store needs "
                             "~1.2 KB per triple); lodpub and Oxigraph serve all of them.")
            run_servers(args, res, work / f"store-{args.records}", work, peer_nq, peers, rows, out)
            res.done.add("servers")
            save(work, res, rows)
        if size == args.records and "pages" not in args.skip and "pages-warm" not in res.done:
            warm_pages(args, res, work / f"store-{args.records}", work, out)
            res.done.add("pages-warm")
            save(work, res, rows)
    for size in sorted(sizes):  # the baselines last, the biggest bulk load at the very end
        if "bulk" not in args.skip and f"baselines-{size}" not in res.done:
            if rows[size].nquads is None:  # a big store is exported only now, and removed before its bulk load
                log(f"ingest {size}: export N-Quads")
                ingest_bench.export(work, rows[size])
                shutil.rmtree(work / f"store-{size}", ignore_errors=True)
            ingest_bench.baselines(work / "corpus", work, rows[size], args.repeat if size <= 10_000 else 1,
                                   0 if "rdflib" in args.skip or size != min(sizes) else peers, log)
            res.done.add(f"baselines-{size}")
            save(work, res, rows)
        log(f"report: {write(res, out, args.records)}")
    print(report.markdown(res))
    return 0


def run_servers(args: argparse.Namespace, res: report.Results, store: Path, work: Path, peer_nq: Path, peers: int,
                rows: dict[int, ingest_bench.IngestRow], out: Path) -> None:
    """Tables 2, 3 and 4: the servers side by side."""
    snapshot = servers.snapshot_dir(store)
    works, dois = pages_bench.sample_works(snapshot, 2000)
    peer_works, _ = pages_bench.sample_works(servers.snapshot_dir(work / f"store-{peers}"), 2000)
    conns = 8
    with servers.lodpub(store, work / "lodpub.log") as lodpub, servers.oxigraph(snapshot, work / "oxigraph.log") as ox:
        rss_idle = {pid: process_memory(pid)[0] for pid in servers.children(lodpub)}
        if "pages" not in args.skip:
            log("pages: lodpub")
            res.pages += pages_bench.bench_lodpub(lodpub.url, works, dois, args.repeat, args.seconds, conns)
            log("pages: oxigraph DESCRIBE")
            res.pages.append(pages_bench.bench_describe(ox.url, "oxigraph", "/query", works, args.repeat,
                                                        args.seconds, conns))
        workers = {pid: process_memory(pid) for pid in servers.children(lodpub)}
        res.memory = {"worker_rss_mb": max(r for r, _ in workers.values()),
                      "worker_rss_idle_mb": max(rss_idle.values(), default=float("nan")),
                      "server_tree_rss_mb": servers.memory(lodpub)[0], "server_tree_pss_mb": servers.memory(lodpub)[1],
                      "oxigraph_server_rss_mb": servers.memory(ox)[0]}
        write(res, out, args.records)
        if "sparql" not in args.skip:
            run_sparql(args, res, lodpub.url, snapshot, peer_works[0], rows, peers)
    if importlib.util.find_spec("uvicorn") is None:  # rdflib-endpoint's command line needs it
        res.notes.append("rdflib-endpoint was not measured: uvicorn (its ASGI server) is not installed.")
    elif "rdflib" not in args.skip:
        log("rdflib-endpoint: loading")
        with servers.rdflib_endpoint(peer_nq, work / "rdflib.log") as rd:
            if "pages" not in args.skip:
                res.pages.append(pages_bench.bench_describe(rd.url, "rdflib-endpoint", "/", peer_works,
                                                            args.repeat, args.seconds, conns,
                                                            note=f"first {peers:,} records"))
            for name in sparql_bench.QUERIES if "sparql" not in args.skip else ():
                res.sparql[name]["rdflib-endpoint"] = sparql_bench.over_http(rd.url + "/", name, peer_works[0],
                                                                             args.repeat)
    write(res, out, args.records)


def warm_pages(args: argparse.Namespace, res: report.Results, store: Path, work: Path, out: Path) -> None:
    """Table 2 again with the page cache on: a set of popular works, each requested before."""
    works, dois = pages_bench.sample_works(servers.snapshot_dir(store), 2000)
    log("pages: lodpub, page cache warm")
    with servers.lodpub(store, work / "lodpub-warm.log", page_cache=True) as lodpub:
        res.pages += pages_bench.bench_lodpub(lodpub.url, works, dois, args.repeat, args.seconds, 8,
                                              warm=min(WARM_WORKS, len(works)))
        res.memory["worker_rss_page_cache_warm_mb"] = max(process_memory(pid)[0] for pid in servers.children(lodpub))
    write(res, out, args.records)


def run_sparql(args: argparse.Namespace, res: report.Results, url: str, snapshot: Path, work_iri: str,
               rows: dict[int, ingest_bench.IngestRow], peers: int) -> None:
    """Table 3 for lodpub, raw pyoxigraph and Virtuoso; the harvest."""
    runs = 1 if args.records > BIG else max(args.repeat, 3)
    for name in sparql_bench.QUERIES:
        log(f"sparql: {name}")
        res.sparql[name] = {"lodpub /sparql": sparql_bench.over_http(url + "/sparql", name, work_iri, runs),
                            "pyoxigraph in-process": sparql_bench.in_process(snapshot, name, work_iri, runs)}
    vsize = peers
    if "virtuoso" not in args.skip and servers.virtuoso_available() and rows[vsize].nquads:
        log(f"virtuoso: loading {vsize} records")
        with servers.virtuoso(Path(args.work) / "virtuoso.log") as v:
            seconds = v.bulk_load(rows[vsize].nquads)  # type: ignore[arg-type]
            res.notes.append(f"Virtuoso holds the first {vsize:,} records (loaded in {seconds:.0f} s by its own bulk "
                             "loader); its figures are for that subset.")
            for name in sparql_bench.QUERIES:
                res.sparql[name]["Virtuoso"] = sparql_bench.over_http(v.url + "/sparql", name, work_iri, runs)
    if "harvest" not in args.skip:
        works = max(rows[args.records].read, 1)
        log("harvest, listing in the engine's order")
        res.harvest["engine order"] = sparql_bench.harvest(url + "/sparql", works, ordered=False)
        if args.records > BIG:
            res.notes.append(f"The ordered harvest (ORDER BY ?work ?graph) was not run at {args.records:,} records: "
                             "at 100,000 one listing page already took ~60 s, as the engine sorts the whole "
                             "listing for every page.")
        else:
            log("harvest, ordered listing (docs/harvesting.md)")
            res.harvest["ORDER BY ?work ?graph"] = sparql_bench.harvest(url + "/sparql", works, ordered=True,
                                                                        budget=60)


if __name__ == "__main__":
    sys.exit(main())
