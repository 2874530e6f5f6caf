"""The estimate set against what OpenRouter billed, and what explains the difference.

For every billed window a run overlaps, the estimated dollars (central and band) are set beside
the bill: inside the daily top 50 per origin group, outside it (the long tail), and in total, for
token models only. Two further checks show how far the method can be trusted:

- **Steps from the old estimate to the bill** (:func:`bill_steps`): the list-price estimate the
  project published before this check, changed one cause at a time (the prices, the models that
  had none, the prompt split, caching and discounts, the dollars outside the top 50), each step's
  dollars and Chinese share beside the bill's.
- **A window left out** (:func:`holdout`): the calibration rebuilt without one window and the
  estimate for that window set against its bill: a check the calibration cannot pass by
  construction.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..rankings import OTHER_ROW
from .bill import token_models, top50_share, with_origin
from .calibration import Calibration, calibrate
from .engine import LONG_TAIL_BASIS, SCENARIO_COLUMNS, SPEND_SCENARIO_COLUMNS, look_up_prices, price_rows
from .prompt_share import PromptShares

SIDES = ("CN", "US")
# what the bill chart plots: each billed week's part, the bill, the estimate and its band
PLOTTED_COLUMNS = [
    "window_start",
    "window_end",
    "universe",
    "origin",
    "billed_usd",
    "est_spend_usd",
    "est_low_usd",
    "est_high_usd",
]
COMPARISON_COLUMNS = [
    *PLOTTED_COLUMNS,
    "est_measured_high_usd",
    "est_list_price_usd",
    "est_to_billed",
    "billed_share_pct",
    "est_share_pct",
]
NAMED = "daily top 50"
TAIL = "outside the top 50"
ALL = "all token models"


def side(origin: pd.Series) -> pd.Series:
    """China, the US, or every other origin group together."""
    return origin.where(origin.isin(SIDES), "other origins")


def billed_split(bill: pd.DataFrame, named: pd.DataFrame, authors: pd.DataFrame) -> pd.DataFrame:
    """Per window and origin side: the bill's dollars inside the daily top 50 and outside it."""
    rows = with_origin(top50_share(token_models(bill), named), authors)
    rows = rows.assign(
        side=side(rows["origin"]),
        named_usd=rows["billed_usd"] * rows["top50_fraction"],
        tail_usd=rows["billed_usd"] * (1 - rows["top50_fraction"]),
    )
    return rows.groupby(["window_start", "window_end", "side"])[["named_usd", "tail_usd"]].sum().reset_index()


def _estimated(priced: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp) -> pd.DataFrame:
    """Estimated dollars per origin side over one window (central, every scenario), named rows and tail."""
    rows = priced[(priced["date"] >= start) & (priced["date"] <= end)]
    tail = rows["price_basis"] == LONG_TAIL_BASIS
    columns = [*SPEND_SCENARIO_COLUMNS, "unpriced_max_usd"]
    named = rows[~tail].assign(side=side(rows.loc[~tail, "origin"])).groupby("side")[columns].sum()
    named = named.reindex([*SIDES, "other origins"], fill_value=0.0)
    return pd.concat([named, rows.loc[tail, columns].sum().to_frame(TAIL).T])


FULL_PRICE = [SCENARIO_COLUMNS["charged_price"], SCENARIO_COLUMNS["list_price"]]


def _record(start, end, universe, origin, billed, scenarios, unpriced, billed_total, est_total) -> dict:
    """One comparison row: the band runs from the lowest scenario to the highest (the full list price,
    unpriced models at their ceiling); ``est_measured_high_usd`` is the top of the measured spread
    alone (full prices left out), ``est_list_price_usd`` the estimate at full list prices."""
    central = scenarios["est_spend_usd"]
    measured = scenarios.drop(FULL_PRICE)
    return {
        "window_start": start,
        "window_end": end,
        "universe": universe,
        "origin": origin,
        "billed_usd": billed,
        "est_spend_usd": central,
        "est_low_usd": scenarios.min(),
        "est_high_usd": scenarios.max() + unpriced,
        "est_measured_high_usd": measured.max() + unpriced,
        "est_list_price_usd": scenarios[SCENARIO_COLUMNS["list_price"]],
        "est_to_billed": central / billed if billed else np.nan,
        "billed_share_pct": 100 * billed / billed_total if billed_total else np.nan,
        "est_share_pct": 100 * central / est_total if est_total else np.nan,
    }


