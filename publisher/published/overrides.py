"""A curator's identity decisions, kept in a Turtle file and applied at every ingest.

Like an aggregator's whitelist and blacklist of duplicate groups, three kinds of statement::

    <http://data.example.org/id/person/boyce-melanie--1a2b3c4d>
        owl:sameAs <http://data.example.org/id/person/boyce-melanie-j--5e6f7a8b> .     # one person
    <http://data.example.org/id/person/smith-john--0c1d2e3f>
        owl:differentFrom <http://data.example.org/id/person/smith-john--9a8b7c6d> .  # never merge these
    <http://data.example.org/id/person/orcid-0000-0002-1825-0097>
        skos:prefLabel "Josiah Carberry" .                                             # the name to show

``lodpub reconcile`` prints candidate lines in this form for a curator to copy.
"""

from __future__ import annotations

from pathlib import Path

from pyoxigraph import Literal, NamedNode, RdfFormat, parse

from mappings.vocab import OWL, SKOS
from publisher.config import Settings
from publisher.published.identity import Overrides


def load_for(settings: Settings) -> Overrides:
    """The overrides the settings name (``LODPUB_OVERRIDES``, else the data directory's ``curation.ttl``)."""
    return load_overrides(settings.overrides_path())


class OverridesError(ValueError):
    """An overrides file that cannot be read; the message names the file and line."""


def load_overrides(path: str | Path | None) -> Overrides:
    """The decisions in a Turtle file (no file: none)."""
    out = Overrides()
    if path is None or not Path(path).exists():
        return out
    try:
        with open(path, "rb") as fh:
            triples = list(parse(fh, format=RdfFormat.TURTLE, base_iri="urn:lodpub:overrides"))
    except SyntaxError as exc:
        raise OverridesError(f"{path}: {exc}") from None
    for t in triples:
        s, p, o = t.subject, t.predicate, t.object
        if not isinstance(s, NamedNode):
            continue
        if p == OWL.sameAs and isinstance(o, NamedNode):
            out.same.append((s.value, o.value))
        elif p == OWL.differentFrom and isinstance(o, NamedNode):
            out.different.append((s.value, o.value))
        elif p == SKOS.prefLabel and isinstance(o, Literal):
            out.labels[s.value] = o.value
        else:
            raise OverridesError(f"{path}: unknown statement {t} (use owl:sameAs, owl:differentFrom, skos:prefLabel)")
    return out
