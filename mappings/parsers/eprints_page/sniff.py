"""Recognising an EPrints abstract page saved as text (or rendered as Markdown) from its first bytes."""

from __future__ import annotations

import re


def _field(text: str, label: str) -> bool:
    """Whether a line starts with "Label:" as text or a Markdown table cell (the value may run straight on)."""
    return bool(re.search(rf"(?m)^(?:\|\s*)?{re.escape(label)}:", text))


def eprints_page(head: bytes) -> int:
    """Sure on an EPrints URI or deposit fields together with an Item Type line."""
    text = head.decode("utf-8", "replace")
    if text.lstrip().startswith("<") or not _field(text, "Item Type"):
        return 0  # HTML or XML (an abstract page as HTML is eprints-html's)
    if re.search(r"(?m)^(?:\|\s*)?URI:\s*(?:\|\s*)?https?://\S+/id/eprint/\d+", text):
        return 90
    deposit = any(_field(text, label) for label in ("Depositing User", "Date Deposited", "Last Modified",
                                                    "Deposited By", "Deposited On"))
    return 70 if deposit else 40
