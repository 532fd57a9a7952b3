"""The query worker process: opens the store read-only, then answers jobs from its pipe until the pipe closes.

Started by the pool as ``python -m publisher.sparql.worker READ_FD WRITE_FD SPEC [MEMORY_BYTES [NICE]]``; it
says ``(ready, sandboxed)`` once the store is open. Before that it lowers its CPU priority, takes its memory
ceiling (``RLIMIT_DATA``: the heap and every private writable mapping, which is what a query grows; the
address space would also count RocksDB's reservations and thread stacks, which vary with the machine) and,
over an on-disk store, gives up network sockets (:mod:`.sandbox`). The pool kills a worker whose job
overruns the time limit; nothing here cooperates with that.
"""

from __future__ import annotations

import os
import resource
import signal
import sys
from multiprocessing.connection import Connection

from publisher.sparql.execute import Job, Outcome, run_job
from publisher.sparql.sandbox import deny_network
from publisher.store import Store, open_store

READY = "ready"
MEMORY_MARK = b"out of memory: "


def serve(jobs: Connection, answers: Connection, spec: str) -> None:
    """Open the store, say ready, then answer jobs until the job pipe closes."""
    sandboxed = "://" not in spec and deny_network()  # a remote store needs the network
    store: Store | None = None
    failure = ""
    try:
        store = open_store(spec)
    except Exception as exc:  # reported on every job rather than lost in a dead process
        failure = f"the query worker cannot open the store: {exc}"
    try:
        answers.send((READY, sandboxed))
    except OSError:  # the pool closed while this worker started
        return
    while True:
        try:
            job: Job = jobs.recv()
        except (EOFError, OSError):
            return
        answers.send(answer(store, job, failure))


def answer(store: Store | None, job: Job, failure: str = "") -> Outcome:
    """Run one job on an open store (refreshed first, to see newly published writes)."""
    if store is None:
        return Outcome.error(500, failure)
    try:
        store.refresh()
        return run_job(store, job)
    except MemoryError:  # Python's share of the query ran out of memory: the pool replaces this worker
        return Outcome(422, "text/plain; charset=utf-8", MEMORY_MARK + b"the query needs more memory\n")
    except Exception as exc:  # a bug or a store failure: answer it, keep serving
        return Outcome.error(500, f"internal error while answering the query: {type(exc).__name__}: {exc}")


def limit(memory_bytes: int, nice: int) -> None:
    """Take the memory ceiling (0: none) and lower the CPU priority by ``nice``: the process's, and its autogroup's
    where the kernel groups tasks by session (each worker has its own session, which would otherwise compete with
    the whole web server as an equal whatever its nice value)."""
    if memory_bytes > 0:
        resource.setrlimit(resource.RLIMIT_DATA, (memory_bytes, memory_bytes))
    if nice > 0:
        os.nice(nice)
        try:
            with open("/proc/self/autogroup", "w") as group:
                group.write(str(nice))
        except OSError:  # no autogroups (another OS, or scheduling by cgroup): the process's nice is what counts
            pass


def main(argv: list[str]) -> int:
    """Entry point: ``READ_FD WRITE_FD SPEC``."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the server, which stops its workers
    import rdflib.plugins.sparql.parser  # noqa: F401 - parse the grammar now, not during the first query

    read_fd, write_fd, spec = int(argv[0]), int(argv[1]), argv[2]
    limit(int(argv[3]) if len(argv) > 3 else 0, int(argv[4]) if len(argv) > 4 else 0)
    serve(Connection(read_fd, writable=False), Connection(write_fd, readable=False), spec)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
