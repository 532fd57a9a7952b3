"""Recognising EPrints EP3 XML from the first bytes (no parsing library imported)."""

from __future__ import annotations

NS = "http://eprints.org/ep2/data/2.0"


def eprints_xml(head: bytes) -> int:
    """Sure when the EPrints data namespace and an eprint element appear."""
    return 95 if NS.encode() in head and b"eprint" in head else 0
