"""Notebook 3's tables as a reader sees them: the calibration, and the estimate against the bill.

The published CSVs keep every digit; these are the same numbers rounded, with units in the headers
and words for what each row is (:mod:`helpers.display`).
"""

from __future__ import annotations

import pandas as pd

from .. import display as show
from ..registry import model_name
from ..spend.against_bill import ALL, NAMED, TAIL, BillCheck
from ..spend.calibration import Calibration
from ..spend.pricing import Pricing

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
        return "These dates overlap none of the billed weeks."
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
        return "These dates overlap none of the billed weeks."
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
        return "These dates overlap none of the billed weeks."
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
        return "These dates overlap none of the billed weeks."
    held = BillCheck(check.windows, check.main, check.held_out, check.steps, check.largest, check.held_out)
    return comparison_table(held)


def coverage_table(by_year: pd.DataFrame) -> pd.DataFrame:
    """How much of each year's paid traffic has a price (coverage_by_year), for people."""
    t = by_year.reset_index()
    return show.for_people(
        pd.DataFrame(
            {
                "year": t["year"].astype(str),
                "weeks": t["weeks"],
                "lowest share of paid tokens priced in a week, %": show.percent(
                    t["lowest_priced_share"], 1, 100
                ).str.rstrip("%"),
                "weeks meeting the target": t["weeks_meeting_target"],
                "share priced with a price seen only later, mean, %": show.percent(
                    t["mean_carried_back_share"], 1, 100
                ).str.rstrip("%"),
                "most unpriced models could add to a week, % of its spend": show.percent(
                    t["largest_unpriced_ceiling_share"], 1, 100
                ).str.rstrip("%"),
            }
        ),
        "year",
    )


def unpriced_table(unpriced: pd.DataFrame, n: int = 8) -> pd.DataFrame | str:
    """The largest paid models without any price, and how far they could move a maker's share."""
    if unpriced.empty:
        return "Every paid model in these dates has a price."
    t = unpriced.head(n)
    return show.for_people(
        pd.DataFrame(
            {
                "model": t["model_permaslug"].map(model_name),
                "origin": t["origin"].map(show.ORIGIN_WORDS),
                "tokens, trillion": show.number(t["tokens"] / 1e12, 2),
                "the most it could cost, $ millions": show.number(t["unpriced_max_usd"] / 1e6, 2),
                "the most it could add to its maker's share of a month's spend, points": show.number(
                    t["max_points"], 1
                ),
                "could move a share by more than a point": show.yes_no(t["moves_share"]),
            }
        ),
        "model",
    )


def period_table(bands: pd.DataFrame, period: str) -> pd.DataFrame:
    """Token and spend shares of the daily top 50 in the reference period, by origin group."""
    t = bands.drop(index="LONG_TAIL", errors="ignore")
    return show.for_people(
        pd.DataFrame(
            {
                f"origin ({period})": t.index.map(show.ORIGIN_WORDS),
                "share of the top 50's tokens, %": show.number(t["token_pct"], 1).to_numpy(),
                "share of their estimated spend, %": show.band_cell(
                    t["spend_pct"], t["spend_low_pct"], t["spend_high_pct"], lambda x: show.number(x, 1)
                ).to_numpy(),
            }
        ),
        f"origin ({period})",
    )


def carried_table(carried: pd.DataFrame) -> pd.DataFrame | str:
    """Points of each month's spend share priced with prices seen only later, per vendor group."""
    if carried.empty:
        return "No month of 2026 falls in these dates."
    out = carried.copy()
    out.index = [f"{m:%B %Y}" for m in out.index]
    out = out.map(lambda v: f"{v:.1f}")
    return show.for_people(out.rename_axis("month, points of the share").reset_index(), "month, points of the share")


def last_weeks_table(weeks: pd.DataFrame) -> pd.DataFrame | str:
    """The last complete weeks of the headline's comparison redone in dollars."""
    if weeks.empty:
        return "These dates hold no complete week."
    return show.for_people(
        pd.DataFrame(
            {
                "week": show.span(weeks["week_start"], weeks["week_start"] + pd.Timedelta(days=6)),
                "who spent more": weeks["cn_leads"].map({True: "China", False: "US"}),
                "China's lead streak, weeks": weeks["streak_weeks"].map(lambda n: f"{n}" if n else ""),
                "China, $ millions": show.number(weeks["cn_spend_usd"] / 1e6, 2),
                "US, $ millions": show.number(weeks["us_spend_usd"] / 1e6, 2),
                "all, $ millions": show.number(weeks["total_spend_usd"] / 1e6, 2),
            }
        ),
        "week",
    )


def checks_table(checks: pd.DataFrame) -> pd.DataFrame | str:
    """Published estimates of OpenRouter spend beside this project's band, one table per unit."""
    if checks.empty:
        return "No published estimate of OpenRouter spend covers these dates."
    shares = checks[checks["unit"] == "percent"]
    fmt = lambda s: show.number(s, 1)  # noqa: E731 - local shorthand
    out = pd.DataFrame(
        {
            "estimate": shares["check_id"],
            "lab": shares["lab"],
            "period": shares["period"].map(
                lambda p: show.span(pd.Series([pd.Timestamp(p[:10])]), pd.Series([pd.Timestamp(p[12:])])).iat[0]
            ),
            "published share of spend, %": fmt(shares["published_low"]),
            "this project, % (band)": show.band_cell(
                shares["ours_central"], shares["ours_low"], shares["ours_high"], fmt
            ),
            "inside the band": show.yes_no(shares["overlaps"]),
            "distance, points": fmt(shares["gap"]),
        }
    )
    return show.for_people(out, "estimate")


def annual_checks_table(checks: pd.DataFrame) -> pd.DataFrame | str:
    """Published annual spend through OpenRouter beside this project's estimate for that month x 12."""
    totals = checks[checks["unit"] == "usd_per_year"] if len(checks) else checks
    if totals.empty:
        return "No published annual total covers these dates."
    fmt = lambda s: show.number(s / 1e6, 0)  # noqa: E731 - local shorthand
    return show.for_people(
        pd.DataFrame(
            {
                "estimate": totals["check_id"],
                "period": totals["period"],
                "published, $ millions a year": fmt(totals["published_low"]) + "+",
                "this project, $ millions a year (band)": show.band_cell(
                    totals["ours_central"], totals["ours_low"], totals["ours_high"], fmt
                ),
                "inside the band": show.yes_no(totals["overlaps"]),
            }
        ),
        "estimate",
    )
