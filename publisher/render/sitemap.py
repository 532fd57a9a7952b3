"""Sitemaps (sitemaps.org) of the work pages: one urlset, or an index of parts when there are too many."""

from __future__ import annotations

from xml.sax.saxutils import escape

from publisher import urls

SITEMAP_SIZE = 50_000  # URLs per sitemap file (the sitemaps.org limit)
HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"


def urlset(pages: list[tuple[str, str | None]]) -> str:
    """A sitemaps.org urlset of (URL, last modification date) pairs."""
    lines = [f"<url><loc>{escape(url)}</loc>" + (f"<lastmod>{escape(mod)}</lastmod>" if mod else "") + "</url>"
             for url, mod in pages]
    return HEAD + f'<urlset xmlns="{NAMESPACE}">\n' + "\n".join(lines) + "\n</urlset>\n"


def index(base: str, pages: int) -> str:
    """A sitemap index naming the parts ``pages`` URLs take."""
    parts = "".join(f"<sitemap><loc>{escape(urls.absolute(base, urls.SITEMAP_PART.format(number=n)))}</loc>"
                    "</sitemap>\n" for n in range(1, (pages - 1) // SITEMAP_SIZE + 2))
    return HEAD + f'<sitemapindex xmlns="{NAMESPACE}">\n' + parts + "</sitemapindex>\n"


def part(pages: list[tuple[str, str | None]], number: int) -> list[tuple[str, str | None]]:
    """The pages in part ``number`` (from 1) of a large sitemap."""
    return pages[(number - 1) * SITEMAP_SIZE:number * SITEMAP_SIZE] if number >= 1 else []
