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

from ..errors import RawDataError
from ..paths import relative_to_root
from ..rankings import per_distinct
from ..registry import strip_variant

PRICE_COLUMNS = [
    "model_permaslug",
    "basis",
    "price_kind",
    "valid_from",
    "valid_to",
    "prompt_usd_per_mtok",
    "completion_usd_per_mtok",
    "observed_date",
    "carried_back",
    "source",
    "source_url",
    "evidence",
    "note",
]


BASES = ("charged", "list")


BASE_KINDS = ("standard", "promotion", "introductory", "permanent_reduction")


TIER_KINDS = ("long_context_tier", "batch_tier", "cache_tier")


def _lines(mask: pd.Series) -> list[int]:
    return (mask[mask].index + 2).tolist()[:5]


def _fail(path: Path, mask: pd.Series, column: str, message: str) -> None:
    raise RawDataError(f"{relative_to_root(path)}: line(s) {_lines(mask)}, column {column}: {message}")


def _dates(table: pd.DataFrame, column: str, path: Path, required: bool) -> pd.Series:
    text = table[column]
    values = pd.to_datetime(text.replace("", None), format="%Y-%m-%d", errors="coerce")
    bad = (text != "") & values.isna()
    if required:
        bad |= text == ""
    if bad.any():
        _fail(path, bad, column, "must be a YYYY-MM-DD date" + ("" if required else " or empty"))
    return values


def load_prices(path: Path) -> pd.DataFrame:
    """Read and check the price table; errors name the file, line and column.

    Checks: known basis and kind, non-negative prices, ISO dates, ``valid_to`` not before
    ``valid_from``, ``carried_back`` true exactly when a row is valid before it was observed, a
    URL on every row, and no two base-price rows of one model and basis covering the same day.
    """
    path = Path(path)
    prices = pd.read_csv(path, dtype=str, keep_default_na=False)
    if list(prices.columns) != PRICE_COLUMNS:
        raise RawDataError(f"{relative_to_root(path)}: columns {list(prices.columns)}, expected {PRICE_COLUMNS}")
    for column, allowed in (
        ("basis", BASES),
        ("price_kind", BASE_KINDS + TIER_KINDS),
        ("evidence", ("primary", "secondary")),
        ("carried_back", ("true", "false")),
    ):
        bad = ~prices[column].isin(allowed)
        if bad.any():
            _fail(path, bad, column, f"must be one of {list(allowed)}")
    for column in ("prompt_usd_per_mtok", "completion_usd_per_mtok"):
        values = pd.to_numeric(prices[column], errors="coerce")
        bad = values.isna() | (values < 0)
        if bad.any():
            _fail(path, bad, column, "must be a non-negative number (USD per million tokens)")
        prices[column] = values
    no_url = ~prices["source_url"].str.match(r"https?://\S+$")
    if no_url.any():
        _fail(path, no_url, "source_url", "every price needs the URL of its source")
    prices["valid_from"] = _dates(prices, "valid_from", path, required=True)
    prices["valid_to"] = _dates(prices, "valid_to", path, required=False)
    prices["observed_date"] = _dates(prices, "observed_date", path, required=False)
    backwards = prices["valid_to"] < prices["valid_from"]
    if backwards.any():
        _fail(path, backwards, "valid_to", "is before valid_from")
    carried = prices["valid_from"] < prices["observed_date"]
    wrong = (prices["carried_back"] == "true") != carried.fillna(False)
    if wrong.any():
        _fail(path, wrong, "carried_back", "must be true exactly when valid_from is before observed_date")
    prices["carried_back"] = prices["carried_back"] == "true"
    _check_no_overlap(prices, path)
    return prices


def _check_no_overlap(prices: pd.DataFrame, path: Path) -> None:
    base = prices[prices["price_kind"].isin(BASE_KINDS)].sort_values(["model_permaslug", "basis", "valid_from"])
    next_start = base.groupby(["model_permaslug", "basis"])["valid_from"].shift(-1)
    overlap = next_start.notna() & (base["valid_to"].isna() | (next_start <= base["valid_to"]))
    if overlap.any():
        first = base[overlap].iloc[0]
        raise RawDataError(
            f"{relative_to_root(path)}: line {base.index[overlap][0] + 2}: {first['model_permaslug']} "
            f"({first['basis']}) has two prices covering {next_start[overlap].iat[0]:%Y-%m-%d}"
        )


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
