"""An EPrints abstract page in renderings other than the seed's layout (issue 15): a Markdown rendering with YAML
front matter and tables, a plain-text copy whose labels run on. Each is read correctly or refused with a clear
error; never a title of "---", never two works on one record id. The pages are built from the seed's own
content only (samples/eprints-page)."""

from __future__ import annotations

import io
import re

from mappings.model import Record, RecordError, WorkType
from mappings.parsers import detect, get
from tests.helpers import SAMPLES

SEED = (SAMPLES / "eprints-page" / "002_b9a4e6cab72e4de0.txt").read_text(encoding="utf-8")
ARTICLE = (SAMPLES / "eprints-page" / "003_article_future_behind_them.txt").read_text(encoding="utf-8")


def as_markdown(page: str, *, keep_uri: bool = False) -> str:
    """The page as a web-to-Markdown converter renders it: YAML front matter holding the title and the deposit
    date, the title line gone, the label block as table rows, the URI cell empty (its link lost)."""
    lines = page.splitlines()
    title, body = lines[0], lines[1:]
    out = ["---", f'title: "{title}"' if ":" in title else f"title: {title}", "date: 2016-08-04", "---"]
    first_row = True
    for line in body:
        m = re.match(r"^([A-Z][A-Za-z ]+): (.*)$", line)
        if m and not line.startswith(("Official URL", "Available under")):
            value = m[2] if m[1] != "URI" or keep_uri else ""
            out.append(f"| {m[1]}: | {value} |")
            out.append("")
            if first_row:
                out += ["|---|---|", ""]
                first_row = False
        elif line.startswith("Download ("):
            out.append(line.split(" | ")[0] + " |")
        else:
            out.append(line)
    return "\n".join(out) + "\n"


def _parse(text: str, name: str = "page.md") -> list[Record | RecordError]:
    return list(get("eprints-page").parse(io.BytesIO(text.encode("utf-8")), name))


def _record(text: str) -> Record:
    items = _parse(text)
    assert len(items) == 1 and isinstance(items[0], Record), [str(i) for i in items]
    return items[0]


def test_a_markdown_rendering_is_read_like_the_page() -> None:
    markdown = as_markdown(SEED)
    assert markdown.startswith("---\ntitle: ") and "| Item Type: | Thesis (Doctoral) |" in markdown
    assert detect(markdown.encode()) == "eprints-page"
    page, rendered = _record(SEED), _record(markdown)
    assert rendered.title == page.title == '"It\'s a safe space": The role of self-harm self-help/mutual aid groups'
    assert rendered.work_type is WorkType.THESIS and rendered.issued == "2016"
    assert [a.name for a in rendered.creators] == ["Boyce, Melanie J."]
    assert rendered.degree is not None and rendered.degree.institution == "Anglia Ruskin University"
    assert rendered.keywords == page.keywords and rendered.depositor == "Melanie Boyce"
    assert rendered.abstract == page.abstract
    assert rendered.landing_page is None and rendered.source_id.startswith("digest:")  # the URI cell is empty


def test_two_markdown_renderings_are_two_records_never_one() -> None:
    thesis, article = _record(as_markdown(SEED)), _record(as_markdown(ARTICLE))
    assert "---" not in (thesis.title, article.title)
    assert thesis.title != article.title and thesis.source_id != article.source_id
    assert article.source_id == "doi:10.1207/s15516709cog0000_62"  # no URI: the DOI names it
    with_uri = _record(as_markdown(SEED, keep_uri=True))
    assert with_uri.source_id == "https://arro.anglia.ac.uk/id/eprint/700655"


def test_a_plain_text_copy_with_labels_run_on() -> None:
    text = re.sub(r"(?m)^([A-Z][A-Za-z ]+): ", r"\1:", ARTICLE)
    assert "Item Type:Article" in text
    assert detect(text.encode()) == "eprints-page"
    record = _record(text)
    assert record.work_type is WorkType.ARTICLE and record.doi == "10.1207/s15516709cog0000_62"
    assert record.host is not None and record.host.periodical is not None
    assert (record.host.periodical.title, record.host.volume) == ("Cognitive Science", "30")
    assert record.landing_page == "https://eprints.example.ac.uk/id/eprint/4127"


def test_a_rendering_without_a_title_is_refused_clearly() -> None:
    no_title = "---\n" + "\n".join(SEED.splitlines()[1:]) + "\n"  # a stray rule, and the title line gone
    (error,) = _parse(no_title)
    assert isinstance(error, RecordError) and error.field == "title"
    assert "begins with its citation" in error.message and error.line == 3
    rules = "---\n***\n|---|---|\n\nItem Type: Article\n"
    (error,) = _parse(rules)
    assert isinstance(error, RecordError) and "no title line" in error.message
