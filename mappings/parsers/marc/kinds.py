"""What a MARC 21 record describes: bibliographic or not (leader/06), and its work type.

The work type comes from leader/06-07 and 008, with the RDA content type (336) as the stronger evidence
where the two disagree: a "computer dataset" is a dataset whatever leader/06 says, and a printed book
coded as a computer file (leader/06 "m") with 336 "text" is a book. Without a 336, a leader/06 "m"
record whose 300 counts pages and that has no sign of being electronic (no 007 "c", 256, 856 or 338
"online resource") is read as text too. A 502 dissertation note makes a thesis; the 245 $h GMD
("[sound recording]") is used only when the leader leaves the type open.
"""

from __future__ import annotations

import re

from pymarc import Record as MarcRecord

from mappings.model import WorkType

# leader/06 (type of record) -> work type; language material and computer files are decided further below
# fmt: off
RECORD_TYPES = {"c": WorkType.MUSIC_SCORE, "d": WorkType.MUSIC_SCORE, "e": WorkType.MAP, "f": WorkType.MAP,
                "i": WorkType.SOUND_RECORDING, "j": WorkType.MUSIC_RECORDING, "k": WorkType.IMAGE,
                "o": WorkType.DOCUMENT, "p": WorkType.DOCUMENT, "r": WorkType.DOCUMENT}
GMD_WORK_TYPES = {"sound": WorkType.SOUND_RECORDING, "video": WorkType.VIDEO, "map": WorkType.MAP,
                  "score": WorkType.MUSIC_SCORE, "image": WorkType.IMAGE}
COMPUTER_FILE_TYPES = {"a": WorkType.DATASET, "e": WorkType.DATASET, "b": WorkType.SOFTWARE,
                       "f": WorkType.SOFTWARE, "g": WorkType.SOFTWARE, "j": WorkType.WEBSITE,
                       "d": WorkType.DOCUMENT}
# RDA content types (336 $b codes and $a terms); None: text, decided by leader/07 and 008 as language material
CONTENT_TYPES: dict[str, WorkType | None] = {
    "txt": None, "text": None, "tct": None, "tactile text": None,
    "cod": WorkType.DATASET, "computer dataset": WorkType.DATASET,
    "cop": WorkType.SOFTWARE, "computer program": WorkType.SOFTWARE,
    "crd": WorkType.MAP, "cartographic dataset": WorkType.MAP, "cri": WorkType.MAP,
    "cartographic image": WorkType.MAP, "crm": WorkType.MAP, "cartographic moving image": WorkType.MAP,
    "crt": WorkType.MAP, "cartographic tactile image": WorkType.MAP, "crn": WorkType.MAP,
    "cartographic three-dimensional form": WorkType.MAP, "crf": WorkType.MAP,
    "cartographic tactile three-dimensional form": WorkType.MAP,
    "ntm": WorkType.MUSIC_SCORE, "notated music": WorkType.MUSIC_SCORE, "tcm": WorkType.MUSIC_SCORE,
    "tactile notated music": WorkType.MUSIC_SCORE,
    "prm": WorkType.MUSIC_RECORDING, "performed music": WorkType.MUSIC_RECORDING,
    "snd": WorkType.SOUND_RECORDING, "sounds": WorkType.SOUND_RECORDING,
    "spw": WorkType.SOUND_RECORDING, "spoken word": WorkType.SOUND_RECORDING,
    "sti": WorkType.IMAGE, "still image": WorkType.IMAGE, "tci": WorkType.IMAGE, "tactile image": WorkType.IMAGE,
    "tdi": WorkType.VIDEO, "two-dimensional moving image": WorkType.VIDEO,
    "tdm": WorkType.VIDEO, "three-dimensional moving image": WorkType.VIDEO,
}
# fmt: on
# leader/06 of records that describe no work: holdings, authorities, classification, community information
NOT_BIBLIOGRAPHIC = {"u": "holdings", "v": "holdings", "x": "holdings", "y": "holdings", "z": "authority",
                     "w": "classification", "q": "community information"}


def control(rec: MarcRecord, tag: str) -> str:
    """The data of a control field, or ""; of a repeated one (two 008s, one a stub), the fullest."""
    values = [f.data for f in rec.get_fields(tag) if f.data]
    return max(values, key=lambda v: len(v.replace("|", " ").strip())) if values else ""


def not_bibliographic(rec: MarcRecord) -> tuple[str, str] | None:
    """(the kind of MARC record, the evidence) when it is no bibliographic record, else None.

    Leader/06 says so; a record without a leader (CERN's Invenio exports) is an authority record when
    its 980 says AUTHORITY, or when it has no title but a heading with see-from (4XX) or source (670) fields.
    """
    kind = NOT_BIBLIOGRAPHIC.get(str(rec.leader)[6:7])
    if kind:
        return kind, f"leader/06 {str(rec.leader)[6:7]!r}"
    collections = " ".join(v.upper() for f in rec.get_fields("980") for v in f.get_subfields("a", "b"))
    if "AUTHORITY" in collections:
        return "authority", "980 AUTHORITY"
    heading = rec.get_fields("100", "110", "111", "130", "150", "151")
    tracings = rec.get_fields("400", "410", "411", "430", "450", "451", "500", "510", "670")
    if not rec.get_fields("245") and heading and tracings and not rec.get_fields("260", "264", "300"):
        return "authority", "a heading with see-from or source fields and no title"
    return None


