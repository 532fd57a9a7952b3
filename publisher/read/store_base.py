"""The public base URI a store's data is minted under: fixed by its first ingest, kept by every later command.

The store records its base in its data: every source record is a named graph ``<base>graph/<id>`` typed
``lodpub:SourceRecord``, so the base is read back from the first record graph (one index look-up). It can never
disagree with the data, moves with it in ``lodpub rebase`` (one atomic step) and adds no graph of its own to the
dumps, counts or SPARQL answers. A command that is given no base (``--base``, ``LODPUB_BASE_URI``) uses the store's;
one given another base is refused with the fix in the message, before anything is written.
"""

from __future__ import annotations

from dataclasses import replace

from publisher.config import Settings
from publisher.read import queries
from publisher.store import Reader, term_value

RECORD_GRAPH = "graph/"  # mappings.uris.Minter.graph: <base>graph/<digest>


class BaseMismatch(ValueError):
    """A command was given a base other than the one the store's data is minted under."""


def base_of_graph(graph: str) -> str | None:
    """The base a record graph IRI was minted under (None when it is not ``<base>graph/<id>``)."""
    head, found, tail = graph.rpartition("/" + RECORD_GRAPH)
    return head + "/" if found and tail and "/" not in tail else None


def recorded_base(store: Reader) -> str | None:
    """The base the store's records are minted under; None for a store that holds no record yet."""
    for row in store.select(queries.FIRST_RECORD_GRAPH):
        return base_of_graph(term_value(row["g"]))
    return None


def recorded_bases(store: Reader) -> list[str]:
    """Every base the store's records are minted under (more than one: records ingested under different bases
    before lodpub kept one; ``lodpub rebase --from`` joins them). Reads every record graph's IRI."""
    return sorted(term_value(row["base"]) for row in store.select(queries.RECORD_BASES) if "base" in row)


def settle_base(store: Reader, settings: Settings, given: bool) -> Settings:
    """The settings with the store's own base: the store's when it has one and none was ``given``; BaseMismatch
    when another was given; the settings' (given or default) for a store without records."""
    found = recorded_base(store)
    if found is None or found == settings.base_uri:
        return settings
    if given:
        raise BaseMismatch(
            f"the store {settings.store} publishes its URIs under {found} (fixed when it was first loaded), not "
            f"{settings.base_uri}. Leave out --base and LODPUB_BASE_URI to use the store's own base; or move the "
            f"store to the new address first with `lodpub rebase {settings.base_uri}`; or name another store "
            "(--store, LODPUB_STORE)")
    return replace(settings, base_uri=found)
