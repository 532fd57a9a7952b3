"""HTML pages, rendered with autoescaped Jinja templates (render/templates/; no JavaScript needed): values in,
UTF-8 bytes out, no request or app needed.

A work page embeds the Schema.org JSON-LD script and the citation_* / DC meta tags from render.citations (the
one generator); every page links its RDF alternates with ``<link rel="alternate">``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape
from pyoxigraph import NamedNode

from mappings.vocab import BIBO, DCTERMS, FOAF, LODPUB, PREFIXES, SDO
from publisher import formats, urls
from publisher.config import Settings
from publisher.formats import Format
from publisher.read.document import Document
from publisher.render import entity_jsonld as entity
from publisher.render import labels
from publisher.render.citations.meta import meta_tags
from publisher.render.citations.schemaorg import jsonld_script
from publisher.render.cite_box import cite_box
from publisher.render.graph import Index, curie

RULE_LABELS = {"shared-identifier": "Same identifier", "curator": "A curator's decision",
               "same-work": "Same work", "shared-institution": "Same institution", "shared-coauthor": "Same co-author"}
TEMPLATES = {"work": "work.html", "person": "person.html", "org": "org.html", "journal": "journal.html",
             "volume": "journal.html", "issue": "journal.html", "concept": "concept.html", "class": "concept.html"}
CREATOR = (DCTERMS.creator.value, SDO.author.value, SDO.byArtist.value)
PART_OF = (DCTERMS.isPartOf.value, SDO.isPartOf.value)
SUBJECT = (DCTERMS.subject.value, SDO.about.value, SDO.genre.value)


def static_url(endpoint: str, filename: str) -> str:
    """``url_for('static', filename=...)`` for the templates: where the app serves a static file."""
    assert endpoint == "static", endpoint
    return urls.STATIC + filename


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The Jinja environment of lodpub's templates (HTML autoescaped)."""
    env = with_labels(Environment(loader=PackageLoader("publisher.render", "templates"),
                                  autoescape=select_autoescape(["html"])))
    env.globals.update(url_for=static_url, routes=urls, curie=curie, is_iri=is_iri, licence_name=licence_name,
                       words=words, V=PREFIXES, rule_labels=RULE_LABELS, anchor=anchor)
    return env


def with_labels(env: Environment) -> Environment:
    """``env`` with the functions templates call to put codes into words (publisher.render.labels)."""
    env.globals.update(language_name=labels.language_name, status_words=labels.status_words,
                       scheme_name=labels.scheme_name, file_name=labels.file_name, file_type=labels.file_type,
                       file_size=labels.file_size, version_name=labels.version_name, format_name=labels.format_name,
                       schema_type=schema_type)
    return env


def anchor(href: str | None, *, caller: Callable[[], str], cls: str | None = None, **attributes: str | bool) -> Markup:
    """``{% call anchor(href, cls=..., rel=...) %}text{% endcall %}``: a link when ``href`` is an http(s) URL or a
    site-relative path (:func:`publisher.urls.safe_href`), else the text alone (``javascript:`` never links)."""
    text = Markup(caller())
    target = urls.safe_href(href)
    if target is None:
        return Markup('<span class="unlinked">') + text + Markup("</span>")
    attrs = {"class": cls, **attributes}
    rendered = "".join(f" {name}" if value is True else f' {name}="{escape(value)}"'
                       for name, value in attrs.items() if value not in (None, False))
    return Markup(f'<a href="{escape(target)}"{rendered}>') + text + Markup("</a>")


def render_template(template: str, **context: Any) -> bytes:
    """A template rendered with ``context``, as UTF-8."""
    return environment().get_template(template).render(**context).encode("utf-8")


def alternate(href: str, fmt: Format, label: str | None = None) -> dict[str, str]:
    """A ``<link rel="alternate">`` (or formats list) entry."""
    return {"href": href, "type": fmt.media_type, "label": label or fmt.label}


