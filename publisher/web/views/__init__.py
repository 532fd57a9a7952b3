"""The blueprints: pages, documents (/id/, /doc/), the dataset and dumps, SPARQL, DOI resolution, embeds."""
