"""Reading the change log of the published view (written by publisher/published/changes.py): each work's latest
change (created, updated, deleted), its datestamp and its sets, listed in (datestamp, identifier) order.

The log lives in the system graph ``CHANGES_GRAPH``. One entry per work::

    <urn:x-lodpub:change:SHA1> lodpub:item <WORK> ; lodpub:datestamp "2026-12-03T17:00:00Z"^^xsd:dateTime ;
        lodpub:change "created" | "updated" | "deleted" ; lodpub:setSpec "type:thesis", "source:marcxml" ;
        lodpub:descriptionHash "…" .

and one node per datestamp (``<urn:x-lodpub:changes:STAMP> lodpub:changesAt STAMP``), so that a listing walks the
datestamps in order (few) and reads each one's entries by an exact look-up, instead of sorting the whole log.
"""

from __future__ import annotations

import bisect
import contextlib
import datetime
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from pyoxigraph import Literal, NamedNode

from mappings.vocab import LODPUB, XSD
from publisher.store import Reader, Row, term_value
from publisher.store.interface import CHANGES_GRAPH

ENTRY_PREFIX = "urn:x-lodpub:change:"
BATCH_PREFIX = "urn:x-lodpub:changes:"
G = f"GRAPH {NamedNode(CHANGES_GRAPH)}"
DELETED = "deleted"


@dataclass
class Entry:
    """A work's latest change: its identifier (the work IRI), datestamp, kind, sets and description hash."""

    item: str
    datestamp: str
    change: str
    sets: list[str] = field(default_factory=list)
    content_hash: str = ""

    @property
    def deleted(self) -> bool:
        """Whether the work is gone from the published view (deleted or merged into another)."""
        return self.change == DELETED


def entry_iri(item: str) -> str:
    """The node of a new log entry (found again by its ``lodpub:item``: a rebase moves the work's IRI, not this)."""
    return ENTRY_PREFIX + hashlib.sha1(item.encode()).hexdigest()


def stamp_literal(stamp: str) -> Literal:
    """A datestamp as the log writes it: ``YYYY-MM-DDThh:mm:ssZ``, an xsd:dateTime."""
    return Literal(stamp, datatype=XSD.dateTime)


def normal_stamp(value: str) -> str:
    """A datestamp as an engine returns it, in the log's form (UTC, seconds, ``Z``)."""
    moment = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.UTC)
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _entries(rows: Iterable[Row]) -> list[Entry]:
    found: dict[str, Entry] = {}
    for row in rows:
        item = term_value(row["item"])
        entry = found.get(item)
        if entry is None:
            entry = found[item] = Entry(item, normal_stamp(term_value(row["d"])), term_value(row["change"]),
                                        content_hash=term_value(row["hash"]) if "hash" in row else "")
        if "set" in row:
            entry.sets.append(term_value(row["set"]))
    for entry in found.values():
        entry.sets.sort()
    return list(found.values())


ENTRY_PATTERN = (f"?e {LODPUB.item} ?item ; {LODPUB.datestamp} ?d ; {LODPUB.change} ?change . "
                 f"OPTIONAL {{ ?e {LODPUB.descriptionHash} ?hash }} OPTIONAL {{ ?e {LODPUB.setSpec} ?set }}")


def entries_of(store: Reader, items: Sequence[str]) -> dict[str, Entry]:
    """The log entries of some works (absent: never logged): by index look-ups where they are cheap, else 200 a
    query."""
    out: dict[str, Entry] = {}
    if store.cheap_lookups:
        for item in items:
            for node in store.match(predicate=LODPUB.item.value, obj=NamedNode(item), graph=CHANGES_GRAPH):
                values: dict[str, list[str]] = {}
                for quad in store.match(subject=term_value(node.subject), graph=CHANGES_GRAPH):
                    values.setdefault(quad.predicate.value, []).append(term_value(quad.object))
                if values.get(LODPUB.datestamp.value) and values.get(LODPUB.change.value):
                    out[item] = Entry(item, normal_stamp(values[LODPUB.datestamp.value][0]),
                                      values[LODPUB.change.value][0], sorted(values.get(LODPUB.setSpec.value, [])),
                                      (values.get(LODPUB.descriptionHash.value) or [""])[0])
        return out
    for start in range(0, len(items), 200):
        nodes = " ".join(str(NamedNode(i)) for i in items[start:start + 200])
        rows = store.select(f"SELECT ?item ?d ?change ?hash ?set WHERE {{ VALUES ?item {{ {nodes} }} {G} {{ "
                            f"{ENTRY_PATTERN} }} }}")
        out.update((e.item, e) for e in _entries(rows))
    return out


