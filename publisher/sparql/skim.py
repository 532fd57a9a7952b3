"""A fast look at which words of a query are code: string literals and comments set aside, conservatively.

The safety check (:mod:`.safety`) parses a query with rdflib (slow: a tenth of a second per 10 KB) whenever its
text holds ``service``, ``load`` or ``from`` anywhere, which words in string literals and comments do all the
time (``FILTER(CONTAINS(?title, "from"))``). :func:`in_code` tells whether a word occurs outside strings and
comments, reading the text the way Oxigraph's parser reads it wherever the two could differ, and answering
"yes" (so the full parse runs) whenever they might:

* a quote starts a string and ``#`` a comment only outside strings and outside anything that could be an IRI
  (``<`` followed by IRI characters up to ``>``: Oxigraph reads some of those as less-than, so a candidate IRI
  that holds a quote or ``#`` leaves the text to the full parse, as does one the needle occurs in);
* a backslash outside a string (a prefixed name's escape ``\\'``), a ``\\u`` escape anywhere, or a string that
  does not end also leave the text to the full parse.
"""

from __future__ import annotations

import re

_IRI = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
_STRING = re.compile(r"'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^\"\\]|\\.|\"(?!\"\"))*\"\"\""
                     r"|'(?:[^'\\\n\r]|\\.)*'|\"(?:[^\"\\\n\r]|\\.)*\"", re.S)
_CODE = re.compile(r"[^'\"#<\\]+")


def in_code(text: str, needles: tuple[str, ...]) -> bool:
    """Whether any needle (lower case) may occur in the query's code: False only when it surely does not."""
    if "\\u" in text.lower():
        return True
    code: list[str] = []
    pos, end = 0, len(text)
    while pos < end:
        if m := _CODE.match(text, pos):
            code.append(m[0])
            pos = m.end()
            continue
        char = text[pos]
        if char == "\\":
            return True
        if char == "#":
            newline = text.find("\n", pos)
            pos = end if newline < 0 else newline
            continue
        if char == "<":
            iri = _IRI.match(text, pos)
            if iri is None:
                code.append("<")
                pos += 1
                continue
            if any(c in iri[0] for c in "'\"#"):
                return True
            code.append(iri[0])
            pos = iri.end()
            continue
        string = _STRING.match(text, pos)  # a quote
        if string is None:
            return True
        code.append(" ")
        pos = string.end()
    folded = "".join(code).casefold()
    return any(needle in folded for needle in needles)
