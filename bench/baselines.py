"""The ingest baselines, each run as its own process so that its memory can be measured alone.

``python -m bench.baselines bulkload NQ_GZ STORE_DIR``: pyoxigraph's bulk loader reading the same quads as
N-Quads (decompressed by ``gzip -dc`` into a pipe that Rust reads directly): the physical limit of the
store. ``python -m bench.baselines rdflib PATH...``: the naive way, parsing and mapping with the same
parsers and crosswalk in one process, into rdflib's in-memory ``Dataset`` (one context per record graph).
``python -m bench.baselines mapquads OUT_NQ_GZ PATH...``: the quads ``lodpub ingest`` would write for these
records into an empty store (the same mapping workers and per-record payload), straight to gzipped N-Quads,
without a store: the bulk loader's input at sizes where building and exporting a store first would take hours.
Each prints one JSON line: {"quads": ..., "records": ..., "seconds": ...}.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time

from tests.servers import BASE_URI


def bulkload(nq_gz: str, store_dir: str) -> dict[str, float]:
    """Bulk-load gzipped N-Quads into a new on-disk store; count the quads."""
    import pyoxigraph as ox

    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        fifo = os.path.join(tmp, "quads.nq")
        os.mkfifo(fifo)
        with open(fifo + ".err", "wb") as err:
            feeder = subprocess.Popen(f"gzip -dc '{nq_gz}' > '{fifo}'", shell=True, stderr=err)
            store = ox.Store(store_dir)
            store.bulk_load(path=fifo, format=ox.RdfFormat.N_QUADS)
            store.flush()
            feeder.wait()
    seconds = time.perf_counter() - started
    quads = len(store)
    return {"quads": quads, "seconds": seconds}


def _rdflib_term(term: object, cache: dict[str, object]) -> object:
    from pyoxigraph import BlankNode, Literal, NamedNode
    from rdflib import BNode, URIRef
    from rdflib import Literal as RLiteral

    if isinstance(term, NamedNode):
        found = cache.get(term.value)
        if found is None:
            found = cache[term.value] = URIRef(term.value)
        return found
    if isinstance(term, BlankNode):
        return BNode(term.value)
    assert isinstance(term, Literal)
    if term.language:
        return RLiteral(term.value, lang=term.language)
    datatype = term.datatype.value
    if datatype == "http://www.w3.org/2001/XMLSchema#string":
        return RLiteral(term.value)
    return RLiteral(term.value, datatype=URIRef(datatype))


def naive_rdflib(paths: list[str]) -> dict[str, float]:
    """Parse, map and add every record to rdflib's Memory store (one context per record graph)."""
    from rdflib import Dataset, URIRef

    from mappings import sources
    from mappings.crosswalk import map_record
    from mappings.model import RecordError
    from mappings.uris import Minter
    from mappings.validation import precheck

    started = time.perf_counter()
    minter = Minter(BASE_URI)
    dataset = Dataset(store="Memory")
    cache: dict[str, object] = {}
    records = quads = 0
    for item in sources.read_all(paths):
        if isinstance(item, RecordError) or precheck(item):
            continue
        mapped = map_record(item, minter)
        context = dataset.graph(URIRef(mapped.graph))
        for triple in mapped.triples:
            context.add((_rdflib_term(triple.subject, cache), _rdflib_term(triple.predicate, cache),  # type: ignore[arg-type]
                         _rdflib_term(triple.object, cache)))
        records += 1
        quads += len(mapped.triples)
    return {"quads": quads, "records": records, "seconds": time.perf_counter() - started}


def map_quads(out: str, paths: list[str]) -> dict[str, float]:
    """Map every record as ``lodpub ingest`` does and write each record graph's quads (first version kept)."""
    import datetime

    from mappings.model import RecordError
    from publisher.ingest.pipeline import graph_payload
    from publisher.ingest.workers import map_files
    from publisher.store import GraphWrite
    from publisher.store.oxigraph import as_nquads

    started = time.perf_counter()
    now = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    seen: dict[str, str] = {}
    records = quads = changed = 0
    with open(out, "wb") as fh:
        gz = subprocess.Popen(["gzip", "-1", "-c"], stdin=subprocess.PIPE, stdout=fh)
        assert gz.stdin is not None
        for result in map_files(paths, None, BASE_URI):
            if isinstance(result, RecordError):
                continue
            records += 1
            if result.graph in seen:  # ingest compares hashes: unchanged is skipped, changed replaces
                changed += seen[result.graph] != result.content_hash
                continue
            seen[result.graph] = result.content_hash
            payload = as_nquads([GraphWrite(result.graph, graph_payload(result, now))])
            quads += payload.count(b"\n")
            gz.stdin.write(payload)
        gz.stdin.close()
        if gz.wait():
            raise RuntimeError("gzip failed")
    return {"quads": quads, "records": records, "graphs": len(seen), "changed_duplicates": changed,
            "seconds": time.perf_counter() - started}


def main(argv: list[str]) -> int:
    """Command line (see the module docstring)."""
    if argv[:1] == ["bulkload"] and len(argv) == 3:
        print(json.dumps(bulkload(argv[1], argv[2])))
    elif argv[:1] == ["mapquads"] and len(argv) >= 3:
        print(json.dumps(map_quads(argv[1], argv[2:])))
    elif argv[:1] == ["rdflib"] and len(argv) >= 2:
        print(json.dumps(naive_rdflib(argv[1:])))
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
