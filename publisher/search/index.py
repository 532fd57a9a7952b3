"""The full-text index of works: SQLite FTS5 in a file beside the store (or in memory), ranked by bm25.

One row per work of the published view: its title, the names of its authors, its abstract and the rest worth
finding (identifiers, keywords, the journal's title) as indexed columns, weighted in that order; its type, year
and title as stored values for the results. The tokenizer folds case and accents (``unicode61 remove_diacritics
2``: "Dornyei" finds "Dörnyei"). Identifiers (DOIs) are also kept exactly in a table of their own, so a DOI typed
whole finds its work. Queries are built here from the user's words (each one a quoted FTS5 string, never FTS5
syntax), and every query runs under a time bound (SQLite's progress handler stops it at the deadline).
"""

from __future__ import annotations

import os
import re
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup, escape

from publisher.search import listing

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS docs(rid INTEGER PRIMARY KEY, iri TEXT UNIQUE NOT NULL);
CREATE TABLE IF NOT EXISTS idents(key TEXT NOT NULL, rid INTEGER NOT NULL, PRIMARY KEY(key, rid)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS idents_rid ON idents(rid);
CREATE VIRTUAL TABLE IF NOT EXISTS works USING fts5(
  kind UNINDEXED, year UNINDEXED, title, authors, abstract, other,
  tokenize = "unicode61 remove_diacritics 2");
""" + listing.SCHEMA
WEIGHTS = "0, 0, 10.0, 5.0, 1.0, 2.0"  # bm25 weights, one per column: title > authors > other > abstract
# bm25 saturates (one word in a title weighs little more than two in the keywords), so the fields rank in tiers
# first: every word in the title, then in the title and authors' names, then anywhere; bm25 within a tier.
TIER = ("CASE WHEN works.rowid IN (SELECT rowid FROM works WHERE works MATCH ?) THEN 0 "
        "WHEN works.rowid IN (SELECT rowid FROM works WHERE works MATCH ?) THEN 1 ELSE 2 END")
PROGRESS_STEPS = 1000  # SQLite steps between two looks at the clock
MAX_WORDS = 8  # words (and phrases) of a query used
OPEN, CLOSE = "\x02", "\x03"  # snippet highlight markers: stripped from indexed text, replaced after escaping
DOI = re.compile(r"^\s*(?:doi:\s*|https?://(?:dx\.)?doi\.org/)?(10\.\d{4,9}/\S+)\s*$", re.IGNORECASE)
WORD = re.compile(r"\w+")
PART = re.compile(r'"([^"]*)"?|(\S+)')


@dataclass
class WorkText:
    """What the index holds of one work."""

    iri: str
    title: str
    kind: str | None = None
    year: str | None = None
    authors: str = ""
    abstract: str = ""
    other: str = ""
    identifiers: Sequence[str] = ()
    linked: Sequence[listing.Linked] = ()  # the people, journals and subjects it names (facet, IRI, label)


@dataclass
class Hit:
    """One search result: the work, its title, type, year, authors and a snippet; the snippet and the title and
    authors as HTML too (escaped, the words found in ``<mark>``)."""

    iri: str
    title: str
    kind: str | None
    year: str | None
    authors: str
    snippet: Markup
    title_marked: Markup | None = None
    authors_marked: Markup | None = None


class SearchTimeout(Exception):
    """A search ran past its time bound."""


def _clean(text: str) -> str:
    return text.replace(OPEN, " ").replace(CLOSE, " ")


def identifier_key(value: str) -> str:
    """An identifier as the exact-match table keeps it: a DOI without its resolver prefix, lower case."""
    found = DOI.match(value)
    return (found.group(1) if found else value.strip()).lower()


def fts_query(text: str) -> str | None:
    """The FTS5 query for what a user typed: every word (or "quoted phrase") must match, as a quoted FTS5 string
    (never FTS5 syntax); a word ending in ``*`` of three letters or more matches as a prefix. None: no word."""
    terms = []
    for phrase, word in PART.findall(text):
        words = WORD.findall(phrase if phrase else word)
        if not words:
            continue
        prefix = not phrase and word.endswith("*") and len(words) == 1 and len(words[0]) >= 3
        terms.append('"' + " ".join(words) + '"' + ("*" if prefix else ""))
        if len(terms) == MAX_WORDS:
            break
    return " AND ".join(terms) or None


def highlighted(snippet: str | None) -> Markup:
    """A snippet from FTS5 made safe for HTML: everything escaped, then only the markers become ``<mark>``."""
    text = str(escape(snippet or ""))
    return Markup(text.replace(OPEN, "<mark>").replace(CLOSE, "</mark>"))


class SearchIndex:
    """One FTS5 index: a file (shared by processes: WAL) or a private in-memory database."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._local = threading.local()
        self._memory_name = f"file:lodpub-fts-{id(self)}?mode=memory&cache=shared"
        self._anchor = self._connect() if path is None else None  # keeps the in-memory database alive
        self.write_lock = threading.Lock()

    def _connect(self) -> sqlite3.Connection:
        if self.path is None:
            conn = sqlite3.connect(self._memory_name, uri=True, check_same_thread=False, isolation_level=None)
        else:
            conn = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None, timeout=30)
            conn.execute("PRAGMA journal_mode=WAL")
        conn.executescript(SCHEMA)
        return conn

    def exists(self) -> bool:
        """Whether the index is there (a file index: its file exists)."""
        return self.path is None or self.path.exists()

    @property
    def conn(self) -> sqlite3.Connection:
        """This thread's connection (reopened when the file was replaced by a rebuild)."""
        ident = self._ident()
        held = getattr(self._local, "held", None)
        if held is None or held[0] != ident:
            if held is not None:
                held[1].close()
            held = (ident, self._connect())
            self._local.held = held
        return held[1]

    def _ident(self) -> int:
        try:
            return os.stat(self.path).st_ino if self.path is not None else 0
        except OSError:
            return -1

    def complete(self) -> bool:
        """Whether the index holds every work (a build finished, or it started with an empty store)."""
        if not self.exists():
            return False
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'complete:3'").fetchone()
        return row is not None

    def mark_complete(self) -> None:
        """Record that the index holds every work."""
        self.conn.execute("INSERT OR REPLACE INTO meta VALUES ('complete:3', ?)", (str(time.time()),))

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction (one writer at a time in this process; SQLite's lock between processes)."""
        with self.write_lock:
            conn = self.conn
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    def put(self, texts: Iterable[WorkText], gone: Iterable[str] = ()) -> None:
        """Add or replace works, and remove the works ``gone``, in one transaction."""
        with self.transaction() as conn:
            for iri in gone:
                _delete(conn, iri)
            for t in texts:
                _delete(conn, t.iri)
                rid = int(conn.execute("INSERT INTO docs(iri) VALUES (?)", (t.iri,)).lastrowid or 0)
                conn.execute("INSERT INTO works(rowid, kind, year, title, authors, abstract, other) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?)",
                             (rid, t.kind, t.year, _clean(t.title), _clean(t.authors), _clean(t.abstract),
                              _clean(t.other)))
                conn.executemany("INSERT OR IGNORE INTO idents VALUES (?, ?)",
                                 [(identifier_key(i), rid) for i in t.identifiers])
                listing.add(conn, rid, t.kind, t.year, t.title, t.linked)

    def clear(self) -> None:
        """Empty the index (it is no longer complete)."""
        with self.transaction() as conn:
            for table in ("meta", "works", "docs", "idents", "listing", "links", "things", "facet_totals",
                          "tallies"):
                conn.execute(f"DELETE FROM {table}")

    def count(self) -> int:
        """How many works the index holds."""
        return int(self.conn.execute("SELECT COUNT(*) FROM docs").fetchone()[0])

    def search(self, text: str, limit: int, seconds: float = 3.0) -> list[Hit]:
        """The works matching ``text`` best first (a whole DOI: its works first), at most ``limit``; raises
        SearchTimeout past ``seconds``."""
        conn = self.conn
        deadline = time.monotonic() + seconds
        conn.set_progress_handler(lambda: int(time.monotonic() > deadline), PROGRESS_STEPS)
        try:
            hits: dict[str, Hit] = {}
            if DOI.match(text):
                for row in conn.execute(PLAIN + "WHERE works.rowid IN (SELECT rid FROM idents WHERE key = ?) "
                                        "LIMIT ?", (identifier_key(text), limit)):
                    hits.setdefault(row[0], _hit(row))
            match = fts_query(text)
            if match is not None and len(hits) < limit:
                for row in conn.execute(RESULT + f"WHERE works MATCH ? ORDER BY {TIER}, bm25(works, {WEIGHTS}) "
                                        "LIMIT ?", (match, f"title : ({match})", f"{{title authors}} : ({match})",
                                                    limit)):
                    hits.setdefault(row[0], _hit(row))
            return list(hits.values())[:limit]
        except sqlite3.OperationalError as exc:
            if "interrupted" in str(exc):
                raise SearchTimeout(f"the search stopped after {seconds:g} s") from None
            raise
        finally:
            conn.set_progress_handler(None, 0)

    def size_bytes(self) -> int:
        """The index's size on disk (pages in use)."""
        pages = self.conn.execute("PRAGMA page_count").fetchone()[0]
        return int(pages) * int(self.conn.execute("PRAGMA page_size").fetchone()[0])


COLUMNS = (f"SELECT docs.iri, highlight(works, 2, '{OPEN}', '{CLOSE}'), works.kind, works.year, "
           f"highlight(works, 3, '{OPEN}', '{CLOSE}'), ")
RESULT = COLUMNS + (f"snippet(works, 4, '{OPEN}', '{CLOSE}', '…', 24), snippet(works, 5, '{OPEN}', '{CLOSE}', '…', 16) "
                    "FROM works JOIN docs ON docs.rid = works.rowid ")
PLAIN = ("SELECT docs.iri, works.title, works.kind, works.year, works.authors, NULL, NULL "
         "FROM works JOIN docs ON docs.rid = works.rowid ")  # no highlight or snippet outside a MATCH


def _hit(row: tuple[str, str, str | None, str | None, str, str | None, str | None]) -> Hit:
    """A result row as a hit; its snippet is the abstract's where the query matched there, else the other
    fields' where it matched there, else the abstract's beginning (title and authors are shown anyway)."""
    abstract, other = row[5] or "", row[6] or ""
    snippet = abstract if OPEN in abstract or OPEN not in other else other
    return Hit(row[0], _plain(row[1]), row[2], row[3], _plain(row[4]), highlighted(" ".join(snippet.split())),
               highlighted(row[1]), highlighted(row[4]))


def _plain(text: str | None) -> str:
    return (text or "").replace(OPEN, "").replace(CLOSE, "")


def _delete(conn: sqlite3.Connection, iri: str) -> None:
    found = conn.execute("SELECT rid FROM docs WHERE iri = ?", (iri,)).fetchone()
    if found is None:
        return
    listing.remove(conn, found[0])
    conn.execute("DELETE FROM works WHERE rowid = ?", found)
    conn.execute("DELETE FROM idents WHERE rid = ?", found)
    conn.execute("DELETE FROM docs WHERE rid = ?", found)
