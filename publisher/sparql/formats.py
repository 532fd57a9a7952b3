"""Choosing the result format: ``format``/``output``/``results`` parameters, else Accept, else the defaults.

The kind of result (solutions, a boolean, or a graph) is known only once the query has run, so a format is
chosen for each kind up front and the worker uses the one that applies. Accept is negotiated with
:func:`publisher.web.negotiation.negotiate` over publisher.formats' table (``srx``, ``srj``, ``csv`` and ``tsv``
are in it for this endpoint). A client asking for a format that does not fit the result gets the nearest one
(JSON-LD for SPARQL JSON on a CONSTRUCT, SPARQL XML for ``application/xml`` on a SELECT) or the default:
SPARQL XML and RDF/XML, which is what SPARQLWrapper asks for unless told otherwise.
"""

from __future__ import annotations

from publisher import formats
from publisher.web.negotiation import negotiate

KINDS = ("solutions", "boolean", "graph")
OFFERS = {
    "solutions": ("srx", "srj", "csv", "tsv", "html", "jsonld", "rdfxml"),
    "boolean": ("srx", "srj", "html", "jsonld", "rdfxml"),
    "graph": ("rdfxml", "turtle", "nt", "jsonld", "html"),
}
STAND_INS = {  # a representation asked for -> the one given for this kind of result
    "solutions": {"jsonld": "srj", "rdfxml": "srx"},
    "boolean": {"jsonld": "srj", "rdfxml": "srx"},
    "graph": {},
}
DEFAULTS = {"solutions": "srx", "boolean": "srx", "graph": "rdfxml"}
DESCRIPTION_OFFERS = ("turtle", "rdfxml", "nt", "jsonld", "html")
FORMAT_PARAMETERS = ("format", "output", "results")
AMBIGUOUS = {  # names that mean a different format for each kind of result
    "json": {"solutions": "srj", "boolean": "srj", "graph": "jsonld"},
    "xml": {"solutions": "srx", "boolean": "srx", "graph": "rdfxml"},
}


def named(value: str | None) -> dict[str, str]:
    """The formats a ``format=`` value selects, by kind (empty when it names nothing we know)."""
    if not value:
        return {}
    name = value.strip().lower()
    if name in AMBIGUOUS:
        return AMBIGUOUS[name]
    named_format = formats.BY_NAME.get(name)
    if named_format is not None:  # a format's name selects it where it fits the result, never a stand-in
        key = named_format.key
        return {kind: key for kind in KINDS if key in OFFERS[kind] and key not in STAND_INS[kind]}
    by_type = formats.BY_MEDIA_TYPE.get(name.split(";")[0].strip())
    if by_type is None:
        return {}
    out = {}
    for kind in KINDS:
        key = STAND_INS[kind].get(by_type.key, by_type.key)
        if key in OFFERS[kind]:
            out[kind] = key
    return out


def choose(accept: str | None, hint: str | None = None) -> dict[str, str]:
    """The format key for each kind of result (AcceptError on a malformed Accept header)."""
    chosen = named(hint)
    out = {}
    for kind in KINDS:
        if kind in chosen:
            out[kind] = chosen[kind]
            continue
        picked = negotiate(accept, OFFERS[kind])
        key = picked.representation.key if picked else DEFAULTS[kind]
        out[kind] = STAND_INS[kind].get(key, key)
    return out


def choose_description(accept: str | None, hint: str | None = None) -> str:
    """The representation of the service description: turtle, rdfxml, nt, jsonld, or html (the query page)."""
    wanted = named(hint).get("graph")
    if wanted in DESCRIPTION_OFFERS:
        return wanted
    picked = negotiate(accept, DESCRIPTION_OFFERS)
    return picked.representation.key if picked else "turtle"


def offered() -> tuple[str, ...]:
    """Every format key the endpoint may answer in (but the HTML page), in the table's order."""
    keys = {key for kind in KINDS for key in OFFERS[kind]}
    return tuple(f.key for f in formats.FORMATS if f.key in keys and f.key != "html")