def latest_stamp(store: Reader) -> str | None:
    """The newest datestamp in the log (None: an empty log)."""
    for row in store.select(f"SELECT (MAX(?d) AS ?m) WHERE {{ {G} {{ ?b {LODPUB.changesAt} ?d }} }}"):
        if "m" in row:
            return normal_stamp(term_value(row["m"]))
    return None


def earliest_stamp(store: Reader) -> str | None:
    """The oldest datestamp in the log (None: an empty log)."""
    for row in store.select(f"SELECT (MIN(?d) AS ?m) WHERE {{ {G} {{ ?b {LODPUB.changesAt} ?d }} }}"):
        if "m" in row:
            return normal_stamp(term_value(row["m"]))
    return None


def stamps(store: Reader, since: str | None, until: str | None) -> list[str]:
    """The datestamps of the log from ``since`` to ``until`` (both included, either open), oldest first."""
    tests = [f"?d >= {stamp_literal(since)}" if since else "", f"?d <= {stamp_literal(until)}" if until else ""]
    where = " && ".join(t for t in tests if t)
    rows = store.select(f"SELECT DISTINCT ?d WHERE {{ {G} {{ ?b {LODPUB.changesAt} ?d }} "
                        f"{f'FILTER({where})' if where else ''} }}")
    return sorted({normal_stamp(term_value(r["d"])) for r in rows})


_LISTINGS: dict[tuple[str, str, str | None], list[str]] = {}  # (data version, datestamp, set) -> identifiers
LISTINGS_KEPT = 64


def listing(store: Reader, stamp: str, set_spec: str | None) -> list[str]:
    """The identifiers of one datestamp's entries, in order, in ``set_spec`` (a set or any of its subsets) if given;
    remembered while the data does not change (a harvest reads each datestamp's listing once, not once a page)."""
    version = store.version()
    key = (version or "", stamp, set_spec)
    found = _LISTINGS.get(key) if version else None
    if found is not None:
        return found
    in_set = ""
    if set_spec:
        in_set = (f"?e {LODPUB.setSpec} ?member . FILTER(?member = {Literal(set_spec)} || "
                  f"STRSTARTS(?member, {Literal(set_spec + ':')}))")
    found = sorted({term_value(r["item"]) for r in store.select(
        f"SELECT DISTINCT ?item WHERE {{ {G} {{ ?e {LODPUB.datestamp} {stamp_literal(stamp)} ; {LODPUB.item} ?item . "
        f"{in_set} }} }}")})
    if version:
        if len(_LISTINGS) >= LISTINGS_KEPT:
            with contextlib.suppress(StopIteration, RuntimeError):  # the oldest goes (unless another thread did)
                _LISTINGS.pop(next(iter(_LISTINGS)), None)
        _LISTINGS[key] = found
    return found


def at_stamp(store: Reader, stamp: str, after: str | None, set_spec: str | None, limit: int) -> list[Entry]:
    """Up to ``limit`` entries of one datestamp, by identifier, after the identifier ``after``, in ``set_spec`` (a
    set or any of its subsets) if given."""
    items = listing(store, stamp, set_spec)
    start = bisect.bisect_right(items, after) if after else 0
    listed = items[start:start + limit]
    found = entries_of(store, listed)
    return [found[i] for i in listed if i in found and found[i].datestamp == stamp]


def set_specs(store: Reader) -> list[str]:
    """Every set a logged work is in."""
    rows = store.select(f"SELECT DISTINCT ?set WHERE {{ {G} {{ ?e {LODPUB.setSpec} ?set }} }}")
    return sorted(term_value(r["set"]) for r in rows)


def present_but_unpublished(store: Reader) -> list[str]:
    """Works the log holds as present that the published view no longer describes (after a rebuild)."""
    rows = store.select(f"SELECT ?item WHERE {{ {G} {{ ?e {LODPUB.item} ?item ; {LODPUB.change} ?change }} "
                        f"FILTER(?change != {Literal(DELETED)}) "
                        f"FILTER NOT EXISTS {{ ?item {NamedNode('http://purl.org/dc/terms/type')} ?t }} }}")
    return sorted(term_value(r["item"]) for r in rows)
