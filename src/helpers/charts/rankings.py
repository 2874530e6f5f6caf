"""Notebook 1's chart: OpenRouter's weekly tokens by the origin of each model's maker."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.patches import Patch

from .. import figures
from ..dates import Window, span_label, week_span
from ..figures import ORIGIN_COLOURS, ORIGIN_LABELS, Chart
from ..weekly import share_trend
from .base import PARTIAL_NOTE, WIDE, _legend_below, _shade_headline, _stacked_week_bars, set_title


def weekly_tokens_by_origin(
    weekly: pd.DataFrame, window: Window, headline_span: tuple[pd.Timestamp, pd.Timestamp] | None
) -> Chart:
    """Stacked weekly bars of all tokens by origin group (trillions), partial weeks marked."""
    wide = (
        weekly.pivot(index="week_start", columns="origin", values="tokens").reindex(
            columns=list(ORIGIN_COLOURS), fill_value=0
        )
        / 1e12
    )
    spans = figures.week_spans(wide.index.to_series(), window).set_index("week_start")
    fig, ax = plt.subplots(figsize=WIDE)
    _stacked_week_bars(ax, wide, spans)
    notes = _shade_headline(ax, window, headline_span)
    if spans["partial"].any():
        notes.append(PARTIAL_NOTE)
    figures.date_axis(ax, window)
    ax.set_ylabel("tokens per week (trillions)")
    _legend_below(ax, [Patch(color=c) for c in ORIGIN_COLOURS.values()], list(ORIGIN_LABELS.values()))
    title = _share_title(weekly, window)
    set_title(ax, title)
    data = weekly.assign(
        days_in_window=weekly["week_start"].map(spans["days"]).astype(int), tokens_trillions=weekly["tokens"] / 1e12
    )
    return Chart(
        "01_weekly_tokens_by_origin",
        title,
        "Stacked bar chart of OpenRouter's weekly tokens by the origin of each model's maker: China, United "
        "States, European Union, rest of world, undisclosed (stealth) and the long tail. " + title,
        fig,
        data[["week_start", "days_in_window", "origin", "tokens", "tokens_trillions", "share"]],
        notes=notes,
    )


def _share_title(weekly: pd.DataFrame, window: Window) -> str:
    """The weekly-tokens chart's title: how the Chinese and US shares moved across the dates
    (:func:`helpers.weekly.share_trend`, the statistic the findings quote)."""
    trend = share_trend(weekly, window)
    if trend.index.isna().all():
        at = trend.iloc[0]
        return (
            f"Over {window.label()}, Chinese models had {at['CN']:.0%} of OpenRouter's tokens, US models {at['US']:.0%}"
        )
    first, last = trend.index[0], trend.index[-1]
    if first == last:
        return (
            f"In the week of {week_span(first)}, Chinese models had "
            f"{trend.loc[first, 'CN']:.0%} of OpenRouter's tokens and US models {trend.loc[first, 'US']:.0%}"
        )
    return (
        f"Chinese models went from {trend.loc[first, 'CN']:.0%} to {trend.loc[last, 'CN']:.0%} of OpenRouter's "
        f"weekly tokens, US models from {trend.loc[first, 'US']:.0%} to {trend.loc[last, 'US']:.0%} "
        f"({span_label(first, last + pd.Timedelta(days=6))})"
    )
