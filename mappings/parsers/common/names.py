"""Names given as free text: role notes, titles, suffixes, corporate bodies, inverted initials, duplicates.

Repositories export the people and bodies of a work as one string each ("Carr, Thomas (Author of screenplay)",
"Tan, Prof. Dr. Uner", "Helsingin yliopisto, soveltavan biologian laitos"). :func:`read_name` turns such a
string into an :class:`~mappings.model.Agent`: a role note in the last parenthesis becomes a MARC relator code,
titles and degree notes leave the name, a generational suffix leaves the family name (kept in the variant
form), a corporate body is an organisation, "A., Auricchio" (initials in the family slot) is turned round.
What cannot be told apart safely is kept as given, with a warning.

Corporate bodies are recognised with precision first: a name without a comma of two words or more that holds
a word only bodies use (University, Institut, Department, yliopisto, Ltd, Committee, Authority ...), a name
whose part before the first comma is such a phrase ("Helsingin yliopisto, kulttuurien tutkimuksen laitos"),
a name ending in a jurisdiction qualifier ("Central Arizona Project (U.S.)"), or "& Co." / "& Sons".
A person's name is never made an organisation for a word such as Press, Hall or Church, which are surnames too.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from mappings import normalize
from mappings.model import Agent, AgentKind

Warn = Callable[[str], None]  # called with a message about the name (the caller adds field and line)

# a role note in parentheses (or square brackets) after a name -> MARC relator code
ROLE_NOTES = {
    "author": "aut", "creator": "cre", "editor": "edt", "ed.": "edt", "eds.": "edt", "ed": "edt",
    "translator": "trl", "illustrator": "ill", "supervisor": "ths", "thesis supervisor": "ths",
    "advisor": "ths", "adviser": "ths", "thesis advisor": "ths", "directeur de thèse": "ths",
    "directeur de these": "ths", "degree supervisor": "dgs", "committee member": "dgc",
    "degree committee member": "dgc", "sponsor": "spn", "funder": "fnd", "composer": "cmp",
    "lyricist": "lyr", "librettist": "lbt", "arranger": "arr", "performer": "prf", "publisher": "pbl",
    "depicted": "dpc", "artist": "art", "photographer": "pht", "recipient": "rcp",
    "author of screenplay": "aus", "screenwriter": "aus", "interviewer": "ivr", "interviewee": "ive",
    "narrator": "nrt", "producer": "pro", "director": "drt", "compiler": "com", "contributor": "ctb",
    "curator": "cur", "designer": "dsr", "issuing body": "isb", "distributor": "dst", "printer": "prt",
    "engraver": "egr", "cartographer": "ctg", "speaker": "spk", "conductor": "cnd", "singer": "sng",
    "prefacer": "wpr", "writer of preface": "wpr", "author of introduction": "aui", "honoree": "hnr",
    "dedicatee": "dte", "former owner": "fmo", "donor": "dnr", "praeses": "pra", "respondent": "rsp",
    "opponent": "opn", "commentator": "cmm", "annotator": "ann", "reviewer": "rev", "organizer": "orm",
}
DEGREE_NOTES = {"phd", "ph.d.", "ph. d.", "ph.d", "dphil", "d.phil.", "md", "m.d.", "msc", "m.sc.", "ma", "m.a.",
                "mba", "ba", "b.a.", "bsc", "b.sc.", "dr.", "dr", "prof.", "prof", "professor", "edd", "ed.d."}
TITLES = re.compile(r"^(?:(?:prof(?:essor)?|assoc\.? prof|dr|drs|dott(?:\.?ssa)?|ph\.?\s?d|mr|mrs|ms|mx|dipl\.-ing)"
                    r"\.?\s+)+", re.IGNORECASE)
TRAILING_DEGREE = re.compile(r",\s*(?:ph\.?\s?d|d\.?\s?phil|m\.?d|ed\.?d)\.?$", re.IGNORECASE)
SUFFIX = re.compile(r",?\s+(Jr|Sr|Jnr|Snr)\.?$|,?\s+(II|III|IV)$")
ORG_WORDS = re.compile(
    r"\b(?:universit(?:y|ies|ät|aet|at|é|e|à|a|ad|ade|eit|et|etet|as)|universidad\w*|yliopisto\w*|högskola\w*|"
    r"hochschule|institut(?:e|es|o|ion)?|istituto|department|dept\.|faculty|facult[ée]|school of|centre|"
    r"zentrum|laborator(?:y|ies|ium|io|oire)|library|libraries|bibliothek|museum|society|soci[ée]t[ée]|"
    r"association|academy|akademie|council|committee|comit[ée]|commission|board of|agency|authority|"
    r"office of|ministry|minist[eè]re|ministerio|government|foundation|fondation|stiftung|company|"
    r"corporation|corp\.|incorporated|inc\.|ltd\.?|limited|llc|gmbh|plc|consortium|collaboration|"
    r"programme|bureau|organi[sz]ation|federation|hospital|observatory|laitos|tiedekunta|virasto|verein|"
    r"verband|gesellschaft|stichting|vereniging|escuela|école|ecole|scuola|fundaci[óo]n|funda[çc][ãa]o|"
    r"fondazione|consejo|conseil|research unit|research group|working group|task force|editorial board)(?=\W|$)",
    re.IGNORECASE)
JURISDICTION = re.compile(r"\((?:U\.S\.|U\.K\.|Firm|Organization|Organisation|Program|Agency|Corporation)\)$")
FIRM = re.compile(r"&\s*(?:Co\.?|Sons|Company)(?:\W|$)")
PLACEHOLDERS = {"anon", "anon.", "anonymous", "unknown", "unknown unknown", "none", "n/a", "na", "[s.n.]", "s.n.",
                "not specified", "unspecified", "various", "et al", "et al."}
DSPACE_BUNDLES = {"ORIGINAL", "LICENSE", "THUMBNAIL", "TEXT", "CC-LICENSE", "BRANDED_PREVIEW"}
# given names often found in the family slot of a wrongly inverted "Family, Given" (only ever a warning)
COMMON_GIVEN = {"mark", "john", "david", "michael", "paul", "peter", "james", "robert", "richard", "thomas",
                "andrew", "william", "stephen", "christopher", "daniel", "matthew", "anne", "mary", "sarah",
                "elizabeth", "helen", "susan", "jane", "catherine", "emma", "laura", "maria", "anna"}
INITIALS = re.compile(r"^(?:[A-Z]\.\s*)+$")


def split_role_note(text: str) -> tuple[str, str | None]:
    """The name without a trailing role or degree note, and the role note's relator code."""
    m = re.fullmatch(r"(.*\S)\s*[(\[]([^()\[\]]+)[)\]]\s*\.?", text)
    if not m:
        return text, None
    note = normalize.fold(m[2]).strip().rstrip(":")
    if note in ROLE_NOTES:
        return m[1], ROLE_NOTES[note]
    if note in DEGREE_NOTES:
        return m[1], None
    return text, None


