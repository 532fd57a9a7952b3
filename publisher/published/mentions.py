"""Reading a record graph's mentions: the work it describes, the people it names and where, the journals.

Pure: the triples of one record graph go in, :class:`~publisher.published.identity.Mention` objects come
out. What identity needs is in the graph already: names (FOAF), the author list (``bibo:authorList``),
roles (MARC relator properties), identifiers (``lodpub:identityKey``), affiliations, the landing page
(``prov:wasDerivedFrom`` of the graph) and the input format (``lodpub:inputFormat``).
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from pyoxigraph import Literal, NamedNode

from mappings.names import PersonName, fold_name, parse_name
from mappings.vocab import BIBO, DCTERMS, FOAF, LODPUB, PREFIXES, PROV, RDF, SDO
from publisher.published.identity import Mention

Term = NamedNode | Literal
Triple3 = tuple[str, str, Term]

RELATOR_NS = PREFIXES["relators"]
# formats whose records come from an institution's own repository (EPrints, EThOS-profile theses)
REPOSITORY_FORMATS = frozenset({"eprints-xml", "eprints-page", "eprints-html", "uketd-dc"})
# an oai_dc record counts as an institutional repository's when its landing page has a repository's shape
REPOSITORY_PATH = re.compile(r"/id/eprint/\d+|/eprint/\d+|/handle/\d+/\d+|^/\d+/?$")
NOT_INSTITUTIONAL = ("zenodo.org", "figshare.com", "arxiv.org", "osf.io", "ssrn.com", "hal.science",
                     "researchgate.net", "europepmc.org", "core.ac.uk", "base-search.net")


@dataclass
class RecordGraph:
    """What one record graph says, indexed for mention extraction."""

    graph: str
    by_subject: dict[str, dict[str, list[Term]]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(list)))

    @classmethod
    def of(cls, graph: str, triples: Iterable[Triple3]) -> RecordGraph:
        """Index a record graph's triples by subject and predicate."""
        rg = cls(graph)
        for s, p, o in triples:
            rg.by_subject[s][sys.intern(p)].append(o)  # a few dozen predicates, held by thousands of graphs
        return rg

    def triples(self) -> list[Triple3]:
        """Every triple, grouped by subject and predicate."""
        return [(s, p, o) for s, props in self.by_subject.items() for p, objects in props.items() for o in objects]

    def values(self, s: str, p: NamedNode) -> list[Term]:
        """The objects of (s, p)."""
        return self.by_subject.get(s, {}).get(p.value, [])

    def first_text(self, s: str, p: NamedNode) -> str | None:
        """The first literal value of (s, p)."""
        return next((str(o.value) for o in self.values(s, p) if isinstance(o, Literal)), None)

    def iris(self, s: str, p: NamedNode) -> list[str]:
        """The IRI objects of (s, p)."""
        return [o.value for o in self.values(s, p) if isinstance(o, NamedNode)]

    def typed(self, cls: NamedNode) -> list[str]:
        """Subjects with this rdf:type."""
        return sorted(s for s, props in self.by_subject.items()
                      if any(isinstance(o, NamedNode) and o.value == cls.value for o in props.get(RDF.type.value, [])))

    def work(self) -> str | None:
        """The work the record is about (``foaf:primaryTopic`` of the graph)."""
        found = self.iris(self.graph, FOAF.primaryTopic)
        return found[0] if found else None

    def rdf_list(self, head: str) -> list[str]:
        """The IRIs of an rdf:List, in order."""
        items, node, guard = [], head, 0
        while node and node != RDF.nil.value and guard < 100_000:
            items += self.iris(node, RDF.first)[:1]
            rest = self.iris(node, RDF.rest)
            node = rest[0] if rest else ""
            guard += 1
        return items

    def keys(self, s: str) -> frozenset[str]:
        """The identity keys of a subject (``lodpub:identityKey``)."""
        return frozenset(str(o.value) for o in self.values(s, LODPUB.identityKey) if isinstance(o, Literal))


