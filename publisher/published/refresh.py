"""Keeping the published view in step with the record graphs: after every write, recompute what it touched.

Given the record graphs an ingest, delete or update just wrote or removed (and what the removed or
replaced versions mentioned), :func:`refresh` finds every mention identity must look at again (the
records of the same works, the holders of the same identifiers, the people of the same family name,
the present members of every cluster involved), resolves them, and rewrites the published description
of each thing whose sources or identity changed. :func:`rebuild` does the same for the whole store.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from pyoxigraph import NamedNode, Triple

from mappings import parsers
from mappings.parsers import MERGE_FIELDS, Precedence
from mappings.uris import Minter, strength
from mappings.vocab import LODPUB
from publisher.published import mentions as mx
from publisher.published.changes import ChangeLog, sweep
from publisher.published.describe import Describer
from publisher.published.identity import (
    Evidence,
    Mention,
    Overrides,
    Resolution,
    resolve_by_identifiers,
    resolve_people,
)
from publisher.published.merge import FIELD_OF, FIELDS
from publisher.published.sources import Sources
from publisher.search import sync as search_index
from publisher.store import Store

MAX_GRAPHS = 5000  # records one refresh may read to settle identity (beyond: a warning, fewer merges)
RECORD_SCOPED = 9  # mappings.uris.strength of a person IRI scoped to one record (no identifier)
NAME_LIMIT = 200  # records sharing a family and first name read for the circumstantial rules (beyond: skipped)
WORK_TYPES_NS = ("http://purl.org/ontology/bibo/", "http://schema.org/")


@dataclass
class RefreshReport:
    """What a refresh did."""

    described: int = 0
    removed: int = 0
    merges: list[Evidence] = field(default_factory=list)
    refused: list[Evidence] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@lru_cache(maxsize=64)
def _precedence(input_format: str) -> Precedence | None:
    try:
        return parsers.precedence(input_format)
    except ValueError:  # a graph written by a format no longer registered: after every known one
        return None


def rank_of(input_format: str, field_name: str) -> int:
    """Where a source of ``input_format`` comes for a merged field (lower wins): its parser's declared precedence."""
    found = _precedence(input_format)
    if found is None:
        return 1000
    if field_name in MERGE_FIELDS:
        return found.rank(field_name)
    return found.default


