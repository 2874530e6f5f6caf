"""Spend lens: dated price lookup, free variants, blending, aggregation, and the real outputs."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from helpers import spend
from helpers.errors import RawDataError
from helpers.paths import PROCESSED_DIR, RAW_DIR
from helpers.pipeline import read_run_info, read_table

from conftest import make_rows


def price_table(rows):
    frame = pd.DataFrame(rows, columns=["model_permaslug", "prompt_usd_per_mtok", "completion_usd_per_mtok",
                                        "observed_date", "price_kind"])
    frame["observed_date"] = pd.to_datetime(frame["observed_date"])
    return frame.assign(source="s", source_url="u", note="")


PRICES = price_table([
    ("us/a", 1.0, 3.0, "2026-06-01", "list"),
    ("us/a", 2.0, 6.0, "2026-06-10", "list"),
    ("cn/b", 0.1, 0.5, "2026-07-01", "list"),
    ("cn/c", 0.2, 0.2, None, "list"),
    ("cn/d", 0.5, 0.5, "2026-06-01", "promo"),
])


def classified(records):
    rows = make_rows([(d, m, t) for d, m, t, _ in records])
    rows["origin"] = [o for *_, o in records]
    rows["author"] = rows["model_permaslug"].str.partition("/")[0]
    rows["variant"] = rows["model_permaslug"].str.partition(":")[2]
    return rows


def test_blend_uses_prompt_share():
    assert spend.blended_price(PRICES.iloc[:1], 0.75).iat[0] == pytest.approx(0.75 * 1 + 0.25 * 3)
    with pytest.raises(ValueError):
        spend.blended_price(PRICES, 1.5)


def test_latest_price_at_or_before_the_date_then_later_then_undated_then_promo():
    rows = classified([("2026-06-05", "us/a", 1_000_000, "US"), ("2026-06-12", "us/a", 1_000_000, "US"),
                       ("2026-06-05", "cn/b", 1_000_000, "CN"), ("2026-06-05", "cn/c", 1_000_000, "CN"),
                       ("2026-06-05", "cn/d", 1_000_000, "CN"), ("2026-06-05", "cn/e", 1_000_000, "CN"),
                       ("2026-06-12", "us/a:thinking", 1_000_000, "US")])
    out = spend.lookup_prices(rows, PRICES, prompt_share=0.5)
    assert out["usd_per_mtok"].tolist()[:5] == [2.0, 4.0, 0.3, 0.2, 0.5]
    assert math.isnan(out["usd_per_mtok"].iat[5])
    assert out["usd_per_mtok"].iat[6] == 4.0  # variant falls back to its model's price
    assert out["price_basis"].tolist() == ["at_or_before", "at_or_before", "price_from_later_observation",
                                           "undated", "promo_only", "unpriced", "at_or_before"]


def test_free_variants_and_stealth_cost_nothing_and_long_tail_is_unpriced():
    rows = classified([("2026-06-05", "us/a:free", 1_000_000, "US"), ("2026-06-05", "stealth/x", 1_000_000, "UNDISCLOSED"),
                       ("2026-06-05", "other", 1_000_000, "LONG_TAIL"), ("2026-06-05", "us/a", 2_000_000, "US")])
    out = spend.price_rows(rows, PRICES, 0.5)
    assert out["est_spend_usd"].tolist()[:2] == [0.0, 0.0]
    assert math.isnan(out["est_spend_usd"].iat[2])
    assert out["est_spend_usd"].iat[3] == pytest.approx(2 * 2.0)
    assert out["price_basis"].tolist() == ["free", "free", "long_tail", "at_or_before"]


def test_weekly_spend_shares_sum_to_one_and_count_paid_and_free():
    rows = classified([("2026-06-05", "us/a", 1_000_000, "US"), ("2026-06-05", "cn/b", 2_000_000, "CN"),
                       ("2026-06-05", "cn/b:free", 5_000_000, "CN"), ("2026-06-05", "cn/e", 1_000_000, "CN")])
    weekly = spend.weekly_origin_spend(spend.price_rows(rows, PRICES, 0.5)).set_index("origin")
    assert weekly["spend_share"].sum() == pytest.approx(1.0)
    assert weekly.loc["CN", ["tokens", "paid_tokens", "free_tokens"]].tolist() == [8_000_000, 3_000_000, 5_000_000]
    assert weekly.loc["CN", "priced_share"] == pytest.approx(2 / 3)
    assert weekly.loc["CN", "est_spend_usd"] == pytest.approx(0.6)
    assert weekly.loc["US", "est_spend_usd"] == pytest.approx(2.0)


def test_shipped_prices_load_and_reach_the_coverage_targets():
    prices = spend.load_prices(RAW_DIR / "prices" / "prices.csv")
    daily = read_table(PROCESSED_DIR / "daily_model_tokens.csv", ("date",))
    coverage = spend.weekly_coverage(spend.price_rows(daily, prices, spend.DEFAULT_PROMPT_SHARE))
    assert coverage["meets_target"].all()
    assert coverage.loc[coverage["week_start"] >= "2026-01-05", "priced_share"].min() >= 0.9


def test_bad_price_is_refused_with_its_line(tmp_path):
    text = (RAW_DIR / "prices" / "prices.csv").read_text().splitlines()
    fields = text[3].split(",")
    fields[1] = "-1"
    text[3] = ",".join(fields)
    (tmp_path / "prices.csv").write_text("\n".join(text) + "\n")
    with pytest.raises(RawDataError, match=r"prices.csv: line\(s\) \[4\]: prompt_usd_per_mtok"):
        spend.load_prices(tmp_path / "prices.csv")


def test_reference_spend_table():
    weekly = read_table(PROCESSED_DIR / "weekly_origin_spend.csv", ("week_start",))
    assert list(weekly.columns) == spend.SPEND_COLUMNS
    assert weekly.groupby("week_start")["spend_share"].sum().sub(1).abs().max() < 1e-6
    tokens = read_table(PROCESSED_DIR / "weekly_origin_tokens.csv", ("week_start",))
    assert weekly["tokens"].sum() == tokens["tokens"].sum()
    assert (weekly["paid_tokens"] + weekly["free_tokens"] <= weekly["tokens"]).all()


def test_the_published_daily_spend_is_the_priced_rankings():
    """Notebook 3 prices the rankings once; the table later notebooks read equals a fresh pricing."""
    daily = read_table(PROCESSED_DIR / "daily_model_tokens.csv", ("date",))
    published = read_table(PROCESSED_DIR / "daily_model_spend.csv", ("date",))
    fresh = spend.daily_spend_table(spend.price_rows(daily, spend.load_prices(RAW_DIR / "prices" / "prices.csv"),
                                                     read_run_info(PROCESSED_DIR)["prompt_share"]))
    pd.testing.assert_frame_equal(published, fresh, check_exact=False, rtol=1e-9)


def test_daily_spend_that_misses_a_row_is_refused():
    daily = read_table(PROCESSED_DIR / "daily_model_tokens.csv", ("date",)).head(50)
    published = read_table(PROCESSED_DIR / "daily_model_spend.csv", ("date",)).head(49)
    with pytest.raises(RawDataError, match="rerun notebook 3"):
        spend.with_daily_spend(daily, published)
