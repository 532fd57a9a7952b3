"""Recognising MARCXML and ISO 2709 MARC from the first bytes (no parsing library imported)."""

from __future__ import annotations

import re

MARC_NS = "http://www.loc.gov/MARC21/slim"


def marcxml(head: bytes) -> int:
    """Sure with the MARC 21 slim namespace; fairly sure with leader/controlfield elements."""
    if MARC_NS.encode() in head:
        return 95
    if re.search(rb"<(?:\w+:)?leader>", head) and b"controlfield" in head and b"<" in head[:200]:
        return 80
    return 0


def marc(head: bytes) -> int:
    """Sure when the first 24 bytes are a MARC leader: record length digits and entry map 4500."""
    if len(head) >= 24 and head[:5].isdigit() and head[20:24] == b"4500" and head[12:17].isdigit():
        return 95
    return 0
