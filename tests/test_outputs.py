"""Facts about the committed reference run's tables (data/processed), checked against raw data."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.clean import DAILY_COLUMNS, collector_totals
from helpers.paths import RANKINGS_DIR
from helpers.pipeline import read_table
from helpers.rankings import load_rankings


@pytest.fixture(scope="module")
def daily(processed):
    return read_table(processed / "daily_model_tokens.csv", ("date",))


@pytest.fixture(scope="module")
def weekly(processed):
    return read_table(processed / "weekly_origin_tokens.csv", ("week_start",))


def test_daily_table_columns_and_range(daily):
    assert list(daily.columns) == DAILY_COLUMNS
    assert daily["date"].min() == pd.Timestamp("2025-01-01")
    assert daily["date"].max() == pd.Timestamp("2026-10-06")
    assert set(daily["open_weight"].astype(str)) <= {"true", "false", "unknown"}


def test_daily_table_reconciles_with_raw_to_the_token(daily):
    raw, _ = load_rankings(RANKINGS_DIR)
    merged = raw.merge(daily, on=["date", "model_permaslug"], how="outer", suffixes=("_raw", "_out"), indicator=True)
    assert (merged["_merge"] == "both").all()
    assert (merged["tokens_raw"] == merged["tokens_out"]).all()


def test_each_day_sums_to_the_collectors_totals(daily):
    totals = collector_totals(RANKINGS_DIR).set_index("date")
    is_other = daily["model_permaslug"] == "other"
    named = daily[~is_other].groupby("date")["tokens"].sum()
    assert (named == totals.loc[named.index, "top50_tokens"]).all()
    assert (daily.groupby("date")["tokens"].sum() == totals["total_tokens"]).all()


def test_every_permaslug_has_an_origin(daily):
    assert daily["origin"].notna().all()
    assert daily["origin"].isin(["CN", "US", "EU", "ROW", "UNDISCLOSED", "LONG_TAIL"]).all()


def test_weekly_shares_sum_to_one_and_totals_reconcile(weekly, daily):
    assert weekly.groupby("week_start")["share"].sum().sub(1).abs().max() < 1e-9
    assert weekly["tokens"].sum() == daily["tokens"].sum()


def test_known_week_june_1_to_7_2026(weekly):
    week = weekly[weekly["week_start"] == "2026-06-01"].set_index("origin")
    assert week["tokens"].sum() == 36_135_310_767_290
    assert week["days"].unique().tolist() == [7]
    assert week.loc["CN", "tokens"] > week.loc["US", "tokens"]


def test_partial_edge_weeks_are_marked(weekly):
    days = weekly.groupby("week_start")["days"].first()
    assert days.loc["2024-12-30"] == 5 and days.loc["2026-10-05"] == 2
    assert (days.drop([pd.Timestamp("2024-12-30"), pd.Timestamp("2026-10-05")]) == 7).all()
