"""MARC 21 name headings (1XX, 7XX): the agent, its kind, its roles, its authority identifiers.

Roles are MARC relator codes: from $4 (a code or an id.loc.gov relator IRI) and from the relator terms
in $e ($j in 111/711), also when a cataloguer typed them into the name itself ("Kanopy (Firm),$4dst",
"Smith, John (editor)"). A heading without a relator takes its role from the statement of responsibility
(245 $c) when that names it after "edited by", "translated by" ... (:func:`responsibility_roles`).
"""

from __future__ import annotations

import re

from pymarc import Field

from mappings import normalize
from mappings.model import Agent, AgentKind
from mappings.parsers.marc.fields import first, trim, values

# relator terms ($e, $j) as catalogued, in English (and the common abbreviations) -> MARC relator codes
# fmt: off
RELATOR_TERMS = {"author": "aut", "joint author": "aut", "editor": "edt", "ed": "edt", "eds": "edt",
    "joint editor": "edt", "compiler": "com", "comp": "com", "translator": "trl", "tr": "trl", "trans": "trl",
    "illustrator": "ill", "ill": "ill", "illus": "ill", "composer": "cmp", "performer": "prf", "singer": "sng",
    "instrumentalist": "itr", "musician": "mus", "conductor": "cnd", "director": "drt",
    "film director": "fmd", "producer": "pro", "film producer": "fmp", "production company": "prn",
    "publisher": "pbl", "distributor": "dst", "film distributor": "fds", "broadcaster": "brd",
    "photographer": "pht", "artist": "art", "creator": "cre", "contributor": "ctb",
    "thesis advisor": "ths", "degree supervisor": "dgs", "degree granting institution": "dgg",
    "degree grantor": "dgg", "degree committee member": "dgc", "dissertant": "dis", "opponent": "opn",
    "sponsor": "spn", "sponsoring body": "spn", "funder": "fnd", "narrator": "nrt", "lyricist": "lyr",
    "arranger": "arr", "arranger of music": "arr", "writer of introduction": "win", "writer of preface": "wpr",
    "author of introduction": "aui", "author of introduction, etc": "aui", "writer of added commentary": "wac",
    "writer of added text": "wat", "writer of supplementary textual content": "wst", "cartographer": "ctg",
    "programmer": "prg", "inventor": "inv", "interviewer": "ivr", "interviewee": "ive",
    "host institution": "his", "organizer": "orm", "organiser": "orm", "issuing body": "isb", "printer": "prt",
    "screenwriter": "aus", "librettist": "lbt", "editor of compilation": "edc", "former owner": "fmo",
    "dedicatee": "dte", "speaker": "spk", "commentator": "cmm", "actor": "act", "research team member": "rtm",
    "presenter": "pre", "on-screen presenter": "osp", "host": "hst", "praeses": "pra", "respondent": "rsp",
    "recording engineer": "rce", "author of afterword": "aft", "abridger": "abr", "adapter": "adp",
    "annotator": "ann", "collector": "col", "curator": "cur", "designer": "dsr", "engraver": "egr",
    "honoree": "hnr", "honouree": "hnr", "depicted": "dpc", "addressee": "rcp", "recipient": "rcp",
    "owner": "own", "panelist": "pan", "moderator": "mod", "reviewer": "rev", "scientific advisor": "sad",
    "transcriber": "trc", "animator": "anm", "choreographer": "chr", "cinematographer": "cng",
    "director of photography": "cng", "copyright holder": "cph", "donor": "dnr", "bookseller": "bsl",
    "calligrapher": "cll", "cover designer": "cov", "teacher": "tch", "storyteller": "stl",
    "enacting jurisdiction": "enj", "surveyor": "srv", "lithographer": "ltg", "etcher": "etr",
    "voice actor": "vac", "manufacturer": "mfr", "compositor": "cmt", "proofreader": "pfr",
    "video distributor": "dst",
    # the abbreviations Russian catalogues use (Aleph exports from the former Soviet Union)
    "авт": "aut", "ред": "edt", "отв. ред": "edt", "сост": "com", "пер": "trl", "ил": "ill", "худож": "ill",
    "предисл": "aui", "коммент": "cmm"}
