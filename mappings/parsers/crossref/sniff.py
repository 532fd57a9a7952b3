"""Recognising Crossref REST API JSON from the first bytes."""

from __future__ import annotations

import re

DATACITE = re.compile(rb'"type"\s*:\s*"dois"|"(?:resourceTypeGeneral|resource-type-general|nameIdentifiers)"\s*:')


def crossref(head: bytes) -> int:
    """Sure with a Crossref message type; fairly sure with a "DOI" key and Crossref work keys (and none of
    DataCite JSON's)."""
    start = head.lstrip()[:1]
    if start not in (b"{", b"["):
        return 40 if head.strip().startswith(b"Resource not found") else 0
    if re.search(rb'"message-type"\s*:\s*"work(?:-list)?"', head):
        return 95
    if DATACITE.search(head):  # DataCite JSON says "DOI" too, as a value ("relatedIdentifierType": "DOI")
        return 0
    if re.search(rb'"DOI"\s*:', head) and re.search(rb'"(?:container-title|issued|type)"\s*:', head):
        return 80
    return 0
