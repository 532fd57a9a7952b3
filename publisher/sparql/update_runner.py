"""Running an administrator's update: under a time limit, logged (who, when, what), with a recovery snapshot first
when it drops or clears graphs.

Over an on-disk store the update runs in a child process (``python -m publisher.sparql.update_runner``, under
the query processes' memory ceiling) that takes the store's write lock, snapshots the store when the update
holds DROP, CLEAR, MOVE or COPY (:mod:`publisher.store.recovery`), runs the update (one transaction) and
publishes. At the time limit
(``LODPUB_UPDATE_TIMEOUT``) the child is killed: the transaction is not committed, the lock is released, and
an ingest waiting for the lock goes on. Any other store runs the update in a thread (a remote engine stops
at its HTTP timeout; a ``memory:`` store's update cannot be stopped and runs to its end).

Every update, run or refused, is one JSON line in the update log (``<data directory>/updates.log`` or
``LODPUB_UPDATE_LOG``) and one line on standard error (gunicorn's error log): time, administrator, client
address, outcome, seconds, snapshot, the update's SHA-256, size and text (the first 4,000 characters).
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from publisher.sparql.safety import Refused, check_update
from publisher.sparql.update import tokens, with_using
from publisher.store import Store, StoreBusy, StoreError, recovery

SOURCE_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DESTRUCTIVE = ("DROP", "CLEAR", "MOVE", "COPY")
LOGGED_TEXT = 4000


@dataclass(frozen=True)
class UpdateOptions:
    """How updates are run: the time limit, the log, where snapshots go and how long they are kept."""

    timeout: float = 60.0
    memory_mb: float | None = None  # the child process's memory ceiling (RLIMIT_DATA)
    log_path: str | None = None
    recovery_dir: str | None = None
    keep_hours: float = 72.0


@dataclass
class UpdateResult:
    """What became of an update: the HTTP status, a message, the snapshot taken (its name), the time it took."""

    status: int
    message: str
    snapshot: str | None = None
    seconds: float = 0.0


def destructive(text: str) -> str | None:
    """The first DROP, CLEAR, MOVE or COPY operation of an update (outside strings, IRIs and comments), if any."""
    depth = 0
    for kind, token, _ in tokens(text):
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
        elif depth == 0 and kind == "word" and token.upper() in DESTRUCTIVE:
            return token.upper()
    return None


def run_logged(store: Store, text: str, base: str, options: UpdateOptions, *, who: str, client: str,
               using: tuple[str, ...] = (), using_named: tuple[str, ...] = ()) -> UpdateResult:
    """Check, snapshot if need be, and run an update under the time limit; log it whatever happens."""
    started = time.monotonic()
    try:
        final = with_using(text, using, using_named)
        check_update(final)
    except Refused as exc:
        result = UpdateResult(400, str(exc))
    else:
        what = destructive(final)
        folder = recovery.folder_for(store, options.recovery_dir)
        spec = store.reopen_spec()
        if spec and "://" not in spec and not getattr(store, "writable", False):
            result = _in_child(spec, final, base, what, folder, options)
            store.refresh()
        else:
            result = _in_thread(store, final, base, what, folder, options)
    result.seconds = time.monotonic() - started
    _log(store, options, who=who, client=client, text=text, result=result)
    return result


def _in_child(spec: str, text: str, base: str, what: str | None, folder: Path,
              options: UpdateOptions) -> UpdateResult:
    """Run the update in a child process that is killed at the time limit."""
    job = {"spec": spec, "text": text, "base": base, "what": what, "folder": str(folder),
           "keep_hours": options.keep_hours, "lock_wait": min(10.0, options.timeout),
           "memory_bytes": int((options.memory_mb or 0) * 1024 * 1024)}
    try:
        done = subprocess.run([sys.executable, "-m", "publisher.sparql.update_runner"], input=json.dumps(job),
                              capture_output=True, text=True, timeout=options.timeout, cwd=SOURCE_ROOT)
    except subprocess.TimeoutExpired as exc:
        committed = "committed" in str(exc.stdout or "")
        return UpdateResult(503, f"the update was stopped after {options.timeout:g} s, the time limit for updates "
                                 "(LODPUB_UPDATE_TIMEOUT); " + (
                                     "it had been committed and is published with the store's next publication"
                                     if committed else "nothing was changed (an update is one transaction)"))
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode in (-6, -9) and not lines:  # a failed allocation aborts (Rust); the OOM killer kills
        return UpdateResult(422, f"the update needed more than the {options.memory_mb:g} MiB an update may use "
                                 "(LODPUB_QUERY_MEMORY_MB); nothing was changed")
    if done.returncode != 0 or not lines:
        return UpdateResult(500, f"the update failed: the update process ended with status {done.returncode}: "
                                 f"{done.stderr.strip()[-500:]}")
    answer = json.loads(lines[-1])
    return UpdateResult(int(answer["status"]), str(answer["message"]), answer.get("snapshot"))


def _in_thread(store: Store, text: str, base: str, what: str | None, folder: Path,
               options: UpdateOptions) -> UpdateResult:
    """Run the update in a thread over this process's store; give up waiting at the time limit."""
    box: list[UpdateResult] = []

    def target() -> None:
        box.append(apply(store, text, base, what, folder, options.keep_hours))

    thread = threading.Thread(target=target, name="lodpub-update", daemon=True)
    thread.start()
    thread.join(options.timeout)
    if box:
        return box[0]
    return UpdateResult(503, f"the update was still running after {options.timeout:g} s, the time limit for updates "
                             "(LODPUB_UPDATE_TIMEOUT); this store cannot stop it, so it may still complete")


