"""Real public records nobody on the project wrote, checked against expectations written by hand from each source.

The bars (issue 15): at least 95% of the bibliographic records publish, at most 2% of the checked fields are
wrong, non-bibliographic records (holdings, authorities) are refused as such, and every warning names its field.
``python -m tests.real_records`` prints each refused record and wrong field.
"""

from __future__ import annotations

import pytest

from tests.real_records import READ_FORMATS, entries, report, score, summarise

# the bars
PUBLISHED_AT_LEAST = 0.95
WRONG_AT_MOST = 0.02


def test_the_real_record_set_covers_every_format_lodpub_reads() -> None:
    found = {e["file"].split("/")[1] for e in entries()}
    assert found >= READ_FORMATS - {"eprints-html"}
    assert len(entries()) >= 60


def test_bibliographic_records_publish_and_fields_are_right() -> None:
    outcomes = score()
    s = summarise(outcomes)
    detail = "\n".join(report(outcomes))
    assert s.published_share >= PUBLISHED_AT_LEAST, detail
    assert s.wrong_share <= WRONG_AT_MOST, detail


@pytest.mark.parametrize("fmt", sorted(READ_FORMATS - {"eprints-html"}))
def test_every_warning_names_its_field(fmt: str) -> None:
    for outcome in score(fmt):
        if outcome.record is not None:
            for warning in outcome.record.warnings:
                assert warning.field.strip() and warning.message.strip(), (outcome.entry["file"], warning)
