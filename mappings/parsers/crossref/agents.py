"""Crossref contributors (author, editor, translator, chair) as Agents, with the deposit errors real records show.

- ``given`` + ``family`` -> a person; ``name`` alone -> an organisation (Crossref's rule for bodies).
- ``family`` without ``given``: one word is a family name; "BROWNE, CAROLYN S." is an inverted name, read
  as "Family, Given" with a warning; "Newell P. Campbell" (the whole name in ``family``) and "Michael E.
  Hohn, Donald W. Neal" (several people in one ``family``) are kept as given, as one person without a family
  name, with a warning: which part is the family name, or where one person ends, would be a guess.
- Affiliations deposited as authors: in an author list with persons who have no affiliations, a run of
  ``name``-only entries at least one of which names an institution ("Paderborn University", then
  "University of Regensburg", "University of Technology Darmstadt", "HEC Montréal") is not authors: they
  are left out of the authors, kept as unmapped source fields, with a warning.
"""

from __future__ import annotations

import re
from typing import Any

from mappings import normalize
from mappings.model import Agent, AgentKind, Record, SourceField

INSTITUTION = re.compile(
    r"\b(?:universit\w*|univ|college|institut\w*|instituto|school|hospital|academy|polytechnic\w*|faculty"
    r"|department|laborator\w*|école|ecole|hochschule|fachhochschule|centre|center)\b", re.IGNORECASE)
INITIAL = re.compile(r"\b[A-Z]\.")


def _text(value: Any, clean: Any) -> str | None:
    return clean(value) if isinstance(value, str) and clean(value) else None


def _family_only(family: str, r: Record, role_key: str) -> tuple[str, str | None, str | None]:
    """(display name, family, given) for an entry with ``family`` and no ``given``."""
    if len(family.split()) == 1:
        return family, family, None
    packed = ";" in family or " and " in family or "&" in family or family.count(",") > 1
    if not packed and family.count(",") == 1:
        surname, forenames = (p.strip() for p in family.split(",", 1))
        if surname and forenames and not INITIAL.search(surname) and len(surname.split()) <= 2:
            r.warn(role_key, f"the whole name {family!r} is in 'family' (no 'given'): read as 'Family, Given'")
            return family, surname, forenames
        packed = True
    if packed:
        r.warn(role_key, f"several people in one 'family' value ({family!r}): kept as given, as one person "
                         "(splitting it would be a guess)")
    else:
        r.warn(role_key, f"the whole name {family!r} is in 'family' (no 'given'): kept as given, not split")
    return family, None, None


def agent(obj: dict[str, Any], role: str, role_key: str, r: Record, clean: Any) -> Agent | None:
    """One contributor object (None when it names nobody)."""
    family, given, name = (_text(obj.get(k), clean) for k in ("family", "given", "name"))
    listed: list[Any] = obj["affiliation"] if isinstance(obj.get("affiliation"), list) else []
    affiliations = [a.get("name") for a in listed if isinstance(a, dict) and a.get("name")]
    if not family and name:
        return Agent(name=name, kind=AgentKind.ORGANIZATION, roles=[role])
    if not family:
        return None
    display: str
    family_name: str | None
    given_name: str | None
    if given:
        display, family_name, given_name = f"{family}, {given}", family, given
    else:
        display, family_name, given_name = _family_only(family, r, role_key)
    found = Agent(name=display, family=family_name, given=given_name, roles=[role],
                  affiliation=clean(str(affiliations[0])) if affiliations else None)
    if orcid := obj.get("ORCID"):
        try:
            found.orcid = normalize.orcid(str(orcid))
            found.identifiers.append("https://orcid.org/" + found.orcid)
        except ValueError as exc:
            r.warn(role_key, f"{exc}; the ORCID iD is left out")
    return found


def deposited_affiliations(entries: list[dict[str, Any]], clean: Any) -> set[int]:
    """Positions of ``name``-only author entries that are affiliations deposited as authors."""
    people = [e for e in entries if isinstance(e, dict) and e.get("family")]
    if not people or any(e.get("affiliation") for e in people):
        return set()
    found: set[int] = set()
    run: list[int] = []
    for i, entry in enumerate([*entries, {}]):
        named = isinstance(entry, dict) and not entry.get("family") and _text(entry.get("name"), clean)
        if named:
            run.append(i)
            continue
        if any(INSTITUTION.search(str(entries[j].get("name"))) for j in run):
            found.update(run)
        run = []
    return found


def read_agents(get: Any, r: Record, clean: Any) -> None:
    """author (in order), editor, translator and chair of a Crossref work."""
    for key, role in (("author", "aut"), ("editor", "edt"), ("translator", "trl"), ("chair", "ctb")):
        entries = get.dicts(key)
        skipped = deposited_affiliations(entries, clean) if key == "author" else set()
        for i, obj in enumerate(entries):
            if i in skipped:
                org = clean(str(obj.get("name")))
                r.warn(key, f"{org!r} is listed as an author but names an institution among persons without "
                            "affiliations (an affiliation deposited as an author): left out of the authors")
                r.unmapped.append(SourceField("author (affiliation deposited as an author)", org))
                continue
            found = agent(obj, role, key, r, clean)
            if found is not None:
                (r.creators if role == "aut" else r.contributors).append(found)
