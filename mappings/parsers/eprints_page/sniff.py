"""Recognising an EPrints abstract page saved as text from its first bytes."""

from __future__ import annotations

import re


def eprints_page(head: bytes) -> int:
    """Sure on an EPrints URI or deposit fields together with an Item Type line."""
    text = head.decode("utf-8", "replace")
    if not re.search(r"(?m)^Item Type: ", text):
        return 0
    if re.search(r"(?m)^URI: https?://\S+/id/eprint/\d+", text):
        return 90
    return 70 if re.search(r"(?m)^(?:Depositing User|Date Deposited|Last Modified): ", text) else 40
