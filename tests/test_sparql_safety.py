"""The SPARQL safety checks: SERVICE and LOAD refused however they are written, FROM read, USING written in.

Each refused query is also run on a bare pyoxigraph store next to a loopback listener, to show the test
case is a real attack (Oxigraph would have connected), not just something the checker happens to dislike.
"""

from __future__ import annotations

import base64
import contextlib
import threading
from collections.abc import Iterator

import pyoxigraph as ox
import pytest

from publisher.sparql.safety import Refused, check_query, check_update, expand_escapes, first_keyword
from publisher.sparql.update import authorised, with_using
from tests.helpers import Listener


@pytest.fixture()
def listener() -> Iterator[tuple[str, list[bytes]]]:
    """A loopback TCP listener: its address and the connections made to it."""
    server = Listener()
    yield server.address, server.connections
    server.close()


ATTACKS = [
    "SELECT * WHERE { SERVICE <http://{addr}/sparql> { ?s ?p ?o } }",
    "select * where { service silent <http://{addr}/sparql> { ?s ?p ?o } }",
    "PREFIX : <http://{addr}/> SELECT * { SERVICE:x { ?s ?p ?o } }",  # no space: a prefixed name to a lexer
    "PREFIX : <http://{addr}/> SELECT * { FILTER(1<2)SERVICE:x#>\n { ?s ?p ?o } }",  # '<' is less-than here
    "PREFIX x: <http://{addr}/> SELECT * { SERVICEx:y { ?s ?p ?o } }",  # Oxigraph needs no word boundary
    'SELECT * { BIND("a\\u005C" AS ?x) SERVICE <http://{addr}/> { ?s ?p ?o } BIND("" AS ?y) }',
    "SELECT * { OPTIONAL { ?a ?b ?c } FILTER EXISTS { SERVICE <http://{addr}/> { ?s ?p ?o } } }",
    "SELECT * { { SELECT ?s { SERVICE <http://{addr}/> { ?s ?p ?o } } } }",
    "# a comment\nASK { SERVICE <http://{addr}/> { } }",
]
UNPARSED_ATTACKS = [  # Oxigraph does not run these, but a looser engine might: refused either way
    "SELECT * { SERV\\u0049CE <http://{addr}/> { ?s ?p ?o } }",
    "SELECT * { \u017fERVICE <http://{addr}/> { ?s ?p ?o } }",  # long s folds to 's'
    "SELECT * { VALUES ?svc { <http://{addr}/> } SERVICE ?svc { ?s ?p ?o } }",  # Oxigraph: unsupported
]
HARMLESS = [
    'SELECT * WHERE { ?s ?p "customer service" }',
    "SELECT * WHERE { ?s ?p ?o } # SERVICE <http://{addr}/> { }",
    "SELECT * WHERE { ?s <http://example.org/service/load> ?o }",
    "PREFIX schema: <http://schema.org/> SELECT * WHERE { ?s a schema:Service }",
    "SELECT ?service ?load WHERE { ?service ?p ?load }",
    'SELECT * WHERE { ?s ?p ?o FILTER(?o < 3 && CONTAINS(STR(?s), "download")) }',
]


def oxigraph_connects(query: str, seen: list[bytes]) -> bool:
    """Whether a bare pyoxigraph store contacts the listener when running the query."""
    with contextlib.suppress(OSError, SyntaxError, ValueError):
        list(ox.Store().query(query))  # type: ignore[arg-type]
    for _ in range(20):
        if seen:
            return True
        threading.Event().wait(0.05)
    return False


@pytest.mark.parametrize("template", ATTACKS)
def test_service_is_refused_however_written(template: str, listener: tuple[str, list[bytes]]) -> None:
    addr, seen = listener
    query = template.replace("{addr}", addr)
    with pytest.raises(Refused) as refusal:
        check_query(query, "http://127.0.0.1:5000/")
    assert "SERVICE" in str(refusal.value) or "syntax" in str(refusal.value)
    assert oxigraph_connects(query, seen), "not a real attack: Oxigraph would not have connected"


@pytest.mark.parametrize("template", UNPARSED_ATTACKS)
def test_escaped_or_folded_keywords_are_refused(template: str) -> None:
    with pytest.raises(Refused):
        check_query(template.replace("{addr}", "127.0.0.1:9"))


@pytest.mark.parametrize("template", HARMLESS)
def test_service_and_load_as_data_are_allowed(template: str, listener: tuple[str, list[bytes]]) -> None:
    addr, seen = listener
    query = template.replace("{addr}", addr)
    assert check_query(query).dataset is None
    assert not oxigraph_connects(query, seen)


def test_updates_are_refused_on_the_query_endpoint() -> None:
    for update in ("INSERT DATA { <a> <b> <c> }", "PREFIX x: <http://x/>\n# hi\nDELETE WHERE { ?s ?p ?o }",
                   "LOAD <file:///etc/passwd>", "CLEAR ALL", "drop graph <g>", "WITH <g> DELETE {} WHERE {}"):
        with pytest.raises(Refused, match="Update"):
            check_query(update)


