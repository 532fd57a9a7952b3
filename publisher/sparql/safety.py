"""What a query or update may do, decided before it reaches the store: no SERVICE, no LOAD, FROM read locally.

A naive keyword scan is fooled by strings, comments and IRIs, and a hand-written tokenizer by the places where
SPARQL's grammar is context-dependent (``<`` is less-than after an operand but starts an IRI elsewhere, and
Oxigraph matches keywords without a word boundary: ``SERVICE:x`` and ``SERVICEex:y`` are SERVICE calls). So:

* fast path: if neither the text nor its ``\\u``-unescaped form contains the letters ``service``, ``load`` or
  ``from`` in any case, or if they occur only in string literals and comments (:mod:`.skim`, which defers to
  the parse wherever its reading and Oxigraph's could differ), no reading of it can hold those keywords, and
  it is passed on unparsed;
* otherwise the text is parsed with rdflib's SPARQL parser (recursive descent, reading ``<`` the way Oxigraph's
  PEG parser does) *without* rdflib's global ``\\u`` expansion, so its strings end where Oxigraph's end (an
  escape rdflib cannot read is a refusal); a text it cannot parse is refused (fail closed), and the parse tree
  is searched for SERVICE and LOAD and read for the FROM / FROM NAMED graphs.

FROM graphs are never fetched: the caller passes them to the store as the query's dataset (graphs already in
the store; an unknown graph is an empty graph). Behind this check, query workers over the on-disk store have
no network sockets at all (:mod:`publisher.sparql.sandbox`).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from publisher.sparql.skim import in_code

QUERY_NEEDLES = ("service", "load", "from")
UPDATE_NEEDLES = ("service", "load")
FORBIDDEN = {"ServiceGraphPattern": "SERVICE (federated query)", "Load": "LOAD"}
QUERY_FORMS = {"SelectQuery": "SELECT", "ConstructQuery": "CONSTRUCT", "DescribeQuery": "DESCRIBE",
               "AskQuery": "ASK"}
UPDATE_KEYWORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
ENGINE_FUNCTIONS = re.compile(r"(?<![\w.-])(?:bif|sql):|openlinksw\.com/schemas/", re.I)  # Virtuoso's SQL
MAX_DEPTH = 256  # brackets nested deeper than this are refused (Oxigraph's parser recursion would overflow)
_BRACKETS = re.compile(r"[{}()\[\]]")
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_PARSE_LOCK = threading.Lock()  # pyparsing is not thread-safe (inline execution runs in threads)
_PROLOGUE = re.compile(r"\s*(?:#[^\n\r]*|BASE\s*<[^>]*>|PREFIX\s*[^\s:]*:\s*<[^>]*>)", re.I)


class Refused(ValueError):
    """A query or update lodpub will not run; the message says why (sent to the client with a 400)."""


@dataclass(frozen=True)
class Dataset:
    """The graphs a query's FROM and FROM NAMED clauses name (resolved IRIs)."""

    default: tuple[str, ...]
    named: tuple[str, ...]


@dataclass(frozen=True)
class QueryCheck:
    """What the check learnt: the query form (when parsed) and its dataset clause (None: there is none)."""

    form: str | None = None
    dataset: Dataset | None = None


def expand_escapes(text: str) -> str:
    """The text with ``\\uXXXX`` and ``\\UXXXXXXXX`` escapes replaced by their characters."""
    def char(m: re.Match[str]) -> str:
        code = int(m[1] or m[2], 16)
        return chr(code) if code < 0x110000 else m[0]
    return _ESCAPE.sub(char, text)


def mentions(text: str, needles: tuple[str, ...]) -> bool:
    """Whether the text (or its unescaped form), case-folded, contains any of the needles."""
    folded = text.casefold()
    if any(n in folded for n in needles):
        return True
    return "\\u" in folded and any(n in expand_escapes(text).casefold() for n in needles)


def first_keyword(text: str) -> str:
    """The first keyword after the prologue, upper-cased (``SELECT``, ``INSERT`` ...; "" if none)."""
    pos = 0
    while m := _PROLOGUE.match(text, pos):
        if m.end() == pos:
            break
        pos = m.end()
    m = re.compile(r"\s*([A-Za-z]+)").match(text, pos)
    return m[1].upper() if m else ""


