"""dc:type vocabularies found in OAI-PMH records (DRIVER/OpenAIRE, COAR, repository words, DCMI Type)."""

from __future__ import annotations

import re

from mappings.model import WorkType

W = WorkType  # short alias for the tables below
# fmt: off
EU_REPO = {
    "article": W.ARTICLE, "contributiontoperiodical": W.ARTICLE, "review": W.ARTICLE,
    "doctoralthesis": W.THESIS, "masterthesis": W.THESIS, "bachelorthesis": W.THESIS,
    "book": W.BOOK, "bookpart": W.CHAPTER, "conferenceobject": W.CONFERENCE_PAPER,
    "lecture": W.PRESENTATION, "conferenceposter": W.PRESENTATION, "report": W.REPORT,
    "workingpaper": W.REPORT, "technicaldocumentation": W.REPORT, "patent": W.PATENT,
    "preprint": W.ARTICLE, "annotation": W.DOCUMENT, "studentthesis": W.THESIS,
    "conferencepaper": W.CONFERENCE_PAPER, "conferencecontribution": W.CONFERENCE_PAPER,
    "conferenceproceedings": W.BOOK, "researchreport": W.REPORT, "researchproposal": W.REPORT,
    "bookreview": W.ARTICLE, "dataset": W.DATASET, "software": W.SOFTWARE, "image": W.IMAGE,
    "video": W.VIDEO, "sound": W.SOUND_RECORDING, "musicalnotation": W.MUSIC_SCORE,
    "cartographicmaterial": W.MAP, "other": W.DOCUMENT,
}
COAR = {
    "c_6501": W.ARTICLE, "c_2df8fbb1": W.ARTICLE, "c_816b": W.ARTICLE,
    "c_db06": W.THESIS, "c_bdcc": W.THESIS, "c_7a1f": W.THESIS, "c_46ec": W.THESIS,
    "c_2f33": W.BOOK, "c_3248": W.CHAPTER, "c_5794": W.CONFERENCE_PAPER,
    "c_c94f": W.CONFERENCE_PAPER, "c_6670": W.PRESENTATION, "c_8544": W.PRESENTATION,
    "c_93fc": W.REPORT, "c_8042": W.REPORT, "c_ddb1": W.DATASET,
    "c_5ce6": W.SOFTWARE, "c_c513": W.IMAGE, "c_12ce": W.VIDEO,
    "c_18cc": W.SOUND_RECORDING, "c_18cw": W.MUSIC_SCORE, "c_12cd": W.MAP,
    "c_15cd": W.PATENT, "c_2659": W.PERIODICAL, "c_18cf": W.DOCUMENT,
}
WORDS = {
    "article": W.ARTICLE, "journal article": W.ARTICLE, "journal contribution": W.ARTICLE,
    "thesis": W.THESIS, "thesis or dissertation": W.THESIS, "dissertation": W.THESIS,
    "doctoral thesis": W.THESIS, "phd thesis": W.THESIS, "masters thesis": W.THESIS,
    "book": W.BOOK, "monograph": W.REPORT, "book section": W.CHAPTER,
    "book chapter": W.CHAPTER, "chapter": W.CHAPTER, "part of book or chapter of book": W.CHAPTER,
    "conference or workshop item": W.CONFERENCE_PAPER, "conference paper": W.CONFERENCE_PAPER,
    "conference proceedings": W.CONFERENCE_PAPER, "conference item": W.CONFERENCE_PAPER,
    "presentation": W.PRESENTATION, "lecture": W.PRESENTATION, "poster": W.PRESENTATION,
    "report": W.REPORT, "working paper": W.REPORT, "technical report": W.REPORT,
    "dataset": W.DATASET, "data set": W.DATASET, "software": W.SOFTWARE,
    "image": W.IMAGE, "stillimage": W.IMAGE, "video": W.VIDEO,
    "movingimage": W.VIDEO, "audio": W.SOUND_RECORDING, "sound": W.SOUND_RECORDING,
    "musical composition": W.MUSIC_SCORE, "composition": W.MUSIC_SCORE, "map": W.MAP,
    "patent": W.PATENT, "website": W.WEBSITE, "interactiveresource": W.WEBSITE,
    "text": W.DOCUMENT, "other": W.DOCUMENT, "collection": W.DOCUMENT,
    "preprint": W.ARTICLE, "e-print": W.ARTICLE, "eprint": W.ARTICLE, "review": W.ARTICLE,
    "book review": W.ARTICLE, "magazine article": W.ARTICLE, "newspaper article": W.ARTICLE,
    "journal (on-line/unpaginated)": W.ARTICLE, "journal (paginated)": W.ARTICLE,
    "report or paper": W.REPORT, "research report": W.REPORT, "discussion paper": W.REPORT,
    "monograph or book": W.BOOK, "theses": W.THESIS, "master's thesis": W.THESIS, "doctoral dissertation": W.THESIS,
    "conference object": W.CONFERENCE_PAPER, "conference poster": W.PRESENTATION,
    "photograph": W.IMAGE, "still image": W.IMAGE, "notated music": W.MUSIC_SCORE, "score": W.MUSIC_SCORE,
    "sheet music": W.MUSIC_SCORE, "musical score": W.MUSIC_SCORE, "printed music": W.MUSIC_SCORE,
    "computer program": W.SOFTWARE, "cartographic material": W.MAP, "moving image": W.VIDEO,
    "sound recording": W.SOUND_RECORDING, "data": W.DATASET, "survey data": W.DATASET,
}
RANK = {W.DOCUMENT: 0, W.IMAGE: 1, W.MUSIC_SCORE: 3, W.MAP: 3}  # others 2: "Notated Music" + "Image" is a score
# fmt: on
VERSIONS = {
    "draft": "Draft",
    "submittedversion": "Submitted Version",
    "acceptedversion": "Accepted Version",
    "publishedversion": "Published Version",
    "updatedversion": "Updated Version",
}


def _one(value: str) -> WorkType | None:
    low = value.strip().lower()
    if m := re.match(r"info:eu-repo/semantics/(\w+)$", low):
        return EU_REPO.get(m[1])
    if m := re.search(r"purl\.org/coar/resource_type/(c_\w+)", low):
        return COAR.get(m[1])
    if low.startswith("http://purl.org/dc/dcmitype/"):
        low = low.rsplit("/", 1)[-1]
    if low.startswith(("thesis (", "thesis,")):  # "Thesis (Ph.D.)"
        return W.THESIS
    return WORDS.get(low.rstrip("."))


def work_type(types: list[str], fmt: str) -> WorkType:
    """The most specific work type the dc:type values name; a uketd_dc record is a thesis."""
    if fmt == "uketd-dc":
        return WorkType.THESIS
    found = [t for t in map(_one, types) if t is not None]
    return max(found, key=lambda t: RANK.get(t, 2)) if found else WorkType.DOCUMENT


def version_and_status(types: list[str]) -> tuple[str | None, list[str]]:
    """The version label ("info:eu-repo/semantics/acceptedVersion" -> "Accepted Version"), review status."""
    version = None
    status: list[str] = []
    for value in types:
        low = value.strip().lower()
        key = low.rsplit("/", 1)[-1]
        if key in VERSIONS and low.startswith("info:eu-repo"):
            version = VERSIONS[key]
        elif key == "peerreviewed":
            status.append("peerReviewed")
        elif key in ("nonpeerreviewed", "non peer reviewed"):
            status.append("nonPeerReviewed")
    return version, status
