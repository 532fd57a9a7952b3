"""Where queries run: worker processes that are killed on timeout, or threads for stores that cannot be reopened.

pyoxigraph has no query timeout and a query cannot be interrupted from Python, so a query runs in a worker
process (one per concurrent query, a small fixed pool); when it overruns the limit the worker is killed
(SIGKILL) and replaced, and the client gets a 503 with a message. The workers open the on-disk store read-only
(its published snapshots make that safe while another process writes), so a runaway query costs one worker
and one core until the limit, and other requests go to the other workers.

A ``memory:`` store exists in one process only, so it is queried in threads: the client still gets its 503
at the limit, but the abandoned query runs on to its end. Serve from an on-disk store. A remote store (an
engine over HTTP) is queried in threads too: the work happens in the engine, which enforces its own limit
(the store's HTTP client gives up at ``LODPUB_QUERY_TIMEOUT``), and the client still gets its 503 at ours.
"""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Protocol

from publisher.sparql.execute import Job, Outcome
from publisher.sparql.worker import READY, answer
from publisher.store import Store

SOURCE_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


class Busy(Exception):
    """No worker became free in time."""


class Executor(Protocol):
    """Runs jobs under a wall-clock limit."""

    def run(self, job: Job, timeout: float) -> Outcome:
        """Run a job; a 503 Outcome when it overruns ``timeout`` seconds; Busy if no worker is free."""

    def close(self) -> None:
        """Stop the workers."""


def timed_out(timeout: float) -> Outcome:
    """The answer to a query stopped at the time limit."""
    return Outcome.error(503, f"the query was stopped after {timeout:g} s, this endpoint's time limit; make it "
                              "more selective, or page through the results with ORDER BY and LIMIT/OFFSET")


@dataclass(eq=False)
class _Worker:
    process: subprocess.Popen[bytes]
    jobs: Connection
    answers: Connection
    ready: bool = False
    sandboxed: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)

    def wait_ready(self, timeout: float) -> bool:
        """Wait for the worker's ready message (sent once its store is open)."""
        with self.lock:
            if not self.ready and self.answers.poll(timeout):
                message, self.sandboxed = self.answers.recv()
                self.ready = message == READY
        return self.ready

    def kill(self) -> None:
        self.process.kill()
        self.process.wait(5)
        self.jobs.close()
        self.answers.close()


class ProcessPool:
    """A fixed number of worker processes over one store specification."""

    def __init__(self, spec: str, size: int, wait: float) -> None:
        self.spec, self.wait = spec, wait
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        for _ in range(max(1, size)):
            self._idle.put(self._start())

    def _start(self) -> _Worker:
        job_read, job_write = os.pipe()
        answer_read, answer_write = os.pipe()
        command = [sys.executable, "-m", "publisher.sparql.worker", str(job_read), str(answer_write), self.spec]
        # run from the source root: ``-m`` puts the working directory first on the worker's path
        process = subprocess.Popen(command, pass_fds=(job_read, answer_write), stdin=subprocess.DEVNULL,
                                   close_fds=True, start_new_session=True, cwd=SOURCE_ROOT)
        os.close(job_read)
        os.close(answer_write)
        worker = _Worker(process, Connection(job_write, readable=False), Connection(answer_read, writable=False))
        with self._lock:
            self._all.add(worker)
        return worker

    def _replace(self, worker: _Worker) -> None:
        """Kill a worker and start its successor in the background (starting takes a moment)."""
        with self._lock:
            self._all.discard(worker)
        worker.kill()

        def restart() -> None:
            if not self._closed:
                self._idle.put(self._start())

        threading.Thread(target=restart, name="lodpub-query-restart", daemon=True).start()

    def _checkout(self) -> _Worker:
        """An idle worker that is ready and alive (a dead one is replaced); Busy if none in time."""
        deadline = time.monotonic() + self.wait
        while True:
            try:
                worker = self._idle.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise Busy from None
            try:
                if worker.wait_ready(max(0.1, deadline - time.monotonic())) and worker.process.poll() is None:
                    return worker
            except (EOFError, OSError):  # died while starting
                self._replace(worker)
                continue
            if worker.process.poll() is not None:
                self._replace(worker)
                continue
            self._idle.put(worker)
            raise Busy

    def run(self, job: Job, timeout: float) -> Outcome:
        """Send the job to an idle worker; kill and replace the worker if it overruns."""
        worker = self._checkout()
        try:
            worker.jobs.send(job)
            if worker.answers.poll(timeout):
                outcome: Outcome = worker.answers.recv()
                self._idle.put(worker)
                return outcome
        except (EOFError, OSError):
            self._replace(worker)
            return Outcome.error(500, "the query worker died while answering (out of memory?)")
        self._replace(worker)
        return timed_out(timeout)

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
            worker.kill()


class ThreadRunner:
    """Runs jobs in threads against an in-process store; an overrunning query is abandoned, not stopped."""

    def __init__(self, store: Store, size: int, wait: float) -> None:
        self.store, self.wait = store, wait
        self._slots = threading.BoundedSemaphore(max(1, size))

    def run(self, job: Job, timeout: float) -> Outcome:
        """Run the job in a thread; answer 503 at the limit and leave the thread to finish."""
        if not self._slots.acquire(timeout=self.wait):
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
        return box[0] if done.wait(timeout) else timed_out(timeout)

    def close(self) -> None:
        """Nothing to stop (running threads finish on their own)."""


def executor_for(store: Store, size: int, wait: float) -> Executor:
    """A process pool over an on-disk store; threads otherwise (a remote engine enforces its own limit)."""
    spec = store.reopen_spec()
    if spec and "://" not in spec:
        return ProcessPool(spec, size, wait)
    return ThreadRunner(store, size, wait)
