"""DataCite's resourceTypeGeneral and free-text resourceType as a WorkType.

The general type decides unless it is a weak one (Text, Other, Collection, none at all) and the free text
names a kind ("Dissertation", "BlogPosting", "MonographieMonograph", "01A - Beitrag in wissenschaftlicher
Zeitschrift"), or the free text is nothing but the name of another kind ("Dataset" under Audiovisual).
"""

from __future__ import annotations

import re

from mappings.model import WorkType
from mappings.parsers.datacite.values import lower

W = WorkType
# fmt: off
GENERAL = {
    "audiovisual": W.VIDEO, "film": W.VIDEO, "book": W.BOOK, "bookchapter": W.CHAPTER,
    "computationalnotebook": W.SOFTWARE, "conferencepaper": W.CONFERENCE_PAPER,
    "conferenceproceeding": W.BOOK, "datapaper": W.ARTICLE, "dataset": W.DATASET,
    "dissertation": W.THESIS, "image": W.IMAGE, "interactiveresource": W.WEBSITE, "journal": W.PERIODICAL,
    "journalarticle": W.ARTICLE, "model": W.DATASET, "preprint": W.ARTICLE, "report": W.REPORT,
    "service": W.WEBSITE, "software": W.SOFTWARE, "sound": W.SOUND_RECORDING, "workflow": W.SOFTWARE,
    # no closer kind in the model: a document (the general type is kept as a genre)
    "collection": W.DOCUMENT, "event": W.DOCUMENT, "instrument": W.DOCUMENT, "outputmanagementplan": W.DOCUMENT,
    "peerreview": W.DOCUMENT, "physicalobject": W.DOCUMENT, "standard": W.DOCUMENT,
    "studyregistration": W.DOCUMENT, "text": W.DOCUMENT, "other": W.DOCUMENT, "award": W.DOCUMENT,
    "project": W.DOCUMENT,
}
WEAK = {"", "text", "other", "collection"}
KEYWORDS: list[tuple[str, WorkType]] = [  # searched in the free-text resourceType, first match wins
    (r"habilitation\w*|dissertation|thes[ie]s|doctoral|phd|master'?s?|diplom\w*|bachelor\w*|hochschulschrift",
     W.THESIS),
    (r"book ?chapter|chapter|book ?(?:section|part)|buchbeitrag|sammelwerksbeitrag|beitrag in (?:einem )?sammelwerk",
     W.CHAPTER),
    (r"conference ?paper|proceedings ?(?:paper|article)|konferenzbeitrag|tagungsbeitrag", W.CONFERENCE_PAPER),
    (r"poster|presentation|lecture|talk|slides|vortrag", W.PRESENTATION),
    (r"journal ?article|scholarly ?article|article|blog ?post(?:ing)?|preprint|\w*zeitschrift\w*|artikel|aufsatz",
     W.ARTICLE),
    (r"monogra\w*|book|buch|proceedings|sammelband|edited volume", W.BOOK),
    (r"report|working ?paper|bericht|white ?paper", W.REPORT),
    (r"data ?set|data ?package|data|datensatz", W.DATASET),
    (r"software|source ?code|simulation ?tool|code", W.SOFTWARE),
    (r"video|film|movie", W.VIDEO),
    (r"photo\w*|image|figure|picture", W.IMAGE),
    (r"maps?|karte", W.MAP),
    (r"audio|sound|podcast", W.SOUND_RECORDING),
]
# fmt: on


def _keyword(resource_type: str, whole: bool) -> WorkType | None:
    text = resource_type.lower().strip()
    for pattern, kind in KEYWORDS:
        if (re.fullmatch(rf"(?:{pattern})s?", text) if whole else re.search(rf"\b(?:{pattern})\b", text)):
            return kind
    return None


def work_type(general: str | None, resource_type: str | None) -> tuple[WorkType, str | None]:
    """The kind of work, and a note when the free text overrode a general type that said otherwise."""
    key = lower(general)
    from_general = GENERAL.get(key, W.DOCUMENT)
    if not resource_type:
        return from_general, None
    if key in WEAK:
        return _keyword(resource_type, whole=False) or from_general, None
    named = _keyword(resource_type, whole=True)
    if named is not None and named is not from_general:
        return named, (f"resourceTypeGeneral {general!r} but resourceType {resource_type!r}: read as "
                       f"{named.value}")
    return from_general, None


def degree_words(resource_type: str | None) -> str | None:
    """The degree a thesis type names ("Habilitation", "Doctoral thesis", "Master thesis"), if any."""
    if not resource_type:
        return None
    found = re.search(r"habilitation|doctoral|phd|master|bachelor|diplom", resource_type, re.IGNORECASE)
    return found.group(0) if found else None
