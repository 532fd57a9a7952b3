"""``marcxml`` and ``marc``: MARC 21 bibliographic records as MARCXML or binary ISO 2709 (``.mrc``).

MARCXML is streamed one ``<record>`` at a time (MARC 21 slim namespace or none; a ``<collection>``, a
single ``<record>``, or records inside an OAI-PMH response); binary records are read with pymarc, MARC-8
or UTF-8 as leader/09 says. Both become a :class:`pymarc.Record` and are mapped by the same rules
(``record``, ``fields`` and ``links`` in this package):

- work type: leader/06-07 and 008 (language material: monograph -> book, serial component part -> article,
  monographic component part -> chapter or article when the host has an ISSN, serial -> periodical,
  008/24-27 'm' -> thesis, 't' -> report; 'm' computer file by 008/26, and a remote resource with an open
  date range -> website; 'j' music recording, 'i' sound recording, 'g' video or image, 'e'/'f' map,
  'c'/'d' score, 'k' image); a 502 dissertation note makes a thesis; the 245 $h GMD ("[sound recording]")
  is dropped from the title and used only when the leader leaves the type open.
- titles: 245 $a $n $p (title) and $b (subtitle), ISBD punctuation removed; 130/240/242/246/210/222 and
  880s linked to 245/246 -> alternative titles.
- names: 100/110/111 are creators; 700/710/711/720 are creators when their role ($4 code or $e/$j term)
  is a creator role (author, composer, performer ...), contributors otherwise; when a record has no 1XX
  main entry, 7XX entries with no role are taken as its creators (e.g. a website's corporate body);
  an 880 linked to a name adds its original-script form as a name variant. 7XX with $t (name/title
  analytics) become "Contains:" notes. 111/711 also give the event.
- 260, or 264 second indicator 1 (place, publisher, date: "c2000." -> 2000 and copyright 2000,
  "[1957?]" -> 1957 flagged approximate, "1994-" -> 1994); 264 _4 copyright date; 008/07-10 when no $c.
- identifiers: 001 + 003 (or 040 $a) -> source id ``marc:<org>:<001>``; 005 -> source modified;
  010 LCCN, 020 ISBN ($a; qualifiers dropped; invalid check digit -> error naming 020), 022 ISSN
  (identifier of a serial), 024 (ind1 7 $2 doi -> DOI; others by type), 028 publisher number,
  035 OCLC number; 773 $x host ISSN.
- 041 $a $d and 008/35-37 languages; 250 edition; 300 extent and page count; 490/8XX series (a traced
  490 yields to its 830); 502 degree ($b $c $d, or free text "Thesis (Ph. D.)--Harvard University, 1990.");
  520 abstract; 505 contents, 500/511/538 and other 5XX notes ("Contents:", "Cast:" display constants
  kept); 506 access; 540/542 rights and licence; 6XX subject headings with their subdivisions as parts and
  their scheme (ind2 or $2); 653 keywords; 082 Dewey, 050 LCC (a 050 that is no LCC class, such as LC's
  "Atlantic 1259" shelf numbers for recordings, becomes a call number), 060, 080, 084;
  773 host item ($t, $g "Vol. 23, no. 1 (2018), p. 54-63" or $q "23:1<54", $x ISSN, $z ISBN);
  856 $u links (the first one for the resource itself is its URL, others related; $3/$y/$z as notes).

Dropped deliberately: 006/007 (coded physical description), 040, 042, 043 (geographic codes restating the
subjects), 066, 072, 263, 336-338 (RDA content/media/carrier types, restated by the work type), 883-886,
local fields (9XX and X9X, whose meaning differs between libraries), 245 $c (statement of responsibility,
restated by the names), 020 $c $q $z, 022 $y $z, 041 codes other than $a/$d (original language,
summaries ...), 240/130 $l $k $s $f qualifiers, 773 $w/$7 (links to other records), subject $0/$1
identifiers that are neither URIs nor LC control numbers (those become skos:exactMatch authority links),
880s linked to fields not named above (kept as unmapped fields). Any other field is kept
as an unmapped source field ("MARC 256: Computer data").

Merge precedence (lower wins; the scale is in :class:`~mappings.parsers.base.Precedence`): a library
catalogue, 30, after publisher metadata and repositories; but first for publisher and place, which a
cataloguer transcribes from the item itself (260/264), and ahead of the repositories for the date of issue
(a repository's one date may be a deposit or completion date).
"""

from mappings.parsers.base import Precedence

CATALOGUE = Precedence(default=30, fields={"publisher": 5, "place": 5, "issued": 15})
PRECEDENCE = {"marcxml": CATALOGUE, "marc": CATALOGUE}
