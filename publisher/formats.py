"""The formats lodpub writes (the beginnings of the one format table)."""

from __future__ import annotations

# export format -> (file extension, media type)
DUMP_TYPES = {
    "nq": ("nq", "application/n-quads"),
    "nt": ("nt", "application/n-triples"),
    "trig": ("trig", "application/trig"),
    "ttl": ("ttl", "text/turtle"),
    "jsonld": ("jsonld", "application/ld+json"),
}
