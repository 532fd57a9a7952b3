"""Writing synthetic works in lodpub's input formats: BL catalogue display, EPrints page, EP3 XML, MARCXML."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from bench.synth import Work, bad_issn

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
LANG_CODES = {"English": "eng", "French": "fre", "German": "ger", "Spanish": "spa", "Greek": "gre",
              "Russian": "rus", "Italian": "ita", "Danish": "dan"}
BL_TYPES = {"article": "Journal Article", "book": "Book", "chapter": "Chapter", "thesis": "Thesis",
            "conference": "Conference Paper"}
EPRINTS_HOST = "https://eprints.bench.example.ac.uk"
PAGES_HOST = "https://repository.bench.example.org"


def _doi(w: Work) -> str | None:
    return "10.12/" + w.doi.split("/", 1)[1] if w.doi and w.defect == "bad-doi" else w.doi


def _issn(w: Work) -> str:
    assert w.journal is not None
    return bad_issn(w.journal[1]) if w.defect == "bad-issn" else w.journal[1]


def _title(w: Work) -> str | None:
    if w.defect == "no-title":
        return None
    return f"{w.title}: {w.subtitle}" if w.subtitle else w.title


def _issued(w: Work) -> str:
    month = 13 if w.defect == "bad-date" else w.month
    return f"{w.year}-{month:02d}-{w.day:02d}"


# -- British Library catalogue display ---------------------------------------------------------------------
def bl_catalogue(works: list[Work]) -> str:
    """One text file holding many catalogue displays (each starts with its heading line)."""
    return "\n".join(_bl_record(w) for w in works)


def _bl_record(w: Work) -> str:
    lines: list[str] = []

    def put(label: str, *values: str, glue: bool = False) -> None:
        if glue and lines and not lines[-1].endswith(":"):
            lines[-1] += f" - {label}:"
        else:
            lines.append(f"- {label}:")
        lines.extend([f"- {values[0]}", *values[1:]])

    title = _title(w)
    names = [f"{f}, {g}" for f, g, _ in w.authors]
    lines.append(f"{title or 'Untitled'} / {' '.join(reversed(names[0].split(', ')))}.")
    put("Record Type", BL_TYPES[w.kind])
    if title:
        put("Main Title", f'"{title}"' if w.kind == "article" else title)
    put("Authors", *names)
    if w.editors:
        put("Editors", *[f"{f}, {g}, editor" for f, g, _ in w.editors], glue=True)
    if w.journal:
        put("Journal", w.journal[0], glue=True)
        put("Publication Date", _issued(w))
        put("Volume", w.volume or "")
        put("Issue", f"Volume {w.volume}:Issue {w.issue}({w.year})")
        put("Issue", w.issue or "")
    elif w.book_title:
        put("Is Part Of", w.book_title, glue=True)
    if w.page_start:
        put("Page Start", str(w.page_start))
        put("Page End", str(w.page_end))
    if w.kind == "thesis":
        put("Thesis", f"Thesis ({w.degree[0] if w.degree else 'Ph.D.'})--{w.institution}, {w.year}.", glue=True)
        put("Publication Details", f"{w.institution} : {w.institution}, {w.year}")
    elif w.publisher:
        put("Publication Details", f"{w.place} : {w.publisher}, {w.year}")
    if w.event:
        put("Conference", w.event)
    put("Year", str(w.year))
    put("Abstract", f"Abstract : {w.abstract}")
    put("Subjects", *w.subjects, f"{300 + w.n % 700}.{w.n % 97}")
    if w.doi:
        put("DOI", f"{_doi(w)} ↗", glue=True)
    if w.isbn:
        put("ISBNs", f"{w.isbn} (hbk.)")
    if w.journal:
        put("ISSNs", _issn(w), *([w.journal[2]] if w.journal[2] else []))
    put("Languages", w.language)
    put("System Number", f"{w.n:09d}")
    put("Physical Locations", f"British Library DSC - {w.n % 9000:04d}.{w.n % 1000:03d}000")
    return "\n".join(lines) + "\n"


# -- EPrints abstract page ---------------------------------------------------------------------------------
def _names(people: list[tuple[str, str, str | None]]) -> str:
    names = [f"{f}, {g}" for f, g, _ in people]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def eprints_page(w: Work) -> str:
    """One EPrints abstract page as text (the format holds one record per file)."""
    title = _title(w) or ""
    cite = f"{_names(w.authors)} ({w.year}) {title}."
    fields: list[str] = []
    if w.kind in ("article", "conference") and w.journal:
        cite += f" {w.journal[0]}, {w.volume} ({w.issue}). pp. {w.page_start}-{w.page_end}. ISSN {_issn(w)}"
        item_type = "Article" if w.kind == "article" else "Conference or Workshop Item (Paper)"
        fields += [f"Journal or Publication Title: {w.journal[0]}", f"Volume: {w.volume}", f"Number: {w.issue}",
                   f"Page Range: pp. {w.page_start}-{w.page_end}", "Refereed: Yes"]
    elif w.kind == "chapter":
        cite += (f" In: {_names(w.editors)}, (eds.) {w.book_title}. {w.publisher}, {w.place}, "
                 f"pp. {w.page_start}-{w.page_end}. ISBN {w.isbn}")
        item_type = "Book Section"
    elif w.kind == "book":
        cite += f" {w.publisher}, {w.place}. ISBN {w.isbn}"
        item_type = "Book"
    else:
        level = "Doctoral" if w.degree and w.degree[2] == "phd" else "Masters"
        cite += f" {level} thesis, {w.institution}."
        item_type = f"Thesis ({level})"
        fields.append(f"Institution: {w.institution}")
    if w.doi:
        fields.append(f"DOI: {_doi(w)}")
    y, mo, d, h, mi = w.modified
    page = [title, "", cite, "", *([f"Official URL: https://doi.org/{w.doi}", ""] if w.doi else []),
            "Abstract", "", w.abstract, "", f"Item Type: {item_type}",
            f"Uncontrolled Keywords: {'; '.join(w.keywords)}", "Subjects: " + "\n".join(w.subjects), *fields,
            f"Depositing User: {w.authors[0][1]} {w.authors[0][0]}",
            f"Date Deposited: {d:02d} {MONTHS[mo - 1]} {y} {h:02d}:{mi:02d}",
            f"Last Modified: {d:02d} {MONTHS[mo - 1]} {y} {h:02d}:{mi:02d}",
            f"URI: {PAGES_HOST}/id/eprint/{w.n}", "", "Actions (login required)", "", "View Item View Item", ""]
    return "\n".join(page)


# -- EPrints EP3 XML ---------------------------------------------------------------------------------------
def _el(name: str, value: object) -> str:
    return f"<{name}>{escape(str(value))}</{name}>"


def _ep_people(tag: str, people: list[tuple[str, str, str | None]]) -> str:
    items = "".join(
        f"<item><name>{_el('family', f)}{_el('given', g)}</name>{_el('id', f'{f}-{g[:1]}')}"
        + (_el("orcid", o) if o else "") + "</item>" for f, g, o in people)
    return f"<{tag}>{items}</{tag}>"


def eprints_xml(works: list[Work]) -> str:
    """An EP3 XML export of many eprints."""
    body = "\n".join(_ep_record(w) for w in works)
    return f"<?xml version='1.0' encoding='utf-8'?>\n<eprints xmlns='http://eprints.org/ep2/data/2.0'>\n{body}\n</eprints>\n"


def _ep_record(w: Work) -> str:
    uri = f"{EPRINTS_HOST}/id/eprint/{w.n}"
    etype = {"article": "article", "book": "book", "chapter": "book_section", "thesis": "thesis",
             "conference": "conference_item"}[w.kind]
    y, mo, d, h, mi = w.modified
    parts = [f"<eprint id={quoteattr(uri)}>", _el("eprintid", w.n), _el("rev_number", 3 + w.n % 9),
             "<documents><document>" + _el("security", "public") + _el("language", "en")
             + f"<files><file>{_el('filename', f'paper_{w.n}.pdf')}{_el('mime_type', 'application/pdf')}"
             + f"{_el('filesize', 20000 + w.n % 900000)}{_el('url', f'{EPRINTS_HOST}/{w.n}/1/paper_{w.n}.pdf')}"
             + "</file></files>" + _el("content", "published") + "</document></documents>",
             _el("eprint_status", "archive"), _el("datestamp", f"{y}-{mo:02d}-{d:02d} {h:02d}:{mi:02d}:00"),
             _el("lastmod", f"{y}-{mo:02d}-{d:02d} {h:02d}:{mi:02d}:30"), _el("type", etype),
             _ep_people("creators", w.authors)]
    if title := _title(w):
        parts.append(_el("title", title))
    parts += [_el("ispublished", "pub"), _el("keywords", ", ".join(w.keywords)), _el("abstract", w.abstract),
              _el("date", _issued(w)), _el("date_type", "published")]
    if w.journal:
        parts += [_el("publication", w.journal[0]), _el("volume", w.volume), _el("number", w.issue),
                  _el("issn", _issn(w)), _el("publisher", w.journal[3]), _el("refereed", "TRUE")]
    if w.page_start:
        parts.append(_el("pagerange", f"{w.page_start}-{w.page_end}"))
    if w.kind == "chapter":
        parts += [_el("book_title", w.book_title), _ep_people("editors", w.editors)]
    if w.kind in ("book", "chapter"):
        parts += [_el("publisher", w.publisher), _el("place_of_pub", w.place), _el("isbn", w.isbn)]
    if w.kind == "thesis" and w.degree:
        parts += [_el("thesis_type", w.degree[2]), _el("institution", w.institution)]
        if w.department:
            parts.append(_el("department", w.department))
    if w.event:
        parts += [_el("pres_type", "paper"), _el("event_title", w.event.split(" (")[0]),
                  _el("event_location", w.event.rsplit(": ", 1)[-1].rstrip(")")),
                  _el("event_dates", f"June {w.day % 20 + 1}-{w.day % 20 + 4}, {w.year}"),
                  _el("event_type", "conference")]
    if doi := _doi(w):
        parts.append(_el("doi", doi))
    parts.append("<subjects>" + "".join(_el("item", s) for s in w.subjects) + "</subjects>")
    parts += [_el("collection", "BenchAUTHORS"), "</eprint>"]
    return "\n".join(parts)


# -- MARCXML -----------------------------------------------------------------------------------------------
def _df(tag: str, ind: str, *subfields: tuple[str, str | None]) -> str:
    subs = "".join(f'<subfield code="{c}">{escape(v)}</subfield>' for c, v in subfields if v)
    return f'<datafield tag="{tag}" ind1="{ind[0]}" ind2="{ind[1]}">{subs}</datafield>'


def marcxml(works: list[Work]) -> str:
    """A MARCXML collection."""
    body = "\n".join(_marc_record(w) for w in works)
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<collection xmlns="http://www.loc.gov/MARC21/slim">\n{body}\n</collection>\n'


def _marc_record(w: Work) -> str:
    level = {"article": "ab", "conference": "ab", "chapter": "aa", "book": "am", "thesis": "am"}[w.kind]
    lang = LANG_CODES.get(w.language, "eng")
    y, mo, d, h, mi = w.modified
    f008 = f"{y % 100:02d}{mo:02d}{d:02d}s{w.year}    enk{' ' * 17}{lang} d"
    fields = [f"<leader>01234n{level} a2200361 i 4500</leader>",
              f'<controlfield tag="001">{w.n:09d}</controlfield>', '<controlfield tag="003">Uk</controlfield>',
              f'<controlfield tag="005">{y}{mo:02d}{d:02d}{h:02d}{mi:02d}00.0</controlfield>',
              f'<controlfield tag="008">{f008}</controlfield>']
    if w.isbn and w.kind == "book":
        fields.append(_df("020", "  ", ("a", w.isbn)))
    if doi := _doi(w):
        fields.append(_df("024", "7 ", ("a", doi), ("2", "doi")))
    fields.append(_df("041", "0 ", ("a", lang)))
    (family, given, orcid), *others = w.authors
    fields.append(_df("100", "1 ", ("a", f"{family}, {given},"), ("e", "author."),
                      ("1", f"https://orcid.org/{orcid}" if orcid else None)))
    if w.defect != "no-title":
        main, _, sub = (_title(w) or "").partition(": ")
        fields.append(_df("245", "10", ("a", main + (" :" if sub else " /")), ("b", sub + " /" if sub else None),
                          ("c", f"{given} {family}.")))
    if w.publisher:
        fields.append(_df("264", " 1", ("a", f"{w.place} :"), ("b", f"{w.publisher},"), ("c", f"{w.year}.")))
    else:
        fields.append(_df("264", " 1", ("c", f"{w.year}.")))
    fields.append(_df("300", "  ", ("a", "1 online resource")))
    if w.kind == "thesis" and w.degree:
        fields.append(_df("502", "  ", ("b", w.degree[1]), ("c", w.institution), ("d", f"{w.year}.")))
    fields.append(_df("520", "3 ", ("a", w.abstract)))
    for heading in w.subjects:
        head, _, sub = heading.partition(" -- ")
        fields.append(_df("650", " 0", ("a", head), ("x", sub or None)))
    fields.append(_df("653", "  ", *[("a", k) for k in w.keywords]))
    for f, g, o in others:
        fields.append(_df("700", "1 ", ("a", f"{f}, {g},"), ("e", "author."),
                          ("1", f"https://orcid.org/{o}" if o else None)))
    for f, g, _ in w.editors:
        fields.append(_df("700", "1 ", ("a", f"{f}, {g},"), ("e", "editor.")))
    if w.journal:
        fields.append(_df("773", "0 ", ("t", w.journal[0] + "."),
                          ("g", f"Vol. {w.volume}, no. {w.issue} ({w.year}), p. {w.page_start}-{w.page_end}"),
                          ("x", _issn(w))))
    elif w.book_title:
        fields.append(_df("773", "0 ", ("t", w.book_title), ("g", f"p. {w.page_start}-{w.page_end}"),
                          ("z", w.isbn)))
    if w.doi:
        fields.append(_df("856", "40", ("u", f"https://doi.org/{w.doi}")))
    return "<record>\n" + "\n".join(fields) + "\n</record>"
