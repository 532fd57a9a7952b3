"""Recognising Crossref REST API JSON from the first bytes."""

from __future__ import annotations

import re


def crossref(head: bytes) -> int:
    """Sure with a Crossref message type; fairly sure with Crossref work keys in a JSON object."""
    start = head.lstrip()[:1]
    if start not in (b"{", b"["):
        return 40 if head.strip().startswith(b"Resource not found") else 0
    if re.search(rb'"message-type"\s*:\s*"work(?:-list)?"', head):
        return 95
    if b'"DOI"' in head and (b'"container-title"' in head or b'"issued"' in head or b'"type"' in head):
        return 80
    return 0
