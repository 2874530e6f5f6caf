"""The spend lens: list prices joined to the rankings, blended, and summed into estimated dollars.

The rankings count tokens; enterprise data counts money. To compare like with like each model's
daily tokens are priced at its OpenRouter list price (USD per million prompt and completion
tokens, ``data/raw/prices/prices.csv``). The rankings give total tokens only, so prompt and
completion prices are blended with a documented prompt share of tokens (a parameter).

Rules, each in one place below:

- ``:free`` variants and stealth models cost 0 (they were free during their trials); the long
  tail (``other``) cannot be priced and is reported, never dropped silently.
- A model's price on a day is its latest ``list`` observation at or before that day; where the
  first observation comes later, that later price is used and the tokens are flagged
  ``price_from_later_observation``; undated observations are a last resort, flagged ``undated``.
  ``promo`` observations are kept apart and used only where no list price exists.
- A variant other than ``:free`` (``:thinking``, ``:beta``, ...) uses its own price if listed,
  else its model's.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .errors import RawDataError
from .paths import relative_to_root
from .registry import ORIGIN_GROUPS
from .weekly import week_start

PRICE_COLUMNS = ["model_permaslug", "prompt_usd_per_mtok", "completion_usd_per_mtok", "observed_date",
                 "price_kind", "source", "source_url", "note"]
PROMOTION_COLUMNS = ["model_permaslug", "start_date", "end_date", "fraction_off", "source_url", "note"]
DEFAULT_PROMPT_SHARE = 0.9
PROMPT_SHARE_RANGE = (0.7, 0.75, 0.8, 0.85, 0.9, 0.95)
DAILY_SPEND_COLUMNS = ["date", "model_permaslug", "price_basis", "usd_per_mtok", "est_spend_usd"]
SPEND_COLUMNS = ["week_start", "origin", "tokens", "paid_tokens", "free_tokens", "est_spend_usd",
                 "spend_share", "priced_share"]
FREE_KINDS = ("stealth", "stealth_revealed")


def load_prices(path: Path) -> pd.DataFrame:
    """Read and check the price table; errors name the file and line."""
    prices = pd.read_csv(path, dtype=str, keep_default_na=False)
    where = relative_to_root(path)
    if list(prices.columns) != PRICE_COLUMNS:
        raise RawDataError(f"{where}: columns {list(prices.columns)}, expected {PRICE_COLUMNS}")
    for column in ("prompt_usd_per_mtok", "completion_usd_per_mtok"):
        values = pd.to_numeric(prices[column], errors="coerce")
        bad = values.isna() | (values < 0)
        if bad.any():
            raise RawDataError(f"{where}: line(s) {(prices.index[bad] + 2).tolist()[:5]}: {column} "
                               "must be a non-negative number")
        prices[column] = values
    prices["observed_date"] = pd.to_datetime(prices["observed_date"].replace("", None), format="%Y-%m-%d")
    bad_kind = ~prices["price_kind"].isin(["list", "promo"])
    if bad_kind.any():
        raise RawDataError(f"{where}: line(s) {(prices.index[bad_kind] + 2).tolist()[:5]}: price_kind must be list or promo")
    return prices


def load_promotions(path: Path) -> pd.DataFrame:
    promotions = pd.read_csv(path, dtype=str, keep_default_na=False)
    if list(promotions.columns) != PROMOTION_COLUMNS:
        raise RawDataError(f"{relative_to_root(path)}: columns {list(promotions.columns)}, expected {PROMOTION_COLUMNS}")
    for column in ("start_date", "end_date"):
        promotions[column] = pd.to_datetime(promotions[column].replace("", None), format="%Y-%m-%d")
    promotions["fraction_off"] = pd.to_numeric(promotions["fraction_off"])
    return promotions


def blended_price(prices: pd.DataFrame, prompt_share: float) -> pd.Series:
    """USD per million tokens when ``prompt_share`` of the tokens are prompt tokens."""
    if not 0 <= prompt_share <= 1:
        raise ValueError(f"prompt_share={prompt_share} must lie between 0 and 1")
    return prompt_share * prices["prompt_usd_per_mtok"] + (1 - prompt_share) * prices["completion_usd_per_mtok"]


def _one_price_per_day(prices: pd.DataFrame) -> pd.DataFrame:
    """Collapse several observations of a model on one date: list before promo, then file order."""
    ordered = prices.assign(_kind=(prices["price_kind"] != "list").astype(int), _row=range(len(prices)))
    ordered = ordered.sort_values(["model_permaslug", "observed_date", "_kind", "_row"])
    return ordered.drop_duplicates(["model_permaslug", "observed_date"]).drop(columns=["_kind", "_row"])


def price_key(rows: pd.DataFrame, prices: pd.DataFrame) -> pd.Series:
    """The permaslug to look a row's price up under: itself if priced, else its model without variant."""
    base = rows["model_permaslug"].str.partition(":")[0]
    return rows["model_permaslug"].where(rows["model_permaslug"].isin(prices["model_permaslug"]), base)


