"""How OpenRouter's data is credited: the source line every figure and report page carries.

OpenRouter's rankings are licensed CC BY 4.0, so every figure says where its numbers come from,
as of when, over which dates and from which data version. The wording lives here once; the
figures (``helpers.figures``) print it under each chart and the report under each page. It has no
plotting dependency, so the runner can render pages without importing matplotlib.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from pathlib import Path

from .paths import ROOT

OPENROUTER_SOURCE = "Source: OpenRouter (openrouter.ai/rankings), data as of {as_of}; licensed CC BY 4.0"
OPENROUTER_URL = "https://openrouter.ai/rankings"


PLACEHOLDER = "OWNER"  # the repository address until the project is published


def project_metadata(root: Path = ROOT) -> dict[str, str]:
    """Name, version, release date, authors and public address of the project (pyproject.toml;
    CITATION.cff repeats them and a test keeps the two equal). The address is empty while it is
    still the placeholder, so no credit line points readers at a page that does not exist."""
    pyproject = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    project = pyproject["project"]
    url = project.get("urls", {}).get("Repository", "")
    return {
        "name": project["name"],
        "version": project["version"],
        "released": pyproject["tool"]["helpers"]["released"],
        "title": project["description"].split(". ")[0],
        "url": "" if PLACEHOLDER in url else url,
        "authors": ", ".join(a["name"] for a in project["authors"]),
    }


def credit_line(root: Path = ROOT) -> str:
    """Who made a figure and which release: the author, the version and its date (and the address
    once published), as a publication's credit line needs them."""
    project = project_metadata(root)
    address = f", {project['url']}" if project["url"] else ""
    return f"Chart: {project['authors']}, version {project['version']} ({project['released']}){address}."


def source_line(as_of: str, start: str, end: str, version: str, extra_sources: Iterable[str] = ()) -> str:
    """The footer every OpenRouter-based figure carries: source, licence, range, data version, credit."""
    parts = [OPENROUTER_SOURCE.format(as_of=as_of), *extra_sources]
    return "; ".join(parts) + f".\nDates {start} to {end}. Data version {version}. {credit_line()}"
