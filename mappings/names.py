"""Personal names as evidence: folding, parsing and the compatibility test identity rules rely on.

Two name forms are *compatible* when they can be the same person's name written differently: the family
names fold to the same string, and the given names agree token by token, where an initial matches any
name starting with it and a missing middle name is no contradiction ("Melanie" / "Melanie J." /
"M. J."). Compatibility is never enough on its own to merge two people: the identity rules ask for it
*and* for evidence beyond the name (a shared identifier, the same work, a shared co-author or institution).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_PARTICLES = {"van", "von", "der", "den", "de", "da", "di", "del", "della", "du", "le", "la", "ter", "ten", "bin",
              "ibn", "al", "el"}
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv", "phd", "dr", "prof", "mr", "mrs", "ms", "sir", "rev"}


@lru_cache(maxsize=1 << 16)
def fold_name(text: str) -> str:
    """Case-, accent- and punctuation-free form of a name part: "Munn-Giddings" -> "munn giddings"."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_ish = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    ascii_ish = ascii_ish.replace("ß", "ss").replace("ø", "o").replace("ł", "l").replace("æ", "ae")
    return " ".join(re.sub(r"[^\w]+", " ", ascii_ish).split())


@dataclass(frozen=True)
class PersonName:
    """A personal name reduced to what identity compares: the folded family name and given-name tokens."""

    family: str
    given: tuple[str, ...]

    @property
    def first_given(self) -> str | None:
        """The first given name when written out in full ("melanie" in "Melanie J."), else None."""
        return self.given[0] if self.given and len(self.given[0]) > 1 and not self.given[0].endswith(".") else None

    def key(self) -> str:
        """A display-independent key: "boyce|melanie j"."""
        return f"{self.family}|{' '.join(self.given)}"

    def name_key(self) -> str | None:
        """The key of the circumstantial rules' candidates: family and full first given name ("boyce|melanie")."""
        return f"{self.family}|{self.first_given}" if self.first_given else None


def _given_tokens(given: str) -> tuple[str, ...]:
    """Folded given-name tokens; an abbreviation keeps its full stop ("Will." -> "will.") so it matches
    the names it abbreviates, and an initial is one letter ("M.J." -> "m", "j")."""
    spaced = re.sub(r"(?<=[A-Za-z])\.(?=[A-Za-z])", ". ", given)  # "M.J." -> "M. J."
    tokens = []
    for raw in spaced.split():
        abbreviated = raw.endswith(".") and len(raw.rstrip(".")) > 1
        for part in fold_name(raw).split():
            if part in _SUFFIXES:
                continue
            tokens.append(part + "." if abbreviated and part == fold_name(raw).split()[-1] else part)
    return tuple(tokens)


def parse_name(family: str | None, given: str | None, full: str = "") -> PersonName | None:
    """The comparable form of a person's name, from family/given parts or a "Family, Given" string."""
    if not family and full:
        if "," in full:
            family, given = (p.strip() for p in full.split(",", 1))
        else:
            parts = full.split()
            if len(parts) >= 2:
                cut = len(parts) - 1
                while cut > 1 and parts[cut - 1].lower() in _PARTICLES:
                    cut -= 1
                family, given = " ".join(parts[cut:]), " ".join(parts[:cut])
            else:
                family = full
    if not family:
        return None
    folded_family = fold_name(re.sub(r",?\s*\d{4}-(?:\d{4})?\.?$", "", family))
    if not folded_family:
        return None
    return PersonName(folded_family, _given_tokens(given or ""))


def _token_matches(a: str, b: str) -> bool:
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    if a.endswith(".") or b.endswith("."):  # "Will." abbreviates "William"
        short, long = (a, b) if len(a) <= len(b) else (b, a)
        return long.rstrip(".").startswith(short.rstrip("."))
    return a == b


def compatible(a: PersonName, b: PersonName) -> bool:
    """Whether two name forms can be one person's: same family name, no contradicting given name."""
    if a.family != b.family:
        return False
    if not a.given or not b.given:
        return True
    short, long = (a.given, b.given) if len(a.given) <= len(b.given) else (b.given, a.given)
    # every token of the shorter form must match, in order, a token of the longer one, the first with the first
    if not _token_matches(short[0], long[0]):
        return False
    j = 1
    for token in short[1:]:
        while j < len(long) and not _token_matches(token, long[j]):
            j += 1
        if j == len(long):
            return False
        j += 1
    return True


def strongly_compatible(a: PersonName, b: PersonName) -> bool:
    """Compatible, and the first given name is written out in full, identically, in both forms.

    The bar for rules whose other evidence is circumstantial (a shared co-author or institution): "M. Boyce"
    and "Melanie Boyce" are compatible but not strongly so.
    """
    return compatible(a, b) and a.first_given is not None and a.first_given == b.first_given
