"""OAI-PMH harvest speed: a synthetic corpus ingested, ``lodpub serve`` over it, then full ListRecords and
ListIdentifiers harvests (plain HTTP, following resumption tokens) and an incremental one after a deletion.

    python -m bench.oai_bench --records 5000 [--dir DIR] [--page 100]
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

from bench.corpus import generate, paths_for
from mappings.uris import Minter
from publisher.ingest.pipeline import ingest
from publisher.store import open_store
from tests import servers
from tests.helpers import REPO

TOKEN = re.compile(r"<resumptionToken[^>]*>([^<]+)</resumptionToken>")


def harvest(oai: str, verb: str, **args: str) -> tuple[int, float]:
    """Every header or record of a list: (how many, seconds)."""
    started = time.perf_counter()
    count = 0
    params: dict[str, str] = {"verb": verb, **args}
    with requests.Session() as session:
        while True:
            body = session.get(oai, params=params, timeout=600).text
            count += body.count("<header")
            found = TOKEN.search(body)
            if not found:
                return count, time.perf_counter() - started
            params = {"verb": verb, "resumptionToken": found.group(1)}


def main(argv: list[str] | None = None) -> int:
    """Run the bench and print its figures."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--records", type=int, default=5000)
    ap.add_argument("--dir", default=None, help="where the corpus and the store go (default: a temporary folder)")
    ap.add_argument("--page", default="100", help="LODPUB_OAI_PAGE_SIZE")
    args = ap.parse_args(argv)
    root = Path(args.dir or tempfile.mkdtemp(prefix="oai-bench-"))
    generate(root / "corpus", args.records, jobs=1, quiet=True)
    port = servers.free_port()
    base = f"http://127.0.0.1:{port}/"
    data = root / f"store-{args.records}"
    shutil.rmtree(data, ignore_errors=True)  # minted under this run's address
    store = open_store(str(data), writable=True)
    began = time.perf_counter()
    summary = ingest(paths_for(root / "corpus", args.records), store, Minter(base), jobs=1)
    store.publish()
    store.close()
    print(f"ingest: {summary.written} records in {time.perf_counter() - began:.1f} s")
    settings = {"LODPUB_STORE": str(data), "LODPUB_OAI_PAGE_SIZE": args.page}
    with servers.lodpub(settings, kind="gunicorn", base=base, port=port, threads=1):
        oai = base + "oai"
        for verb, prefix in (("ListIdentifiers", "oai_dc"), ("ListRecords", "oai_dc"), ("ListRecords", "uketd_dc"),
                             ("ListRecords", "rdf")):
            count, seconds = harvest(oai, verb, metadataPrefix=prefix)
            print(f"{verb} {prefix}: {count} in {seconds:.1f} s = {count / seconds:.0f} records/s")
        latest = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        time.sleep(1.1)
        first = requests.get(oai, params={"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"}, timeout=60).text
        identifier = re.search(r"<identifier>oai:[^:]+:([^<]+)</identifier>", first)
        assert identifier is not None
        subprocess.run([sys.executable, "-m", "publisher.cli", "delete", base + "id/" + identifier.group(1),
                        "--store", str(data), "--base", base], check=True, cwd=REPO, capture_output=True)
        time.sleep(1)
        count, seconds = harvest(oai, "ListRecords", metadataPrefix="oai_dc", **{"from": latest})
        print(f"incremental ListRecords after one deletion: {count} records in {seconds * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
