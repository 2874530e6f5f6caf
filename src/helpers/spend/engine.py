"""The spend engine: every ranking row priced under every band scenario.

- A paid row's tokens are priced at the charged price of its day (the price table with
  machine-collected snapshots laid over, :mod:`.observed`), blended with its prompt share, times
  its billed-to-list ratio (what OpenRouter actually bills for a dollar of catalogue value:
  caching and discounts; :mod:`.calibration`). Without a calibration the ratio is 1 and the
  prompt share the sourced assumption per model class: the list-price estimate.
- ``:free`` variants and stealth models cost 0 (free during their trials).
- The long tail (``other``: every model outside the day's top 50, and ``:batch`` variants) is
  priced in total, at the named models' dollars per token that day times the tail's measured
  multiple; without a calibration it has no price, and the report says so.
- An unpriced paid model could carry anything from $0 to the highest price of its maker's priced
  models that day (or the 90th percentile of all priced models when its maker has none).

Band scenarios (each a full pricing of every row; shares take the lowest and highest,
:mod:`.shares`): the billed-to-list ratio at its low and high edge, the prompt share at its low
and high edge, and the full charged and list prices (a ratio of 1: the upper edge).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

from ..errors import RawDataError
from ..rankings import OTHER_ROW
from .calibration import Calibration
from .prices import lookup_basis
from .prompt_share import PromptShares

# Band scenarios: (price basis, prompt-share edge, billed-to-list edge); "full" is a ratio of 1.
SCENARIOS = {
    "central": ("charged", "central", "central"),
    "ratio_low": ("charged", "central", "low"),
    "ratio_high": ("charged", "central", "high"),
    "prompt_low": ("charged", "low", "central"),
    "prompt_high": ("charged", "high", "central"),
    "charged_price": ("charged", "central", "full"),
    "list_price": ("list", "central", "full"),
}
SCENARIO_COLUMNS = {name: "est_spend_usd" if name == "central" else f"spend_usd_{name}" for name in SCENARIOS}
SPEND_SCENARIO_COLUMNS = list(SCENARIO_COLUMNS.values())
DAILY_SPEND_COLUMNS = [
    "date",
    "model_permaslug",
    "model_class",
    "price_basis",
    "prompt_share",
    "billed_to_list",
    "usd_per_mtok",
    *SPEND_SCENARIO_COLUMNS,
    "unpriced_max_usd",
]
SPEND_COLUMNS = [
    "week_start",
    "origin",
    "tokens",
    "paid_tokens",
    "free_tokens",
    "priced_tokens",
    "est_spend_usd",
    "spend_share",
    "spend_share_low",
    "spend_share_high",
    "carried_back_spend_usd",
]
FREE_OVERRIDES = ("stealth", "stealth_revealed")
UNPRICED_FALLBACK_QUANTILE = 0.9
CARRIED_BACK = "carried_back"  # a price observed only after the day it prices
PRICED_BASES = ("documented", CARRIED_BACK, "carried_forward")
LONG_TAIL_BASIS = "long_tail"


def is_free(rows: pd.DataFrame) -> pd.Series:
    """$0 traffic: ``:free`` variants and stealth models (free during their trials, per the registry)."""
    return (rows["variant"] == "free") | rows["override_kind"].isin(FREE_OVERRIDES)


def blend(prompt: pd.Series, completion: pd.Series, prompt_share: pd.Series) -> pd.Series:
    """USD per million tokens when ``prompt_share`` of each row's tokens are prompt tokens."""
    return prompt_share * prompt + (1 - prompt_share) * completion


