"""A store whose data holds script URLs where links go, as an older lodpub (or an administrator's update) could
have written it: the pages, the ``Link`` header and the SPARQL results page must show them as text, never as
links. Records are mapped directly (the readers' screening would drop these URLs) and written as graphs.
"""

from __future__ import annotations

import copy

from pyoxigraph import RdfFormat, parse

from mappings.crosswalk import map_record
from mappings.model import FileLink, Record
from mappings.uris import Minter
from publisher.ingest.pipeline import ingest
from publisher.published.refresh import refresh
from publisher.store import GraphWrite, Store, term_value
from tests.helpers import BASE, SAMPLES, read

SCRIPT = "javascript:alert(document.domain)"
DATA = "data:text/html,%3Cscript%3Ealert(1)%3C/script%3E"
SCRIPT_URLS = (SCRIPT, DATA, "JavaScript:alert(2)", "vbscript:msgbox(1)")
PREDICATE = "http://example.org/hostile/link"


def hostile_records() -> list[Record]:
    """Sample records whose every link field holds a script URL."""
    out = []
    for sample in (SAMPLES / "crossref" / "crossref-work.json", SAMPLES / "marcxml" / "marcxml-article.xml"):
        records, _ = read(sample)
        record = copy.deepcopy(records[0])
        record.source_id += "-hostile"
        record.doi = None
        record.files = [FileLink(url=SCRIPT, media_type="text/html", name="Full text"), FileLink(url=DATA)]
        record.official_url, record.landing_page = SCRIPT, "JavaScript:alert(2)"
        record.related_urls = list(SCRIPT_URLS)
        if record.host and record.host.periodical:
            record.host.periodical.urls = [SCRIPT]
        for subject in record.subjects[:2]:
            subject.authority = SCRIPT
        out.append(record)
    return out


def load_hostile_store(store: Store, base: str = BASE) -> list[str]:
    """The samples plus the hostile records (and a person and a resource linking to script URLs) in ``store``;
    returns the hostile works' IRIs."""
    ingest([str(SAMPLES)], store, Minter(base))
    minter = Minter(base)
    mapped = [map_record(r, minter) for r in hostile_records()]
    writes = [GraphWrite(m.graph, m.ntriples()) for m in mapped]
    extra = "".join(f"<{m.work}> <{PREDICATE}> <{url}> .\n" for m in mapped for url in SCRIPT_URLS)
    people = sorted({term_value(q.subject) for q in store.match(predicate="http://xmlns.com/foaf/0.1/name")
                     if term_value(q.subject).startswith(base + "id/person/")})[:2]
    extra += "".join(f"<{p}> <http://schema.org/sameAs> <{SCRIPT}> .\n" for p in people)
    with store.writing() as writer:
        writer.add_graphs(writes)
    refresh(store, minter, [m.graph for m in mapped])  # the hostile records' published view
    with store.writing() as writer:  # and links an administrator's update could have put into the view itself
        writer.change_published([], list(parse(extra.encode(), RdfFormat.N_TRIPLES)))
    store.publish()
    return [m.work for m in mapped]
