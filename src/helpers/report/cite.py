"""Credit lines and BibTeX for a figure, read from the metadata its file carries."""

from __future__ import annotations

import re
from pathlib import Path

from PIL import Image

from ..citation import project_metadata
from ..errors import ProjectError


def figure_metadata(png: Path) -> dict[str, str]:
    """The title, source line, parameters and alt text written into a figure's PNG text chunks."""
    with Image.open(png) as image:  # the text chunks come before the pixels: no need to decode them
        text = dict(image.info)
    return {key: text.get(key, "") for key in ("Title", "Source", "Description", "Comment", "Alt", "Notes", "Sources")}


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
            f"@misc{{{key},\n  title = {{{meta['Title']}}},\n  author = {{{{{project['authors']}}}}},\n"
            f"  howpublished = {{{project['name']} {project['version']}, figure {png.name}}},\n"
            f"  year = {{{project['released'][:4]}}},\n"
            f"  note = {{{' '.join(meta['Source'].split())} Sources: {', '.join(urls)}}}"
            + (f",\n  url = {{{project['url']}}}" if project["url"] else "")
            + "\n}"
        )
    return (
        "\n".join(
            [
                f'"{meta["Title"]}"',
                f"Figure {png.name} (also {png.with_suffix('.svg').name}; data {png.stem}.csv), "
                f"{project['authors']}, {project['name']} {project['version']} ({project['released']}), "
                f"data version {version}.",
                meta["Source"],
                "Sources: " + " ; ".join(urls) if urls else "",
                f"Parameters: {meta['Description']}",
            ]
        )
        .replace("\n\n", "\n")
        .strip()
    )