def strip_titles(text: str) -> str:
    """A given name (or a name in direct order) without leading titles: "Prof. Dr. Uner" -> "Uner"."""
    stripped = TITLES.sub("", text.strip())
    return stripped if stripped else text.strip()


def split_suffix(text: str) -> tuple[str, str | None]:
    """A name part without a generational suffix, and the suffix: "Hutchings, Jr." -> ("Hutchings", "Jr.")."""
    m = SUFFIX.search(text)
    if not m or m.start() == 0:
        return text, None
    suffix = f"{m[1]}." if m[1] else m[2]
    return text[: m.start()].strip().rstrip(","), suffix


def is_organisation(name: str) -> bool:
    """Whether a name is a corporate body's (see the module docstring: precision first)."""
    text = name.strip()
    if text.count("(") != text.count(")"):
        return False
    if JURISDICTION.search(text) or FIRM.search(text):
        return True
    head, sep, tail = text.partition(",")
    if not sep:
        return len(re.split(r"[\s-]+", text)) >= 2 and bool(ORG_WORDS.search(text))
    if len(re.split(r"[\s-]+", head)) >= 2 and ORG_WORDS.search(head):
        return True
    return "(" not in text and len(tail.split()) >= 3 and bool(ORG_WORDS.search(tail)) and \
        not INITIALS.match(tail.strip()) and len(head.split()) == 1 and not re.search(r"\.", head)


