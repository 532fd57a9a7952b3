"""Generate a synthetic corpus of N records in lodpub's input formats, streamed to many gzip files.

Usage: ``python -m bench.corpus OUT_DIR [--records 1000000] [--seed 8] [--per-file 1000] [--jobs 2]``

File ``i`` holds works ``i*per_file .. (i+1)*per_file-1`` and depends only on the seed and ``i``, so a
corpus of 10k records is the first ten files of one of 1M, and files are written in parallel without
holding the corpus in memory. Formats rotate by file: EP3 XML, MARCXML and BL catalogue displays (many
records per file); one file in 50 (the 5th, 55th ...) is a directory of single-record EPrints pages (that
format holds one record per file). ``manifest.json`` records what was generated, including the malformed
records planned.

About 10% of the works are described by two or three source records of different formats, as a work is that
a publisher, a repository and a catalogue all hold: the first copy of a work of file ``i`` is written into
file ``i+1``, the second into ``i+2`` (the formats rotate, so every copy is in another format), each with the
same DOI or ISBN and the same people (ORCIDs where the format holds them). People are drawn from one skewed pool
(bench/vocab.py), so prolific authors recur across works, 30% of them with an ORCID. ``--revision R`` changes
the title of 1% of the works (their first record only): ingesting it over a store of revision 0 is a re-ingest
of 1% changed records.
"""

from __future__ import annotations

import argparse
import gzip
import json
import multiprocessing as mp
import os
import sys
import time
from collections import Counter
from pathlib import Path

from bench import formats, vocab
from bench.synth import Work, make_work

SCHEDULE = ("eprints-xml", "marcxml", "bl-catalogue")
PAGES_EVERY = 50  # one file in 50 is a directory of EPrints pages (file 4 first, so 10k records hold some)
SUFFIX = {"eprints-xml": "xml", "marcxml": "xml", "bl-catalogue": "txt"}
DUPLICATED_PER_MILLE = 126  # works drawn as duplicated (those with a DOI or a book's ISBN keep it): ~10% of works
THREE_RECORDS_PER_MILLE = 400  # of the duplicated works, those described by three records rather than two
REVISED_PER_MILLE = 10  # works whose first record a revision changes
VERSION = 3  # bump when the generator's output changes, so cached corpora are regenerated


def file_format(i: int) -> str:
    """The input format of file ``i``."""
    return "eprints-page" if i % PAGES_EVERY == 4 else SCHEDULE[i % len(SCHEDULE)]


def file_name(i: int) -> str:
    """The name of file (or directory) ``i``."""
    fmt = file_format(i)
    return f"f{i:05d}-{fmt}" + ("" if fmt == "eprints-page" else f".{SUFFIX[fmt]}.gz")


def _write(path: Path, text: str) -> None:
    tmp = path.with_name("." + path.name + ".tmp")
    with gzip.open(tmp, "wb", compresslevel=5) as out:
        out.write(text.encode("utf-8"))
    os.replace(tmp, path)


def extra_records(w: Work, seed: int) -> int:
    """How many more source records (0, 1 or 2) describe work ``w``: only a work with an identifier that says it is
    one work (a DOI, or the ISBN of a book; a chapter shares its book's ISBN) is duplicated."""
    h = vocab.mix(seed, 10, w.n)
    if h % 1000 >= DUPLICATED_PER_MILLE or not (w.doi or (w.isbn and w.kind == "book")):
        return 0
    return 2 if (h >> 20) % 1000 < THREE_RECORDS_PER_MILLE else 1


def revised(w: Work, seed: int, revision: int) -> Work:
    """Work ``w`` as revision ``revision`` of the corpus gives it (1% of works get a changed title)."""
    if revision and vocab.mix(seed, 11, w.n, revision) % 1000 < REVISED_PER_MILLE:
        w.title = f"{w.title} (revision {revision})"
    return w


def copies_for(i: int, per_file: int, seed: int) -> list[Work]:
    """The extra records file ``i`` holds: copies of the duplicated works of the two files before it (clean copies:
    a malformed record is the primary's defect, not its duplicate's)."""
    out = []
    for back in (1, 2):
        j = i - back
        if j < 0:
            continue
        for n in range(j * per_file, (j + 1) * per_file):
            if vocab.mix(seed, 10, n) % 1000 >= DUPLICATED_PER_MILLE:
                continue
            w = make_work(n, seed)
            if extra_records(w, seed) >= back:
                w.defect = None
                out.append(w)
    return out


