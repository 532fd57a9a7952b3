"""Which mentions denote one real-world thing: identity from evidence, precision first.

Every record graph names the people, works and journals it mentions with *local* IRIs: minted from an
identifier when the record carries one (ORCID, ISNI, VIAF, an authority record, a DOI, an ISSN ...),
else scoped to the record itself, so that nothing is merged on spelling at mapping time. This module
decides, from the mentions of many records, which local IRIs are one thing, and records *why*:

1. ``shared-identifier`` — the mentions carry the same identifier (normalised).
2. ``curator`` — a curator's override file says so (and ``different`` pairs are never merged).
3. ``same-work`` — two records of one work name compatible people at the same place in its author list
   (or in the same role), each the only compatible name in the other record.
4. ``shared-institution`` — the same full first name and compatible names, in records from the same
   institutional repository, or with the same affiliation.
5. ``shared-coauthor`` — the same full first name and compatible names, each with a co-author whose name
   is also the same.

Two people in one record are never merged (a merge that would do so is refused and reported), and a
false merge is worse than a split: a rule that finds more than one candidate merges nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations

from mappings.names import PersonName, compatible, strongly_compatible

AUTHOR_ROLES = frozenset({"aut", "cre"})
STRONG_RULES = frozenset({"shared-identifier", "curator"})  # rules that are evidence whatever the names say
MAX_NAME_CLUSTER = 50  # local IRIs a cluster may gather by name-based rules (beyond: split, never a guess)


@dataclass(frozen=True)
class Mention:
    """One record's mention of a person, organisation, work or journal."""

    iri: str  # the local IRI in the record graph
    graph: str  # the record graph
    strength: int = 9  # how the local IRI was minted: lower is a stronger identifier (canonical first)
    keys: frozenset[str] = frozenset()  # normalised identifiers: "orcid:0000-...", "doi:10.1/x", "issn:1234-5678"
    label: str = ""  # the name or title as written (for the evidence text)
    # people only
    name: PersonName | None = None
    work: str = ""  # the canonical IRI of the work the record describes
    role: str = "aut"  # MARC relator code; "aut" for the author list
    position: int | None = None  # 1-based place in the author list
    repository: str | None = None  # host of the institutional repository the record comes from
    affiliations: frozenset[str] = frozenset()
    coauthors: tuple[PersonName, ...] = ()


@dataclass(frozen=True)
class Evidence:
    """Why two mentions were judged one thing (or why a proposed merge was refused)."""

    rule: str
    a: str
    b: str
    graphs: tuple[str, ...]
    detail: str


@dataclass
class Resolution:
    """The outcome: each local IRI's canonical IRI, and the evidence behind every merge."""

    canonical: dict[str, str] = field(default_factory=dict)
    evidence: dict[str, list[Evidence]] = field(default_factory=dict)  # canonical IRI -> merges into it
    refused: list[Evidence] = field(default_factory=list)

    def members(self) -> dict[str, list[str]]:
        """Canonical IRI -> its local IRIs (sorted)."""
        out: dict[str, list[str]] = defaultdict(list)
        for local, canon in sorted(self.canonical.items()):
            out[canon].append(local)
        return dict(out)


@dataclass
class Overrides:
    """A curator's decisions: pairs that are the same thing, pairs that are not, preferred labels."""

    same: list[tuple[str, str]] = field(default_factory=list)
    different: list[tuple[str, str]] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)


