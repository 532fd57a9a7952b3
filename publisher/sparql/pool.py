"""Where queries run: worker processes that are killed on timeout, or threads for stores that cannot be reopened.

pyoxigraph has no query timeout and a query cannot be interrupted from Python, so a query runs in a worker
process (one per concurrent query, a small fixed pool); when it overruns the limit the worker is killed
(SIGKILL) and replaced, and the client gets a 503 with a message. The workers open the on-disk store read-only
(its published snapshots make that safe while another process writes), so a runaway query costs one worker
and one core until the limit, and other requests go to the other workers.

Nothing waits for a busy worker: when every worker is running a query the request is refused at once
(:class:`Busy`: the view answers 503 with ``Retry-After``); only the pool's first workers, while they start,
are waited for (at most ``wait`` seconds), never one replacing a killed worker. While a worker runs a query, the pool
also watches the client's connection (:class:`publisher.web.guard.ClientWatch`): a client that leaves gets
its worker killed, as at the time limit.

Each worker has a memory ceiling (``RLIMIT_DATA``, ``LODPUB_QUERY_MEMORY_MB``): a query that needs more
fails to allocate and the worker dies (Rust aborts on a failed allocation); the client gets a 422 naming
the limit. A worker whose resident memory grew by more than ``RECYCLE_GROWTH`` while answering is replaced
after the answer (allocators keep what they grew to), so an idle pool never holds more than it started with.
Workers run at the lowest CPU priority (``nice`` 19, their autogroup too): queries use the CPU pages leave.

A ``memory:`` store exists in one process only, so it is queried in threads: the client still gets its 503
at the limit, but the abandoned query runs on to its end. Serve from an on-disk store. A remote store (an
engine over HTTP) is queried in threads too: the work happens in the engine, which enforces its own limit
(the store's HTTP client gives up at ``LODPUB_QUERY_TIMEOUT``), and the client still gets its 503 at ours.
"""

from __future__ import annotations

import queue
import select
import threading
import time
from typing import Protocol

from publisher.sparql.execute import Job, Outcome
from publisher.sparql.worker import MEMORY_MARK, answer
from publisher.sparql.worker_process import WorkerProcess, resident
from publisher.store import Store


class Busy(Exception):
    """No worker is free: every one is running a query (or none started in time)."""


class Watch(Protocol):
    """What the pool needs to notice a client leaving (see publisher.web.guard.ClientWatch)."""

    def fileno(self) -> int | None:
        """A socket to poll for readability, or None."""

    def gone(self) -> bool:
        """Whether the client has closed its connection."""


class Executor(Protocol):
    """Runs jobs under a wall-clock limit."""

    def run(self, job: Job, timeout: float, watch: Watch | None = None) -> Outcome:
        """Run a job; a 503 Outcome when it overruns ``timeout`` seconds; Busy if no worker is free."""

    def available(self) -> bool:
        """Whether a worker may be free now (a cheap look before a request is admitted)."""

    def close(self) -> None:
        """Stop the workers."""


RECYCLE_GROWTH = 128 * 1024 * 1024  # bytes of resident memory a worker may gain answering before it is replaced
NICE = 19  # the workers' CPU priority below the web processes'


def timed_out(timeout: float) -> Outcome:
    """The answer to a query stopped at the time limit."""
    return Outcome.error(503, f"the query was stopped after {timeout:g} s, this endpoint's time limit; make it "
                              "more selective, or page through the results with ORDER BY and LIMIT/OFFSET")


def over_memory(memory_mb: float | None) -> Outcome:
    """The answer to a query whose worker died for want of memory."""
    limit = f"the {memory_mb:g} MiB a query may use (LODPUB_QUERY_MEMORY_MB)" if memory_mb else "the memory it had"
    return Outcome.error(422, f"the query needed more than {limit}; make it more selective (fewer joins and "
                              "groups, a LIMIT), or page through the results with ORDER BY and LIMIT/OFFSET")


def client_left() -> Outcome:
    """The answer to a query whose client went away (nobody reads it)."""
    return Outcome.error(499, "the client closed the connection; the query was stopped")


