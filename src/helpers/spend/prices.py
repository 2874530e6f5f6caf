"""The price table: dated charged and list prices per model, checked, and each row's price on its day.

Rules, each in one place below:

- A price row is valid from ``valid_from`` to ``valid_to`` (open when empty). On a day no row
  covers, the nearest earlier row is carried forward; before a model's first row, its first row is
  carried back. Either way the day is flagged, and a day priced before the price was observed
  (``observed_date``) counts as carried back too. Tier rows (long-context, batch, cache) never
  stand in for the base price.
- A variant other than ``:free`` (``:thinking``, ...) uses its own price if listed, else its model's.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ..contracts import read_raw_table
from ..contracts import spend as contracts
from ..rankings import per_distinct
from ..registry import strip_variant

PRICE_COLUMNS = contracts.PRICES.header


BASES = contracts.BASES


BASE_KINDS = contracts.BASE_KINDS


TIER_KINDS = contracts.TIER_KINDS


def load_prices(path: Path) -> pd.DataFrame:
    """Read and check the price table (:data:`helpers.contracts.spend.PRICES`); errors name the
    file, line and column.

    Checks: known basis and kind, prices from 0 to a plausible ceiling in US dollars per million
    tokens, ISO dates, ``valid_to`` not before ``valid_from``, ``carried_back`` true exactly when a
    row is valid before it was observed, a URL on every row, and no two base-price rows of one
    model and basis covering the same day.
    """
    return read_raw_table(Path(path), contracts.PRICES)


def promotions(prices: pd.DataFrame) -> pd.DataFrame:
    """Charged promotions and introductory prices with their dates (drawn on the spend chart)."""
    promo = prices[(prices["basis"] == "charged") & prices["price_kind"].isin(["promotion", "introductory"])]
    return promo[["model_permaslug", "price_kind", "valid_from", "valid_to", "source_url"]].reset_index(drop=True)


def price_key(rows: pd.DataFrame, prices: pd.DataFrame) -> pd.Series:
    """The permaslug to look a row's price up under: itself if priced, else its model without variant."""
    priced = set(prices["model_permaslug"])
    return per_distinct(rows["model_permaslug"], lambda slugs: slugs.where(slugs.isin(priced), strip_variant(slugs)))


def lookup_basis(rows: pd.DataFrame, prices: pd.DataFrame, basis: str) -> pd.DataFrame:
    """Prompt and completion price of each row's model on its day, at one price basis, with how the
    day was priced: ``documented``, ``carried_back``, ``carried_forward`` or ``unpriced``."""
    table = prices[(prices["basis"] == basis) & prices["price_kind"].isin(BASE_KINDS)]
    rows = rows.assign(price_key=price_key(rows, table))
    right = (
        table[
            [
                "model_permaslug",
                "valid_from",
                "valid_to",
                "observed_date",
                "prompt_usd_per_mtok",
                "completion_usd_per_mtok",
            ]
        ]
        .rename(columns={"model_permaslug": "price_key"})
        .sort_values("valid_from")
    )
    left = rows[["date", "price_key"]].assign(_order=np.arange(len(rows))).sort_values("date")
    back = (
        pd.merge_asof(left, right, left_on="date", right_on="valid_from", by="price_key", direction="backward")
        .set_index("_order")
        .sort_index()
    )
    forward = (
        pd.merge_asof(left, right, left_on="date", right_on="valid_from", by="price_key", direction="forward")
        .set_index("_order")
        .sort_index()
    )
    before_first = back["valid_from"].isna() & forward["valid_from"].notna()
    chosen = back.mask(before_first, forward)
    basis_flag = pd.Series("documented", index=chosen.index)
    basis_flag = basis_flag.mask(chosen["date"] > chosen["valid_to"], "carried_forward")
    basis_flag = basis_flag.mask(before_first | (chosen["date"] < chosen["observed_date"]), "carried_back")
    basis_flag = basis_flag.mask(chosen["prompt_usd_per_mtok"].isna(), "unpriced")
    out = chosen[["prompt_usd_per_mtok", "completion_usd_per_mtok"]].assign(how=basis_flag)
    out.index = rows.index
    return out
