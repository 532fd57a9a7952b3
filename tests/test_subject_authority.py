"""Subject headings keep their authority links: MARC 6XX $0/$1 become skos:exactMatch on the concept."""

from __future__ import annotations

from pathlib import Path

from publisher.store import term_value
from tests.helpers import map_file

RECORD = """<?xml version="1.0" encoding="UTF-8"?>
<collection xmlns="http://www.loc.gov/MARC21/slim"><record>
  <leader>00000nam a2200000 a 4500</leader>
  <controlfield tag="001">auth-test-1</controlfield>
  <controlfield tag="008">200101s2020    enk           000 0 eng d</controlfield>
  <datafield tag="100" ind1="1" ind2=" "><subfield code="a">Boyce, Melanie.</subfield></datafield>
  <datafield tag="245" ind1="1" ind2="0"><subfield code="a">Peer support /</subfield></datafield>
  <datafield tag="264" ind1=" " ind2="1"><subfield code="c">2020.</subfield></datafield>
  <datafield tag="650" ind1=" " ind2="0"><subfield code="a">Self-injurious behavior</subfield>
    <subfield code="0">http://id.loc.gov/authorities/subjects/sh85119874</subfield></datafield>
  <datafield tag="650" ind1=" " ind2="0"><subfield code="a">Self-help groups</subfield>
    <subfield code="z">Great Britain.</subfield><subfield code="0">(DLC)sh 85119873</subfield></datafield>
  <datafield tag="650" ind1=" " ind2="0"><subfield code="a">Peer counseling</subfield>
    <subfield code="0">(OCoLC)fst01056539</subfield></datafield>
</record></collection>
"""


def test_authority_uris_become_exact_matches(tmp_path: Path) -> None:
    path = tmp_path / "authority.xml"
    path.write_text(RECORD, encoding="utf-8")
    triples = {(term_value(t.subject), t.predicate.value, term_value(t.object))
               for m in map_file(path) for t in m.triples}
    exact = {(s.rsplit("/", 1)[-1], o) for s, p, o in triples if p.endswith("core#exactMatch")}
    assert ("self-injurious-behavior", "http://id.loc.gov/authorities/subjects/sh85119874") in exact
    # a heading with subdivisions: the authority names the whole heading, not its first part
    assert ("self-help-groups-great-britain", "http://id.loc.gov/authorities/subjects/sh85119873") in exact
    assert len(exact) == 2  # an OCLC number is no URI: left alone
