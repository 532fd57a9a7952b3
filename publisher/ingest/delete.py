"""Finding the record graphs a delete means: by graph IRI, by work IRI, or by source record identifier."""

from __future__ import annotations

from pyoxigraph import Literal, NamedNode

from mappings.uris import Minter
from mappings.vocab import LODPUB
from publisher.store import Reader, term_value


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
