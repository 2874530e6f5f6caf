"""Notebook 3's charts: token share against estimated spend share, and free traffic by origin."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from .. import figures
from ..dates import Window
from ..figures import ORIGIN_COLOURS, ORIGIN_LABELS, Chart
from .base import SHORT_RUN_WEEKS, WIDE, _legend_below, _shade_headline


def spend_vs_token_share(
    weekly_spend: pd.DataFrame, weekly_tokens: pd.DataFrame, window: Window, span, promotions: pd.DataFrame, title: str
) -> Chart:
    """Chinese and US share of tokens (dashed) against share of estimated spend (solid, with its band)."""
    spend = weekly_spend.set_index(["week_start", "origin"])
    tokens = weekly_tokens.set_index(["week_start", "origin"])["share"]
    weeks = sorted(weekly_spend["week_start"].unique())
    spans = figures.week_spans(pd.Series(weeks), window).set_index("week_start")
    middle = spans["left"] + pd.to_timedelta(spans["days"] / 2, unit="D")
    short = len(weeks) < SHORT_RUN_WEEKS
    fig, ax = plt.subplots(figsize=WIDE)
    handles, labels = [], []
    for origin in ("CN", "US"):
        colour = ORIGIN_COLOURS[origin]
        share = spend.xs(origin, level="origin").reindex(weeks)
        token = tokens.xs(origin, level="origin").reindex(weeks)
        if short:
            ax.errorbar(
                middle,
                share["spend_share"],
                yerr=[
                    share["spend_share"] - share["spend_share_low"],
                    share["spend_share_high"] - share["spend_share"],
                ],
                fmt="o",
                color=colour,
                capsize=4,
            )
            handles.append(ax.plot(middle, token, "s", color=colour, markerfacecolor="white")[0])
        else:
            ax.fill_between(
                middle, share["spend_share_low"], share["spend_share_high"], color=colour, alpha=0.18, linewidth=0
            )
            handles.append(ax.plot(middle, token, "--", color=colour, linewidth=1.4)[0])
            ax.plot(middle, share["spend_share"], "-", color=colour, linewidth=1.8)
        labels.append(f"{ORIGIN_LABELS[origin]}: share of tokens")
        handles.append(plt.Line2D([], [], color=colour, linewidth=1.8, marker="o" if short else None))
        labels.append(f"{ORIGIN_LABELS[origin]}: share of estimated spend (band: list prices, prompt share, unpriced)")
    notes = _shade_headline(ax, window, span)
    starts = promotions[window.contains(promotions["valid_from"])]["valid_from"].drop_duplicates()
    for day in starts:
        ax.axvline(day, color="#999999", linewidth=0.6, linestyle=":")
    if len(starts):
        notes.append(f"Dotted lines: start of a promotion or introductory price ({len(starts)} inside the run).")
    if spans["partial"].any():
        notes.append("Weeks cut by the run's edges are shares of the days inside the run.")
    ax.set_ylim(0, 1)
    ax.yaxis.set_major_formatter(plt.matplotlib.ticker.PercentFormatter(1.0))
    figures.date_axis(ax, window)
    _legend_below(ax, handles, labels, ncol=2)
    ax.set_title(title, loc="left", wrap=True)
    data = weekly_spend[weekly_spend["origin"].isin(["CN", "US"])].merge(
        weekly_tokens[["week_start", "origin", "share"]].rename(columns={"share": "token_share"}),
        on=["week_start", "origin"],
    )
    return Chart(
        "03_spend_vs_token_share",
        title,
        "Line chart of the weekly share of OpenRouter tokens (dashed) and of estimated spend (solid, with a "
        "shaded band) for Chinese and US models. " + title,
        fig,
        data[
            [
                "week_start",
                "origin",
                "token_share",
                "spend_share",
                "spend_share_low",
                "spend_share_high",
                "est_spend_usd",
            ]
        ],
        sources=["prices: OpenRouter model catalog and cited sources (data/raw/prices)"],
        notes=notes,
    )


def free_share_by_origin(weekly_spend: pd.DataFrame, window: Window, span, title: str) -> Chart:
    """The share of each origin group's weekly tokens that cost nothing."""
    free = weekly_spend.assign(
        free_share=weekly_spend["free_tokens"] / weekly_spend["tokens"].where(weekly_spend["tokens"] > 0)
    )
    wide = free.pivot(index="week_start", columns="origin", values="free_share")
    spans = figures.week_spans(wide.index.to_series(), window).set_index("week_start")
    middle = spans["left"] + pd.to_timedelta(spans["days"] / 2, unit="D")
    short = len(wide) < SHORT_RUN_WEEKS
    fig, ax = plt.subplots(figsize=WIDE)
    origins = ["CN", "US", "EU", "UNDISCLOSED"]
    for origin in origins:
        ax.plot(middle, wide[origin], "o" if short else "-", color=ORIGIN_COLOURS[origin], linewidth=1.6)
    notes = _shade_headline(ax, window, span)
    ax.set_ylim(0, 1.02)
    ax.yaxis.set_major_formatter(plt.matplotlib.ticker.PercentFormatter(1.0))
    figures.date_axis(ax, window)
    _legend_below(
        ax, [plt.Line2D([], [], color=ORIGIN_COLOURS[o]) for o in origins], [ORIGIN_LABELS[o] for o in origins], ncol=4
    )
    ax.set_title(title, loc="left", wrap=True)
    data = free[free["origin"].isin(origins)][["week_start", "origin", "tokens", "free_tokens", "free_share"]]
    return Chart(
        "03_free_share_by_origin",
        title,
        "Line chart of the weekly share of each origin group's OpenRouter tokens that were free (:free variants "
        "and stealth models). " + title,
        fig,
        data,
        notes=notes,
    )
