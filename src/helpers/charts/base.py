"""What every chart shares: legends below the axes, the headline's weeks shaded, weekly stacked bars."""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import pandas as pd

from .. import figures
from ..dates import Window, span_label
from ..figures import ORIGIN_COLOURS

PARTIAL_NOTE = "Hatched, lighter bars: weeks cut by the first or last day of the dates (partial weeks)."
PARTIAL_POINT_NOTE = (
    "Open circles, not joined to the lines: weeks cut by the first or last day of the dates (partial weeks), "
    "shares of the days inside them."
)


WIDE = (10, 5.4)


def _legend_below(ax: plt.Axes, handles, labels, ncol: int = 3) -> None:
    """A legend under the axes, never on the data."""
    ax.legend(handles, labels, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=ncol, frameon=False)


def _shade_headline(
    ax: plt.Axes, window: Window, span: tuple[pd.Timestamp, pd.Timestamp] | None, outline: bool = False
) -> list[str]:
    """Mark the headline's six weeks where they fall in the dates (a band, or a dashed box over
    areas that fill the axes); return the note saying so."""
    if span is None or not figures.mark_span(ax, window, span[0], span[1], "the headline's six weeks", outline):
        return []
    mark = "Dashed box" if outline else "Yellow band"
    return [f"{mark}: the six weeks the June 2026 headline counted ({span_label(*span)})."]


def _stacked_week_bars(ax: plt.Axes, wide: pd.DataFrame, spans: pd.DataFrame) -> None:
    """Weekly bars stacked by origin group, each as wide as its days in the run; partial weeks
    hatched and lighter."""
    bottom = pd.Series(0.0, index=wide.index)
    for origin, colour in ORIGIN_COLOURS.items():
        for partial, part in spans.groupby("partial"):
            figures.bars(
                ax,
                part["left"],
                wide.loc[part.index, origin],
                part["days"],
                bottom.loc[part.index],
                colors=colour,
                alpha=0.45 if partial else 1.0,
                hatch="///" if partial else None,
                edgecolor="white",
                linewidth=0.3,
            )
        bottom += wide[origin]


COMPLETE_ONLY_NOTE = "Only complete Monday-to-Sunday weeks inside the dates are shown."


SHORT_RUN_WEEKS = 4  # fewer complete weeks than this: points and bars, never two-point lines


def _no_weeks(name: str, window: Window) -> figures.Chart | None:
    """A chart builder's `return _no_weeks(...)`: says why it is not drawn, returns None."""
    print(f"{name}: not drawn, because {window.label()} holds no complete Monday-to-Sunday week.")
    return None


def draw_range(ax, row: pd.Series, y: float) -> None:
    """A horizontal error bar from ``value_low`` to ``value_high`` around ``value`` (when the range
    is at least half a point wide: narrower ones would only blur the bar's end)."""
    if row["value_high"] - row["value_low"] >= 0.5:
        ax.errorbar(
            row["value"],
            y,
            xerr=[[row["value"] - row["value_low"]], [row["value_high"] - row["value"]]],
            fmt="none",
            ecolor="#333333",
            capsize=4,
            linewidth=1,
        )


TITLE_CHARACTERS = 88  # a title line's length at the figures' width and title size


def set_suptitle(fig: plt.Figure, title: str, y: float = 0.995) -> None:
    """A multi-panel figure's title, wrapped to the figure's width (about 9.5 characters per inch
    at 11-point bold), so it never runs past the panels and widens the saved image, with the
    panels moved down under however many lines it takes (call it after any other spacing)."""
    wrapped = textwrap.fill(title, int(fig.get_figwidth() * 9.5))
    fig.suptitle(wrapped, x=0.01, y=y, ha="left", fontsize=11, fontweight="bold")
    fig.subplots_adjust(top=y - (0.5 + 0.22 * wrapped.count("\n")) / fig.get_figheight())


def set_title(ax: plt.Axes, title: str, width: int = TITLE_CHARACTERS) -> None:
    """A title wrapped into whole lines of at most ``width`` characters, left-aligned over the axes
    (matplotlib's own wrapping measures from the figure's edge and cuts titles that start further in)."""
    ax.set_title(textwrap.fill(title, width), loc="left")