# fmt: on
# the roles that make an agent an author of the work (Record.creators); every other role is a contribution
AUTHOR_ROLES = {"aut", "cre"}
# role phrases of a statement of responsibility (245 $c) -> relator code of the names that follow them
RESPONSIBILITY_PHRASES = [
    (re.compile(r"\b(?:edited|ed\.|edited and (?:introduced|translated)|compiled and edited|general editors?|"
                r"editors?|eds?\.|herausgegeben|hrsg\.?|hg\.|sous la direction|dirig[ée]e? par|a cura di|"
                r"edici[oó]n (?:de|a cargo)|editado por|edited with|bewerkt door|epist[eē]monik[eē] epimeleia|"
                r"επιστημονική επιμέλεια|epimeleia|redakc(?:ja|ija)|reda[kḳ][tṭ]\w*|red\.|pod redakcją|"
                r"hench[ūu]|hensh[ūu]|\bhen\b|tans[īi]q|ta[ḥh]r[īi]r|ḥaqqaqahu|haqqaqahu|ʻarakh|[ʻ']orekh)",
                re.IGNORECASE),
     "edt"),
    (re.compile(r"\b(?:translated|translation|traduit|traduction|übersetzt|übersetzung|tradotto|"
                r"traducci[oó]n|traducido|trad\.|transl\.|yaku\b|tarjamat|targum|tirgem|iberzetst)", re.IGNORECASE),
     "trl"),
    (re.compile(r"\b(?:illustrated|illustrations|illustré|illustriert)", re.IGNORECASE), "ill"),
    (re.compile(r"\b(?:compiled|compilation|comp\.)", re.IGNORECASE), "com"),
    (re.compile(r"\b(?:introduction|introductory|einleitung|einführung|présentation)", re.IGNORECASE), "aui"),
    (re.compile(r"\b(?:preface|préface|vorwort)", re.IGNORECASE), "wpr"),
    (re.compile(r"\b(?:foreword|afterword|postface|nachwort|notes|commentary|annotated|geleitwort)",
                re.IGNORECASE), "ctb"),
]
# a responsibility segment that begins with one of these is about an adaptation, an edition's design ...:
# the role its "sous la direction de" names is not the work's editor
OTHER_WORK = re.compile(r"^\s*(?:adaptation|adapted|version|mise en|bearbeitung)", re.IGNORECASE)
TYPED_RELATOR = re.compile(r"\s*,?\s*\$([4ej])\s*([^$]+?)\s*(?=\$|$)")  # "$4dst" typed into a name
ROLE_NOTE = re.compile(r"\s*\((" + "|".join(sorted(map(re.escape, RELATOR_TERMS), key=len, reverse=True))
                       + r")\.?\)\s*$", re.IGNORECASE)  # "Smith, John (editor)", "Doe, J. (ed.)"
NAME_DATES = re.compile(r",?\s*\(?((?:b\.|d\.|ca\.|fl\.)\s*\d{4}|\d{3,4}(?:\s*or\s*\d{1,4})?\??-"
                        r"(?:\d{3,4}(?:\s*or\s*\d{1,4})?\??)?)\)?\.?\s*$")  # "1867-1948", "1889 or 90-1962"


def relator_codes(field: Field) -> tuple[list[str], list[str]]:
    """Relator codes from $4 (codes or id.loc.gov IRIs) and $e/$j terms; and the terms with no known code."""
    codes: list[str] = []
    unknown: list[str] = []
    term_code = "j" if field.tag.endswith("11") else "e"
    for sf in field.subfields:
        if sf.code == "4":
            codes_in, unknown_in = _codes(sf.value)
        elif sf.code == term_code:
            codes_in, unknown_in = _terms(sf.value)
        else:
            continue
        codes += codes_in
        unknown += unknown_in
    return list(dict.fromkeys(codes)), unknown


