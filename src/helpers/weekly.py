"""Weekly token totals by origin group, and data quality by week.

Weeks start on Monday because the headline under audit and OpenRouter's own weekly charts do.
A week cut by the window's edges (or missing days) is kept but flagged, so a partial week is
never mistaken for a full one.
"""

from __future__ import annotations

import pandas as pd

from .dates import Window, week_start
from .registry import ORIGIN_GROUPS


def days_observed(rows: pd.DataFrame) -> pd.Series:
    """Distinct days with rows, per week."""
    return rows.groupby(week_start(rows["date"]))["date"].nunique().rename("observed_days")


def weekly_origin_tokens(rows: pd.DataFrame, origin_column: str = "origin") -> pd.DataFrame:
    """Tokens and share of all tokens per week and origin group (every group listed, 0 if absent).

    The share's denominator is the week's whole volume, the long tail included, so the groups'
    shares sum to exactly 1 each week. ``observed_days`` counts the days observed that week.
    """
    weeks = week_start(rows["date"]).rename("week_start")
    tokens = (
        rows.groupby([weeks, rows[origin_column].rename("origin")])["tokens"]
        .sum()
        .unstack(fill_value=0)
        .reindex(columns=ORIGIN_GROUPS, fill_value=0)
    )
    share = tokens.div(tokens.sum(axis=1), axis=0)
    table = tokens.stack().rename("tokens").to_frame().join(share.stack().rename("share")).reset_index()
    table = table.merge(days_observed(rows).rename_axis("week_start").reset_index(), on="week_start")
    table["origin"] = pd.Categorical(table["origin"], categories=ORIGIN_GROUPS, ordered=True)
    return table.sort_values(["week_start", "origin"]).reset_index(drop=True)


def share_trend(weekly: pd.DataFrame, window: Window) -> pd.DataFrame:
    """Each origin group's share of all tokens at the two ends of the dates, the one statistic the
    findings and the chart title quote: the first and last complete weeks (a row each, indexed by
    their Monday; one row when they are the same week), or, when the dates hold no complete week,
    one row pooled over all their days (indexed by ``NaT``). Shares are 0 to 1."""
    wide = weekly.pivot_table(index="week_start", columns="origin", values="tokens", aggfunc="sum", observed=False)
    days = weekly.drop_duplicates("week_start").set_index("week_start")["observed_days"]
    complete = [w for w in window.complete_weeks() if days.get(w, 0) == 7]  # inside the dates, no day missing
    if not complete:
        pooled = wide.sum()
        return (pooled / pooled.sum()).to_frame(pd.NaT).T
    shares = wide.div(wide.sum(axis=1), axis=0)
    return shares.loc[sorted({complete[0], complete[-1]})]


def data_quality_by_week(rows: pd.DataFrame, window: Window, restated: pd.DataFrame) -> pd.DataFrame:
    """Per week: days expected and observed, missing days, model rows per day, stealth and long-tail
    share, and days restated by a later vintage (with the largest change, percent of the day).

    ``expected_days`` counts the days of the week inside the window, so the first and last week of
    a run are marked partial when the run starts or ends mid-week.
    """
    calendar = pd.DataFrame({"date": pd.date_range(window.start, window.end, freq="D")})
    calendar["week_start"] = week_start(calendar["date"])
    calendar["observed"] = calendar["date"].isin(set(pd.to_datetime(rows["date"]).unique()))
    calendar["day"] = calendar["date"].dt.strftime("%Y-%m-%d")
    missing = calendar[~calendar["observed"]].groupby("week_start")["day"].agg(", ".join)
    quality = calendar.groupby("week_start").agg(expected_days=("date", "size"), observed_days=("observed", "sum"))
    weeks = week_start(rows["date"])
    rows_per_day = rows[rows["origin"] != "LONG_TAIL"].groupby("date").size()
    per_week_rows = rows_per_day.groupby(week_start(rows_per_day.index.to_series())).agg(["min", "max"])
    shares = rows.groupby([weeks, "origin"], observed=True)["tokens"].sum().unstack(fill_value=0)
    shares = shares.div(shares.sum(axis=1), axis=0)
    restated_weeks = restated.assign(
        week_start=week_start(restated["date"]), change=restated["change_pct"].astype(float).abs()
    )
    restated_per_week = restated_weeks.groupby("week_start").agg(
        restated_days=("date", "size"), largest_restatement_pct=("change", "max")
    )
    quality = (
        quality.join(missing.rename("missing_days"))
        .join(per_week_rows.rename(columns={"min": "min_model_rows", "max": "max_model_rows"}))
        .join(restated_per_week)
    )
    quality["undisclosed_share"] = shares.get("UNDISCLOSED", 0.0)
    quality["long_tail_share"] = shares.get("LONG_TAIL", 0.0)
    quality["partial_week"] = quality["observed_days"] < 7
    quality["missing_days"] = quality["missing_days"].astype(object).fillna("")
    quality["restated_days"] = quality["restated_days"].fillna(0).astype(int)
    quality["largest_restatement_pct"] = quality["largest_restatement_pct"].fillna(0.0)
    return quality.reset_index()
