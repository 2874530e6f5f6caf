"""Notebook 2's charts: China against the US week by week, streaks by definition, shares, the top models."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.patches import Patch

from .. import figures
from ..dates import Window, week_span
from ..figures import ORIGIN_COLOURS, ORIGIN_LABELS, Chart
from ..headline.definitions import definition_label
from .base import (
    COMPLETE_ONLY_NOTE,
    PARTIAL_NOTE,
    SHORT_RUN_WEEKS,
    WIDE,
    _legend_below,
    _no_weeks,
    _shade_headline,
    _stacked_week_bars,
    set_title,
)


def cn_vs_us_weekly(audit, span) -> Chart | None:
    """China and the US per complete week: the headline's count (solid) and all traffic (dashed)."""

    weeks, window = audit.run_weeks, audit.window
    if len(weeks) == 0:
        return _no_weeks("02_cn_vs_us_weekly", window)
    names = list(dict.fromkeys([n for n in [audit.headline, "all_traffic"] if n]))
    rows = audit.in_run()
    rows = rows[rows["definition"].isin(names)].sort_values("week_start")
    fig, ax = plt.subplots(figsize=WIDE)
    short = len(weeks) < SHORT_RUN_WEEKS
    handles, labels = [], []
    for name, style in zip(names, ["-", "--"]):
        part = rows[rows["definition"] == name].set_index("week_start")
        middle = part.index + pd.Timedelta(days=3.5)
        for column, origin in (("cn_tokens", "CN"), ("us_tokens", "US")):
            values = part[column] / 1e12
            if short:
                line = ax.plot(
                    middle,
                    values,
                    "o" if style == "-" else "s",
                    color=ORIGIN_COLOURS[origin],
                    markersize=8,
                    markerfacecolor=ORIGIN_COLOURS[origin] if style == "-" else "white",
                )[0]
            else:
                line = ax.plot(middle, values, style, color=ORIGIN_COLOURS[origin], linewidth=1.8)[0]
            handles.append(line)
            labels.append(f"{ORIGIN_LABELS[origin]}, {definition_label(name)}")
    notes = _shade_headline(ax, window, span)
    if len(window.weeks()) > len(weeks):
        notes.append(COMPLETE_ONLY_NOTE)
    figures.date_axis(ax, window)
    ax.set_ylabel("tokens per week (trillions)")
    ax.set_ylim(bottom=0)
    _legend_below(ax, handles, labels, ncol=2)
    led = {n: int(rows[(rows["definition"] == n)]["cn_leads"].sum()) for n in names}
    title = (
        f"Chinese models out-used US models on OpenRouter in {led['all_traffic']} of the {len(weeks)} complete "
        f"weeks counting all traffic"
        + (
            f", and in {led[audit.headline]} counting {definition_label(audit.headline)}"
            if audit.headline and audit.headline != "all_traffic"
            else ""
        )
    )
    set_title(ax, title)
    data = rows.assign(count=rows["definition"].map(definition_label))[
        ["week_start", "definition", "count", "cn_tokens", "us_tokens", "total_tokens", "cn_leads", "streak_weeks"]
    ]
    return Chart(
        "02_cn_vs_us_weekly",
        title,
        "Line chart of weekly tokens of Chinese and US models on OpenRouter, under the headline's count and "
        "under all traffic. " + title,
        fig,
        data,
        notes=notes,
    )


def streak_grid(audit, span, names: list[str]) -> Chart | None:
    """A week-by-count grid: which side led each complete week under each count."""

    weeks, window = audit.run_weeks, audit.window
    if len(weeks) == 0:
        return _no_weeks("02_streaks_by_definition", window)
    rows = audit.in_run()
    rows = rows[rows["definition"].isin(names)]
    fig, ax = plt.subplots(figsize=(10, 0.42 * len(names) + 2.2))
    for position, name in enumerate(names):
        part = rows[rows["definition"] == name]
        colours = part["cn_leads"].map({True: ORIGIN_COLOURS["CN"], False: ORIGIN_COLOURS["US"]})
        figures.bars(ax, part["week_start"], 0.8, 6.6, position - 0.4, colors=colours.tolist())
    ax.set_yticks(range(len(names)), [definition_label(n) for n in names])
    ax.invert_yaxis()
    ax.grid(False)
    notes = _shade_headline(ax, window, span)
    figures.date_axis(ax, window)
    reference = audit.claim_week if audit.claim_week in weeks else weeks.max()
    at = rows[rows["week_start"] == reference]
    title = (
        f"Who leads depends on what is counted: in the week of {week_span(reference)}, "
        f"China led the US under {int(at['cn_leads'].sum())} of the {len(names)} counts shown"
    )
    set_title(ax, title)
    _legend_below(
        ax,
        [Patch(color=ORIGIN_COLOURS["CN"]), Patch(color=ORIGIN_COLOURS["US"])],
        ["China led that week", "the United States led (or tied)"],
        ncol=2,
    )
    data = rows.assign(count=rows["definition"].map(definition_label))[
        ["week_start", "definition", "count", "cn_tokens", "us_tokens", "cn_leads", "streak_weeks"]
    ]
    return Chart(
        "02_streaks_by_definition",
        title,
        "Grid of weeks by counting rule, each cell coloured by whether Chinese or US models had more tokens "
        "that week. " + title,
        fig,
        data,
        notes=notes,
    )


