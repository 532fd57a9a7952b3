"""The one check every parsed record passes before it is mapped, whatever its format.

* Control characters (C0 but tab, line feed and carriage return; DEL; C1), lone surrogates and the
  non-characters U+FFFE/U+FFFF are removed from every text value, with a warning naming the field: they
  cannot be written in XML (RDF/XML, SPARQL XML results) nor, for surrogates, in UTF-8.
* A value longer than the field limit (:mod:`mappings.limits`) rejects the record, naming the field.
* Every value that is to be a link (landing page, official and related URLs, files, journal sites, licence
  and subject authority IRIs) must be an http(s) URL: anything else (``javascript:``, ``data:`` ...) is left
  out with a warning, whichever parser read it.
"""

from __future__ import annotations

import dataclasses
import re
from enum import Enum
from typing import Any

from mappings import normalize
from mappings.limits import InputLimits
from mappings.model import FieldWarning, Licence, Record, RecordError, Subject

CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


class _Screen:
    """One record's screening: the values cleaned in place, the fields that needed it."""

    def __init__(self, limits: InputLimits) -> None:
        self.limits = limits
        self.cleaned: list[str] = []
        self.too_long: tuple[str, int] | None = None

    def text(self, value: str, where: str) -> str:
        if len(value) * 4 > self.limits.max_field_bytes and self.too_long is None:
            size = len(value.encode("utf-8", "surrogatepass"))
            if size > self.limits.max_field_bytes:
                self.too_long = (where, size)
        if CONTROL.search(value):
            self.cleaned.append(where)
            return CONTROL.sub("", value)
        return value

    def value(self, value: Any, where: str) -> Any:
        if isinstance(value, str):
            return value if isinstance(value, Enum) else self.text(value, where)
        if isinstance(value, list):
            value[:] = [self.value(v, f"{where}[{i}]") for i, v in enumerate(value)]
            return value
        if isinstance(value, tuple):
            return tuple(self.value(v, f"{where}[{i}]") for i, v in enumerate(value))
        if isinstance(value, dict):
            return {self.value(k, where): self.value(v, f"{where}.{k}") for k, v in value.items()}
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            if isinstance(value, FieldWarning):
                return dataclasses.replace(value, field=self.text(value.field, where),
                                           message=self.text(value.message, where))
            for f in dataclasses.fields(value):
                setattr(value, f.name, self.value(getattr(value, f.name), f"{where}.{f.name}" if where else f.name))
        return value


def screen(record: Record, limits: InputLimits) -> Record | RecordError:
    """The record with its values cleaned and its links checked, or a RecordError for a value over the limit."""
    check = _Screen(limits)
    check.value(record, "")
    if check.too_long is not None:
        where, size = check.too_long
        return RecordError(f"the value is {size:,} bytes long, more than {limits.field_text()} a field may hold",
                           file=record.source_file, record=record.source_id, field=where)
    for where in dict.fromkeys(field.split("[")[0] for field in check.cleaned):
        record.warn(where, "control characters (NUL, ESC ...) removed")
    _check_links(record)
    return record


def _http(record: Record, field: str, url: str | None) -> str | None:
    """``url`` when it is an http(s) URL, else None with a warning."""
    if url is None:
        return None
    try:
        normalize.url(url)
    except ValueError:
        record.warn(field, f"not an http(s) URL, left out: {url[:200]!r}")
        return None
    return url


def _check_links(r: Record) -> None:
    r.landing_page = _http(r, "landing_page", r.landing_page)
    r.official_url = _http(r, "official_url", r.official_url)
    r.related_urls = [u for u in r.related_urls if _http(r, "related_urls", u)]
    r.files = [f for f in r.files if _http(r, "files", f.url)]
    if r.host is not None and r.host.periodical is not None:
        per = r.host.periodical
        per.urls = [u for u in per.urls if _http(r, "host.periodical.urls", u)]
        _subjects(r, per.subjects)
    _subjects(r, r.subjects)
    if r.licence is not None and r.licence.iri is not None and _http(r, "licence", r.licence.iri) is None:
        r.licence = Licence(None, r.licence.family, r.licence.text) if r.licence.family or r.licence.text else None


def _subjects(r: Record, subjects: list[Subject]) -> None:
    for subject in subjects:
        if subject.authority is not None:
            subject.authority = _http(r, "subjects.authority", subject.authority)

