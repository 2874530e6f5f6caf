"""Week bucketing and weekly shares on hand-made frames."""

from __future__ import annotations

import pandas as pd
from conftest import make_rows

from helpers.dates import Window, week_start
from helpers.weekly import data_quality_by_week, weekly_origin_tokens


def test_week_starts_on_monday():
    dates = pd.Series(pd.to_datetime(["2026-06-01", "2026-06-07", "2026-06-08", "2025-01-01"]))
    assert week_start(dates).dt.strftime("%Y-%m-%d").tolist() == [
        "2026-06-01",
        "2026-06-01",
        "2026-06-08",
        "2024-12-30",
    ]


def classified_frame() -> pd.DataFrame:
    rows = make_rows(
        [("2026-06-01", "a/x", 30), ("2026-06-01", "b/y", 10), ("2026-06-07", "a/x", 60), ("2026-06-08", "other", 5)]
    )
    rows["origin"] = ["CN", "US", "CN", "LONG_TAIL"]
    return rows


def test_weekly_shares_sum_to_one_and_list_every_group():
    table = weekly_origin_tokens(classified_frame())
    assert table.groupby("week_start")["share"].sum().round(12).eq(1).all()
    assert table.groupby("week_start").size().eq(6).all()
    first = table[table["week_start"] == "2026-06-01"].set_index("origin")
    assert first.loc["CN", "tokens"] == 90 and first.loc["US", "share"] == 0.1
    assert first["observed_days"].unique().tolist() == [2]


def test_quality_marks_partial_weeks_and_missing_days():
    quality = data_quality_by_week(
        classified_frame(),
        Window("2026-06-01", "2026-06-09"),
        pd.DataFrame({"date": pd.to_datetime(["2026-06-08"]), "change_pct": [-2.5]}),
    )
    first, second = quality.iloc[0], quality.iloc[1]
    assert (first["expected_days"], first["observed_days"]) == (7, 2)
    assert first["missing_days"].startswith("2026-06-02") and first["partial_week"]
    assert (second["expected_days"], second["observed_days"]) == (2, 1)
    assert second["long_tail_share"] == 1.0
    assert (first["restated_days"], second["restated_days"]) == (0, 1)
    assert second["largest_restatement_pct"] == 2.5
