"""Every publisher the report quotes, with a link: the index's list of sources.

A reader who wants to check a number goes to its publisher, so the list is read from the raw data's
own provenance (manifests, the enterprise and market source tables, the headline's press relays),
never typed twice: a source added to the data appears here on the next run.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pandas as pd

from ..contracts import enterprise, read_raw_table, reference
from ..manifest import find_manifests, load_manifest
from .pages import _esc

OPENROUTER = "OpenRouter"


def _link(url: str, text: str) -> str:
    return f'<a href="{_esc(url)}">{_esc(text)}</a>' if isinstance(url, str) and url.startswith("http") else _esc(text)


DATASET_WORDS = {  # what each of OpenRouter's datasets gives, as the list of sources says it
    "openrouter/rankings-daily": "Daily tokens per model (the rankings, Data API)",
    "openrouter/billed-usage": "Dollars billed per model, four weeks of autumn 2026 (the rankings page's feed)",
    "prices/observed": "Model prices (the model catalogue)",
}


def _published(value: object) -> str:
    """`` (2026-05-12)``: a publication date however the table holds it, or nothing when it is empty."""
    if value is None or value == "" or pd.isna(value):
        return ""
    return f" ({pd.Timestamp(value):%Y-%m-%d})"


def openrouter_sources(raw_dir: Path) -> list[str]:
    """OpenRouter's own data, one line per dataset: what it gives (linked to its documentation or
    address) and each stored copy's attribution line."""
    found: dict[str, tuple[str, list[str]]] = {}
    for path in find_manifests(raw_dir):
        manifest = load_manifest(path)
        if not str(manifest.get("publisher", "")).startswith(OPENROUTER):
            continue
        dataset = manifest.get("dataset", "")
        url = manifest.get("docs_url") or manifest.get("source_url", "")
        attribution = str(manifest.get("attribution") or manifest.get("source", "")).removeprefix("Source: ")
        found.setdefault(dataset, (url, []))[1].append(attribution.rstrip("."))
    return [
        f"{_link(url, DATASET_WORDS.get(dataset, dataset))}: " + "; ".join(dict.fromkeys(lines)) + "."
        for dataset, (url, lines) in sorted(found.items())
    ]


def business_sources(raw_dir: Path) -> list[str]:
    """The enterprise spend, usage and adoption sources, credited to their publisher with the relay named."""
    table = read_raw_table(raw_dir / "enterprise" / "sources.csv", enterprise.SOURCES)
    return [
        f"{_esc(r.cite_as)}: {_link(r.url, r.title)}" + _published(r.published)
        for r in table.sort_values(["cite_as", "published"]).itertuples()
    ]


def market_sources(raw_dir: Path) -> list[str]:
    """The market-wide figures (token volumes, downloads, web visits), one line per page."""
    table = read_raw_table(raw_dir / "market" / "lenses.csv", enterprise.MARKET)
    pages = table.drop_duplicates("url").sort_values(["publisher", "url"])
    return [
        f"{_esc(r.publisher)}: {_link(r.url, urlparse(r.url).netloc or r.url)}" + _published(r.published)
        for r in pages.itertuples()
    ]


def headline_sources(raw_dir: Path) -> list[str]:
    """The pages that carried the headline's figures."""
    table = read_raw_table(raw_dir / "reference" / "headline_claim.csv", reference.HEADLINE_CLAIM)
    urls = list(dict.fromkeys(table["source_url"]))
    return [_link(url, urlparse(url).netloc) for url in urls if url]


def sources_section(raw_dir: Path) -> str:
    """The index's sources: every publisher quoted, grouped by what it gives."""
    groups = [
        ("OpenRouter's own data", openrouter_sources(raw_dir)),
        ("The headline and the pages that carried its figures", headline_sources(raw_dir)),
        ("Business spend, usage and adoption", business_sources(raw_dir)),
        ("The wider market: token volumes, downloads and web visits", market_sources(raw_dir)),
    ]
    return "".join(
        f'<h3>{_esc(title)}</h3><ul class="sources">' + "".join(f"<li>{item}</li>" for item in items) + "</ul>"
        for title, items in groups
        if items
    )
