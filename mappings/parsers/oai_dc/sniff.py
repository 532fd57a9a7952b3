"""Recognising OAI-PMH responses in oai_dc or uketd_dc from the first bytes (no parsing library imported)."""

from __future__ import annotations

OAI = "http://www.openarchives.org/OAI/2.0/"
OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
UKETD = "http://naca.central.cranfield.ac.uk/ethos-oai/2.0/"


def oai_dc(head: bytes) -> int:
    """Sure with the oai_dc namespace; unsure with a bare OAI-PMH envelope (e.g. an error response)."""
    if OAI_DC.encode() in head and UKETD.encode() not in head:
        return 95
    if OAI.encode() in head and b"MARC21/slim" not in head and UKETD.encode() not in head:
        return 60
    return 0


def uketd_dc(head: bytes) -> int:
    """Sure with the uketd_dc namespace."""
    return 96 if UKETD.encode() in head else 0
