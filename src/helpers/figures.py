"""Citable figures: one style, one colour per group, a source footer and deterministic files.

Every figure a reader may lift into a write-up carries its source line, date range and data
version in the image itself and in the file metadata, comes with the CSV of exactly what it
plots, and its files are byte-identical when nothing changed (no timestamps), so a changed figure
always means changed data or code. Chart builders (``helpers.charts``) return a :class:`Chart`;
:func:`save_chart` writes it.
"""

from __future__ import annotations

import io
import json
import os
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.backends.backend_svg import RendererSVG
from matplotlib.collections import PolyCollection
from matplotlib.transforms import Bbox

from .article import ARTICLE_FOOTER_CHARACTERS, relayout_for_article
from .citation import OPENROUTER_URL
from .dates import DAY, Window
from .errors import naming_file
from .paths import OutputLayout
from .pipeline import csv_text
from .steps import ARTICLE_SUFFIX

STYLE_FILE = Path(__file__).with_name("style") / "project.mplstyle"

# Okabe-Ito palette (colour-blind safe); stealth and the long tail in neutral greys.
ORIGIN_COLOURS = {
    "CN": "#D55E00",
    "US": "#0072B2",
    "EU": "#009E73",
    "ROW": "#E69F00",
    "UNDISCLOSED": "#7F7F7F",
    "LONG_TAIL": "#C8C8C8",
}
ORIGIN_LABELS = {
    "CN": "China",
    "US": "United States",
    "EU": "European Union",
    "ROW": "Rest of world",
    "UNDISCLOSED": "Undisclosed (stealth)",
    "LONG_TAIL": "Long tail (outside daily top 50)",
}
# One colour per vendor group (enterprise comparison). Chinese labs keep China's colour, the
# remainder ("Other") is neutral grey; the rest are the other Okabe-Ito hues.
VENDOR_COLOURS = {
    "OpenAI": "#0072B2",
    "Anthropic": "#CC79A7",
    "Google": "#56B4E9",
    "xAI": "#000000",
    "Meta": "#E69F00",
    "Mistral": "#009E73",
    "Chinese labs": "#D55E00",
    "Other": "#BDBDBD",
}
HEADLINE_SHADE = "#F0E442"  # Okabe-Ito yellow: the headline's six weeks, on every weekly chart


@dataclass
class Chart:
    """A drawn figure and everything needed to cite it.

    ``title`` states what the chart shows as a sentence a reader could quote; ``alt`` describes it
    for a reader who cannot see it; ``data`` is exactly what is plotted; ``sources`` are the
    sources beyond OpenRouter's rankings; ``notes`` explain marks (hatching, shading).
    """

    name: str
    title: str
    alt: str
    fig: plt.Figure
    data: pd.DataFrame
    sources: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    source_urls: list[str] = field(default_factory=list)
    dates: tuple[pd.Timestamp, pd.Timestamp] | None = None  # the days plotted, when not the run's own


def use_project_style() -> None:
    """Apply the project's matplotlib style (call once per notebook)."""
    plt.style.use(str(STYLE_FILE))


class Footer(NamedTuple):
    """The source line drawn on a figure, and the figure's tight box (inches, padded) with it."""

    text: plt.Text
    box: Bbox


def add_footer(fig: plt.Figure, text: str, width: int = 170) -> Footer:
    """Print the source line under everything else on the figure (axes, legends), wrapped so a long
    citation never widens it.

    Returns the text, so a re-laid-out copy can replace it, and the box the PNG is cut to: the
    figure's tight box is measured once here, before the footer, and joined with the footer's own
    box (the same box ``bbox_inches="tight"`` finds, without measuring every panel a second time).
    """
    lines = [wrapped for line in text.splitlines() for wrapped in textwrap.wrap(line, width)]
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]  # Agg canvases have it; the base class stub does not
    above = fig.get_tightbbox(renderer)  # inches: every panel, legend and title
    lowest = above.y0 * fig.dpi / fig.bbox.height
    footer = fig.text(
        0.01, min(lowest, 0.0) - 0.015, "\n".join(lines), ha="left", va="top", fontsize=7.5, color="#444444"
    )
    below = footer.get_window_extent(renderer).transformed(fig.dpi_scale_trans.inverted())
    return Footer(footer, Bbox.union([above, below]).padded(plt.rcParams["savefig.pad_inches"]))


def tight_box(fig: plt.Figure):
    """The figure's tight bounding box with the style's padding, measured on its own canvas.

    ``bbox_inches="tight"`` draws a figure once to measure it and again to save it; the canvas is
    at the PNG's resolution (the style's ``figure.dpi``), so measuring it here gives the same box,
    and the same bytes, with one draw fewer. The SVG has its own measure (:func:`svg_box`).
    """
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]  # Agg canvases have it; the base class stub does not
    return fig.get_tightbbox(renderer).padded(plt.rcParams["savefig.pad_inches"])


