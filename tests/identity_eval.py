"""Scoring identity on a labelled set of real records: which name strings are one person, which records one work.

``tests/real/identity/`` holds real records (with provenance) and labels written by people reading them:
``mentions.jsonl`` (one line per person or organisation mention: ``<file>#<record>#<position>``),
``pairs.tsv`` (two mentions, ``same`` or ``different``, and the evidence a person used) and ``works.tsv``
(the same for records of one work). This module maps every record lodpub can read, runs the identity
rules over all of them together (as an ingest of all of them would), and counts, over the labelled pairs
both of whose records lodpub reads, the pairs it merged rightly (true positives), merged wrongly (false
positives: the number that must stay near zero) and left apart wrongly (false negatives)::

    .venv/bin/python -m tests.identity_eval        # the figures and every wrong pair
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from mappings import sources
from mappings.crosswalk import map_record
from mappings.model import AgentKind, Record, RecordError
from mappings.uris import Minter, strength
from publisher.published import mentions as mx
from publisher.published.identity import Mention, Resolution, resolve_by_identifiers, resolve_people

IDENTITY = Path(__file__).resolve().parent / "real" / "identity"
BASE = "http://127.0.0.1:5000/"
# labels the set marks as not evidence of one person / one work (README: "drop them for a strict run")
WEAK = ("circumstantial", "VERSION pair", "EDITION pair")


@dataclass
class Scores:
    """Pairwise figures for one kind of thing (people, organisations or works)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    skipped: int = 0
    weak: int = 0  # labels the set's own notes call circumstantial, or a version/edition rather than one work
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        """Of the pairs merged, the share that are one thing."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """Of the pairs that are one thing, the share merged."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def line(self, what: str) -> str:
        """A one-line summary."""
        return (f"{what}: precision {self.precision:.3f} ({self.tp} right merges, {self.fp} false), recall "
                f"{self.recall:.3f} ({self.fn} missed); {self.tn} different pairs kept apart; "
                f"{self.skipped} pairs skipped (a record lodpub does not read), {self.weak} weak labels left out")


@cache
def _records(path: str) -> list[Record]:
    return [r for r in sources.read_file(str(IDENTITY / path)) if not isinstance(r, RecordError)]


def _record_for(ref: str) -> Record | None:
    path, _, key = ref.partition("#")
    for rec in _records(path):
        ids = [rec.source_id, (rec.doi or "").lower(), rec.landing_page or ""]
        if key.lower() in [i.lower() for i in ids if i] or rec.source_id.endswith(key) or \
                (key.lower().startswith("https://doi.org/") and (rec.doi or "").lower() == key.lower()[16:]):
            return rec
    if re.fullmatch(r"\d+", key):
        return next((r for r in _records(path) if r.source_position == int(key)), None)
    return None


@dataclass
class World:
    """Every readable record of the set, mapped, with the identity decisions over all of them."""

    agents: dict[str, str] = field(default_factory=dict)  # mention id -> local IRI
    works: dict[str, str] = field(default_factory=dict)  # record ref -> local work IRI
    people: Resolution = field(default_factory=Resolution)
    work_resolution: Resolution = field(default_factory=Resolution)


def build() -> World:
    """Map every record named by a mention or a work pair and resolve identity over them all."""
    minter = Minter(BASE)
    refs = {json.loads(line)["record"] for line in (IDENTITY / "mentions.jsonl").read_text().splitlines() if line}
    for line in (IDENTITY / "works.tsv").read_text().splitlines()[1:]:
        refs |= set(line.split("\t")[:2])
    world = World()
    graphs: list[mx.RecordGraph] = []
    for ref in sorted(refs):
        rec = _record_for(ref)
        if rec is None:
            continue
        try:
            mapped = map_record(rec, minter)
        except RecordError:
            continue
        rg = mx.RecordGraph.of(mapped.graph, [(s.value, p.value, o) for s, p, o in mapped.statements])
        graphs.append(rg)
        world.works[ref] = mapped.work
        in_order = iter(p for p in _agent_iris(rg, mapped.work) if "/id/person/" in p)
        for i, agent in enumerate([*rec.creators, *rec.contributors], start=1):
            iri = next(in_order, None) if agent.kind is AgentKind.PERSON else minter.org(agent.name)
            if iri is not None:
                world.agents[f"{ref}#{i}"] = iri
    work_mentions: list[Mention] = [m for rg in graphs for m in mx.works(rg, lambda iri, keys: 0)]
    world.work_resolution = resolve_by_identifiers(work_mentions)
    canon_work = world.work_resolution.canonical
    mentions = [m for rg in graphs for m in mx.people(rg, canon_work.get(rg.work() or "", rg.work() or ""), strength)]
    world.people = resolve_people(mentions)
    return world


def _agent_iris(rg: mx.RecordGraph, work: str) -> list[str]:
    """The IRIs of a record's creators then contributors, in the order the record gives them."""
    from mappings.vocab import BIBO, DCTERMS

    heads = rg.iris(work, BIBO.authorList)
    authors = rg.rdf_list(heads[0]) if heads else rg.iris(work, DCTERMS.creator)
    others = [c for c in rg.iris(work, DCTERMS.contributor) if c not in authors]
    return authors + others


def score(world: World) -> tuple[Scores, Scores, Scores]:
    """(people, organisations, works) pairwise scores."""
    kinds = {json.loads(line)["mention"]: json.loads(line)["kind"]
             for line in (IDENTITY / "mentions.jsonl").read_text().splitlines() if line}
    people, orgs, works = Scores(), Scores(), Scores()
    canon = world.people.canonical
    for line in (IDENTITY / "pairs.tsv").read_text().splitlines()[1:]:
        a, b, label, evidence = line.split("\t")[:4]
        target = orgs if kinds.get(a) == "organization" else people
        if evidence.startswith(WEAK):
            target.weak += 1
            continue
        ia, ib = world.agents.get(a), world.agents.get(b)
        if ia is None or ib is None:
            target.skipped += 1
            continue
        _count(target, canon.get(ia, ia) == canon.get(ib, ib), label == "same", f"{a} ~ {b}")
    wcanon = world.work_resolution.canonical
    for line in (IDENTITY / "works.tsv").read_text().splitlines()[1:]:
        a, b, label, evidence = line.split("\t")[:4]
        if evidence.startswith(WEAK):
            works.weak += 1
            continue
        wa, wb = world.works.get(a), world.works.get(b)
        if wa is None or wb is None:
            works.skipped += 1
            continue
        _count(works, wcanon.get(wa, wa) == wcanon.get(wb, wb), label == "same", f"{a} ~ {b}")
    return people, orgs, works


def _count(s: Scores, merged: bool, same: bool, what: str) -> None:
    if merged and same:
        s.tp += 1
    elif merged:
        s.fp += 1
        s.errors.append(f"FALSE MERGE {what}")
    elif same:
        s.fn += 1
        s.errors.append(f"missed {what}")
    else:
        s.tn += 1


if __name__ == "__main__":
    p, o, w = score(build())
    for name, s in (("people", p), ("organisations", o), ("works", w)):
        for e in s.errors:
            print(f"{name}: {e}")
    for name, s in (("people", p), ("organisations", o), ("works", w)):
        print(s.line(name))
