"""Recognising DataCite XML and DataCite JSON from the first bytes (no parsing library imported)."""

from __future__ import annotations

import re

KERNEL = b"http://datacite.org/schema/kernel-"
OAI_DATACITE = b"http://schema.datacite.org/oai/oai-"
RESOURCE_TAG = re.compile(rb"<(?:[\w.-]+:)?(?:resource|oai_datacite)[\s>/]")
JSONAPI_DOIS = re.compile(rb'"type"\s*:\s*"dois"')
DATACITE_JSON_KEYS = re.compile(
    rb'"(?:resourceTypeGeneral|resource-type-general|resource_type_general|publicationYear|publication-year|'
    rb'publication_year|nameIdentifiers|creators|titles|schemaVersion|schema-version|relatedIdentifiers)"\s*:')
DATACITE_AGENCY = re.compile(rb'"agency"\s*:\s*"datacite"', re.IGNORECASE)


def datacite(head: bytes) -> int:
    """Sure with a DataCite kernel namespace (bare, or inside OAI-PMH) or a JSON:API ``dois`` item; fairly
    sure with several DataCite JSON keys (Crossref JSON has none of them: it says ``title``, ``author``)."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if start == b"<":
        if (KERNEL in head or OAI_DATACITE in head) and RESOURCE_TAG.search(head):
            return 97  # (a ListMetadataFormats response names the namespaces without any record)
        if RESOURCE_TAG.search(head) and b'identifierType="DOI"' in head:
            return 70  # a resource without its namespace
        return 0
    if start not in (b"{", b"["):
        return 0
    if JSONAPI_DOIS.search(head) or DATACITE_AGENCY.search(head):
        return 97
    keys = {m.group(0).split(b'"')[1].lower().replace(b"-", b"").replace(b"_", b"")
            for m in DATACITE_JSON_KEYS.finditer(head)}
    if len(keys) >= 2:
        return 90
    return 0
