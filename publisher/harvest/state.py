"""Where an incremental harvest resumes: per repository (base URL, metadata prefix, set) the last datestamp of its
last successful harvest, kept in the store's system graph ``urn:x-lodpub:harvest``."""

from __future__ import annotations

from pyoxigraph import Literal, NamedNode

from mappings.uris import digest
from mappings.vocab import LODPUB
from publisher.store import Store, term_value
from publisher.store.interface import HARVEST_GRAPH

FROM = NamedNode(LODPUB.harvestFrom.value)
SOURCE = NamedNode("http://purl.org/dc/terms/source")


def harvest_key(base_url: str, metadata_prefix: str, set_spec: str | None) -> NamedNode:
    """The node naming one harvest (a repository, a metadata prefix and a set)."""
    name = "|".join((base_url, metadata_prefix, set_spec or ""))
    return NamedNode(f"{HARVEST_GRAPH}#{digest(name)}")


def last_datestamp(store: Store, base_url: str, metadata_prefix: str, set_spec: str | None) -> str | None:
    """The datestamp the next incremental harvest of this repository starts from, if one succeeded before."""
    key = harvest_key(base_url, metadata_prefix, set_spec)
    for quad in store.match(subject=key.value, predicate=FROM.value, graph=HARVEST_GRAPH):
        return term_value(quad.object)
    return None


def save_datestamp(store: Store, base_url: str, metadata_prefix: str, set_spec: str | None, datestamp: str) -> None:
    """Remember ``datestamp`` as where the next harvest of this repository starts."""
    key = harvest_key(base_url, metadata_prefix, set_spec)
    graph = NamedNode(HARVEST_GRAPH)
    label = f"{base_url} {metadata_prefix}" + (f" set {set_spec}" if set_spec else "")
    store.update(f"DELETE WHERE {{ GRAPH {graph} {{ {key} {FROM} ?o }} }} ;\n"
                 f"DELETE WHERE {{ GRAPH {graph} {{ {key} {SOURCE} ?o }} }} ;\n"
                 f"INSERT DATA {{ GRAPH {graph} {{ {key} {FROM} {Literal(datestamp)} ; {SOURCE} {Literal(label)} }} }}")


def later(a: str | None, b: str) -> str:
    """The later of two OAI-PMH datestamps (both UTC, ISO 8601, so compared as text once of one granularity)."""
    if a is None:
        return b
    return max(a, b, key=lambda stamp: stamp.rstrip("Z").ljust(19, "\0"))
