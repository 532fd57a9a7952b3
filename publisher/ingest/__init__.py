"""Ingest: records from files into the store, one named graph per source record (mapped in worker processes)."""