def svg_box(fig: plt.Figure) -> Bbox:
    """The SVG's tight box, measured as matplotlib measures it (text laid out at the SVG's 72 dpi,
    where it takes other widths than in the 200-dpi PNG: up to 12 points on these charts), but
    without the layout pass ``bbox_inches="tight"`` runs before measuring: the figure is laid out
    already. The SVGs render pixel for pixel as before."""
    dpi = fig.dpi
    fig.set_dpi(72)
    try:
        renderer = RendererSVG(fig.get_figwidth() * 72, fig.get_figheight() * 72, io.StringIO(), image_dpi=dpi)
        return fig.get_tightbbox(renderer).padded(plt.rcParams["savefig.pad_inches"])
    finally:
        fig.set_dpi(dpi)


def save_figure(
    fig: plt.Figure,
    out_dir: Path,
    name: str,
    *,
    title: str,
    source: str,
    parameters: dict[str, str],
    data_checksum: str,
    alt: str = "",
    notes: str = "",
    source_urls: Iterable[str] = (),
    svg: bool = True,
    box: Bbox | None = None,
) -> list[Path]:
    """Save ``name``.png (200 dpi) and ``name``.svg (unless ``svg`` is false) with deterministic metadata.

    The PNG is cut to ``box`` (inches) when the caller has measured it (:func:`add_footer` does),
    else to the figure's tight box.

    PNG text chunks and SVG metadata carry title, source, parameters and the raw data's
    checksum; dates and software versions are left out so reruns give identical bytes.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    description = "; ".join(f"{k}={v}" for k, v in sorted(parameters.items()))
    png = out_dir / f"{name}.png"
    svg_path = out_dir / f"{name}.svg"
    with naming_file(png):  # a full disk names the figure
        fig.savefig(
            png,
            bbox_inches=tight_box(fig) if box is None else box,
            metadata={
                "Title": title,
                "Source": source,
                "Description": description,
                "Comment": f"raw data checksum {data_checksum}",
                "Alt": alt,
                "Notes": notes,
                "Sources": "\n".join(source_urls),
                "Software": None,
            },
        )
    if not svg:
        return [png]
    with naming_file(svg_path):
        fig.savefig(
            svg_path,
            bbox_inches=svg_box(fig),
            metadata={
                "Title": title,
                "Source": source,
                "Description": description,
                "Identifier": data_checksum,
                "Coverage": alt,
                "Date": None,
                "Creator": None,
            },
        )
    return [png, svg_path]


def write_figure_data(chart: Chart, folder: Path, source: str) -> Path:
    """The CSV of exactly what a chart plots, header first (a spreadsheet or a charting tool opens
    it as it is), and beside it a small JSON sidecar with its title, source line and notes.

    Numbers are plain decimals, never exponent forms.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{chart.name}.csv"
    frame = chart.data.copy()
    for column in frame.columns:
        if pd.api.types.is_datetime64_any_dtype(frame[column]):
            frame[column] = frame[column].dt.strftime("%Y-%m-%d")
    with naming_file(path):
        path.write_text(csv_text(frame), encoding="utf-8")
    sidecar = {"title": chart.title, "source": source, "notes": chart.notes, "data": path.name}
    with naming_file(path.with_suffix(".json")):
        path.with_suffix(".json").write_text(json.dumps(sidecar, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def save_chart(
    chart: Chart,
    layout: OutputLayout,
    source: str,
    parameters: dict[str, str],
    data_version: str,
    article: bool = False,
) -> list[Path]:
    """Write a chart's PNG, SVG and data CSV, with its source line in the image and the metadata;
    with ``article``, also ``<name>_640.png``, the same chart laid out for a 640-pixel column."""
    notes = " ".join(chart.notes)
    text = (notes + "\n" if notes else "") + source
    footer = add_footer(chart.fig, text)
    urls = [OPENROUTER_URL, *chart.source_urls]

    def save(name: str, box: Bbox, svg: bool = True) -> list[Path]:
        return save_figure(
            chart.fig,
            layout.figures,
            name,
            title=chart.title,
            source=source,
            parameters=parameters,
            data_checksum=data_version,
            alt=chart.alt,
            notes=notes,
            source_urls=dict.fromkeys(urls),
            svg=svg,
            box=box,
        )

    files = save(chart.name, footer.box)
    if article:
        relayout_for_article(chart.fig, footer.text)
        article_footer = add_footer(chart.fig, text, ARTICLE_FOOTER_CHARACTERS)
        files += save(chart.name + ARTICLE_SUFFIX, article_footer.box, svg=False)
    plt.close(chart.fig)
    return [*files, write_figure_data(chart, layout.figure_data, source)]


def notebook_markdown(chart: Chart, layout: OutputLayout):
    """The chart as the notebook shows it: a link to the saved PNG (figures are stored once),
    with its alt text, title and a link to its data."""
    from IPython.display import Markdown

    def link(path: Path) -> str:
        return Path(os.path.relpath(path, layout.notebooks)).as_posix()

    png = link(layout.figures / f"{chart.name}.png")
    data = link(layout.figure_data / f"{chart.name}.csv")
    notes = f" {' '.join(chart.notes)}" if chart.notes else ""
    return Markdown(f"![{chart.alt}]({png})\n\n**{chart.title}**{notes} [Data (CSV)]({data}) · [SVG]({png[:-4]}.svg)")


def date_axis(ax: plt.Axes, window: Window) -> None:
    """Limit the x axis to the run's days, with ticks that fit any span (a week to two years).

    The locator puts ticks on real day, month or year boundaries and the formatter names them
    from the tick itself, so a tick never carries another month's label.
    """
    ax.set_xlim(window.start, window.end + DAY)
    locator = mdates.AutoDateLocator(minticks=3, maxticks=9)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator, show_offset=False))


