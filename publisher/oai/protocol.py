"""The OAI-PMH 2.0 request: which arguments each verb takes, the protocol's errors, datestamps and resumption tokens.

A resumption token carries the whole state of a list: the verb, format, set and range asked for, with ``until``
frozen at the first request (records changed later are left for the next harvest), and the last (datestamp,
identifier) sent: the next page starts strictly after it, so a page never repeats or skips a record while an
ingest runs. Tokens expire after ``oai_token_hours`` (``badResumptionToken``).
"""

from __future__ import annotations

import base64
import binascii
import datetime
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass

REQUIRED: dict[str, set[str]] = {"Identify": set(), "ListMetadataFormats": set(), "ListSets": set(),
                                 "GetRecord": {"identifier", "metadataPrefix"},
                                 "ListIdentifiers": {"metadataPrefix"}, "ListRecords": {"metadataPrefix"}}
OPTIONAL: dict[str, set[str]] = {"Identify": set(), "ListMetadataFormats": {"identifier"}, "ListSets": set(),
                                 "GetRecord": set(), "ListIdentifiers": {"from", "until", "set"},
                                 "ListRecords": {"from", "until", "set"}}
RESUMABLE = {"ListSets", "ListIdentifiers", "ListRecords"}
DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
SECOND = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")


class OaiError(Exception):
    """A protocol error: its code (``badArgument`` ...) and a message for the harvester."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass
class Request:
    """A valid OAI-PMH request: its verb and arguments (one value each)."""

    verb: str
    arguments: dict[str, str]


def parse(values: Mapping[str, Sequence[str]]) -> Request:
    """Check a request's arguments (each with all the values given); OaiError(badVerb / badArgument) if wrong."""
    verbs = values.get("verb", [])
    if len(verbs) != 1 or verbs[0] not in REQUIRED:
        raise OaiError("badVerb", "no verb given" if not verbs else "the verb is repeated" if len(verbs) > 1
                       else f"{verbs[0]!r} is not an OAI-PMH verb")
    verb = verbs[0]
    arguments: dict[str, str] = {}
    for name, given in values.items():
        if name == "verb":
            continue
        if len(given) != 1:
            raise OaiError("badArgument", f"the argument {name} is repeated")
        arguments[name] = given[0]
    allowed = REQUIRED[verb] | OPTIONAL[verb] | ({"resumptionToken"} if verb in RESUMABLE else set())
    unknown = sorted(set(arguments) - allowed)
    if unknown:
        raise OaiError("badArgument", f"{verb} takes no argument {unknown[0]}")
    if "resumptionToken" in arguments:
        if len(arguments) > 1:
            raise OaiError("badArgument", "resumptionToken is an exclusive argument")
        return Request(verb, arguments)
    missing = sorted(REQUIRED[verb] - set(arguments))
    if missing:
        raise OaiError("badArgument", f"{verb} needs the argument {missing[0]}")
    return Request(verb, arguments)


def datestamp_range(since: str | None, until: str | None) -> tuple[str | None, str | None]:
    """``from`` and ``until`` as datestamps of seconds (a day: its first / last second); badArgument when either is
    not a date or datestamp, when they differ in granularity, or when ``from`` is after ``until``."""
    bounds: list[str | None] = []
    for value, last in ((since, False), (until, True)):
        if value is None:
            bounds.append(None)
            continue
        if DAY.fullmatch(value):
            stamp = value + ("T23:59:59Z" if last else "T00:00:00Z")
        elif SECOND.fullmatch(value):
            stamp = value
        else:
            raise OaiError("badArgument", f"{value!r} is not a date (YYYY-MM-DD) or datestamp (YYYY-MM-DDThh:mm:ssZ)")
        try:
            datetime.datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ")
        except ValueError:
            raise OaiError("badArgument", f"{value!r} is not a valid date") from None
        bounds.append(stamp)
    if since and until and len(since) != len(until):
        raise OaiError("badArgument", "from and until must have the same granularity")
    if bounds[0] and bounds[1] and bounds[0] > bounds[1]:
        raise OaiError("badArgument", "from is after until")
    return bounds[0], bounds[1]


@dataclass
class Token:
    """Where a list stands: what was asked, and the last record sent."""

    verb: str
    prefix: str
    set: str | None
    since: str | None
    until: str | None  # frozen at the first request
    stamp: str  # the last record sent: its datestamp and identifier
    item: str
    cursor: int  # records sent before the next page
    expires: int  # seconds since the epoch

    def encode(self) -> str:
        """The token as the harvester gets it (URL-safe text)."""
        return base64.urlsafe_b64encode(json.dumps(asdict(self), separators=(",", ":")).encode()).decode()

    def expiry(self) -> str:
        """The expiry as an OAI-PMH datestamp."""
        return datetime.datetime.fromtimestamp(self.expires, datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def decode(text: str, verb: str, now: float) -> Token:
    """The token a harvester sent back; badResumptionToken when it is not one of ours, is for another verb, or
    has expired."""
    try:
        fields = json.loads(base64.urlsafe_b64decode(text.encode("ascii")))
        token = Token(**fields)
    except (ValueError, TypeError, UnicodeError, binascii.Error):
        raise OaiError("badResumptionToken", "the resumption token is not one this repository issued") from None
    if token.verb != verb:
        raise OaiError("badResumptionToken", f"the resumption token belongs to {token.verb}, not {verb}")
    if token.expires < now:
        raise OaiError("badResumptionToken", "the resumption token has expired: start the list again")
    return token
