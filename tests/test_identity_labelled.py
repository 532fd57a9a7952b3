"""Identity on the labelled set of real records: no false merge of two people, and the recall it reaches.

The figures (``python -m tests.identity_eval``) are reported in docs/identity.md; precision must stay at
0.99 or above (a false merge is worse than a split), recall must not fall below what it is today.
"""

from __future__ import annotations

from tests.identity_eval import build, score

RECALL_AT_LEAST = {"people": 0.85, "organisations": 0.75, "works": 0.85}


def test_identity_precision_and_recall_on_the_labelled_set() -> None:
    people, orgs, works = score(build())
    for name, s in (("people", people), ("organisations", orgs), ("works", works)):
        assert s.precision >= 0.99, (s.line(name), [e for e in s.errors if e.startswith("FALSE")])
        assert s.recall >= RECALL_AT_LEAST[name], (s.line(name), s.errors)
        assert s.tp + s.fn + s.tn >= (10 if name == "people" else 5), s.line(name)  # enough pairs to mean something