class Refresh:
    """One refresh over a store (memoised reads; the writes go out together at the end)."""

    def __init__(self, store: Store, minter: Minter, overrides: Overrides | None = None, *, bulk: bool = False,
                 sources: Sources | None = None, dry_run: bool = False) -> None:
        self.store = store
        self.src = sources or Sources(store)
        self.minter = minter
        self.overrides = overrides or Overrides()
        self.report = RefreshReport()
        self.bulk = bulk  # a first load: additions may go through the bulk loader
        self.dry_run = dry_run  # decide identity and report, write nothing (lodpub reconcile)
        self._canon: dict[str, str] = {}
        self.moved: set[str] = set()  # IRIs whose canonical IRI this refresh changed
        self._members: dict[str, set[str]] = {}  # canonical -> its members as published
        self.graphs_base = minter.base + "graph/"
        self.partners: dict[str, set[str]] = {}  # IRIs a curator's override pairs with each IRI
        for a, b in [*self.overrides.same, *self.overrides.different]:
            self.partners.setdefault(a, set()).add(b)
            self.partners.setdefault(b, set()).add(a)

    # -- identity ----------------------------------------------------------------------------------------
    def canonical(self, iri: str) -> str:
        """The canonical IRI of any IRI: decided in this refresh, else as published, else itself."""
        found = self._canon.get(iri)
        if found is None:
            found = self._canon[iri] = self.src.published_canonical(iri) or iri
        return found

    def _members_of(self, iri: str) -> set[str]:
        canon = self.canonical(iri)
        found = self._members.get(canon)
        if found is None:
            found = self._members[canon] = {canon, *self.src.published_members(canon)}
        return found

    def _record(self, graph: str) -> mx.RecordGraph:
        return self.src.record(graph)  # indexed once per reader (a rebuild's chunks share it)

    def _work_mentions(self, graphs: set[str]) -> tuple[list[Mention], set[str]]:
        """Work mentions of ``graphs``, grown over shared keys and present clusters until closed."""
        todo = set(graphs)
        seen: set[str] = set()
        out: list[Mention] = []
        while todo and len(seen) < MAX_GRAPHS:
            graph = todo.pop()
            seen.add(graph)
            for m in mx.works(self._record(graph), self._work_strength):
                out.append(m)
                for key in m.keys:
                    todo |= self.src.graphs_with_key(key) - seen
                for member in self._members_of(m.iri) | self.partners.get(m.iri, set()):
                    todo |= self.src.graph_of_topic(member) - seen
        if todo:
            self.report.warnings.append(f"identity of works: stopped after {MAX_GRAPHS} records")
        return out, seen

    def _work_strength(self, iri: str, keys: frozenset[str]) -> int:
        dois = sorted(k[4:] for k in keys if k.startswith("doi:"))
        return 0 if dois and iri == self.minter.work_for_doi(dois[0]) else 5

    def _people(self, graphs: set[str]) -> tuple[list[Mention], set[str]]:
        """Person mentions of ``graphs`` and of the records identity must compare them with.

        Read besides ``graphs``: one record of each other local IRI that carries one of their identifiers (an ORCID
        names one IRI in every record, so its thousand records need not be read), the records of the people of
        the same family and first name (at most NAME_LIMIT), and the records of the record-scoped members of
        every cluster involved (a cluster joined by names alone has at most MAX_NAME_CLUSTER of them).
        """
        seen: set[str] = set()
        todo = set(graphs)
        out: list[Mention] = []
        known_iris: set[str] = set()
        expanded: set[str] = set()  # cluster members and keys whose records are already asked for
        expand = True
        while todo and len(seen) < MAX_GRAPHS:
            batch, todo = todo, set()
            for graph in sorted(batch):
                seen.add(graph)
                rg = self._record(graph)
                work = rg.work()
                found = mx.people(rg, self.canonical(work) if work else "", strength)
                out += found
                for m in found:
                    if m.iri in known_iris:
                        continue
                    known_iris.add(m.iri)
                    for key in m.keys - expanded:
                        expanded.add(key)
                        todo |= self.src.one_graph_per_holder(key)
                    for member in (self._members_of(m.iri) | self.partners.get(m.iri, set())) - expanded:
                        expanded.add(member)
                        if strength(member) == RECORD_SCOPED and member != m.iri:  # an identifier's IRI: its key
                            todo |= self.src.graphs_about(member)
                    name_key = m.name.name_key() if m.name is not None else None
                    if expand and name_key and name_key not in expanded:
                        expanded.add(name_key)
                        todo |= self.src.graphs_with_name_key(name_key, NAME_LIMIT) or set()
            todo -= seen
            expand = False  # name neighbours are read once, not their neighbours in turn
        if todo:
            self.report.warnings.append(f"identity of people: stopped after {MAX_GRAPHS} records")
        return out, seen

    def _adopt(self, resolution: Resolution) -> dict[str, list[str]]:
        """Take a resolution's canonical IRIs (noting the IRIs whose canonical changed); return its clusters."""
        for iri, canon in resolution.canonical.items():
            if self.canonical(iri) != canon:
                self.moved.add(iri)
        self._canon.update(resolution.canonical)
        self.report.merges += [ev for evs in resolution.evidence.values() for ev in evs]
        self.report.refused += resolution.refused
        return resolution.members()

    # -- the run -----------------------------------------------------------------------------------------
    def run(self, written: Iterable[str], gone_subjects: Iterable[str] = ()) -> RefreshReport:
        """Recompute identity and the published descriptions after ``written`` graphs were (re)written or
        removed; ``gone_subjects`` are the subjects removed or replaced graphs used to mention."""
        written = set(written)
        gone = set(gone_subjects)
        alive = {g for g in written if self.src.graph_triples(g)}
        for s in gone:  # a removed record's former clustermates are looked at again
            for member in self._members_of(s) - {s}:
                alive |= self.src.graphs_about(member)
        work_mentions, work_graphs = self._work_mentions(alive)
        works = resolve_by_identifiers(work_mentions, self.overrides)
        work_clusters = self._adopt(works)
        person_mentions, person_graphs = self._people(alive | work_graphs)
        people = resolve_people(person_mentions, self.overrides)
        person_clusters = self._adopt(people)
        journals = resolve_by_identifiers([m for g in sorted(alive) for m in mx.journals(
            self._record(g), lambda iri: 0 if "/journal/issn-" in iri else 5)], self.overrides)
        journal_clusters = self._adopt(journals)
        evidence = {**works.evidence, **people.evidence, **journals.evidence}
        clusters = {**journal_clusters, **work_clusters, **person_clusters}
        must = set(clusters) | {self.canonical(s) for s in gone if self._describable(s)}
        todo = set(must)
        said: dict[str, dict[str, set[tuple[str, object]]]] = {}
        for graph in alive:
            for s, p, o in self.src.graph_triples(graph):
                if self._describable(s):
                    canon = self.canonical(s)
                    todo.add(canon)
                    said.setdefault(canon, {}).setdefault(graph, set()).add((p, self._term(o)))
        for canon in sorted(todo - must):  # a shared thing (a concept, a publisher) the records say nothing new of
            if all(_changes_nothing(stmts, self.src.published(canon)) for stmts in said.get(canon, {}).values()):
                todo.discard(canon)
        for graph in (work_graphs | person_graphs) - alive:  # things that link to an IRI whose canonical moved
            todo |= {self.canonical(s.split("#", 1)[0]) for s, _p, o in self.src.graph_triples(graph)
                     if isinstance(o, NamedNode) and o.value in self.moved and self._describable(s.split("#", 1)[0])}
        if not self.dry_run:
            self._write(sorted(todo), clusters, evidence, sorted(written))
        return self.report

    def _describable(self, subject: str) -> bool:
        """Whether a subject of a record graph gets a published description: not a record graph itself (its
        provenance stays in the record graph), not a ``#`` fragment (described with its base)."""
        return "#" not in subject and not subject.startswith(self.graphs_base)

    def _write(self, subjects: list[str], clusters: dict[str, list[str]], evidence: dict[str, list[Evidence]],
               settled: list[str]) -> None:
        describer = Describer(self.src.statements_about, self.canonical, self._rank, self._is_work,
                              self.src.credited_name)
        remove: list[Triple] = []
        add: list[Triple] = []
        changes = ChangeLog(self.store, self.src.input_format)  # the change log harvesters read (OAI-PMH)
        for canon in subjects:
            members = sorted(set(clusters.get(canon, [canon])) | {canon})
            old = self._published_closure(canon)
            new = describer.describe(canon, members, evidence.get(canon, []), self.overrides.labels)
            new += [Triple(NamedNode(m), LODPUB.canonical, NamedNode(canon)) for m in members if m != canon]
            changes.saw(canon, new, members)
            for m in members:  # a merged-away IRI keeps no description of its own
                if m != canon:
                    old += self._published_closure(m)
            old_set, new_set = set(old), set(new)
            remove += [t for t in old if t not in new_set]
            add += [t for t in new if t not in old_set]
            self.report.described += 1 if new else 0
            self.report.removed += 1 if old and not new else 0
        remove, add = list(dict.fromkeys(remove)), list(dict.fromkeys(add))
        self.store.change_published(remove, add, settled=settled, bulk=self.bulk)
        changes.commit()
        search_index.follow(self.store, remove, add)

    def _published_closure(self, subject: str) -> list[Triple]:
        out, todo, seen = [], [subject], set()
        while todo:
            s = todo.pop()
            if s in seen:
                continue
            seen.add(s)
            for t in self.src.published(s):
                out.append(t)
                if isinstance(t.object, NamedNode) and t.object.value.startswith(subject + "#"):
                    todo.append(t.object.value)
        return out

    def _term(self, o: object) -> object:
        if isinstance(o, NamedNode):
            base, sep, fragment = o.value.partition("#")
            canon = self.canonical(base)
            return o if canon == base else NamedNode(canon + sep + fragment)
        return o

    def _rank(self, graph: str, field_name: str) -> tuple[int, str]:
        return rank_of(self.src.input_format(graph), field_name), graph

    def _is_work(self, iri: str) -> bool:
        return "/id/work/" in iri


