"""The published description of one canonical thing, built from what its members' record graphs say.

Statements about every local IRI merged into the thing (and about their ``#`` fragments: identifier
nodes, list cells) are rewritten to canonical IRIs, consolidated field by field (:mod:`.merge`), and
completed with what identity decided: ``owl:sameAs`` each merged local IRI, and one
``lodpub:IdentityDecision`` per merge naming its rule, its records and a sentence a curator can read.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from pyoxigraph import Literal, NamedNode, Triple

from mappings.vocab import BIBO, FOAF, LODPUB, OWL, PROV, RDF, RDFS, SDO
from publisher.published.identity import Evidence
from publisher.published.merge import Ranker, Term, consolidate, losing_values

AGENT_TYPES = frozenset({FOAF.Person.value, FOAF.Organization.value, SDO.Person.value, SDO.Organization.value})
NAME_PROPERTIES = frozenset({FOAF.name.value, SDO.name.value})
Statement4 = tuple[str, str, Term, str]  # subject, predicate, object, graph
LIST_NAMES = {BIBO.authorList.value: "authors", BIBO.editorList.value: "editors"}  # the cells' names: #authors-1


class Describer:
    """Builds published descriptions; ``canonical`` maps any IRI to its canonical IRI."""

    def __init__(self, statements_about: Callable[[Sequence[str]], list[Statement4]],
                 canonical: Callable[[str], str], rank: Ranker, is_work: Callable[[str], bool],
                 credited: Callable[[str, str], str | None] = lambda graph, iri: None) -> None:
        self.statements_about = statements_about
        self.canonical = canonical
        self.rank = rank
        self.is_work = is_work
        self.credited = credited  # (graph, person) -> the person's name as that record credits them

    def term(self, o: Term) -> Term:
        """An object rewritten to its canonical IRI (fragments follow their base IRI)."""
        if not isinstance(o, NamedNode):
            return o
        iri = o.value
        base, sep, fragment = iri.partition("#")
        canon = self.canonical(base)
        return o if canon == base else NamedNode(canon + sep + fragment)

    def describe(self, canon: str, members: Sequence[str], evidence: Sequence[Evidence] = (),
                 labels: dict[str, str] | None = None) -> list[Triple]:
        """The published triples of ``canon`` and of its fragments."""
        statements = self._with_fragments(members)
        heads = {s for s, p, _o, _g in statements if p == RDF.first.value}
        own = [(p, o if isinstance(o, NamedNode) and o.value in heads else self.term(o), g)
               for s, p, o, g in statements if s in members]
        types = {o.value for p, o, _g in own if p == RDF.type.value and isinstance(o, NamedNode)}
        is_agent = bool(types & AGENT_TYPES)
        chosen = consolidate(own, self.rank, is_agent=is_agent, keep_union=_series_link)
        subject = NamedNode(canon)
        out: list[Triple] = []
        fragments: set[str] = set()
        for p, o in chosen:
            if isinstance(o, NamedNode) and o.value in heads:
                o = self._copy_list(canon, p, o, statements, out)
            elif isinstance(o, NamedNode) and o.value.startswith(canon + "#"):
                fragments.add(o.value)
            out.append(Triple(subject, NamedNode(p), o))
        if is_agent:
            for variant in losing_values(own, chosen, NAME_PROPERTIES):
                out.append(Triple(subject, SDO.alternateName, variant))
        preferred = next((labels[m] for m in [canon, *members] if m in labels), None) if labels else None
        if preferred:
            out = [t for t in out if t.predicate.value not in NAME_PROPERTIES]
            out += [Triple(subject, p, Literal(preferred)) for p in (FOAF.name, SDO.name)]
        out += self._fragments(canon, members, fragments, statements)
        out += self._identity(subject, members, evidence)
        if self.is_work(canon):
            for graph in sorted({g for s, _p, _o, g in statements if s in members}):
                out.append(Triple(subject, PROV.wasDerivedFrom, NamedNode(graph)))
        return list(dict.fromkeys(out))

    def _with_fragments(self, members: Sequence[str]) -> list[Statement4]:
        """Statements about the members and about their ``#`` fragments (list cells, identifier nodes)."""
        statements = list(self.statements_about(members))
        prefixes = tuple(m + "#" for m in members)
        seen = set(members)
        frontier = {o.value for _s, _p, o, _g in statements
                    if isinstance(o, NamedNode) and o.value.startswith(prefixes)}
        while frontier - seen:
            batch = sorted(frontier - seen)
            seen |= set(batch)
            more = self.statements_about(batch)
            statements += more
            frontier = {o.value for _s, _p, o, _g in more
                        if isinstance(o, NamedNode) and o.value.startswith(prefixes)}
        return statements

    def _copy_list(self, canon: str, p: str, head: NamedNode, statements: Sequence[Statement4],
                   out: list[Triple]) -> NamedNode:
        """Re-mint one source's rdf:List as ``<canon>#<property>-N`` cells holding canonical items."""
        graph = next(g for s, pp, _o, g in statements if s == head.value and pp == RDF.first.value)
        by_cell = {(s, pp): o for s, pp, o, g in statements if g == graph}
        items: list[Term] = []
        names: list[str | None] = []
        node, guard = head.value, 0
        while node and node != RDF.nil.value and guard < 100_000:
            first = by_cell.get((node, RDF.first.value))
            if first is not None:
                items.append(self.term(first))
                names.append(self.credited(graph, first.value) if isinstance(first, NamedNode) else None)
            rest = by_cell.get((node, RDF.rest.value))
            node = rest.value if isinstance(rest, NamedNode) else ""
            guard += 1
        name = LIST_NAMES.get(p, p.rsplit("/", 1)[-1].rsplit("#", 1)[-1])
        cells = [NamedNode(f"{canon}#{name}-{i}") for i in range(1, len(items) + 1)]
        for i, (cell, item) in enumerate(zip(cells, items, strict=True)):
            out.append(Triple(cell, RDF.first, item))
            credited = names[i]
            if credited:  # the name this work's record gives, for citing it as credited ("Boyce, Melanie J.")
                out.append(Triple(cell, LODPUB.creditedAs, Literal(credited)))
            out.append(Triple(cell, RDF.rest, cells[i + 1] if i + 1 < len(cells) else RDF.nil))
        return cells[0] if cells else RDF.nil

    def _fragments(self, canon: str, members: Sequence[str], fragments: set[str],
                   statements: Sequence[Statement4]) -> list[Triple]:
        """Identifier nodes and other ``#`` fragments of the members, as fragments of the canonical IRI."""
        out = []
        prefixes = tuple(m + "#" for m in members)
        for s, p, o, _g in statements:
            if s.startswith(prefixes) and p not in (RDF.first.value, RDF.rest.value):
                target = NamedNode(canon + "#" + s.split("#", 1)[1])
                if target.value in fragments:
                    out.append(Triple(target, NamedNode(p), self.term(o)))
        return out

    def _identity(self, subject: NamedNode, members: Sequence[str], evidence: Sequence[Evidence]) -> list[Triple]:
        out = [Triple(subject, OWL.sameAs, NamedNode(m)) for m in members if m != subject.value]
        for i, ev in enumerate(evidence, start=1):
            node = NamedNode(f"{subject.value}#identity-{i}")
            out += [Triple(subject, LODPUB.identityEvidence, node),
                    Triple(node, RDF.type, LODPUB.IdentityDecision),
                    Triple(node, LODPUB.rule, Literal(ev.rule)),
                    Triple(node, LODPUB.mention, NamedNode(ev.a)),
                    Triple(node, LODPUB.mention, NamedNode(ev.b)),
                    Triple(node, RDFS.comment, Literal(ev.detail))]
            out += [Triple(node, PROV.wasDerivedFrom, NamedNode(g)) for g in ev.graphs]
        return out


def _series_link(p: str, o: Term) -> bool:
    """``isPartOf`` a series is kept from every source (the host field takes one journal or book)."""
    return isinstance(o, NamedNode) and "/id/series/" in o.value
