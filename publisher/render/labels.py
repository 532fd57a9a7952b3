"""Words for the codes the data holds, as pages show them: languages, publication status, subject schemes, files,
contributor roles and input formats ("eng" -> "English", "peerReviewed" -> "Peer reviewed").

Every function takes what the data says and returns text for people; a code it does not know comes back readable
(split at its capitals or hyphens), never empty, so a new code still shows.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import unquote, urlsplit

import pycountry

# bibo:status individuals (http://purl.org/ontology/bibo/status/...)
STATUS = {"peerReviewed": "Peer reviewed", "nonPeerReviewed": "Not peer reviewed", "published": "Published",
          "unpublished": "Unpublished", "accepted": "Accepted", "draft": "Draft", "forthcoming": "Forthcoming",
          "rejected": "Rejected", "legal": "Legal"}
# subject and classification schemes by the code lodpub mints them under (<base>id/scheme/<code>, id/class/<code>/)
SCHEMES = {
    "lcsh": "Library of Congress Subject Headings", "lcshac": "LC Children's Subject Headings",
    "lcgft": "LC Genre/Form Terms", "lcdgt": "LC Demographic Group Terms", "lcmpt": "LC Medium of Performance",
    "fast": "FAST (Faceted Application of Subject Terminology)", "mesh": "Medical Subject Headings (MeSH)",
    "gsafd": "Guidelines on Subject Access to Works of Fiction, Drama (GSAFD)", "aat": "Art & Architecture Thesaurus",
    "tgm": "Thesaurus for Graphic Materials", "agrovoc": "AGROVOC", "gnd": "GND subject headings",
    "rameau": "RAMEAU", "ram": "RAMEAU", "rvm": "Répertoire de vedettes-matière", "sears": "Sears List of Subject "
    "Headings", "bisacsh": "BISAC Subject Headings", "eurovoc": "EuroVoc", "unbist": "UNBIS Thesaurus",
    "homoit": "Homosaurus", "wikidata": "Wikidata", "keywords": "Keywords", "bl": "British Library catalogue headings",
    "eprints-subjects": "Repository subjects", "asjc": "All Science Journal Classification (ASJC)",
    "for": "Fields of Research (ANZSRC)", "jel": "JEL Classification", "msc": "Mathematics Subject Classification",
    "acm": "ACM Computing Classification System", "pacs": "PACS", "ddc": "Dewey Decimal Classification",
    "lcc": "Library of Congress Classification", "udc": "Universal Decimal Classification",
    "nlm": "NLM Classification", "local": "Local headings",
}
# MARC relator codes (http://id.loc.gov/vocabulary/relators/...) as roles on a person's or organisation's works
ROLES = {"aut": "author", "cre": "creator", "edt": "editor", "ths": "supervisor", "ctb": "contributor",
         "trl": "translator", "ill": "illustrator", "com": "compiler", "pbl": "publisher", "dgg": "degree grantor",
         "his": "host institution", "fnd": "funder", "prf": "performer", "cmp": "composer", "drt": "director",
         "pro": "producer", "nrt": "narrator", "act": "actor", "mus": "musician", "sng": "singer", "cnd": "conductor",
         "ive": "interviewee", "ivr": "interviewer", "rev": "reviewer", "edc": "editor of compilation",
         "pht": "photographer", "art": "artist", "ctg": "cartographer", "spk": "speaker", "dgs": "degree supervisor",
         "opn": "opponent", "dpt": "depositor", "own": "owner", "ant": "bibliographic antecedent", "wpr": "writer of "
         "preface", "aui": "author of introduction", "aft": "author of afterword", "win": "writer of introduction"}
# input formats (lodpub:inputFormat)
FORMATS = {"bl-catalogue": "British Library catalogue display", "crossref": "Crossref", "datacite": "DataCite",
           "eprints-html": "EPrints abstract page (HTML)", "eprints-page": "EPrints abstract page",
           "eprints-xml": "EPrints XML", "marc": "MARC 21", "marcxml": "MARCXML", "oai-dc": "OAI-PMH Dublin Core",
           "uketd-dc": "UK ETD Dublin Core (EThOS)"}
# file versions (schema:creativeWorkStatus of a MediaObject: EPrints' document content, Crossref's)
VERSIONS = {"draft": "Draft", "submitted": "Submitted version", "submittedversion": "Submitted version",
            "accepted": "Accepted version", "acceptedversion": "Accepted version", "published": "Published version",
            "publishedversion": "Published version", "final": "Final version", "updated": "Updated version",
            "supplemental": "Supplementary material", "presentation": "Presentation", "coverimage": "Cover image",
            "vor": "Version of record", "am": "Accepted manuscript", "other": ""}
MEDIA_TYPES = {
    "application/pdf": "PDF", "application/xml": "XML", "text/xml": "XML", "text/html": "Web page",
    "text/plain": "Text", "text/csv": "CSV", "application/json": "JSON", "application/zip": "ZIP archive",
    "application/msword": "Word document", "application/rtf": "RTF document", "application/epub+zip": "EPUB",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word document",
    "application/vnd.ms-excel": "Excel spreadsheet", "application/vnd.ms-powerpoint": "PowerPoint presentation",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel spreadsheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "PowerPoint presentation",
    "application/vnd.oasis.opendocument.text": "OpenDocument text", "image/jpeg": "JPEG image",
    "image/png": "PNG image", "image/tiff": "TIFF image", "image/gif": "GIF image", "audio/mpeg": "MP3 audio",
    "audio/wav": "WAV audio", "video/mp4": "MP4 video", "video/quicktime": "QuickTime video",
}
EXTENSIONS = {"pdf": "application/pdf", "xml": "application/xml", "html": "text/html", "htm": "text/html",
              "txt": "text/plain", "csv": "text/csv", "zip": "application/zip", "doc": "application/msword",
              "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
              "jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "tif": "image/tiff", "mp3": "audio/mpeg",
              "mp4": "video/mp4", "epub": "application/epub+zip"}


def humanise(code: str) -> str:
    """A code as words: ``peerReviewed`` -> ``Peer reviewed``, ``eprints-subjects`` -> ``Eprints subjects``."""
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", code.strip())
    words = re.sub(r"[-_]+", " ", spaced).strip()
    return (words[:1].upper() + words[1:].lower()) if words else code


@lru_cache(maxsize=1024)
def language_name(code: str) -> str:
    """An ISO 639-2 code (bibliographic or terminology) or an ISO 639-1 tag as its English name ("English")."""
    tag = code.rsplit("/", 1)[-1].strip().lower()
    primary = tag.split("-")[0]
    found = None
    try:
        if len(primary) == 3:
            found = pycountry.languages.get(alpha_3=primary) or pycountry.languages.get(bibliographic=primary)
        elif len(primary) == 2:
            found = pycountry.languages.get(alpha_2=primary)
    except (KeyError, LookupError):
        found = None
    return str(found.name) if found is not None else code


def status_words(statuses: list[str], version: str | None = None) -> str:
    """Publication status and version, in words: ``Peer reviewed · Accepted version``; a status the version
    already says ("accepted" with "Accepted Version") is given once."""
    version_text = sentence_case(version) if version else ""
    first_word = version_text.split(" ", 1)[0].lower()
    words = [STATUS.get(s, humanise(s)) for s in statuses if s.lower() != first_word]
    return " · ".join(dict.fromkeys([*words, *([version_text] if version_text else [])]))


def sentence_case(text: str) -> str:
    """``Accepted Version`` -> ``Accepted version`` (words after the first lower-cased unless all capitals)."""
    words = text.split()
    return " ".join([words[0][:1].upper() + words[0][1:], *(w if w.isupper() else w.lower() for w in words[1:])]) \
        if words else text


def scheme_name(iri: str) -> str:
    """A subject or classification scheme by its IRI (``.../id/scheme/lcsh``, ``.../id/class/ddc``)."""
    code = iri.rstrip("/").rsplit("/", 1)[-1]
    return SCHEMES.get(code.lower(), humanise(unquote(code)))


def role_name(code: str) -> str:
    """A MARC relator code as a role ("ths" -> "supervisor")."""
    return ROLES.get(code, code)


def format_name(key: str | None) -> str:
    """An input format's name ("eprints-xml" -> "EPrints XML")."""
    return FORMATS.get(key or "", humanise(key or ""))