def read_name(text: str, roles: list[str], warn: Warn) -> Agent | None:
    """An Agent from a name as a repository exports it (None for a placeholder or a leaked bundle name).

    ``roles`` are the element's own roles ("aut" for dc:creator, "ctb" for dc:contributor); a role note adds
    its relator code (a creator's role note replaces "aut": "Smith, Jane (Supervisor)" is no author).
    """
    name = normalize.clean_text(text).strip(" ;,")
    if not name:
        return None
    if not re.search(r"\w", name):
        warn(f"{name!r} holds no name; left out")
        return None
    if name in DSPACE_BUNDLES:
        warn(f"{name!r} is a repository file-bundle name, not a person or body; left out")
        return None
    if normalize.fold(name) in PLACEHOLDERS:
        warn(f"{name!r} is a placeholder, not a name; left out")
        return None
    name, code = split_role_note(name)
    if code:
        roles = [code] if roles in (["aut"], ["cre"], ["ths"]) else [*dict.fromkeys([*roles, code])]
    if name.count("(") != name.count(")"):
        warn(f"{name!r} is malformed (an unclosed parenthesis): kept as given, not split into family and given")
        return Agent(name=name, roles=roles)
    if is_organisation(name):
        return Agent(name=name, kind=AgentKind.ORGANIZATION, roles=roles)
    return person(name, roles, warn)


def person(name: str, roles: list[str], warn: Warn) -> Agent:
    """A person from "Family, Given" or "Given Family": titles and suffix out of the name parts."""
    name = TRAILING_DEGREE.sub("", name).strip()
    affiliation = None
    if (m := re.fullmatch(r"(.*\S)\s*\(([^()]+)\)", name)) and ORG_WORDS.search(m[2]):
        name, affiliation = m[1], m[2].strip()  # "Smith, John (University of Leeds)"
    if "," in name:
        family_text, given_text = (p.strip() for p in name.split(",", 1))
        family_text, suffix = split_suffix(family_text)
        given_text, given_suffix = split_suffix(given_text)
        suffix = suffix or given_suffix
        if given_text.startswith(("Jr", "Sr")) and "," in given_text:  # "Hutchings, Jr., Edward"
            suffix, given_text = given_text.split(",", 1)[0].strip(), given_text.split(",", 1)[1].strip()
        given_text = strip_titles(given_text)
        family, given = family_text or None, given_text or None
        display = ", ".join(p for p in (family, given) if p)
    else:
        display = strip_titles(name)
        core, suffix = split_suffix(display)
        family, given = normalize.split_name(core)
    if family and given and INITIALS.match(family) and re.fullmatch(r"[A-Z][\w'’-]+", given):
        warn(f"{name!r}: initials in the family slot; read as {given}, {family}")
        family, given = given, family
    elif family and given and normalize.fold(family) in COMMON_GIVEN and not INITIALS.match(given) \
            and " " not in given:
        warn(f"{name!r} may be inverted ({family} is usually a given name); kept as given")
    agent = Agent(name=display or name, family=family, given=given, roles=roles, affiliation=affiliation)
    if suffix:  # the model has no suffix: it stays in the name and in the natural-order variant
        agent.variants.append(f"{normalize.display_name(family, given)}, {suffix}")
        agent.name = f"{family}, {suffix}, {given}" if family and given else agent.name
    return agent


def without_repeats(agents: list[Agent], warn: Warn) -> list[Agent]:
    """The agents with a person or body listed twice under one role kept once (the first place)."""
    seen: set[tuple[str, tuple[str, ...]]] = set()
    out = []
    for agent in agents:
        key = (normalize.fold(agent.name), tuple(agent.roles))
        if key in seen:
            warn(f"{agent.name!r} is listed twice; kept once")
            continue
        seen.add(key)
        out.append(agent)
    return out
