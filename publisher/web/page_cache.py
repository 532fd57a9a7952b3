"""Rendered documents kept per published version of the store's data, so a repeated request is a look-up.

A document changes only when the store publishes a new version of its data (a new snapshot, a write through
this process), so an answer built once can be replayed until then; a new version empties the cache. The key is
the request target as sent (path and query) and the Accept header. Only complete 200 (and 303: DOI resolution)
answers to unconditional GET/HEAD requests are kept; a replayed answer is made conditional again (304 on a
matching ``If-None-Match``). A store that cannot say whether its data changed (a remote engine) is never
cached. Each server process holds its own cache, bounded in bytes (``LODPUB_PAGE_CACHE_MB``, 0 turns it off),
least recently used out first.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable

from flask import Response, current_app, request

from publisher.web.context import store

Entry = tuple[int, list[tuple[str, str]], bytes]
Key = tuple[str, str]
CONDITIONAL = ("If-None-Match", "If-Modified-Since", "If-Match", "If-Unmodified-Since", "If-Range", "Range")


class PageCache:
    """A least-recently-used map of answers, bounded by the bytes of their bodies."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.size = 0
        self.version: str | None = None  # the store version every entry was built from
        self.entries: OrderedDict[Key, Entry] = OrderedDict()
        self.lock = threading.Lock()  # gunicorn's threaded workers share the app

    def get(self, key: Key) -> Entry | None:
        """The answer kept under ``key`` (now the most recently used), or None."""
        with self.lock:
            entry = self.entries.get(key)
            if entry is not None:
                self.entries.move_to_end(key)
            return entry

    def put(self, key: Key, entry: Entry, version: str | None = None) -> None:
        """Keep an answer built from ``version`` of the data (unless the cache has moved on), dropping the least
        recently used ones beyond the byte budget."""
        cost = len(entry[2]) + 512
        if cost > self.max_bytes // 8:  # one huge answer would flush everything else
            return
        with self.lock:
            if version is not None and version != self.version:  # built while another thread saw new data
                return
            old = self.entries.pop(key, None)
            if old is not None:
                self.size -= len(old[2]) + 512
            self.entries[key] = entry
            self.size += cost
            while self.size > self.max_bytes and self.entries:
                _, dropped = self.entries.popitem(last=False)
                self.size -= len(dropped[2]) + 512

    def follow(self, version: str) -> None:
        """Empty the cache when the store shows a version of its data other than the entries' one."""
        with self.lock:
            if version != self.version:
                self.entries.clear()
                self.size = 0
                self.version = version


def cached(build: Callable[[], Response]) -> Response:
    """``build()``'s answer to this request, replayed from the page cache when the data has not changed since."""
    cache: PageCache | None = current_app.extensions.get("lodpub.page_cache")
    version = store().version()
    if cache is None or version is None or request.method not in ("GET", "HEAD"):
        return build()
    raw = request.environ.get("RAW_URI") or request.environ.get("REQUEST_URI") or request.path
    target = raw.split("?", 1)[0] + "?" + request.environ.get("QUERY_STRING", "")  # some servers omit the query
    cache.follow(version)
    key = (target, request.headers.get("Accept", ""))
    hit = cache.get(key)
    if hit is not None:
        status, headers, body = hit
        response = Response(body, status=status, headers=headers)
        response.make_conditional(request)
        return response
    response = build()
    if response.status_code in (200, 303) and not response.is_streamed \
            and not any(h in request.headers for h in CONDITIONAL):
        cache.put(key, (response.status_code, list(response.headers.items()), response.get_data()), version)
    return response


def install(app_extensions: dict[str, object], megabytes: float) -> None:
    """Give the app a page cache of ``megabytes`` (none when 0)."""
    if megabytes > 0:
        app_extensions["lodpub.page_cache"] = PageCache(int(megabytes * 1024 * 1024))
