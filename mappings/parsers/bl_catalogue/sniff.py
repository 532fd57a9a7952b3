"""Recognising a British Library catalogue display saved as text from its first bytes."""

from __future__ import annotations

import re

# a field label: up to six capitalised words, or small words between them ("Place of Publication")
WORD = r"[A-Z][A-Za-z'’()/&.]*"
LABEL = rf"{WORD}(?: (?:{WORD}|of|and|the|in|for|or|to|by|on)){{0,5}}"


def bl_catalogue(head: bytes) -> int:
    """Sure on a ``- Record Type:`` field; fairly sure on several ``- Label:`` lines."""
    text = head.decode("utf-8", "replace")
    if re.search(r"(?m)^- Record Type ?:\s*$", text):
        return 90
    return 50 if len(re.findall(rf"(?m)^- {LABEL} ?:\s*$", text)) >= 3 else 0
