"""Who the client is: its address, taken from the proxy in front when one is trusted, as limits count it.

Behind a reverse proxy every request comes from the proxy's address, so every user would share one budget.
With ``LODPUB_PROXIES=N`` (the number of proxies in front of lodpub that append to ``X-Forwarded-For``),
werkzeug's ProxyFix takes the client address from the N-th entry from the right of that header, and the
scheme from ``X-Forwarded-Proto``; entries further left are written by the client and never trusted. Leave it
at 0 when clients reach gunicorn directly: the header is then ignored (a client could write any address).
"""

from __future__ import annotations

import ipaddress

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix


def trust_proxies(app: Flask, proxies: int) -> None:
    """Read the client address (and scheme) from ``proxies`` trusted reverse proxies in front of the app."""
    if proxies > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)  # type: ignore[method-assign]


def client_key(address: str | None) -> str:
    """The client as limits count it: an IPv4 address, or the /64 network of an IPv6 address (one
    subscriber's allocation: its addresses are a client's to pick), else the address as given."""
    if not address:
        return "-"
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return address.strip()[:64]
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)