def repository_host(rg: RecordGraph) -> str | None:
    """The host of the institutional repository a record comes from, if it comes from one."""
    fmt = rg.first_text(rg.graph, LODPUB.inputFormat) or ""
    for page in rg.iris(rg.graph, PROV.wasDerivedFrom):
        parts = urlsplit(page)
        host = (parts.hostname or "").lower().removeprefix("www.")
        if not host or host.endswith(NOT_INSTITUTIONAL):
            continue
        if fmt in REPOSITORY_FORMATS or (fmt == "oai-dc" and REPOSITORY_PATH.search(parts.path)):
            return host
    return None


def person_name(rg: RecordGraph, iri: str) -> tuple[PersonName | None, str]:
    """A mentioned person's comparable name and its label as written."""
    family, given = rg.first_text(iri, FOAF.familyName), rg.first_text(iri, FOAF.givenName)
    full = rg.first_text(iri, FOAF.name) or ""
    label = f"{family}, {given}" if family and given else (full or family or iri)
    return parse_name(family, given, full), label


def _institution_keys(rg: RecordGraph, orgs: list[str]) -> list[str]:
    """Affiliations as compared: the institution's own name, its first two comma-separated parts, folded
    ("Institute of Zoology, Zoological Society of London, London, UK" and "..., London, UK" are one)."""
    keys = []
    for org in orgs:
        name = rg.first_text(org, FOAF.name) or org
        keys.append(fold_name(", ".join(name.split(",")[:2])))
    return keys


def people(rg: RecordGraph, work: str, strength: Callable[[str], int]) -> list[Mention]:
    """The people a record names: its authors in order, then everyone in another role."""
    record_work = rg.work()
    if record_work is None:
        return []
    persons = set(rg.typed(FOAF.Person))
    roles: dict[str, list[tuple[str, int | None]]] = defaultdict(list)
    heads = rg.iris(record_work, BIBO.authorList)
    authors = rg.rdf_list(heads[0]) if heads else [a for a in rg.iris(record_work, DCTERMS.creator)]
    for position, person in enumerate(authors, start=1):
        if person in persons:
            roles[person].append(("aut", position))
    said = rg.by_subject.get(record_work, {})
    for p in sorted(said):  # relator roles first: a contributor whose role is known is no plain "ctb"
        if p.startswith(RELATOR_NS) and p[len(RELATOR_NS):] not in ("aut", "cre"):
            for o in said[p]:
                if isinstance(o, NamedNode) and o.value in persons:
                    roles[o.value].append((p[len(RELATOR_NS):], None))
    for o in said.get(DCTERMS.contributor.value, []):
        if isinstance(o, NamedNode) and o.value in persons and o.value not in roles:
            roles[o.value].append(("ctb", None))
    names = {iri: person_name(rg, iri) for iri in roles}
    repository = repository_host(rg)
    institutions = frozenset(_institution_keys(rg, rg.iris(record_work, SDO.sourceOrganization)))
    out = []
    for iri, held in sorted(roles.items()):
        name, label = names[iri]
        others = tuple(n for other, (n, _l) in sorted(names.items()) if other != iri and n is not None)
        affiliations = frozenset(_institution_keys(rg, rg.iris(iri, SDO.affiliation))) | \
            (institutions if held[0][0] == "aut" else frozenset())
        role, place = min(held, key=lambda rp: (rp[0] not in ("aut", "cre"), rp[0]))  # the same in every run
        out.append(Mention(iri=iri, graph=rg.graph, strength=strength(iri), keys=rg.keys(iri), label=label,
                           name=name, work=work, role=role, position=place, repository=repository,
                           affiliations=affiliations, coauthors=others))
    return out


def works(rg: RecordGraph, strength: Callable[[str, frozenset[str]], int]) -> list[Mention]:
    """The work a record describes, with its identity keys (DOI, landing page, ISBN ...)."""
    work = rg.work()
    if work is None:
        return []
    keys = rg.keys(work)
    title = rg.first_text(work, DCTERMS.title) or work
    return [Mention(iri=work, graph=rg.graph, strength=strength(work, keys), keys=keys, label=title)]


def journals(rg: RecordGraph, strength: Callable[[str], int]) -> list[Mention]:
    """The periodicals a record names, with their ISSNs as keys."""
    out = []
    for iri in rg.typed(SDO.Periodical):
        out.append(Mention(iri=iri, graph=rg.graph, strength=strength(iri), keys=rg.keys(iri),
                           label=rg.first_text(iri, DCTERMS.title) or iri))
    return out
