"""Identity rules on their own: name compatibility, the five merge rules, and the one-record constraint."""

from __future__ import annotations

from mappings.names import PersonName, compatible, parse_name, strongly_compatible
from publisher.published.identity import Mention, Overrides, resolve_by_identifiers, resolve_people


def n(text: str) -> PersonName:
    name = parse_name(None, None, text)
    assert name is not None
    return name


def test_name_forms_that_can_be_one_person() -> None:
    assert compatible(n("Boyce, Melanie"), n("Boyce, Melanie J."))
    assert compatible(n("Boyce, M. J."), n("Boyce, Melanie J."))
    assert compatible(n("Dörnyei, Zoltán"), n("Dornyei, Zoltan"))
    assert compatible(n("Munn-Giddings, Carol"), n("Munn Giddings, C."))
    assert compatible(n("Melanie J. Boyce"), n("Boyce, Melanie"))


def test_name_forms_that_cannot() -> None:
    assert not compatible(n("Boyce, Melanie"), n("Boyce, Mark"))
    assert not compatible(n("Kim, Min Jun"), n("Kim, Jun"))
    assert not compatible(n("Boyce, Melanie"), n("Royce, Melanie"))
    assert not strongly_compatible(n("Boyce, M."), n("Boyce, Melanie"))


def person(iri: str, graph: str, name: str, **kw: object) -> Mention:
    return Mention(iri=iri, graph=graph, name=n(name), label=name, **kw)  # type: ignore[arg-type]


def test_two_people_in_one_author_list_are_never_merged() -> None:
    # one record lists "Kim, Min Jun" and "Kim, Min"; a second record of the same work lists "Kim, M." once
    mentions = [person("p1", "g1", "Kim, Min Jun", work="w", position=1),
                person("p2", "g1", "Kim, Min", work="w", position=2),
                person("p3", "g2", "Kim, M.", work="w", position=2)]
    res = resolve_people(mentions)
    assert res.canonical["p1"] != res.canonical["p2"]
    assert res.canonical["p3"] == res.canonical["p2"]  # the only compatible name at the same position


def test_same_work_aligns_authors_by_position_and_records_evidence() -> None:
    mentions = [person("a1", "g1", "Boyce, Melanie", work="w", position=1),
                person("a2", "g1", "Secker, Jenny", work="w", position=2),
                person("b1", "g2", "Boyce, Melanie J.", work="w", position=1),
                person("b2", "g2", "Secker, J.", work="w", position=2)]
    res = resolve_people(mentions)
    assert res.canonical["a1"] == res.canonical["b1"]
    assert res.canonical["a2"] == res.canonical["b2"]
    rules = {ev.rule for evs in res.evidence.values() for ev in evs}
    assert rules == {"same-work"}


def test_a_name_alone_merges_nothing() -> None:
    mentions = [person("a", "g1", "Smith, John", work="w1"), person("b", "g2", "Smith, John", work="w2")]
    res = resolve_people(mentions)
    assert res.canonical["a"] != res.canonical["b"]


def test_shared_identifier_and_canonical_choice() -> None:
    mentions = [Mention("orcid-x", "g1", strength=0, keys=frozenset({"orcid:X", "local:repo:7"}), name=n("Li, Wei")),
                Mention("local-7", "g2", strength=6, keys=frozenset({"local:repo:7"}), name=n("Li, W."))]
    res = resolve_people(mentions)
    assert res.canonical == {"orcid-x": "orcid-x", "local-7": "orcid-x"}


def test_shared_institution_and_coauthor_need_full_first_names() -> None:
    mentions = [person("t", "g1", "Boyce, Melanie J.", work="thesis", repository="arro.anglia.ac.uk"),
                person("a", "g2", "Boyce, Melanie", work="article", repository="arro.anglia.ac.uk"),
                person("x", "g3", "Boyce, M.", work="other", repository="arro.anglia.ac.uk")]
    res = resolve_people(mentions)
    assert res.canonical["t"] == res.canonical["a"]
    assert res.canonical["x"] not in (res.canonical["t"],)
    co = [person("c1", "g4", "Park, Ji-hoon", work="w1", coauthors=(n("Lee, Soo-jin"),)),
          person("c2", "g5", "Park, Ji-hoon", work="w2", coauthors=(n("Lee, Soo-jin"), n("Choi, Min")))]
    res = resolve_people(co)
    assert res.canonical["c1"] == res.canonical["c2"]
    assert res.evidence[res.canonical["c1"]][0].rule == "shared-coauthor"


def test_curator_overrides() -> None:
    mentions = [person("a", "g1", "Smith, John", work="w1"), person("b", "g2", "Smith, John", work="w2"),
                person("c", "g3", "Boyce, Melanie", work="w", position=1),
                person("d", "g4", "Boyce, Melanie", work="w", position=1)]
    res = resolve_people(mentions, Overrides(same=[("a", "b")], different=[("c", "d")]))
    assert res.canonical["a"] == res.canonical["b"]
    assert res.canonical["c"] != res.canonical["d"]
    assert any("curator" in ev.detail for ev in res.refused)


def test_works_join_on_any_shared_key() -> None:
    mentions = [Mention("w-doi", "g1", strength=0, keys=frozenset({"doi:10.1/x", "url:https://r.org/1"})),
                Mention("w-url", "g2", strength=5, keys=frozenset({"url:https://r.org/1"})),
                Mention("w-other", "g3", strength=5, keys=frozenset({"url:https://r.org/2"}))]
    res = resolve_by_identifiers(mentions)
    assert res.canonical["w-url"] == "w-doi"
    assert res.canonical["w-other"] == "w-other"
