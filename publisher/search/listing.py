"""The browse lists, kept in the search index's file: works by type and by year, and the people, journals and
subjects with how many works each has, every list sorted and paged by key (``after``/``before`` a row), so a page
costs the same at the millionth row as at the first.

The counts are kept as the index changes (a work added counts once for its type, its year, and each person, journal
and subject it names; removed, it is taken off), so no page counts anything: every list is an index range scan.
"""

from __future__ import annotations

import sqlite3
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

SCHEMA = """
CREATE TABLE IF NOT EXISTS listing(rid INTEGER PRIMARY KEY, kind TEXT, year TEXT, sort TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS listing_kind ON listing(kind, sort, rid);
CREATE INDEX IF NOT EXISTS listing_year ON listing(year, sort, rid);
CREATE TABLE IF NOT EXISTS links(rid INTEGER NOT NULL, target TEXT NOT NULL, PRIMARY KEY(rid, target)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS things(iri TEXT PRIMARY KEY, facet TEXT NOT NULL, label TEXT NOT NULL, sort TEXT NOT NULL,
  n INTEGER NOT NULL) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS things_sort ON things(facet, sort, iri);
CREATE TABLE IF NOT EXISTS facet_totals(facet TEXT PRIMARY KEY, n INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS tallies(col TEXT NOT NULL, value TEXT NOT NULL, n INTEGER NOT NULL,
  PRIMARY KEY(col, value)) WITHOUT ROWID;
"""
FACETS = ("person", "journal", "subject")
Linked = tuple[str, str, str]  # facet, IRI, label


@dataclass
class Thing:
    """A person, journal or subject in a list: its IRI, label and number of works."""

    iri: str
    label: str
    works: int


@dataclass
class Page:
    """One page of a list: its rows, and the keys of the pages before and after it (None: there is none)."""

    rows: list[object]
    before: str | None
    after: str | None


