"""Parsing and mapping records in worker processes, streamed back in bounded chunks.

Each worker takes whole files (a file is the unit of parallelism: large inputs should come as many
files), parses and maps their records, and sends back compact results: the record graph's N-Triples, its
content hash and what the report needs about rejected records. The main process only batches and writes,
so ingest uses every core and memory stays bounded by the queue size whatever the input size.
"""

from __future__ import annotations

import hashlib
import multiprocessing as mp
import multiprocessing.queues
import os
import queue
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TypeAlias

from mappings import sources
from mappings.crosswalk import map_record
from mappings.limits import DEFAULT, InputLimits
from mappings.model import FormatError, Record, RecordError
from mappings.uris import Minter
from mappings.validation import completeness, precheck, validate
from publisher import config

CHUNK = 50  # results per message from a worker (~1 MB)
QUEUE_CHUNKS = 16  # chunks in flight: bounds memory


@dataclass
class Mapped:
    """A mapped record, ready to write."""

    graph: str
    work: str
    content_hash: str
    ntriples: bytes
    triples: int


Chunk: TypeAlias = "list[Mapped | RecordError]"
Tasks: TypeAlias = "multiprocessing.queues.Queue[tuple[str, str] | None]"  # (path, label)s, then a None per worker
Results: TypeAlias = "multiprocessing.queues.Queue[Chunk | None]"  # chunks of results, then a None per worker


def map_one(item: Record | RecordError, minter: Minter, shacl: bool) -> Mapped | RecordError:
    """Map one parsed item (a Record or a RecordError) to a Mapped result or a rejection."""
    if isinstance(item, RecordError):
        return item
    problems = precheck(item)
    for missing in completeness(item):  # what the record lacks publishes as a warning, never refuses it
        item.warn(*missing.split(": ", 1))
    try:
        mapped = map_record(item, minter) if not problems else None
    except RecordError as exc:
        return exc
    except Exception as exc:  # noqa: BLE001 - a crosswalk bug: this record is rejected, the others go on
        return RecordError(f"mapping failed ({type(exc).__name__}: {exc})", file=item.source_file,
                           record=item.source_id)
    if mapped is not None and shacl:
        problems = validate(mapped).messages
    if problems or mapped is None:
        return RecordError("; ".join(problems), file=item.source_file, record=item.source_id,
                           field=problems[0].split(":")[0])
    data = mapped.ntriples()
    return Mapped(graph=mapped.graph, work=mapped.work, content_hash=content_hash(data, minter.base), ntriples=data,
                  triples=len(mapped.statements))


def content_hash(ntriples: bytes, base: str) -> str:
    """What a record's mapping says, as a digest that does not depend on the base (a rebased store's records are
    still unchanged when their source is)."""
    return hashlib.sha1(ntriples.replace(b"<" + base.encode("utf-8"), b"<")).hexdigest()


def map_files_serially(inputs: Sequence[tuple[str, str]], input_format: str | None, base: str,
                       shacl: bool, limits: InputLimits = DEFAULT) -> Iterator[Mapped | RecordError]:
    """Map in this process (one file, one core, or tests): ``inputs`` are (path, label) pairs."""
    minter = Minter(base)
    for path, label in inputs:
        for item in sources.read_file(path, input_format, label, limits):
            yield map_one(item, minter, shacl)


def _send(results: Results, item: Chunk | None, parent: int) -> None:
    """Put a result on the queue, giving up (and exiting) if the ingest process has died meanwhile."""
    while True:
        try:
            results.put(item, timeout=1.0)
            return
        except queue.Full:
            if os.getppid() != parent:  # re-parented: the ingest was killed; do not linger
                results.cancel_join_thread()  # nor wait at exit to flush results nobody will read
                raise SystemExit(1) from None


def _worker(tasks: Tasks, results: Results, input_format: str | None, base: str, shacl: bool,
            parent: int, limits: InputLimits) -> None:
    minter = Minter(base)
    while True:
        try:
            task = tasks.get(timeout=1.0)
        except queue.Empty:
            if os.getppid() != parent:
                results.cancel_join_thread()
                return
            continue
        if task is None:
            _send(results, None, parent)
            if os.getppid() != parent:
                results.cancel_join_thread()
            return
        path, label = task
        chunk: list[Mapped | RecordError] = []
        try:
            for item in sources.read_file(path, input_format, label, limits):
                chunk.append(map_one(item, minter, shacl))
                if len(chunk) >= CHUNK:
                    _send(results, chunk, parent)
                    chunk = []
        except Exception as exc:  # noqa: BLE001 - a parser bug must not hang the ingest: report it
            chunk.append(FormatError(f"internal error while reading: {type(exc).__name__}: {exc}", file=path))
        _send(results, chunk, parent)


def map_files(paths: Sequence[str], input_format: str | None, base: str, shacl: bool = False,
              jobs: int | None = None, limits: InputLimits | None = None) -> Iterator[Mapped | RecordError]:
    """Map every record of every file, in ``jobs`` worker processes (default: one per core), under ``limits``
    (default: the settings'); a path that does not exist is reported (a FormatError naming it), not raised."""
    limits = limits or config.load().input_limits()
    files: list[tuple[str, str]] = []
    for path in paths:
        try:
            files += sources.iter_inputs([path])
        except FileNotFoundError as exc:
            yield FormatError(str(exc), file=path)
    jobs = min(jobs or os.cpu_count() or 1, len(files))
    if jobs <= 1:
        yield from map_files_serially(files, input_format, base, shacl, limits)
        return
    ctx = mp.get_context("spawn")
    tasks: Tasks = ctx.Queue()
    results: Results = ctx.Queue(maxsize=QUEUE_CHUNKS)
    for task in files:
        tasks.put(task)
    for _ in range(jobs):
        tasks.put(None)
    workers = [ctx.Process(target=_worker, args=(tasks, results, input_format, base, shacl, os.getpid(), limits),
                           daemon=True) for _ in range(jobs)]
    for w in workers:
        w.start()
    running = jobs
    try:
        while running:
            try:
                chunk = results.get(timeout=5)
            except queue.Empty:
                if not any(w.is_alive() for w in workers):
                    raise RuntimeError("all mapping workers died") from None
                continue
            if chunk is None:
                running -= 1
                continue
            yield from chunk
    finally:
        for w in workers:
            if w.is_alive():
                w.terminate()
            w.join(timeout=5)
