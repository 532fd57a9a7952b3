"""The published view (docs/identity.md): one description per thing, whatever the number of source records.

Checked on the bundled samples, where the seed article has five records (catalogue display, Crossref, MARC,
EPrints/OAI-PMH ...) and the seed thesis six: one title, author list, abstract and date per work; no SPARQL
answer with a duplicate row; every RDF format of a URI the same graph, about that URI; an incremental ingest,
in any order, gives the view a single ingest gives; deleting a record and curators' overrides recompute it.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from pyoxigraph import DefaultGraph, Quad
from rdflib import Graph
from rdflib.compare import isomorphic

from mappings.uris import Minter
from publisher.ingest.delete import delete_records, find_graphs
from publisher.ingest.pipeline import ingest
from publisher.published.overrides import load_overrides
from publisher.sparql.examples import EXAMPLES, PROLOGUE
from publisher.store import Store, open_store, term_value
from tests.helpers import BASE, REPO, SAMPLES, path_of, person_named, rows

SINGLE_VALUED = ["dcterms:title", "schema:name", "bibo:authorList", "dcterms:abstract", "dcterms:issued",
                 "dcterms:publisher", "dcterms:type"]
RDF_FORMATS = {"turtle": ("text/turtle", "turtle"), "jsonld": ("application/ld+json", "json-ld"),
               "rdfxml": ("application/rdf+xml", "xml"), "nt": ("application/n-triples", "nt")}


@pytest.mark.parametrize("prop", SINGLE_VALUED)
def test_no_work_has_two_values_of_a_single_valued_field(loaded_store: Store, prop: str) -> None:
    found = rows(loaded_store, f"SELECT ?w WHERE {{ ?w dcterms:type ?t ; {prop} ?v }} GROUP BY ?w "
                               "HAVING (COUNT(?v) > 1)")
    assert not found, (prop, found)


def test_the_seeds_are_one_work_each_and_one_person(loaded_store: Store) -> None:
    article = Minter(BASE).work_for_doi("10.1108/MHRJ-06-2017-0021")
    sources = rows(loaded_store, f"SELECT ?g WHERE {{ <{article}> prov:wasDerivedFrom ?g }}")
    assert len(sources) >= 4  # the catalogue display, Crossref, MARC, the repository's OAI-PMH record
    theses = rows(loaded_store, 'SELECT ?w WHERE { ?w a bibo:Thesis ; dcterms:title ?t '
                                'FILTER(CONTAINS(?t, "safe space")) }')
    assert len(theses) == 1
    assert len(rows(loaded_store, f"SELECT ?g WHERE {{ <{theses[0]}> prov:wasDerivedFrom ?g }}")) >= 4
    boyce = person_named(loaded_store, "Boyce")  # the thesis's and the article's author: one person
    assert set(rows(loaded_store, f"SELECT ?w WHERE {{ ?w dcterms:creator <{boyce}> }}")) == {article, theses[0]}
    rules = rows(loaded_store, f"SELECT ?r WHERE {{ <{boyce}> lodpub:identityEvidence/lodpub:rule ?r }}")
    assert "same-work" in rules and "shared-institution" in rules
    # a chapter in a catalogue (with its DOI) and in a repository (without): one book (ISBN), first page and title
    chapters = rows(loaded_store, 'SELECT ?w WHERE { ?w a bibo:Chapter ; dcterms:title ?t '
                                  'FILTER(CONTAINS(LCASE(?t), "l2 motivational self system")) }')
    assert len(chapters) == 1


def test_a_query_without_distinct_answers_no_row_twice(loaded_store: Store) -> None:
    readme = (REPO / "README.md").read_text()
    queries = [q for _label, q in EXAMPLES if q.lstrip().upper().startswith("SELECT")]
    queries += re.findall(r"query=(SELECT [^']+)'", readme)
    queries += ["SELECT ?s ?p ?o WHERE { ?s ?p ?o }", "SELECT ?w ?t WHERE { ?w <http://purl.org/dc/terms/title> ?t }"]
    assert len(queries) >= 6
    for query in queries:
        if "DISTINCT" in query.upper():
            continue
        answer = [tuple(sorted((k, term_value(v)) for k, v in row.items())) for row in
                  loaded_store.select(PROLOGUE + "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n"
                                      + query)]
        assert len(answer) == len(set(answer)), query


def test_count_star_is_the_number_of_distinct_triples(loaded_store: Store) -> None:
    total = int(rows(loaded_store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[0])
    distinct = int(rows(loaded_store, "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o "
                                      "WHERE { ?s ?p ?o } }")[0])
    assert total == distinct == loaded_store.count_published()


def test_every_rdf_format_of_a_uri_is_one_graph_about_it(client: FlaskClient, loaded_store: Store) -> None:
    things = rows(loaded_store, f'SELECT DISTINCT ?s WHERE {{ ?s ?p ?o FILTER(STRSTARTS(STR(?s), "{BASE}id/") '
                                '&& !CONTAINS(STR(?s), "#")) FILTER NOT EXISTS { ?s lodpub:canonical ?c } }')
    assert len(things) > 100
    for iri in things:
        graphs = {}
        for key, (media_type, syntax) in RDF_FORMATS.items():
            r = client.get(path_of(iri), headers={"Accept": media_type})
            assert r.status_code == 200, (iri, key)
            graphs[key] = Graph().parse(data=r.data, format=syntax)
            assert any(str(s) == iri for s in graphs[key].subjects()), (iri, key)  # about that URI
        for key in ("jsonld", "rdfxml", "nt"):
            assert isomorphic(graphs["turtle"], graphs[key]), (iri, key)


def test_a_person_page_lists_each_work_once(client: FlaskClient, loaded_store: Store) -> None:
    for person in rows(loaded_store, "SELECT DISTINCT ?p WHERE { ?p a foaf:Person . ?w dcterms:creator ?p }"):
        page = client.get(path_of(person)).get_data(as_text=True)
        listed = re.findall(r'<ol class="works">(.*?)</ol>', page, re.S)
        links = re.findall(r'href="(/doc/work/[^"]+)"', "".join(listed))
        assert links and len(links) == len(set(links)), person


def test_a_person_page_states_each_piece_of_identity_evidence_once(client: FlaskClient, loaded_store: Store) -> None:
    boyce = person_named(loaded_store, "Boyce")
    page = client.get(path_of(boyce)).get_data(as_text=True)
    section = re.findall(r'<section class="identity">(.*?)</section>', page, re.S)
    lines = re.findall(r"<li>(.*?)</li>", section[0], re.S)
    assert lines and len(lines) == len(set(lines))
    assert any("Same work" in line for line in lines) and BASE not in section[0]  # no base in evidence text


def test_merged_away_uris_redirect_to_the_one_published(client: FlaskClient, loaded_store: Store) -> None:
    merged = rows(loaded_store, "SELECT ?local WHERE { ?local lodpub:canonical ?c }")
    assert merged
    for local in merged[:20]:
        canon = rows(loaded_store, f"SELECT ?c WHERE {{ <{local}> lodpub:canonical ?c }}")[0]
        r = client.get(path_of(local, "id"))
        assert r.status_code == 303 and r.headers["Location"] == path_of(canon)
        assert client.get(path_of(local)).status_code == 301


def _view(store: Store) -> set[Quad]:
    return {q for q in store.inner.quads_for_pattern(None, None, None, DefaultGraph())  # type: ignore[attr-defined]
            if "modified" not in q.predicate.value}  # dcterms:modified falls back on the ingest's time


def test_ingest_in_any_order_and_batch_gives_the_same_view(tmp_path: Path) -> None:
    files = sorted(str(p) for p in SAMPLES.rglob("*") if p.is_file())
    whole = open_store("memory:")
    ingest(files, whole, Minter(BASE))
    expected = _view(whole)
    for seed in range(3):
        random.Random(seed).shuffle(files)
        store = open_store("memory:")
        ingest(files[:3], store, Minter(BASE))  # a first load (bulk), then batches of one
        ingest(files[3:], store, Minter(BASE), batch_size=1)
        assert _view(store) == expected, seed


def test_deleting_a_record_recomputes_what_it_touched(tmp_path: Path) -> None:
    store = open_store("memory:")
    ingest([str(SAMPLES)], store, Minter(BASE))
    article = Minter(BASE).work_for_doi("10.1108/MHRJ-06-2017-0021")
    records = rows(store, f"SELECT ?g WHERE {{ <{article}> prov:wasDerivedFrom ?g }}")
    crossref = [g for g in records if rows(store, f"SELECT ?f WHERE {{ GRAPH <{g}> {{ <{g}> lodpub:inputFormat "
                                                  "?f } }") == ["crossref"]]
    delete_records(store, Minter(BASE), crossref)
    after = rows(store, f"SELECT ?g WHERE {{ <{article}> prov:wasDerivedFrom ?g }}")
    assert set(after) == set(records) - set(crossref)
    assert len(rows(store, f"SELECT ?t WHERE {{ <{article}> dcterms:title ?t }}")) == 1
    for g in records:
        delete_records(store, Minter(BASE), find_graphs(store, g, Minter(BASE)))
    assert not rows(store, f"SELECT ?p WHERE {{ <{article}> ?p ?o }}")


def test_curator_overrides_are_applied_at_ingest(tmp_path: Path) -> None:
    store = open_store("memory:")
    ingest([str(SAMPLES)], store, Minter(BASE))
    boyce = person_named(store, "Boyce")
    members = rows(store, f"SELECT ?m WHERE {{ ?m lodpub:canonical <{boyce}> }}")
    assert members
    overrides = tmp_path / "curation.ttl"
    overrides.write_text(f"<{boyce}> <http://www.w3.org/2002/07/owl#differentFrom> <{members[0]}> .\n"
                         f"<{boyce}> <http://www.w3.org/2004/02/skos/core#prefLabel> \"Melanie J. Boyce\" .\n")
    fresh = open_store("memory:")
    ingest([str(SAMPLES)], fresh, Minter(BASE), overrides=load_overrides(overrides))
    assert rows(fresh, f"SELECT ?c WHERE {{ <{members[0]}> lodpub:canonical ?c }}") != [boyce]
    assert rows(fresh, f"SELECT ?n WHERE {{ <{boyce}> foaf:name ?n }}") == ["Melanie J. Boyce"]