def common(site: Settings, doc: Document | None = None, **extra: Any) -> dict[str, Any]:
    """The context every page gets (templates spell properties as ``V.dcterms + 'title'``)."""
    base = site.base_uri

    def link(iri: str) -> str:
        return urls.page_link(iri, base)

    def local(iri: str) -> str:
        return urls.local_path(iri, base)

    alternates = [alternate(local(urls.format_url(doc.url, f.suffix or f.key)), f)
                  for f in map(formats.get, formats.RDF_KEYS)] if doc is not None else []
    return {"doc": doc, "alternates": alternates, "link": link, "local": local, "site_title": site.title,
            "licence": site.data_licence, "base": base, **extra}


def page(site: Settings, template: str, doc: Document | None = None, **context: Any) -> bytes:
    """Render a page template with the common context."""
    return render_template(template, **common(site, doc, **context))


def error_page(site: Settings, status: int, title: str, message: str, see: tuple[str, str, str] | None = None) -> bytes:
    """An error page (404, 400 ...) for browsers; ``see`` is (text, URL, text after) for a link to follow, shown
    only when the URL is http(s)."""
    link = None
    if see is not None and urlsplit(see[1]).scheme in ("http", "https"):
        link = {"text": see[0], "url": see[1], "after": see[2]}
    return page(site, "error.html", status=status, title=title, message=message, see=link)


def licence_name(iri: str, label: str | None = None) -> str:
    """A readable name for a licence: its label, else a Creative Commons IRI spelled out (CC BY-NC 4.0)."""
    if label and label != iri:
        return label
    cc = re.match(r"https?://creativecommons\.org/(licenses|publicdomain)/([a-z-]+)/([0-9.]+)", iri)
    if not cc:
        return iri
    name = "CC0" if cc[2] == "zero" else ("Public Domain Mark" if cc[2] == "mark" else "CC " + cc[2].upper())
    return f"{name} {cc[3]}"


