"""``eprints-page``: an EPrints abstract (summary) page saved as text, one record per file.

The page: the title line; the citation line ("Boyce, Melanie J. (2016) Title. Doctoral thesis, Anglia
Ruskin University."), from which come the authors ("Family, Given" names joined by ", " and " and "), the
year and, per item type, the institution, the journal, volume, number, pages and ISSN, the host book and
its editors, or the event; the document version ("Accepted Version") and licence ("Available under the
following license: ..."); the abstract paragraphs; and the ``Label: value`` block (Item Type, Keywords,
Subjects, Divisions, Depositing User, Date Deposited, Last Modified, URI ...). A field's continuation lines
are further values (Subjects, Divisions, Related URLs, Funders) or run on its value. Values in the label
block win over what is read from the citation.

Identity (``source_id``): the ``URI`` (also the landing page); without one, ``doi:<lower-cased DOI>``, else
``digest:`` and a SHA-1 digest of the folded title, the date of issue and the first author's name.

Dropped deliberately (page chrome that says nothing about the work): "Download (1MB) | Preview" and other
download and preview links, document format lines ("Text", "PDF") and file names, "Abstract" and "Actions
(login required)" headings, "Edit Item" / "View Item", "Full text not available from this repository.",
"Request a copy", "Export/Share/Statistics", "Altmetric", "Downloads", "Downloads per month over past
year", "View more statistics", "Repository Staff Only: item control page"; "↗" link arrows. Lines after
the label block that are not fields are kept as unmapped source fields ("Text"), and so are words run on
to a URL field and URL fields that hold no http(s) URL (with a warning). Only the first version and
licence line are read (the first document is the main one). A DOI, ISBN or ISSN that fails its check, or a
date that is none, is a warning naming the field and its line (the value kept as given among the record's
identifiers); text that is not UTF-8 is a FormatError naming the line. Only a page without a title is
refused.

Renderings of the page other than the saved text are read too: a Markdown rendering (YAML front matter with
the title, table rows "| Label: | value |", headings, links) and a plain-text copy whose labels run on
("Item Type:Article"). A line that cannot be a title ("---", a table rule, front matter) is never taken for
one; a rendering that lost its title line and has no front matter is refused, never mapped to a made-up title.

The page is cut into its parts by ``layout``, the citation line is read by ``citation``, and ``parser``
maps both. This package is apart from ``eprints_xml``: the two share no code, only the EPrints data model,
which the export gives as field codes (``book_section``, ``ispublished``) and the page as display labels
("Book Section", "Status"). The HTML page itself is read by ``eprints_html``.

Merge precedence (lower wins; the scale is in :class:`~mappings.parsers.base.Precedence`): a repository,
25, after its own EP3 XML export (20), since the page is a rendering and its citation line is parsed text;
ahead of every other source but the export for the abstract, which the author deposited in full.
"""

from mappings.parsers.base import Precedence

PRECEDENCE = {"eprints-page": Precedence(default=25, fields={"abstract": 6})}