def bars(
    ax: plt.Axes,
    left,
    heights,
    widths,
    bottoms=0.0,
    *,
    colors,
    **style,
) -> PolyCollection:
    """Vertical bars drawn from their left edges, as one artist rather than one ``Rectangle`` each.

    A weekly chart over two years has hundreds of bars, and matplotlib draws every artist once
    per file saved (PNG, SVG and the SVG's measuring pass); one collection draws the same shapes
    at a fraction of the cost. Like ``ax.bar``, dates are converted through the axis' units and the
    bars' bottoms are sticky (the y axis starts at them, without a margin). ``style`` takes
    collection properties (``edgecolor``, ``linewidth``, ``alpha``, ``hatch``).
    """
    ax.xaxis.update_units(left)
    x0 = np.asarray(ax.convert_xunits(left), dtype=float)
    width = np.broadcast_to(np.asarray(widths, dtype=float), x0.shape)
    y0 = np.broadcast_to(np.asarray(bottoms, dtype=float), x0.shape)
    y1 = y0 + np.asarray(heights, dtype=float)
    x1 = x0 + width
    corners = np.stack(
        [np.stack([x0, y0], -1), np.stack([x0, y1], -1), np.stack([x1, y1], -1), np.stack([x1, y0], -1)], 1
    )
    # an (N, 4, 2) array is matplotlib's fast path for PolyCollection; its stub asks for a Sequence
    collection = PolyCollection(corners, facecolors=colors, **style)  # type: ignore[arg-type]
    collection.sticky_edges.y[:] = np.unique(y0).tolist()
    ax.add_collection(collection)
    ax.autoscale_view()
    return collection


def week_spans(weeks: pd.Series, window: Window) -> pd.DataFrame:
    """Where each week's bar sits on a window's axis: from its first day inside the window, as
    wide as its days inside the window, and whether it is partial (cut by the window's edges)."""
    weeks = pd.to_datetime(pd.Series(weeks)).reset_index(drop=True)
    left = weeks.where(weeks >= window.start, window.start)
    right = (weeks + pd.Timedelta(days=7)).where(weeks + pd.Timedelta(days=7) <= window.end + DAY, window.end + DAY)
    days = (right - left) / DAY
    return pd.DataFrame({"week_start": weeks, "left": left, "days": days, "partial": days < 7})


def mark_span(
    ax: plt.Axes, window: Window, start: pd.Timestamp, end: pd.Timestamp, label: str, outline: bool = False
) -> bool:
    """Shade ``start``..``end`` (inclusive days) where it falls inside the window, labelled at the
    top of the axes; returns whether anything was drawn (nothing when it lies outside the dates).
    ``outline`` draws a dashed box over the data instead, for charts whose areas fill the axes and
    would hide a band behind them."""
    left, right = max(pd.Timestamp(start), window.start), min(pd.Timestamp(end), window.end) + DAY
    if left >= right:
        return False
    if outline:
        ax.axvspan(left, right, fill=False, edgecolor="#222222", linestyle="--", linewidth=1.1, zorder=3)
    else:
        ax.axvspan(left, right, color=HEADLINE_SHADE, alpha=0.45, zorder=0, linewidth=0)
    ax.annotate(
        label,
        xy=(left + (right - left) / 2, 1.0),
        xycoords=("data", "axes fraction"),
        xytext=(0, -3),
        textcoords="offset points",
        ha="center",
        va="top",
        fontsize=7.5,
        color="#555555",
    )
    return True