class ProcessPool:
    """A fixed number of worker processes over one store specification."""

    def __init__(self, spec: str, size: int, wait: float, memory_mb: float | None = None) -> None:
        self.spec, self.wait, self.memory_mb = spec, wait, memory_mb
        self._idle: queue.Queue[WorkerProcess] = queue.Queue()
        self._all: set[WorkerProcess] = set()
        self._lock = threading.Lock()
        self._starting = 0
        self._busy = 0  # workers checked out
        self._serving = False  # a worker has answered: from then on nobody waits for one that is starting
        self._closed = False
        for _ in range(max(1, size)):
            self._idle.put(self._start())

    def _start(self) -> WorkerProcess:
        worker = WorkerProcess.start(self.spec, self.memory_mb, NICE)
        with self._lock:
            self._all.add(worker)
        return worker

    def _replace(self, worker: WorkerProcess) -> None:
        """Kill a worker and start its successor in the background (starting takes a moment)."""
        with self._lock:
            self._all.discard(worker)
            self._starting += 1
        worker.process.kill()  # at once; reaped in the background

        def restart() -> None:
            try:
                threading.Thread(target=worker.kill, name="lodpub-query-reap", daemon=True).start()
                if not self._closed:
                    successor = self._start()
                    if self._closed:  # closed while it started: nobody will use or kill it
                        with self._lock:
                            self._all.discard(successor)
                        successor.kill()
                    else:
                        self._idle.put(successor)
            finally:
                with self._lock:
                    self._starting -= 1

        threading.Thread(target=restart, name="lodpub-query-restart", daemon=True).start()

    def available(self) -> bool:
        """Whether a worker is idle (or the pool is starting its first ones)."""
        return not self._idle.empty() or not self._serving

    def _next_idle(self, deadline: float) -> WorkerProcess:
        """An idle worker now, else Busy; only while the pool starts its first workers, one of those (waited for
        until ``deadline``). A worker restarting after a kill is never waited for: the client is told at once."""
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            if self._serving:
                raise Busy from None
        try:
            return self._idle.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            raise Busy from None

    def _checkout(self) -> WorkerProcess:
        """An idle worker that is ready and alive (a dead one is replaced); Busy if none is free."""
        deadline = time.monotonic() + self.wait
        while True:
            worker = self._next_idle(deadline)
            try:
                if worker.wait_ready(max(0.1, deadline - time.monotonic())) and worker.process.poll() is None:
                    with self._lock:
                        self._busy += 1
                    return worker
            except (EOFError, OSError):  # died while starting
                self._replace(worker)
                continue
            if worker.process.poll() is not None:
                self._replace(worker)
                continue
            self._idle.put(worker)
            raise Busy

    def run(self, job: Job, timeout: float, watch: Watch | None = None) -> Outcome:
        """Send the job to an idle worker; kill and replace the worker if it overruns, if its client leaves, or
        if it dies (out of memory); replace it after answering if it grew."""
        worker = self._checkout()
        try:
            return self._run(worker, job, timeout, watch)
        finally:
            with self._lock:
                self._busy -= 1

    def _run(self, worker: WorkerProcess, job: Job, timeout: float, watch: Watch | None) -> Outcome:
        """Run the job on a checked-out worker (returned to the pool, or replaced)."""
        try:
            worker.jobs.send(job)
            finished = self._wait(worker, timeout, watch)
            if finished:
                outcome: Outcome = worker.answers.recv()
                self._serving = True
                if outcome.status == 422 and outcome.body.startswith(MEMORY_MARK):  # a MemoryError in Python
                    self._replace(worker)
                    return over_memory(self.memory_mb)
                if resident(worker.process.pid) - worker.baseline > RECYCLE_GROWTH:
                    self._replace(worker)
                else:
                    self._idle.put(worker)
                return outcome
        except (EOFError, OSError):
            out_of_memory = worker.ran_out_of_memory()  # a failed allocation aborts; the OOM killer kills
            self._replace(worker)
            if out_of_memory:
                return over_memory(self.memory_mb)
            return Outcome.error(500, f"the query worker died while answering (exit status {worker.process.poll()})")
        self._replace(worker)
        return client_left() if finished is None else timed_out(timeout)

    @staticmethod
    def _wait(worker: WorkerProcess, timeout: float, watch: Watch | None) -> bool | None:
        """True once the worker has answered; False at the time limit; None when the client has left."""
        deadline = time.monotonic() + timeout
        poller = select.poll()
        poller.register(worker.answers.fileno(), select.POLLIN)
        client = watch.fileno() if watch is not None else None
        if client is not None:
            poller.register(client, select.POLLIN | select.POLLRDHUP)
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            for fd, _ in poller.poll(max(1, int(min(left, 1.0) * 1000))):
                if fd == worker.answers.fileno():
                    return True
                if watch is not None and watch.gone():
                    return None
                poller.unregister(fd)  # readable but not gone: the client sent more; stop watching it
            if worker.process.poll() is not None and not worker.answers.poll():
                raise EOFError

    def sandboxed(self) -> bool:
        """Whether every started worker has given up network sockets."""
        with self._lock:
            workers = list(self._all)
        return all(w.wait_ready(self.wait) and w.sandboxed for w in workers)

    def close(self) -> None:
        """Kill every worker."""
        self._closed = True
        with self._lock:
            workers, self._all = list(self._all), set()
        for worker in workers:
            worker.process.kill()
        for worker in workers:
            worker.kill()


class ThreadRunner:
    """Runs jobs in threads against an in-process store; an overrunning query is abandoned, not stopped."""

    def __init__(self, store: Store, size: int, wait: float) -> None:
        self.store, self.wait = store, wait
        self._slots = threading.BoundedSemaphore(max(1, size))

    def run(self, job: Job, timeout: float, watch: Watch | None = None) -> Outcome:
        """Run the job in a thread (Busy at once if every slot is taken); answer 503 at the limit, or when the
        client leaves, and leave the thread to finish."""
        if not self._slots.acquire(blocking=False):
            raise Busy
        box: list[Outcome] = []
        done = threading.Event()

        def target() -> None:
            try:
                box.append(answer(self.store, job))
            finally:
                done.set()
                self._slots.release()

        threading.Thread(target=target, name="lodpub-query", daemon=True).start()
        deadline = time.monotonic() + timeout
        while not done.wait(min(0.25, max(0.0, deadline - time.monotonic()))):
            if time.monotonic() >= deadline:
                return timed_out(timeout)
            if watch is not None and watch.gone():
                return client_left()
        return box[0]

    def available(self) -> bool:
        """Whether a slot is free (a look: another thread may take it first)."""
        return getattr(self._slots, "_value", 1) > 0

    def close(self) -> None:
        """Nothing to stop (running threads finish on their own)."""


def executor_for(store: Store, size: int, wait: float, memory_mb: float | None = None) -> Executor:
    """A process pool over an on-disk store (each worker under ``memory_mb``); threads otherwise (a remote engine
    enforces its own limits)."""
    spec = store.reopen_spec()
    if spec and "://" not in spec:
        return ProcessPool(spec, size, wait, memory_mb)
    return ThreadRunner(store, size, wait)
