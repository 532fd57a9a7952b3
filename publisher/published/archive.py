"""What a first load wrote, kept aside compressed so the published view's rebuild need not read it back from the store.

Reading a record graph back from a freshly bulk-loaded store costs ~50–100 µs a quad (every term is looked up in
the store's string table, across the many overlapping files a bulk load leaves); parsing the same N-Triples costs
~10–20 µs a triple. During a first load the ingest keeps every record graph's N-Triples here, zlib-compressed
(~8× smaller) in an anonymous temporary file, with an in-memory offset per graph; the rebuild then reads them from
here. A graph written twice keeps its last version.
"""

from __future__ import annotations

import tempfile
import threading
import zlib
from collections.abc import Iterable

from publisher.store import GraphWrite


class GraphArchive:
    """Record graphs' N-Triples by graph IRI, compressed in a temporary file (removed when closed)."""

    def __init__(self, directory: str | None = None) -> None:
        self._file = tempfile.TemporaryFile(prefix="lodpub-graphs-", dir=directory)  # noqa: SIM115 - closed by close()
        self._where: dict[str, tuple[int, int]] = {}
        self._end = 0
        self._lock = threading.Lock()

    def add(self, writes: Iterable[GraphWrite]) -> None:
        """Keep the N-Triples of these graphs (replacing an earlier version of the same graph)."""
        with self._lock:
            self._file.seek(self._end)
            for write in writes:
                blob = zlib.compress(write.ntriples, 1)
                self._file.write(blob)
                self._where[write.graph] = (self._end, len(blob))
                self._end += len(blob)

    def get(self, graph: str) -> bytes | None:
        """The N-Triples kept for ``graph`` (None if it was not kept)."""
        with self._lock:
            found = self._where.get(graph)
            if found is None:
                return None
            self._file.seek(found[0])
            blob = self._file.read(found[1])
        return zlib.decompress(blob)

    def __len__(self) -> int:
        return len(self._where)

    @property
    def size(self) -> int:
        """Bytes on disk."""
        return self._end

    def close(self) -> None:
        """Remove the temporary file."""
        self._file.close()
        self._where.clear()
