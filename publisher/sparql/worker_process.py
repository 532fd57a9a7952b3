"""A query worker process as the pool sees it: started, waited for, asked whether it ran out of memory, killed.

The worker (``python -m publisher.sparql.worker``) reads jobs from one pipe and answers on another; its
standard error goes to a temporary file, read when it dies (Rust's allocator says "memory allocation of N
bytes failed" as it aborts) and copied to the server's log when it is killed.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import IO

from publisher.sparql.worker import READY

SOURCE_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MEMORY_WORDS = "memory allocation of"  # what Rust's allocator writes before it aborts


def resident(pid: int) -> int:
    """A process's resident memory in bytes (0 where /proc cannot tell)."""
    try:
        with open(f"/proc/{pid}/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


@dataclass(eq=False)
class WorkerProcess:
    """One worker process: its pipes, its standard error, whether it has said it is ready."""

    process: subprocess.Popen[bytes]
    jobs: Connection
    answers: Connection
    errors: IO[bytes]  # the worker's standard error: a failed allocation says so there as it aborts
    ready: bool = False
    sandboxed: bool = False
    baseline: int = 0  # resident bytes once ready
    lock: threading.Lock = field(default_factory=threading.Lock)

    def wait_ready(self, timeout: float) -> bool:
        """Wait for the worker's ready message (sent once its store is open)."""
        with self.lock:
            if not self.ready and self.answers.poll(timeout):
                message, self.sandboxed = self.answers.recv()
                self.ready = message == READY
                self.baseline = resident(self.process.pid)
        return self.ready

    def kill(self) -> None:
        """Kill the process and release its pipes (reaping it may take a moment: a dying process at nice 19
        frees its memory slowly on a busy machine, so this runs in the background)."""
        self.process.kill()
        self.jobs.close()
        self.answers.close()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(60)
        self.report()
        self.errors.close()

    def ran_out_of_memory(self) -> bool:
        """Whether the worker died for want of memory (what it wrote as it aborted, or how it ended)."""
        try:
            code = self.process.wait(0.5)
        except subprocess.TimeoutExpired:
            code = None
        return code in (-signal.SIGABRT, -signal.SIGKILL) or MEMORY_WORDS in self._tail()

    def report(self) -> None:
        """Copy what the worker wrote on standard error to this process's (the server log)."""
        text = self._tail().strip()
        if text:
            print(f"lodpub: query worker {self.process.pid}: {text[-2000:]}", file=sys.stderr)

    def _tail(self) -> str:
        try:
            self.errors.seek(max(0, os.fstat(self.errors.fileno()).st_size - 4096))
            return self.errors.read().decode("utf-8", "replace")
        except (OSError, ValueError):
            return ""

    @classmethod
    def start(cls, spec: str, memory_mb: float | None, nice: int) -> WorkerProcess:
        """Start a worker over the store ``spec`` under a memory ceiling and a CPU priority."""
        job_read, job_write = os.pipe()
        answer_read, answer_write = os.pipe()
        command = [sys.executable, "-m", "publisher.sparql.worker", str(job_read), str(answer_write), spec,
                   str(int(memory_mb * 1024 * 1024)) if memory_mb else "0", str(nice)]
        errors = tempfile.TemporaryFile()  # noqa: SIM115 - closed when the worker is killed
        # run from the source root: ``-m`` puts the working directory first on the worker's path
        process = subprocess.Popen(command, pass_fds=(job_read, answer_write), stdin=subprocess.DEVNULL,
                                   stderr=errors, close_fds=True, start_new_session=True, cwd=SOURCE_ROOT)
        os.close(job_read)
        os.close(answer_write)
        return cls(process, Connection(job_write, readable=False), Connection(answer_read, writable=False), errors)
