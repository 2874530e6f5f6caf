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


# One marker per non-OpenRouter lens, so a lens reads the same in every panel.
LENS_MARKERS = {"ramp_adoption": "o", "ramp_token_spend": "s", "ramp_token_volume": "D", "menlo_api_spend": "^",
                "menlo_api_usage": "v", "a16z_cio_wallet": "P", "vercel_gateway_spend": "X",
                "openrouter_spend_third_party": "*", "ramp_api_spend_two_way": "<"}
OPENROUTER_LINES = {"openrouter_tokens": ("--", "OpenRouter tokens (monthly, lab colour)"),
                    "openrouter_spend": ("-", "OpenRouter est. spend (monthly, lab colour)")}


def lens_timeline(fig: plt.Figure, axes, labs: list[str], monthly: pd.DataFrame, points: pd.DataFrame) -> None:
    """One panel per lab: OpenRouter's monthly token and spend shares as lines in the lab's colour,
    every other lens's figure as a grey marker spanning the period it covers (hollow when it is not a
    share), and one legend under the panels.

    ``monthly``: month, vendor_group, lens, value; ``points``: vendor_group, lens, label, is_share,
    period_start, period_end, value. One panel (of ``axes``) per lab in ``labs``.
    """
    for ax, lab in zip(axes, labs):
        colour = VENDOR_COLOURS[lab]
        series = monthly[monthly["vendor_group"] == lab].pivot(index="month", columns="lens", values="value")
        for lens, (style, label) in OPENROUTER_LINES.items():
            ax.plot(series.index + pd.Timedelta(days=14), series[lens], style, color=colour, label=label)
        for lens, group in points[points["vendor_group"] == lab].groupby("lens"):
            centre = group["period_start"] + (group["period_end"] - group["period_start"]) / 2
            ax.hlines(group["value"], group["period_start"], group["period_end"], color="#444444", linewidth=1.2)
            ax.scatter(centre, group["value"], marker=LENS_MARKERS[lens], s=42, zorder=3, edgecolor="#444444",
                       facecolor="#444444" if group["is_share"].iat[0] else "white", label=group["label"].iat[0])
        ax.set_title(lab)
        ax.set_ylim(0, 100)
        ax.yaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(100))
        ax.set_xlabel("period (markers span the period each figure covers)")
        ax.xaxis.set_major_locator(matplotlib.dates.MonthLocator(bymonth=(1, 7)))
        ax.xaxis.set_major_formatter(matplotlib.dates.DateFormatter("%Y-%m"))
    handles = {label: handle for ax in axes for handle, label in zip(*ax.get_legend_handles_labels())}
    for style, label in OPENROUTER_LINES.values():  # the lines' legend entries in neutral grey
        handles[label] = matplotlib.lines.Line2D([], [], color="#444444", linestyle=style)
    fig.legend(handles.values(), handles.keys(), loc="upper center", ncol=4, bbox_to_anchor=(0.5, 0.0), fontsize=8)
