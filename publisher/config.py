"""lodpub's settings, typed: the one reader of the environment (``LODPUB_*``), with defaults a fresh install runs on.

A new setting is a field of :class:`Settings` and a line of :data:`VARIABLES` (and a row of the README's table);
the command line and the app factory override settings by field name or by variable name. The version lodpub
reports (``lodpub --version``, the dataset and service descriptions, pyproject.toml) is :data:`VERSION`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mappings.crosswalk.terms import VERSION as VERSION  # the software version every record graph states too
from mappings.uris import normalise_base

if TYPE_CHECKING:
    from mappings.limits import InputLimits
    from publisher.store.remote import RemoteOptions

DEFAULT_STORE = "./lodpub-data"
DEFAULT_BASE = "http://127.0.0.1:5000/"
DEFAULT_TITLE = "lodpub linked data"
DEFAULT_LICENCE = "https://creativecommons.org/publicdomain/zero/1.0/"


def _text(value: str) -> str | None:
    return value or None


def _count(value: str) -> int:
    return int(float(value))


@dataclass(frozen=True)
class Settings:
    """Everything lodpub can be told from outside, with its default."""

    store: str = DEFAULT_STORE  # data directory, memory:, or sparql+http(s)://... (docs/backends.md)
    base_uri: str = DEFAULT_BASE  # the public base of every URI, ending in a slash
    title: str = DEFAULT_TITLE
    data_licence: str = DEFAULT_LICENCE
    query_timeout: float = 30.0  # seconds per SPARQL query (also the remote store's read timeout)
    max_rows: int = 100_000  # result rows per query
    max_query_bytes: int = 100_000
    rate_budget: float = 120.0  # query seconds per client per minute
    query_workers: int = 2  # SPARQL worker processes per server process (at most half of gunicorn --threads)
    admin_user: str | None = None  # both set: /sparql/update takes their HTTP Basic credentials
    admin_password: str | None = None
    page_cache_mb: float = 128.0  # rendered /doc/ answers kept per server process (0: off)
    publish_interval: float = 60.0  # seconds between snapshots an ingest publishes while it runs
    dump_dir: str | None = None  # default: <data directory>/dumps, else a temporary folder
    dump_wait: float = 10.0  # seconds a request waits for a dump being made
    search_index: str | None = None  # the full-text index's file (default: beside an on-disk store, else memory)
    store_update: str | None = None  # remote store: SPARQL Update endpoint (default: the query endpoint)
    store_graph_store: str | None = None  # remote store: Graph Store Protocol endpoint (optional)
    store_user: str | None = None
    store_password: str | None = None
    store_auth: str = "digest"  # or basic
    store_update_triples: int | None = None  # remote store: triples per update request (default: by engine)
    overrides: str | None = None  # a curator's identity decisions (Turtle); default: <data directory>/curation.ttl

    def overrides_path(self) -> str | None:
        """The curator's overrides file to apply: the one set, else ``curation.ttl`` in the data directory."""
        if self.overrides:
            return self.overrides
        if self.store == "memory:" or self.store.startswith(("sparql+http://", "sparql+https://")):
            return None
        return str(Path(self.store) / "curation.ttl")

    max_field_kb: float = 1024.0  # one value of an input record (a title, an abstract ...); over it: rejected
    max_file_mb: float = 512.0  # one input file once decompressed; over it: reading stops there
    max_depth: int = 100  # nesting of JSON values and of XML elements within an input record
    client_queries: int = 2  # queries one client may have running at once, across all server processes
    server_queries: int = 0  # queries running at once in the whole server (0: one per CPU core)
    query_memory_mb: float = 1024.0  # memory ceiling of each query process (RLIMIT_DATA)
    max_answer_mb: float = 64.0  # bytes of one SPARQL answer
    proxies: int = 0  # trusted reverse proxies in front (the client address is read from X-Forwarded-For)
    limits_file: str | None = None  # SQLite file where server processes share per-client usage (default: by store)
    update_timeout: float = 60.0  # seconds an administrator's update may run
    update_log: str | None = None  # where updates are logged (default: <data directory>/updates.log)
    recovery_hours: float = 72.0  # how long the snapshot taken before DROP/CLEAR is kept
    recovery_dir: str | None = None  # where those snapshots go (default: <data directory>/recovery)
    oai_repository_name: str | None = None  # OAI-PMH Identify's repositoryName (default: the title)
    oai_admin_email: str | None = None  # OAI-PMH Identify's adminEmail (default: admin@ the repository identifier)
    oai_repository_id: str | None = None  # the oai-identifier's repositoryIdentifier (default: the base's host name)
    oai_page_size: int = 100  # records per OAI-PMH list response (identifiers: five times as many)
    oai_token_hours: float = 24.0  # how long an OAI-PMH resumption token stays valid

    def input_limits(self) -> InputLimits:
        """The limits on input files and records (mappings.limits)."""
        from mappings.limits import MIB, InputLimits

        return InputLimits(max_field_bytes=int(self.max_field_kb * 1024), max_file_bytes=int(self.max_file_mb * MIB),
                           max_depth=max(1, self.max_depth))

    def remote_options(self) -> RemoteOptions:
        """What the remote store needs to reach its engine."""
        from publisher.store.remote import RemoteOptions

        return RemoteOptions(update_url=self.store_update, graph_store_url=self.store_graph_store,
                             user=self.store_user, password=self.store_password, auth=self.store_auth.lower(),
                             timeout=self.query_timeout, update_triples=self.store_update_triples or None)


