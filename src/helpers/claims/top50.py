"""How many of each day's 50 named models come from each origin group (Our World in Data's count).

OpenRouter's rankings name the day's 50 largest models and fold the rest into one ``other`` row, so
the number of a country's models among them is a count of rows per day. A ``:free`` variant is a
row of its own, as OpenRouter lists it. Over a period longer than a day a published count is read
as the period's mean daily count, rounded to a whole model.
"""

from __future__ import annotations

import pandas as pd

from ..rankings import OTHER_ROW
from ..registry import ORIGIN_GROUPS

NAMED_ORIGINS = [group for group in ORIGIN_GROUPS if group != "LONG_TAIL"]  # the long tail is the `other` row
TOP50_COLUMNS = ["date", "origin", "models"]


def daily_top50_counts(rows: pd.DataFrame) -> pd.DataFrame:
    """One row per day and origin group: the models it had among the day's named models (zero where
    none), so a group that drops out of the top 50 shows as a zero rather than a gap."""
    named = rows[rows["model_permaslug"] != OTHER_ROW]
    counts = named.groupby(["date", "origin"], observed=True).size().unstack(fill_value=0)
    counts = counts.reindex(columns=NAMED_ORIGINS, fill_value=0).reindex(sorted(rows["date"].unique()), fill_value=0)
    long = counts.rename_axis(index="date", columns="origin").stack().rename("models").reset_index()
    return long.astype({"models": "int64"})[TOP50_COLUMNS]


def mean_daily_count(counts: pd.DataFrame, origin: str, start: pd.Timestamp, end: pd.Timestamp) -> float:
    """The mean number of ``origin``'s models among the named models per day from ``start`` to ``end``."""
    days = counts[(counts["date"] >= start) & (counts["date"] <= end) & (counts["origin"] == origin)]
    return float(days["models"].mean())
