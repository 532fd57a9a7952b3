"""Writing the change log of the published view: a work's entry changes when its published description does.

A refresh tells a :class:`ChangeLog` the new description of every work it rewrote (empty: the work is gone) and
the IRIs it merged away; on :meth:`ChangeLog.commit` each is compared with its entry (publisher/read/changes.py)
by a hash of the description, and only a real change is logged: *created* (new, or back after a deletion),
*updated* (another description), *deleted* (no description any more, or merged into another work: persistent
deletions). Re-ingesting an unchanged record, or rebuilding the view, logs nothing. All the events of one commit
share one datestamp: UTC, to the second, never earlier than the log's newest.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pyoxigraph import BlankNode, Literal, NamedNode, Triple

from mappings.vocab import DCTERMS, LODPUB, PROV, RDF
from publisher.read import changes as log
from publisher.read.workview import work_type
from publisher.store import Store
from publisher.store.interface import CHANGES_GRAPH

WRITE_CHUNK = 500  # entries per update request


@dataclass
class State:
    """A work's published description as the log compares it: a hash, and the sets it puts the work in."""

    content_hash: str
    sets: list[str]


def is_work(iri: str) -> bool:
    """Whether an IRI names a work (the log's items)."""
    return "/id/work/" in iri


def state_of(work: str, triples: Sequence[Triple], input_format: Callable[[str], str]) -> State | None:
    """The state of a work's new description (None: it has none, or is no published work: no dcterms:type, as a
    chapter's host book)."""
    own = [t for t in triples if isinstance(t.subject, NamedNode) and t.subject.value == work]
    if not any(t.predicate == DCTERMS.type for t in own):
        return None
    lines = sorted({f"{_term(t.subject)} {t.predicate} {_term(t.object)}" for t in triples})
    kind = work_type([t.object.value for t in own if t.predicate == RDF.type and isinstance(t.object, NamedNode)])
    sources = {input_format(t.object.value) for t in own
               if t.predicate == PROV.wasDerivedFrom and isinstance(t.object, NamedNode)}
    sets = [f"type:{kind.value}"] if kind is not None else []
    sets += [f"source:{s}" for s in sorted(sources) if s]
    return State(hashlib.sha1("\n".join(lines).encode()).hexdigest(), sorted(sets))


def _term(term: object) -> str:
    return "_:b" if isinstance(term, BlankNode) else str(term)  # blank node labels vary between writes


def now_stamp() -> str:
    """The current time as a datestamp (UTC, seconds)."""
    return datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class ChangeLog:
    """The works one refresh rewrote, logged on :meth:`commit` where they changed."""

    def __init__(self, store: Store, input_format: Callable[[str], str]) -> None:
        self.store = store
        self.input_format = input_format
        self.seen: dict[str, State | None] = {}

    def saw(self, subject: str, triples: Sequence[Triple], merged_away: Sequence[str] = ()) -> None:
        """Note a rewritten description (empty: gone) and the IRIs merged into ``subject``."""
        if is_work(subject):
            self.seen[subject] = state_of(subject, triples, self.input_format)
        for iri in merged_away:
            if is_work(iri) and iri != subject and iri not in self.seen:
                self.seen[iri] = None

    def gone(self, works: Sequence[str]) -> None:
        """Note works that no longer have a description."""
        for work in works:
            self.seen[work] = None

    def commit(self) -> int:
        """Log what changed (one datestamp for all); the number of events."""
        if not self.seen:
            return 0
        stored = log.entries_of(self.store, sorted(self.seen))
        events: list[log.Entry] = []
        for work, state in sorted(self.seen.items()):
            old = stored.get(work)
            if state is None:
                if old is not None and not old.deleted:
                    events.append(log.Entry(work, "", log.DELETED, old.sets, ""))
            elif old is None or old.deleted:
                events.append(log.Entry(work, "", "created", state.sets, state.content_hash))
            elif old.content_hash != state.content_hash or old.sets != state.sets:
                events.append(log.Entry(work, "", "updated", state.sets, state.content_hash))
        self.seen.clear()
        if events:
            stamp = max(now_stamp(), log.latest_stamp(self.store) or "")
            for start in range(0, len(events), WRITE_CHUNK):
                self.store.update(_write(events[start:start + WRITE_CHUNK], stamp))
        return len(events)


def _write(events: Sequence[log.Entry], stamp: str) -> str:
    """One update replacing the entries of ``events`` with their new state at ``stamp``."""
    when = log.stamp_literal(stamp)
    values = " ".join(str(NamedNode(e.item)) for e in events)
    lines = [f"{NamedNode(log.BATCH_PREFIX + stamp)} {LODPUB.changesAt} {when} ."]
    for e in events:
        node = NamedNode(log.entry_iri(e.item))
        lines.append(f"{node} {LODPUB.item} {NamedNode(e.item)} ; {LODPUB.datestamp} {when} ; "
                     f"{LODPUB.change} {Literal(e.change)} ; {LODPUB.descriptionHash} {Literal(e.content_hash)} .")
        lines += [f"{node} {LODPUB.setSpec} {Literal(s)} ." for s in e.sets]
    graph = NamedNode(CHANGES_GRAPH)
    body = "\n".join(lines)
    return (f"DELETE {{ GRAPH {graph} {{ ?e ?p ?o }} }} WHERE {{ VALUES ?w {{ {values} }} "
            f"GRAPH {graph} {{ ?e {LODPUB.item} ?w ; ?p ?o }} }} ;\nINSERT DATA {{ GRAPH {graph} {{\n{body}\n}} }}")


def sweep(store: Store) -> int:
    """Log as deleted the works the log holds as present that the published view lost (after a rebuild)."""
    changes = ChangeLog(store, lambda graph: "")
    changes.gone(log.present_but_unpublished(store))
    return changes.commit()
