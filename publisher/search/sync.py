"""Where a store's full-text index lives, and keeping it current with the published view.

An embedded store on disk keeps its index beside its data (``<data dir>/search.sqlite``); ``LODPUB_SEARCH_INDEX``
names another file (a remote engine's index, for one); otherwise (an in-memory store, a remote engine without that
setting) the index lives in memory with the store object. Every change to the published view goes through
:func:`follow` (the refresh calls it with what it removed and added): the works whose text may have changed (the
works changed, the works of a person or journal changed) are read again. An index that is missing is built whole
(:func:`build`: ``lodpub reindex``, the end of an ingest, or a server in the background) and is only marked
complete at the end, so a half-built index is never taken for a whole one.
"""

from __future__ import annotations

import os
import threading
import weakref
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from pyoxigraph import NamedNode, Triple

from mappings.vocab import DCTERMS, FOAF, PREFIXES, SDO, SKOS
from publisher import config
from publisher.search.documents import work_texts
from publisher.search.index import SearchIndex
from publisher.store import Reader

FILE_NAME = "search.sqlite"
BATCH = 500  # works read from the store and written to the index at a time
NAMING = frozenset({FOAF.name.value, SDO.name.value, DCTERMS.title.value, SKOS.prefLabel.value,
                    FOAF.familyName.value, FOAF.givenName.value})  # what other things give a work's text
LINKED_LIMIT = 100_000  # works re-read when one person or journal changes (its name is in their text)
_indexes: weakref.WeakKeyDictionary[object, SearchIndex] = weakref.WeakKeyDictionary()
_lock = threading.Lock()
_building: set[int] = set()


def index_path(store: Reader) -> Path | None:
    """The file of a store's index (None: it lives in memory with the store object)."""
    configured = config.load().search_index
    if configured:
        return Path(configured)
    root = getattr(store, "root", None)
    return Path(root) / FILE_NAME if isinstance(root, Path) else None


def index_of(store: Reader) -> SearchIndex:
    """The index of a store (opened once per store object)."""
    with _lock:
        found = _indexes.get(store)
        if found is None:
            found = _indexes[store] = SearchIndex(index_path(store))
        return found


def is_work(iri: str) -> bool:
    """Whether an IRI names a work (lodpub mints works under /id/work/)."""
    return "/id/work/" in iri and "#" not in iri


def follow(store: Reader, removed: Sequence[Triple], added: Sequence[Triple]) -> None:
    """Bring a complete index up to date after the published view lost ``removed`` and gained ``added``."""
    path = index_path(store)
    if path is not None and not path.exists():
        return  # no index yet: it is built whole when asked for
    index = index_of(store)
    if not index.complete():
        return
    changed = [(t.subject.value, t.predicate.value) for t in [*removed, *added] if isinstance(t.subject, NamedNode)]
    works = {s for subject, _p in changed if is_work(s := subject.split("#", 1)[0])}
    renamed = sorted({subject for subject, p in changed if p in NAMING and not is_work(subject)})
    for _depth in range(3):  # a person's or journal's name is in its works' rows (journal <- volume <- issue <- work)
        if not renamed:
            break
        linking = {t.subject.value.split("#", 1)[0] for t in store.published_linking_to(renamed, LINKED_LIMIT)
                   if isinstance(t.subject, NamedNode)}
        works |= {s for s in linking if is_work(s)}
        renamed = sorted(s for s in linking if "/id/journal/" in s)
    update(store, index, sorted(works))


def update(store: Reader, index: SearchIndex, works: Sequence[str]) -> None:
    """Read ``works`` again from the published view into the index (removing those it no longer has)."""
    for start in range(0, len(works), BATCH):
        texts, gone = work_texts(store, works[start:start + BATCH])
        index.put(texts, gone)


def all_works(store: Reader) -> Iterator[str]:
    """Every work of the published view."""
    query = f"PREFIX dcterms: <{PREFIXES['dcterms']}>\nSELECT DISTINCT ?w WHERE {{ ?w dcterms:type ?t }}"
    for row in store.select(query):
        yield row["w"].value


def build(store: Reader) -> SearchIndex:
    """Build a store's index whole (into a new file swapped in at the end, so readers keep the old one)."""
    path = index_path(store)
    target = SearchIndex(path.with_suffix(".building") if path is not None else None)
    if path is None:
        target = index_of(store)
        target.clear()
    else:
        for leftover in _files(target.path):
            leftover.unlink(missing_ok=True)
    batch: list[str] = []
    for work in all_works(store):
        batch.append(work)
        if len(batch) >= BATCH:
            update(store, target, batch)
            batch = []
    update(store, target, batch)
    target.mark_complete()
    if path is not None and target.path is not None:
        target.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        target.conn.close()
        os.replace(target.path, path)
        for leftover in _files(target.path):
            leftover.unlink(missing_ok=True)
        with _lock:
            _indexes.pop(store, None)
    return index_of(store)


def _files(path: Path | None) -> Iterable[Path]:
    return [] if path is None else [path, Path(f"{path}-wal"), Path(f"{path}-shm")]


def ensure(store: Reader) -> None:
    """Build the index if it is missing or incomplete (the end of an ingest). A remote engine's index kept in
    memory is not built here: it would be read whole at every ingest and dropped when the command ends (give it a
    file with LODPUB_SEARCH_INDEX; a server builds its own otherwise)."""
    path = index_path(store)
    if (path is None or path.exists()) and index_of(store).complete():
        return
    if path is not None or store.cheap_lookups:
        build(store)


def start_empty(store: Reader) -> None:
    """Begin a complete, empty index for an empty store (its first ingest then fills it as it goes)."""
    path = index_path(store)
    if (path is None or not path.exists()) and store.is_empty():
        index_of(store).mark_complete()


def ready(store: Reader) -> SearchIndex | None:
    """The index if it is complete; otherwise None, and a build starts in the background (once per process)."""
    path = index_path(store)
    if path is None or path.exists():
        index = index_of(store)
        if index.complete():
            return index
    key = id(store)
    with _lock:
        if key in _building:
            return None
        _building.add(key)

    def run() -> None:
        try:
            build(store)
        finally:
            with _lock:
                _building.discard(key)

    threading.Thread(target=run, name="lodpub-search-index", daemon=True).start()
    return None

