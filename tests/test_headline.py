"""Headline audit: ranking, grouping and streak rules on hand-made frames, and the June regression."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers import headline
from helpers.paths import PROCESSED_DIR, REFERENCE_DIR
from helpers.pipeline import read_table

from conftest import make_rows


def classified(records):
    rows = make_rows([(d, m, t) for d, m, t, _ in records])
    rows["origin"] = [o for *_, o in records]
    rows["attributed_origin"] = rows["origin"]
    rows["variant"] = rows["model_permaslug"].str.partition(":")[2]
    return rows


WEEK = [
    ("2026-06-01", "cn/a", 50, "CN"), ("2026-06-01", "us/b", 40, "US"), ("2026-06-01", "cn/c:free", 30, "CN"),
    ("2026-06-02", "us/b", 20, "US"), ("2026-06-02", "cn/d", 5, "CN"), ("2026-06-02", "other", 100, "LONG_TAIL"),
]


def test_ranking_keeps_free_variants_apart_and_skips_other():
    ranks = headline.weekly_model_ranks(classified(WEEK))
    assert ranks[["model_permaslug", "tokens", "rank"]].values.tolist() == [
        ["us/b", 60, 1], ["cn/a", 50, 2], ["cn/c:free", 30, 3], ["cn/d", 5, 4]]


def test_ties_are_broken_by_permaslug():
    rows = classified([("2026-06-01", "z/m", 10, "US"), ("2026-06-01", "a/m", 10, "CN")])
    assert headline.weekly_model_ranks(rows)["model_permaslug"].tolist() == ["a/m", "z/m"]


def test_definitions_group_by_origin_with_whole_week_total():
    rows = classified(WEEK)
    top2 = headline.top_n_models(2)(rows).iloc[0]
    assert (top2["cn_tokens"], top2["us_tokens"], top2["total_tokens"]) == (50, 60, 245)
    every = headline.all_traffic(rows).iloc[0]
    assert (every["cn_tokens"], every["us_tokens"]) == (85, 60)
    paid = headline.all_paid(rows).iloc[0]
    assert (paid["cn_tokens"], paid["us_tokens"], paid["total_tokens"]) == (55, 60, 245)


def test_evaluate_definitions_matches_the_single_functions():
    rows = classified(WEEK)
    table = headline.evaluate_definitions(rows).set_index("definition")
    assert table.loc["top2_models", "cn_tokens"] == 50
    assert table.loc["all_paid", "cn_tokens"] == 55
    assert len(table) == 3 + 50


def streak_input(leads: list[tuple[str, int, int, bool]]) -> pd.DataFrame:
    return pd.DataFrame({"week_start": pd.to_datetime([w for w, *_ in leads]),
                         "definition": "d", "cn_tokens": [c for _, c, _, _ in leads],
                         "us_tokens": [u for _, _, u, _ in leads], "complete_week": [k for *_, k in leads]})


def test_streaks_handle_ties_gaps_and_incomplete_weeks():
    table = streak_input([
        ("2026-05-04", 5, 1, True), ("2026-05-11", 5, 1, True),   # streak 1, 2
        ("2026-05-18", 3, 3, True),                               # tie: not a lead
        ("2026-05-25", 5, 1, True), ("2026-06-01", 5, 1, False),  # 1, then incomplete: 0
        ("2026-06-08", 5, 1, True),                               # restarts at 1
        ("2026-06-22", 5, 1, True),                               # a missing week before: restarts at 1
    ])
    out = headline.streaks(table)
    assert out["streak_weeks"].tolist() == [1, 2, 0, 1, 0, 1, 1]
    assert out["cn_leads"].tolist() == [True, True, False, True, True, True, True]


@pytest.fixture(scope="module")
def real_table():
    daily = read_table(PROCESSED_DIR / "daily_model_tokens.csv", ("date",))
    return headline.add_week_completeness(headline.evaluate_definitions(daily), daily)


def test_top9_reproduces_the_june_2026_figures_within_one_percent(real_table):
    claim = headline.load_claim(REFERENCE_DIR / "headline_claim.csv")
    row = headline.compare_with_claim(real_table, claim, "june_2026").set_index("definition").loc["top9_models"]
    assert abs(row["cn_gap"]) < 0.01 and abs(row["us_gap"]) < 0.01 and abs(row["total_gap"]) < 0.01
    assert abs(row["cn_change_gap"]) < 0.01 and abs(row["us_change_gap"]) < 0.01
    assert headline.matching_definitions(real_table, claim) == ["top9_models"]


def test_six_week_streak_at_june_2026_under_the_headline_definition(real_table):
    streaks = headline.streaks(real_table)
    at = headline.streak_at(streaks, pd.Timestamp("2026-06-01"))
    assert at["top9_models"] == 6
    assert at["all_paid"] < 6


def test_audit_table_written_by_the_reference_run():
    audit = read_table(PROCESSED_DIR / "headline_audit.csv", ("week_start",))
    assert list(audit.columns) == headline.AUDIT_COLUMNS
    assert set(audit.loc[audit["matches_headline"], "definition"]) == {"top9_models"}
    assert audit["definition"].nunique() == 53
