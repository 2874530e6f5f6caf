"""Citable figures: one style, one colour per group, a source footer and deterministic files.

Every figure a reader may lift into a write-up carries its source line, date range and data
version in the image itself and in the file metadata, and the files are byte-identical when
nothing changed (no timestamps), so a changed figure always means changed data or code.
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Iterable

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd

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
OPENROUTER_SOURCE = "Source: OpenRouter (openrouter.ai/rankings), data as of {as_of}; licensed CC BY 4.0"


def use_project_style() -> None:
    """Apply the project's matplotlib style (call once per notebook)."""
    plt.style.use(str(STYLE_FILE))


def source_line(as_of: str, start: str, end: str, version: str, extra_sources: Iterable[str] = ()) -> str:
    """The footer every OpenRouter-based figure carries: source, licence, range, data version."""
    parts = [OPENROUTER_SOURCE.format(as_of=as_of), *extra_sources]
    return "; ".join(parts) + f".\nDates {start} to {end}. Data version {version}."


def add_footer(fig: plt.Figure, text: str, y: float = -0.02, width: int = 170) -> None:
    """Print the source line under the axes, wrapped so a long citation never widens the figure."""
    lines = [wrapped for line in text.splitlines() for wrapped in textwrap.wrap(line, width)]
    fig.text(0.01, y, "\n".join(lines), ha="left", va="top", fontsize=7.5, color="#444444")


def save_figure(fig: plt.Figure, out_dir: Path, name: str, *, title: str, source: str,
                parameters: dict[str, str], data_checksum: str) -> list[Path]:
    """Save ``name``.png (200 dpi) and ``name``.svg with deterministic metadata.

    PNG text chunks and SVG metadata carry title, source, parameters and the raw data's
    checksum; dates and software versions are left out so reruns give identical bytes.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    description = "; ".join(f"{k}={v}" for k, v in sorted(parameters.items()))
    png = out_dir / f"{name}.png"
    svg = out_dir / f"{name}.svg"
    fig.savefig(png, metadata={"Title": title, "Source": source, "Description": description,
                               "Comment": f"raw data checksum {data_checksum}", "Software": None})
    fig.savefig(svg, metadata={"Title": title, "Source": source, "Description": description,
                               "Identifier": data_checksum, "Date": None, "Creator": None})
    return [png, svg]


def origin_handles(origins: Iterable[str]) -> tuple[list, list[str]]:
    """Legend entries in the fixed origin order, so every figure's legend reads the same way."""
    from matplotlib.patches import Patch

    origins = list(origins)
    return ([Patch(color=ORIGIN_COLOURS[o]) for o in origins], [ORIGIN_LABELS[o] for o in origins])


def stacked_share_area(ax: plt.Axes, shares: pd.DataFrame) -> None:
    """Stacked area of shares (index: dates, columns: origin groups in ORIGIN_COLOURS order)."""
    columns = [c for c in ORIGIN_COLOURS if c in shares.columns]
    ax.stackplot(shares.index, *(shares[c] for c in columns),
                 colors=[ORIGIN_COLOURS[c] for c in columns], labels=[ORIGIN_LABELS[c] for c in columns],
                 linewidth=0)
    ax.set_ylim(0, 1)
    ax.yaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))


def lens_bars(ax: plt.Axes, rows: pd.DataFrame, colour: str) -> None:
    """Horizontal bars, one per row (``label``, ``value`` in percent, ``is_share``), top to bottom.

    Shares are solid; measures that are not shares (adoption: % of businesses) are hatched and
    outlined, so a reader never reads a count of businesses as a slice of the market.
    """
    positions = range(len(rows))
    for y, row in zip(positions, rows.itertuples()):
        solid = bool(row.is_share)
        ax.barh(y, row.value, color=colour if solid else "white", edgecolor=colour,
                hatch=None if solid else "///", linewidth=1.0)
        ax.text(row.value + 0.8, y, f"{row.value:.1f}%", va="center", fontsize=8.5)
    ax.set_yticks(list(positions), rows["label"].tolist())
    ax.invert_yaxis()
    ax.set_xlim(0, float(rows["value"].max()) * 1.15)
    ax.set_axisbelow(True)
    ax.xaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(100))
    ax.grid(axis="y", visible=False)