def test_from_clauses_are_read_and_resolved() -> None:
    check = check_query("PREFIX ex: <http://ex.org/> SELECT * FROM ex:g1 FROM <g2> FROM NAMED <http://n/1> "
                        "WHERE { ?s ?p ?o }", "http://127.0.0.1:5000/")
    assert check.dataset is not None
    assert check.dataset.default == ("http://ex.org/g1", "http://127.0.0.1:5000/g2")
    assert check.dataset.named == ("http://n/1",)
    assert check.form == "SELECT"
    assert check_query("ASK FROM<file:///etc/passwd>{}").dataset.default == ("file:///etc/passwd",)  # type: ignore[union-attr]
    assert check_query('SELECT * { ?s ?p "from here" }').dataset is None


def test_load_and_service_are_refused_in_updates(listener: tuple[str, list[bytes]]) -> None:
    addr, seen = listener
    for update in (f"LOAD <http://{addr}/x.nt>", f"INSERT DATA {{ <a> <b> <c> }} ;\nload<http://{addr}/x.nt> "
                   "INTO GRAPH <g>", f"INSERT {{ ?s ?p ?o }} WHERE {{ SERVICE <http://{addr}/> {{ ?s ?p ?o }} }}"):
        with pytest.raises(Refused):
            check_update(update)
    store = ox.Store()
    with pytest.raises(OSError):
        store.update(f"LOAD <http://{addr}/x.nt>")
    assert seen, "not a real attack: Oxigraph would not have fetched"
    check_update('INSERT DATA { <a> <b> "please load the service" }')


def test_only_standard_query_forms_are_run() -> None:
    for text in ('define input:grab-all "yes" SELECT * { <http://127.0.0.1:9/x> ?p ?o }',
                 'PREFIX ex: <http://ex/>\nDEFINE get:soft "soft" SELECT * { ?s ?p ?o }', "VALUES ?x { 1 }", "hello"):
        with pytest.raises(Refused, match="not a SPARQL query"):
            check_query(text)
    with pytest.raises(Refused, match="DEFINE"):
        check_update('define input:inference "r" INSERT DATA { <http://a> <http://b> "c" }')


def test_remote_engine_sql_functions_are_refused() -> None:
    for text in ("SELECT (bif:file_to_string('/etc/passwd') AS ?x) WHERE {}",
                 "SELECT (<http://www.openlinksw.com/schemas/bif#http_get>('http://x/') AS ?x) {}",
                 "SELECT * { ?s ?p ?o FILTER(SQL:anything(?o)) }", "SELECT (b\\u0069f:x() AS ?y) {}"):
        with pytest.raises(Refused, match="bif:"):
            check_query(text)
    with pytest.raises(Refused, match="bif:"):
        check_update("INSERT { <http://a> <http://b> ?x } WHERE { BIND(bif:http_get('http://x/') AS ?x) }")
    check_query('SELECT * { ?s <http://ex/bif> "mysql: a database" }')


def test_first_keyword_skips_the_prologue() -> None:
    assert first_keyword("# c\nBASE <x>\nPREFIX a: <b>\nprefix : <c>  select *") == "SELECT"
    assert first_keyword("  insert data {}") == "INSERT"
    assert first_keyword("") == ""


def test_escapes_are_expanded() -> None:
    assert expand_escapes("SERV\\u0049CE \\U0001F600") == "SERVICE \U0001f600"


def test_using_graphs_are_written_before_each_where() -> None:
    update = ('PREFIX ex: <http://ex/> INSERT DATA { <a> <b> "WHERE" } ;\n'
              "DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o FILTER NOT EXISTS { ?s ?p 2 } } ;\n"
              "INSERT { GRAPH <g> { ?s ?p ?o } } where { ?s ?p ?o }")
    out = with_using(update, ("http://g/1",), ("http://g/2",))
    assert out.count("USING <http://g/1> USING NAMED <http://g/2> ") == 2
    assert 'INSERT DATA { <a> <b> "WHERE" }' in out
    ox.Store().update(out, base_iri="http://127.0.0.1:5000/")  # still a valid update
    assert with_using(update, (), ()) == update


def test_using_conflicts_are_refused() -> None:
    for update in ("WITH <g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
                   "DELETE { ?s ?p ?o } USING <x> WHERE { ?s ?p ?o }", "DELETE WHERE { ?s ?p ?o }"):
        with pytest.raises(Refused):
            with_using(update, ("http://g/1",), ())
    with pytest.raises(Refused, match="not an IRI"):
        with_using("INSERT { } WHERE { }", ("http://g/1> } ; DROP ALL ; INSERT { <x",), ())


def test_basic_credentials() -> None:
    def header(text: str) -> str:
        return "Basic " + base64.b64encode(text.encode()).decode()

    assert authorised(header("admin:s3cret:x"), "admin", "s3cret:x")
    assert not authorised(header("admin:wrong"), "admin", "s3cret")
    assert not authorised(header("other:s3cret"), "admin", "s3cret")
    assert not authorised("Basic !!!", "admin", "s3cret")
    assert not authorised("Bearer abc", "admin", "s3cret")
    assert not authorised(None, "admin", "s3cret")


def test_deep_nesting_is_refused() -> None:
    check_query("SELECT * WHERE { " + "{ " * 200 + "?s ?p ?o" + " }" * 200 + " }")
    with pytest.raises(Refused, match="levels deep"):
        check_query("SELECT * WHERE { FILTER(" + "(" * 300 + "1" + ")" * 300 + ") }")
    with pytest.raises(Refused, match="levels deep"):
        check_update("INSERT DATA { " + "[ <http://p> " * 300 + "1" + " ]" * 300 + " }")
