"""``marcxml`` and ``marc``: MARC 21 bibliographic records as MARCXML or binary ISO 2709 (``.mrc``).

MARCXML is streamed one ``<record>`` at a time (MARC 21 slim namespace or none; a ``<collection>``, a single
``<record>``, records inside an OAI-PMH response, or bare ``<record>`` elements one after another with no
root element, read as if in a collection); binary records are split by pymarc and their bytes decoded here,
subfield by subfield (``encoding``): MARC-8 or UTF-8 as leader/09 says, a wrongly declared encoding
repaired, every decoding problem a warning naming the field and subfield (an 880 as "880 (245-01) $b"),
never text on stdout/stderr, and no escape text such as ``&#x0E25%x;`` in a value. Both become a
:class:`pymarc.Record` and are mapped by the same rules (``record``, ``kinds``, ``names``, ``imprint``,
``fields`` and ``links`` in this package). Warnings carry the line of the field in MARCXML. What pymarc logs
about a record ("more than 2 indicators found") is a warning too; a record whose leader has a wrong base
address, or whose directory has wrong lengths, is re-read (at its field terminators) with a warning.

- refused: a record that is not bibliographic (leader/06 holdings u/v/x/y, authority z, classification w,
  community information q; a leader-less Invenio authority), a UNIMARC record in a MARC 21 file, and a
  record without a title (245 $a, else $k/$n/$p, else the 240/130 uniform or a 246 title, with a warning).
  Everything else publishes, with warnings.
- source id: ``marc:<003 or 040 $a>:<001>``; without a 001 the OCLC number or LCCN, then another 035, 037,
  088, 024 or 020 number, then a digest of title, date and first name (with a warning).
- work type (``kinds``): leader/06-07 and 008 (language material: monograph -> book, serial component part
  -> article, monographic component part -> chapter or article when the host has an ISSN, serial ->
  periodical, 008/24-27 'm' -> thesis, 't' -> report; computer files by 008/26, and a remote resource with
  an open date range -> website; 'j' music recording, 'i' sound recording, 'g' video or image, 'e'/'f' map,
  'c'/'d' score, 'k' image); the RDA content type (336) wins where it disagrees ("computer dataset" ->
  dataset, "two-dimensional moving image" -> video, "text" on a record coded as a computer file -> language
  material; without a 336, such a record with pages in 300 and no sign of being electronic is text too); a
  502 note makes a thesis; the 245 $h GMD is used only when the leader leaves the type open; a leader-less
  Invenio record is typed by its 980/690C collection. A whole conference proceedings volume is a book (there
  is no proceedings kind).
- titles: 245 $a $n $p (title) and $b (subtitle; but a parallel title after " =", kept as an alternative
  title, and nothing for a GMD such as "[electronic resource]" put in $b), ISBD punctuation removed;
  130/240/242/246/210/222, a second 245 (the title in another script) and 880s linked to 245/246 ->
  alternative titles.
- names (``names``): roles are MARC relator codes from $4 (codes or id.loc.gov IRIs) and $e/$j terms, also
  typed into the name ("Kanopy (Firm),$4dst", "Smith, J. (editor)"), which is cleaned of them and of dates
  typed into $a. Only authors (aut, cre) are Record.creators: a 1XX without a relator is the author (the
  creator, for non-text works), a 7XX without one a contributor (ctb), whether or not there is a 1XX, unless
  245 $c says more: a name it gives after "edited by", "sous la direction de", "herausgegeben von",
  "translated by", "with an introduction by" ... or before ", editors" has that role ("adaptation ... sous
  la direction de" makes no editor); a 7XX of a text named in the first part of 245 $c ("by A and B", no
  role phrase) is a joint author (AACR2 gives joint authors no relator), unless it only repeats the 1XX
  author's surname (a fuller form of the same person); a second 100 (not repeatable) is the first one's name
  in another script, a variant; performers, distributors (dst), issuing bodies (isb), sponsors (spn),
  producers (pro), host institutions (his) are contributors; a serial's corporate main entry without a
  relator is its issuing body (isb). Romanised role words ("henchū", "tansīq", "redaḳṭirṭ") count; a
  statement part is only taken for joint authors when it holds nothing but names. 100/700 are persons (ind1
  3: a family), 110/710 organisations ($a $b, else CERN's $g), 111/711 meetings named by their heading "Name
  (4th : 1988 : Place)" (and the event). $0/$1 authority ids go into Agent.identifiers as given (a trailing
  period dropped from a URI), and INSPIRE's "ORCID:..." / "INSPIRE-..." ids in $j/$i; an ORCID among them is
  the agent's ORCID. Russian catalogues' relator abbreviations ("ред.", "пер.", "ил.") are known. An 880
  linked to a name adds its original-script form as a name variant. 7XX with $t (name/title analytics)
  become "Contains:" notes.
- publication (``imprint``): 264 ind2 1 fields (else 260, else 264 ind2 0/2/3): the first place; the first
  publisher ($b) is the publisher, every further one (in the same or another 260/264) a contributor with
  role pbl (once per name); the date from $c: "c2000." -> 2000 (copyright 2000), "[1957?]" -> 1957?,
  "[197-?]" -> 197X?, "19--" -> 19XX, "1994-" and "c1998-" -> 1994/.., "post. 1678" and RDA's "[not before
  1678]" -> 1678/.., "1932-1954. --" -> 1932/1954, "1985 or 1986" -> [1985,1986], the Gregorian year
  bracketed after another calendar's ("746 [1985 or 1986]", Vikram Samvat "2021 [1964]" when 008 agrees), a
  correction "[i.e. 1891]", with the words kept; "s.n.", "[publisher not identified]", Hebrew "ḥ. mo. l.",
  "o.V." ... name no publisher (and their place forms no place); "[s.d.]", "[n.d.]" and 008 "9999" are no
  date; "1949?]-c2000" is 1949?/2000; with no 260/264 at all, the imprint's 880 (original script) is the
  imprint; a serial's formatted 362 ("v. 1- Nov. 4, 1869-" -> 1869-11-04/..); else 008/06-14 (continuing and
  multipart dates as intervals, open with 9999); 264 _4 copyright date. Invenio's 269 gives a preprint's
  place, publisher and full date.
- identifiers: 010 LCCN; 020 $a ISBN (qualifiers dropped, even glued on: "0192547011(v1)"; a bad one left
  out with a warning, an EAN-13 outside 978/979 kept as an EAN; $z cancelled ISBNs never taken); 022 $a ISSN
  and $l ISSN-L (a bad one a warning; $y/$z never taken); 024 (ind1 7 $2 doi -> DOI, an invalid one kept as
  ``doi-as-given``; others by type); 028 publisher number; 035 OCLC number; 773 $x host ISSN, $z host ISBN
  (bad ones a warning).
- languages: 008/35-37 (of the fullest 008 when a record has two) and 041 $a $d (packed "engfre" too); any
  ISO 639-2 code is a language, the collective codes ("ber", "sai") and "mul" included ("und", "zxx" are
  none); a 041 ind2 7 with a $2 other than ISO 639-2 (ISO 639-3 "nob") restates the languages in another
  scheme and is kept as an unmapped field.
- 250 edition; 300 extent and page count; 490/8XX series (a traced 490 yields to its 830); 502 degree ($b $c
  $d, or free text "Thesis (Ph. D.)--Harvard University, 1990."); 520 abstract; 505 contents, 500/511/538
  and other 5XX notes ("Contents:", "Cast:" display constants kept); 506 access; 540/542 rights and licence;
  6XX subject headings with their subdivisions as parts and their scheme (ind2 or $2); 653 keywords; 082
  Dewey, 050 LCC (a 050 that is no LCC class, such as LC's "Atlantic 1259" shelf numbers for recordings,
  becomes a call number), 060, 080, 084; 773 host item ($t, $g "Vol. 23, no. 1 (2018), p. 54-63" or $q
  "23:1<54", $x ISSN, $z ISBN; without a title: a note); 856 $u links (the first one for the resource itself
  is its URL, others related; $3/$y/$z as notes).

Dropped deliberately: 006/007 (coded physical description), 040, 042, 043 (geographic codes restating the
subjects), 066, 072, 263, 336-338 (RDA content/media/carrier types, restated by the work type), 883-886,
local fields (9XX and X9X, whose meaning differs between libraries), 245 $c (statement of responsibility,
restated by the names; read only for their roles), 020 $c $q $z, 022 $y $z, 041 codes other than $a/$d
(original language, summaries ...), 240/130 $l $k $s $f qualifiers, 773 $w/$7 (links to other records),
subject $0/$1 identifiers that are neither URIs nor LC control numbers (those become skos:exactMatch
authority links), 880s linked to fields not named above and 880s that could not be decoded cleanly (kept as
unmapped fields). Any other field is kept as an unmapped source field ("MARC 256: Computer data").

Merge precedence (lower wins; the scale is in :class:`~mappings.parsers.base.Precedence`): a library
catalogue, 30, after publisher metadata and repositories; but first for publisher and place, which a
cataloguer transcribes from the item itself (260/264), and ahead of the repositories for the date of issue
(a repository's one date may be a deposit or completion date).
"""

from mappings.parsers.base import Precedence

CATALOGUE = Precedence(default=30, fields={"publisher": 5, "place": 5, "issued": 15})
PRECEDENCE = {"marcxml": CATALOGUE, "marc": CATALOGUE}
