"""The spend estimate against what OpenRouter billed (issue 24): the bill as raw data, prices laid
over from machine-collected snapshots, the calibration, and the check the report quotes."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers import spend
from helpers.dates import Window
from helpers.paths import PROCESSED_DIR, RAW_DIR
from helpers.pipeline import read_table
from helpers.spend import against_bill, observed

WEEK = (pd.Timestamp("2026-09-28"), pd.Timestamp("2026-10-04"))
CATALOGUE_0928 = {  # the five Chinese models and Claude Opus 5.5, as the catalogue of 2026-09-28 prices them
    "moonshotai/kimi-k3-20260715": (3.0, 15.0),
    "deepseek/deepseek-v4.1-flash-20260910": (0.03, 0.6),
    "z-ai/glm-5.2-20260616": (0.6496, 2.0416),
    "z-ai/glm-5.3-20260816": (0.325, 4.4),
    "z-ai/glm-5.3-flash-20260826": (0.15, 0.5),
    "anthropic/claude-opus-5.5-20260921": (4.0, 20.0),
}


def price_on(prices: pd.DataFrame, slug: str, day: str) -> tuple[float, float, str]:
    rows = pd.DataFrame({"date": [pd.Timestamp(day)], "model_permaslug": [slug]})
    found = spend.lookup_basis(rows, prices, "charged").iloc[0]
    return found["prompt_usd_per_mtok"], found["completion_usd_per_mtok"], found["how"]


@pytest.fixture(scope="module")
def comparison() -> pd.DataFrame:
    return read_table(PROCESSED_DIR / "spend_against_bill.csv", ("window_start", "window_end"))


def test_each_billed_window_holds_the_rankings_tokens_of_its_seven_days(pricing, history):
    """The windows are what the manifest says: their tokens match rankings-daily within 0.01%."""
    daily = history.groupby("date")["tokens"].sum()
    for (start, end), rows in pricing.bill.groupby(["window_start", "window_end"]):
        assert (end - start).days == 6
        assert rows["tokens"].sum() / daily.loc[start:end].sum() == pytest.approx(1, abs=1e-4)


@pytest.mark.parametrize("slug", sorted(CATALOGUE_0928))
def test_models_are_priced_as_the_catalogue_of_28_september_shows_them(prices, slug):
    prompt, completion, how = price_on(prices, slug, "2026-09-28")
    assert (prompt, completion) == pytest.approx(CATALOGUE_0928[slug])
    assert how == "documented"


def test_a_carried_forward_price_ends_at_the_next_snapshot_that_differs(prices):
    """Kimi K3's hand-typed $2.55/$12.75 from 2026-09-01 stops on 09-27; the catalogue's price of
    10-05 ($0.72/$14) is carried forward after its snapshot, never the hand-typed one."""
    assert price_on(prices, "moonshotai/kimi-k3-20260715", "2026-09-27")[:2] == pytest.approx((2.55, 12.75))
    assert price_on(prices, "moonshotai/kimi-k3-20260715", "2026-10-02")[:2] == pytest.approx((3.0, 15.0))
    later = price_on(prices, "moonshotai/kimi-k3-20260715", "2026-10-08")
    assert later[:2] == pytest.approx((0.72, 14.0)) and later[2] == "carried_forward"


@pytest.mark.parametrize(
    ("slug", "day", "expected"),
    [
        ("openai/gpt-5.6-sol-pro-20260709", "2026-08-22", (2.0, 10.0)),  # the promotion a day before the table said
        ("openai/gpt-5.6-sol-pro-20260709", "2026-08-18", (2.5, 15.0)),
        ("deepseek/deepseek-v4-pro-20260423", "2026-08-22", (0.549, 1.0979)),
        ("minimax/minimax-m2.5-20260211", "2026-07-25", (0.15, 0.9)),
    ],
)
def test_daily_snapshots_correct_the_hand_typed_rows(prices, slug, day, expected):
    assert price_on(prices, slug, day)[:2] == pytest.approx(expected)


def test_overlay_keeps_a_closed_row_around_a_snapshot_and_cuts_an_open_one():
    hand = spend.load_prices(RAW_DIR / "prices" / "prices.csv").iloc[0:0]
    rows = pd.DataFrame(
        {
            "model_permaslug": ["a/x", "a/y"],
            "basis": "charged",
            "price_kind": "standard",
            "valid_from": pd.to_datetime(["2026-01-01", "2026-01-01"]),
            "valid_to": pd.to_datetime(["2026-01-31", None]),
            "prompt_usd_per_mtok": [1.0, 1.0],
            "completion_usd_per_mtok": [2.0, 2.0],
            "observed_date": pd.to_datetime(["2026-01-01", "2026-01-01"]),
            "carried_back": False,
            "source": "hand",
            "source_url": "https://example.org",
            "evidence": "secondary",
            "note": "",
        }
    )
    seen = pd.DataFrame(
        {
            "observed_date": pd.to_datetime(["2026-01-10", "2026-01-11", "2026-01-10"]),
            "model_permaslug": ["a/x", "a/x", "a/y"],
            "prompt_usd_per_mtok": [5.0, 5.0, 7.0],
            "completion_usd_per_mtok": [6.0, 6.0, 8.0],
            "source_url": "https://example.org/snapshot",
        }
    )
    out = observed.overlay_observations(pd.concat([hand, rows]), seen)
    x = out[out["model_permaslug"] == "a/x"][["valid_from", "valid_to", "prompt_usd_per_mtok"]].astype(str)
    assert x.to_numpy().tolist() == [
        ["2026-01-01", "2026-01-09", "1.0"],
        ["2026-01-10", "2026-01-11", "5.0"],
        ["2026-01-12", "2026-01-31", "1.0"],  # a closed hand row keeps its days after the snapshots
    ]
    y = out[out["model_permaslug"] == "a/y"][["valid_from", "valid_to", "prompt_usd_per_mtok"]].astype(str)
    assert y.to_numpy().tolist() == [["2026-01-01", "2026-01-09", "1.0"], ["2026-01-10", "2026-01-10", "7.0"]]


def test_no_model_above_half_a_percent_of_a_billed_week_is_unpriced(pricing):
    measured = spend.measured_windows(pricing.bill, pricing.prices)
    share = measured["billed_usd"] / measured.groupby("window_start")["billed_usd"].transform("sum")
    unpriced = measured[(share > 0.005) & measured["catalogue_usd"].isna()]
    assert unpriced.empty, unpriced["model_permaslug"].tolist()


def test_prompt_shares_and_ratios_are_measured_from_the_bill(pricing):
    cal = pricing.calibration
    opus = cal.models.loc["anthropic/claude-opus-5.5-20260921"]
    assert opus["windows"] == 4 and 0.98 < opus["prompt_share"] < 0.995
    assert 0.15 < opus["billed_to_list"] < 0.3  # about a fifth of catalogue value: caching and discounts
    assert cal.prompt_classes.loc["general", "prompt_share"] > 0.95  # against the 0.90 once assumed
    assert 0 < cal.widening_per_30_days < 0.5


def test_bands_widen_away_from_the_billed_weeks(pricing):
    rows = pd.DataFrame(
        {
            "date": pd.to_datetime(["2026-10-01", "2026-01-01"]),
            "model_permaslug": ["openai/gpt-5.6-sol-20260709"] * 2,
            "origin": "US",
        }
    )
    ratio = pricing.calibration.ratios(rows, pd.Series([2.0, 2.0]))
    width = (ratio["high"] - ratio["low"]) / ratio["central"]
    assert ratio["central"].iat[0] == ratio["central"].iat[1]
    assert width.iat[1] > 2 * width.iat[0]


def test_the_week_of_28_september_against_its_bill(comparison):
    """Issue 24's test: shares within 3 points of the bill for the top 50, dollars within 30%, and a
    band that holds the bill with room on both sides."""
    week = comparison[comparison["window_start"] == WEEK[0]].set_index(["universe", "origin"])
    for side in ("CN", "US"):
        row = week.loc[("daily top 50", side)]
        assert abs(row["est_share_pct"] - row["billed_share_pct"]) < 3
    total = week.loc[("all token models", "all")]
    assert total["billed_usd"] == pytest.approx(23.44e6, rel=1e-3)
    assert abs(total["est_to_billed"] - 1) < 0.3
    assert total["est_low_usd"] < 0.95 * total["billed_usd"] and total["est_high_usd"] > 1.05 * total["billed_usd"]


def test_a_week_left_out_of_the_calibration_is_estimated_within_ten_percent(history, pricing):
    start, end = pricing.calibration.windows.iloc[0][["window_start", "window_end"]]
    rows = history[(history["date"] >= start) & (history["date"] <= end)]
    held = against_bill.holdout(
        rows, pricing.bill, pricing.prices, pricing.named, pricing.authors, pricing.shares, pricing.parameters, start
    ).set_index(["universe", "origin"])
    assert abs(held.loc[("all token models", "all"), "est_to_billed"] - 1) < 0.1
    cn = held.loc[("daily top 50", "CN")]
    assert abs(cn["est_share_pct"] - cn["billed_share_pct"]) < 5


def test_a_run_without_a_billed_week_says_so_in_one_line(history, pricing, priced):
    window = Window("2026-06-01", "2026-06-07")
    check = against_bill.check_against_bill(priced, history, pricing, window)
    assert check.main is None and check.comparison.empty
    from helpers.findings.spend import bill_findings

    (only,) = bill_findings(check, pricing, window)
    assert only.text.startswith(
        "None of the four weeks OpenRouter's bill was archived for (22 September-9 October 2026)"
    )
