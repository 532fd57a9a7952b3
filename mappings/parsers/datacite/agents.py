"""DataCite creators and contributors as Agents: persons or organisations, roles, identifiers, affiliation.

- ``nameType`` decides person or organisation; without it, given/family names make a person, a name in
  the schema's "Family, Given" form is a person, and a name that reads as a body ("... Consortium",
  "University of ...", "Lab for ...", five words or more without a comma) is an organisation, as is a
  contributor whose type is an institution's (HostingInstitution, Funder, DataManager ...).
- Several people packed into one name ("Jones, M.; Slaughter, P.; ...") are kept as given, as one agent,
  with a warning: splitting the string would be a guess. Several people written as separate
  ``creatorName`` elements inside one ``<creator>`` were already split when the XML was read.
- ``nameIdentifiers`` -> ``Agent.identifiers`` (a URI where the value or its scheme URI gives one, else
  "(scheme)value"); an ORCID iD -> ``Agent.orcid``; an identifier without a value is a warning.
- A contributor who is also a creator (a ContactPerson, a ProjectLeader ...) gets the role on that one agent.
"""

from __future__ import annotations

import re
from typing import Any

from mappings import normalize
from mappings.model import Agent, AgentKind, Record
from mappings.parsers.datacite.values import dicts, line, lower, text

ROLES = {  # DataCite contributorType -> MARC relator code
    "contactperson": "ctb", "datacollector": "dtc", "datacurator": "cur", "datamanager": "dtm",
    "distributor": "dst", "editor": "edt", "hostinginstitution": "his", "producer": "pro",
    "projectleader": "rth", "projectmanager": "pdr", "projectmember": "rtm", "registrationagency": "ctb",
    "registrationauthority": "ctb", "relatedperson": "asn", "researcher": "res", "researchgroup": "rtm",
    "rightsholder": "cph", "sponsor": "spn", "supervisor": "ths", "workpackageleader": "rth", "funder": "fnd",
    "translator": "trl", "other": "ctb",
}
ORGANISATION_TYPES = {"hostinginstitution", "funder", "datamanager", "distributor", "registrationagency",
                      "registrationauthority", "researchgroup", "rightsholder", "sponsor"}
BODY = re.compile(
    r"\b(?:universit\w*|univ|college|institut\w*|instituto|laborator\w*|labs?|librar\w*|bibliot\w*|cent(?:er|re|ro)\w*"
    r"|consorti\w*|observator\w*|society|association|council|foundation|agency|department|dept|school|group"
    r"|project|team|network|services?|ministry|office|museum|archiv\w*|committee|programm?e?|initiative"
    r"|corporation|company|inc|ltd|gmbh|studies|research|survey|hospital|academy|akademie|federation"
    r"|commission|board|collaboration|repository|facility|unit|faculty|fakult\w*|organi[sz]ation|gesellschaft"
    r"|verein|stiftung|zentrum|bureau|administration|authority|government|partnership|alliance)\b",
    re.IGNORECASE,
)
INITIAL = re.compile(r"\b[A-Z]\.")
FAMILY_INITIALS = re.compile(r"^([^\W\d_][\w'-]+)\s+((?:[A-Z]\.\s*){1,3}|[A-Z]{1,3})$")


def looks_like_body(name: str) -> bool:
    """Whether a name reads as an organisation's ("The GTEx Consortium", "University Of Bath")."""
    return bool(BODY.search(name)) or (len(name.split()) >= 5 and "," not in name)


