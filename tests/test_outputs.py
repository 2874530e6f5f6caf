"""Facts about the committed reference run's tables (data/processed), checked against raw data."""

from __future__ import annotations

import csv
import re

import numpy as np
import pandas as pd
import pytest

from helpers.clean import DAILY_COLUMNS, collector_totals
from helpers.paths import PROCESSED_DIR, RANKINGS_DIR
from helpers.pipeline import FLOAT_FORMAT, csv_text, plain_number, read_table
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
    assert daily["date"].max() == pd.Timestamp("2026-10-09")
    assert set(daily["open_weight"].astype(str)) <= {"true", "false", "unknown"}


def test_daily_table_reconciles_with_raw_to_the_token(daily):
    raw, _ = load_rankings(RANKINGS_DIR)
    merged = raw.merge(daily, on=["date", "model_permaslug"], how="outer", suffixes=("_raw", "_out"), indicator=True)
    assert (merged["_merge"] == "both").all()
    assert (merged["tokens_raw"] == merged["tokens_out"]).all()


def test_each_day_sums_to_the_collectors_totals_of_its_vintage(daily):
    """Days taken from the gpu-tracker vintage match its collector's sums to the token; the days a
    later vintage restated or added (2026-09-28 on) are checked against that vintage's own rows above."""
    rows, _ = load_rankings(RANKINGS_DIR)
    used = rows.groupby("date")["vintage"].first()
    totals = collector_totals(RANKINGS_DIR)
    totals = totals[totals["vintage"].to_numpy() == used.reindex(totals["date"]).to_numpy()].set_index("date")
    assert len(totals) == 635  # 2025-01-01..2026-09-27
    is_other = daily["model_permaslug"] == "other"
    named = daily[~is_other].groupby("date")["tokens"].sum().loc[totals.index]
    assert (named == totals["top50_tokens"]).all()
    assert (daily.groupby("date")["tokens"].sum().loc[totals.index] == totals["total_tokens"]).all()


def test_every_permaslug_has_an_origin(daily):
    assert daily["origin"].notna().all()
    assert daily["origin"].isin(["CN", "US", "EU", "ROW", "UNDISCLOSED", "LONG_TAIL"]).all()


def test_weekly_shares_sum_to_one_and_totals_reconcile(weekly, daily):
    assert weekly.groupby("week_start")["share"].sum().sub(1).abs().max() < 1e-9
    assert weekly["tokens"].sum() == daily["tokens"].sum()


def test_known_week_june_1_to_7_2026(weekly):
    week = weekly[weekly["week_start"] == "2026-06-01"].set_index("origin")
    assert week["tokens"].sum() == 36_135_310_767_290
    assert week["observed_days"].unique().tolist() == [7]
    assert week.loc["CN", "tokens"] > week.loc["US", "tokens"]


def test_partial_edge_weeks_are_marked(weekly):
    days = weekly.groupby("week_start")["observed_days"].first()
    assert days.loc["2024-12-30"] == 5 and days.loc["2026-10-05"] == 5
    assert (days.drop([pd.Timestamp("2024-12-30"), pd.Timestamp("2026-10-05")]) == 7).all()


@pytest.mark.parametrize("name", sorted(p.name for p in PROCESSED_DIR.glob("*.csv")))
def test_tables_are_written_exactly_as_pandas_would(name, tmp_path):
    """write_table joins whole columns of text instead of formatting row by row; the bytes must be
    pandas' own, for every committed table read back and written again."""
    frame = read_table(PROCESSED_DIR / name)
    expected = frame.to_csv(index=False, lineterminator="\n", float_format=FLOAT_FORMAT)
    assert csv_text(frame) == expected == (PROCESSED_DIR / name).read_text(encoding="utf-8")


def test_awkward_tables_are_written_exactly_as_pandas_would():
    """Missing values of every kind, quoting, booleans, nullable integers, mixed objects, one
    column, no rows: each either takes the fast path with pandas' bytes or is handed to pandas."""
    frames = [
        pd.DataFrame({"a": [1.5, np.nan, 1e-07, -0.0, np.inf], "b": ["x", None, "", "y z", "w"], "c": [1, 2, 3, 4, 5]}),
        pd.DataFrame({"a": ["has,comma", 'has"quote', "ok"], "b": [True, False, True]}),
        pd.DataFrame({"a": pd.array([1, None, 3], dtype="Int64"), "b": [0.1, 0.2, 0.3]}),
        pd.DataFrame({"a": [1, "two", 3.0], "b": ["p", "q", "r"]}),
        pd.DataFrame({"only": ["", "x", ""]}),
        pd.DataFrame({"a": pd.Series([], dtype=float), "b": pd.Series([], dtype=str)}),
        pd.DataFrame({"a": pd.array(["x", pd.NA, "z"], dtype="string"), "b": [1 / 3, 2 / 3, 1.0]}),
    ]
    for frame in frames:
        assert csv_text(frame) == frame.to_csv(index=False, lineterminator="\n", float_format=FLOAT_FORMAT)


EXPONENT = re.compile(r"^-?\d+(\.\d+)?[eE][+-]?\d+$")


@pytest.mark.parametrize(
    "path",
    sorted([*PROCESSED_DIR.glob("*.csv"), *(PROCESSED_DIR.parent.parent / "reports" / "data").glob("*.csv")]),
    ids=lambda p: p.name,
)
def test_no_published_table_writes_a_number_in_exponent_form(path):
    """A spreadsheet reads ``3.63926e+07`` as text in some locales and every reader stumbles on it."""
    with open(path, newline="", encoding="utf-8") as handle:
        header = next(csv.reader(handle))
        assert not header[0].startswith("#")
        bad = [field for row in csv.reader(handle) for field in row if EXPONENT.match(field)]
    assert not bad, bad[:5]


def test_plain_numbers_keep_ten_significant_digits():
    assert [plain_number(v) for v in (36392600.123, 1.2e-05, 14182000000000.0, -2.5)] == [
        "36392600.12",
        "0.000012",
        "14182000000000",
        "-2.5",
    ]


@pytest.mark.parametrize("path", sorted(PROCESSED_DIR.glob("*.csv")), ids=lambda p: p.name)
def test_no_published_table_holds_an_infinite_or_literal_missing_value(path):
    """An undefined number is an empty cell, never ``inf`` or ``nan`` a spreadsheet shows as text."""
    with open(path, newline="", encoding="utf-8") as handle:
        bad = [f for row in csv.reader(handle) for f in row if f.lower() in ("inf", "-inf", "nan", "none")]
    assert not bad, bad[:5]
