"""``crossref``: Crossref REST API JSON — a work, a work list, bare work objects, or JSON Lines of them.

A response ``{"status": "ok", "message-type": "work", "message": {...}}`` is one record; a ``work-list``
(``"message": {"items": [...]}``) is read item by item. When the JSON is broken, the items before the break
are mapped, the break is reported with its line and column, and reading resumes at the next whole work
object. Error responses (``"status": "failed"``, or a plain-text "Resource not found.") are a FormatError.
The JSON is cut into works by ``parser`` and each work is read by ``fields`` (with ``agents``, ``host`` and
``values``):

- type -> work type (journal-article, book-chapter, proceedings-article, dissertation, book, report,
  posted-content: a preprint or blog post is an article (a preprint with version "Preprint"), a working
  paper a report, dataset, ...); DOI (an invalid one is kept as a plain identifier, doi-as-given, with a
  warning); title/subtitle (markup and entities removed, also entities escaped twice), a second title
  (another language) with its subtitle, short-title, original-title -> alternative titles.
- Refused, saying why: a deleted-DOI placeholder (its title is the DOI, in "CrossRef Listing of Deleted
  DOIs": not bibliographic), a work without a title (a component names its parent work).
- author (given, family, or name for an organisation; ORCID; affiliation), editor, translator, in order;
  the deposit errors real records show (a whole name or several people in ``family``, affiliations
  deposited as authors) are handled as :mod:`.agents` says, each with a warning.
- container-title + ISSN/issn-type (print, electronic) -> the journal (or the host book of a chapter,
  with its ISBNs); volume ("83 (1999)" -> 83, warned), issue, page ("Art. No. 123" -> article number),
  article-number; journal-issue dates -> the issue's date. A bad ISSN or ISBN is left out with a warning.
- issued (no date parts, [[null]]: no date, warned) -> date of issue; published-online -> date available;
  accepted/approved -> date accepted; deposited -> source modified. publisher, publisher-location;
  resource.primary.URL -> the work's URL (not when it is Crossref's deleted-DOI page).
- license: Creative Commons URLs -> licence (version of record first), others -> rights; abstract (JATS
  -> plain text, section titles kept as "Purpose: ..."); subject -> ASJC subjects; language; funder (name
  and each award); link -> files (version: vor -> published, am -> accepted); ISBN; institution and degree
  of a dissertation; event of a proceedings article; alternative-id -> publisher's id.

Dropped deliberately (bibliometrics and Crossref housekeeping): indexed, created, reference-count,
references-count, is-referenced-by-count, reference, relation, score, member, prefix, source,
content-domain, short-container-title, update-policy, assertion, archive, URL (the DOI's own URL),
published, published-print (restated by issued), issn-type and isbn-type (read with ISSN and ISBN),
resource, journal-issue. Any other key is kept as an unmapped source field.

Merge precedence (lower wins; the scale is in :class:`~mappings.parsers.base.Precedence`): publisher
metadata, 10, first: the version of record's own title, authors with ORCID iDs, journal with ISSNs, and
date of issue. Except for publisher and place (15), where Crossref gives the member that deposited the DOI
rather than the imprint a catalogue transcribes; the abstract (12), which only some publishers deposit,
sometimes truncated, and which the author's repository has in full; and the work type (26), where
Crossref's types lump many kinds together (posted-content, component, other) that a repository's item type
tells apart.
"""

from mappings.parsers.base import Precedence

PRECEDENCE = {
    "crossref": Precedence(default=10, fields={"abstract": 12, "publisher": 15, "place": 15, "work_type": 26}),
}
