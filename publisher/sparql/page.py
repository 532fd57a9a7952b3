"""The HTML query page: an editor with example queries, and the results of the last query as a table.

It works without JavaScript (the form posts the query and the server renders the table); the page's own
script only adds keyboard shortcuts and the example picker. Nothing is loaded from the internet.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from mappings.vocab import PREFIXES
from publisher import formats, urls
from publisher.render.html import render_template
from publisher.sparql.examples import examples
from publisher.sparql.formats import OFFERS, STAND_INS
from publisher.web.context import base

MAX_LINK_QUERY = 4000  # longer queries get no download links (URLs that long are refused by some servers)


@dataclass
class Cell:
    """One displayed value: its text, an optional link, and a note (language tag or datatype)."""

    text: str
    href: str | None = None
    note: str = ""


@dataclass
class Table:
    """A result ready for the template."""

    kind: str
    columns: list[str] = field(default_factory=list)
    rows: list[list[Cell | None]] = field(default_factory=list)
    boolean: bool | None = None


def compact(iri: str) -> str:
    """An IRI shortened with the usual prefixes (dcterms:title), or unchanged."""
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def cell(term: dict[str, Any] | None) -> Cell | None:
    """A SPARQL JSON term as a cell."""
    if term is None:
        return None
    kind, value = term.get("type"), term.get("value", "")
    if kind == "uri":  # a link only to http(s) IRIs: a query can bind any IRI (BIND(IRI("javascript:...")))
        return Cell(compact(value), urls.safe_href(urls.local_path(value, base())))
    if kind == "bnode":
        return Cell("_:" + value)
    if kind == "triple":
        parts = [cell(value[k]) for k in ("subject", "predicate", "object")]
        return Cell("<< " + " ".join(p.text for p in parts if p) + " >>")
    if "xml:lang" in term:
        return Cell(value, note="@" + term["xml:lang"])
    datatype = term.get("datatype")
    return Cell(value, note=compact(datatype) if datatype else "")


def table(kind: str, body: bytes) -> Table:
    """The table for a worker's SPARQL JSON answer."""
    doc = json.loads(body)
    if kind == "boolean":
        return Table(kind, boolean=bool(doc.get("boolean")))
    columns = list(doc["head"]["vars"])
    rows = [[cell(b.get(c)) for c in columns] for b in doc["results"]["bindings"]]
    return Table(kind, columns, rows)


def download_links(query: str, kind: str) -> list[tuple[str, str]]:
    """(label, URL) for the same query in each machine format of its kind of result."""
    if len(query) > MAX_LINK_QUERY:
        return []
    keys = [k for k in OFFERS[kind] if k != "html" and k not in STAND_INS[kind]]
    return [(formats.get(k).label, urls.SPARQL + "?" + urlencode({"query": query, "format": k})) for k in keys]


def render(*, site_title: str, endpoint: str, query: str = "", result: Table | None = None,
           error: str | None = None, elapsed: float | None = None) -> str:
    """The query page, with a result or an error when a query was run."""
    links = download_links(query, result.kind) if result and query else []
    return render_template("sparql.html", site_title=site_title, endpoint=endpoint, query=query,
                           examples=examples(), result=result, error=error, elapsed=elapsed,
                           links=links).decode("utf-8")
