"""Schema.org JSON-LD for works: valid schema.org terms only, the DataCite-like shape, network-free expansion."""

from __future__ import annotations

import json
from typing import Any

import pytest
import rdflib.namespace
from hypothesis import given
from hypothesis import strategies as st
from pyld import jsonld
from rdflib import Graph, URIRef

from publisher.read.workview import WorkView
from publisher.render.citations.schemaorg import (
    CONTEXT_PATH,
    Json,
    context_url,
    jsonld_script,
    script_json,
    shipped_context,
    work_jsonld,
)
from tests.fixtures.citations.seeds import BASE, all_works, no_network_loader, sample_store, seeds

IRI_VALUED = {"license", "sameAs", "url", "contentUrl", "mainEntityOfPage"}
NOT_SCHEMA_ORG = {"periodical", "Journal"}  # DataCite's shape, not schema.org


def terms(node: Any, types: set[str], props: set[str], parent_type: str = "") -> None:
    """Collect every @type and property name used in a JSON-LD tree."""
    if isinstance(node, list):
        for item in node:
            terms(item, types, props, parent_type)
    elif isinstance(node, dict):
        node_type = node.get("@type", parent_type)
        for t in node_type if isinstance(node_type, list) else [node_type]:
            if t:
                types.add(t)
        for key, value in node.items():
            if not key.startswith("@"):
                props.add(key)
                terms(value, types, props)


def in_schema_org(term: str) -> bool:
    """Whether rdflib's SDO namespace (the schema.org vocabulary, offline) defines a term."""
    sdo = rdflib.namespace.SDO  # not a module global: pytest would probe its attributes
    return URIRef(str(sdo) + term) in sdo


@pytest.fixture(scope="module")
def works() -> list[WorkView]:
    return all_works(sample_store())


@pytest.fixture(scope="module")
def seed() -> dict[str, Json]:
    return {name: work_jsonld(view, BASE) for name, view in seeds(sample_store()).items()}


def test_every_type_and_property_exists_in_schema_org(works: list[WorkView]) -> None:
    assert len(works) >= 10
    for view in works:
        types: set[str] = set()
        props: set[str] = set()
        terms(work_jsonld(view, BASE), types, props)
        unknown = sorted(t for t in types | props if not in_schema_org(t))
        assert not unknown, (view.iri, unknown)
        assert not (types | props) & NOT_SCHEMA_ORG


def test_the_shipped_context_defines_every_term_used(works: list[WorkView]) -> None:
    context = shipped_context()["@context"]
    assert context["@vocab"] == "http://schema.org/"
    for view in works:
        types: set[str] = set()
        props: set[str] = set()
        terms(work_jsonld(view, BASE), types, props)
        assert not sorted(t for t in types | props if t not in context), view.iri


def test_the_vocabulary_check_can_fail() -> None:
    assert in_schema_org("ScholarlyArticle") and in_schema_org("inSupportOf")
    assert not in_schema_org("periodical") and not in_schema_org("Journal") and not in_schema_org("notATerm")


def test_iris_are_written_as_id_objects(works: list[WorkView]) -> None:
    def check(node: Any) -> None:
        if isinstance(node, list):
            for item in node:
                check(item)
        elif isinstance(node, dict):
            for key, value in node.items():
                if key in IRI_VALUED:
                    for v in value if isinstance(value, list) else [value]:
                        assert isinstance(v, dict) and set(v) == {"@id"}, (key, v)
                check(value)

    for view in works:
        check(work_jsonld(view, BASE))