def file_name(url: str, name: str | None) -> str:
    """What a file is called: its name, else the last part of its URL when that looks like a file name."""
    if name and name != url:
        return name
    last = unquote(urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1])
    return last if "." in last else "Full text"


def file_type(url: str, media_type: str | None) -> str:
    """A file's type in words ("PDF"), from its media type or else its name's extension; "" when unknown."""
    kind = (media_type or "").split(";")[0].strip().lower()
    if not kind:
        extension = urlsplit(url).path.rsplit(".", 1)[-1].lower() if "." in urlsplit(url).path else ""
        kind = EXTENSIONS.get(extension, "")
    return MEDIA_TYPES.get(kind, kind)


def file_size(size: int | None) -> str:
    """A size in bytes for people: ``3.6 MB``, ``218 kB``, ``512 bytes`` (decimal units); "" when unknown."""
    if size is None:
        return ""
    if size < 1000:
        return f"{size} bytes"
    value = float(size)
    for unit in ("kB", "MB", "GB", "TB"):
        value /= 1000.0
        if value < 999.95 or unit == "TB":
            return f"{value:.1f} {unit}" if value < 10 else f"{value:.0f} {unit}"
    return ""


def version_name(version: str | None) -> str:
    """A file's version in words ("accepted" -> "Accepted version"); "" when none or "other"."""
    if not version:
        return ""
    key = re.sub(r"[\s_-]+", "", version.lower())
    return VERSIONS.get(key, sentence_case(version))