def lookup_prices(rows: pd.DataFrame, prices: pd.DataFrame, prompt_share: float) -> pd.DataFrame:
    """Add ``usd_per_mtok`` (blended) and ``price_basis`` to paid rows; unpriced rows get NaN.

    ``price_basis`` is one of ``at_or_before``, ``price_from_later_observation``, ``undated``,
    ``promo_only`` or ``unpriced``.
    """
    table = prices.assign(usd_per_mtok=blended_price(prices, prompt_share))
    listed = table[table["price_kind"] == "list"]
    dated = _one_price_per_day(listed.dropna(subset=["observed_date"]))
    out = rows.assign(price_key=price_key(rows, prices), _order=range(len(rows))).sort_values("date")
    right = dated[["model_permaslug", "observed_date", "usd_per_mtok"]].rename(
        columns={"model_permaslug": "price_key"}).sort_values("observed_date")
    back = pd.merge_asof(out, right, left_on="date", right_on="observed_date", by="price_key", direction="backward")
    forward = pd.merge_asof(out, right, left_on="date", right_on="observed_date", by="price_key", direction="forward")
    back = back.set_index("_order")
    forward = forward.set_index("_order")
    price = back["usd_per_mtok"]
    basis = pd.Series("at_or_before", index=back.index).where(price.notna(), "unpriced")
    later = price.isna() & forward["usd_per_mtok"].notna()
    price = price.where(~later, forward["usd_per_mtok"])
    basis = basis.where(~later, "price_from_later_observation")
    for kind, pool in (("undated", listed[listed["observed_date"].isna()]), ("promo_only", table[table["price_kind"] == "promo"])):
        fallback = back["price_key"].map(pool.groupby("model_permaslug")["usd_per_mtok"].first())
        use = price.isna() & fallback.notna()
        price = price.where(~use, fallback)
        basis = basis.where(~use, kind)
    result = back.drop(columns=["observed_date", "usd_per_mtok"]).assign(usd_per_mtok=price, price_basis=basis)
    return result.sort_index().reset_index(drop=True)


def is_free(rows: pd.DataFrame) -> pd.Series:
    """$0 traffic: ``:free`` variants and stealth models (free during their trials)."""
    return (rows["variant"] == "free") | rows["author"].isin(["openrouter", "stealth"])


def price_rows(classified: pd.DataFrame, prices: pd.DataFrame, prompt_share: float) -> pd.DataFrame:
    """Every row with its estimated spend; free rows cost 0, the long tail and unpriced rows NaN."""
    free = is_free(classified)
    long_tail = classified["origin"] == "LONG_TAIL"
    paid = classified[~free & ~long_tail]
    priced = lookup_prices(paid, prices, prompt_share).set_index(paid.index)
    out = classified.assign(free=free, usd_per_mtok=float("nan"), price_basis="")
    out.loc[free, ["usd_per_mtok", "price_basis"]] = [0.0, "free"]
    out.loc[long_tail, "price_basis"] = "long_tail"
    out.loc[paid.index, "usd_per_mtok"] = priced["usd_per_mtok"]
    out.loc[paid.index, "price_basis"] = priced["price_basis"]
    out["est_spend_usd"] = out["tokens"] / 1e6 * out["usd_per_mtok"]
    return out


def daily_spend_table(priced: pd.DataFrame) -> pd.DataFrame:
    """The published per-model, per-day spend estimate (notebook 3 writes it; later notebooks read it
    instead of pricing the rankings again, so every lens uses the same prices and prompt share)."""
    return priced[DAILY_SPEND_COLUMNS].reset_index(drop=True)


