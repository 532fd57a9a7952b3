"""Sample running processes with py-spy and print where their time goes, as Markdown.

Usage: ``python -m bench.profile [--seconds 30] [--native] [--idle] PID [PID ...]``

Each process is sampled from outside (``py-spy record --nonblocking``: the target is not paused, so a load
test it serves is not slowed), then its stacks are folded into a table of the functions that hold the most
samples: *self* (the function was on top of the stack) and *total* (it was anywhere on the stack), per thread.
The issue notes of the benchmarks quote these tables as the evidence for what limits a figure.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path


def record(pid: int, seconds: float, rate: int = 100, native: bool = False,
           idle: bool = False) -> list[tuple[list[str], int]]:
    """Folded stacks of ``pid`` over ``seconds`` (thread name first); empty when py-spy could not attach."""
    py_spy = Path(sys.executable).with_name("py-spy")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "stacks.txt"
        cmd = [str(py_spy), "record", "--pid", str(pid), "--duration", str(int(seconds)), "--rate", str(rate),
               "--threads", "--nonblocking", "--format", "raw", "--output", str(out)]
        cmd += ["--native"] if native else []
        cmd += ["--idle"] if idle else []
        subprocess.run(cmd, capture_output=True, text=True, check=False)
        if not out.exists():
            return []
        stacks = []
        for line in out.read_text().splitlines():
            stack, _, count = line.rpartition(" ")
            if stack and count.isdigit():
                stacks.append((stack.split(";"), int(count)))
        return stacks


def summary(stacks: list[tuple[list[str], int]], top: int = 12) -> str:
    """A Markdown table: per thread, the functions with the most samples on top (self) and anywhere (total)."""
    threads: Counter[str] = Counter()
    own: Counter[tuple[str, str]] = Counter()
    inclusive: Counter[tuple[str, str]] = Counter()
    for frames, count in stacks:
        thread = frames[0]
        threads[thread] += count
        own[(thread, frames[-1])] += count
        for frame in set(frames[1:]):
            inclusive[(thread, frame)] += count
    lines = ["| thread | function | self % | total % |", "|---|---|---:|---:|"]
    everything = sum(threads.values()) or 1
    for (thread, frame), count in own.most_common(top):
        lines.append(f"| {thread} | `{frame}` | {100 * count / everything:.0f} | "
                     f"{100 * inclusive[(thread, frame)] / everything:.0f} |")
    shares = ", ".join(f"{name}: {100 * n / everything:.0f}%" for name, n in threads.most_common())
    return f"Samples: {everything} ({shares})\n\n" + "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command line: profile each PID and print its table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("pids", type=int, nargs="+")
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--native", action="store_true", help="include native (Rust/C) frames")
    ap.add_argument("--idle", action="store_true", help="keep samples of threads that wait (blocked on a queue)")
    args = ap.parse_args(argv)
    for pid in args.pids:
        stacks = record(pid, args.seconds, native=args.native, idle=args.idle)
        print(f"### PID {pid}\n\n" + (summary(stacks) if stacks else "py-spy could not sample it") + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
