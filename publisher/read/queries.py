"""Every SPARQL text lodpub sends, but the endpoint's own (publisher/sparql/): what the counts, the pages and the
search ask, and the requests the store backends build for quad patterns, paging and record graphs.

Values enter a text only as terms pyoxigraph writes (escaped) or as IRIs lodpub minted. A leaf module (it imports
no store), so the store backends take their texts from here too. A limit on what a page reads is set here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from pyoxigraph import Literal, NamedNode

from mappings.vocab import LODPUB, PREFIXES, RDF
from publisher.store.interface import CHANGES_GRAPH, HARVEST_GRAPH, PENDING_GRAPH, PUBLISHED_GRAPH

PROLOGUE = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())
Change = tuple[str, bool, list[str], list[str]]  # graph, drop it first, triples to delete, to insert


def _iris(iris: Iterable[str]) -> str:
    return " ".join(str(NamedNode(i)) for i in iris)


# -- the dataset (read.stats) ------------------------------------------------------------------------------
def count(where: str, variable: str = "?x") -> str:
    """How many distinct values ``variable`` takes in a pattern (prefixes declared)."""
    return PROLOGUE + f"SELECT (COUNT(DISTINCT {variable}) AS ?n) WHERE {{ {where} }}"


WORKS_BY_TYPE = PROLOGUE + ("SELECT ?type (COUNT(DISTINCT ?w) AS ?n) WHERE { ?w dcterms:type ?t ; a ?type . "
                            "FILTER(STRSTARTS(STR(?type), STR(schema:))) } GROUP BY ?type ORDER BY DESC(?n)")
LAST_MODIFIED_WORK = PROLOGUE + "SELECT (MAX(?m) AS ?max) WHERE { ?w dcterms:type ?t ; dcterms:modified ?m }"
EXAMPLE_WORK = PROLOGUE + "SELECT ?w WHERE { ?w dcterms:type ?t } ORDER BY ?w LIMIT 1"
LAST_MAPPED = PROLOGUE + "SELECT (MAX(?t) AS ?last) WHERE { GRAPH ?g { ?a prov:endedAtTime ?t } }"
PEOPLE_WITH_NAMES = PROLOGUE + ("SELECT ?p ?family ?given ?title WHERE { ?p a foaf:Person ; foaf:familyName ?family ; "
                                "foaf:givenName ?given . OPTIONAL { ?w dcterms:creator ?p ; dcterms:title ?title } }")
WORKS_WITH_TITLE_YEAR_AUTHOR = PROLOGUE + (
    "SELECT ?w ?title ?issued ?family WHERE { ?w dcterms:type ?t ; dcterms:title ?title . "
    "OPTIONAL { ?w dcterms:issued ?issued } "
    "OPTIONAL { ?w bibo:authorList ?list . ?list rdf:first ?a . ?a foaf:familyName ?family } }")
CLEAR_DEFAULT = "CLEAR DEFAULT"
RECORDS = PROLOGUE + "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?g a lodpub:SourceRecord } }"
WORK_PAGES = PROLOGUE + ("SELECT ?w (MAX(STR(?m)) AS ?modified) WHERE { ?w dcterms:type ?t . "
                         "OPTIONAL { ?w dcterms:modified ?m } } GROUP BY ?w ORDER BY ?w")
NOT_SYSTEM = (f"FILTER(?g NOT IN ({NamedNode(PUBLISHED_GRAPH)}, {NamedNode(PENDING_GRAPH)}, "
              f"{NamedNode(CHANGES_GRAPH)}, {NamedNode(HARVEST_GRAPH)}))")  # record graphs only
COUNT_QUADS = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } " + NOT_SYSTEM + " }"
COUNT_PUBLISHED = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"

# -- the store's base (read.store_base) and moving it (store backends) --------------------------------------------
FIRST_RECORD_GRAPH = PROLOGUE + "SELECT ?g WHERE { GRAPH ?g { ?g a lodpub:SourceRecord } } LIMIT 1"
RECORD_BASES = PROLOGUE + ("SELECT DISTINCT ?base WHERE { GRAPH ?g { ?g a lodpub:SourceRecord } "
                           "BIND(REPLACE(STR(?g), \"graph/[^/]*$\", \"\") AS ?base) } LIMIT 10")


def rebase(old: str, new: str, *, default_graph: bool) -> str:
    """One SPARQL Update moving every IRI under ``old`` to ``new`` (subjects, predicates, objects, graph names) in
    every named graph, and in the default graph when ``default_graph`` (engines whose default graph is a union
    of the named ones must not be given that part)."""
    o, n = Literal(old), Literal(new)

    def under(v: str) -> str:
        return f"(isIRI({v}) && STRSTARTS(STR({v}), {o}))"

    def moved(v: str) -> str:
        return f"BIND(IF({under('?' + v)}, IRI(CONCAT({n}, STRAFTER(STR(?{v}), {o}))), ?{v}) AS ?{v}2)"

    binds = " ".join(moved(v) for v in "spo")
    touched = " || ".join(under(f"?{v}") for v in "spo")
    named = (f"DELETE {{ GRAPH ?g {{ ?s ?p ?o }} }} INSERT {{ GRAPH ?g2 {{ ?s2 ?p2 ?o2 }} }} WHERE {{ "
             f"GRAPH ?g {{ ?s ?p ?o }} FILTER({under('?g')} || {touched}) {binds} {moved('g')} }}")
    if not default_graph:
        return named
    return named + (f" ;\nDELETE {{ ?s ?p ?o }} INSERT {{ ?s2 ?p2 ?o2 }} WHERE {{ ?s ?p ?o FILTER({touched}) "
                    f"{binds} }}")


def recent_works(limit: int) -> str:
    """The most recently modified works, with a title and the issue date."""
    return PROLOGUE + (
        "SELECT ?w (SAMPLE(?t) AS ?title) (SAMPLE(STR(?d)) AS ?issued) (MAX(STR(?m)) AS ?mod) WHERE { "
        "?w dcterms:type ?type ; dcterms:title ?t . OPTIONAL { ?w dcterms:issued ?d } "
        f"OPTIONAL {{ ?w dcterms:modified ?m }} }} GROUP BY ?w ORDER BY DESC(?mod) ?w LIMIT {int(limit)}")


# -- search (read.search) ----------------------------------------------------------------------------------
def search(words: Sequence[str], limit: int) -> str:
    """Works whose titles and creators' names, together, contain every word (case-insensitive).

    The words enter the query only as literals written by pyoxigraph (escaped) in a VALUES block; one
    pass over the works (one subquery per word made Virtuoso refuse queries of many words).
    """
    variables = [f"?q{i}" for i in range(len(words))]
    values = f"VALUES ({' '.join(variables)}) {{ ({' '.join(str(Literal(w)) for w in words)}) }}"
    tests = " && ".join(f"CONTAINS(?hay, {v})" for v in variables)
    return PROLOGUE + (
        "SELECT ?w (SAMPLE(?t) AS ?title) (SAMPLE(STR(?d)) AS ?issued) "
        "(GROUP_CONCAT(DISTINCT ?name; separator=\"; \") AS ?authors) WHERE {\n"
        "{ SELECT ?w (LCASE(GROUP_CONCAT(DISTINCT STR(?text); separator=\"\\n\")) AS ?hay) WHERE {\n"
        "  ?w dcterms:type ?type .\n"
        "  { ?w dcterms:title ?text } UNION { ?w dcterms:creator|dcterms:contributor ?p . ?p foaf:name ?text }\n"
        "} GROUP BY ?w }\n"
        f"{values}\nFILTER({tests})\n"
        "?w dcterms:title ?t .\n"
        "OPTIONAL { ?w dcterms:issued ?d } OPTIONAL { ?w dcterms:creator ?c . ?c foaf:name ?name }\n"
        f"}} GROUP BY ?w ORDER BY LCASE(SAMPLE(STR(?t))) ?w LIMIT {int(limit)}")


# -- documents (read.document) -----------------------------------------------------------------------------
def owned_nodes(iri: str) -> str:
    """The quads of a resource's own ``#`` nodes and the list cells after them, as ?s ?p ?o ?g (the path starts
    from a triple pattern, not VALUES: Virtuoso ignores a VALUES-bound start of a path)."""
    return (f"SELECT DISTINCT ?s ?p ?o ?g WHERE {{ {NamedNode(iri)} ?p0 ?h . "
            f"FILTER(isIRI(?h) && STRSTARTS(STR(?h), {Literal(iri + '#')})) ?h {RDF.rest}* ?s . "
            f"GRAPH ?g {{ ?s ?p ?o }} {NOT_SYSTEM} }}")


# -- quad patterns on any engine (store.base, store.remote) ------------------------------------------------
def quads_about(subjects: Iterable[str], predicates: Sequence[NamedNode] = (),
                graphs: Sequence[str] | None = None, *, system: bool = False) -> str:
    """Quads ?s ?p ?o ?g whose subject is one of ``subjects`` (only these predicates / graphs if given)."""
    only = f"FILTER(?p IN ({', '.join(str(p) for p in predicates)}))" if predicates else ""
    within = f"VALUES ?g {{ {_iris(graphs)} }}" if graphs else ""
    return (f"SELECT ?s ?p ?o ?g WHERE {{ VALUES ?s {{ {_iris(subjects)} }} {within} GRAPH ?g {{ ?s ?p ?o }} {only} "
            f"{'' if system else NOT_SYSTEM} }}")


def quads_linking_to(objects: Iterable[str], limit: int, graph: str | None = None) -> str:
    """At most ``limit`` quads ?s ?p ?o ?g whose object is one of ``objects`` (list cells left out)."""
    within = f"VALUES ?g {{ {NamedNode(graph)} }}" if graph else ""
    return (f"SELECT ?s ?p ?o ?g WHERE {{ VALUES ?o {{ {_iris(objects)} }} {within} GRAPH ?g {{ ?s ?p ?o }} "
            f"FILTER(?p != {RDF.first}) {'' if graph else NOT_SYSTEM} }} LIMIT {int(limit)}")


def quad_pattern(subject: str | None, predicate: str | None, obj: str | None,
                 graph: str | None) -> tuple[str, list[str]]:
    """A quad pattern (terms in N-Triples form; None is a variable ?s ?p ?o ?g) as a SELECT of its free variables,
    or an ASK when none is free; and the free variables."""
    terms = {"s": subject, "p": predicate, "o": obj, "g": graph}
    free = [f"?{k}" for k, v in terms.items() if v is None]
    s, p, o, g = (v or f"?{k}" for k, v in terms.items())
    where = f"WHERE {{ GRAPH {g} {{ {s} {p} {o} }} {NOT_SYSTEM if graph is None else ''} }}"
    return (f"SELECT {' '.join(free)} {where}" if free else f"ASK {where}"), free


# the isIRI FILTER keeps Virtuoso off its graph-list shortcut, which ignores graph-level security
NAMED_GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER(isIRI(?g)) " + NOT_SYSTEM + " }"
ANY_QUAD = "ASK { GRAPH ?g { ?s ?p ?o } " + NOT_SYSTEM + " }"
ENGINE_PROBE = "ASK {}"
VIRTUOSO_DESCRIBE = 'define sql:describe-mode "CBD" '  # Virtuoso 7 describes nothing otherwise


def has_graph(graph: str) -> str:
    """Whether a named graph holds a triple."""
    return f"ASK {{ GRAPH {NamedNode(graph)} {{ ?s ?p ?o }} }}"


def values_clause(graphs: Sequence[str]) -> str:
    """``VALUES ?g { ... }`` over some graph IRIs."""
    return "VALUES ?g { " + _iris(graphs) + " }"


def graph_values(graphs: Sequence[str], predicate: str) -> str:
    """Rows ?g ?v: the value of ``predicate`` on each graph's own IRI inside it."""
    return f"SELECT ?g ?v WHERE {{ {values_clause(graphs)} GRAPH ?g {{ ?g {NamedNode(predicate)} ?v }} }}"


