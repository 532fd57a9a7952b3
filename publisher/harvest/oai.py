"""The OAI-PMH 2.0 protocol, client side: ListRecords requests, their response pages and resumption tokens."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from publisher.harvest.fetch import Fetcher

OAI = "http://www.openarchives.org/OAI/2.0/"
# one record in a response of its own, on the first line as in the response it came in (UTF-8, no declaration)
ENVELOPE = f'<OAI-PMH xmlns="{OAI}"><ListRecords>'.encode()
ENVELOPE_END = b"</ListRecords></OAI-PMH>\n"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_blank_text=False)


class OaiError(Exception):
    """The repository answered with an OAI-PMH error (other than noRecordsMatch), or with no OAI-PMH at all."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"OAI-PMH error {code!r}: {message}" if code else message)
        self.code = code


@dataclass
class OaiRecord:
    """One record of a ListRecords page: its header and its metadata payload (absent when deleted)."""

    identifier: str
    datestamp: str
    deleted: bool
    payload: bytes | None  # the record alone in a ListRecords response, read as `lodpub ingest` reads a response
    line: int = 0  # where the record starts in its response (line 1 of the payload)


@dataclass
class OaiPage:
    """One ListRecords response."""

    response_date: str
    records: list[OaiRecord] = field(default_factory=list)
    token: str | None = None  # the resumption token for the next page; None when this page is the last
    complete_size: int | None = None  # completeListSize, when the repository says
    no_records: bool = False  # the answer was the error noRecordsMatch: an empty list, not a failure


def _text(elem: etree._Element | None) -> str:
    return (elem.text or "").strip() if elem is not None else ""


def parse_page(body: bytes) -> OaiPage:
    """The records, token and errors of a ListRecords response; OaiError for an error or a non-OAI-PMH answer."""
    try:
        root = etree.fromstring(body, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise OaiError("", f"the response is not well-formed XML ({exc})") from None
    if root.tag != f"{{{OAI}}}OAI-PMH":
        raise OaiError("", f"the response is not OAI-PMH 2.0 (its root element is {root.tag!r})")
    page = OaiPage(response_date=_text(root.find(f"{{{OAI}}}responseDate")))
    errors = root.findall(f"{{{OAI}}}error")
    if errors:
        codes = [e.get("code") or "" for e in errors]
        if codes == ["noRecordsMatch"]:
            page.no_records = True
            return page
        raise OaiError(codes[0], "; ".join(f"{c}: {_text(e)}" for c, e in zip(codes, errors, strict=True)))
    listing = root.find(f"{{{OAI}}}ListRecords")
    if listing is None:
        raise OaiError("", "the response holds neither ListRecords nor an error")
    for record in listing.iterfind(f"{{{OAI}}}record"):
        page.records.append(_record(record))
    token = listing.find(f"{{{OAI}}}resumptionToken")
    if token is not None:
        page.token = _text(token) or None
        size = token.get("completeListSize")
        page.complete_size = int(size) if size and size.isdigit() else None
    return page


def _record(record: etree._Element) -> OaiRecord:
    header = record.find(f"{{{OAI}}}header")
    identifier = _text(header.find(f"{{{OAI}}}identifier")) if header is not None else ""
    datestamp = _text(header.find(f"{{{OAI}}}datestamp")) if header is not None else ""
    deleted = header is not None and header.get("status") == "deleted"
    metadata = record.find(f"{{{OAI}}}metadata")
    payload = None
    if metadata is not None and not deleted and any(isinstance(c.tag, str) for c in metadata):
        payload = ENVELOPE + etree.tostring(record, encoding="utf-8") + ENVELOPE_END
    return OaiRecord(identifier, datestamp, deleted, payload, record.sourceline or 0)


@dataclass
class ListRecords:
    """A ListRecords harvest of one repository, page after page."""

    base_url: str
    metadata_prefix: str
    set_spec: str | None = None
    from_date: str | None = None
    until: str | None = None

    def first_request(self) -> dict[str, str]:
        """The arguments of the first request."""
        params = {"verb": "ListRecords", "metadataPrefix": self.metadata_prefix}
        if self.set_spec:
            params["set"] = self.set_spec
        if self.from_date:
            params["from"] = self.from_date
        if self.until:
            params["until"] = self.until
        return params

    def pages(self, fetcher: Fetcher, max_pages: int = 1_000_000) -> Iterator[tuple[str, OaiPage]]:
        """(a label naming the request, its page) for every page, following resumption tokens."""
        params = self.first_request()
        seen: set[str] = set()
        for number in range(1, max_pages + 1):
            page = parse_page(fetcher.get(self.base_url, params))
            label = f"{self.base_url}?{'&'.join(f'{k}={v}' for k, v in params.items())} (page {number})"
            yield label, page
            if page.token is None:
                return
            if page.token in seen:
                raise OaiError("", f"the repository sent the resumption token {page.token!r} twice (a loop)")
            seen.add(page.token)
            params = {"verb": "ListRecords", "resumptionToken": page.token}
        raise OaiError("", f"more than {max_pages} pages: stopped")