def nesting(text: str) -> int:
    """The deepest bracket nesting in the text (counting brackets in strings too: an over-estimate)."""
    depth = deepest = 0
    for m in _BRACKETS.finditer(text):
        depth += 1 if m[0] in "{([" else -1
        deepest = max(deepest, depth)
    return deepest


def _refuse_unsafe_text(text: str, what: str) -> None:
    """Refuse deep nesting, and calls into a remote engine's SQL (Virtuoso's bif: can read files, fetch URLs)."""
    if nesting(text) > MAX_DEPTH:
        raise Refused(f"this {what} nests brackets more than {MAX_DEPTH} levels deep")
    if ENGINE_FUNCTIONS.search(text) or ("\\u" in text.lower() and ENGINE_FUNCTIONS.search(expand_escapes(text))):
        raise Refused("engine-specific SQL functions (bif:, sql:) are not accepted")


def check_query(text: str, base: str | None = None) -> QueryCheck:
    """Refuse SERVICE and LOAD (and updates) in a query; return its form and FROM graphs when it has any."""
    _refuse_unsafe_text(text, "query")
    keyword = first_keyword(text)
    if keyword in UPDATE_KEYWORDS:
        raise Refused("this is a SPARQL Update; updates are POSTed to /sparql/update by administrators")
    if keyword not in QUERY_FORMS.values():
        raise Refused("not a SPARQL query: after BASE and PREFIX it must start with SELECT, CONSTRUCT, DESCRIBE "
                      "or ASK" + (" (engine pragmas such as DEFINE are not accepted)" if keyword == "DEFINE" else ""))
    if not mentions(text, QUERY_NEEDLES) or not in_code(text, QUERY_NEEDLES):  # the words only in strings, comments
        return QueryCheck()
    from rdflib.plugins.sparql.parser import Query

    tree = _parse(Query, text, "query")
    _refuse_forbidden(tree)
    body = tree[1]
    clauses = list(body["datasetClause"]) if "datasetClause" in body else []  # CompValue.get is odd
    dataset = None
    if clauses:
        from rdflib.plugins.sparql.algebra import translatePrologue

        prologue = translatePrologue(tree[0], base)
        default = tuple(str(prologue.absolutize(c["default"])) for c in clauses if "default" in c)
        named = tuple(str(prologue.absolutize(c["named"])) for c in clauses if "named" in c)
        dataset = Dataset(default, named)
    return QueryCheck(QUERY_FORMS.get(body.name), dataset)


def check_update(text: str) -> None:
    """Refuse LOAD and SERVICE (and engine pragmas) in an update."""
    _refuse_unsafe_text(text, "update")
    if first_keyword(text) == "DEFINE":
        raise Refused("engine pragmas such as DEFINE are not accepted")
    if not mentions(text, UPDATE_NEEDLES) or not in_code(text, UPDATE_NEEDLES):
        return
    from rdflib.plugins.sparql.parser import UpdateUnit

    _refuse_forbidden(_parse(UpdateUnit, text, "update"))


def _parse(grammar: Any, text: str, what: str) -> Any:
    """Parse with rdflib, no global escape expansion; any failure is a refusal."""
    try:
        with _PARSE_LOCK:
            return grammar.parse_string(text, parse_all=True)
    except RecursionError:
        raise Refused(f"this {what} is nested too deeply to be checked") from None
    except Exception as exc:  # pyparsing's ParseException and errors from its parse actions
        raise Refused(f"SPARQL syntax error (or syntax lodpub's safety check cannot read): {exc}") from None


def _refuse_forbidden(tree: Any) -> None:
    for node in _nodes(tree):
        name = getattr(node, "name", None)
        if name in FORBIDDEN:
            raise Refused(f"{FORBIDDEN[name]} is not allowed here: lodpub answers from its own data and "
                          "never fetches anything from the network or the file system")


def _nodes(tree: Any) -> Iterator[Any]:
    """Every parse-tree node (rdflib CompValues), depth first, without recursion."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue):
            yield node
            stack.extend(dict.values(node))
        elif isinstance(node, ParseResults | list | tuple):
            stack.extend(node)
        elif isinstance(node, dict):
            stack.extend(node.values())
