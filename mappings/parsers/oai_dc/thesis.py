"""Theses in oai_dc and uketd_dc: the degree and institution, supervisors, and the author's identifiers.

uketd_dc names the awarding institution (uketdterms:institution, which may differ from dc:publisher), the
department, qualification name and level; supervisors are uketdterms:advisor, several in one element joined
by " ; " ("Gunn, Roger N. ; Mark, Jenkinson"), kept in the order and form given (a name that looks inverted is
kept, with a warning); uketdterms:authoridentifier (xsi:type ORCID or ISNI) identifies the author.
An EPrints oai_dc thesis names its degree in the citation ("Doctoral thesis, Anglia Ruskin University.").
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from mappings import normalize
from mappings.model import Agent, Degree, Record, SourceField, WorkType
from mappings.parsers.common.names import is_organisation
from mappings.parsers.oai_dc.elements import Elements, Value

THESIS_CITATION = re.compile(
    r"\b(Doctoral|PhD|Masters|MPhil|MRes|Bachelors|Undergraduate)\s+thesis,\s+([^.]+)\.", re.IGNORECASE
)
AgentReader = Callable[[Record, Value, list[str], str], "Agent | None"]


def read_uketd_people(r: Record, get: Elements, agent: AgentReader) -> None:
    """Supervisors (several in one element) and the author's ORCID and ISNI."""
    for value in get.items("uketdterms:advisor"):
        for part in (p for p in value.text.split(" ; ") if p.strip()):
            if found := agent(r, Value(part.strip(), value.line, value.xsi_type), ["ths"], "uketdterms:advisor"):
                r.contributors.append(found)
    ids = get.items("uketdterms:authoridentifier")
    if not ids:
        return
    if len(r.creators) != 1:
        r.warn("uketdterms:authoridentifier", "author identifiers, but not exactly one author: not attached",
               line=ids[0].line)
        return
    author = r.creators[0]
    for value in ids:
        scheme = (value.xsi_type or "").rsplit(":", 1)[-1].upper()
        digits = re.sub(r"[\s-]", "", value.text).upper()
        if scheme == "ORCID" and re.fullmatch(r"\d{15}[\dX]", digits):
            try:
                author.orcid = normalize.orcid("-".join(digits[i:i + 4] for i in range(0, 16, 4)))
            except ValueError as exc:
                r.warn("uketdterms:authoridentifier", f"{exc}; left out", line=value.line)
        elif scheme == "ISNI" and re.fullmatch(r"\d{15}[\dX]", digits):
            author.identifiers.append(f"https://isni.org/isni/{digits}")
        else:
            author.identifiers.append(f"({scheme or 'unknown'}) {value.text}")


def read_degree(r: Record, get: Elements) -> None:
    """The degree of a thesis (institution, department, name, level); for other works these are kept."""
    institution = get.one("uketdterms:institution")
    department = get.one("uketdterms:department")
    name = get.one("uketdterms:qualificationname")
    level_text = get.one("uketdterms:qualificationlevel")
    if r.work_type is not WorkType.THESIS:
        for label, value in (
            ("uketdterms:institution", institution),
            ("uketdterms:department", department),
            ("uketdterms:qualificationname", name),
        ):
            if value:
                r.unmapped.append(SourceField(label, value))
        return
    level = normalize.degree_level(level_text or "") or normalize.degree_level(name or "")
    if r.citation and (m := THESIS_CITATION.search(r.citation)):
        level = level or normalize.degree_level(m[1])
        institution = institution or m[2].strip()
    institution = institution or _institution_from_source(get.values.get("dc:source", []))
    level = level or _level_from_type(get.values.get("dc:type", []) + get.values.get("dc:source", []))
    r.degree = Degree(level=level, name=name, institution=institution or r.publisher, department=department)
    if not level:
        r.warn("dc:type", "a thesis, but nothing says which degree it was submitted for", line=get.line("dc:type"))


def _institution_from_source(sources: list[str]) -> str | None:
    """HAL's thesis source "Discipline. Institution, 2018. Language." names the awarding institution."""
    for value in sources:
        m = re.fullmatch(r"[^.]+\.\s+([^.]+?),\s*(?:1[5-9]|20)\d{2}\..*", html.unescape(value).strip())
        if m and is_organisation(m[1]):
            return m[1].strip()
    return None


def _level_from_type(types: list[str]) -> str | None:
    for value in types:
        low = value.lower()
        for key, level in (("doctoral", "doctoral"), ("phd", "doctoral"), ("ph.d", "doctoral"),
                           ("master", "masters"), ("bachelor", "bachelors")):
            if key in low:
                return level
    return None
