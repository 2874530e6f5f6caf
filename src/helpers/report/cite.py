"""Credit lines and BibTeX for a figure, read from the metadata its file carries."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from PIL import Image

from ..errors import ProjectError
from ..paths import ROOT


def figure_metadata(png: Path) -> dict[str, str]:
    """The title, source line, parameters and alt text written into a figure's PNG text chunks."""
    with Image.open(png) as image:  # the text chunks come before the pixels: no need to decode them
        text = dict(image.info)
    return {key: text.get(key, "") for key in ("Title", "Source", "Description", "Comment", "Alt", "Notes", "Sources")}


def project_metadata(root: Path = ROOT) -> dict[str, str]:
    """Name, version and repository address of the project (from pyproject.toml)."""
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return {
        "name": project["name"],
        "version": project["version"],
        "title": project["description"].split(". ")[0],
        "url": project.get("urls", {}).get("Repository", ""),
        "authors": ", ".join(a["name"] for a in project["authors"]),
    }


def figure_citation(path: Path, bibtex: bool = False) -> str:
    """A ready credit line for a figure file, read from its own metadata (an SVG is cited through
    its PNG twin): title, project and version, data version, source line and every source URL."""
    png = Path(path).with_suffix(".png")
    if not png.is_file():
        raise ProjectError(f"{path}: no such figure (expected a PNG saved by the notebooks)")
    meta = figure_metadata(png)
    if not meta["Source"]:
        raise ProjectError(f"{png}: the file carries no source metadata; was it saved by helpers.figures?")
    project = project_metadata()
    urls = [u for u in meta["Sources"].split("\n") if u]
    version = meta["Comment"].removeprefix("raw data checksum ")
    if bibtex:
        key = re.sub(r"[^a-z0-9]+", "_", png.stem.lower())
        return (
            f"@misc{{{key},\n  title = {{{meta['Title']}}},\n  author = {{{project['authors']}}},\n"
            f"  howpublished = {{{project['name']} {project['version']}, figure {png.name}}},\n"
            f"  note = {{{' '.join(meta['Source'].split())} Sources: {', '.join(urls)}}},\n"
            f"  url = {{{project['url']}}}\n}}"
        )
    return (
        "\n".join(
            [
                f'"{meta["Title"]}"',
                f"Figure {png.name} (also {png.with_suffix('.svg').name}; data {png.stem}.csv), "
                f"{project['name']} {project['version']}, data version {version}.",
                meta["Source"],
                "Sources: " + " ; ".join(urls) if urls else "",
                f"Parameters: {meta['Description']}",
            ]
        )
        .replace("\n\n", "\n")
        .strip()
    )
