"""Person, journal and subject pages: Schema.org JSON-LD (Person, Periodical, DefinedTerm) escaped like a work's;
a person's name variants, identifiers and affiliations; a journal's title as its articles give it, and its records'
web links not presented as the journal itself."""

from __future__ import annotations

import json
import re
from typing import Any

import html5lib
from flask.testing import FlaskClient
from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad

from mappings.vocab import FOAF, LODPUB, RDF, SDO
from publisher.render import entity_jsonld
from publisher.render.graph import Index
from publisher.store import Store
from tests.helpers import BASE, path_of, rows

SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def page(client: FlaskClient, iri: str) -> tuple[Any, dict[str, Any]]:
    """A thing's HTML page, parsed, and its JSON-LD."""
    r = client.get(path_of(iri), headers={"Accept": "text/html"})
    assert r.status_code == 200, iri
    text = r.get_data(as_text=True)
    scripts = SCRIPT.findall(text)
    assert len(scripts) == 1, iri
    return html5lib.parse(text, namespaceHTMLElements=False), json.loads(scripts[0])


def facts(doc: Any) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    key = ""
    for el in doc.find(".//dl[@class='facts']"):
        if el.tag == "dt":
            key = "".join(el.itertext())
        elif el.tag == "dd":
            out.setdefault(key, []).append("".join(el.itertext()))
    return out


def test_person_pages(client: FlaskClient, loaded_store: Store) -> None:
    people = rows(loaded_store, "SELECT DISTINCT ?p WHERE { ?p a foaf:Person "
                                "FILTER NOT EXISTS { ?p lodpub:canonical ?c } } ORDER BY ?p")
    assert people
    seen_orcid = seen_variant = seen_affiliation = False
    for person in people:
        doc, data = page(client, person)
        assert data["@type"] == "Person" and data["@id"] == person
        assert data["name"] == "".join(doc.find(".//h1").itertext())
        shown = facts(doc)
        orcids = [o for o in rows(loaded_store, f"SELECT ?o WHERE {{ <{person}> owl:sameAs ?o }}") if "orcid.org/" in o]
        for orcid in orcids:
            assert {"@id": orcid} in data["sameAs"]
            assert any(i["propertyID"] == "ORCID" and orcid.endswith(i["value"]) for i in data["identifier"])
            assert orcid.rsplit("/", 1)[-1] in shown["ORCID"]
            seen_orcid = True
        credited = rows(loaded_store, "SELECT DISTINCT ?c WHERE { ?cell lodpub:creditedAs ?c ; "
                                      f"rdf:first <{person}> }}")
        name_words = sorted(re.findall(r"\w+", data["name"].casefold()))
        others = [c for c in credited if sorted(re.findall(r"\w+", c.casefold())) != name_words]
        for variant in others:
            words = sorted(re.findall(r"\w+", variant.casefold()))
            assert any(sorted(re.findall(r"\w+", v.casefold())) == words for v in data["alternateName"]), variant
            seen_variant = True
        if others:
            assert shown["Also known as"]
        affiliations = rows(loaded_store, f"SELECT ?o WHERE {{ <{person}> schema:affiliation ?o }}")
        assert sorted(a["@id"] for a in data.get("affiliation", [])) == sorted(affiliations)
        seen_affiliation |= bool(affiliations)
    assert seen_orcid and seen_variant and seen_affiliation


def test_journal_pages(client: FlaskClient, loaded_store: Store) -> None:
    journals = rows(loaded_store, "SELECT DISTINCT ?j WHERE { ?j a schema:Periodical "
                                  "FILTER NOT EXISTS { ?j lodpub:canonical ?c } } ORDER BY ?j")
    assert journals
    for journal in journals:
        doc, data = page(client, journal)
        title = "".join(doc.find(".//h1").itertext())
        assert data["@type"] == "Periodical" and data["name"] == title
        issns = rows(loaded_store, f"SELECT DISTINCT ?i WHERE {{ <{journal}> bibo:issn|bibo:eissn ?i }}")
        assert sorted([data["issn"]] if isinstance(data.get("issn"), str) else data.get("issn", [])) == sorted(issns)
        web = rows(loaded_store, f"SELECT ?u WHERE {{ <{journal}> schema:url|rdfs:seeAlso ?u }}")
        assert "sameAs" not in data and not any(u in json.dumps(data) for u in web)
        assert "Web site" not in facts(doc) and "Same as" not in facts(doc)
        articles = rows(loaded_store, "SELECT DISTINCT ?w WHERE { ?w dcterms:type ?t ; "
                                      f"dcterms:isPartOf+ <{journal}> }}")
        for work in articles:  # the journal's title is the one its articles' pages give
            r = client.get(path_of(work), headers={"Accept": "text/html"})
            work_doc = html5lib.parse(r.get_data(as_text=True), namespaceHTMLElements=False)
            host = work_doc.find(".//dd[@class='host']/a[@class='journal']")
            assert host is not None and host.get("href") == path_of(journal) and "".join(host.itertext()) == title


def test_subject_pages(client: FlaskClient, loaded_store: Store) -> None:
    concepts = rows(loaded_store, "SELECT DISTINCT ?c WHERE { ?c a skos:Concept ; skos:inScheme ?s } "
                                  "ORDER BY ?c LIMIT 20")
    assert concepts
    for concept in concepts:
        doc, data = page(client, concept)
        assert data["@type"] == "DefinedTerm" and data["name"] == "".join(doc.find(".//h1").itertext())
        schemes = rows(loaded_store, f"SELECT ?s WHERE {{ <{concept}> skos:inScheme ?s }}")
        assert sorted(s["@id"] for s in data["inDefinedTermSet"]) == sorted(schemes)
        assert all(s["@type"] == "DefinedTermSet" and s["name"] for s in data["inDefinedTermSet"])


def test_entity_json_ld_cannot_end_its_script() -> None:
    person, cell = NamedNode(BASE + "id/person/x"), NamedNode(BASE + "id/work/y#authors-1")
    hostile = "</script><script>alert(1)</script><!-- & '"
    triples: list[tuple[NamedNode, NamedNode, NamedNode | Literal]] = [
        (person, FOAF.name, Literal(hostile)), (person, RDF.type, FOAF.Person),
        (person, SDO.alternateName, Literal("<!--x-->")), (cell, RDF.first, person),
        (cell, LODPUB.creditedAs, Literal("</SCRIPT >"))]
    g = Index(Quad(s, p, o, DefaultGraph()) for s, p, o in triples)
    made = str(entity_jsonld.script(entity_jsonld.person_jsonld(g, person.value, BASE)))
    body = made.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert "<" not in body and ">" not in body and "&" not in body and "'" not in body
    assert json.loads(body)["name"] == hostile
    assert json.loads(body)["alternateName"] == ["<!--x-->", "</SCRIPT >"]
