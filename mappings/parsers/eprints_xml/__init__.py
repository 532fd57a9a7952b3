"""``eprints-xml``: EPrints EP3 XML exports (``<eprints xmlns="http://eprints.org/ep2/data/2.0">``).

One file may hold many ``<eprint>`` elements; they are read one at a time. Every field is either
mapped, kept as an unmapped source field, or dropped deliberately. Dropped deliberately (repository
housekeeping that says nothing about the work): ``rev_number``, ``userid``, ``dir``,
``status_changed``, ``metadata_visibility``, ``full_text_status``, ``suggestions``, ``reviewer``,
``review_status``, ``item_issues_count``, ``sword_depositor``, ``fileinfo``, ``succeeds``,
``commentary``; documents that are not public (``security`` other than ``public``) and derived
documents (thumbnails, index codes: any document that ``isVersionOf`` another); placeholder names such
as "Unknown Unknown" or "None None" and placeholder abstracts ("No abstract.") (with a warning).
HTML entities stored literally in field values (``G&amp;uuml;nter``) are decoded. Records whose ``eprint_status`` is not
``archive`` (inbox, buffer, deletion) are rejected: they are not public.

The field readers are in ``fields`` in this package.

Merge precedence (lower wins; the scale is in :class:`~mappings.parsers.base.Precedence`): a repository's
own export, 20, after publisher metadata and before catalogues; first of all sources for the abstract,
which the author deposited in full (a publisher's is often missing, truncated or a JATS rendering).
"""

from mappings.parsers.base import Precedence

PRECEDENCE = {"eprints-xml": Precedence(default=20, fields={"abstract": 5})}