def content_type(rec: MarcRecord) -> tuple[bool, WorkType | None]:
    """(whether a 336 content type is known, and the work type it says; None for text)."""
    for field in rec.get_fields("336"):
        for value in [*field.get_subfields("b"), *field.get_subfields("a")]:
            key = value.strip().rstrip(".").lower()
            if key in CONTENT_TYPES:
                return True, CONTENT_TYPES[key]
    return False, None


def _electronic(rec: MarcRecord) -> bool:
    carriers = " ".join(v.lower() for f in rec.get_fields("338") for v in f.get_subfields("a", "b"))
    return (control(rec, "007").startswith("c") or bool(rec.get_fields("256"))
            or any(f.get("u") for f in rec.get_fields("856")) or "online" in carriers or "cr" in carriers.split())


def _printed(rec: MarcRecord) -> bool:
    extent = " ".join(v for f in rec.get_fields("300") for v in f.get_subfields("a"))
    carriers = " ".join(v.lower() for f in rec.get_fields("338") for v in f.get_subfields("a", "b"))
    return ("volume" in carriers or "nc" in carriers.split()
            or bool(re.search(r"\d+\s*(?:p\b|pages|leaves|S\.|v\.)", extent)) and not _electronic(rec))


def work_type(rec: MarcRecord, gmd: str) -> WorkType:
    """The work type from leader/06-07 and 008, the 336 content type, the 502 note and the 245 $h GMD."""
    leader = str(rec.leader)
    rtype = leader[6:7]
    known, content = content_type(rec)
    if rec.get_fields("502"):
        return WorkType.THESIS
    if not rtype.strip() and (found := _collection_type(rec)):
        return found
    if rtype == "m" and ((known and content is None) or (not known and _printed(rec))):
        rtype = "a"  # a text coded as a computer file: read it as language material
    elif known and content is not None and content is not _leader_type(rec, rtype, gmd):
        return content
    return _leader_type(rec, rtype, gmd)


# CERN's Invenio exports have no leader: their collection (980 $a, 690C $a) is the only evidence of the type
COLLECTIONS = {"BOOK": WorkType.BOOK, "BOOKS": WorkType.BOOK, "THESIS": WorkType.THESIS,
               "REPORT": WorkType.REPORT, "PREPRINT": WorkType.REPORT, "PROCEEDINGS": WorkType.BOOK,
               "ARTICLE": WorkType.ARTICLE, "PUBLARTICLE": WorkType.ARTICLE}


def _collection_type(rec: MarcRecord) -> WorkType | None:
    names = [v.strip().upper() for f in rec.get_fields("980") for v in f.get_subfields("a")]
    names += [v.strip().upper() for f in rec.get_fields("690") if f.indicator1 == "C" for v in f.get_subfields("a")]
    kinds = [COLLECTIONS[n] for n in names if n in COLLECTIONS]
    if WorkType.THESIS in kinds:
        return WorkType.THESIS
    if WorkType.ARTICLE in kinds and not any(f.get("t") or f.get("p") for f in rec.get_fields("773")):
        kinds = [k for k in kinds if k is not WorkType.ARTICLE]  # no journal: a preprint, a report
        if rec.get_fields("037", "088"):
            kinds.append(WorkType.REPORT)
    return kinds[0] if kinds else None


def _leader_type(rec: MarcRecord, rtype: str, gmd: str) -> WorkType:
    level = str(rec.leader)[7:8]
    f008 = control(rec, "008")
    if rtype in ("a", "t"):
        nature = f008[24:28] if len(f008) >= 28 else ""
        if level == "b" or (level == "a" and any(f.get("x") for f in rec.get_fields("773"))):
            return WorkType.ARTICLE
        if level == "a":
            return WorkType.CHAPTER
        if level == "s" or (level == "i" and f008[21:22] != "w"):
            return WorkType.PERIODICAL
        if level == "i":
            return WorkType.WEBSITE
        if "m" in nature:
            return WorkType.THESIS
        if "t" in nature:
            return WorkType.REPORT
        if gmd and gmd in GMD_WORK_TYPES:
            return GMD_WORK_TYPES[gmd]
        return WorkType.BOOK if rtype == "a" and level in ("m", "", " ") else WorkType.DOCUMENT
    if rtype == "g":
        return WorkType.IMAGE if f008[33:34] in ("f", "s", "t", "i", "l") else WorkType.VIDEO
    if rtype == "m":
        kind = COMPUTER_FILE_TYPES.get(f008[26:27])
        if kind:
            return kind
        remote = control(rec, "007").startswith("cr") or any(f.get("u") for f in rec.get_fields("856"))
        ongoing = f008[6:7] in ("c", "m", "d") and f008[11:15] == "9999" or level == "i"
        return WorkType.WEBSITE if remote and ongoing else WorkType.DOCUMENT
    if rtype in RECORD_TYPES:
        return RECORD_TYPES[rtype]
    return GMD_WORK_TYPES.get(gmd, WorkType.DOCUMENT)
