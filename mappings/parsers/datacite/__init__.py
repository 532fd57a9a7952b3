"""``datacite``: DataCite metadata, the registration agency's record of repository, thesis and dataset DOIs.

Read, in one format name (the parser tells XML from JSON by the first byte):

- DataCite XML, metadata kernel 4 (4.0-4.6), 3, 2.2 and 2.1: a bare ``<resource>``, several in one file, or
  inside an OAI-PMH response (``metadataPrefix=datacite``, ``<resource>`` straight in ``<metadata>``; or
  ``oai_datacite``, in ``<oai_datacite><payload>``). Records are streamed; a break in the XML costs only the
  records it falls in. OAI-PMH deleted records and error responses are refused, saying so.
- DataCite JSON: the REST API's JSON:API documents (``{"data": {"type": "dois", "attributes": {...}}}``,
  lists ``{"data": [...]}``; when the attributes hold no titles, the base64 deposited XML in ``xml`` is read)
  and DataCite JSON as bolognese, crosscite and content negotiation write it (top-level ``doi``,
  ``creators``, ``titles``, ``types``; old hyphenated and snake_case keys too); JSON Lines of either.

Mapped (both forms are read into DataCite JSON's shape by ``xml_resource`` / ``json_input``, then by one
mapping, ``fields``, with ``agents``, ``work_types`` and ``relations``):

- identifier (DOI; an invalid DOI is kept as a plain identifier, never as a DOI) -> DOI and source id.
- creators in order -> authors; contributors -> roles (Editor edt, Supervisor ths, ContactPerson ctb,
  DataCollector dtc, DataCurator cur, DataManager dtm, Distributor dst, HostingInstitution his, Producer
  pro, ProjectLeader rth, ProjectManager pdr, ProjectMember and ResearchGroup rtm, Researcher res,
  RelatedPerson asn, RightsHolder cph, Sponsor spn, Funder (kernel 2-3) fnd, Other ctb); person or
  organisation, name splitting and identifiers as :mod:`.agents` says; the first affiliation.
- titles: the first untyped title is the title; a Subtitle in its language the subtitle; AlternativeTitle,
  TranslatedTitle (with its own subtitle), further titles -> alternative titles.
- publisher; publicationYear and dates: Issued -> date of issue (several Issued dates: the one in the
  publication year, with a warning), else an Available date in the publication year, else the
  publicationYear; Available, Accepted, Submitted, Copyrighted -> those dates; Collected, Valid, Other ...
  -> notes; ranges ("2001/2003", "1970-04-01 / (:tba)" -> 1970-04-01/..) and vague dates kept as EDTF.
- resourceTypeGeneral + resourceType -> work type (:mod:`.work_types`); the free text as a genre;
  Preprint -> an article with version "Preprint"; a thesis's degree from "Habilitation"/"Master thesis"
  words or a "<University>, Diss., <year>" series note.
- subjects: DDC, UDC, FOS, ANZSRC FoR with a code -> classifications; other schemes -> subjects of that
  scheme (with the valueURI as authority); no scheme -> keywords.
- descriptions: the first Abstract -> abstract; Methods, TechnicalInfo, TableOfContents, Other, further
  abstracts -> notes; SeriesInformation -> the host journal's title, volume and issue when the work is
  part of an ISSN, a thesis note, else a note.
- language(s); rightsList: Creative Commons (by URI, SPDX id or words) -> licence; info:eu-repo access
  terms -> access note; anything else -> rights statements.
- relatedItems / container / relatedIdentifiers / alternateIdentifiers: host journal or book and links,
  as :mod:`.relations` says; url -> the work's URL; fundingReferences -> funding (funder and each award).
- sizes and formats -> extent (a page count from "152 pages"); version -> edition; the REST API's
  ``updated`` or the OAI-PMH datestamp -> source modified.

Dropped deliberately: geoLocations (points, boxes, polygons and place names: no place property for a
work here), funderIdentifier, awardTitle and awardURI, publisherIdentifier, nameIdentifier schemes'
URIs once the identifier is read, affiliation identifiers, the REST API's housekeeping (prefix, suffix,
state, counts and their histories, created, registered, published, client/provider relationships,
schemaVersion, metadataVersion, contentUrl) and the base64 ``xml`` when the attributes restate it. Any
other key or element is kept as an unmapped source field.

Merge precedence (lower wins; the scale is in :class:`~mappings.parsers.base.Precedence`): DataCite is the
registration agency's record of the DOI, like Crossref for publisher DOIs: 11, just after Crossref (a work
registered with both is a publisher's version of record at Crossref and a repository's copy at DataCite).
The abstract (9) is the depositor's own, after the repository's native export and a thesis's uketd_dc
abstract; the publisher (16) is often the hosting platform (Zenodo, figshare) or the digitising library,
not the imprint a catalogue transcribes; the work type (27) comes after Crossref's finer types for texts
(DataCite files most texts under "Text" and free words).
"""

from mappings.parsers.base import Precedence

PRECEDENCE = {
    "datacite": Precedence(default=11, fields={"abstract": 9, "publisher": 16, "place": 16, "work_type": 27}),
}
