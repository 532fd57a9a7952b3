"""Citation formats and embedded metadata: JSON-LD, meta tags, CSL-JSON, BibTeX, RIS, bibliographies."""
