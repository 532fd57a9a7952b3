"""DataCite JSON documents cut into resources: the REST API's JSON:API form and the DataCite JSON form.

``{"data": {"id", "type": "dois", "attributes": {...}}}`` (or ``{"data": [...]}``) gives one resource per
item, its attributes; when the attributes carry no titles but the deposited XML (base64 in ``"xml"``), the
XML is read instead. A bare object with ``doi``/``creators``/``titles``/``types`` is DataCite JSON (as
bolognese, crosscite and DataCite's content negotiation write it); older writers used hyphenated or
snake_case keys (``publication-year``, ``rights_list``), read here as the camelCase DataCite uses today.
A JSON:API error document (``{"errors": [...]}``) is a FormatError.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Iterator
from typing import Any

from mappings.model import FormatError, RecordError
from mappings.parsers.common.json_input import depth_error, loads, too_deep

DATACITE_KEYS = {"titles", "creators", "types", "publicationYear", "resourceTypeGeneral", "doi"}


def camel(key: str) -> str:
    """``publication-year`` / ``rights_list`` / ``Identifier`` -> ``publicationYear`` / ``rightsList`` /
    ``identifier``; camelCase keys stay as they are."""
    parts = [p for p in re.split(r"[-_]", key) if p]
    if not parts:
        return key
    head = parts[0][:1].lower() + parts[0][1:]
    return head + "".join(p[:1].upper() + p[1:] for p in parts[1:])


def camel_keys(value: Any) -> Any:
    """A JSON value with every object key in camelCase."""
    if isinstance(value, dict):
        return {camel(str(k)): camel_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [camel_keys(v) for v in value]
    return value


def _line_col(text: str, pos: int) -> tuple[int, int]:
    line = text.count("\n", 0, pos) + 1
    return line, pos - (text.rfind("\n", 0, pos) + 1) + 1


def documents(text: str, source: str) -> Iterator[Any]:
    """The JSON values of a file: one document, or one per line (JSON Lines)."""
    try:
        yield loads(text, source, whole=True)
        return
    except json.JSONDecodeError as exc:
        if exc.msg != "Extra data":
            line, col = _line_col(text, exc.pos)
            raise FormatError(f"not JSON: {exc.msg} (column {col})", file=source, line=line) from None
    for number, row in enumerate(text.splitlines(), start=1):
        if not row.strip():
            continue
        try:
            yield loads(row, source, record=f"line {number}", line=number)
        except json.JSONDecodeError as err:
            yield RecordError(f"broken JSON: {err.msg} (column {err.pos + 1})", file=source, line=number,
                              record=f"line {number}")
        except RecordError as err:  # nested too deeply
            yield err


def _error_document(doc: dict[str, Any], source: str) -> FormatError:
    errors = doc.get("errors")
    details = [f"{e.get('title') or e.get('detail') or e} ({e.get('status', '?')})" if isinstance(e, dict) else str(e)
               for e in (errors if isinstance(errors, list) else [errors])]
    return FormatError(f"DataCite answered with an error: {'; '.join(details)}", file=source)


def looks_like_datacite(obj: object) -> bool:
    """Whether a JSON object is a DataCite resource (DataCite JSON or a JSON:API item's attributes)."""
    return isinstance(obj, dict) and len(DATACITE_KEYS & {camel(str(k)) for k in obj}) >= 2


def resources(doc: Any, source: str) -> Iterator[dict[str, Any] | RecordError]:
    """The resources of one JSON document, as camelCase dicts (or the deposited XML read as one)."""
    if isinstance(doc, RecordError):
        yield doc
    elif isinstance(doc, list):
        for item in doc:
            yield from resources(item, source)
    elif not isinstance(doc, dict):
        yield RecordError("not a DataCite record: a JSON value that is no object", file=source)
    elif "errors" in doc and "data" not in doc:
        raise _error_document(doc, source)
    elif "data" in doc and isinstance(doc["data"], dict | list):
        for item in doc["data"] if isinstance(doc["data"], list) else [doc["data"]]:
            yield depth_error(source, record=_ident(item)) if too_deep(item) else _attributes(item, source)
    elif looks_like_datacite(doc):
        yield depth_error(source, record=_ident(doc)) if too_deep(doc) else camel_keys(doc)
    else:
        keys = ", ".join(sorted(map(str, doc))[:8])
        yield RecordError(f"not a DataCite record (keys: {keys})", file=source)


def _ident(item: object) -> str:
    """A resource's DOI or id, for a refusal."""
    if not isinstance(item, dict):
        return ""
    attributes = item.get("attributes")
    found = item.get("doi") or item.get("id") or (attributes.get("doi") if isinstance(attributes, dict) else None)
    return str(found or "")[:200]


def _attributes(item: object, source: str) -> dict[str, Any] | RecordError:
    """A JSON:API item's attributes; its deposited XML when the attributes hold no titles."""
    if not isinstance(item, dict) or not isinstance(item.get("attributes"), dict):
        return RecordError("a JSON:API item without attributes", file=source,
                           record=str(item.get("id", "")) if isinstance(item, dict) else "")
    attributes: dict[str, Any] = camel_keys(item["attributes"])
    if item.get("id") and not attributes.get("doi") and item.get("type") == "dois":
        attributes["doi"] = item["id"]
    if not attributes.get("titles") and isinstance(attributes.get("xml"), str):
        try:
            xml = base64.b64decode(attributes["xml"], validate=False)
        except (binascii.Error, ValueError):
            return attributes
        attributes["_xml"] = xml
    return attributes
