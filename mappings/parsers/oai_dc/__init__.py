"""``oai-dc`` and ``uketd-dc``: OAI-PMH responses (``ListRecords``, ``GetRecord``) in simple Dublin Core.

``oai-dc`` is the OAI-PMH baseline ``oai_dc`` format (the fifteen DC elements); ``uketd-dc`` is the EThOS UK
thesis profile (``uketd_dc:uketddc``: DC and DCMI Terms elements plus ``uketdterms:`` institution,
department, qualificationname, qualificationlevel, advisor, sponsor, embargodate). Records are streamed one
``<record>`` at a time; a bare ``<oai_dc:dc>`` or ``<uketd_dc:uketddc>`` document (no OAI-PMH envelope)
is read as one record.

- header: identifier -> source id, datestamp -> source modified; ``status="deleted"`` -> RecordError
  (withdrawn from the repository); an ``<error code="...">`` response -> FormatError naming the code.
- dc:type (DRIVER/OpenAIRE ``info:eu-repo/semantics/...``, COAR resource types, repository words such as
  "Article", "Thesis", "Book Section", DCMI types) -> work type, the most specific one winning over "Text";
  ``...Version`` types -> version label; PeerReviewed/NonPeerReviewed -> status.
- dc:identifier: a DOI -> DOI; a URL on the repository's own host or holding the item's local id ->
  landing page; other URLs of files -> files; an ISBN/ISSN URN -> identifiers; a long text with a year in
  brackets -> the repository's citation (for theses, "Doctoral thesis, <institution>." gives the degree).
- dc:relation / dcterms:isReferencedBy: the landing page (see above), ``info:eu-repo/grantAgreement/...`` ->
  funding, ``info:eu-repo/semantics/altIdentifier/doi/...`` -> DOI, other URLs -> related links.
- dc:source: "Journal, 23(1), 54-63" or "Journal; Vol 23, No 1 (2018); 54-63" -> host journal; an ISSN ->
  its ISSN; anything else -> a note. dc:date: the first plain date -> issued, timestamps -> date available.
- dc:rights / dcterms:license: a licence URL or name ("cc_by_nc_sa") -> licence; ``info:eu-repo``
  access terms -> access note; other text -> rights.
- dc:subject -> keywords (a DDC ``info:eu-repo/classification/ddc/...`` -> classification);
  dc:description -> abstract (first) and notes; dc:coverage -> note; dc:format -> media type of the files.

Dropped deliberately: header setSpec (repository set codes), the OAI-PMH resumptionToken (no harvesting
here), dc:format values that are no media type ("text"), uketdterms:checksum and embargotype. Any other
element is kept as an unmapped source field.


The metadata fields are read by ``fields``, the dc:type vocabularies by ``work_types``.

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
