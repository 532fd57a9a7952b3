"""Reading the store for a page or a command: documents, works, counts, search, look-ups; the SPARQL texts."""
