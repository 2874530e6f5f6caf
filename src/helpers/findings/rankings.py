"""What cleaning the rankings found (notebook 1): validation, reconciliation, the weekly trend, in sentences."""

from __future__ import annotations

import pandas as pd

from ..clean import CleanRankings
from ..dates import Window, day_label, span_label, week_label
from ..findings import Finding, Findings, count, join_names
from ..rankings import missing_days
from ..weekly import share_trend


def findings(data: CleanRankings, window: Window, weekly: pd.DataFrame, quality: pd.DataFrame) -> Findings:
    """What step 1 found, in sentences true for the window."""
    rows = window.cut(data.classified)
    gaps = missing_days(rows, window.start, window.end)
    items = [_reconciled(data, rows, gaps, window)]
    restated = window.cut(data.restated)
    if len(restated):
        items.append(_restated(restated))
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


def _reconciled(data: CleanRankings, rows: pd.DataFrame, gaps, window: Window) -> Finding:
    """How many rows and days the published rankings hold, and what each day was checked against."""
    used = rows.groupby("date")["vintage"].first() if "vintage" in rows else pd.Series(dtype=str)
    by_vintage = data.reconciliation.set_index("vintage")["checked_against"]
    collector = used.map(by_vintage).eq("the collector's daily totals")
    text = f"OpenRouter's published rankings for {window.label()} hold {len(rows):,} rows over {count(rows['date'].nunique(), 'day')}"
    if collector.all() and len(collector):
        text += "; every day's rows add up, to the token, to the totals recorded by the collector that archived them."
    elif collector.any():
        rest = used.index[~collector.to_numpy()]
        text += (
            f"; the rows of {count(int(collector.sum()), 'day')} add up, to the token, to the totals recorded by the "
            f"collector that archived them, and the {count(len(rest), 'day')} taken from a second archive "
            f"({span_label(rest.min(), rest.max())}) pass the same checks on their own rows."
        )
    else:
        text += "; every day passed the checks on its own rows."
    return Finding(
        text + (f" {count(len(gaps), 'day')} missing." if len(gaps) else " No day is missing."), key="reconciled"
    )


def _restated(restated: pd.DataFrame) -> Finding:
    """The days a second archive published again, and by how much (day totals and single models)."""
    worst = restated.loc[restated["change_pct"].abs().idxmax()]
    model = restated.loc[restated["largest_model_change_pct"].abs().idxmax()]
    listed = restated["date"].sort_values()
    days = join_names([day_label(d) for d in listed]) if len(listed) <= 4 else span_label(listed.min(), listed.max())
    return Finding(
        f"{count(len(restated), 'day').capitalize()} of these dates ({days}) "
        f"{'was' if len(restated) == 1 else 'were'} published again by OpenRouter with slightly different numbers "
        f"(a later copy of the rankings holds them), and the later publication is used: the largest change to a "
        f"day's total is {worst['change_pct']:+.3f}% ({day_label(worst['date'])}), and to one model's day "
        f"{model['largest_model_change_pct']:+.3f}% ({day_label(model['date'])}); notebook 1 lists every day.",
        key="restated",
    )


def _share_trend(weekly: pd.DataFrame, window: Window) -> Finding:
    """Chinese and US shares of all tokens in the first and last complete weeks (or over the days,
    when the dates hold no complete week): :func:`helpers.weekly.share_trend`, as the title uses it."""
    trend = share_trend(weekly, window)
    if trend.index.isna().all():
        at = trend.iloc[0]
        return Finding(
            f"Over {window.label()} (no complete Monday-to-Sunday week), models from Chinese labs had "
            f"{at['CN']:.1%} of all OpenRouter tokens and models from US labs {at['US']:.1%}.",
            figure="01_weekly_tokens_by_origin",
            key="share_trend",
        )
    first, last = trend.index[0], trend.index[-1]
    text = (
        f"In {week_label(first)}, models from Chinese labs had {trend.loc[first, 'CN']:.1%} of all OpenRouter tokens "
        f"and US labs {trend.loc[first, 'US']:.1%}"
    )
    if last != first:
        text += f"; in {week_label(last)}, {trend.loc[last, 'CN']:.1%} and {trend.loc[last, 'US']:.1%}"
    return Finding(text + ".", figure="01_weekly_tokens_by_origin", key="share_trend")


def _percent_range(shares: pd.Series) -> str:
    """``between 6% and 9%``, or ``6%`` when the weeks agree to the point (one week, or steady ones)."""
    low, high = f"{shares.min():.0%}", f"{shares.max():.0%}"
    return low if low == high else f"between {low} and {high}"
