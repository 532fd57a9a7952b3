"""A DataCite XML ``<resource>`` (kernel 2.x, 3, 4) read into the shape of DataCite JSON.

Both forms then go through one mapping (:mod:`.fields`). Element and attribute names become the JSON keys
DataCite itself uses (``creatorName`` -> ``name``, ``rightsURI`` -> ``rightsUri`` ...); every object carries
the line of its element as ``"_line"`` so warnings can name it, and ``"_lines"`` on the resource holds the
line of each single-valued element (publisher, publicationYear, resourceType, version ...). Elements are
matched by local name, so every kernel namespace (and none) is read alike; geoLocations are skipped, and an
element no rule reads is listed under ``"_unknown"``.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from mappings.parsers.common.xml_stream import local

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
AGENT_FIELDS = {"givenName": "givenName", "familyName": "familyName"}
SINGLE = ("publisher", "publicationYear", "language", "version")
LISTS = {  # container element -> (item element, the JSON key of the item's text)
    "subjects": ("subject", "subject"), "dates": ("date", "date"), "sizes": ("size", None),
    "formats": ("format", None), "rightsList": ("rights", "rights"),
    "descriptions": ("description", "description"),
    "alternateIdentifiers": ("alternateIdentifier", "alternateIdentifier"),
    "relatedIdentifiers": ("relatedIdentifier", "relatedIdentifier"), "titles": ("title", "title"),
}
ATTRIBUTES = {"schemeURI": "schemeUri", "valueURI": "valueUri", "rightsURI": "rightsUri", "awardURI": "awardUri",
              XML_LANG: "lang"}
SKIPPED = {"geoLocations", "geoLocation"}


def content(elem: etree._Element) -> str:
    """An element's text with ``<br/>`` read as a line break (descriptions carry XHTML breaks)."""
    parts: list[str] = [elem.text or ""]
    for child in elem:
        if isinstance(child.tag, str) and local(child.tag) == "br":
            parts.append("\n")
        elif isinstance(child.tag, str):
            parts.append(content(child))
        parts.append(child.tail or "")
    return "".join(parts).strip()


def _attributes(elem: etree._Element) -> dict[str, Any]:
    out: dict[str, Any] = {"_line": elem.sourceline}
    for name, value in elem.attrib.items():
        key = ATTRIBUTES.get(str(name), local(name))
        if key != "type":  # xsi:type="xs:string" (Pure exports) says nothing
            out[key] = value
    return out


def _item(elem: etree._Element, text_key: str | None) -> dict[str, Any] | str:
    if text_key is None:
        return content(elem)
    item = _attributes(elem)
    item[text_key] = content(elem)
    return item


def _agents(container: etree._Element, kind: str, warnings: list[tuple[str, str, int | None]]) -> list[dict[str, Any]]:
    """Creators or contributors; several people inside one element (a schema violation) become several."""
    agents: list[dict[str, Any]] = []
    for elem in container:
        if not isinstance(elem.tag, str) or local(elem.tag) != kind:
            continue
        people: list[dict[str, Any]] = []
        for child in elem:
            if not isinstance(child.tag, str):
                continue
            name = local(child.tag)
            starts = name in ("creatorName", "contributorName") and (not people or "name" in people[-1])
            if starts or not people:
                people.append(_attributes(elem) | {"_line": child.sourceline, "nameIdentifiers": [],
                                                   "affiliation": []})
            current = people[-1]
            if name in ("creatorName", "contributorName"):
                current["name"] = content(child)
                if child.get("nameType"):
                    current["nameType"] = child.get("nameType")
            elif name in AGENT_FIELDS:
                current[AGENT_FIELDS[name]] = content(child)
            elif name == "nameIdentifier":
                current["nameIdentifiers"].append(_item(child, "nameIdentifier"))
            elif name == "affiliation":
                current["affiliation"].append(_item(child, "name"))
        agents.extend(people)
        if len(people) > 1:
            warnings.append((kind, f"{len(people)} people inside one <{kind}> element (the schema allows one): "
                                   "read as separate people, in order", elem.sourceline))
    return [a for a in agents if a.get("name") or a.get("familyName")]


def _related_item(elem: etree._Element, warnings: list[tuple[str, str, int | None]]) -> dict[str, Any]:
    item = _attributes(elem)
    for child in elem:
        if not isinstance(child.tag, str):
            continue
        name = local(child.tag)
        if name == "relatedItemIdentifier":
            item[name] = _item(child, name)
        elif name in ("creators", "contributors"):
            item[name] = _agents(child, name[:-1], warnings)
        elif name == "titles":
            item[name] = [_item(t, "title") for t in child if isinstance(t.tag, str)]
        elif name == "number":
            item[name] = content(child)
            item["numberType"] = child.get("numberType")
        else:
            item[name] = content(child)
    return item


def resource_dict(resource: etree._Element) -> tuple[dict[str, Any], list[tuple[str, str, int | None]]]:
    """The resource as DataCite JSON (keys as DataCite's REST API names them), and what it noticed."""
    res: dict[str, Any] = {"_lines": {}, "_unknown": [], "identifiers": []} | {name: [] for name in SINGLE}
    warnings: list[tuple[str, str, int | None]] = []
    lines: dict[str, int | None] = res["_lines"]
    for child in resource:
        if not isinstance(child.tag, str):
            continue
        name = local(child.tag)
        if name == "identifier":
            res["identifiers"].append({"identifier": content(child), "identifierType": child.get("identifierType"),
                                       "_line": child.sourceline, "_main": True})
        elif name in ("creators", "contributors"):
            res[name] = _agents(child, name[:-1], warnings)
        elif name in SINGLE:
            res[name].append(content(child))
            lines.setdefault(name, child.sourceline)
            if name == "publisher" and child.get("publisherIdentifier"):
                res["publisherIdentifier"] = child.get("publisherIdentifier")
        elif name == "resourceType":
            res["types"] = {"resourceTypeGeneral": child.get("resourceTypeGeneral"),
                            "resourceType": content(child)}
            lines["types"] = child.sourceline
        elif name == "rights":  # kernel 2.x: <rights> straight under <resource>
            res.setdefault("rightsList", []).append(_item(child, "rights"))
        elif name in LISTS:
            item_name, text_key = LISTS[name]
            res.setdefault(name, []).extend(_item(c, text_key) for c in child
                                            if isinstance(c.tag, str) and local(c.tag) == item_name)
        elif name == "fundingReferences":
            res[name] = [_funding(c) for c in child if isinstance(c.tag, str)]
        elif name == "relatedItems":
            res[name] = [_related_item(c, warnings) for c in child if isinstance(c.tag, str)]
        elif name not in SKIPPED:
            res["_unknown"].append((name, content(child)))
    return res, warnings


def _funding(elem: etree._Element) -> dict[str, Any]:
    item = _attributes(elem)
    for child in elem:
        if isinstance(child.tag, str):
            item[local(child.tag)] = content(child)
            item.update({k: v for k, v in _attributes(child).items() if k != "_line"})
    return item
