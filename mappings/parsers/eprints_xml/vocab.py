"""EPrints' own codes (item types, licences, contributor types, presentation and report types) and their meaning.

The EP3 XML export and an abstract page's ``eprints.*`` meta tags give these codes, never their labels;
a code is mapped to a work type, a relator code or a label here, and is never made a concept.
"""

from __future__ import annotations

from mappings.model import WorkType

W = WorkType
# the item type (<type>) -> work type; conference_item is decided with pres_type
TYPES = {
    "article": W.ARTICLE, "book_section": W.CHAPTER, "book": W.BOOK, "monograph": W.REPORT, "thesis": W.THESIS,
    "patent": W.PATENT, "dataset": W.DATASET, "data_collection": W.DATASET, "image": W.IMAGE, "video": W.VIDEO,
    "audio": W.SOUND_RECORDING, "composition": W.MUSIC_SCORE, "journal_issue": W.PERIODICAL, "website": W.WEBSITE,
    "software": W.SOFTWARE, "teaching_resource": W.DOCUMENT, "other": W.DOCUMENT, "artefact": W.DOCUMENT,
    "exhibition": W.DOCUMENT, "performance": W.DOCUMENT, "oral_history": W.DOCUMENT, "lab_notes": W.DOCUMENT,
    "report": W.REPORT, "working_paper": W.REPORT, "preprint": W.ARTICLE, "review": W.ARTICLE,
}
PRESENTATIONS = {"lecture", "speech", "poster", "keynote", "presentation"}
PRES_TYPES = {"paper": "Paper", "poster": "Poster", "speech": "Speech", "keynote": "Keynote", "lecture": "Lecture",
              "presentation": "Presentation", "other": None}
MONOGRAPH_TYPES = {"technical_report": "Technical Report", "project_report": "Project Report",
                   "documentation": "Documentation", "manual": "Manual", "working_paper": "Working Paper",
                   "discussion_paper": "Discussion Paper", "annual_report": "Annual Report",
                   "white_paper": "White Paper", "report": "Report", "other": None}
THESIS_LEVELS = {"phd": ("doctoral", "PhD"), "doctoral": ("doctoral", None), "engd": ("doctoral", "EngD"),
                 "masters": ("masters", None), "mphil": ("masters", "MPhil"), "bachelors": ("bachelors", None),
                 "senior_major": ("bachelors", None), "honours": ("bachelors", None)}
STATUS = {"pub": "published", "inpress": "forthcoming", "unpub": "unpublished", "submitted": "draft"}
# a contributor's type: a word (artexte, many 3.x repositories) or a relator URI -> MARC relator code
CONTRIBUTOR_TYPES = {
    "author": "aut", "editor": "edt", "translator": "trl", "curator": "cur", "prefacer": "wpr",
    "illustrator": "ill", "photographer": "pht", "designer": "dsr", "compiler": "com", "interviewer": "ivr",
    "interviewee": "ive", "artist": "art", "contributor": "ctb", "advisor": "ths", "supervisor": "ths",
    "thesis_advisor": "ths", "composer": "cmp", "performer": "prf", "producer": "pro", "director": "drt",
    "researcher": "res", "reviewer": "rev", "sponsor": "spn", "funder": "fnd", "narrator": "nrt",
}
# EPrints document licence codes -> (Creative Commons IRI or None, family or None)
LICENCES = {
    "cc_by": (None, "by"), "cc_by_sa": (None, "by-sa"), "cc_by_nd": (None, "by-nd"), "cc_by_nc": (None, "by-nc"),
    "cc_by_nc_sa": (None, "by-nc-sa"), "cc_by_nc_nd": (None, "by-nc-nd"),
    "cc_by_4": ("https://creativecommons.org/licenses/by/4.0/", "by"),
    "cc_by_sa_4": ("https://creativecommons.org/licenses/by-sa/4.0/", "by-sa"),
    "cc_by_nd_4": ("https://creativecommons.org/licenses/by-nd/4.0/", "by-nd"),
    "cc_by_nc_4": ("https://creativecommons.org/licenses/by-nc/4.0/", "by-nc"),
    "cc_by_nc_sa_4": ("https://creativecommons.org/licenses/by-nc-sa/4.0/", "by-nc-sa"),
    "cc_by_nc_nd_4": ("https://creativecommons.org/licenses/by-nc-nd/4.0/", "by-nc-nd"),
    "cc_by_3": ("https://creativecommons.org/licenses/by/3.0/", "by"),
    "cc0": ("https://creativecommons.org/publicdomain/zero/1.0/", "cc0"),
}
NO_PUBLISHER = {"s.n.", "s.n", "[s.n.]", "sn", "s. n.", "n.p.", "[n.p.]", "unknown", "unspecified"}
NO_PLACE = {"s.l.", "s.l", "[s.l.]", "n.p.", "[n.p.]", "unknown"}
ANONYMOUS = {"anon.", "anon", "anonymous", "[anon.]"}


def contributor_role(code: str) -> str:
    """The relator code of an EPrints contributor type ("http://www.loc.gov/loc.terms/relators/EDT", "curator")."""
    text = code.strip()
    if "/relators/" in text:
        return text.rsplit("/", 1)[-1].lower()
    return CONTRIBUTOR_TYPES.get(text.lower().replace(" ", "_"), "ctb")


def work_type(r_type: str, pres_type: str | None) -> WorkType:
    """The work type of an item type code (a conference item's by its presentation type)."""
    if r_type == "conference_item":
        return WorkType.PRESENTATION if pres_type in PRESENTATIONS else WorkType.CONFERENCE_PAPER
    return TYPES.get(r_type, WorkType.DOCUMENT)