def _codes(value: str) -> tuple[list[str], list[str]]:
    code = value.strip().rstrip(".").rsplit("/", 1)[-1].lower()
    if re.fullmatch(r"[a-z]{3}", code):
        return [code], []
    return [], [value.strip()] if code else []


def _terms(value: str) -> tuple[list[str], list[str]]:
    codes, unknown = [], []
    for term in re.split(r",\s*|\s+and\s+|\s*&\s*", trim(value).lower().strip("()[] ")):
        term = term.strip(" .")
        if term in RELATOR_TERMS:
            codes.append(RELATOR_TERMS[term])
        elif term:
            unknown.append(term)
    return codes, unknown


OLD_CATALOG = re.compile(r",?\s*\[from old catalog\]", re.IGNORECASE)  # LC's annotation on unrevised headings


def _clean_name(text: str, personal: bool) -> tuple[str, list[str], list[str], str | None]:
    """A name without role annotations or dates typed into it: (name, codes, unknown terms, dates)."""
    text = OLD_CATALOG.sub("", text)
    if text.startswith("[") and text.count("[") > text.count("]"):
        text = text[1:]  # "[Villars, Pierre,": an attributed author, bracketed over several subfields
    codes: list[str] = []
    unknown: list[str] = []
    for m in TYPED_RELATOR.finditer(text):
        found, bad = _codes(m[2]) if m[1] == "4" else _terms(m[2])
        codes += found
        unknown += bad
    text = TYPED_RELATOR.sub("", text)
    while note := ROLE_NOTE.search(text):
        codes.append(RELATOR_TERMS[note[1].lower()])
        text = text[: note.start()]
    dates = None
    if personal and (typed_dates := NAME_DATES.search(text)):
        dates, text = typed_dates[1].strip(), text[: typed_dates.start()]
    return trim(text), codes, unknown, dates


INVENIO_IDS = re.compile(r"^(?:ORCID:|INSPIRE-|JACoW-|CCID-)\S+$")  # INSPIRE/CERN put author ids in $i, $j


def authority_ids(field: Field) -> list[str]:
    """The heading's authority identifiers ($0, $1; INSPIRE's "ORCID:..." and "INSPIRE-..." in $i/$j) as
    given; a trailing ISBD period is not part of one."""
    found = []
    for sf in field.subfields:
        value = sf.value.strip()
        if sf.code in "01" and value or sf.code in "ij" and INVENIO_IDS.match(value):
            if value.startswith(("http://", "https://")):
                value = value.rstrip(".")
            if value not in found:
                found.append(value)
    return found


def agent(field: Field, default_role: str) -> tuple[Agent, list[str]]:
    """An Agent from a 100/110/111/700/710/711/720 field; and relator terms that have no code."""
    tag = field.tag[-2:]
    roles, unknown = relator_codes(field)
    unknown = [u for u in unknown if not INVENIO_IDS.match(u)]
    personal = tag == "00" or (tag == "20" and field.indicator1 == "1")
    if personal:
        raw = " ".join(values(field, "aq")) if field.indicator1 != "3" else first(field, "a") or ""
    elif tag == "11":
        raw = first(field, "a") or ""
    else:
        raw = ". ".join(values(field, "ab")) or first(field, "g") or ""  # CERN puts collaborations in $g
    name, typed_roles, typed_unknown, dates = _clean_name(raw, personal)
    roles = list(dict.fromkeys(roles + typed_roles)) or [default_role]
    unknown += typed_unknown
    if personal and field.indicator1 != "3":
        family, given = normalize.split_name(name)
        given_dates = OLD_CATALOG.sub("", first(field, "d") or "").strip(" ,]") or None
        person = Agent(name=name, family=family, given=given, roles=roles, dates=given_dates or dates,
                       affiliation=first(field, "u"))
    elif personal:  # a family name ("Bach family")
        person = Agent(name=name, kind=AgentKind.ORGANIZATION, roles=roles, dates=first(field, "d") or dates)
    elif tag == "11":
        qualifiers = [v.strip("() ") for v in values(field, "ndc")]
        heading = f"{name} ({' : '.join(q for q in qualifiers if q)})" if any(qualifiers) else name
        person = Agent(name=heading, kind=AgentKind.MEETING, roles=roles)
    else:
        person = Agent(name=name, kind=AgentKind.ORGANIZATION, roles=roles)
    person.identifiers = authority_ids(field)
    for value in person.identifiers:
        if m := re.search(r"orcid\.org/([\dX-]{19})|\(orcid\)\s*([\dX-]{19})|^orcid:\s*([\dX-]{19})$", value,
                          re.IGNORECASE):
            try:
                person.orcid = person.orcid or normalize.orcid(m[1] or m[2] or m[3])
            except ValueError:
                unknown.append(f"invalid ORCID iD {value!r}")
    return person, unknown


