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
    if re.search(rb"<(?:\w+:)?(?:collection|record)>\s*<(?:\w+:)?(?:datafield|controlfield) tag=", head) and \
            re.search(rb"<(?:\w+:)?subfield code=", head):
        return 70  # no namespace, no leader (CERN/DESY Invenio exports): still MARC datafields
    return 0


def marc(head: bytes) -> int:
    """Sure when the first 24 bytes are a MARC leader: record length digits and entry map 4500; fairly sure
    with a broken entry map (a control character in leader/20-23 happens) when the directory follows."""
    if len(head) < 36 or not head[:5].isdigit() or not head[12:17].isdigit():
        return 0
    if head[20:24] == b"4500":
        return 95
    if head[24:36].isdigit() and head[10:12] in (b"22", b"  "):
        return 85
    return 0
