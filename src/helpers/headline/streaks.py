"""Leads and lead streaks: the headline's "N consecutive weeks" rule, counted over complete weeks only."""

from __future__ import annotations

import pandas as pd

from ..dates import full_weeks
from .definitions import _with_week


def add_week_completeness(table: pd.DataFrame, rows: pd.DataFrame) -> pd.DataFrame:
    """Days observed per week and whether the week is complete (all seven days present)."""
    days = _with_week(rows).groupby("week_start")["date"].nunique().rename("days")
    out = table.merge(days.reset_index(), on="week_start", how="left")
    out["complete_week"] = out["week_start"].isin(full_weeks(rows["date"]))
    return out


def streaks(table: pd.DataFrame, cn_column: str = "cn_tokens", us_column: str = "us_tokens") -> pd.DataFrame:
    """Per definition and week: does China lead, and how long is the lead streak ending that week.

    A tie is not a lead. Incomplete weeks (fewer than seven days, e.g. the trailing partial week)
    get no streak and break any streak, and so does a calendar gap between weeks: a streak only
    counts complete, consecutive weeks. The columns compared are tokens unless said otherwise
    (the spend lens compares dollars).
    """
    out = table.sort_values(["definition", "week_start"]).reset_index(drop=True)
    out["cn_leads"] = out[cn_column] > out[us_column]
    counted = out["cn_leads"] & out["complete_week"]
    previous_week = out.groupby("definition")["week_start"].shift()
    consecutive = (out["week_start"] - previous_week) == pd.Timedelta(days=7)
    run_breaks = (~counted) | (~consecutive)
    run_id = run_breaks.groupby(out["definition"]).cumsum()
    out["streak_weeks"] = counted.groupby([out["definition"], run_id]).cumsum().where(counted, 0).astype(int)
    return out


def add_streak_start(table: pd.DataFrame) -> pd.DataFrame:
    """The first week of the lead streak each row ends (NaT where China does not lead)."""
    start = table["week_start"] - pd.to_timedelta(7 * (table["streak_weeks"] - 1).clip(lower=0), unit="D")
    return table.assign(streak_start=start.where(table["streak_weeks"] > 0))
