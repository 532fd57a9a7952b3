"""DOIs in any written form, and the work URI an id, URI or DOI names (no store lookup)."""

from __future__ import annotations

import re
from urllib.parse import unquote

from mappings.uris import Minter

DOI_RE = re.compile(r"^10\.\d{4,9}/\S+$")
_PREFIX_RE = re.compile(r"^(?:https?://(?:dx\.|www\.)?doi\.org/|doi:\s*|info:doi/|urn:doi:)", re.IGNORECASE)
_ESCAPE_RE = re.compile(r"%[0-9A-Fa-f]{2}")
_WORK_ID = re.compile(r"^[A-Za-z0-9._~-]+$")


class NotADoi(ValueError):
    """A value that is not a DOI in any written form."""


def parse_doi(value: str) -> str:
    """The bare DOI from ``10.x/y``, ``doi:``, ``info:doi/``, ``https://doi.org/`` or URL-encoded forms."""
    text = value.strip()
    for _ in range(3):  # undo URL-encoding, twice-encoded too ("https%3A%2F%2Fdoi.org%2F10...")
        if not _ESCAPE_RE.search(text) or not text.lower().startswith(("http", "doi", "info", "urn", "10.")):
            break
        text = unquote(text)
    bare = _PREFIX_RE.sub("", text, count=1).strip()
    if not DOI_RE.match(bare):
        raise NotADoi(f"not a DOI: {value[:200]!r} (expected 10.NNNN/suffix, doi:..., or https://doi.org/...)")
    return bare


def work_iri(target: str, base: str) -> str | None:
    """The work URI a target names: a DOI (any form), one of our work URIs, or a work id; else None."""
    text = target.strip()
    try:
        return Minter(base).work_for_doi(parse_doi(text))
    except NotADoi:
        pass
    if text.startswith(base + "id/work/"):
        return text
    if _WORK_ID.match(text) and not text.startswith(("http:", "https:")):
        return f"{base}id/work/{text}"
    return None