def bill_comparison(priced: pd.DataFrame, billed: pd.DataFrame) -> pd.DataFrame:
    """Estimated against billed dollars for every window in ``billed`` (see :func:`billed_split`):
    per origin side inside the daily top 50 (shares of the top 50's dollars), outside it, and all
    token models; the estimate's band is the lowest and highest scenario (unpriced models at their
    ceiling on the high side). ``priced`` must cover each window's seven days."""
    records = []
    for (start, end), bills in billed.groupby(["window_start", "window_end"]):
        est = _estimated(priced, start, end)
        bills = bills.set_index("side")
        named_billed, named_est = bills["named_usd"].sum(), est.loc[list(bills.index), "est_spend_usd"].sum()
        for origin in [*SIDES, "other origins"]:
            row = est.loc[origin]
            records.append(
                _record(
                    start,
                    end,
                    NAMED,
                    origin,
                    bills["named_usd"].get(origin, 0.0),
                    row[SPEND_SCENARIO_COLUMNS],
                    row["unpriced_max_usd"],
                    named_billed,
                    named_est,
                )  # fmt: skip
            )
        named_rows = est.drop(index=TAIL)
        named_scen = named_rows[SPEND_SCENARIO_COLUMNS].sum()
        records.append(
            _record(start, end, NAMED, "all", named_billed, named_scen, named_rows["unpriced_max_usd"].sum(), 0, 0)
        )
        tail_scen = est.loc[TAIL, SPEND_SCENARIO_COLUMNS]
        records.append(_record(start, end, TAIL, "all", bills["tail_usd"].sum(), tail_scen, 0.0, 0, 0))
        total_billed = named_billed + bills["tail_usd"].sum()
        records.append(
            _record(
                start, end, ALL, "all", total_billed, named_scen + tail_scen, named_rows["unpriced_max_usd"].sum(), 0, 0
            )
        )
    return pd.DataFrame(records, columns=COMPARISON_COLUMNS)


def largest_models(priced: pd.DataFrame, bill: pd.DataFrame, named: pd.DataFrame, n: int = 10) -> pd.DataFrame:
    """The window's largest models by dollars billed inside the top 50, estimated against billed."""
    rows = top50_share(token_models(bill), named)
    rows = rows[rows["variant"] == "standard"].assign(named_usd=lambda t: t["billed_usd"] * t["top50_fraction"])
    out = []
    for (start, end), bills in rows.groupby(["window_start", "window_end"]):
        top = bills.nlargest(n, "named_usd")
        window = priced[(priced["date"] >= start) & (priced["date"] <= end)]
        est = window.groupby("model_permaslug")["est_spend_usd"].sum()
        out.append(
            pd.DataFrame(
                {
                    "window_start": start,
                    "window_end": end,
                    "model_permaslug": top["model_permaslug"].to_numpy(),
                    "billed_usd": top["named_usd"].to_numpy(),
                    "est_spend_usd": est.reindex(top["model_permaslug"]).to_numpy(),
                }
            ).assign(est_to_billed=lambda t: t["est_spend_usd"] / t["billed_usd"])
        )
    return pd.concat(out, ignore_index=True) if out else pd.DataFrame()


def _totals(priced: pd.DataFrame, with_tail: bool) -> tuple[float, float, float]:
    """Central dollars (named rows, and the tail when asked) and the Chinese and US share of the
    named rows' dollars, in percent."""
    named = priced[priced["model_permaslug"] != OTHER_ROW]
    by_side = named.groupby(side(named["origin"]))["est_spend_usd"].sum()
    total = by_side.sum() + (
        priced.loc[priced["model_permaslug"] == OTHER_ROW, "est_spend_usd"].sum() if with_tail else 0
    )
    return total, 100 * by_side.get("CN", 0) / by_side.sum(), 100 * by_side.get("US", 0) / by_side.sum()


def bill_steps(
    rows: pd.DataFrame,
    hand_prices: pd.DataFrame,
    prices: pd.DataFrame,
    shares: PromptShares,
    calibration: Calibration,
    billed: pd.DataFrame,
) -> pd.DataFrame:
    """From the list-price estimate to the bill, one cause at a time, over ``rows`` (one billed
    window's classified daily rows): dollars, the change each step makes, and the Chinese and US
    shares of the top 50's dollars; the last row is the bill."""
    old = price_rows(rows, hand_prices, shares)
    had_price = old["price_basis"].isin(["documented", "carried_back", "carried_forward"]) | old["free"]
    lookup = look_up_prices(rows, prices)
    new_prices = price_rows(rows, prices, shares, lookup=lookup)
    only_old = new_prices.assign(
        est_spend_usd=new_prices["est_spend_usd"].where(had_price | (rows["model_permaslug"] == OTHER_ROW))
    )
    measured_shares = price_rows(rows, prices, shares, calibration=calibration.without_ratios(), lookup=lookup)
    calibrated = price_rows(rows, prices, shares, calibration=calibration, lookup=lookup)
    steps = [
        ("The estimate before this check: hand-typed prices, assumed prompt shares, list value", old, False),
        ("Prices as OpenRouter's catalogue snapshots show them", only_old, False),
        ("Models that had no price before, priced from the snapshots", new_prices, False),
        ("Prompt shares measured from the bill", measured_shares, False),
        ("Caching and discounts: billed-to-list ratios measured from the bill", calibrated, False),
        ("Models outside the daily top 50, estimated from the bill", calibrated, True),
    ]
    records = []
    for label, priced, with_tail in steps:
        total, cn, us = _totals(priced, with_tail)
        records.append({"step": label, "est_spend_usd": total, "cn_share_pct": cn, "us_share_pct": us})
    named = billed.set_index("side")["named_usd"]
    records.append(
        {
            "step": "What OpenRouter billed (token models)",
            "est_spend_usd": named.sum() + billed["tail_usd"].sum(),
            "cn_share_pct": 100 * named.get("CN", 0) / named.sum(),
            "us_share_pct": 100 * named.get("US", 0) / named.sum(),
        }
    )
    out = pd.DataFrame(records)
    return out.assign(change_usd=out["est_spend_usd"].diff())