def words(name: str) -> str:
    """A class name for people: ``ScholarlyArticle`` -> ``Scholarly article``."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name).capitalize()


def schema_type(types: list[str]) -> str:
    """The schema.org class of a work among its rdf:types, in words ("Scholarly article"); "" when none."""
    found = [t.removeprefix("http://schema.org/") for t in types if t.startswith("http://schema.org/")]
    specific = [t for t in found if t != "CreativeWork"]
    return words((specific or found or [""])[0])


def is_iri(term: object) -> bool:
    """Whether an RDF term is an IRI (templates link those)."""
    return isinstance(term, NamedNode)


def render(doc: Document, site: Settings, offered: list[Format], format_urls: dict[str, str],
           params: dict[str, str] | None = None) -> bytes:
    """The HTML page of a document; ``offered`` are its other formats, at ``format_urls`` (by key); ``params`` the
    query's (a work page's ``style=`` picks the reference its "Cite this" box shows)."""
    g = Index(doc.quads)
    listed = [alternate(urls.local_path(format_urls[f.key], site.base_uri), f) for f in offered]
    context = common(site, doc, g=g, formats=listed, iri=doc.iri, title=g.label(doc.iri))
    template = TEMPLATES.get(doc.kind, "resource.html") if doc.iri in g.out else "resource.html"
    if template == "work.html" and doc.work is None:  # a host book known only from its chapters' records
        template = "resource.html"
    if context["title"] == doc.iri:  # known only from what links to it (a subject or classification scheme ...)
        code = doc.iri.rstrip("/").rsplit("/", 1)[-1]
        context["title"] = labels.SCHEMES.get(code.lower(), code) if doc.kind in ("scheme", "class") else code
    if doc.kind == "work" and doc.work is not None:
        links = {f.key: urls.local_path(format_urls[f.key], site.base_uri) for f in offered}
        context.update(view=doc.work, jsonld=jsonld_script(doc.work, site.base_uri),
                       meta=meta_tags(doc.work, site.base_uri), sources=_sources(g, doc), title=doc.work.title,
                       cite=cite_box(doc.work, (params or {}).get("style"), links,
                                     {f.key: f.media_type for f in offered}))
    elif doc.kind == "person":
        context.update(works=_with_roles(g, doc.iri), affiliations=g.values(doc.iri, SDO.affiliation.value),
                       variants=entity.name_variants(g, doc.iri), identifiers=entity.identifiers(g, doc.iri),
                       jsonld=entity.script(entity.person_jsonld(g, doc.iri, site.base_uri)))
    elif doc.kind == "org":
        context.update(works=_with_roles(g, doc.iri),
                       people=[s for s in g.referrers(doc.iri, SDO.affiliation.value)],
                       parents=g.values(doc.iri, SDO.parentOrganization.value))
    elif template == "journal.html":
        context.update(**_journal(g, doc))
        if doc.kind == "journal":
            context["jsonld"] = entity.script(entity.journal_jsonld(g, doc.iri, site.base_uri, context["issns"],
                                                                    context["publishers"]))
    elif template == "concept.html":
        context.update(works=g.works_linking(doc.iri, *SUBJECT),
                       jsonld=entity.script(entity.concept_jsonld(g, doc.iri, site.base_uri, context["title"])))
    else:
        context.update(properties=g.properties(doc.iri), referrers=g.referrers(doc.iri))
    return render_template(template, **context)


def _with_roles(g: Index, iri: str) -> list[tuple[str, list[str]]]:
    """A person's or organisation's works with the roles they had (author, editor, publisher ...)."""
    out = []
    for work in g.works_linking(iri):
        roles = sorted({_role(p) for p in g.roles(work, iri)} - {""})
        out.append((work, roles))
    return out


def _role(predicate: str) -> str:
    """A readable role name for a linking predicate."""
    if predicate in CREATOR:
        return "author"
    if predicate.startswith(PREFIXES["relators"]):
        return labels.role_name(predicate.removeprefix(PREFIXES["relators"]))
    return predicate.rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _journal(g: Index, doc: Document) -> dict[str, Any]:
    """A journal, volume or issue: its chain up, its parts, and the articles in it (by volume and issue)."""
    iri = doc.iri
    parts = [s for s in g.referrers(iri, *PART_OF) if s.startswith(iri + "/") and not g.is_work(s)]
    parts.sort(key=lambda p: _number_key(g.first(p, SDO.volumeNumber.value, SDO.issueNumber.value) or p))
    articles: list[str] = []
    for holder in [iri, *parts]:
        articles += [w for w in g.works_linking(holder, *PART_OF) if w not in articles]
    ancestors: list[str] = []
    node = iri
    for _depth in range(3):
        ups = [u for u in g.values(node, SDO.isPartOf.value) if u != node]
        if not ups:
            break
        node = ups[0]
        ancestors.insert(0, node)
    return {"parts": parts, "articles": articles, "ancestors": ancestors,
            "issns": g.values(iri, BIBO.issn.value, BIBO.eissn.value, SDO.issn.value),
            "publishers": g.values(iri, DCTERMS.publisher.value)}


def _number_key(text: str) -> tuple[int, str]:
    """Sort volumes and issues numerically where they are numbers."""
    digits = "".join(ch for ch in text if ch.isdigit())[:9]
    return (int(digits) if digits else 0, text)


def _sources(g: Index, doc: Document) -> list[dict[str, str | None]]:
    """The source records a work comes from: identifier, input format, landing page."""
    out = []
    for record in g.referrers(doc.iri, FOAF.primaryTopic.value):
        if LODPUB.SourceRecord.value not in g.types(record):
            continue
        out.append({"iri": record, "id": g.first(record, LODPUB.sourceRecordId.value),
                    "format": g.first(record, LODPUB.inputFormat.value),
                    "from": g.first(record, PREFIXES["prov"] + "wasDerivedFrom")})
    return sorted(out, key=lambda s: (s["format"] or "", s["id"] or "", s["iri"] or ""))  # the same order each time
