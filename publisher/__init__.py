"""The publisher: ingest records into a store, read them back, render them, and serve them (docs/architecture.md)."""