def apply(store: Store, text: str, base: str, what: str | None, folder: Path, keep_hours: float,
          announce: bool = False) -> UpdateResult:
    """Take the write lock, snapshot if the update is destructive, run it, publish (in this process; ``announce``
    says "committed" on standard output once the transaction is, for the parent of a child process)."""
    snapshot = None
    try:
        with store.writing() as writer:
            if what is not None:
                snapshot = recovery.take(writer, folder, f"before-{what}", keep_hours).name
            writer.update(f"BASE <{base}> " + text)
            if announce:
                print("committed", flush=True)
        store.publish()
    except SyntaxError as exc:
        return UpdateResult(400, f"SPARQL syntax error: {exc}", snapshot)
    except StoreBusy as exc:
        return UpdateResult(503, str(exc), snapshot)
    except (StoreError, OSError, ValueError) as exc:
        return UpdateResult(500, f"the update failed: {exc}", snapshot)
    done = "update done" + (f"; the store as it was before is kept as recovery snapshot {snapshot} "
                            f"for {keep_hours:g} hours (lodpub recovery restore {snapshot})" if snapshot else "")
    return UpdateResult(200, done, snapshot)


def _log(store: Store, options: UpdateOptions, *, who: str, client: str, text: str, result: UpdateResult) -> None:
    """One JSON line in the update log and one line on standard error."""
    entry = {"at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"), "who": who, "client": client,
             "status": result.status, "seconds": round(result.seconds, 3), "snapshot": result.snapshot,
             "sha256": hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(), "bytes": len(text),
             "update": text[:LOGGED_TEXT], "message": result.message[:500]}
    path = Path(options.log_path) if options.log_path else log_path_for(store)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(entry, ensure_ascii=False) + "\n")
    except OSError as exc:
        print(f"lodpub: cannot write the update log {path}: {exc}", file=sys.stderr)
    summary = " ".join(text.split())[:200]
    print(f"lodpub update: {entry['at']} {who} from {client}: {result.status} in {result.seconds:.2f} s"
          f"{' snapshot ' + result.snapshot if result.snapshot else ''}: {summary}", file=sys.stderr)


def log_path_for(store: Store) -> Path:
    """The default update log: beside an on-disk store, else in the temporary folder."""
    root = getattr(store, "root", None)
    if root is not None:
        return Path(root).resolve() / "updates.log"
    return Path(tempfile.gettempdir()) / f"lodpub-updates-{os.getuid()}.log"


def main() -> int:
    """The child process: read the job from standard input, answer one JSON line on standard output."""
    from publisher.store.oxigraph import DiskStore

    job = json.loads(sys.stdin.read())
    if job.get("memory_bytes"):
        resource.setrlimit(resource.RLIMIT_DATA, (job["memory_bytes"], job["memory_bytes"]))
    try:
        store = DiskStore(job["spec"], writable=True, lock_timeout=float(job["lock_wait"]))
    except StoreBusy as exc:
        print(json.dumps(asdict(UpdateResult(503, str(exc)))))
        return 0
    try:
        result = apply(store, job["text"], job["base"], job["what"], Path(job["folder"]), float(job["keep_hours"]),
                       announce=True)
    finally:
        store.close()
    print(json.dumps(asdict(result)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
