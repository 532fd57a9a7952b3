"""Content negotiation: the one function that chooses among the formats of publisher.formats' table.

:func:`negotiate` implements proactive negotiation on ``Accept`` as RFC 9110 §12.5.1 describes it:
q-values, ``type/*`` and ``*/*`` ranges, the most specific matching range deciding an offer's q,
``q=0`` meaning "not acceptable", media-type parameters (``text/x-bibliography; style=apa``) handed to
the renderer, and, on equal q, the client's order (then the server's). Werkzeug's ``best_match``
ignores parameters and the client's order, hence this function.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from publisher.formats import BY_KEY, Format

_TOKEN = r"[!#$%&'*+.^_`|~0-9A-Za-z-]+"
_RANGE = re.compile(rf"^\s*({_TOKEN}|\*)/({_TOKEN}|\*)\s*$")
_PARAM = re.compile(rf"^\s*({_TOKEN})\s*=\s*(\"(?:[^\"\\]|\\.)*\"|{_TOKEN})\s*$")


class AcceptError(ValueError):
    """An Accept header with no valid media range in it."""


@dataclass(frozen=True)
class MediaRange:
    """One member of an Accept header."""

    type: str
    subtype: str
    params: tuple[tuple[str, str], ...]
    q: float
    position: int

    def specificity(self) -> tuple[int, int]:
        """How specific the range is: exact type beats type/* beats */*; more parameters beat fewer."""
        level = 0 if self.type == "*" else (1 if self.subtype == "*" else 2)
        return level, len(self.params)

    def matches(self, media_type: str) -> bool:
        """Whether this range covers a media type."""
        main, _, sub = media_type.partition("/")
        return self.type == "*" or (self.type == main and self.subtype in ("*", sub))


@dataclass(frozen=True)
class Negotiated:
    """The chosen representation, the q it was accepted with, and the client's media-type parameters."""

    representation: Format
    q: float = 1.0
    params: dict[str, str] = field(default_factory=dict)


def parse_accept(header: str) -> list[MediaRange]:
    """Parse an Accept header into media ranges; AcceptError if no member is valid."""
    ranges: list[MediaRange] = []
    members = [m for m in _split(header, ",") if m.strip()]
    for position, member in enumerate(members):
        pieces = _split(member, ";")
        match = _RANGE.match(pieces[0])
        if not match or (match[1] == "*" and match[2] != "*"):
            continue
        q, params, ok = 1.0, [], True
        for piece in pieces[1:]:
            pm = _PARAM.match(piece)
            if not pm:
                ok = False
                break
            name, value = pm[1].lower(), pm[2].strip('"')
            if name == "q":
                if not re.fullmatch(r"0(\.\d{0,3})?|1(\.0{0,3})?", value):
                    ok = False
                    break
                q = float(value)
                break  # what follows q is accept-ext, not media-type parameters
            params.append((name, value))
        if ok:
            ranges.append(MediaRange(match[1].lower(), match[2].lower(), tuple(params), q, position))
    if members and not ranges:
        raise AcceptError(f"malformed Accept header: {header[:200]!r}")
    return ranges


def _split(text: str, sep: str) -> list[str]:
    """Split on ``sep`` outside quoted strings."""
    parts: list[str] = []
    current: list[str] = []
    quoted = escaped = False
    for ch in text:
        if escaped:
            escaped = False
        elif ch == "\\" and quoted:
            escaped = True
        elif ch == '"':
            quoted = not quoted
        elif ch == sep and not quoted:
            parts.append("".join(current))
            current = []
            continue
        current.append(ch)
    parts.append("".join(current))
    return parts


def negotiate(accept: str | None, offers: Sequence[str]) -> Negotiated | None:
    """Choose among the formats keyed by ``offers`` (server order); None if none is acceptable."""
    reps = [BY_KEY[k] for k in offers]
    if not reps:
        return None
    if accept is None or not accept.strip():
        return Negotiated(reps[0])
    ranges = parse_accept(accept)
    best: tuple[float, int, int] | None = None
    chosen: Negotiated | None = None
    for server_rank, rep in enumerate(reps):
        for media_type in (rep.media_type, *rep.aliases):
            # An alias counts only where the client names it: a wildcard reaches the canonical type.
            applicable = [r for r in ranges if r.matches(media_type)
                          and (rep.takes_parameters or not _discriminating(r.params))
                          and (media_type == rep.media_type or r.subtype != "*")]
            if not applicable:
                continue
            top = max(applicable, key=lambda r: r.specificity())
            if top.q <= 0:
                break  # the most specific range for this type refuses it
            score = (top.q, -top.position, -server_rank)
            if best is None or score > best:
                best = score
                chosen = Negotiated(rep, top.q, dict(top.params) if rep.takes_parameters else {})
    return chosen


def _discriminating(params: tuple[tuple[str, str], ...]) -> bool:
    """Parameters that select a different type (anything but charset) rule out plain offers."""
    return any(name not in ("charset",) for name, _ in params)


def offered(keys: Sequence[str]) -> str:
    """A human list of the media types for a 406 message."""
    return ", ".join(BY_KEY[k].media_type for k in keys)