class _Clusters:
    """Union-find over local IRIs that refuses to put two mentions of one record into one cluster."""

    def __init__(self, mentions: Sequence[Mention], different: Iterable[tuple[str, str]]) -> None:
        self.parent: dict[str, str] = {}
        self.graphs: dict[str, set[str]] = {}
        self.members: dict[str, set[str]] = {}
        self.names: dict[str, set[PersonName]] = {}  # the distinct name forms of each cluster
        for m in mentions:
            if m.iri not in self.parent:
                self.parent[m.iri] = m.iri
                self.graphs[m.iri] = set()
                self.members[m.iri] = {m.iri}
                self.names[m.iri] = set()
            self.graphs[m.iri].add(m.graph)
            if m.name is not None:
                self.names[m.iri].add(m.name)
        self.different = {frozenset(pair) for pair in different}

    def find(self, iri: str) -> str:
        root = iri
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[iri] != root:
            self.parent[iri], iri = root, self.parent[iri]
        return root

    def conflict(self, a: str, b: str, by_name: bool = False) -> str | None:
        """Why the clusters of ``a`` and ``b`` may not merge (None if they may). ``by_name``: the evidence is
        circumstantial, so every name form of one must be compatible with every form of the other, and a cluster
        joined that way stays small (MAX_NAME_CLUSTER local IRIs)."""
        ra, rb = self.find(a), self.find(b)
        shared = self.graphs[ra] & self.graphs[rb]
        if shared:
            return f"both are named in one record ({sorted(shared)[0]})"
        if by_name:
            if len(self.members[ra]) + len(self.members[rb]) > MAX_NAME_CLUSTER:
                return f"more than {MAX_NAME_CLUSTER} records would be joined on names alone"
            for n1 in self.names[ra]:
                for n2 in self.names[rb]:
                    if not compatible(n1, n2):
                        return f"their names {n1.key()!r} and {n2.key()!r} contradict each other"
        if self.different:
            for x in self.members[ra]:
                for y in self.members[rb]:
                    if frozenset((x, y)) in self.different:
                        return f"a curator marked {x} and {y} as different"
        return None

    def union(self, a: str, b: str) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if len(self.members[ra]) < len(self.members[rb]):
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.graphs[ra] |= self.graphs.pop(rb)
        self.members[ra] |= self.members.pop(rb)
        self.names[ra] |= self.names.pop(rb)
        return True


class _Resolver:
    def __init__(self, mentions: Sequence[Mention], overrides: Overrides) -> None:
        self.mentions = sorted(mentions, key=lambda m: (m.graph, m.position or 0, m.iri))
        self.clusters = _Clusters(self.mentions, overrides.different)
        self.overrides = overrides
        self.accepted: list[Evidence] = []
        self.refused: list[Evidence] = []

    def merge(self, a: Mention, b: Mention, rule: str, detail: str) -> None:
        if self.clusters.find(a.iri) == self.clusters.find(b.iri):
            return
        graphs = tuple(sorted({a.graph, b.graph}))
        why_not = self.clusters.conflict(a.iri, b.iri, by_name=rule not in STRONG_RULES)
        if why_not:
            self.refused.append(Evidence(rule, a.iri, b.iri, graphs, f"{detail}; not merged: {why_not}"))
            return
        self.clusters.union(a.iri, b.iri)
        self.accepted.append(Evidence(rule, a.iri, b.iri, graphs, detail))

    def by_identifier(self) -> None:
        holders: dict[str, list[Mention]] = defaultdict(list)
        for m in self.mentions:
            for key in sorted(m.keys):
                holders[key].append(m)
        for key, found in sorted(holders.items()):
            first = found[0]
            for other in found[1:]:
                if other.iri != first.iri:
                    self.merge(first, other, "shared-identifier", f"both carry the identifier {key}")

    def by_curator(self) -> None:
        by_iri = {m.iri: m for m in self.mentions}
        for a, b in self.overrides.same:
            if a in by_iri and b in by_iri:
                self.merge(by_iri[a], by_iri[b], "curator", "a curator's override says they are the same")

    def by_same_work(self) -> None:
        per_work: dict[str, dict[str, list[Mention]]] = defaultdict(lambda: defaultdict(list))
        for m in self.mentions:
            if m.name is not None and m.work:
                per_work[m.work][m.graph].append(m)
        for work, graphs in sorted(per_work.items()):
            for g1, g2 in combinations(sorted(graphs), 2):
                for role_group in _role_groups(graphs[g1], graphs[g2]):
                    self._align(work, *role_group)

    def _align(self, work: str, left: list[Mention], right: list[Mention]) -> None:
        for a in left:
            b = _unique_partner(a, right)
            if b is not None and _unique_partner(b, left) is a:
                where = f"position {a.position}" if a.role in AUTHOR_ROLES and a.position == b.position \
                    else f"role {a.role}"
                self.merge(a, b, "same-work", f"'{a.label}' and '{b.label}' are the only compatible names "
                                              f"({where}) in two records of one work ({_local(work)})")

    def by_circumstance(self) -> None:
        """Rules 4 and 5 among people of the same family and full first name, group by group (a repository, an
        affiliation, a co-author's name): each mention is compared with one mention of each cluster of its group."""
        blocks: dict[tuple[str, str], list[Mention]] = defaultdict(list)
        for m in self.mentions:
            if m.name is not None and m.name.first_given:
                blocks[(m.name.family, m.name.first_given)].append(m)
        for _block, found in sorted(blocks.items()):
            by_repository: dict[str, list[Mention]] = defaultdict(list)
            by_affiliation: dict[str, list[Mention]] = defaultdict(list)
            by_coauthor: dict[str, list[Mention]] = defaultdict(list)
            for m in found:
                if m.repository:
                    by_repository[m.repository].append(m)
                for affiliation in m.affiliations:
                    by_affiliation[affiliation].append(m)
                for co in {c.name_key() for c in m.coauthors} - {None}:
                    by_coauthor[co].append(m)  # type: ignore[index]
            for repository, group in sorted(by_repository.items()):
                self._join(group, "shared-institution", f"in two records of the institutional repository {repository}")
            for affiliation, group in sorted(by_affiliation.items()):
                self._join(group, "shared-institution", f"both affiliated with {affiliation}")
            for coauthor, group in sorted(by_coauthor.items()):
                family, given = coauthor.split("|", 1)
                self._join(group, "shared-coauthor", f"both written with a co-author named {given} {family}",
                           other_work=True)

    def _join(self, group: list[Mention], rule: str, why: str, other_work: bool = False) -> None:
        """Merge the strongly compatible mentions of one group, comparing each with one mention per cluster."""
        reps: list[Mention] = []
        for m in group:
            for r in reps:
                if r.graph == m.graph or (other_work and r.work == m.work) or \
                        not strongly_compatible(r.name, m.name):  # type: ignore[arg-type]
                    continue
                self.merge(r, m, rule, f"'{r.label}' and '{m.label}' {why}")
                if self.clusters.find(r.iri) == self.clusters.find(m.iri):
                    break
            if all(self.clusters.find(r.iri) != self.clusters.find(m.iri) for r in reps):
                reps.append(m)

    def resolution(self) -> Resolution:
        strength: dict[str, tuple[int, str]] = {}
        for m in self.mentions:
            strength[m.iri] = min(strength.get(m.iri, (m.strength, m.iri)), (m.strength, m.iri))
        out = Resolution(refused=self.refused)
        roots: dict[str, str] = {}
        for root, members in self.clusters.members.items():
            roots[root] = min(strength[i] for i in members)[1]
        for iri in self.clusters.parent:
            out.canonical[iri] = roots[self.clusters.find(iri)]
        for ev in self.accepted:
            out.evidence.setdefault(out.canonical[ev.a], []).append(ev)
        return out