def existing_graphs(graphs: Sequence[str]) -> str:
    """Rows ?g: those of ``graphs`` that hold a triple."""
    return f"SELECT DISTINCT ?g WHERE {{ {values_clause(graphs)} GRAPH ?g {{ ?s ?p ?o }} }}"


def graph_rows(graphs: Sequence[str]) -> str:
    """Rows ?g ?s ?p ?o of some whole graphs (a UNION of GRAPH blocks: on Virtuoso a third faster than VALUES)."""
    union = " UNION ".join(f"{{ GRAPH {NamedNode(g)} {{ ?s ?p ?o }} BIND({NamedNode(g)} AS ?g) }}" for g in graphs)
    return f"SELECT ?g ?s ?p ?o WHERE {{ {union} }}"


def first_page(select: str, size: int) -> str:
    """A SELECT without solution modifiers, cut at ``size`` rows."""
    return f"{select} LIMIT {int(size)}"


def ordered_page(select: str, order: str, size: int, offset: int) -> str:
    """One page of a SELECT in ``order`` (a subquery: Virtuoso refuses ORDER BY with a large OFFSET directly)."""
    return f"SELECT * WHERE {{ {{ {select} ORDER BY {order} }} }} LIMIT {int(size)} OFFSET {int(offset)}"


# -- writes (store backends) -------------------------------------------------------------------------------
def replace_graphs(payloads: Sequence[tuple[str, bytes]]) -> str:
    """One update that drops each graph and inserts its new N-Triples (one transaction on Oxigraph)."""
    parts = [f"DROP SILENT GRAPH {NamedNode(graph)}" for graph, _ in payloads]
    body = b"".join(b"GRAPH <" + graph.encode() + b"> {\n" + ntriples + b"}\n" for graph, ntriples in payloads)
    parts.append("INSERT DATA {\n" + body.decode("utf-8") + "}")
    return " ;\n".join(parts)


