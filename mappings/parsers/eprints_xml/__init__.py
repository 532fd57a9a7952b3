"""``eprints-xml``: EPrints EP3 XML exports (``<eprints xmlns="http://eprints.org/ep2/data/2.0">``).

One file may hold many ``<eprint>`` elements; they are read one at a time. Every field is either
mapped, kept as an unmapped source field, or dropped deliberately. Dropped deliberately (repository
housekeeping that says nothing about the work): ``rev_number``, ``userid``, ``dir``,
``status_changed``, ``metadata_visibility``, ``full_text_status``, ``suggestions``, ``reviewer``,
``review_status``, ``item_issues_count``, ``sword_depositor``, ``fileinfo``, ``succeeds``,
``commentary``; documents that are not public (``security`` other than ``public``) and derived
documents (thumbnails, index codes: any document that ``isVersionOf`` another). HTML entities stored
literally in field values (``G&amp;uuml;nter``) are decoded.

Refused: a record with no title, and one whose ``eprint_status`` is not ``archive`` (inbox, buffer,
deletion: not public). Everything else publishes; what is wrong with a field is a warning naming the field
and its line, and the value is kept as given where it is one: a DOI that is none ("doi-as-given"), a bad ISBN
(14 digits, truncated) or ISSN ("isbn-as-given", "issn-as-given"), an unreadable date, a placeholder name
("Unknown Unknown", "Anon."), the publisher "s.n." (none), a ``pages`` value that repeats the article number.

- The DOI: ``<doi>``, else a ``related_url`` of type ``doi``, else an ``id_number`` that is a DOI (another
  ``id_number`` is a local identifier); a second, different DOI is a related link.
- ISBNs: ``isbn`` and ``isbns``, several in one value split at ";" (a lower-case check character is fine).
- Host: ``publication`` (with ``issn``, normalised, ``volume``, ``number``, ``pagerange``) is the journal;
  "Art. No. 123456" in ``pagerange`` is an article number; ``pages`` is a page count. ``book_title`` is the host
  book of a chapter or conference item (never of a book, where it repeats the title). ``series`` (with
  ``number`` for reports and books) is the series. A ``journal_issue`` is a periodical (issue) of its
  publication.
- Kind: ``type`` codes (see ``vocab``); conference items by ``pres_type``; a code lodpub does not know is kept
  unmapped, and so are subject codes (``subjects`` holds codes, not labels: no concepts are made of them).
  ``pres_type`` and a monograph's ``monograph_type`` become genre labels.
- People (see ``agents``): creators are authors with their repository id (Agent.identifiers) and ORCID;
  corporate creators are bodies; editors, supervisors, committee; typed contributors in their roles (a creator
  named again as contributor gains the role); an oral history's creators are interviewees, ``interviewer`` the
  interviewers. A thesis's ``institution``/``department`` are its degree's; a report's ``institution`` is its
  issuing body.
- Languages: ``language`` (single or items), else the public documents' languages. Licence: the licence code
  of the public full texts when they agree on one (``cc_by``: the CC BY family, no version invented;
  ``cc_by_4``: CC BY 4.0).

The field readers are in ``fields`` and ``agents``, EPrints' codes in ``vocab``.

Merge precedence (lower wins; the scale is in :class:`~mappings.parsers.base.Precedence`): a repository's
own export, 20, after publisher metadata and before catalogues; first of all sources for the abstract,
which the author deposited in full (a publisher's is often missing, truncated or a JATS rendering).
"""

from mappings.parsers.base import Precedence

PRECEDENCE = {"eprints-xml": Precedence(default=20, fields={"abstract": 5})}