def with_daily_spend(daily: pd.DataFrame, daily_spend: pd.DataFrame) -> pd.DataFrame:
    """The cleaned daily rows with notebook 3's spend columns, matched one to one on day and model."""
    merged = daily.merge(daily_spend, on=["date", "model_permaslug"], how="left", indicator=True, validate="one_to_one")
    unmatched = merged["_merge"] != "both"
    if unmatched.any():
        first = merged.loc[unmatched].iloc[0]
        raise RawDataError(f"daily_model_spend.csv has no row for {first['model_permaslug']} on "
                           f"{first['date']:%Y-%m-%d} ({int(unmatched.sum())} rows missing); rerun notebook 3")
    return merged.drop(columns="_merge")


def weekly_origin_spend(priced: pd.DataFrame) -> pd.DataFrame:
    """The published weekly table: tokens, paid and free tokens, estimated spend and shares.

    ``spend_share`` is of all estimated spend that week (groups sum to 1); ``priced_share`` is the
    share of the group's paid, attributed tokens that got a price (NaN for the long tail).
    """
    rows = priced.assign(week_start=week_start(priced["date"]))
    paid = ~rows["free"] & (rows["origin"] != "LONG_TAIL")
    rows = rows.assign(paid_tokens=rows["tokens"].where(paid, 0),
                       free_tokens=rows["tokens"].where(rows["free"], 0),
                       priced_tokens=rows["tokens"].where(paid & rows["usd_per_mtok"].notna(), 0),
                       spend=rows["est_spend_usd"].fillna(0.0))
    grouped = rows.groupby(["week_start", "origin"], observed=True)[
        ["tokens", "paid_tokens", "free_tokens", "priced_tokens", "spend"]].sum()
    full = pd.MultiIndex.from_product([grouped.index.levels[0], ORIGIN_GROUPS], names=["week_start", "origin"])
    grouped = grouped.reindex(full, fill_value=0)
    week_spend = grouped.groupby(level="week_start")["spend"].transform("sum")
    out = grouped.assign(est_spend_usd=grouped["spend"].round(2),
                         spend_share=grouped["spend"] / week_spend,
                         priced_share=(grouped["priced_tokens"] / grouped["paid_tokens"]).where(grouped["paid_tokens"] > 0))
    return out.reset_index()[SPEND_COLUMNS]


def weekly_coverage(priced: pd.DataFrame) -> pd.DataFrame:
    """Priced share of all paid, attributed tokens per week (the coverage target is per week)."""
    rows = priced.assign(week_start=week_start(priced["date"]))
    paid = rows[~rows["free"] & (rows["origin"] != "LONG_TAIL")]
    total = paid.groupby("week_start")["tokens"].sum()
    covered = paid[paid["usd_per_mtok"].notna()].groupby("week_start")["tokens"].sum()
    later = paid[paid["price_basis"] == "price_from_later_observation"].groupby("week_start")["tokens"].sum()
    out = pd.DataFrame({"paid_tokens": total, "priced_share": covered.reindex(total.index, fill_value=0) / total,
                        "later_price_share": later.reindex(total.index, fill_value=0) / total})
    out["target"] = out.index.year.map(lambda year: 0.9 if year >= 2026 else 0.8)
    out["meets_target"] = out["priced_share"] >= out["target"]
    return out.reset_index()


def unpriced_models(priced: pd.DataFrame) -> pd.DataFrame:
    """Paid models without any price, with their tokens: reported, never silently dropped."""
    rows = priced[(priced["price_basis"] == "unpriced")]
    return (rows.groupby(["model_permaslug", "origin"], observed=True)["tokens"].sum()
            .sort_values(ascending=False).reset_index())


def cn_us_spend(weekly_spend: pd.DataFrame) -> pd.DataFrame:
    """Weekly CN and US estimated spend in the shape the streak logic takes."""
    wide = weekly_spend.pivot(index="week_start", columns="origin", values="est_spend_usd")
    return pd.DataFrame({"week_start": wide.index, "cn_tokens": wide["CN"].values,
                         "us_tokens": wide["US"].values, "total_tokens": wide.sum(axis=1).values})


def sensitivity(classified: pd.DataFrame, prices: pd.DataFrame, shares=PROMPT_SHARE_RANGE) -> pd.DataFrame:
    """CN and US share of estimated spend over the whole run, for each prompt share."""
    records = []
    for share in shares:
        spend = price_rows(classified, prices, share).groupby("origin", observed=True)["est_spend_usd"].sum()
        records.append({"prompt_share": share, "cn_spend_share": spend.get("CN", 0) / spend.sum(),
                        "us_spend_share": spend.get("US", 0) / spend.sum(), "total_usd_m": spend.sum() / 1e6})
    return pd.DataFrame(records)
