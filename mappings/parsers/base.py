"""What every input format provides: a :class:`Parser`, and the :class:`Precedence` of its values in a merge.

A parser turns a byte stream into the typed :class:`~mappings.model.Record` (or a
:class:`~mappings.model.RecordError` per record it rejects, so one bad record never stops the rest of a
file). When several sources describe one work, the published view picks one value per field from the
source that ranks first for that field: each format package declares those ranks as a ``PRECEDENCE``.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import BinaryIO, ClassVar, Literal, get_args

from mappings.model import Record, RecordError

# the neutral record fields for which the published view picks a single value when sources disagree
MergeField = Literal["title", "creators", "abstract", "issued", "publisher", "place", "work_type", "host"]
MERGE_FIELDS: tuple[MergeField, ...] = get_args(MergeField)


@dataclass(frozen=True)
class Precedence:
    """How early a format's value for each merged field comes when sources disagree: lower wins.

    ``default`` ranks every field not named in ``fields``. The scale is shared by all formats:
    publisher metadata (Crossref) 10, repositories 20-25, library catalogues 30-40, OAI-PMH harvests
    50-60; a field is ranked apart where one kind of source is known to be better at it (catalogues
    transcribe publisher and place from the item; repositories hold the author's own abstract).
    """

    default: int
    fields: Mapping[MergeField, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        unknown = set(self.fields) - set(MERGE_FIELDS)
        if unknown:
            raise ValueError(f"no merged record field {sorted(unknown)}; known: {', '.join(MERGE_FIELDS)}")
        object.__setattr__(self, "fields", MappingProxyType(dict(self.fields)))

    def rank(self, name: MergeField) -> int:
        """The rank of this format's value for the field ``name`` (lower wins)."""
        if name not in MERGE_FIELDS:
            raise ValueError(f"no merged record field {name!r}; known: {', '.join(MERGE_FIELDS)}")
        return self.fields.get(name, self.default)


class Parser(ABC):
    """An input format: detects itself from the first bytes and parses a stream into records."""

    name: ClassVar[str]
    description: ClassVar[str] = ""

    @classmethod
    @abstractmethod
    def sniff(cls, head: bytes) -> int:
        """How sure (0-100) this parser is that an input starting with ``head`` is its format."""

    @abstractmethod
    def parse(self, stream: BinaryIO, source: str) -> Iterator[Record | RecordError]:
        """Yield a Record per good source record and a RecordError per rejected one."""
