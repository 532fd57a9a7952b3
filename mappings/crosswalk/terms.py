"""The crosswalk's tables: classes per work type, roles, thesis degrees, statuses, classification schemes."""

from __future__ import annotations

from pyoxigraph import NamedNode

from mappings import normalize
from mappings.model import Degree, WorkType
from mappings.vocab import (
    BIBO,
    BIBO_DEGREES,
    DCMITYPE,
    DCTERMS,
    LODPUB,
    SDO,
)

VERSION = "0.1.0"
SOFTWARE_IRI = "https://w3id.org/lodpub/software"

# WorkType -> (BIBO class, Schema.org class, DCMI type)
TYPES: dict[WorkType, tuple[NamedNode | None, NamedNode, NamedNode]] = {
    WorkType.ARTICLE: (BIBO.AcademicArticle, SDO.ScholarlyArticle, DCMITYPE.Text),
    WorkType.CONFERENCE_PAPER: (BIBO.Article, SDO.ScholarlyArticle, DCMITYPE.Text),
    WorkType.PRESENTATION: (BIBO.Document, SDO.PresentationDigitalDocument, DCMITYPE.Text),
    WorkType.THESIS: (BIBO.Thesis, SDO.Thesis, DCMITYPE.Text),
    WorkType.BOOK: (BIBO.Book, SDO.Book, DCMITYPE.Text),
    WorkType.CHAPTER: (BIBO.Chapter, SDO.Chapter, DCMITYPE.Text),
    WorkType.REPORT: (BIBO.Report, SDO.Report, DCMITYPE.Text),
    WorkType.DATASET: (None, SDO.Dataset, DCMITYPE.Dataset),
    WorkType.SOFTWARE: (None, SDO.SoftwareApplication, DCMITYPE.Software),
    WorkType.WEBSITE: (BIBO.Website, SDO.WebSite, DCMITYPE.InteractiveResource),
    WorkType.MUSIC_RECORDING: (BIBO.AudioDocument, SDO.MusicAlbum, DCMITYPE.Sound),
    WorkType.SOUND_RECORDING: (BIBO.AudioDocument, SDO.AudioObject, DCMITYPE.Sound),
    WorkType.VIDEO: (BIBO.AudioVisualDocument, SDO.VideoObject, DCMITYPE.MovingImage),
    WorkType.MUSIC_SCORE: (BIBO.Document, SDO.SheetMusic, DCMITYPE.Text),
    WorkType.MAP: (BIBO.Map, SDO.Map, DCMITYPE.StillImage),
    WorkType.IMAGE: (BIBO.Image, SDO.ImageObject, DCMITYPE.StillImage),
    WorkType.PERIODICAL: (BIBO.Periodical, SDO.Periodical, DCMITYPE.Text),
    WorkType.PATENT: (BIBO.Patent, SDO.CreativeWork, DCMITYPE.Text),
    WorkType.DOCUMENT: (BIBO.Document, SDO.CreativeWork, DCMITYPE.Text),
}

# Roles (MARC relator codes) that make an agent a creator of the work rather than a contributor.
# Roles (MARC relator codes) that make an agent a creator of the work rather than a contributor.
CREATOR_ROLES = {"aut", "cre", "cmp", "art", "pht", "prg", "inv", "prf", "drt", "ctg", "pro"}
ROLE_PROPERTIES: dict[str, tuple[NamedNode, ...]] = {
    "edt": (BIBO.editor, SDO.editor),
    "trl": (BIBO.translator, SDO.translator),
    "ill": (SDO.illustrator,),
}
DEGREES: dict[str, str] = {  # normalised degree name or level -> degree IRI
    "phd": BIBO_DEGREES + "phd", "dphil": BIBO_DEGREES + "phd", "doctoral": BIBO_DEGREES + "phd",
    "doctor of philosophy": BIBO_DEGREES + "phd",
    "ma": BIBO_DEGREES + "ma", "master of arts": BIBO_DEGREES + "ma",
    "ms": BIBO_DEGREES + "ms", "msc": BIBO_DEGREES + "ms", "master of science": BIBO_DEGREES + "ms",
    "mphil": LODPUB["degree-mphil"].value, "masters": LODPUB["degree-masters"].value,
    "bachelors": LODPUB["degree-bachelors"].value, "bs": LODPUB["degree-bachelors"].value,
    "bsc": LODPUB["degree-bachelors"].value, "ba": LODPUB["degree-bachelors"].value,
    "professional doctorate": LODPUB["degree-professional-doctorate"].value,
    "edd": LODPUB["degree-professional-doctorate"].value,
    "dclinpsy": LODPUB["degree-professional-doctorate"].value,
    "dba": LODPUB["degree-professional-doctorate"].value,
}
LEVEL_LABELS = {"doctoral": "Doctoral degree", "masters": "Master's degree", "bachelors": "Bachelor's degree"}
STATUSES = {"accepted", "draft", "forthcoming", "legal", "nonPeerReviewed", "peerReviewed", "published",
            "rejected", "unpublished"}
CLASSIFICATION_DATATYPES = {"ddc": DCTERMS.DDC, "lcc": DCTERMS.LCC, "udc": DCTERMS.UDC}
CLASSIFICATION_LABELS = {"ddc": "Dewey Decimal Classification", "lcc": "Library of Congress Classification",
                         "udc": "Universal Decimal Classification"}


def degree_iri(degree: Degree) -> str | None:
    """The BIBO (or lodpub) degree IRI for a thesis degree, from its name or else its level."""
    name_key = normalize.fold(degree.name or "").replace(".", "").strip()
    return DEGREES.get(name_key) or DEGREES.get((degree.level or "").lower())