def sort_key(text: str) -> str:
    """A label as lists sort it: lower case, accents off, leading punctuation and articles' quotes dropped."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))
    return folded.lstrip(" \"'‘’“”([{¿¡-–—.,;:").strip() or folded


def add(conn: sqlite3.Connection, rid: int, kind: str | None, year: str | None, title: str,
        linked: Sequence[Linked]) -> None:
    """List a work (just added to the index) and count it for each thing it names."""
    conn.execute("INSERT INTO listing VALUES (?, ?, ?, ?)", (rid, kind, year, sort_key(title)))
    _tally(conn, [("kind", kind), ("year", year), ("all", "")], +1)
    for facet, iri, label in dict.fromkeys(linked):
        if conn.execute("INSERT OR IGNORE INTO links VALUES (?, ?)", (rid, iri)).rowcount == 0:
            continue
        conn.execute("INSERT INTO things VALUES (?, ?, ?, ?, 1) ON CONFLICT(iri) DO UPDATE SET n = n + 1, "
                     "label = excluded.label, sort = excluded.sort", (iri, facet, label, sort_key(label)))
        if conn.execute("SELECT n FROM things WHERE iri = ?", (iri,)).fetchone()[0] == 1:
            _total(conn, facet, +1)


def remove(conn: sqlite3.Connection, rid: int) -> None:
    """Unlist a work (about to leave the index) and take it off the counts of the things it names."""
    listed = conn.execute("DELETE FROM listing WHERE rid = ? RETURNING kind, year", (rid,)).fetchone()
    if listed is not None:
        _tally(conn, [("kind", listed[0]), ("year", listed[1]), ("all", "")], -1)
    for (iri,) in conn.execute("SELECT target FROM links WHERE rid = ?", (rid,)).fetchall():
        found = conn.execute("UPDATE things SET n = n - 1 WHERE iri = ? RETURNING n, facet", (iri,)).fetchone()
        if found is not None and found[0] <= 0:
            conn.execute("DELETE FROM things WHERE iri = ?", (iri,))
            _total(conn, found[1], -1)
    conn.execute("DELETE FROM links WHERE rid = ?", (rid,))


def _tally(conn: sqlite3.Connection, values: list[tuple[str, str | None]], change: int) -> None:
    """Keep the number of works per type, per year and in all (so no page counts them)."""
    for col, value in values:
        if value is None:
            continue
        conn.execute("INSERT INTO tallies VALUES (?, ?, ?) ON CONFLICT(col, value) DO UPDATE SET n = n + excluded.n",
                     (col, value, change))
        conn.execute("DELETE FROM tallies WHERE col = ? AND value = ? AND n <= 0", (col, value))


def _total(conn: sqlite3.Connection, facet: str, change: int) -> None:
    conn.execute("INSERT INTO facet_totals VALUES (?, ?) ON CONFLICT(facet) DO UPDATE SET n = n + excluded.n",
                 (facet, change))


def totals(conn: sqlite3.Connection) -> dict[str, int]:
    """How many people, journals and subjects have works."""
    return {facet: n for facet, n in conn.execute("SELECT facet, n FROM facet_totals")}


def counts(conn: sqlite3.Connection, column: str) -> list[tuple[str, int]]:
    """Works per type (``column`` "kind", most first) or per year ("year", latest first)."""
    order = "n DESC, value" if column == "kind" else "value DESC"
    return [(value, n) for value, n in conn.execute(f"SELECT value, n FROM tallies WHERE col = ? ORDER BY {order}",
                                                    (column,))]


def count(conn: sqlite3.Connection, column: str, value: str = "") -> int:
    """The works of one type or year (``column`` "kind", "year"), or all of them ("all")."""
    found = conn.execute("SELECT n FROM tallies WHERE col = ? AND value = ?", (column, value)).fetchone()
    return int(found[0]) if found else 0


def works_page(conn: sqlite3.Connection, column: str, value: str, after: str | None, before: str | None,
               size: int) -> Page:
    """One page of the works of a type or year, by title: keys are row ids."""
    assert column in ("kind", "year")
    select = ("SELECT listing.rid, listing.sort, docs.iri, works.title, works.kind, works.year, works.authors "
              "FROM listing JOIN docs ON docs.rid = listing.rid JOIN works ON works.rowid = listing.rid "
              f"WHERE listing.{column} = ? ")
    key_sort = f"SELECT sort FROM listing WHERE rid = ? AND {column} = ?"
    return _page(conn, select, "listing.sort", "listing.rid", key_sort, [value], after, before, size)


def things_page(conn: sqlite3.Connection, facet: str, after: str | None, before: str | None, size: int) -> Page:
    """One page of the people, journals or subjects, by name: keys are their IRIs."""
    select = "SELECT iri, sort, iri, label, n FROM things WHERE facet = ? "
    page = _page(conn, select, "sort", "iri", "SELECT sort FROM things WHERE iri = ? AND facet = ?",
                 [facet], after, before, size)
    page.rows = [Thing(r[2], r[3], r[4]) for r in page.rows]  # type: ignore[index]
    return page


def _page(conn: sqlite3.Connection, select: str, sort: str, tie: str, key_sort: str, params: list[object],
          after: str | None, before: str | None, size: int) -> Page:
    key = after if after is not None else before
    value = _key(key, tie)
    found = conn.execute(key_sort, (value, *params)).fetchone() if value is not None else None  # in this list
    if found is not None and before is not None and after is None:
        rows = conn.execute(select + f"AND ({sort}, {tie}) < (?, ?) ORDER BY {sort} DESC, {tie} DESC LIMIT ?",
                            [*params, found[0], value, size + 1]).fetchall()
        more_before, rows = len(rows) > size, rows[:size][::-1]
        return Page(list(rows), str(rows[0][0]) if more_before and rows else None,
                    str(rows[-1][0]) if rows else None)
    if found is not None:
        rows = conn.execute(select + f"AND ({sort}, {tie}) > (?, ?) ORDER BY {sort}, {tie} LIMIT ?",
                            [*params, found[0], value, size + 1]).fetchall()
    else:
        rows = conn.execute(select + f"ORDER BY {sort}, {tie} LIMIT ?", [*params, size + 1]).fetchall()
    more_after, rows = len(rows) > size, rows[:size]
    return Page(list(rows), str(rows[0][0]) if found is not None and rows else None,
                str(rows[-1][0]) if more_after and rows else None)


def _key(key: str | None, tie: str) -> object:
    """A page key as its column holds it (None: no key, or not one this list could have made)."""
    if not key or not tie.endswith("rid"):
        return key or None
    return int(key) if key.isdigit() and len(key) < 19 else None
