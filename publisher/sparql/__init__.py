"""The SPARQL endpoint's machinery: protocol, safety checks, execution under limits, results, description.

``publisher.web.views.sparql`` is the thin HTTP layer over these modules.
"""
