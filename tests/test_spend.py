"""Spend lens: dated price ranges, charged against list, prompt shares per class, bands, and the
real outputs."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from conftest import make_rows

from helpers import spend
from helpers.errors import RawDataError
from helpers.paths import PROCESSED_DIR, RAW_DIR
from helpers.pipeline import read_table

PRICES_CSV = RAW_DIR / "prices" / "prices.csv"


def price_table(rows):
    frame = pd.DataFrame(
        rows,
        columns=[
            "model_permaslug",
            "basis",
            "price_kind",
            "valid_from",
            "valid_to",
            "prompt_usd_per_mtok",
            "completion_usd_per_mtok",
            "observed_date",
        ],
    )
    for column in ("valid_from", "valid_to", "observed_date"):
        frame[column] = pd.to_datetime(frame[column])
    return frame.assign(
        carried_back=frame["valid_from"] < frame["observed_date"],
        source="s",
        source_url="u",
        evidence="primary",
        note="",
    )


PRICES = price_table(
    [
        ("us/a", "charged", "standard", "2026-06-01", "2026-06-09", 1.0, 3.0, "2026-06-01"),
        ("us/a", "charged", "promotion", "2026-06-10", "2026-06-11", 0.5, 1.5, "2026-06-10"),
        ("us/a", "list", "standard", "2026-06-01", None, 2.0, 6.0, "2026-06-01"),
        ("us/a", "list", "long_context_tier", "2026-06-01", None, 9.0, 9.0, "2026-06-01"),
        ("cn/b", "charged", "standard", "2026-07-01", None, 0.1, 0.5, "2026-07-01"),
    ]
)
SHARES = spend.PromptShares(
    pd.DataFrame(
        {
            "model_class": ["general", "coding"],
            "prompt_share_central": [0.5, 0.9],
            "prompt_share_low": [0.4, 0.9],
            "prompt_share_high": [0.6, 0.9],
        }
    ),
    pd.DataFrame({"match": ["pattern"], "key": ["coder"], "model_class": ["coding"], "note": [""]}),
)


def classified(records):
    rows = make_rows([(d, m, t) for d, m, t, _ in records])
    rows["origin"] = [o for *_, o in records]
    rows["author"] = rows["model_permaslug"].str.partition("/")[0]
    rows["variant"] = rows["model_permaslug"].str.partition(":")[2]
    rows["override_kind"] = ["stealth" if a == "stealth" else "" for a in rows["author"]]
    return rows


def test_a_day_takes_the_range_that_covers_it_and_says_how_it_was_priced():
    rows = classified(
        [
            ("2026-06-05", "us/a", 1_000_000, "US"),
            ("2026-06-10", "us/a", 1_000_000, "US"),
            ("2026-06-20", "us/a", 1_000_000, "US"),
            ("2026-05-20", "us/a", 1_000_000, "US"),
            ("2026-06-05", "cn/b", 1_000_000, "CN"),
            ("2026-06-05", "cn/e", 1_000_000, "CN"),
        ]
    )
    charged = spend.lookup_basis(rows, PRICES, "charged")
    assert charged["prompt_usd_per_mtok"].tolist()[:5] == [1.0, 0.5, 0.5, 1.0, 0.1]
    assert charged["how"].tolist() == [
        "documented",
        "documented",
        "carried_forward",
        "carried_back",
        "carried_back",
        "unpriced",
    ]
    listed = spend.lookup_basis(rows, PRICES, "list")
    assert listed["prompt_usd_per_mtok"].tolist()[:3] == [2.0, 2.0, 2.0]  # the tier never stands in


def test_blend_uses_each_rows_class_and_the_band_spans_charged_list_and_prompt_share():
    rows = classified([("2026-06-05", "us/a", 2_000_000, "US"), ("2026-06-05", "us/a-coder", 1_000_000, "US")])
    out = spend.price_rows(rows, PRICES, SHARES).set_index("model_permaslug")
    assert out.loc["us/a", "est_spend_usd"] == pytest.approx(2 * (0.5 * 1 + 0.5 * 3))
    assert out.loc["us/a", "spend_usd_prompt_low"] == pytest.approx(2 * (0.4 * 1 + 0.6 * 3))
    assert out.loc["us/a", "spend_usd_list_price"] == pytest.approx(2 * (0.5 * 2 + 0.5 * 6))
    assert out.loc["us/a-coder", "model_class"] == "coding"
    assert out.loc["us/a-coder", "price_basis"] == "unpriced" and math.isnan(out.loc["us/a-coder", "est_spend_usd"])
    assert out.loc["us/a-coder", "unpriced_max_usd"] == pytest.approx(2.0)  # its maker's dearest priced model that day


def test_free_variants_and_stealth_cost_nothing_and_long_tail_is_unpriced():
    rows = classified(
        [
            ("2026-06-05", "us/a:free", 1_000_000, "US"),
            ("2026-06-05", "stealth/x", 1_000_000, "UNDISCLOSED"),
            ("2026-06-05", "other", 1_000_000, "LONG_TAIL"),
            ("2026-06-05", "us/a", 2_000_000, "US"),
        ]
    )
    out = spend.price_rows(rows, PRICES, SHARES)
    assert out["est_spend_usd"].tolist()[:2] == [0.0, 0.0]
    assert math.isnan(out["est_spend_usd"].iat[2])
    assert out["price_basis"].tolist() == ["free", "free", "long_tail", "documented"]


def test_share_bands_put_unpriced_tokens_at_their_ceiling_for_each_edge():
    rows = classified(
        [
            ("2026-06-05", "us/a", 1_000_000, "US"),
            ("2026-06-05", "us/z", 1_000_000, "US"),
            ("2026-07-05", "cn/b", 1_000_000, "CN"),
        ]
    )
    priced = spend.price_rows(rows, PRICES, SHARES).assign(period=1)
    bands = spend.share_bands(priced, "period", "origin", ["CN", "US"])
    assert bands["share"].sum() == pytest.approx(1.0)
    assert (bands["share_low"] <= bands["share"]).all() and (bands["share"] <= bands["share_high"]).all()
    assert bands.loc[(1, "CN"), "share_low"] < bands.loc[(1, "CN"), "share"]  # US's unpriced model could be dear


def test_weekly_spend_shares_sum_to_one_and_count_paid_and_free():
    rows = classified(
        [
            ("2026-07-05", "us/a", 1_000_000, "US"),
            ("2026-07-05", "cn/b", 2_000_000, "CN"),
            ("2026-07-05", "cn/b:free", 5_000_000, "CN"),
            ("2026-07-05", "cn/e", 1_000_000, "CN"),
        ]
    )
    table = spend.weekly_origin_spend(spend.price_rows(rows, PRICES, SHARES))
    assert list(table.columns) == spend.SPEND_COLUMNS
    weekly = table.set_index("origin")
    assert weekly["spend_share"].sum() == pytest.approx(1.0)
    assert weekly.loc["CN", ["tokens", "paid_tokens", "free_tokens", "priced_tokens"]].tolist() == [
        8_000_000,
        3_000_000,
        5_000_000,
        2_000_000,
    ]


@pytest.mark.parametrize(
    "model, day, charged, listed",
    [
        (
            "openai/gpt-5.6-sol-20260709",
            "2026-09-01",
            (2.0, 10.0),
            (4.0, 20.0),
        ),  # OpenRouter promo on OpenAI's promotional list
        ("openai/gpt-5.6-sol-20260709", "2026-07-30", (5.0, 30.0), (5.0, 30.0)),
        ("minimax/minimax-m3-20260531", "2026-07-01", (0.3, 1.2), (0.3, 1.2)),  # the $0.60/$2.40 row is a >512K tier
        ("google/gemini-3.8-flash-20260902", "2026-09-20", (0.75, 3.75), (0.75, 3.75)),  # not the 2027 rate
        ("google/gemini-3.7-flash-20260813", "2026-09-01", (0.75, 3.75), (0.75, 3.75)),
        (
            "minimax/minimax-m2.5-20260211",
            "2026-03-01",
            (0.3, 1.1),
            (0.3, 1.2),
        ),  # the later $0.15/$0.90 is not carried back
    ],
)
def test_the_audited_prices_on_a_day_of_the_affected_range(prices, model, day, charged, listed):
    rows = classified([(day, model, 1_000_000, "US")])
    for basis, expected in (("charged", charged), ("list", listed)):
        found = spend.lookup_basis(rows, prices, basis).iloc[0]
        assert (found["prompt_usd_per_mtok"], found["completion_usd_per_mtok"]) == expected, basis


def test_the_shipped_price_table_is_sound(prices):
    assert set(prices["basis"]) == {"charged", "list"}
    tiers = prices[prices["price_kind"].isin(spend.TIER_KINDS)]
    assert len(tiers) and (prices["carried_back"] == (prices["valid_from"] < prices["observed_date"])).all()
    assert prices["source_url"].str.startswith("http").all()


@pytest.mark.parametrize(
    "column, value, message",
    [
        ("basis", "owed", r"line 4, column basis: must be one of"),
        ("valid_to", "2020-01-01", r"line 4, column valid_to: is before valid_from"),
        ("prompt_usd_per_mtok", "-1", r"line 4, column prompt_usd_per_mtok"),
        ("carried_back", "maybe", r"line 4, column carried_back"),
        ("source_url", "", r"line 4, column source_url"),
    ],
)
def test_bad_price_rows_are_refused_naming_line_and_column(tmp_path, column, value, message):
    table = pd.read_csv(PRICES_CSV, dtype=str, keep_default_na=False)
    table.loc[2, column] = value
    table.to_csv(tmp_path / "prices.csv", index=False)
    with pytest.raises(RawDataError, match=message):
        spend.load_prices(tmp_path / "prices.csv")


def test_two_prices_covering_one_day_are_refused(tmp_path):
    lines = PRICES_CSV.read_text().splitlines()
    (tmp_path / "prices.csv").write_text("\n".join([*lines, lines[1]]) + "\n")
    with pytest.raises(RawDataError, match="has two prices covering"):
        spend.load_prices(tmp_path / "prices.csv")


def test_prompt_share_assumption_is_one_table_with_ranges(shares):
    table = shares.shares.set_index("model_class")
    assert table.loc["general", "prompt_share_central"] == 0.9
    assert (table["prompt_share_low"] <= table["prompt_share_central"]).all()
    assert table["source_urls"].str.contains("https://").all()
    rows = pd.DataFrame(
        {
            "model_permaslug": [
                "qwen/qwen3-coder-plus",
                "openai/text-embedding-3-small",
                "openai/gpt-5",
                "thedrummer/rocinante-12b",
            ],
            "author": ["qwen", "openai", "openai", "thedrummer"],
        }
    )
    assert shares.model_class(rows).tolist() == ["coding", "input_only", "general", "roleplay"]


def test_shipped_prices_reach_the_coverage_targets(priced):
    coverage = spend.weekly_coverage(priced)
    assert coverage["meets_target"].all()
    assert coverage.loc[coverage["week_start"] >= "2026-01-05", "priced_share"].min() >= 0.9


def test_reference_spend_table_has_bands_that_hold_their_centre():
    weekly = read_table(PROCESSED_DIR / "weekly_origin_spend.csv", ("week_start",))
    assert list(weekly.columns) == spend.SPEND_COLUMNS
    assert weekly.groupby("week_start")["spend_share"].sum().sub(1).abs().max() < 1e-6
    tail = weekly["origin"] == "LONG_TAIL"  # priced in total, never a share of the top 50's dollars
    assert weekly.loc[tail, "spend_share"].isna().all() and (weekly.loc[tail, "est_spend_usd"] > 0).all()
    named = weekly[~tail]
    assert (named["spend_share_low"] <= named["spend_share"] + 1e-12).all()
    assert (named["spend_share"] <= named["spend_share_high"] + 1e-12).all()
    tokens = read_table(PROCESSED_DIR / "weekly_origin_tokens.csv", ("week_start",))
    assert weekly["tokens"].sum() == tokens["tokens"].sum()


def test_the_published_daily_spend_is_the_priced_rankings(priced):
    """Notebook 3 prices every day once; the table notebook 4 reads equals a fresh pricing."""
    published = read_table(PROCESSED_DIR / "daily_model_spend.csv", ("date",))
    pd.testing.assert_frame_equal(published, spend.daily_spend_table(priced), check_exact=False, rtol=1e-9)


def test_carried_back_points_are_counted_per_month_and_vendor(priced):
    from helpers import enterprise

    groups = enterprise.load_vendor_groups(RAW_DIR / "reference" / "vendor_groups.csv")
    points = spend.carried_back_points(priced, enterprise.openrouter_vendor_group(priced, groups), 2026)
    assert len(points) == 10 and (points.to_numpy() >= 0).all() and (points.sum(axis=1) <= 100).all()


def test_daily_spend_that_misses_a_row_is_refused(history):
    published = read_table(PROCESSED_DIR / "daily_model_spend.csv", ("date",)).head(49)
    with pytest.raises(RawDataError, match="rerun notebook 3"):
        spend.with_daily_spend(history.head(50), published)


def test_the_token_line_beside_the_spend_share_is_of_the_same_top_50_models(priced):
    """The spend chart's weekly token shares are of the daily top 50's tokens (the long tail left out),
    as its spend shares and title are: for September 2026 the weeks' CN shares bracket the month's
    62%, the figure in the chart's title, not notebook 1's all-traffic share."""
    weekly = spend.weekly_token_shares(priced).set_index(["week_start", "origin"])["share"]
    week = pd.Timestamp("2026-09-14")
    rows = priced[(priced["date"] >= week) & (priced["date"] <= week + pd.Timedelta(days=6))]
    named = rows[rows["model_permaslug"] != "other"]
    by_origin = named.groupby("origin")["tokens"].sum()
    assert weekly[(week, "CN")] == pytest.approx(by_origin["CN"] / by_origin.sum())
    assert weekly.xs(week, level="week_start").sum() == pytest.approx(1.0)
    month = spend.period_bands(
        priced, pd.Timestamp("2026-09-01"), pd.Timestamp("2026-09-30"), "origin", spend.ORIGIN_GROUPS
    )
    september = weekly[weekly.index.get_level_values("week_start").month == 9].xs("CN", level="origin")
    assert september.min() <= month.loc["CN", "token_pct"] / 100 <= september.max()