def _prompt_and_ratio(
    paid: pd.DataFrame, assumed: pd.DataFrame, charged: pd.DataFrame, shares: PromptShares, calibration
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Each paid row's prompt share and billed-to-list ratio (central, low, high): measured where the
    calibration holds them, else assumed (shares per class, a ratio of 1)."""
    edges = ["central", "low", "high"]
    if calibration is None:
        prompt = assumed[edges]
        ratio = pd.DataFrame(1.0, index=paid.index, columns=edges)
    else:
        prompt = calibration.prompt_shares(paid, assumed["model_class"], assumed)
        ratio = calibration.ratios(paid, charged["prompt_usd_per_mtok"])[edges]
    if shares.override is not None:  # the notebook's one-value sensitivity replaces every central share
        prompt = prompt.assign(central=shares.override)
        prompt = prompt.assign(low=prompt[["low", "central"]].min(axis=1), high=prompt[["high", "central"]].max(axis=1))
    return prompt, ratio.assign(full=1.0)


class PriceLookup(NamedTuple):
    """Each paid row's charged and list price on its day (a model priced on one basis only has that
    price on both): what every scenario and sensitivity over the same rows and prices shares."""

    free: pd.Series
    long_tail: pd.Series
    paid: pd.DataFrame
    charged: pd.DataFrame
    listed: pd.DataFrame


def look_up_prices(classified: pd.DataFrame, prices: pd.DataFrame) -> PriceLookup:
    """The price lookup of :func:`price_rows`, once, for callers that price the same rows many ways."""
    free = is_free(classified)
    long_tail = classified["model_permaslug"] == OTHER_ROW
    paid = classified[~free & ~long_tail]
    charged = lookup_basis(paid, prices, "charged")
    listed = lookup_basis(paid, prices, "list")
    # a model priced on one basis only: that price stands for both edges
    charged = charged.where(charged["how"] != "unpriced", listed)
    listed = listed.where(listed["how"] != "unpriced", charged)
    return PriceLookup(free, long_tail, paid, charged, listed)


def price_rows(
    classified: pd.DataFrame,
    prices: pd.DataFrame,
    shares: PromptShares,
    prompt_multiplier: float = 1.0,
    calibration: Calibration | None = None,
    lookup: PriceLookup | None = None,
) -> pd.DataFrame:
    """Every row with its estimated spend under every band scenario.

    Free rows cost 0; unpriced rows have no spend (NaN) but carry ``unpriced_max_usd``, the most
    they could cost; the long tail is priced in total (:func:`tail_spend`) when a calibration is
    given. ``prompt_multiplier`` scales the prompt price (a sensitivity). ``lookup`` is
    :func:`look_up_prices` of the same rows and prices, when the caller has it already.
    """
    lookup = look_up_prices(classified, prices) if lookup is None else lookup
    free, long_tail, paid, charged, listed = lookup
    assumption = shares.for_rows(classified)
    prompt, ratio = _prompt_and_ratio(paid, assumption.loc[paid.index], charged, shares, calibration)
    out = classified.assign(
        free=free,
        model_class=assumption["model_class"],
        price_basis="",
        prompt_share=prompt["central"],
        billed_to_list=ratio["central"],
    )
    out.loc[free, "price_basis"] = "free"
    out.loc[long_tail, "price_basis"] = LONG_TAIL_BASIS
    out.loc[paid.index, "price_basis"] = charged["how"]
    tokens = classified.loc[paid.index, "tokens"] / 1e6
    for name, (basis, prompt_edge, ratio_edge) in SCENARIOS.items():
        table = charged if basis == "charged" else listed
        per_mtok = blend(
            prompt_multiplier * table["prompt_usd_per_mtok"], table["completion_usd_per_mtok"], prompt[prompt_edge]
        )
        per_mtok = per_mtok * ratio[ratio_edge]
        column = pd.Series(np.nan, index=classified.index)
        column[free] = 0.0
        column[paid.index] = tokens * per_mtok
        out[SCENARIO_COLUMNS[name]] = column
        if name == "central":
            out["usd_per_mtok"] = pd.Series(np.nan, index=classified.index)
            out.loc[free, "usd_per_mtok"] = 0.0
            out.loc[paid.index, "usd_per_mtok"] = per_mtok
    if calibration is not None and long_tail.any():
        out.loc[long_tail, SPEND_SCENARIO_COLUMNS] = tail_spend(out, calibration)
    out["unpriced_max_usd"] = unpriced_potential(out)
    return out


def tail_spend(priced: pd.DataFrame, calibration: Calibration) -> pd.DataFrame:
    """The long tail's dollars per day under every scenario: its tokens at the named models' dollars
    per token that day (priced rows and free rows; unpriced rows are left out of both sums) times
    the tail's measured multiple (its low and high edge in the ratio scenarios)."""
    named = priced[(priced["price_basis"] != LONG_TAIL_BASIS) & (priced["price_basis"] != "unpriced")]
    tail = priced[priced["price_basis"] == LONG_TAIL_BASIS]
    multiple = calibration.tail_ratios(tail["date"])
    tokens = named.groupby("date")["tokens"].sum()
    out = {}
    for name, (_basis, _prompt_edge, ratio_edge) in SCENARIOS.items():
        column = SCENARIO_COLUMNS[name]
        rate = (named.groupby("date")[column].sum() / tokens).reindex(tail["date"]).to_numpy()
        edge = "central" if ratio_edge in ("central", "full") else ratio_edge
        out[column] = tail["tokens"].to_numpy() * rate * multiple[edge].to_numpy()
    return pd.DataFrame(out, index=tail.index)


