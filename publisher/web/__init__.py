"""The web app: the factory, the views, negotiated responses, caches and the dump files it serves."""
