"""``lodpub reconcile``: the merges lodpub did not make, for a curator to review.

Three kinds of candidate, each printed as a commented-out overrides line a curator can keep (uncomment into
``curation.ttl``) or answer with ``owl:differentFrom``:

- people of the published view with the same family and first name whom no rule joined (no evidence beyond the
  name), with the titles of their works;
- merges a rule proposed but a constraint refused (two people named in one record, a curator's "different"
  pair, contradicting name forms, a cluster grown too large on names alone), with the reason;
- works with the same normalised title, year and first author's family name but no shared identifier.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from mappings.names import fold_name, parse_name
from mappings.uris import Minter
from publisher.published.identity import Evidence, Overrides
from publisher.published.refresh import Refresh
from publisher.read import queries
from publisher.store import Store, term_value


@dataclass
class Candidate:
    """Two (or more) things that may be one, and why a curator might think so."""

    kind: str  # "people", "refused", "works"
    iris: list[str]
    reason: str


def people_with_one_name(store: Store) -> Iterator[Candidate]:
    """Published people who share a family and first given name, with their works' titles."""
    groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for row in store.select(queries.PEOPLE_WITH_NAMES):
        name = parse_name(term_value(row["family"]), term_value(row["given"]))
        key = name.name_key() if name else None
        if key:
            groups[key].append((term_value(row["p"]), term_value(row.get("title", row["p"]))))
    for key, found in sorted(groups.items()):
        people = sorted({p for p, _t in found})
        if len(people) > 1:
            titles = sorted({t for _p, t in found})[:4]
            yield Candidate("people", people, f"the same name ({key.replace('|', ', ')}) and no evidence beyond it; "
                                              f"works: {'; '.join(titles)}")


def refused_merges(store: Store, minter: Minter, overrides: Overrides | None) -> Iterator[Candidate]:
    """Merges a rule proposed over the whole store and a constraint refused."""
    refresh = Refresh(store, minter, overrides, dry_run=True)
    graphs = sorted(store.named_graphs())
    seen: set[tuple[str, str]] = set()
    for start in range(0, len(graphs), 2000):
        report = Refresh(store, minter, overrides, dry_run=True, sources=refresh.src).run(graphs[start:start + 2000])
        for ev in report.refused:
            pair = (min(ev.a, ev.b), max(ev.a, ev.b))
            if pair not in seen:
                seen.add(pair)
                yield _refused(ev)


def _refused(ev: Evidence) -> Candidate:
    return Candidate("refused", [ev.a, ev.b], f"{ev.rule}: {ev.detail}")


def works_alike(store: Store) -> Iterator[Candidate]:
    """Published works with the same normalised title, year and first author's family name."""
    groups: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for row in store.select(queries.WORKS_WITH_TITLE_YEAR_AUTHOR):
        title = fold_name(term_value(row["title"]))
        year = term_value(row["issued"])[:4] if "issued" in row else ""
        family = fold_name(term_value(row["family"])) if "family" in row else ""
        groups[(title, year, family)].add(term_value(row["w"]))
    for (title, year, family), works in sorted(groups.items()):
        if len(works) > 1:
            yield Candidate("works", sorted(works), f"the same title, year and first author: {title!r}, {year or '?'}, "
                                                    f"{family or '?'}")


def reconcile(store: Store, minter: Minter, overrides: Overrides | None = None) -> Iterator[Candidate]:
    """Every candidate merge, people first."""
    yield from people_with_one_name(store)
    yield from refused_merges(store, minter, overrides)
    yield from works_alike(store)


def as_turtle(candidates: Iterator[Candidate]) -> Iterator[str]:
    """The candidates as commented-out overrides lines (uncomment into curation.ttl to merge, or answer with
    owl:differentFrom to keep them apart for good)."""
    yield "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
    yield "# Candidate merges lodpub did not make (lodpub reconcile). Uncomment a line to merge; write"
    yield "# owl:differentFrom instead to keep the two apart for good. Then run lodpub republish.\n"
    for c in candidates:
        yield f"# {c.kind}: {c.reason}"
        first = c.iris[0]
        for other in c.iris[1:]:
            yield f"# <{first}> owl:sameAs <{other}> ."
        yield ""
