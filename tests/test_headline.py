"""Headline audit: ranking, grouping and streak rules on hand-made frames, the June regression, and
findings that stay true for any window."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import make_rows

from helpers import headline
from helpers.dates import Window
from helpers.findings import headline as headline_findings
from helpers.paths import PROCESSED_DIR, REFERENCE_DIR
from helpers.pipeline import read_table


def classified(records):
    rows = make_rows([(d, m, t) for d, m, t, _ in records])
    rows["origin"] = [o for *_, o in records]
    rows["attributed_origin"] = rows["origin"]
    rows["variant"] = rows["model_permaslug"].str.partition(":")[2]
    return rows


WEEK = [
    ("2026-06-01", "cn/a", 50, "CN"),
    ("2026-06-01", "us/b", 40, "US"),
    ("2026-06-01", "cn/c:free", 30, "CN"),
    ("2026-06-02", "us/b", 20, "US"),
    ("2026-06-02", "cn/d", 5, "CN"),
    ("2026-06-02", "other", 100, "LONG_TAIL"),
]


def test_ranking_keeps_free_variants_apart_and_skips_other():
    ranks = headline.weekly_model_ranks(classified(WEEK))
    assert ranks[["model_permaslug", "tokens", "rank"]].values.tolist() == [
        ["us/b", 60, 1],
        ["cn/a", 50, 2],
        ["cn/c:free", 30, 3],
        ["cn/d", 5, 4],
    ]


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
    named = headline.all_excl_others(rows).iloc[0]
    assert (named["cn_tokens"], named["us_tokens"], named["total_tokens"]) == (85, 60, 145)


def test_evaluate_definitions_matches_the_single_functions():
    rows = classified(WEEK)
    table = headline.evaluate_definitions(rows).set_index("definition")
    assert table.loc["top2_models", "cn_tokens"] == 50
    assert table.loc["all_paid", "cn_tokens"] == 55
    assert len(table) == len(headline.WHOLE_TRAFFIC) + 50 == len(headline.definitions())


def test_definitions_have_names_in_words():
    assert headline.definition_label("top9_models") == "the week's nine largest models"
    assert headline.definition_label("top1_models") == "the week's largest model"
    assert headline.definition_label("top20_models") == "the week's 20 largest models"
    assert "_" not in headline.definition_label("all_excl_others")


def streak_input(leads: list[tuple[str, int, int, bool]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "week_start": pd.to_datetime([w for w, *_ in leads]),
            "definition": "d",
            "cn_tokens": [c for _, c, _, _ in leads],
            "us_tokens": [u for _, _, u, _ in leads],
            "complete_week": [k for *_, k in leads],
        }
    )


def test_streaks_handle_ties_gaps_and_incomplete_weeks():
    table = streak_input(
        [
            ("2026-05-04", 5, 1, True),
            ("2026-05-11", 5, 1, True),  # streak 1, 2
            ("2026-05-18", 3, 3, True),  # tie: not a lead
            ("2026-05-25", 5, 1, True),
            ("2026-06-01", 5, 1, False),  # 1, then incomplete: 0
            ("2026-06-08", 5, 1, True),  # restarts at 1
            ("2026-06-22", 5, 1, True),  # a missing week before: restarts at 1
        ]
    )
    out = headline.streaks(table)
    assert out["streak_weeks"].tolist() == [1, 2, 0, 1, 0, 1, 1]
    assert out["cn_leads"].tolist() == [True, True, False, True, True, True, True]


@pytest.fixture(scope="module")
def claim():
    return headline.load_claim(REFERENCE_DIR / "headline_claim.csv")


@pytest.fixture(scope="module")
def audit(history, claim):
    return headline.run_audit(history, Window("2025-01-01", "2026-10-06"), claim)


def test_top9_reproduces_every_published_week_within_one_percent(audit, claim):
    assert audit.headline == "top9_models" and audit.reproduced == ["top9_models"]
    row = headline.compare_with_claim(audit.weeks, claim, "june_2026").set_index("definition").loc["top9_models"]
    assert abs(row["cn_gap"]) < 0.01 and abs(row["us_gap"]) < 0.01 and abs(row["total_gap"]) < 0.01
    assert abs(row["cn_change_gap"]) < 0.01 and abs(row["us_change_gap"]) < 0.01
    later = headline.compare_with_claim(audit.weeks, claim, "june22_2026").set_index("definition").loc["top9_models"]
    assert later["matches"] and abs(later["cn_change_gap"]) < 0.01


def test_six_week_streak_at_june_2026_under_the_headline_definition(audit):
    assert audit.row("top9_models", pd.Timestamp("2026-06-01"))["streak_weeks"] == 6
    assert audit.row("all_traffic", pd.Timestamp("2026-06-01"))["streak_weeks"] == 6
    assert audit.row("all_paid", pd.Timestamp("2026-06-01"))["streak_weeks"] == 4


def test_the_headline_week_alone_reports_the_change_from_the_week_before(history, claim):
    """Done-when of the any-dates issue: China's +27.3% comes from the week before the run."""
    audit = headline.run_audit(history, Window("2026-06-01", "2026-06-07"), claim)
    weeks = headline.headline_weeks(audit).set_index("week_start")
    row = weeks.loc[pd.Timestamp("2026-06-01")]
    assert row["cn_change_pct"] == pytest.approx(27.3, abs=0.05) and row["prior_week_outside_window"]
    text = " ".join(f.text for f in headline_findings.findings(audit, history).items)
    assert "+27.3%" in text and "outside these dates and was read from the raw data" in text


