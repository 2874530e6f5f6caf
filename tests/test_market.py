"""OpenRouter in the whole market: the whole-market figures, OpenRouter's bound on its own share, and
the check against its State of AI study."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers import market
from helpers.errors import RawDataError
from helpers.paths import PROCESSED_DIR, RAW_DIR
from helpers.pipeline import read_table

MARKET = RAW_DIR / "market" / "lenses.csv"


@pytest.fixture(scope="module")
def figures():
    return market.load_market(MARKET)


def test_every_market_figure_has_a_url_a_period_and_a_unit(figures):
    assert figures["url"].str.startswith("http").all()
    assert (figures["period_end"] >= figures["period_start"]).all()
    assert set(figures["lens_family"]) == set(market.FAMILIES)


def test_token_volumes_become_tokens_a_day(figures):
    per_day = market.tokens_per_day(figures).set_index("lens_id")["tokens_per_day"]
    assert per_day["openai_api_tokens_per_min_oct2025"] == pytest.approx(6e9 * 1440)
    assert per_day["google_tokens_per_month_2026_05"] == pytest.approx(3.2e15 / 31)


def test_openrouter_is_an_upper_bound_share_of_the_providers_that_publish(history, figures):
    share = market.openrouter_share_of_market(history, figures)
    may = share[share["month"] == "2026-05-01"].set_index("compared_with")
    ours = (
        history[(history["date"] >= "2026-05-01") & (history["date"] <= "2026-05-31")]
        .groupby("date")["tokens"]
        .sum()
        .mean()
    )
    row = may.loc["tokens Google reports across all its products"]
    assert row["openrouter_tokens_per_day"] == pytest.approx(ours)
    assert row["openrouter_share_at_most_pct"] == pytest.approx(100 * ours / (ours + 3.2e15 / 31))
    assert (share["openrouter_share_at_most_pct"] < 20).all()


def test_the_state_of_ai_check_counts_four_ways_over_the_covered_part_of_the_study_year(history):
    check = market.state_of_ai_check(history)
    assert len(check) == 4 and (check["period_start"] == pd.Timestamp("2025-01-01")).all()
    assert (check["period_end"] == pd.Timestamp("2025-11-30")).all()
    first = check.iloc[0]
    assert 5 < first["mean_weekly_pct"] < 30 and first["peak_weekly_pct"] >= first["mean_weekly_pct"]
    committed = read_table(PROCESSED_DIR / "state_of_ai_check.csv", ("period_start", "period_end", "peak_week"))
    assert committed["mean_weekly_pct"].round(6).tolist() == check["mean_weekly_pct"].round(6).tolist()


def test_a_market_figure_without_a_number_is_refused(tmp_path):
    table = pd.read_csv(MARKET, dtype=str, keep_default_na=False)
    table.loc[2, "value"] = "about six"
    table.to_csv(tmp_path / "lenses.csv", index=False)
    with pytest.raises(RawDataError, match=r"line 4, column value"):
        market.load_market(tmp_path / "lenses.csv")
