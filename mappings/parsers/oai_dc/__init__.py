"""``oai-dc`` and ``uketd-dc``: OAI-PMH responses (``ListRecords``, ``GetRecord``) in simple Dublin Core.

``oai-dc`` is the OAI-PMH baseline ``oai_dc`` format (the fifteen DC elements); ``uketd-dc`` is the EThOS UK
thesis profile (``uketd_dc:uketddc``: DC and DCMI Terms elements plus ``uketdterms:`` institution,
department, qualificationname, qualificationlevel, advisor, sponsor, embargodate). Records are streamed one
``<record>`` at a time; a bare ``<oai_dc:dc>`` or ``<uketd_dc:uketddc>`` document (no OAI-PMH envelope)
is read as one record.

- header: identifier -> source id, datestamp -> source modified; ``status="deleted"`` -> RecordError
  (withdrawn from the repository: not bibliographic); an ``<error code="...">`` response -> FormatError naming
  the code; a document with no record says what it holds ("an OAI-PMH ListIdentifiers response ...").
  A bare record is named by its landing page (uketd_dc's dcterms:isReferencedBy, a handle), else its first
  identifier.
- Only a missing title refuses a record. A bad DOI, ISBN or ISSN, an unreadable date, a name that cannot be
  split are warnings naming the element and its line; the value is kept as given ("doi-as-given", ...).
- dc:type (DRIVER/OpenAIRE ``info:eu-repo/semantics/...``, COAR resource types, repository words such as
  "Article", "Preprint", "Report or Paper", "Notated Music", "Photograph", DCMI types) -> work type, the most
  specific winning ("Notated Music" over "Image", anything over "Text"); ``...Version`` types -> version label;
  PeerReviewed/NonPeerReviewed -> status. An arXiv e-print typed only "text" is an article, a Zenodo upload of a
  GitHub release typed only "other" is software (each with a warning). See ``work_types``.
- dc:creator / dc:contributor / uketdterms:advisor (several joined by " ; "): names as in
  :mod:`mappings.parsers.common.names` (role notes "(Composer)" become relator codes, titles and degree notes
  leave the name, bodies are organisations, "A., Auricchio" is turned round); a contributor repeating a creator,
  or anyone listed twice, is kept once; DSpace bundle names ("ORIGINAL") are no agents.
- dc:identifier / dc:relation (see ``identifiers``): DOIs in every written form (dc:identifier's first; another
  DOI in dc:relation is a related link), bare ISBNs and ISSNs, landing page, files, grants, "Label: value"
  identifiers (NNT, call numbers), the repository's citation. Plain-text dc:relation: a series
  ("Title;Number"), a journal's or proceedings' title (see ``host``).
- dc:source and the citation (see ``citation`` and ``host``) -> host journal (title, volume, issue, pages,
  article number, ISSN), host book, a presentation's event; a URL -> related link; anything else -> a note.
- dc:date: the first plain date at its own precision (``date_value``: "2005?", "1945?-1950?"); repository
  timestamps -> date available, and the date of issue only when nothing else dates the record (warning).
  uketd_dc's DD/MM/YYYY dates are read day first; "01/01/YYYY" is EThOS's placeholder: the year (warning).
- dc:rights / dcterms:license: a licence URL or name ("cc_by_nc_sa") -> licence; ``info:eu-repo`` access terms ->
  access note; other text -> rights.
- dc:subject -> keywords, split at ";" unless a classification heading ("C21 - Cross-Sectional Models ; Spatial
  Models"); a DDC ``info:eu-repo/classification/ddc/...`` -> classification.
- dcterms:abstract, else the dc:description that reads like an abstract (not "Comment: ...", "14 pages", a
  digitisation note, "[no abstract]") -> abstract, HTML (escaped once or twice) as plain text; the other
  descriptions -> notes (see ``text``); dc:coverage -> note; dc:format -> media type of the files.
- uketd_dc: institution (the degree's, which may differ from dc:publisher), department, qualification name and
  level -> degree; authoridentifier (ORCID, ISNI) -> the author's ids; sponsor (" ; "-joined) -> funders;
  embargodate -> access note (see ``thesis``).

Dropped deliberately: header setSpec (repository set codes), the OAI-PMH resumptionToken (no harvesting
here), dc:format values that are no media type ("text"), uketdterms:checksum and embargotype. Any other
element is kept as an unmapped source field.

Merge precedence (lower wins; the scale is in :class:`~mappings.parsers.base.Precedence`): an OAI-PMH
harvest comes last (uketd_dc 50, oai_dc 60): simple Dublin Core flattens what the repository knew (names,
host, dates in free text). The abstract is the exception: uketd_dc (8) is a thesis's own abstract from
the awarding institution, ahead of everything but the repository's native records; oai_dc's first
dc:description (14) is usually the abstract but can be a note ("14 pages, 6 figures"), so it comes after
Crossref's.
"""

from mappings.parsers.base import Precedence

PRECEDENCE = {
    "oai-dc": Precedence(default=60, fields={"abstract": 14}),
    "uketd-dc": Precedence(default=50, fields={"abstract": 8}),
}
