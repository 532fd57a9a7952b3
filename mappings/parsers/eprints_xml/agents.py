"""The people and bodies of an EPrints EP3 ``<eprint>``: creators, editors, supervisors, contributors, bodies.

- creators (name family/given, id, orcid) are the authors; the ``id`` is the repository's own creator id
  (an identifier of the person, as given), the ORCID iD goes on the person; an oral history's creators are
  its interviewees, and ``interviewer`` (a plain string, Caltech) names the interviewers: both contributors.
- corp_creators (``<name>`` or a plain string) are bodies, authors; "Anon." is nobody (a warning).
- editors, thesis_advisor ("ths"), thesis_committee ("dgc"): contributors in their roles.
- contributors: typed by a relator URI ("http://www.loc.gov/loc.terms/relators/EDT") or a word ("curator",
  "translator", "prefacer"); a contributor who is also a creator adds the role to the creator (an "author" entry
  only repeats the creator); the rest are contributors.
- a placeholder name ("Unknown Unknown") is dropped (a warning); a generational suffix in the family name
  ("Hutchings, Jr.") leaves it and stays in the name and the natural-order variant ("Edward Hutchings, Jr.").
"""

from __future__ import annotations

from lxml import etree

from mappings import normalize
from mappings.model import Agent, AgentKind, Record
from mappings.parsers.common.names import split_suffix, strip_titles
from mappings.parsers.eprints_xml.fields import Fields, child_fields, text
from mappings.parsers.eprints_xml.vocab import ANONYMOUS, contributor_role

PLACEHOLDER_NAMES = {"unknown", "none", "n/a", "na", "", "anon.", "anon", "anonymous"}


def read_agent(item: etree._Element, role: str, r: Record, group: str) -> Agent | None:
    """A creators/editors/contributors item as a person (None for a placeholder name, with a warning)."""
    f = child_fields(item)
    name = child_fields(f["name"]) if "name" in f else {}
    family, given = text(name.get("family")), text(name.get("given"))
    if normalize.fold(family or "").strip() in PLACEHOLDER_NAMES and \
            normalize.fold(given or "").strip() in PLACEHOLDER_NAMES:
        r.warn(group, f"placeholder name {' '.join(filter(None, (given, family)))!r} dropped",
               line=item.sourceline)
        return None
    full = ", ".join(p for p in (family, given) if p)
    suffix = None
    if family:
        family, suffix = split_suffix(family)
    if given:
        given = strip_titles(given)
    agent = Agent(name=full, family=family, given=given, roles=[role])
    if suffix:
        agent.variants.append(f"{normalize.display_name(family, given)}, {suffix}")
    if local_id := text(f.get("id")):
        agent.local_id = local_id
        agent.identifiers.append(local_id)
    if orcid := text(f.get("orcid")):
        try:
            agent.orcid = normalize.orcid(orcid)
        except ValueError as exc:
            r.warn(f"{group}_orcid", f"{full}: {exc}; the ORCID iD is left out", line=f["orcid"].sourceline)
    return agent


def read_people(r: Record, get: Fields, etype: str) -> None:
    """Fill the record's creators and contributors from every people field of the eprint."""
    interview = etype == "oral_history" or "interviewer" in get.elems
    for item in get.items("creators"):
        if agent := read_agent(item, "ive" if interview else "aut", r, "creators"):
            (r.contributors if interview else r.creators).append(agent)
    for item in get.items("corp_creators"):
        _body(r, item)
    for group, role in (("editors", "edt"), ("thesis_advisor", "ths"), ("thesis_committee", "dgc")):
        for item in get.items(group):
            if agent := read_agent(item, role, r, group):
                r.contributors.append(agent)
    for item in get.items("contributors"):
        if agent := read_agent(item, "ctb", r, "contributors"):
            agent.roles = [contributor_role(text(child_fields(item).get("type")) or "")]
            _add_contributor(r, agent)
    for group, role in (("interviewer", "ivr"), ("interviewers", "ivr"), ("interviewee", "ive")):
        values = [text(i) for i in get.items(group)] or ([get(group)] if group in get.elems else [])
        for value in filter(None, values):
            family, given = normalize.split_name(value)
            r.contributors.append(Agent(name=value, family=family, given=given, roles=[role]))


def _body(r: Record, item: etree._Element) -> None:
    """A corporate creator: ``<name>`` (with an ``<id>``) or the item's own text."""
    f = child_fields(item)
    name = text(f.get("name")) if "name" in f else text(item)
    if not name:
        return
    if normalize.fold(name) in ANONYMOUS:
        r.warn("corp_creators", f"{name!r} (anonymous) is no body; left out", line=item.sourceline)
        return
    agent = Agent(name=name, kind=AgentKind.ORGANIZATION)
    if local_id := text(f.get("id")):
        agent.local_id = local_id
        agent.identifiers.append(local_id)
    r.creators.append(agent)


def _add_contributor(r: Record, agent: Agent) -> None:
    """A contributor who is already a creator adds the role to the creator (never a second person)."""
    same = next((a for a in [*r.creators, *r.contributors]
                 if normalize.fold(a.name) == normalize.fold(agent.name) and a.kind is agent.kind), None)
    if same is None:
        (r.creators if agent.roles == ["aut"] else r.contributors).append(agent)
    elif agent.roles[0] not in same.roles and agent.roles[0] != "ctb" and \
            not (agent.roles[0] == "aut" and same in r.creators):
        same.roles.append(agent.roles[0])
