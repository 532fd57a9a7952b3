"""Harvesting from live repositories: an OAI-PMH client and an EPrints EP3 export fetcher, feeding the ingest
pipeline (``lodpub harvest``); see docs/harvesting.md."""