def unpriced_potential(priced: pd.DataFrame) -> pd.Series:
    """The most an unpriced paid row could cost: its tokens at the highest central price of its
    maker's priced models that day, else at the 90th percentile of all priced models that day."""
    paid_priced = priced[priced["price_basis"].isin(PRICED_BASES)]
    by_author = paid_priced.groupby(["date", "author"])["usd_per_mtok"].max()
    by_day = paid_priced.groupby("date")["usd_per_mtok"].quantile(UNPRICED_FALLBACK_QUANTILE)
    unpriced = priced["price_basis"] == "unpriced"
    keys = pd.MultiIndex.from_frame(priced.loc[unpriced, ["date", "author"]])
    price = pd.Series(by_author.reindex(keys).to_numpy(), index=priced.index[unpriced])
    price = price.fillna(priced.loc[unpriced, "date"].map(by_day))
    out = pd.Series(0.0, index=priced.index)
    out[unpriced] = priced.loc[unpriced, "tokens"] / 1e6 * price.fillna(0.0)
    return out


def daily_spend_table(priced: pd.DataFrame) -> pd.DataFrame:
    """The published per-model, per-day estimate: central spend, every scenario and the unpriced
    ceiling (notebook 4 reads it instead of pricing the rankings again)."""
    return priced[DAILY_SPEND_COLUMNS].reset_index(drop=True)


def with_daily_spend(daily: pd.DataFrame, daily_spend: pd.DataFrame) -> pd.DataFrame:
    """The cleaned daily rows with notebook 3's spend columns, matched one to one on day and model.

    Notebook 3 writes its table row for row in the daily table's order, so when the keys line up
    the columns are joined by position (a merge on two string keys costs more than the rest of the
    join at scale); otherwise rows are matched by key, and a missing one is an error.
    """
    keys = ["date", "model_permaslug"]
    if len(daily) == len(daily_spend) and daily[keys].reset_index(drop=True).equals(daily_spend[keys]):
        return pd.concat([daily.reset_index(drop=True), daily_spend.drop(columns=keys)], axis=1)
    merged = daily.merge(daily_spend, on=["date", "model_permaslug"], how="left", indicator=True, validate="one_to_one")
    unmatched = merged["_merge"] != "both"
    if unmatched.any():
        first = merged.loc[unmatched].iloc[0]
        raise RawDataError(
            f"daily_model_spend.csv has no row for {first['model_permaslug']} on "
            f"{first['date']:%Y-%m-%d} ({int(unmatched.sum())} rows missing); rerun notebook 3"
        )
    return merged.drop(columns="_merge")
