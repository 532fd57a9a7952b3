"""The OAI-PMH 2.0 provider: the six verbs answered from the published view and its change log.

Items are the published works, identified as ``oai:<repository id>:<path under id/>`` (``oai:data.example.org:
work/3f2a…``); their datestamps are the change log's (publisher/read/changes.py), deleted and merged-away works
stay as deleted records (``deletedRecord`` persistent). Sets: ``type:<work type>`` and ``source:<input format>``
under the two sets ``type`` and ``source``. Lists are paged by resumption token (publisher/oai/protocol.py).
"""

from __future__ import annotations

import re
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from publisher import urls
from publisher.config import Settings
from publisher.oai import metadata
from publisher.oai.metadata import FORMATS, text
from publisher.oai.protocol import OaiError, Request, Token, datestamp_range, decode, parse
from publisher.read import changes as log
from publisher.read.workview import load_work
from publisher.store import Reader

REPOSITORY_ID = re.compile(r"[a-zA-Z][a-zA-Z0-9\-]*(\.[a-zA-Z][a-zA-Z0-9\-]*)+")
TOP_SETS = {"type": "Works by type", "source": "Works by the format of their source records"}


@dataclass
class Provider:
    """The provider over one store, as the settings describe it."""

    store: Reader
    settings: Settings

    @property
    def base_url(self) -> str:
        """The provider's base URL."""
        return urls.absolute(self.settings.base_uri, urls.OAI)

    @property
    def repository_id(self) -> str:
        """The oai-identifier's repository identifier: set, else the base's host name if it is a domain name."""
        host = urlsplit(self.settings.base_uri).hostname or ""
        return self.settings.oai_repository_id or (host if REPOSITORY_ID.fullmatch(host) else "lodpub.invalid")

    def identifier(self, work: str) -> str:
        """A work's OAI identifier."""
        return f"oai:{self.repository_id}:{urls.thing_path(work, self.settings.base_uri)}"

    def work_of(self, identifier: str) -> str | None:
        """The work an OAI identifier names (None: not one of ours)."""
        prefix = f"oai:{self.repository_id}:"
        return urls.thing_iri(identifier[len(prefix):], self.settings.base_uri) \
            if identifier.startswith(prefix) and len(identifier) > len(prefix) else None

    # -- the response --------------------------------------------------------------------------------------
    def respond(self, values: Mapping[str, Sequence[str]]) -> str:
        """The XML answer to a request's arguments (every value of each), an error included."""
        now = time.time()
        stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now))
        try:
            request = parse(values)
        except OaiError as error:
            return self._envelope(stamp, f"<request>{text(self.base_url)}</request>", self._error(error))
        attributes = "".join(f' {k}="{text(v)}"' for k, v in sorted({"verb": request.verb,
                                                                     **request.arguments}.items()))
        head = f"<request{attributes}>{text(self.base_url)}</request>"
        try:
            with self.store.read_memo():
                body = getattr(self, "_" + request.verb)(request, now)
        except OaiError as error:
            body = self._error(error)
            if error.code in ("badVerb", "badArgument"):  # the request is not echoed: its arguments are wrong
                head = f"<request>{text(self.base_url)}</request>"
        return self._envelope(stamp, head, body)

    def _envelope(self, stamp: str, head: str, body: str) -> str:
        return ('<?xml version="1.0" encoding="UTF-8"?>\n<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/" '
                'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.openarchives'
                '.org/OAI/2.0/ http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd">'
                f"<responseDate>{stamp}</responseDate>{head}{body}</OAI-PMH>\n")

    @staticmethod
    def _error(error: OaiError) -> str:
        return f'<error code="{error.code}">{text(error.message)}</error>'

    # -- the verbs -----------------------------------------------------------------------------------------
    def _Identify(self, request: Request, now: float) -> str:
        earliest = log.earliest_stamp(self.store) or time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now))
        name = self.settings.oai_repository_name or self.settings.title
        email = self.settings.oai_admin_email or f"admin@{self.repository_id}"
        sample = self.identifier(urls.work_iri("0123456789abcdef", self.settings.base_uri))
        description = (
            '<description><oai-identifier xmlns="http://www.openarchives.org/OAI/2.0/oai-identifier" '
            'xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/oai-identifier '
            'http://www.openarchives.org/OAI/2.0/oai-identifier.xsd"><scheme>oai</scheme>'
            f"<repositoryIdentifier>{text(self.repository_id)}</repositoryIdentifier><delimiter>:</delimiter>"
            f"<sampleIdentifier>{text(sample)}</sampleIdentifier></oai-identifier></description>")
        return (f"<Identify><repositoryName>{text(name)}</repositoryName><baseURL>{text(self.base_url)}</baseURL>"
                f"<protocolVersion>2.0</protocolVersion><adminEmail>{text(email)}</adminEmail>"
                f"<earliestDatestamp>{earliest}</earliestDatestamp><deletedRecord>persistent</deletedRecord>"
                f"<granularity>YYYY-MM-DDThh:mm:ssZ</granularity>{description}</Identify>")

    def _entry(self, identifier: str) -> log.Entry:
        work = self.work_of(identifier)
        entry = log.entries_of(self.store, [work]).get(work) if work else None
        if entry is None:
            raise OaiError("idDoesNotExist", f"{identifier} is not an identifier of this repository")
        return entry

    def _ListMetadataFormats(self, request: Request, now: float) -> str:
        if "identifier" in request.arguments:
            self._entry(request.arguments["identifier"])  # every item is available in every format
        listed = "".join(f"<metadataFormat><metadataPrefix>{f.prefix}</metadataPrefix><schema>{text(f.schema)}"
                         f"</schema><metadataNamespace>{text(f.namespace)}</metadataNamespace></metadataFormat>"
                         for f in FORMATS.values())
        return f"<ListMetadataFormats>{listed}</ListMetadataFormats>"

    def _ListSets(self, request: Request, now: float) -> str:
        if "resumptionToken" in request.arguments:
            raise OaiError("badResumptionToken", "the list of sets is never split: no resumption token is valid")
        specs = list(TOP_SETS) + log.set_specs(self.store)
        listed = "".join(f"<set><setSpec>{text(s)}</setSpec><setName>{text(_set_name(s))}</setName></set>"
                         for s in specs)
        return f"<ListSets>{listed}</ListSets>"

    def _GetRecord(self, request: Request, now: float) -> str:
        fmt = _format(request.arguments["metadataPrefix"])
        entry = self._entry(request.arguments["identifier"])
        return f"<GetRecord>{self._record(entry, fmt)}</GetRecord>"

    def _ListIdentifiers(self, request: Request, now: float) -> str:
        return self._list(request, now, records=False)

    def _ListRecords(self, request: Request, now: float) -> str:
        return self._list(request, now, records=True)

    def _list(self, request: Request, now: float, *, records: bool) -> str:
        args = request.arguments
        if "resumptionToken" in args:
            token = decode(args["resumptionToken"], request.verb, now)
            fmt = _format(token.prefix)
        else:
            fmt = _format(args["metadataPrefix"])
            since, until = datestamp_range(args.get("from"), args.get("until"))
            until = until or log.latest_stamp(self.store)  # frozen: later changes wait for the next harvest
            token = Token(request.verb, fmt.prefix, args.get("set"), since, until, "", "", 0, 0)
        size = self.settings.oai_page_size * (1 if records else 5)
        page, more = self._page(token, size)
        if not page:
            if token.cursor:  # the records after the last page have all changed since: the list ends here
                return f"<{request.verb}><resumptionToken cursor=\"{token.cursor}\"/></{request.verb}>"
            raise OaiError("noRecordsMatch", "no record matches the arguments")
        body = "".join(self._record(e, fmt) if records else self._header(e) for e in page)
        cursor = token.cursor
        if more:
            last = page[-1]
            following = Token(token.verb, token.prefix, token.set, token.since, token.until, last.datestamp,
                              last.item, cursor + len(page), int(now + self.settings.oai_token_hours * 3600))
            body += (f'<resumptionToken expirationDate="{following.expiry()}" cursor="{cursor}">'
                     f"{following.encode()}</resumptionToken>")
        elif cursor:
            body += f'<resumptionToken cursor="{cursor}"/>'
        return f"<{request.verb}>{body}</{request.verb}>"

    def _page(self, token: Token, size: int) -> tuple[list[log.Entry], bool]:
        """Up to ``size`` entries after the token's place in (datestamp, identifier) order; whether more follow."""
        since = max(filter(None, (token.since, token.stamp)), default=None)
        found: list[log.Entry] = []
        if token.until is None:
            return found, False
        for stamp in log.stamps(self.store, since, token.until):
            after = token.item if stamp == token.stamp else None
            found += log.at_stamp(self.store, stamp, after, token.set, size + 1 - len(found))
            if len(found) > size:
                break
        return found[:size], len(found) > size

    def _header(self, entry: log.Entry) -> str:
        status = ' status="deleted"' if entry.deleted else ""
        sets = "".join(f"<setSpec>{text(s)}</setSpec>" for s in entry.sets)
        return (f"<header{status}><identifier>{text(self.identifier(entry.item))}</identifier>"
                f"<datestamp>{entry.datestamp}</datestamp>{sets}</header>")

    def _record(self, entry: log.Entry, fmt: metadata.MetadataFormat) -> str:
        work = None if entry.deleted else load_work(self.store, entry.item)
        if work is None:  # deleted (or gone since the log was read)
            return f"<record>{self._header(log.Entry(entry.item, entry.datestamp, log.DELETED, entry.sets))}</record>"
        return f"<record>{self._header(entry)}<metadata>{fmt.write(self.store, work)}</metadata></record>"


def _format(prefix: str) -> metadata.MetadataFormat:
    found = FORMATS.get(prefix)
    if found is None:
        raise OaiError("cannotDisseminateFormat", f"{prefix!r} is not a metadata format of this repository "
                                                  f"({', '.join(FORMATS)})")
    return found


def _set_name(spec: str) -> str:
    if spec in TOP_SETS:
        return TOP_SETS[spec]
    kind, _, value = spec.partition(":")
    return f"Works of type {value}" if kind == "type" else f"Works from {value} records"