# environment variable -> (field of Settings, how its text is read)
VARIABLES: dict[str, tuple[str, Callable[[str], object]]] = {
    "LODPUB_STORE": ("store", str),
    "LODPUB_OVERRIDES": ("overrides", str),
    "LODPUB_BASE_URI": ("base_uri", normalise_base),
    "LODPUB_TITLE": ("title", str),
    "LODPUB_DATA_LICENCE": ("data_licence", str),
    "LODPUB_QUERY_TIMEOUT": ("query_timeout", float),
    "LODPUB_MAX_ROWS": ("max_rows", _count),
    "LODPUB_MAX_QUERY_BYTES": ("max_query_bytes", _count),
    "LODPUB_RATE_BUDGET": ("rate_budget", float),
    "LODPUB_QUERY_WORKERS": ("query_workers", _count),
    "LODPUB_ADMIN_USER": ("admin_user", _text),
    "LODPUB_ADMIN_PASSWORD": ("admin_password", _text),
    "LODPUB_PAGE_CACHE_MB": ("page_cache_mb", float),
    "LODPUB_PUBLISH_INTERVAL": ("publish_interval", float),
    "LODPUB_DUMP_DIR": ("dump_dir", _text),
    "LODPUB_DUMP_WAIT": ("dump_wait", float),
    "LODPUB_SEARCH_INDEX": ("search_index", _text),
    "LODPUB_STORE_UPDATE": ("store_update", _text),
    "LODPUB_STORE_GRAPH_STORE": ("store_graph_store", _text),
    "LODPUB_STORE_USER": ("store_user", _text),
    "LODPUB_STORE_PASSWORD": ("store_password", _text),
    "LODPUB_STORE_AUTH": ("store_auth", str),
    "LODPUB_STORE_UPDATE_TRIPLES": ("store_update_triples", _count),
    "LODPUB_MAX_FIELD_KB": ("max_field_kb", float),
    "LODPUB_MAX_FILE_MB": ("max_file_mb", float),
    "LODPUB_MAX_DEPTH": ("max_depth", _count),
    "LODPUB_CLIENT_QUERIES": ("client_queries", _count),
    "LODPUB_SERVER_QUERIES": ("server_queries", _count),
    "LODPUB_QUERY_MEMORY_MB": ("query_memory_mb", float),
    "LODPUB_MAX_ANSWER_MB": ("max_answer_mb", float),
    "LODPUB_PROXIES": ("proxies", _count),
    "LODPUB_LIMITS_FILE": ("limits_file", _text),
    "LODPUB_UPDATE_TIMEOUT": ("update_timeout", float),
    "LODPUB_UPDATE_LOG": ("update_log", _text),
    "LODPUB_RECOVERY_HOURS": ("recovery_hours", float),
    "LODPUB_RECOVERY_DIR": ("recovery_dir", _text),
    "LODPUB_OAI_REPOSITORY_NAME": ("oai_repository_name", _text),
    "LODPUB_OAI_ADMIN_EMAIL": ("oai_admin_email", _text),
    "LODPUB_OAI_REPOSITORY_ID": ("oai_repository_id", _text),
    "LODPUB_OAI_PAGE_SIZE": ("oai_page_size", _count),
    "LODPUB_OAI_TOKEN_HOURS": ("oai_token_hours", float),
}
_BY_FIELD = {field: (name, read) for name, (field, read) in VARIABLES.items()}
_FIELDS = {f.name for f in fields(Settings)}


def _read(name: str, read: Callable[[str], object], value: object) -> object:
    """A setting's value from its text (a value that is not text is taken as it is, but for the base URI)."""
    if not isinstance(value, str):
        return normalise_base(str(value)) if read is normalise_base else value
    try:
        return read(value.strip())
    except ValueError as exc:
        raise ValueError(f"{name}: {exc}" if read is normalise_base else
                         f"{name} must be a number, got {value!r}") from None


def load(overrides: Mapping[str, object] | None = None, environ: Mapping[str, str] | None = None) -> Settings:
    """The settings: defaults, then the environment's ``LODPUB_*`` variables, then ``overrides``."""
    env = os.environ if environ is None else environ
    from_environment = override(Settings(), {name: env[name] for name in VARIABLES if env.get(name)})
    return override(from_environment, overrides or {})


def given(field: str, overrides: Mapping[str, object] | None = None, environ: Mapping[str, str] | None = None) -> bool:
    """Whether a setting was given (among ``overrides``, by field or variable name, or in the environment) rather
    than left to its default (the base URI: a store that has one keeps it unless another is asked for)."""
    name = _BY_FIELD[field][0]
    if any(value is not None and key in (field, name) for key, value in (overrides or {}).items()):
        return True
    env = os.environ if environ is None else environ
    return bool(env.get(name))


def override(settings: Settings, values: Mapping[str, object]) -> Settings:
    """``settings`` with some values replaced, named by field or by variable (None: not given); a text value is
    read as the environment's would be (ValueError naming the variable when it cannot be)."""
    changes: dict[str, Any] = {}
    for key, value in values.items():
        if value is None:
            continue
        field = VARIABLES[key][0] if key in VARIABLES else key
        if field not in _FIELDS:
            raise ValueError(f"unknown setting {key!r}")
        name, read = _BY_FIELD[field]
        changes[field] = _read(name, read, value)
    return replace(settings, **changes)
