"""Deleting records: the record graphs a delete means (by graph IRI, work IRI or source record identifier), dropped
together with what the published view said only because of them."""

from __future__ import annotations

from pyoxigraph import Literal, NamedNode

from mappings.uris import Minter
from mappings.vocab import LODPUB
from publisher.ingest.pipeline import refresh_view, subjects_of
from publisher.published.identity import Overrides
from publisher.published.refresh import RefreshReport
from publisher.store import Reader, Store, term_value


def find_graphs(store: Reader, target: str, minter: Minter) -> list[str]:
    """The record graphs meant by a graph IRI, a work IRI or a source record identifier."""
    try:
        is_iri = bool(NamedNode(target))
    except ValueError:  # a source record identifier that is not an IRI ("12345")
        is_iri = False
    if is_iri and store.has_graph(target):
        return [target]
    graphs: set[str] = set()
    if target.startswith(("http://", "https://")):
        graphs = {term_value(q.subject) for q in store.match(predicate="http://xmlns.com/foaf/0.1/primaryTopic",
                                                             obj=NamedNode(target))}
    graphs |= {term_value(q.subject) for q in store.match(predicate=LODPUB.sourceRecordId.value, obj=Literal(target))}
    return sorted(graphs)


def delete_records(store: Store, minter: Minter, graphs: list[str],
                   overrides: Overrides | None = None) -> tuple[int, RefreshReport]:
    """Drop record graphs and refresh the published view for what they described: (graphs dropped, the refresh)."""
    gone = subjects_of(store, graphs)
    store.mark_pending(graphs)
    removed = store.delete_graphs(graphs)
    report, _seconds = refresh_view(store, minter, graphs, gone, overrides)
    return removed, report
