"""Monday-to-Sunday weeks, weekly token totals by origin group, and data-quality by week.

Weeks start on Monday because the headline under audit and OpenRouter's own weekly charts do.
A week with fewer than seven observed days is kept but flagged, so a partial week is never
mistaken for a full one.
"""

from __future__ import annotations

import pandas as pd

from .registry import ORIGIN_GROUPS


def week_start(dates: pd.Series) -> pd.Series:
    """The Monday on or before each date."""
    dates = pd.to_datetime(dates)
    return (dates - pd.to_timedelta(dates.dt.day_of_week, unit="D")).dt.normalize()


def days_observed(classified: pd.DataFrame) -> pd.Series:
    """Distinct days with rows, per week."""
    return classified.groupby(week_start(classified["date"]))["date"].nunique().rename("days")


def weekly_origin_tokens(classified: pd.DataFrame, origin_column: str = "origin") -> pd.DataFrame:
    """Tokens and share of all tokens per week and origin group (every group listed, 0 if absent).

    The share's denominator is the week's whole volume, the long tail included, so the groups'
    shares sum to exactly 1 each week.
    """
    weeks = week_start(classified["date"]).rename("week_start")
    tokens = (classified.groupby([weeks, classified[origin_column].rename("origin")])["tokens"].sum()
              .unstack(fill_value=0).reindex(columns=ORIGIN_GROUPS, fill_value=0))
    share = tokens.div(tokens.sum(axis=1), axis=0)
    table = (tokens.stack().rename("tokens").to_frame()
             .join(share.stack().rename("share")).reset_index())
    table = table.merge(days_observed(classified).rename_axis("week_start").reset_index(), on="week_start")
    table["origin"] = pd.Categorical(table["origin"], categories=ORIGIN_GROUPS, ordered=True)
    return table.sort_values(["week_start", "origin"]).reset_index(drop=True)


def data_quality_by_week(classified: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp,
                         restated_days: pd.Series | None = None) -> pd.DataFrame:
    """Per week: days expected and observed, missing days, model rows per day, stealth and long-tail share.

    ``expected_days`` counts the days of the week inside [start, end], so the first and last
    week of a run are marked partial when the run starts or ends mid-week.
    """
    calendar = pd.DataFrame({"date": pd.date_range(start, end, freq="D")})
    calendar["week_start"] = week_start(calendar["date"])
    observed = set(pd.to_datetime(classified["date"]).unique())
    calendar["observed"] = calendar["date"].isin(observed)
    calendar["day"] = calendar["date"].dt.strftime("%Y-%m-%d")
    missing = calendar[~calendar["observed"]].groupby("week_start")["day"].agg(", ".join)
    per_week = calendar.groupby("week_start").agg(expected_days=("date", "size"),
                                                  observed_days=("observed", "sum"))
    weeks = week_start(classified["date"])
    rows_per_day = classified[classified["origin"] != "LONG_TAIL"].groupby("date").size()
    rows_week = rows_per_day.groupby(week_start(rows_per_day.index.to_series())).agg(["min", "max"])
    totals = classified.groupby(weeks)["tokens"].sum()
    shares = classified.groupby([weeks, "origin"])["tokens"].sum().unstack(fill_value=0).div(totals, axis=0)
    quality = per_week.join(missing.rename("missing_days")).join(
        rows_week.rename(columns={"min": "min_model_rows", "max": "max_model_rows"}))
    quality["undisclosed_share"] = shares.get("UNDISCLOSED", 0.0)
    quality["long_tail_share"] = shares.get("LONG_TAIL", 0.0)
    quality["partial_week"] = (quality["observed_days"] < 7)
    quality["missing_days"] = quality["missing_days"].astype(object).fillna("")
    if restated_days is not None and len(restated_days):
        quality["restated_days"] = pd.Series(1, index=week_start(pd.Series(restated_days))).groupby(level=0).sum()
    else:
        quality["restated_days"] = 0
    quality["restated_days"] = quality["restated_days"].fillna(0).astype(int)
    return quality.reset_index()
