"""Notebook 3's tables as a reader sees them: the calibration, and the estimate against the bill.

The published CSVs keep every digit; these are the same numbers rounded, with units in the headers
and words for what each row is (:mod:`helpers.display`).
"""

from __future__ import annotations

import pandas as pd

from .. import display as show
from ..registry import model_name
from .against_bill import ALL, NAMED, TAIL, BillCheck
from .calibration import Calibration
from .pricing import Pricing

GROUP_WORDS = {"CN": "Chinese", "US": "US", "other": "other origins"}
SIDE_WORDS = {"CN": "Chinese models", "US": "US models", "other origins": "models of other origins", "all": "all"}
UNIVERSE_WORDS = {NAMED: "in the daily top 50", TAIL: "outside the daily top 50", ALL: "all token models"}


def pricing_summary(pricing: Pricing) -> pd.DataFrame:
    """What the estimate reads, in one small table."""
    hand = pricing.hand_prices
    observed = pricing.prices[pricing.prices["source"].str.startswith("OpenRouter model catalogue")]
    rows = [
        ("hand-typed price rows", f"{len(hand):,} rows for {hand['model_permaslug'].nunique():,} models"),
        (
            "catalogue snapshots laid over them",
            f"{len(observed):,} price ranges for {observed['model_permaslug'].nunique():,} models",
        ),
    ]
    cal = pricing.calibration
    if cal is None:
        rows.append(("billed weeks", "none in this raw folder: prices at list value, the long tail unpriced"))
    else:
        w = cal.windows
        rows += [
            (
                "billed weeks",
                f"{len(w)} ({show.span(w['window_start'].head(1), w['window_end'].tail(1).set_axis(w.index[:1])).iat[0]}), "
                f"${pricing.bill['billed_usd'].sum() / 1e6:,.1f}M billed in all",
            ),
            (
                "models the bill measures",
                f"{int(cal.models['billed_to_list'].notna().sum())} with a billed-to-list ratio",
            ),
            (
                "band widening away from the bill",
                f"{100 * cal.widening_per_30_days:.1f}% of the central ratio per 30 days",
            ),
        ]
    return pd.DataFrame(rows, columns=["input", "what"]).set_index("input")


def ratio_table(calibration: Calibration | None) -> pd.DataFrame | str:
    if calibration is None:
        return "No bill in this raw folder."
    t = calibration.ratio_groups.reset_index()
    return show.for_people(
        pd.DataFrame(
            {
                "origin": t["ratio_group"].map(GROUP_WORDS),
                "price class": t["price_class"],
                "models billed": t["models"],
                "billed, $M": show.usd_millions(t["billed_usd"], 1),
                "catalogue value, $M": show.usd_millions(t["catalogue_usd"], 1),
                "billed per $1 of catalogue value": show.band_cell(
                    t["billed_to_list"], t["billed_to_list_low"], t["billed_to_list_high"], lambda s: show.number(s, 2)
                ),
            }
        ),
        "origin",
    )


def prompt_share_table(calibration: Calibration | None) -> pd.DataFrame | str:
    if calibration is None:
        return "No bill in this raw folder: prompt shares are the sourced assumption of data/raw/assumptions/."
    t = calibration.prompt_classes.reset_index()
    return show.for_people(
        pd.DataFrame(
            {
                "model class": t["model_class"],
                "models billed": t["models"],
                "prompt share of tokens": show.band_cell(
                    t["prompt_share"], t["prompt_share_low"], t["prompt_share_high"], lambda s: show.percent(s, 1, 100)
                ),
            }
        ),
        "model class",
    )


def tail_table(calibration: Calibration | None) -> pd.DataFrame | str:
    if calibration is None:
        return "No bill in this raw folder: the long tail has no price."
    t = calibration.tail
    return show.for_people(
        pd.DataFrame(
            {
                "billed week": show.span(t["window_start"], t["window_end"]),
                "top 50, billed": show.usd_millions(t["named_usd"]),
                "outside the top 50, billed": show.usd_millions(t["tail_usd"]),
                "top 50, $ per million tokens": show.number(1e6 * t["named_usd"] / t["named_tokens"], 3),
                "outside, $ per million tokens": show.number(1e6 * t["tail_usd"] / t["tail_tokens"], 3),
                "outside as a multiple of the top 50": show.times(t["tail_ratio"], 1),
            }
        ),
        "billed week",
    )


def comparison_table(check: BillCheck) -> pd.DataFrame | str:
    if check.comparison.empty:
        return "This run overlaps none of the billed weeks."
    t = check.comparison
    what = t["universe"].map(UNIVERSE_WORDS)
    what = what.where(t["origin"] == "all", t["origin"].map(SIDE_WORDS) + " " + what)
    return show.for_people(
        pd.DataFrame(
            {
                "billed week": show.span(t["window_start"], t["window_end"]),
                "dollars of": what,
                "billed": show.usd_millions(t["billed_usd"]),
                "estimated (band)": show.band_cell(
                    t["est_spend_usd"], t["est_low_usd"], t["est_high_usd"], show.usd_millions
                ),
                "estimate / billed": show.times(t["est_to_billed"]),
                "billed share of the top 50": show.percent(t["billed_share_pct"]),
                "estimated share of the top 50": show.percent(t["est_share_pct"]),
            }
        ),
        "billed week",
    )


def steps_table(check: BillCheck) -> pd.DataFrame | str:
    if check.steps.empty:
        return "This run overlaps none of the billed weeks."
    t = check.steps
    return show.for_people(
        pd.DataFrame(
            {
                "step": t["step"],
                "dollars": show.usd_millions(t["est_spend_usd"]),
                "change": show.usd_millions(t["change_usd"]).str.replace("$-", "-$", regex=False),
                "Chinese share of the top 50's dollars": show.percent(t["cn_share_pct"]),
                "US share": show.percent(t["us_share_pct"]),
            }
        ),
        "step",
    )


def largest_table(check: BillCheck) -> pd.DataFrame | str:
    if check.largest.empty:
        return "This run overlaps none of the billed weeks."
    t = check.largest
    return show.for_people(
        pd.DataFrame(
            {
                "model": t["model_permaslug"].map(model_name),
                "billed (top 50 days)": show.usd_millions(t["billed_usd"]),
                "estimated": show.usd_millions(t["est_spend_usd"]),
                "estimate / billed": show.times(t["est_to_billed"]),
            }
        ),
        "model",
    )


def holdout_table(check: BillCheck) -> pd.DataFrame | str:
    if check.held_out.empty:
        return "This run overlaps none of the billed weeks."
    held = BillCheck(check.windows, check.main, check.held_out, check.steps, check.largest, check.held_out)
    return comparison_table(held)