def origin_shares(weekly: pd.DataFrame, window: Window, span) -> Chart:
    """Each origin group's share of all tokens per week (areas; bars for short runs), partial weeks marked."""
    shares = weekly.pivot(index="week_start", columns="origin", values="share").reindex(
        columns=list(ORIGIN_COLOURS), fill_value=0
    )
    spans = figures.week_spans(shares.index.to_series(), window).set_index("week_start")
    fig, ax = plt.subplots(figsize=WIDE)
    complete = spans.index[~spans["partial"]]
    notes = []
    if len(shares) < SHORT_RUN_WEEKS:
        _stacked_week_bars(ax, shares, spans)
        if spans["partial"].any():
            notes.append(PARTIAL_NOTE)
    else:  # areas join complete weeks only; a partial week at either end is left out, and said so
        whole = shares.loc[complete]
        middle = (spans["left"] + pd.to_timedelta(spans["days"] / 2, unit="D")).loc[complete]
        ax.stackplot(middle, *(whole[o] for o in ORIGIN_COLOURS), colors=list(ORIGIN_COLOURS.values()), linewidth=0)
        if len(complete) < len(shares):
            notes.append("Weeks cut by the first or last day of the dates (partial weeks) are left out.")
    notes = _shade_headline(ax, window, span, outline=True) + notes
    ax.set_ylim(0, 1)
    ax.yaxis.set_major_formatter(plt.matplotlib.ticker.PercentFormatter(1.0))
    figures.date_axis(ax, window)
    _legend_below(ax, [Patch(color=c) for c in ORIGIN_COLOURS.values()], list(ORIGIN_LABELS.values()))
    if len(complete):
        last = complete.max()
        at, when = shares.loc[last], f"in the last complete week ({week_span(last)})"
    else:
        totals = weekly.groupby("origin")["tokens"].sum().reindex(list(ORIGIN_COLOURS), fill_value=0)
        at, when = totals / totals.sum(), f"over {window.label()}"
    title = (
        f"Share of all OpenRouter tokens by the maker's origin {when}: China {at['CN']:.0%}, US {at['US']:.0%}, "
        f"stealth {at['UNDISCLOSED']:.0%}, long tail {at['LONG_TAIL']:.0%}"
    )
    set_title(ax, title)
    data = weekly.assign(days_in_window=weekly["week_start"].map(spans["days"]).astype(int))[
        ["week_start", "days_in_window", "origin", "tokens", "share"]
    ]
    return Chart(
        "02_origin_shares_stacked",
        title,
        "Stacked area chart of each origin group's share of OpenRouter's weekly tokens, stealth models and the "
        "long tail included. " + title,
        fig,
        data,
        notes=notes,
    )


def top_models_weekly(ranks: pd.DataFrame, totals: pd.Series, audit, span, n: int = 9) -> Chart | None:
    """OpenRouter's weekly top-models view: each week's ``n`` largest models stacked, coloured by the
    maker's origin, with every other token in grey on top."""
    weeks, window = audit.run_weeks, audit.window
    if len(weeks) == 0:
        return _no_weeks("02_top9_models_weekly", window)
    top = ranks[ranks["week_start"].isin(weeks) & (ranks["rank"] <= n)].sort_values(["week_start", "rank"])
    fig, ax = plt.subplots(figsize=WIDE)
    bottom = pd.Series(0.0, index=weeks)
    for rank in range(1, n + 1):
        part = top[top["rank"] == rank].set_index("week_start")
        heights = (part["tokens"] / 1e12).reindex(weeks, fill_value=0)
        colours = part["origin"].map(ORIGIN_COLOURS).reindex(weeks, fill_value="#ffffff")
        figures.bars(ax, weeks, heights, 6.4, bottom, colors=colours.tolist(), edgecolor="white", linewidth=0.4)
        bottom += heights
    rest = (totals.reindex(weeks) / 1e12) - bottom
    figures.bars(ax, weeks, rest, 6.4, bottom, colors="#E8E8E8", edgecolor="white", linewidth=0.4)
    notes = _shade_headline(ax, window, span)
    figures.date_axis(ax, window)
    ax.set_ylabel("tokens per week (trillions)")
    origins = [o for o in ORIGIN_COLOURS if o in set(top["origin"])]
    _legend_below(
        ax,
        [Patch(color=ORIGIN_COLOURS[o]) for o in origins] + [Patch(color="#E8E8E8")],
        [
            f"model from {ORIGIN_LABELS[o]}" if o not in ("UNDISCLOSED", "LONG_TAIL") else ORIGIN_LABELS[o]
            for o in origins
        ]
        + ["all other tokens ('Others')"],
    )
    reference = audit.claim_week if audit.claim_week in weeks else weeks.max()
    places = int((top[top["week_start"] == reference]["origin"] == "CN").sum())
    title = (
        f"The {n} largest models each week, coloured by the maker's origin: Chinese models held {places} of the "
        f"{n} places in the week of {week_span(reference)}"
    )
    set_title(ax, title)
    data = top.assign(tokens_trillions=top["tokens"] / 1e12)[
        ["week_start", "rank", "model_permaslug", "origin", "tokens", "tokens_trillions"]
    ]
    return Chart(
        "02_top9_models_weekly",
        title,
        f"Stacked bar chart of the {n} models with the most OpenRouter tokens each week, each segment coloured "
        "by the origin of the model's maker, with all other tokens in grey. " + title,
        fig,
        data,
        notes=notes,
    )