def write_file(args: tuple[str, int, int, int, int]) -> dict[str, int]:
    """Generate file ``i`` under ``out``; return counts of records, kinds and planned defects."""
    out, i, per_file, seed, revision = args
    fmt = file_format(i)
    works = [revised(make_work(n, seed), seed, revision) for n in range(i * per_file, (i + 1) * per_file)]
    copies = copies_for(i, per_file, seed)
    counts: Counter[str] = Counter({"records": len(works) + len(copies), f"format:{fmt}": len(works) + len(copies)})
    counts.update("duplicated works" for w in works if extra_records(w, seed))
    counts.update("duplicate records" for _w in copies)
    counts.update("revised" for w in works if w.title.endswith(f"(revision {revision})") and revision)
    works += copies
    counts.update(f"kind:{w.kind}" for w in works)
    counts.update(f"defect:{w.defect}" for w in works if w.defect)
    counts.update("doi" for w in works if w.doi)
    target = Path(out) / file_name(i)
    if fmt == "eprints-page":
        target.mkdir(exist_ok=True)
        for w in works:
            _write(target / f"{w.n:08d}.txt.gz", formats.eprints_page(w))
    elif fmt == "eprints-xml":
        _write(target, formats.eprints_xml(works))
    elif fmt == "marcxml":
        _write(target, formats.marcxml(works))
    else:
        _write(target, formats.bl_catalogue(works))
    return dict(counts)


def generate(out: str | os.PathLike[str], records: int, *, seed: int = 8, per_file: int = 1000,
             jobs: int | None = None, quiet: bool = False, revision: int = 0) -> dict[str, object]:
    """Write the corpus (reusing it when ``manifest.json`` says it is already there); return the manifest.

    ``records`` counts works (``per_file`` per file); the duplicate records come on top of them."""
    root = Path(out)
    root.mkdir(parents=True, exist_ok=True)
    manifest_path = root / "manifest.json"
    wanted = {"version": VERSION, "seed": seed, "per_file": per_file, "records": records, "revision": revision}
    if manifest_path.exists():  # a corpus of at least as many records holds this one as its first files
        manifest = json.loads(manifest_path.read_text())
        if all(manifest.get(k) == v for k, v in wanted.items() if k != "records") and manifest["records"] >= records:
            return dict(manifest)
    files = (records + per_file - 1) // per_file
    totals: Counter[str] = Counter()
    started = time.monotonic()
    tasks = [(str(root), i, per_file, seed, revision) for i in range(files)]
    with mp.get_context("spawn").Pool(jobs or os.cpu_count() or 1) as pool:
        for done, counts in enumerate(pool.imap_unordered(write_file, tasks, chunksize=4), start=1):
            totals.update(counts)
            if not quiet and (done % 50 == 0 or done == files):
                rate = totals["records"] / (time.monotonic() - started)
                print(f"\r{done}/{files} files, {totals['records']} records ({rate:.0f}/s)", end="", file=sys.stderr)
    if not quiet:
        print(file=sys.stderr)
    manifest = {**wanted, "records": files * per_file, "files": [file_name(i) for i in range(files)],
                "counts": dict(sorted(totals.items())), "seconds": round(time.monotonic() - started, 1)}
    manifest_path.write_text(json.dumps(manifest, indent=1))
    return manifest


def paths_for(out: str | os.PathLike[str], records: int) -> list[str]:
    """The files (and directories) holding the first ``records`` records of a generated corpus."""
    manifest = json.loads((Path(out) / "manifest.json").read_text())
    count = (records + manifest["per_file"] - 1) // manifest["per_file"]
    if count > len(manifest["files"]):
        raise ValueError(f"the corpus at {out} holds {manifest['records']} records, fewer than {records}")
    return [str(Path(out) / name) for name in manifest["files"][:count]]


def main(argv: list[str] | None = None) -> int:
    """Command line: generate a corpus."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("out", help="directory to write into")
    ap.add_argument("--records", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=8)
    ap.add_argument("--per-file", type=int, default=1000)
    ap.add_argument("--jobs", type=int, default=None)
    ap.add_argument("--revision", type=int, default=0, help="change 1%% of the works' first records (a re-ingest)")
    args = ap.parse_args(argv)
    manifest = generate(args.out, args.records, seed=args.seed, per_file=args.per_file, jobs=args.jobs,
                        revision=args.revision)
    print(json.dumps(manifest["counts"], indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
