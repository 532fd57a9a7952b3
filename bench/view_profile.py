"""Profile one ``lodpub`` command in-process with cProfile and print where the main thread's time goes, as Markdown.

Usage: ``python -m bench.view_profile [--top 25] [--save FILE.prof] -- ingest --store DIR FILES...``

cProfile sees the main thread only: the mapping workers and the bulk loader's thread are not in the table, the
published view's refresh and rebuild are. Deterministic profiling slows pure-Python code more than calls into
pyoxigraph, so the shares lean towards Python; the call counts are exact.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys


def table(stats: pstats.Stats, top: int, sort: str) -> str:
    """The ``top`` functions by ``sort`` ("tottime" or "cumulative") as a Markdown table."""
    total = max(getattr(stats, "total_tt", 0.0), 1e-9)
    entries = getattr(stats, "stats", {})
    key = 2 if sort == "tottime" else 3
    rows = sorted(entries.items(), key=lambda item: item[1][key], reverse=True)[:top]
    lines = [f"| function | calls | self s | cumulative s | {sort} % |", "|---|---:|---:|---:|---:|"]
    for (path, line, name), (_cc, calls, own, cumulative, _callers) in rows:
        where = f"{path.rsplit('/', 2)[-2]}/{path.rsplit('/', 1)[-1]}:{line}" if "/" in path else path
        value = own if sort == "tottime" else cumulative
        lines.append(f"| `{name}` ({where}) | {calls:,} | {own:.2f} | {cumulative:.2f} | {100 * value / total:.0f} |")
    return f"Total {total:.1f} s (main thread, under cProfile)\n\n" + "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command line: run ``lodpub ARGS`` under cProfile, print two tables (self time, cumulative time)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--save", default=None, help="keep the raw profile here")
    ap.add_argument("args", nargs=argparse.REMAINDER, help="the lodpub command line, after --")
    args = ap.parse_args(argv)
    command = [a for a in args.args if a != "--"] if args.args[:1] == ["--"] else args.args
    from publisher.cli import main as lodpub

    profiler = cProfile.Profile()
    code = profiler.runcall(lodpub, command)
    if args.save:
        profiler.dump_stats(args.save)
    stats = pstats.Stats(profiler, stream=io.StringIO())
    print("#### By cumulative time\n\n" + table(stats, args.top, "cumulative") + "\n")
    print("#### By self time\n\n" + table(stats, args.top, "tottime") + "\n")
    return int(code or 0)


if __name__ == "__main__":
    sys.exit(main())