def test_a_streak_that_began_before_the_run_is_counted_in_full_and_said_so(history, claim):
    audit = headline.run_audit(history, Window("2026-05-25", "2026-06-14"), claim)
    table = headline.audit_table(audit).set_index(["definition", "week_start"])
    assert table.loc[("top9_models", pd.Timestamp("2026-06-01")), "streak_weeks"] == 6
    assert table.loc[("top9_models", pd.Timestamp("2026-06-01")), "streak_began_before_window"]
    text = " ".join(f.text for f in headline_findings.findings(audit, history).items)
    assert "Weeks before these dates were counted from the raw data" in text
    assert "and was already ahead the week before" in text


def test_a_run_without_a_complete_week_says_so(history, claim):
    audit = headline.run_audit(history, Window("2026-06-03", "2026-06-05"), claim)
    found = headline_findings.findings(audit, history)
    assert "no complete Monday-to-Sunday week" in found.items[0].text
    assert headline.audit_table(audit).empty and headline.headline_weeks(audit).empty


def test_a_run_without_published_weeks_does_not_claim_a_reproduction(history, claim):
    audit = headline.run_audit(history, Window("2025-03-03", "2025-03-30"), claim)
    text = " ".join(f.text for f in headline_findings.findings(audit, history).items)
    assert audit.reproduced == [] and "not tested here" in text
    assert "reproduces the figures" not in text and "from 2 to 2" not in text


def test_audit_table_written_by_the_reference_run():
    audit = read_table(PROCESSED_DIR / "headline_audit.csv", ("week_start",))
    assert list(audit.columns) == headline.AUDIT_COLUMNS
    assert set(audit.loc[audit["matches_headline"], "definition"]) == {"top9_models"}
    assert audit["definition"].nunique() == len(headline.definitions())
    weeks = read_table(PROCESSED_DIR / "headline_weeks.csv", ("week_start", "week_end"))
    assert list(weeks.columns) == headline.HEADLINE_WEEK_COLUMNS
    june = weeks.set_index("week_start").loc["2026-06-01"]
    assert june["cn_tokens"] == pytest.approx(14.18e12, rel=2e-3) and june["streak_weeks"] == 6
