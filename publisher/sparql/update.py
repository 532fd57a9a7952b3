"""Administrators' updates: credentials, the protocol's USING graphs (the run itself: :mod:`.update_runner`).

``using-graph-uri`` / ``using-named-graph-uri`` mean "as if each operation with a WHERE clause had these
USING / USING NAMED clauses"; pyoxigraph takes no such arguments, so the clauses are written into the text
before each top-level ``WHERE`` of a DELETE/INSERT operation (an update that already has USING, USING NAMED
or WITH conflicts with them: 400). The text that is finally run is the text that is checked.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import re
from collections.abc import Iterator

from publisher.sparql.safety import Refused

_TOKEN = re.compile(r"""
    (?P<skip>\s+|\#[^\n\r]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
              |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<word>[?$]?[^\W\d][\w.-]*(?::[\w.:%\\-]*)?|:[\w.:%\\-]*)
  | (?P<other>.)
""", re.X | re.S)
_IRI_CHARS = re.compile(r'[^<>"{}|^`\\\x00-\x20]+')


def authorised(header: str | None, user: str, password: str) -> bool:
    """Whether an Authorization header carries these Basic credentials (compared in constant time)."""
    if not header or not header.lower().startswith("basic "):
        return False
    try:
        given = base64.b64decode(header[6:].strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return False
    name, _, secret = given.partition(":")
    return hmac.compare_digest(name.encode(), user.encode()) & hmac.compare_digest(secret.encode(),
                                                                                    password.encode())


def tokens(text: str) -> Iterator[tuple[str, str, int]]:
    """(kind, text, offset) for every significant token."""
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "other"
        if kind != "skip":
            yield kind, m.group(), m.start()


def with_using(text: str, using: tuple[str, ...], using_named: tuple[str, ...]) -> str:
    """The update with the protocol's USING / USING NAMED graphs written into each DELETE/INSERT ... WHERE."""
    if not using and not using_named:
        return text
    for iri in using + using_named:
        if not _IRI_CHARS.fullmatch(iri):
            raise Refused(f"not an IRI: {iri!r}")
    clause = " ".join([f"USING <{g}>" for g in using] + [f"USING NAMED <{g}>" for g in using_named]) + " "
    inserts: list[int] = []
    depth, previous = 0, ""
    for kind, token, offset in tokens(text):
        word = token.upper() if kind == "word" else ""
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
        elif depth == 0 and word in ("USING", "WITH"):
            raise Refused("the update has its own USING or WITH: it cannot be combined with the "
                          "using-graph-uri / using-named-graph-uri parameters")
        elif depth == 0 and word == "WHERE":
            if previous == "DELETE":
                raise Refused("using-graph-uri cannot apply to DELETE WHERE; write DELETE { ... } WHERE { ... }")
            inserts.append(offset)
        if depth == 0:
            previous = word
    for offset in reversed(inserts):
        text = text[:offset] + clause + text[offset:]
    return text