def drop_graphs(graphs: Iterable[str], *, silent: bool = False) -> str:
    """One update dropping whole graphs."""
    keyword = "DROP SILENT GRAPH" if silent else "DROP GRAPH"
    return " ;\n".join(f"{keyword} {NamedNode(g)}" for g in graphs)


def change_published(remove: Sequence[str], add: Sequence[str], settled: Sequence[str],
                     graph: str | None = None) -> str:
    """One update changing the published view (N-Triples lines; in the default graph, or in ``graph`` on an engine
    without one) and clearing the pending marks of the ``settled`` record graphs."""
    def block(lines: Sequence[str]) -> str:
        body = "\n".join(lines)
        return f"GRAPH {NamedNode(graph)} {{\n{body}\n}}" if graph else body
    parts = []
    if remove:
        parts.append("DELETE DATA {\n" + block(remove) + "\n}")
    if add:
        parts.append("INSERT DATA {\n" + block(add) + "\n}")
    if settled:
        marks = "\n".join(f"{NamedNode(g)} {LODPUB.pending} true ." for g in settled)
        parts.append(f"DELETE DATA {{ GRAPH {NamedNode(PENDING_GRAPH)} {{\n{marks}\n}} }}")
    return " ;\n".join(parts)


def mark_pending(graphs: Sequence[str]) -> str:
    """One update noting record graphs whose published view is yet to be refreshed."""
    marks = "\n".join(f"{NamedNode(g)} {LODPUB.pending} true ." for g in graphs)
    return f"INSERT DATA {{ GRAPH {NamedNode(PENDING_GRAPH)} {{\n{marks}\n}} }}"


