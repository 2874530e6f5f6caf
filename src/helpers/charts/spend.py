"""Notebook 3's charts: token share against estimated spend share, and free traffic by origin."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from .. import figures
from ..dates import Window, span_label
from ..figures import ORIGIN_COLOURS, ORIGIN_LABELS, Chart
from ..spend.against_bill import PLOTTED_COLUMNS
from .base import PARTIAL_POINT_NOTE, SHORT_RUN_WEEKS, WIDE, _legend_below, _shade_headline, set_title


def spend_vs_token_share(
    weekly_spend: pd.DataFrame, weekly_tokens: pd.DataFrame, window: Window, span, promotions: pd.DataFrame, title: str
) -> Chart:
    """Chinese and US share of the daily top 50's tokens (dashed; ``weekly_tokens`` from
    :func:`helpers.spend.weekly_token_shares`) against their share of its estimated spend (solid,
    with its band): both of the same models."""
    spend = weekly_spend.set_index(["week_start", "origin"])
    tokens = weekly_tokens.set_index(["week_start", "origin"])["share"]
    weeks = sorted(weekly_spend["week_start"].unique())
    spans = figures.week_spans(pd.Series(weeks), window).set_index("week_start")
    middle = spans["left"] + pd.to_timedelta(spans["days"] / 2, unit="D")
    short = len(weeks) < SHORT_RUN_WEEKS
    partial = spans["partial"].to_numpy()
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
                fmt="none",
                ecolor=colour,
                capsize=4,
            )
            ax.plot(middle[~partial], share["spend_share"][~partial], "o", color=colour)
            handles.append(ax.plot(middle, token, "s", color=colour, markerfacecolor="white")[0])
        else:
            whole = share.copy()
            whole.loc[partial, :] = float("nan")  # lines join complete weeks only
            ax.fill_between(
                middle, whole["spend_share_low"], whole["spend_share_high"], color=colour, alpha=0.18, linewidth=0
            )
            handles.append(ax.plot(middle, token.where(~partial), "--", color=colour, linewidth=1.4)[0])
            ax.plot(middle, whole["spend_share"], "-", color=colour, linewidth=1.8)
        ax.plot(middle[partial], share["spend_share"][partial], "o", color=colour, markerfacecolor="white")
        labels.append(f"{ORIGIN_LABELS[origin]}: share of tokens")
        handles.append(plt.Line2D([], [], color=colour, linewidth=1.8, marker="o" if short else None))
        labels.append(f"{ORIGIN_LABELS[origin]}: share of estimated spend (band: list prices, prompt share, unpriced)")
    notes = _shade_headline(ax, window, span)
    starts = promotions[window.contains(promotions["valid_from"])]["valid_from"].drop_duplicates()
    for day in starts:
        ax.axvline(day, color="#999999", linewidth=0.6, linestyle=":")
    if len(starts):
        notes.append(f"Dotted lines: start of a promotion or introductory price ({len(starts)} inside the dates).")
    if partial.any():
        notes.append(PARTIAL_POINT_NOTE)
    ax.set_ylim(0, 1)
    ax.yaxis.set_major_formatter(plt.matplotlib.ticker.PercentFormatter(1.0))
    figures.date_axis(ax, window)
    _legend_below(ax, handles, labels, ncol=2)
    set_title(ax, title)
    data = weekly_spend[weekly_spend["origin"].isin(["CN", "US"])].merge(
        weekly_tokens[["week_start", "origin", "share"]].rename(columns={"share": "token_share"}),
        on=["week_start", "origin"],
    )
    return Chart(
        "03_spend_vs_token_share",
        title,
        "Line chart of the weekly share of the tokens of OpenRouter's daily top 50 (dashed) and of their "
        "estimated spend (solid, with a shaded band) for Chinese and US models. " + title,
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
    partial = spans["partial"].to_numpy()
    for origin in origins:
        colour = ORIGIN_COLOURS[origin]
        ax.plot(middle, wide[origin].where(~partial), "o" if short else "-", color=colour, linewidth=1.6)
        ax.plot(middle[partial], wide[origin][partial], "o", color=colour, markerfacecolor="white")
    notes = _shade_headline(ax, window, span) + ([PARTIAL_POINT_NOTE] if partial.any() else [])
    ax.set_ylim(0, 1.02)
    ax.yaxis.set_major_formatter(plt.matplotlib.ticker.PercentFormatter(1.0))
    figures.date_axis(ax, window)
    _legend_below(
        ax, [plt.Line2D([], [], color=ORIGIN_COLOURS[o]) for o in origins], [ORIGIN_LABELS[o] for o in origins], ncol=4
    )
    set_title(ax, title)
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


BILL_ROWS = [  # (universe, origin, label) in drawing order, top to bottom
    ("all token models", "all", "All models billed by the token"),
    ("daily top 50", "CN", "Chinese models in the daily top 50"),
    ("daily top 50", "US", "US models in the daily top 50"),
    ("daily top 50", "other origins", "Other models in the daily top 50"),
    ("outside the top 50", "all", "Models outside the daily top 50"),
]
BILLED_COLOUR = "#4D4D4D"
ESTIMATE_COLOUR = "#0072B2"
OLD_COLOUR = "#E69F00"


def spend_against_bill(check, window: Window) -> Chart | None:
    """For the billed week the findings quote: what OpenRouter billed (bars) against the calibrated
    estimate (dots with their band), with the list-price estimate made before the check."""
    if check.main is None:
        print(f"03_spend_against_bill: not drawn, because none of the billed weeks falls in {window.label()}.")
        return None
    start, end = check.main
    week = check.comparison[check.comparison["window_start"] == start].set_index(["universe", "origin"])
    rows = [r for r in BILL_ROWS if (r[0], r[1]) in week.index]
    table = week.loc[[(u, o) for u, o, _ in rows]]
    y = list(range(len(rows)))[::-1]
    fig, ax = plt.subplots(figsize=(9, 4.6))
    ax.barh(y, table["billed_usd"] / 1e6, color=BILLED_COLOUR, alpha=0.35, height=0.6, label="billed by OpenRouter")
    ax.hlines(y, table["est_measured_high_usd"] / 1e6, table["est_list_price_usd"] / 1e6, color=ESTIMATE_COLOUR,
              linestyles=":", linewidth=1.0, label="the same tokens at full list prices (no caching, no discount)")  # fmt: skip
    ax.plot(table["est_list_price_usd"] / 1e6, y, "|", color=ESTIMATE_COLOUR, markersize=9)
    ax.errorbar(
        table["est_spend_usd"] / 1e6,
        y,
        xerr=[
            (table["est_spend_usd"] - table["est_low_usd"]) / 1e6,
            (table["est_measured_high_usd"] - table["est_spend_usd"]) / 1e6,
        ],
        fmt="o",
        color=ESTIMATE_COLOUR,
        capsize=4,
        linewidth=2.2,
        label="this project's estimate, with the band the bill's measured spread gives",
    )
    old = check.steps.iloc[0]["est_spend_usd"] / 1e6
    ax.axvline(old, color=OLD_COLOUR, linestyle="--", linewidth=1.2)
    ax.text(old, len(rows) - 0.45, f" top 50 at list value, as\n estimated before: ${old:.0f}M", color=OLD_COLOUR,
            fontsize=8, va="top")  # fmt: skip
    ax.set_yticks(y)
    ax.set_yticklabels([label for _, _, label in rows])
    ax.set_xlabel("US dollars over the week (millions)")
    ax.set_xlim(0, max(old, table["est_list_price_usd"].max() / 1e6) * 1.08)
    total = week.loc[("all token models", "all")]
    cn = week.loc[("daily top 50", "CN")]
    title = (
        f"OpenRouter billed ${total['billed_usd'] / 1e6:.1f}M for {span_label(start, end)}; the calibrated estimate "
        f"is ${total['est_spend_usd'] / 1e6:.1f}M, with Chinese models at {cn['est_share_pct']:.0f}% of the top 50's "
        f"dollars against {cn['billed_share_pct']:.0f}% billed"
    )
    set_title(ax, title)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=1, frameon=False)
    data = table.reset_index()
    return Chart(
        "03_spend_against_bill",
        title,
        "Horizontal bar chart of the US dollars OpenRouter billed in one week, for all token models, Chinese, US "
        "and other models in the daily top 50, and models outside it, with this project's estimate as a dot and its "
        "band as a line on each bar, and the list-price estimate made before the check as a dashed line. " + title,
        fig,
        data[PLOTTED_COLUMNS],
        sources=["OpenRouter billed usage (rankings pages), as archived by pickmiu/llm-market-data"],
        notes=["Billed: token models only (video, speech and rerank models billed per request are left out)."],
        source_urls=["https://github.com/pickmiu/llm-market-data"],
        dates=(start, end),
    )
