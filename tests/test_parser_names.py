"""Free-text names (mappings.parsers.common.names): bodies recognised with precision first, roles, titles."""

from __future__ import annotations

import pytest

from mappings.model import AgentKind
from mappings.parsers.common.names import is_organisation, read_name, split_suffix, strip_titles


@pytest.mark.parametrize("name", [
    "Helsingin yliopisto, soveltavan biologian laitos", "Université Montpellier", "Arizona Water Banking Authority",
    "Central Arizona Project (U.S.)", "Jerome H. Remick & Co.", "City, University of London",
    "Institut de Recherche en Cancérologie de Montpellier (IRCM - U1194 Inserm - UM)",
    "Department of Physics, University of Oxford", "Marion Downs Hearing Center Foundation", "Acme Ltd",
    "Technische Universität München", "Max-Planck-Gesellschaft", "World Health Organization",
])
def test_bodies(name: str) -> None:
    assert is_organisation(name)


@pytest.mark.parametrize("name", [
    "Press, William H.", "William H. Press", "Hall, Stuart", "Church, George", "Smith, John (University of Leeds)",
    "Office of Science and Innovation( inc. Barnett, T", "Jong, G. de", "de Naray, Rachel Kuzio", "Chico, RM",
    "College, Jane", "Tan, Prof. Dr. Uner", "Thierry Chardès", "Young, J. E.",
])
def test_people(name: str) -> None:
    assert not is_organisation(name)


def test_titles_suffixes_and_notes() -> None:
    assert [strip_titles(t) for t in ("Prof. Dr. Uner", "Ph. D. romina", "prof. francesca", "Dr. J. Michael",
                                      "RM", "Drew")] == ["Uner", "romina", "francesca", "J. Michael", "RM", "Drew"]
    assert split_suffix("Hutchings, Jr.") == ("Hutchings", "Jr.")
    assert split_suffix("Jr.") == ("Jr.", None)
    warnings: list[str] = []
    editor = read_name("Hutchings, Jr., Edward", ["edt"], warnings.append)
    assert editor is not None and (editor.family, editor.given, editor.variants) == (
        "Hutchings", "Edward", ["Edward Hutchings, Jr."])
    degree = read_name("Mohammed Hassen (PhD)", ["ctb"], warnings.append)
    assert degree is not None and (degree.name, degree.family, degree.roles) == ("Mohammed Hassen", "Hassen", ["ctb"])
    supervisor = read_name("Smith, Jane (Supervisor)", ["aut"], warnings.append)
    assert supervisor is not None and supervisor.roles == ["ths"]  # a creator's role note replaces "aut"
    sponsor = read_name("Wellcome Trust (Sponsor)", ["ctb"], warnings.append)
    assert sponsor is not None and sponsor.roles == ["ctb", "spn"]
    assert read_name("Anon.", ["aut"], warnings.append) is None and "placeholder" in warnings[-1]
    leeds = read_name("Smith, John (University of Leeds)", ["aut"], warnings.append)
    assert leeds is not None and (leeds.name, leeds.given, leeds.affiliation) == (
        "Smith, John", "John", "University of Leeds")


def test_malformed_and_inverted_names_are_kept_with_a_warning() -> None:
    warnings: list[str] = []
    broken = read_name("Office of Science and Innovation( inc. Barnett, T", ["aut"], warnings.append)
    assert broken is not None and broken.kind is AgentKind.PERSON and broken.family is None
    inverted = read_name("Mark, Jenkinson", ["ths"], warnings.append)
    assert inverted is not None and (inverted.family, inverted.given) == ("Mark", "Jenkinson")
    assert "is malformed" in warnings[0] and "may be inverted" in warnings[1] and len(warnings) == 2
