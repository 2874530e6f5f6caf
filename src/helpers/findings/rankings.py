"""What cleaning the rankings found (notebook 1): validation, reconciliation, the weekly trend, in sentences."""

from __future__ import annotations

import pandas as pd

from ..clean import CleanRankings
from ..dates import Window, day_label, week_label
from ..findings import Finding, Findings, count
from ..rankings import (
    missing_days,
)


def findings(data: CleanRankings, window: Window, weekly: pd.DataFrame, quality: pd.DataFrame) -> Findings:
    """What step 1 found, in sentences true for the window."""
    rows = window.cut(data.classified)
    gaps = missing_days(rows, window.start, window.end)
    items = [
        Finding(
            f"OpenRouter's published rankings for {window.label()} hold {len(rows):,} rows over {count(rows['date'].nunique(), 'day')}; "
            + (
                "every day's rows add up, to the token, to the totals recorded by the collector that archived them."
                if (data.reconciliation["checked_against"] == "the collector's daily totals").any()
                else "every vintage passed its own checks."
            )
            + (f" {len(gaps)} days are missing." if len(gaps) else " No day is missing."),
            key="reconciled",
        )
    ]
    restated = window.cut(data.restated)
    if len(restated):
        worst = restated.loc[restated["change_pct"].abs().idxmax()]
        days = ", ".join(day_label(d) for d in restated["date"].head(6)) + (" and more" if len(restated) > 6 else "")
        items.append(
            Finding(
                f"{count(len(restated), 'day')} in the window {'was' if len(restated) == 1 else 'were'} published again by "
                f"OpenRouter with different numbers ({days}); the latest publication is used. The largest change is "
                f"{worst['change_pct']:+.2f}% of the day's tokens ({day_label(worst['date'])}).",
                key="restated",
            )
        )
    items.append(_share_trend(weekly, window))
    shares = quality.loc[~quality["partial_week"], ["undisclosed_share", "long_tail_share"]]
    if len(shares):
        items.append(
            Finding(
                f"Models whose maker is undisclosed (stealth models) took {_percent_range(shares['undisclosed_share'])} of a "
                f"week's tokens, and the long tail (models outside each day's top 50) "
                f"{_percent_range(shares['long_tail_share'])}: neither is Chinese or American in any count here.",
                figure="01_weekly_tokens_by_origin",
                key="stealth_long_tail",
            )
        )
    return Findings("01_clean_rankings", items)


def _share_trend(weekly: pd.DataFrame, window: Window) -> Finding:
    """Chinese and US shares of all tokens in the window's first and last complete weeks (or over
    its days, when it holds no complete week)."""
    complete = weekly[weekly["days"] == 7]
    share = weekly.pivot(index="week_start", columns="origin", values="tokens")
    if complete.empty:
        totals = share.sum()
        return Finding(
            f"Over {window.label()} (no complete Monday-to-Sunday week), models from Chinese labs had "
            f"{totals['CN'] / totals.sum():.1%} of all OpenRouter tokens and models from US labs "
            f"{totals['US'] / totals.sum():.1%}.",
            figure="01_weekly_tokens_by_origin",
            key="share_trend",
        )
    first, last = complete["week_start"].min(), complete["week_start"].max()
    shares = share.div(share.sum(axis=1), axis=0)
    text = (
        f"In {week_label(first)}, models from Chinese labs had {shares.loc[first, 'CN']:.1%} of all OpenRouter tokens and "
        f"US labs {shares.loc[first, 'US']:.1%}"
    )
    if last != first:
        text += f"; in {week_label(last)}, {shares.loc[last, 'CN']:.1%} and {shares.loc[last, 'US']:.1%}"
    return Finding(text + ".", figure="01_weekly_tokens_by_origin", key="share_trend")


def _percent_range(shares: pd.Series) -> str:
    """``between 6% and 9%``, or ``6%`` when the weeks agree to the point (one week, or steady ones)."""
    low, high = f"{shares.min():.0%}", f"{shares.max():.0%}"
    return low if low == high else f"between {low} and {high}"