def _changes_nothing(said: set[tuple[str, object]], published: list[Triple]) -> bool:
    """Whether one more source saying ``said`` leaves a published description as it is: every value it
    gives is there already, and for a single-valued field it gives exactly the published values (so it
    changes nothing whether it wins the field or not)."""
    have = {(t.predicate.value, t.object) for t in published}
    if not said <= have:
        return False
    fields = {FIELD_OF[p].name for p, _o in said if p in FIELD_OF}
    for name in fields:
        props = next(f.properties for f in FIELDS if f.name == name)
        if {(p, o) for p, o in said if p in props} != {(p, o) for p, o in have if p in props}:
            return False
    return True


def refresh(store: Store, minter: Minter, written: Iterable[str], gone_subjects: Iterable[str] = (),
            overrides: Overrides | None = None) -> RefreshReport:
    """Recompute identity and the published view after a write (see the module docstring)."""
    return Refresh(store, minter, overrides).run(written, gone_subjects)


def rebuild(store: Store, minter: Minter, overrides: Overrides | None = None, chunk: int = 2000, *,
            bulk: bool = False) -> RefreshReport:
    """The published view of every record graph, refreshed ``chunk`` graphs at a time (memory stays bounded; the
    result is the one a single refresh of all of them would give)."""
    return rebuild_from(Sources(store), minter, overrides, chunk, bulk=bulk)


def rebuild_from(src: Sources, minter: Minter, overrides: Overrides | None = None, chunk: int = 2000, *,
                 bulk: bool = False) -> RefreshReport:
    """:func:`rebuild` reading through ``src`` (a first load's reader hands over the record graphs it wrote)."""
    store = src.store
    total = RefreshReport()
    graphs = sorted(store.named_graphs())
    for start in range(0, len(graphs), chunk):  # the record graphs do not change: what one chunk read, the next reuses
        report = Refresh(store, minter, overrides, bulk=bulk, sources=src).run(graphs[start:start + chunk])
        total.described += report.described
        total.removed += report.removed
        total.merges += report.merges
        total.refused += report.refused
        total.warnings += report.warnings
    sweep(store)  # works the rebuilt view no longer describes
    return total
