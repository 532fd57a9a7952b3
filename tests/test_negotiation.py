"""publisher.web.negotiation.negotiate against RFC 9110 §12.5.1's examples, adapted to lodpub's media types."""

from __future__ import annotations

import pytest

from publisher.formats import DOCUMENT_KEYS as RDF_KEYS
from publisher.formats import FORMATS as REPRESENTATIONS
from publisher.web.negotiation import AcceptError, negotiate, parse_accept

ALL = tuple(r.key for r in REPRESENTATIONS)


def chosen(accept: str | None, offers: tuple[str, ...] = ALL) -> str | None:
    result = negotiate(accept, offers)
    return None if result is None else result.representation.key


def q_of(accept: str, key: str) -> float | None:
    """The q an Accept header gives one representation (None: not acceptable)."""
    result = negotiate(accept, (key,))
    return None if result is None else result.q


# RFC 9110: "Accept: audio/*; q=0.2, audio/basic" - "I prefer audio/basic, but send me any audio type if
# it is the best available after an 80% markdown in quality". Same shape with application/*.
@pytest.mark.parametrize(("offers", "expected", "q"), [
    (("jsonld", "rdfxml"), "rdfxml", 1.0),
    (("jsonld", "nq"), "jsonld", 0.2),  # the range's markdown applies to the others, in server order
    (("turtle", "html"), None, None),
])
def test_type_range_with_markdown(offers: tuple[str, ...], expected: str | None, q: float | None) -> None:
    result = negotiate("application/*; q=0.2, application/rdf+xml", offers)
    assert (result.representation.key if result else None) == expected
    assert (result.q if result else None) == q


# RFC 9110: "Accept: text/plain; q=0.5, text/html, text/x-dvi; q=0.8, text/x-c"
def test_plain_text_after_a_markdown() -> None:
    accept = "text/plain; q=0.5, text/html, text/x-dvi; q=0.8, text/x-c"
    assert chosen(accept) == "html"
    assert chosen(accept, ("nt", "turtle")) == "nt"  # N-Triples is also served as text/plain
    assert q_of(accept, "nt") == 0.5
    assert chosen(accept, ("turtle", "jsonld")) is None


# RFC 9110: "Media ranges can be overridden by more specific media ranges or specific media types. If more
# than one media range applies to a given type, the most specific reference has precedence."
# Accept: text/*;q=0.3, text/plain;q=0.7, text/plain;format=flowed, text/plain;format=fixed;q=0.4, */*;q=0.5
RFC_PRECEDENCE = "text/*;q=0.3, text/plain;q=0.7, text/plain;format=flowed, text/plain;format=fixed;q=0.4, */*;q=0.5"


@pytest.mark.parametrize(("key", "q"), [
    ("nt", 0.7),  # text/plain (no parameters: the format= ranges do not apply to it)
    ("html", 0.3),  # text/html: text/*
    ("turtle", 0.3),
    ("jsonld", 0.5),  # application/ld+json: */* (image/jpeg in the RFC's table)
    ("rdfxml", 0.5),
])
def test_most_specific_range_decides(key: str, q: float) -> None:
    assert q_of(RFC_PRECEDENCE, key) == q


def test_precedence_picks_the_highest_q() -> None:
    assert chosen(RFC_PRECEDENCE, ("html", "turtle", "jsonld", "nt")) == "nt"
    assert chosen(RFC_PRECEDENCE, ("html", "jsonld")) == "jsonld"
    assert chosen(RFC_PRECEDENCE, ("html", "turtle")) == "html"  # equal q, same range: server order


def test_client_order_breaks_ties() -> None:
    assert chosen("application/ld+json, text/turtle") == "jsonld"
    assert chosen("text/turtle, application/ld+json") == "turtle"
    assert chosen("application/rdf+xml;q=0.9, text/turtle;q=0.9") == "rdfxml"


def test_q_zero_refuses() -> None:
    assert chosen("text/html;q=0, */*") == "turtle"
    assert chosen("text/*;q=0, */*;q=0.1", ("html", "turtle")) is None
    assert chosen("*/*;q=0") is None


def test_wildcards_and_no_header() -> None:
    assert chosen("*/*") == "html"
    assert chosen(None) == "html"
    assert chosen("") == "html"
    assert chosen("*/*", ("turtle", "jsonld")) == "turtle"
    assert chosen("text/*", ("jsonld", "turtle")) == "turtle"


def test_browser_accept_header_gets_html() -> None:
    firefox = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    assert chosen(firefox, RDF_KEYS) == "html"
    assert chosen(firefox, ("turtle", "rdfxml")) == "rdfxml"  # application/xml is RDF/XML's alias


@pytest.mark.parametrize(("accept", "key"), [
    ("application/x-turtle", "turtle"),
    ("text/n3", "turtle"),
    ("application/json", "jsonld"),
    ("application/xml", "rdfxml"),
    ("text/x-nquads", "nq"),
    ("application/x-trig", "trig"),
    ("application/citeproc+json", "csl"),
    ("text/x-bibtex", "bibtex"),
])
def test_legacy_types(accept: str, key: str) -> None:
    assert chosen(accept) == key


def test_parameters_reach_the_renderer() -> None:
    result = negotiate("text/x-bibliography; style=apa; locale=en-GB", ALL)
    assert result is not None
    assert result.representation.key == "bibliography"
    assert result.params == {"style": "apa", "locale": "en-GB"}
    quoted = negotiate('text/x-bibliography; style="harvard-cite-them-right"; q=0.8', ALL)
    assert quoted is not None and quoted.params == {"style": "harvard-cite-them-right"} and quoted.q == 0.8


def test_parameters_select_types() -> None:
    assert chosen("text/turtle;charset=utf-8") == "turtle"  # charset does not change the type
    assert chosen("text/turtle;profile=x") is None  # another parameter names another type
    assert chosen('application/ld+json;profile="http://www.w3.org/ns/json-ld#compacted"') == "jsonld"


def test_case_and_whitespace() -> None:
    assert chosen("TEXT/Turtle ; Q=0.5 , application/ld+json;q=0.4") == "turtle"


def test_malformed_accept_raises() -> None:
    for header in ("foo", "text", "*/html", "text/html;q=2", "text/html;q=0.5000", ";;;"):
        with pytest.raises(AcceptError):
            negotiate(header, ALL)


def test_malformed_members_are_skipped_when_others_are_valid() -> None:
    assert chosen("garbage, text/turtle") == "turtle"
    assert len(parse_accept("garbage, text/turtle;q=0.5, text/html")) == 2


def test_no_offers() -> None:
    assert negotiate("*/*", ()) is None