def responsibility_roles(statement: str) -> list[tuple[str, str]]:
    """(role code, text naming people in it) for each role phrase of a 245 $c: the names after "edited by",
    or before a closing "..., editors"."""
    found = []
    for segment in re.split(r"\s;\s|\s=\s", statement):
        if OTHER_WORK.match(segment):
            continue
        matches: list[tuple[int, int, str]] = []
        for pattern, code in RESPONSIBILITY_PHRASES:
            for m in pattern.finditer(segment):
                if not any(start <= m.start() < end for start, end, _ in matches):
                    matches.append((m.start(), m.end(), code))
        matches.sort()
        for i, (start, end, code) in enumerate(matches):
            following = matches[i + 1][0] if i + 1 < len(matches) else len(segment)
            if re.fullmatch(r"[\s.,;:)\]]*", segment[end:following]):  # "A and B, editors": names before
                found.append((code, segment[matches[i - 1][1] if i else 0 : start]))
            else:
                found.append((code, segment[end:following]))
    return found


BY = re.compile(r"^\s*\[?(?:by|par|von|di|de|door|por|av|af|z|od|ot)\]?\s+", re.IGNORECASE)
NAME_PARTICLES = {"and", "&", "et", "und", "y", "e", "i", "og", "och", "en", "de", "da", "di", "del", "della", "des",
                  "du", "la", "le", "van", "von", "der", "den", "ten", "ter", "zu", "dos", "das", "ibn", "bin", "ben",
                  "bat", "al", "el", "ha", "jr", "sr"}


def _names_only(segment: str) -> bool:
    """Whether a statement of responsibility part is only names ("by A. Smith and B. Jones", "Jörg Römbke,
    Johann F. Moltmann"): no lower-case word that is no name particle (a role word in any language)."""
    words = re.findall(r"[^\W\d_][\w'’.\-]*", BY.sub("", segment))
    return bool(words) and all(w[0].isupper() or w.lower().rstrip(".").split("-")[0] in NAME_PARTICLES for w in words)


def role_from_statement(agent: Agent, statement: str, authors: tuple[Agent, ...] = ()) -> str | None:
    """The role the statement of responsibility gives this (unqualified) heading, if it names it in one:
    after a role phrase ("edited by"), or "aut" when it is named in the first part of the statement
    ("by A and B", before any ";") and that part has no role phrase, more often than the ``authors``
    already known share its surname (a 700 repeating the 100's author in a fuller form is no co-author)."""
    surname = _key(agent.family or agent.name.split(",")[0])
    if not surname:
        return None
    named = re.compile(rf"(?<!\w){re.escape(surname)}(?!\w)")
    for code, text in responsibility_roles(statement):
        if named.search(_key(text)) or named.search(_key(text.replace("-", " "))):  # "al-Gharbī", "Bin-Ḥāddah"
            return code
    first = re.split(r"\s;\s|\s=\s", statement)[0]
    if any(p.search(first) for p, _ in RESPONSIBILITY_PHRASES) or not _names_only(first):
        return None
    same = sum(1 for a in authors if _key(a.family or a.name.split(",")[0]) == surname)
    return "aut" if len(named.findall(_key(first))) > same else None


def _key(text: str) -> str:
    """A name or statement folded for matching: "Bin-Ḥāddah" and "Binḥāddah" are both "binhaddah"."""
    return re.sub(r"[-'’ʻʼ]", "", normalize.fold(text)).strip(" .")
