"""``bl-catalogue``: British Library catalogue record displays saved as text.

The layout: a heading line, then labelled fields. A field is a line ``- Label:`` followed by value lines
``- value``; a value may run on over lines without the leading ``- `` and a field may hold several values,
one per line; the next label is often glued onto the end of a field's last value line
(``Secker, Jenny - Abstract:``). Labels come in any order and may repeat (``Issue:`` is given twice, once as
the display "Volume 23:Issue 1(2018)" and once as the number "1"). A file may hold several records, each
starting at its ``- Record Type:`` field (its heading line, after a blank line, just before it).

Identity (``source_id``): ``sysno:<System Number>`` when the record carries a system number (``System
Number``, ``UIN``, ``Record ID``), else ``doi:<lower-cased DOI>``, else ``digest:`` and a SHA-1 digest of the
folded title, the date of issue and the first author's name.

Dropped deliberately: the heading line and ``Title`` (the display title: ``Main Title`` with the issue
appended; used only when there is no ``Main Title``), ``Is Part Of`` when a ``Journal`` is given (a display
of journal, volume and issue), the display form of ``Issue`` ("Volume 23:Issue 1(2018)"; the number is
kept), the "Abstract :" prefix, the truncated first copy of the abstract and the "… (more)" link, and "↗"
link arrows. A bare Dewey number among the ``Subjects`` is a Dewey classification, not a subject. On a
journal article the display lists the journal's own headings with the article's: a heading whose last
part is the form subdivision "Periodicals", and the Dewey numbers listed with such headings, describe the
journal (``Periodical.subjects`` / ``.classifications``), not the article. Every other label is mapped or
kept as an unmapped source field (``lodpub:unmappedField``), and so are an unknown language, a journal URL
that is not an http(s) URL, ISSNs without a journal title and a Dewey field that is no Dewey number (each
with a warning). A missing title is a RecordError naming the record, field and line (the file's other
records still map); a DOI, ISBN or ISSN that fails its check is a warning naming field and line (an
invalid DOI is kept as a plain identifier, ``doi-as-given``; a bad ISBN or ISSN is left out); a date is
kept at the precision it states ("[ca. 1900]" is 1900~), a date that is none is a warning; text that is
not UTF-8 is a FormatError naming the line.


The text is cut into records and fields by ``layout``; ``parser`` maps them.

Merge precedence (lower wins; the scale is in :class:`~mappings.parsers.base.Precedence`): a library
catalogue, 40, after the MARC records (30) that such displays are rendered from, a display losing
structure (subfields, indicators) on the way; but, like MARC, first for publisher and place, which the
cataloguer transcribes from the item, and ahead of the repositories for the date of issue.
"""

from mappings.parsers.base import Precedence

PRECEDENCE = {"bl-catalogue": Precedence(default=40, fields={"publisher": 6, "place": 6, "issued": 18})}