def test_article_has_the_doi_as_id_and_the_issue_volume_periodical_chain(seed: dict[str, Json]) -> None:
    doc = seed["article"]
    assert doc["@context"] == BASE + CONTEXT_PATH == context_url(BASE)
    assert doc["@id"] == "https://doi.org/10.1108/mhrj-06-2017-0021"
    assert doc["@type"] == "ScholarlyArticle"
    assert doc["name"] == "‘It is a safe space’: self-harm self-help groups"
    assert [(a["@type"], a["familyName"], a["givenName"]) for a in doc["author"]] == [
        ("Person", "Boyce", "Melanie"), ("Person", "Munn-Giddings", "Carol"), ("Person", "Secker", "Jenny")]
    issue = doc["isPartOf"]
    assert (issue["@type"], issue["issueNumber"]) == ("PublicationIssue", "1")
    volume = issue["isPartOf"]
    assert (volume["@type"], volume["volumeNumber"]) == ("PublicationVolume", "23")
    journal = volume["isPartOf"]
    assert journal["@type"] == "Periodical" and "1361-9322" in journal["issn"]
    assert (doc["pageStart"], doc["pageEnd"], doc["datePublished"]) == ("54", "63", "2018-03-12")
    assert doc["identifier"]["propertyID"] == "doi" and doc["identifier"]["value"] == "10.1108/MHRJ-06-2017-0021"
    our_uri = {"@id": seeds(sample_store())["article"].iri}
    assert our_uri in doc["sameAs"]


def test_thesis_shape(seed: dict[str, Json]) -> None:
    doc = seed["thesis"]
    view = seeds(sample_store())["thesis"]
    assert doc["@type"] == "Thesis" and doc["@id"] == view.iri  # no DOI: our URI
    assert doc["url"] == {"@id": "https://arro.anglia.ac.uk/id/eprint/700655"}
    assert doc["mainEntityOfPage"] == {"@id": view.iri.replace("/id/", "/doc/")}
    assert doc["inSupportOf"] == "Doctoral degree"
    for key in ("sourceOrganization", "publisher"):
        assert doc[key]["@type"] == "CollegeOrUniversity" and doc[key]["name"] == "Anglia Ruskin University"
    assert doc["license"] == {"@id": view.licence.iri}  # type: ignore[union-attr]
    assert "educationalCredentialAwarded" not in doc
    assert "Self-harm" in doc["keywords"] and doc["author"][0]["familyName"] == "Boyce"


def test_pyld_expands_it_without_network_access(seed: dict[str, Json]) -> None:
    loader = no_network_loader({BASE + CONTEXT_PATH: shipped_context()})
    expanded = jsonld.expand(seed["article"], {"documentLoader": loader})
    assert expanded[0]["@id"] == "https://doi.org/10.1108/mhrj-06-2017-0021"
    assert expanded[0]["http://schema.org/name"][0]["@value"].startswith("‘It is a safe space’")
    with pytest.raises(jsonld.JsonLdError):  # the loader really refuses other URLs
        jsonld.expand({**seed["article"], "@context": "https://schema.org/"}, {"documentLoader": loader})


def test_inline_and_referenced_contexts_give_the_same_graph(seed: dict[str, Json]) -> None:
    loader = no_network_loader({BASE + CONTEXT_PATH: shipped_context()})
    view = seeds(sample_store())["thesis"]
    referenced = to_graph(work_jsonld(view, BASE), loader)
    inline = to_graph(work_jsonld(view, BASE, inline_context=True), loader)
    assert len(referenced) > 20 and referenced.isomorphic(inline)


def to_graph(doc: dict[str, Any], loader: Any = None) -> Graph:
    """The RDF a JSON-LD document states (pyld, then rdflib)."""
    nquads = jsonld.to_rdf(doc, {"format": "application/n-quads", "documentLoader": loader or no_network_loader({})})
    return Graph().parse(data=nquads, format="nt")


def test_script_element_escapes_what_could_end_it(seed: dict[str, Json]) -> None:
    view = seeds(sample_store())["article"]
    script = str(jsonld_script(view, BASE))
    assert script.startswith('<script type="application/ld+json">') and script.endswith("</script>")
    body = script[len('<script type="application/ld+json">'):-len("</script>")]
    assert not set("<>&'") & set(body)
    assert json.loads(body)["name"] == view.title


@given(st.text())
def test_script_json_never_holds_markup_characters_and_round_trips(text: str) -> None:
    out = script_json({"t": text, text: [text]})
    assert not set("<>&'") & set(out)
    assert json.loads(out) == {"t": text, text: [text]}
