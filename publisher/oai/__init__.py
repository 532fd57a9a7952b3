"""The OAI-PMH 2.0 provider at /oai: the protocol (protocol.py), the metadata formats (metadata.py) and the
verbs over the published view and its change log (provider.py)."""
