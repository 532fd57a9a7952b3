"""Recognising an EPrints abstract page as HTML from its first bytes (no parsing library imported)."""

from __future__ import annotations

import re


def eprints_html(head: bytes) -> int:
    """Sure on an HTML page with ``eprints.*`` meta tags; fairly sure on EPrints' generator tag, export links or
    page classes."""
    text = head.decode("utf-8", "replace").lower()
    if not re.search(r"<(?:!doctype html|html|head)\b", text):
        return 0
    if re.search(r"<meta[^>]+name=[\"']eprints\.", text):
        return 95
    if re.search(r"content=[\"']eprints \d", text) or "/cgi/export/eprint/" in text or "ep_summary_content" in text:
        return 85
    return 0
