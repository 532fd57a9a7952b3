"""The safety check's fast look (publisher/sparql/skim.py): the words service/load/from in string literals and
comments no longer cost the slow parse, and every text where its reading and Oxigraph's could differ still gets
it (issue 18, item 10)."""

from __future__ import annotations

import time

import pytest

from publisher.sparql.safety import QUERY_NEEDLES, Refused, check_query
from publisher.sparql.skim import in_code

ATTACKS = [  # SERVICE hidden from a reader that takes '<' for an IRI's start where Oxigraph reads less-than
    "SELECT * WHERE { ?a ?b ?c FILTER(?a <'b> ) ') SERVICE <http://e/> { ?s ?p ?o } FILTER(?c != ' ') }",
    "PREFIX : <http://x/> SELECT * { FILTER(1<2)SERVICE:x#>\n { ?s ?p ?o } }",
    "SELECT * { ?s ?p ex:a\\' SERVICE <http://e/> {} ex:b\\' }",  # a prefixed name's escaped quote
    "SELECT * { ?s ?p \"x\\u0022 SERVICE <http://e/> {} \" }",
    "SELECT * { ?s ?p 'unterminated SERVICE <http://e/> {} }",
]


@pytest.mark.parametrize("text", [
    'SELECT ?t WHERE { ?w <http://purl.org/dc/terms/title> ?t FILTER(CONTAINS(?t, "from")) }',
    "SELECT * { ?s ?p ?o } # works from 2020, loaded by a service",
    "SELECT * { ?s ?p '''a ' SERVICE ''' }",
    'SELECT * { ?s ?p """Load "from" service""" }',
])
def test_words_in_strings_and_comments_are_not_code(text: str) -> None:
    assert not in_code(text, QUERY_NEEDLES)
    assert check_query(text, "http://b/").dataset is None


@pytest.mark.parametrize("text", ATTACKS)
def test_doubtful_texts_get_the_full_parse(text: str) -> None:
    assert in_code(text, QUERY_NEEDLES)
    with pytest.raises(Refused):
        check_query(text, "http://b/")


@pytest.mark.parametrize("text", ["SELECT * FROM <http://g> WHERE { ?s ?p ?o }",
                                  "SELECT * { ?s <http://x/download> ?o }", "SELECT * { SERVICE <http://e/> {} }"])
def test_words_in_code_or_iris_get_the_full_parse(text: str) -> None:
    assert in_code(text, QUERY_NEEDLES)


def test_a_long_query_with_from_in_a_string_is_checked_fast() -> None:
    values = " ".join(f"<http://example.org/work/{i}>" for i in range(2000))
    text = (f'SELECT ?t WHERE {{ ?w <http://purl.org/dc/terms/title> ?t FILTER(CONTAINS(?t, "from")) '
            f"VALUES ?w {{ {values} }} }}")
    check_query("SELECT * { ?s ?p ?o } # from", "http://b/")  # the parser is loaded either way
    started = time.perf_counter()
    check_query(text, "http://b/")
    assert len(text) > 60_000 and time.perf_counter() - started < 0.1
