"""CSL-JSON: every work validates against CSL 1.0.2's csl-data.json; the seeds' items hold the right values."""

from __future__ import annotations

import dataclasses
import json

import jsonschema
import pytest

from publisher.render.citations import csl
from tests.fixtures.citations.seeds import HERE, all_works, sample_store, seeds

SCHEMA = json.loads((HERE / "csl-data.json").read_text("utf-8"))


def validate(items: object) -> None:
    jsonschema.Draft7Validator(SCHEMA).validate(items)


def test_every_work_is_valid_csl_json_with_date_parts() -> None:
    for view in all_works(sample_store()):
        item = json.loads(csl.render(view, {}))
        assert isinstance(item, dict)  # one object, as doi.org answers for a DOI
        validate([item])
        issued = item.get("issued")
        if view.issued:
            assert issued is not None and all(isinstance(p, int) for p in issued["date-parts"][0]), issued


def test_the_schema_rejects_what_csl_does_not_define() -> None:
    with pytest.raises(jsonschema.ValidationError):
        validate([{"id": "x", "type": "article-journal", "license": "CC-BY"}])
    with pytest.raises(jsonschema.ValidationError):
        validate([{"id": "x", "type": "journal-article"}])
    with pytest.raises(jsonschema.ValidationError):
        validate([{"id": "x", "type": "thesis", "author": [{"name": "Boyce"}]}])


def test_article_item() -> None:
    item = csl.csl_item(seeds(sample_store())["article"])
    assert item["type"] == "article-journal"
    assert item["author"] == [{"family": "Boyce", "given": "Melanie"}, {"family": "Munn-Giddings", "given": "Carol"},
                              {"family": "Secker", "given": "Jenny"}]
    assert item["issued"] == {"date-parts": [[2018, 3, 12]]}
    assert (item["container-title"], item["volume"], item["issue"], item["page"]) == (
        "Mental Health Review Journal", "23", "1", "54-63")
    assert (item["DOI"], item["ISSN"]) == ("10.1108/MHRJ-06-2017-0021", "1361-9322")
    assert item["URL"] == "https://doi.org/10.1108/mhrj-06-2017-0021"
    assert "publisher-place" not in item and "version" not in item


def test_thesis_item() -> None:
    item = csl.csl_item(seeds(sample_store())["thesis"])
    assert item["type"] == "thesis" and item["genre"] == "Doctoral thesis"
    assert item["publisher"] == "Anglia Ruskin University"
    assert item["issued"] == {"date-parts": [[2016]]}
    assert item["URL"] == "https://arro.anglia.ac.uk/id/eprint/700655"
    assert item["author"] == [{"family": "Boyce", "given": "Melanie J."}]


@pytest.mark.parametrize(("degree", "name", "genre"), [
    ("http://purl.org/ontology/bibo/degrees/phd", None, "Doctoral thesis"),
    ("http://purl.org/ontology/bibo/degrees/ms", None, "Master's thesis"),
    ("https://w3id.org/lodpub/ns#degree-bachelors", "BS", "Bachelor's thesis"),
    (None, "Doctor of Education (EdD)", "Doctoral thesis"),
    (None, "MPhil", "Master's thesis"),
    (None, None, "Thesis"),
])
def test_thesis_genre(degree: str | None, name: str | None, genre: str) -> None:
    view = dataclasses.replace(seeds(sample_store())["thesis"], degree=degree, degree_name=name)
    assert csl.thesis_genre(view) == genre


def test_dates_are_never_strings() -> None:
    assert csl.date_parts("2018-03-12") == {"date-parts": [[2018, 3, 12]]}
    assert csl.date_parts("1915") == {"date-parts": [[1915]]}
    assert csl.date_parts("unknown") is None and csl.date_parts(None) is None