def holdout(
    rows: pd.DataFrame,
    bill: pd.DataFrame,
    prices: pd.DataFrame,
    named: pd.DataFrame,
    authors: pd.DataFrame,
    shares: PromptShares,
    parameters: dict,
    window_start: pd.Timestamp,
) -> pd.DataFrame:
    """The estimate for one billed window from a calibration that never saw it, against its bill.

    ``rows`` are the classified daily rows of that window (the ``other`` row included)."""
    kept = bill[bill["window_start"] != window_start]
    left_out = bill[bill["window_start"] == window_start]
    calibration = calibrate(kept, prices, named, authors, shares.model_class, parameters)
    priced = price_rows(rows, prices, shares, calibration=calibration)
    return bill_comparison(priced, billed_split(left_out, named, authors))


@dataclass(frozen=True)
class BillCheck:
    """The estimate against the bill for one run: the billed windows the run overlaps, the main one
    (a Monday-to-Sunday week where there is one), its steps from the old estimate, its largest
    models, and a window left out of the calibration. Empty tables when the run overlaps no window."""

    windows: pd.DataFrame
    main: tuple[pd.Timestamp, pd.Timestamp] | None
    comparison: pd.DataFrame
    steps: pd.DataFrame
    largest: pd.DataFrame
    held_out: pd.DataFrame


def overlapping(windows: pd.DataFrame, window) -> pd.DataFrame:
    """The billed windows that share at least one day with the run."""
    return windows[window.overlaps(windows["window_start"], windows["window_end"])].reset_index(drop=True)


def main_window(windows: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The window the findings quote: the first that is a Monday-to-Sunday week, else the first."""
    if windows.empty:
        return None
    mondays = windows[windows["window_start"].dt.dayofweek == 0]
    row = (mondays if len(mondays) else windows).iloc[0]
    return row["window_start"], row["window_end"]


def check_against_bill(priced_all: pd.DataFrame, history: pd.DataFrame, pricing, window) -> BillCheck:
    """Every comparison of the estimate with the bill that the run's dates call for.

    ``priced_all`` is every day of the data priced with the calibration (a window's seven days may
    reach outside the run); ``pricing`` is :class:`helpers.spend.pricing.Pricing`."""
    empty = pd.DataFrame()
    if pricing.calibration is None:
        return BillCheck(empty, None, empty, empty, empty, empty)
    windows = overlapping(pricing.calibration.windows, window)
    main = main_window(windows)
    if main is None:
        return BillCheck(windows, None, empty, empty, empty, empty)
    in_run = pricing.bill.merge(windows, on=["window_start", "window_end"])
    billed = billed_split(in_run, pricing.named, pricing.authors)
    comparison = bill_comparison(priced_all, billed)
    main_bill = in_run[in_run["window_start"] == main[0]]
    rows = history[(history["date"] >= main[0]) & (history["date"] <= main[1])]
    steps = bill_steps(
        rows, pricing.hand_prices, pricing.prices, pricing.shares, pricing.calibration,
        billed[billed["window_start"] == main[0]],
    )  # fmt: skip
    largest = largest_models(priced_all, main_bill, pricing.named)
    first = pricing.calibration.windows.iloc[0]
    first_rows = history[(history["date"] >= first["window_start"]) & (history["date"] <= first["window_end"])]
    held_out = holdout(
        first_rows, pricing.bill, pricing.prices, pricing.named, pricing.authors, pricing.shares,
        pricing.parameters, first["window_start"],
    )  # fmt: skip
    return BillCheck(windows, main, comparison, steps, largest, held_out)