def _role_groups(left: list[Mention], right: list[Mention]) -> list[tuple[list[Mention], list[Mention]]]:
    groups = [([m for m in left if m.role in AUTHOR_ROLES], [m for m in right if m.role in AUTHOR_ROLES])]
    for role in sorted({m.role for m in left} & {m.role for m in right} - AUTHOR_ROLES):
        groups.append(([m for m in left if m.role == role], [m for m in right if m.role == role]))
    return [g for g in groups if g[0] and g[1]]


def _alignable(a: PersonName, b: PersonName) -> bool:
    """Within two records of one work: the same family name and no contradicting first initial is enough
    to pair two names up (the records may spell the rest differently: "Theodore Alois William" /
    "Theodore William Aldis"); pairing also needs the partner to be the only such name, both ways."""
    return compatible(a, b) or (a.family == b.family and (not a.given or not b.given or a.given[0][0] == b.given[0][0]))


def _unique_partner(a: Mention, candidates: list[Mention]) -> Mention | None:
    """The one mention among ``candidates`` whose name pairs with ``a``'s (position breaks a tie)."""
    found = [c for c in candidates if _alignable(a.name, c.name)]  # type: ignore[arg-type]
    if len(found) == 1:
        return found[0]
    if a.position is not None:
        same_place = [c for c in found if c.position == a.position]
        if len(same_place) == 1:
            return same_place[0]
    return None


def resolve_people(mentions: Sequence[Mention], overrides: Overrides | None = None) -> Resolution:
    """Cluster person mentions by the five rules, in order of strength."""
    r = _Resolver(mentions, overrides or Overrides())
    r.by_identifier()
    r.by_curator()
    r.by_same_work()
    r.by_circumstance()
    return r.resolution()


def resolve_by_identifiers(mentions: Sequence[Mention], overrides: Overrides | None = None) -> Resolution:
    """Cluster mentions that carry identifiers only (works, journals, organisations): shared keys and curators."""
    r = _Resolver(mentions, overrides or Overrides())
    r.clusters.graphs = {iri: set() for iri in r.clusters.graphs}  # one record may name two of them (a host)
    r.by_identifier()
    r.by_curator()
    return r.resolution()


def _local(iri: str) -> str:
    """An IRI of ours without the base ("work/4b87..."): evidence text stays true when the store is rebased."""
    return iri.rsplit("/id/", 1)[-1]
