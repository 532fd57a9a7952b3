"""The VoID + DCAT description of the dataset, as triples: counts, vocabularies, class partitions, the SPARQL
service (with lodpub's version) and the dump distributions."""

from __future__ import annotations

from pyoxigraph import Literal, NamedNode, Triple

from mappings.vocab import DCAT, DCTERMS, FOAF, OWL, PREFIXES, RDF, RDFS, SDO, VOID, XSD
from publisher import urls
from publisher.config import VERSION
from publisher.formats import FORMATS
from publisher.read.stats import Stats

IANA = "https://www.iana.org/assignments/media-types/"
SPDX = "http://spdx.org/rdf/terms#"
VOCABULARIES = ["dcterms", "bibo", "schema", "foaf", "skos", "madsrdf", "prov", "owl", "relators", "lodpub"]


def description(counts: Stats, base: str, *, title: str, licence: str, example: str | None = None) -> list[Triple]:
    """The VoID + DCAT description of the dataset (``example``: a work to name as its example resource)."""
    dataset, catalog = NamedNode(urls.absolute(base, urls.DATASET)), NamedNode(base + "catalog")
    sparql = NamedNode(urls.absolute(base, urls.SPARQL))
    licence_iri = NamedNode(licence)
    out: list[Triple] = []

    def add(s: NamedNode, p: NamedNode, o: NamedNode | Literal) -> None:
        out.append(Triple(s, p, o))

    def integer(n: int) -> Literal:
        return Literal(str(n), datatype=XSD.integer)

    add(catalog, RDF.type, DCAT.Catalog)
    add(catalog, DCTERMS.title, Literal(title + " catalogue"))
    add(catalog, DCAT.dataset, dataset)
    for cls in (VOID.Dataset, DCAT.Dataset):
        add(dataset, RDF.type, cls)
    add(dataset, DCTERMS.title, Literal(title))
    add(dataset, DCTERMS.description, Literal(
        "Bibliographic records from library catalogues and repositories, in DCMI Terms, BIBO and Schema.org."))
    add(dataset, DCTERMS.license, licence_iri)
    if counts.modified:
        add(dataset, DCTERMS.modified, Literal(counts.modified, datatype=XSD.dateTime))
    add(dataset, VOID.triples, integer(counts.triples))
    add(dataset, VOID.entities, integer(counts.works))
    add(dataset, VOID.documents, integer(counts.records))
    add(dataset, VOID.uriSpace, Literal(urls.absolute(base, urls.THING)))
    add(dataset, VOID.sparqlEndpoint, sparql)
    add(dataset, VOID.rootResource, NamedNode(base))
    for prefix in VOCABULARIES:
        add(dataset, VOID.vocabulary, NamedNode(PREFIXES[prefix]))
    if example:
        add(dataset, VOID.exampleResource, NamedNode(example))
    for i, (type_name, n) in enumerate(sorted(counts.works_by_type.items()), start=1):
        part = NamedNode(f"{dataset.value}#class-{i}")
        add(dataset, VOID.classPartition, part)
        add(part, VOID["class"], NamedNode(PREFIXES["schema"] + type_name))
        add(part, VOID.entities, integer(n))
    add(dataset, VOID.classes, integer(len(counts.works_by_type)))
    service = NamedNode(sparql.value + "#service")
    add(service, RDF.type, DCAT.DataService)
    add(service, DCAT.endpointURL, sparql)
    add(service, OWL.versionInfo, Literal(f"lodpub {VERSION}"))
    add(service, DCTERMS.conformsTo, NamedNode("https://www.w3.org/TR/sparql11-protocol/"))
    add(service, DCAT.servesDataset, dataset)
    add(catalog, DCAT.service, service)
    oai = NamedNode(urls.absolute(base, urls.OAI))
    harvesting = NamedNode(oai.value + "#service")
    add(harvesting, RDF.type, DCAT.DataService)
    add(harvesting, DCAT.endpointURL, oai)
    add(harvesting, DCTERMS.conformsTo, NamedNode("http://www.openarchives.org/OAI/2.0/openarchivesprotocol.htm"))
    add(harvesting, DCAT.servesDataset, dataset)
    add(catalog, DCAT.service, harvesting)
    for fmt in FORMATS:
        if not (fmt.dump and fmt.suffix):
            continue
        url = NamedNode(urls.absolute(base, urls.DUMPS) + urls.dump_file(fmt.suffix))
        dist = NamedNode(f"{dataset.value}#dump-{fmt.suffix}")
        add(dataset, DCAT.distribution, dist)
        add(dataset, VOID.dataDump, url)
        add(dist, RDF.type, DCAT.Distribution)
        add(dist, DCAT.downloadURL, url)
        add(dist, DCAT.mediaType, NamedNode(IANA + fmt.media_type))
        add(dist, DCAT.compressFormat, NamedNode(IANA + "application/gzip"))
        add(dist, DCTERMS.license, licence_iri)
        add(dist, RDFS.label, Literal(f"Whole dataset as gzipped {fmt.media_type}"))
        if counts.modified:
            add(dist, DCTERMS.modified, Literal(counts.modified, datatype=XSD.dateTime))
    add(dataset, FOAF.homepage, NamedNode(base))
    add(dataset, SDO.url, NamedNode(base))
    return out


def dump_checksums(base: str, made: list[tuple[str, int, str]]) -> list[Triple]:
    """Sizes and SPDX SHA-256 checksums of the dump files made so far: (format suffix, bytes, hex digest)."""
    dataset = urls.absolute(base, urls.DATASET)
    algorithm = NamedNode(SPDX + "checksumAlgorithm_sha256")
    out: list[Triple] = []
    for suffix, size, sha256 in made:
        dist, checksum = NamedNode(f"{dataset}#dump-{suffix}"), NamedNode(f"{dataset}#sha256-{suffix}")
        out += [Triple(dist, DCAT.byteSize, Literal(str(size), datatype=XSD.nonNegativeInteger)),
                Triple(dist, NamedNode(SPDX + "checksum"), checksum),
                Triple(checksum, NamedNode(SPDX + "algorithm"), algorithm),
                Triple(checksum, NamedNode(SPDX + "checksumValue"), Literal(sha256, datatype=XSD.hexBinary))]
    return out