PENDING = f"SELECT ?g WHERE {{ GRAPH {NamedNode(PENDING_GRAPH)} {{ ?g {LODPUB.pending} ?x }} }}"


def published_pattern(subject: str | None, predicate: str | None, obj: str | None) -> tuple[str, list[str]]:
    """A triple pattern of the published view on an engine that keeps it in a named graph (see quad_pattern)."""
    return quad_pattern(subject, predicate, obj, str(NamedNode(PUBLISHED_GRAPH)))


def changes(group: Sequence[Change]) -> str:
    """One update: drops, then DELETE DATA, then INSERT DATA, graph by graph (N-Triples lines)."""
    parts = [f"DROP SILENT GRAPH {NamedNode(graph)}" for graph, drop, _, _ in group if drop]
    deletes, inserts = [(c[0], c[2]) for c in group], [(c[0], c[3]) for c in group]
    for keyword, lines in (("DELETE DATA", deletes), ("INSERT DATA", inserts)):
        blocks = [f"GRAPH {NamedNode(graph)} {{\n" + "\n".join(body) + "\n}" for graph, body in lines if body]
        if blocks:
            text = "\n".join(blocks)
            blank = "_:" in text and keyword == "INSERT DATA"  # Virtuoso 7 refuses blank nodes in INSERT DATA
            parts.append(("INSERT {\n" + text + "\n} WHERE {}") if blank else keyword + " {\n" + text + "\n}")
    return " ;\n".join(parts)
