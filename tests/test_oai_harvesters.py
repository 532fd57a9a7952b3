"""Real harvesters against ``lodpub serve``'s /oai over the bundled samples: the OAI's own validator
(HTTP::OAIPMH::Validator, the registration check) reports COMPLIANT, and Sickle harvests every work in every
format, then sees a ``lodpub delete`` as a deleted record and an incremental harvest returns only what changed.

The validator is found in ``LODPUB_OAI_VALIDATOR`` or ``../shared/oai-pmh-validator`` beside the repository (its
Perl modules come from Debian: scripts/setup.sh test); in CI a missing validator fails the test.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sickle import Sickle

from mappings.uris import Minter
from publisher.ingest.pipeline import ingest
from publisher.store import open_store
from tests import servers
from tests.helpers import REPO, SAMPLES, need, works

ADMIN = "repository@example.org"
VALIDATOR = Path(servers.variable("LODPUB_OAI_VALIDATOR", str(REPO.parent / "shared" / "oai-pmh-validator")))
PERL_MODULES = ["XML::DOM", "Date::Manip", "Class::Accessor", "Data::UUID", "LWP::UserAgent", "JSON", "Try::Tiny",
                "CGI"]


@dataclass
class Provider:
    """A running lodpub over a data directory: its base URI and its /oai."""

    data: Path
    base: str

    @property
    def oai(self) -> str:
        """The OAI-PMH base URL."""
        return self.base + "oai"


@pytest.fixture(scope="module")
def provider(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Provider]:
    """``lodpub serve`` over the samples, minted under the server's own address (the validator wants the baseURL
    it was given back in Identify)."""
    port = servers.free_port()
    base = f"http://127.0.0.1:{port}/"
    data = tmp_path_factory.mktemp("oai") / "store"
    store = open_store(str(data), writable=True)
    ingest([str(SAMPLES)], store, Minter(base))
    store.publish()
    store.close()
    settings = {"LODPUB_STORE": str(data), "LODPUB_OAI_ADMIN_EMAIL": ADMIN, "LODPUB_OAI_PAGE_SIZE": "7"}
    with servers.lodpub(settings, kind="serve", base=base, port=port):
        yield Provider(data, base)


def published_works(provider: Provider) -> set[str]:
    """The works the provider's store publishes."""
    store = open_store(str(provider.data))
    try:
        return set(works(store))
    finally:
        store.close()


def perl_ready() -> bool:
    """Whether perl and the validator's modules are installed."""
    if shutil.which("perl") is None:
        return False
    return subprocess.run(["perl", *(f"-M{m}" for m in PERL_MODULES), "-e", "1"], capture_output=True).returncode == 0


def test_the_oai_validator_reports_compliant(provider: Provider, tmp_path: Path) -> None:
    need((VALIDATOR / "lib" / "HTTP" / "OAIPMH" / "Validator.pm").is_file(), f"the OAI-PMH validator ({VALIDATOR})")
    need(perl_ready(), "perl with the OAI-PMH validator's modules (scripts/setup.sh test)")
    copy = shutil.copytree(VALIDATOR, tmp_path / "validator")  # shared/ is read-only in CI
    run = subprocess.run(["perl", "-Ilib", "examples/oaipmh-validator.pl", provider.oai], cwd=copy,
                         capture_output=True, text=True, timeout=600)
    report = run.stdout
    assert f"Validation status of data provider {provider.oai} is COMPLIANT" in report, report[-4000:] + run.stderr
    assert "FAIL" not in report, [line for line in report.splitlines() if "FAIL" in line]


def as_work(provider: Provider, identifier: str) -> str:
    """The work an OAI identifier names (the provider's repository id is lodpub.invalid: its host is an address)."""
    return provider.base + "id/" + identifier.removeprefix("oai:lodpub.invalid:")


def test_sickle_harvests_every_work_in_every_format_then_a_deletion_and_only_the_changes(provider: Provider) -> None:
    sickle = Sickle(provider.oai, max_retries=2)
    assert sickle.Identify().adminEmail == ADMIN
    expected = published_works(provider)
    prefixes = [f.metadataPrefix for f in sickle.ListMetadataFormats()]
    assert prefixes == ["oai_dc", "uketd_dc", "rdf"]
    for prefix in prefixes:
        records = list(sickle.ListRecords(metadataPrefix=prefix, ignore_deleted=False))
        assert sorted(as_work(provider, r.header.identifier) for r in records) == sorted(expected), prefix
        assert all(not r.header.deleted and r.metadata for r in records)
    dc = {as_work(provider, r.header.identifier): r.metadata for r in sickle.ListRecords(metadataPrefix="oai_dc")}
    assert all(m.get("title") for m in dc.values())
    assert {w for w, m in dc.items() if w in m.get("identifier", [])} == expected

    harvested_at = max(h.datestamp for h in sickle.ListIdentifiers(metadataPrefix="oai_dc"))
    time.sleep(1.1)  # datestamps are seconds
    gone = sorted(expected)[0]
    deleted = subprocess.run([sys.executable, "-m", "publisher.cli", "delete", gone, "--store", str(provider.data),
                              "--base", provider.base], capture_output=True, text=True, cwd=REPO, timeout=300)
    assert deleted.returncode == 0, deleted.stderr
    since = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 1))
    deadline = time.time() + 30
    while True:  # the server picks up the new snapshot on its next request
        headers = {as_work(provider, h.identifier): h for h in sickle.ListIdentifiers(
            metadataPrefix="oai_dc", ignore_deleted=False, **{"from": since})}
        if gone in headers or time.time() > deadline:
            break
        time.sleep(0.5)
    assert headers[gone].deleted
    assert all(h.datestamp > harvested_at for h in headers.values())
    assert len(headers) < len(expected) // 2  # only what the deletion changed
    everything = {as_work(provider, r.header.identifier): r for r in
                  sickle.ListRecords(metadataPrefix="rdf", ignore_deleted=False)}
    assert set(everything) == expected and everything[gone].header.deleted
    assert {w for w, r in everything.items() if not r.header.deleted} == published_works(provider) == expected - {gone}
