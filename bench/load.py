"""Load generation on loopback: wrk with a Lua script that rotates over a list of URLs (Python fallback)."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import requests

WRK = shutil.which("wrk")
LUA = """
local paths = {}
for line in io.lines("%(paths)s") do paths[#paths + 1] = line end
local counter = 0
local follow = nil
local headers = {["Accept"] = "%(accept)s"}
request = function()
  if follow ~= nil then
    local path = follow
    follow = nil
    return wrk.format("GET", path, headers)
  end
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1], headers)
end
%(response)s
"""
FOLLOW = """
response = function(status, hdrs, body)
  if status == 303 then follow = hdrs["Location"] or hdrs["location"] end
end
"""
UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0}


@dataclass
class LoadResult:
    """Throughput and latency of one load run."""

    requests_per_s: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int  # non-2xx/3xx answers and socket errors
    tool: str


def _ms(text: str) -> float:
    m = re.fullmatch(r"([\d.]+)(us|ms|s)", text.strip())
    return float(m[1]) * UNITS[m[2]] if m else float("nan")


def run(base_url: str, paths: list[str], accept: str, *, seconds: float = 10.0, connections: int = 8,
        threads: int = 1, follow_redirects: bool = False) -> LoadResult:
    """Load ``base_url`` with GETs over ``paths`` in turn for ``seconds``."""
    if WRK is None:
        return _python_load(base_url, paths, accept, seconds, connections, follow_redirects)
    with tempfile.TemporaryDirectory() as tmp:
        listing = Path(tmp) / "paths.txt"
        listing.write_text("\n".join(paths) + "\n")
        script = Path(tmp) / "rotate.lua"
        script.write_text(LUA % {"paths": listing, "accept": accept, "response": FOLLOW if follow_redirects else ""})
        out = subprocess.run([WRK, "-t", str(threads), "-c", str(connections), "-d", f"{seconds:.0f}s",
                              "--latency", "-s", str(script), base_url], capture_output=True, text=True,
                             timeout=seconds + 120, check=True).stdout
    rate = re.search(r"Requests/sec:\s*([\d.]+)", out)
    total = re.search(r"(\d+) requests in", out)
    p50 = re.search(r"^\s*50%\s+(\S+)", out, re.M)
    p99 = re.search(r"^\s*99%\s+(\S+)", out, re.M)
    bad = re.search(r"Non-2xx or 3xx responses:\s*(\d+)", out)
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    errors = (int(bad[1]) if bad else 0) + (sum(int(x) for x in sock.groups()) if sock else 0)
    return LoadResult(float(rate[1]) if rate else 0.0, _ms(p50[1]) if p50 else float("nan"),
                      _ms(p99[1]) if p99 else float("nan"), int(total[1]) if total else 0, errors, "wrk")


def _python_load(base_url: str, paths: list[str], accept: str, seconds: float, connections: int,
                 follow: bool) -> LoadResult:
    """A thread-per-connection client (used only where wrk is missing)."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop = time.monotonic() + seconds
    host = urlsplit(base_url)

    def client(offset: int) -> None:
        session = requests.Session()
        i = offset
        while time.monotonic() < stop:
            path = paths[i % len(paths)]
            i += connections
            started = time.perf_counter()
            try:
                r = session.get(f"{host.scheme}://{host.netloc}{path}", headers={"Accept": accept},
                                allow_redirects=follow, timeout=60)
                ok = r.status_code < 400
            except requests.RequestException:
                ok = False
            with lock:
                latencies.append((time.perf_counter() - started) * 1000)
                errors[0] += 0 if ok else 1

    workers = [threading.Thread(target=client, args=(i,)) for i in range(connections)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    latencies.sort()
    n = len(latencies)
    return LoadResult(n / seconds, latencies[n // 2] if n else float("nan"),
                      latencies[min(n - 1, int(n * 0.99))] if n else float("nan"), n, errors[0], "python")
