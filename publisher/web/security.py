"""Headers and checks that keep a browser safe on lodpub's pages, installed once on the app.

* Every HTML answer carries a strict Content-Security-Policy: scripts, styles and images only from lodpub
  itself (``/static/``: the SPARQL page's own script and the style sheets), no inline script or ``javascript:``
  URL ever runs, forms post only to lodpub, and no other site may frame a page (``frame-ancestors 'none'``
  with ``X-Frame-Options: DENY`` for older browsers). Other answers (RDF, JSON, results) get a policy that
  runs nothing at all, should a browser render one.
* A redirect made by the router (``/dumps`` -> ``/dumps/``) names its target as a path: its absolute form would
  come from the request's ``Host`` header, which the client chooses.
* :func:`sent_by_a_page` tells requests a browser sent on behalf of a web page (it adds ``Origin`` or
  ``Sec-Fetch-Site``) from those of programs; the update endpoint refuses the former, same-origin ones too, so
  no page (not even one of lodpub's) can make an administrator's browser run an update with its stored
  credentials.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, Request, Response, request

PAGE_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; "
               "base-uri 'none'; frame-ancestors 'none'")
DATA_POLICY = "default-src 'none'; frame-ancestors 'none'; sandbox"
REDIRECTS = (301, 302, 303, 307, 308)


def install(app: Flask) -> None:
    """Add the security headers to every answer of ``app``."""
    app.after_request(secure_headers)


def secure_headers(response: Response) -> Response:
    """CSP, framing, sniffing and referrer headers; router redirects made relative."""
    headers = response.headers
    headers.setdefault("X-Content-Type-Options", "nosniff")
    html = response.mimetype in ("text/html", "application/xhtml+xml")
    headers.setdefault("Content-Security-Policy", PAGE_POLICY if html else DATA_POLICY)
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    if response.status_code in REDIRECTS and "Location" in headers:
        headers["Location"] = relative_location(headers["Location"], request.host)
    return response


def relative_location(location: str, host: str) -> str:
    """A redirect target on the request's own host as a path (``http://evil/dumps/`` -> ``/dumps/``)."""
    parts = urlsplit(location)
    if not parts.scheme or not parts.netloc or parts.netloc.lower() != host.lower():
        return location
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def sent_by_a_page(req: Request) -> str | None:
    """The header showing that a browser sent this request for a web page (None: a program sent it)."""
    if req.headers.get("Origin") is not None:
        return "Origin"
    site = req.headers.get("Sec-Fetch-Site")
    if site is not None and site.strip().lower() != "none":  # "none": typed by the user, no page involved
        return "Sec-Fetch-Site"
    return None
