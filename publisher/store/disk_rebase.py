"""Moving an embedded data directory to a new base: a rewritten copy of the master, swapped in under a journal.

The copy is built beside the master (``master.rebase/``, pyoxigraph's bulk loader, then compacted) while readers
keep reading the published snapshot; only when it is complete is it swapped for the master and published, so
readers see every IRI under the old base or every IRI under the new one, never a mixture. The journal
``rebase.journal`` says how far a rebase got: ``copying`` (a killed rebase is abandoned: the master was never
touched) or ``swapping`` (the copy is complete: a killed rebase is finished at the next writable open).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox

JOURNAL = "rebase.journal"
COPY = "master.rebase"
OLD = "master.old"


def moved(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.DefaultGraph | ox.Triple, old: str,
          new: str) -> ox.NamedNode | ox.BlankNode | ox.Literal | ox.DefaultGraph | ox.Triple:
    """A term with an IRI under ``old`` moved under ``new``; any other term as it is."""
    if isinstance(term, ox.NamedNode) and term.value.startswith(old):
        return ox.NamedNode(new + term.value[len(old):])
    return term


def moved_quads(quads: Iterable[ox.Quad], old: str, new: str) -> Iterator[ox.Quad]:
    """Every quad with its IRIs under ``old`` moved under ``new`` (graph names included)."""
    for q in quads:
        yield ox.Quad(moved(q.subject, old, new), moved(q.predicate, old, new),  # type: ignore[arg-type]
                      moved(q.object, old, new), moved(q.graph_name, old, new))  # type: ignore[arg-type]


def _journal(root: Path, state: str) -> None:
    with open(root / JOURNAL, "w") as fh:
        fh.write(state + "\n")
        fh.flush()
        os.fsync(fh.fileno())


def build_copy(root: Path, master: ox.Store, old: str, new: str) -> None:
    """Write the rebased copy of ``master`` beside it (journalled); on any failure remove it and re-raise."""
    copy = root / COPY
    shutil.rmtree(copy, ignore_errors=True)
    _journal(root, "copying")
    try:
        fresh = ox.Store(str(copy))
        fresh.bulk_extend(moved_quads(master.quads_for_pattern(None, None, None, None), old, new))
        fresh.flush()
        fresh.optimize()
        del fresh
        _journal(root, "swapping")
    except BaseException:
        shutil.rmtree(copy, ignore_errors=True)
        (root / JOURNAL).unlink(missing_ok=True)
        raise


def swap_in(root: Path) -> None:
    """Put the complete copy in the master's place (the master must be closed); idempotent after a crash."""
    master, copy, old = root / "master", root / COPY, root / OLD
    if copy.exists():
        if master.exists():
            shutil.rmtree(old, ignore_errors=True)
            os.rename(master, old)
        os.rename(copy, master)
    shutil.rmtree(old, ignore_errors=True)


def finish(root: Path) -> None:
    """The rebase is published: drop the journal."""
    (root / JOURNAL).unlink(missing_ok=True)


def recover(root: Path) -> str | None:
    """Settle a rebase killed part-way (the master closed): what was done, for the operator, or None."""
    journal = root / JOURNAL
    if not journal.exists():
        return None
    state = journal.read_text().strip()
    if state == "swapping":
        swap_in(root)
        return "an interrupted rebase was completed"
    shutil.rmtree(root / COPY, ignore_errors=True)
    if not (root / "master").exists() and (root / OLD).exists():
        os.rename(root / OLD, root / "master")
    finish(root)
    return "an interrupted rebase was abandoned; the store keeps its former base"
