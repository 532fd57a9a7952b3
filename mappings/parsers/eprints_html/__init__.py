"""``eprints-html``: an EPrints abstract (summary) page as HTML, the way a harvester fetches it.

EPrints writes the record three times into the page head: ``eprints.*`` meta tags (its own fields, codes and
all), Dublin Core ``DC.*`` tags and Highwire ``citation_*`` tags; ``<link rel="alternate">`` names the
record's exports and ``<link rel="canonical">`` the page. The visible page has the title, the citation, the
document links, the official URL, the abstract and the field table (see ``page``).

- Fields: ``eprints.*`` first, read like an EP3 ``<eprint>``'s fields by the EP3 XML readers (kinds, host with
  article numbers and page counts, thesis, event, dates, publisher without "s.n."); where one is missing the
  ``citation_*`` and then the ``DC.*`` tag standing for it, and last the visible page (see ``fields``).
- People: ``eprints.creators_name`` ("Family, Given"; ``citation_author``, ``DC.creator`` as stand-ins), with
  ``creators_id`` / ``creators_orcid`` only when the lists line up (EPrints leaves empty values out, so a shorter
  list cannot be matched); corporate creators, editors, supervisors, typed contributors as in EP3 XML.
- Subjects: ``DC.subject`` and the visible "Subjects" row give labels (concepts); ``eprints.subjects`` gives
  codes, kept unmapped. Divisions: the visible labels, else the codes.
- Licence: the documents' licence codes (``DC.rights``) when they agree on one; files: ``eprints.document_url``,
  ``citation_pdf_url``, the document links.
- Identity: the canonical link, else the URI row, else the abstract page named in ``DC.relation``, else the DOI,
  else a digest of title, date and first author. The EP3 XML export link is kept as a related link (the
  harvester's way to the full record); the other export links (BibTeX, RIS, ...) are dropped deliberately,
  and so are the page chrome, the ``eprints.eprintid``/``rev_number``/``userid``/``dir`` housekeeping tags.
- Refused: a page with no title anywhere, and a record whose ``eprint_status`` is not ``archive``; a bad DOI,
  ISBN, ISSN or date is a warning naming the tag and its line (the value kept as given).

Merge precedence (lower wins; the scale is in :class:`~mappings.parsers.base.Precedence`): 22, after the EP3
XML export (20), ahead of the page as text (25): the meta tags are the record's fields, the page a rendering.
The abstract ranks with the text page's (6): the author's own, after the export's.
"""

from mappings.parsers.base import Precedence

PRECEDENCE = {"eprints-html": Precedence(default=22, fields={"abstract": 6})}
