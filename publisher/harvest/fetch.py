"""Fetching over HTTP(S) within bounds: only http and https URLs, a time limit per request, a size limit per
response, and a bounded number of retries that wait as the server asks (``Retry-After``) or back off."""

from __future__ import annotations

import email.utils
import tempfile
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import IO
from urllib.parse import urlsplit

import requests

from publisher.config import VERSION

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
USER_AGENT = f"lodpub/{VERSION} (harvester; +https://www.openarchives.org/OAI/openarchivesprotocol.html)"


class FetchError(Exception):
    """A URL that could not be fetched within the bounds: the message says which URL and why."""


def check_url(url: str) -> str:
    """``url`` when it is an http(s) URL with a host; FetchError otherwise."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"not an http(s) URL: {url!r}")
    return url


def retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or an HTTP date); None when absent or unreadable."""
    if not value:
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


@dataclass
class Fetcher:
    """A bounded HTTP client: ``get`` returns a response body or raises FetchError."""

    timeout: float = 60.0  # seconds for one whole request (connecting, waiting and reading)
    max_bytes: int = 64 * 1024 * 1024  # one response body
    retries: int = 5  # further attempts after a retryable failure (HTTP 429/5xx, a dropped connection)
    backoff: float = 2.0  # first wait when the server says nothing; doubled after each attempt
    max_wait: float = 300.0  # no single wait is longer, whatever Retry-After asks
    sleep: Callable[[float], None] = time.sleep
    waits: list[float] = field(default_factory=list)  # every wait taken, for the report and tests
    session: requests.Session = field(default_factory=requests.Session)
    error_bodies: bool = False  # return the XML body of a 4xx answer (it may carry an OAI-PMH error) instead of failing

    def get(self, url: str, params: Mapping[str, str] | None = None) -> bytes:
        """The body of a GET of ``url`` with ``params``, after at most ``retries`` retries."""
        with tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024) as body:
            self.download(url, body, params)
            body.seek(0)
            return body.read()

    def download(self, url: str, out: IO[bytes], params: Mapping[str, str] | None = None) -> int:
        """Write the body of a GET of ``url`` into ``out`` (retrying as :meth:`get` does); the bytes written."""
        check_url(url)
        attempt = 0
        while True:
            out.seek(0)
            out.truncate()
            try:
                return self._once(url, params, out)
            except _Retryable as exc:
                if attempt >= self.retries:
                    raise FetchError(f"{url}: {exc.reason}; gave up after {attempt + 1} attempts") from None
                wait = exc.wait if exc.wait is not None else self.backoff * 2 ** attempt
                wait = min(wait, self.max_wait)
                self.waits.append(wait)
                self.sleep(wait)
                attempt += 1

    def _once(self, url: str, params: Mapping[str, str] | None, out: IO[bytes]) -> int:
        began = time.monotonic()
        headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"}
        try:
            with self.session.get(url, params=params, headers=headers, stream=True, allow_redirects=True,
                                  timeout=(min(10.0, self.timeout), self.timeout)) as response:
                check_url(response.url)
                if response.status_code in RETRY_STATUSES:
                    raise _Retryable(f"HTTP {response.status_code}", retry_after(response.headers.get("Retry-After")))
                failed = response.status_code >= 400  # OAI-PMH errors may come with 4xx (Zenodo sends 422)
                if failed and not (self.error_bodies and "xml" in response.headers.get("Content-Type", "")):
                    raise FetchError(f"{response.url}: HTTP {response.status_code} {response.reason}")
                size = 0
                for chunk in response.iter_content(64 * 1024):
                    size += len(chunk)
                    if size > self.max_bytes:
                        raise FetchError(f"{url}: the response is larger than {self.max_bytes} bytes")
                    if time.monotonic() - began > self.timeout:
                        raise _Retryable(f"the response took longer than {self.timeout:g} s", None)
                    out.write(chunk)
                return size
        except requests.exceptions.InvalidSchema as exc:
            raise FetchError(f"{url}: {exc}") from None
        except (requests.ConnectionError, requests.Timeout, requests.exceptions.ChunkedEncodingError) as exc:
            raise _Retryable(f"{type(exc).__name__}: {exc}", None) from None


class _Retryable(Exception):
    def __init__(self, reason: str, wait: float | None) -> None:
        super().__init__(reason)
        self.reason, self.wait = reason, wait