def _identifiers(agent: Agent, values: list[dict[str, Any]], r: Record, field: str) -> None:
    for ni in values:
        value, scheme = text(ni.get("nameIdentifier")), text(ni.get("nameIdentifierScheme"))
        scheme_uri = text(ni.get("schemeUri") or ni.get("schemeURI"))
        if not value:
            if scheme:
                r.warn(field, f"a {scheme} nameIdentifier without a value (for {agent.name!r})", line=line(ni))
            continue
        if lower(scheme) == "orcid" or "orcid.org" in value:
            try:
                agent.orcid = agent.orcid or normalize.orcid(value)
                value = "https://orcid.org/" + normalize.orcid(value)
            except ValueError as exc:
                r.warn(field, f"{exc} (for {agent.name!r}): kept as given, not as an ORCID iD", line=line(ni))
        elif not value.startswith(("http://", "https://")) and scheme_uri and " " not in value:
            value = scheme_uri.rstrip("/") + "/" + value
        elif not value.startswith(("http://", "https://")) and scheme:
            value = f"({scheme}){value}"
        if value not in agent.identifiers:
            agent.identifiers.append(value)


def _affiliation(value: Any) -> str | None:
    return next((t for a in dicts(value, "name") if (t := text(a.get("name") or a.get("affiliation")))), None)


def agent(obj: dict[str, Any], role: str, r: Record, field: str) -> Agent | None:
    """One creator or contributor (None when it names nobody)."""
    name, given, family = text(obj.get("name")), text(obj.get("givenName")), text(obj.get("familyName"))
    kind_given = lower(obj.get("nameType") or obj.get("type"))  # bolognese DataCite JSON: "type": "Person"
    if not (name or family):
        return None
    found = Agent(name=name or ", ".join(p for p in (family, given) if p), roles=[role],
                  affiliation=_affiliation(obj.get("affiliation")))
    ident = text(obj.get("id"))
    ids = dicts(obj.get("nameIdentifiers"), "nameIdentifier") + ([{"nameIdentifier": ident}] if ident else [])
    packed = not (given or family) and len([p for p in found.name.split(";") if p.strip()]) > 1
    if kind_given.startswith("org"):
        found.kind = AgentKind.ORGANIZATION
    elif given or family:
        found.family, found.given = family, given
    elif packed:
        r.warn(field, f"several people in one name ({found.name!r}): kept as given, as one agent "
                      "(splitting it would be a guess)", line=line(obj))
    elif not kind_given.startswith("person") and looks_like_body(found.name):
        found.kind = AgentKind.ORGANIZATION
    elif found.name.count(",") == 1:
        family, given = (p.strip() or None for p in found.name.split(",", 1))
        if family and (INITIAL.search(family) or len(family.split()) > 3):  # "Hohn, M. E., Neal, D. W."
            r.warn(field, f"{found.name!r} does not read as 'Family, Given' (it may name several people): "
                          "kept as given", line=line(obj))
        else:
            found.family, found.given = family, given
    elif m := FAMILY_INITIALS.match(found.name):  # "Scholze J.", "Smith JA": family name, then initials
        found.family, found.given = m.group(1), m.group(2)
    elif not kind_given.startswith("person") and lower(obj.get("contributorType")) in ORGANISATION_TYPES:
        found.kind = AgentKind.ORGANIZATION
    _identifiers(found, ids, r, "nameIdentifier")
    return found


def _same(a: Agent, b: Agent) -> bool:
    if a.orcid and b.orcid:
        return a.orcid == b.orcid
    return a.kind == b.kind and normalize.fold(re.sub(r"\W+", " ", a.name)).strip() == \
        normalize.fold(re.sub(r"\W+", " ", b.name)).strip()


def read_agents(res: dict[str, Any], r: Record) -> None:
    """Creators (authors, in order) and contributors (by role; one agent per person)."""
    for obj in dicts(res.get("creators") or res.get("creator"), "name"):
        if (found := agent(obj, "aut", r, "creatorName")) is not None:
            r.creators.append(found)
    for obj in dicts(res.get("contributors"), "name"):
        kind = lower(obj.get("contributorType"))
        role = ROLES.get(kind)
        if role is None:
            role = "ctb"
            r.warn("contributorType", f"unknown contributorType {obj.get('contributorType')!r}: read as contributor",
                   line=line(obj))
        found = agent(obj, role, r, "contributorName")
        if found is None:
            continue
        same = next((a for a in [*r.creators, *r.contributors] if _same(a, found)), None)
        if same is None:
            r.contributors.append(found)
        elif role not in same.roles:
            same.roles.append(role)
