"""The spend lens: prices joined to the rankings, blended, and summed into estimated dollars, as bands.

The rankings count tokens; enterprise data counts money. Each model's daily tokens are priced
twice: at the price OpenRouter charged that day (promotions and permanent reductions included:
the central estimate) and at the lab's list price (the other edge). The rankings give total tokens
only, so prompt and completion prices are blended with a prompt share taken per model class from
``data/raw/assumptions/prompt_share.csv`` (a central value and a range, each with its sources).

Rules, each in one place below:

- A price row is valid from ``valid_from`` to ``valid_to`` (open when empty). On a day no row
  covers, the nearest earlier row is carried forward; before a model's first row, its first row is
  carried back. Either way the day is flagged, and a day priced before the price was observed
  (``observed_date``) counts as carried back too. Tier rows (long-context, batch, cache) never
  stand in for the base price.
- ``:free`` variants and stealth models cost 0 (free during their trials); the long tail
  (``other``) cannot be priced and is reported, never dropped silently.
- A variant other than ``:free`` (``:thinking``, ...) uses its own price if listed, else its model's.
- An unpriced paid model could carry anything from $0 to the highest price of its maker's priced
  models that day (or the 90th percentile of all priced models when its maker has none); spend
  shares are given as a band spanning prices charged and list, the prompt-share range and that
  unpriced range.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from .dates import week_start
from .errors import ParameterError, RawDataError
from .findings import Finding, Findings, band_text, capitalised, count, join_names
from .paths import relative_to_root
from .rankings import per_distinct
from .registry import ORIGIN_GROUPS, split_permaslug, strip_variant

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
PROMPT_SHARE_COLUMNS = [
    "model_class",
    "prompt_share_central",
    "prompt_share_low",
    "prompt_share_high",
    "evidence",
    "source_urls",
    "note",
]
MODEL_CLASS_COLUMNS = ["match", "key", "model_class", "note"]
DEFAULT_CLASS = "general"
# Band scenarios: (price basis, prompt-share edge). "central" is the estimate; the rest span the band.
SCENARIOS = {
    "central": ("charged", "central"),
    "charged_ps_low": ("charged", "low"),
    "charged_ps_high": ("charged", "high"),
    "list_ps_central": ("list", "central"),
    "list_ps_low": ("list", "low"),
    "list_ps_high": ("list", "high"),
}
SCENARIO_COLUMNS = {name: "est_spend_usd" if name == "central" else f"spend_usd_{name}" for name in SCENARIOS}
SPEND_SCENARIO_COLUMNS = list(SCENARIO_COLUMNS.values())
DAILY_SPEND_COLUMNS = [
    "date",
    "model_permaslug",
    "model_class",
    "price_basis",
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
COVERAGE_TARGETS = {2025: 0.8, 2026: 0.9}  # share of paid, attributed tokens priced, per week


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


# --------------------------------------------------------------------------- prompt share


@dataclass(frozen=True)
class PromptShares:
    """The prompt-share assumption: a central value and range per model class, and how models map
    to classes (``match`` is ``author`` or ``pattern``, a regular expression on the model slug)."""

    shares: pd.DataFrame
    classes: pd.DataFrame
    override: float | None = None

    def model_class(self, rows: pd.DataFrame) -> pd.Series:
        """Each row's model class (the rules are matched once per distinct permaslug)."""
        return per_distinct(rows["model_permaslug"], self._classes_of)

    def _assumptions_of(self, permaslugs: pd.Series) -> pd.DataFrame:
        cls = self._classes_of(permaslugs)
        table = self.shares.set_index("model_class")
        return pd.DataFrame(
            {
                "model_class": cls,
                "central": cls.map(table["prompt_share_central"]),
                "low": cls.map(table["prompt_share_low"]),
                "high": cls.map(table["prompt_share_high"]),
            }
        )

    def _classes_of(self, permaslugs: pd.Series) -> pd.Series:
        parts = split_permaslug(permaslugs)
        base, author = parts["base_slug"], parts["author"]
        cls = pd.Series(DEFAULT_CLASS, index=permaslugs.index)
        for rule in self.classes.itertuples():  # a few rules, applied in table order (later wins)
            hit = (author == rule.key) if rule.match == "author" else base.str.contains(rule.key, regex=True)
            cls = cls.mask(hit, rule.model_class)
        return cls

    def for_rows(self, rows: pd.DataFrame) -> pd.DataFrame:
        """Each row's model class and its central, low and high prompt share (looked up once per
        distinct permaslug)."""
        out = per_distinct(rows["model_permaslug"], self._assumptions_of)
        if self.override is not None:
            out["central"] = self.override
            out["low"] = out[["low", "central"]].min(axis=1)
            out["high"] = out[["high", "central"]].max(axis=1)
        return out


def load_prompt_shares(folder: Path, override: float | None = None) -> PromptShares:
    """The prompt-share tables (``prompt_share.csv``, ``model_classes.csv``); ``override`` replaces
    every central value (the notebook parameter), keeping each class's range around it."""
    from .registry import read_curated_table

    folder = Path(folder)
    shares = read_curated_table(folder / "prompt_share.csv", PROMPT_SHARE_COLUMNS)
    for column in ("prompt_share_central", "prompt_share_low", "prompt_share_high"):
        values = pd.to_numeric(shares[column], errors="coerce")
        bad = values.isna() | (values < 0) | (values > 1)
        if bad.any():
            _fail(folder / "prompt_share.csv", bad, column, "must be a share from 0 to 1")
        shares[column] = values
    disorder = (shares["prompt_share_low"] > shares["prompt_share_central"]) | (
        shares["prompt_share_central"] > shares["prompt_share_high"]
    )
    if disorder.any():
        _fail(folder / "prompt_share.csv", disorder, "prompt_share_central", "must lie between low and high")
    if DEFAULT_CLASS not in set(shares["model_class"]):
        raise RawDataError(f"{relative_to_root(folder / 'prompt_share.csv')}: needs a '{DEFAULT_CLASS}' row")
    classes = read_curated_table(folder / "model_classes.csv", MODEL_CLASS_COLUMNS)
    unknown = ~classes["model_class"].isin(shares["model_class"])
    if unknown.any():
        _fail(folder / "model_classes.csv", unknown, "model_class", "is not a class of prompt_share.csv")
    bad_match = ~classes["match"].isin(["author", "pattern"])
    if bad_match.any():
        _fail(folder / "model_classes.csv", bad_match, "match", "must be author or pattern")
    if override is not None and not 0 <= float(override) <= 1:
        raise ParameterError(f"prompt_share={override} must lie between 0 and 1")
    return PromptShares(shares, classes, None if override is None else float(override))


# --------------------------------------------------------------------------- pricing


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


def is_free(rows: pd.DataFrame) -> pd.Series:
    """$0 traffic: ``:free`` variants and stealth models (free during their trials, per the registry)."""
    return (rows["variant"] == "free") | rows["override_kind"].isin(FREE_OVERRIDES)


def blend(prompt: pd.Series, completion: pd.Series, prompt_share: pd.Series) -> pd.Series:
    """USD per million tokens when ``prompt_share`` of each row's tokens are prompt tokens."""
    return prompt_share * prompt + (1 - prompt_share) * completion


def price_rows(
    classified: pd.DataFrame, prices: pd.DataFrame, shares: PromptShares, prompt_multiplier: float = 1.0
) -> pd.DataFrame:
    """Every row with its estimated spend under every band scenario.

    Free rows cost 0; the long tail and unpriced rows have no spend (NaN) but unpriced rows carry
    ``unpriced_max_usd``, the most they could cost. ``prompt_multiplier`` scales the prompt price
    (a caching sensitivity: cached prompt tokens are billed at a fraction of it).
    """
    free = is_free(classified)
    long_tail = classified["origin"] == "LONG_TAIL"
    paid = classified[~free & ~long_tail]
    charged = lookup_basis(paid, prices, "charged")
    listed = lookup_basis(paid, prices, "list")
    # a model priced on one basis only: that price stands for both edges
    charged = charged.where(charged["how"] != "unpriced", listed)
    listed = listed.where(listed["how"] != "unpriced", charged)
    assumption = shares.for_rows(classified)
    out = classified.assign(free=free, model_class=assumption["model_class"], price_basis="")
    out.loc[free, "price_basis"] = "free"
    out.loc[long_tail, "price_basis"] = "long_tail"
    out.loc[paid.index, "price_basis"] = charged["how"]
    for name, (basis, edge) in SCENARIOS.items():
        table = charged if basis == "charged" else listed
        per_mtok = blend(
            prompt_multiplier * table["prompt_usd_per_mtok"],
            table["completion_usd_per_mtok"],
            assumption.loc[paid.index, edge],
        )
        column = pd.Series(np.nan, index=classified.index)
        column[free] = 0.0
        column[paid.index] = classified.loc[paid.index, "tokens"] / 1e6 * per_mtok
        out[SCENARIO_COLUMNS[name]] = column
        if name == "central":
            out["usd_per_mtok"] = pd.Series(np.nan, index=classified.index)
            out.loc[free, "usd_per_mtok"] = 0.0
            out.loc[paid.index, "usd_per_mtok"] = per_mtok
    out["unpriced_max_usd"] = unpriced_potential(out)
    return out


def unpriced_potential(priced: pd.DataFrame) -> pd.Series:
    """The most an unpriced paid row could cost: its tokens at the highest central price of its
    maker's priced models that day, else at the 90th percentile of all priced models that day."""
    paid_priced = priced[priced["price_basis"].isin(["documented", "carried_back", "carried_forward"])]
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


# --------------------------------------------------------------------------- bands


def share_bands(priced: pd.DataFrame, period: str, group: str, groups: list[str]) -> pd.DataFrame:
    """Each group's share of estimated spend per period, with its band.

    ``central`` is the central scenario's share. ``low`` is the smallest share over the band
    scenarios with every *other* group's unpriced models at their ceiling; ``high`` the largest,
    with the group's own unpriced models at their ceiling. Shares are 0 to 1.
    """
    columns = [*SPEND_SCENARIO_COLUMNS, "unpriced_max_usd"]
    sums = priced.groupby([period, group], observed=True)[columns].sum(min_count=1).fillna(0.0)
    full = pd.MultiIndex.from_product([sorted(priced[period].unique()), groups], names=[period, group])
    sums = sums.reindex(full, fill_value=0.0)
    totals = sums.groupby(level=period).transform("sum")
    own_u, all_u = sums["unpriced_max_usd"], totals["unpriced_max_usd"]
    scenario = sums[SPEND_SCENARIO_COLUMNS]
    scenario_totals = totals[SPEND_SCENARIO_COLUMNS]
    with np.errstate(invalid="ignore", divide="ignore"):
        central = scenario["est_spend_usd"] / scenario_totals["est_spend_usd"]
        low = scenario.div(scenario_totals.add(all_u - own_u, axis=0)).min(axis=1)
        high = scenario.add(own_u, axis=0).div(scenario_totals.add(own_u, axis=0)).max(axis=1)
    return pd.DataFrame(
        {"share": central, "share_low": np.minimum(low, central), "share_high": np.maximum(high, central)}
    ).fillna(0.0)


def weekly_origin_spend(priced: pd.DataFrame) -> pd.DataFrame:
    """The published weekly table: tokens, paid, free and priced tokens, central spend, spend share
    with its band, and the spend priced with prices carried back in time."""
    rows = priced.assign(week_start=week_start(priced["date"]))
    paid = ~rows["free"] & (rows["origin"] != "LONG_TAIL")
    rows = rows.assign(
        paid_tokens=rows["tokens"].where(paid, 0),
        free_tokens=rows["tokens"].where(rows["free"], 0),
        priced_tokens=rows["tokens"].where(paid & rows["est_spend_usd"].notna(), 0),
        carried=rows["est_spend_usd"].where(rows["price_basis"] == "carried_back", 0.0).fillna(0.0),
    )
    grouped = rows.groupby(["week_start", "origin"], observed=True)[
        ["tokens", "paid_tokens", "free_tokens", "priced_tokens", "est_spend_usd", "carried"]
    ].sum()
    full = pd.MultiIndex.from_product(
        [sorted(rows["week_start"].unique()), ORIGIN_GROUPS], names=["week_start", "origin"]
    )
    grouped = grouped.reindex(full, fill_value=0)
    bands = share_bands(rows, "week_start", "origin", ORIGIN_GROUPS)
    out = grouped.assign(
        est_spend_usd=grouped["est_spend_usd"].round(2),
        spend_share=bands["share"],
        spend_share_low=bands["share_low"],
        spend_share_high=bands["share_high"],
        carried_back_spend_usd=grouped["carried"].round(2),
    )
    return out.reset_index()[SPEND_COLUMNS]


# --------------------------------------------------------------------------- coverage and diagnostics


def weekly_coverage(priced: pd.DataFrame) -> pd.DataFrame:
    """Per week: priced share of paid, attributed tokens (the coverage target), share priced with a
    price carried back, and the unpriced tokens' ceiling as a share of the week's spend."""
    rows = priced.assign(week_start=week_start(priced["date"]))
    paid = rows[~rows["free"] & (rows["origin"] != "LONG_TAIL")]
    total = paid.groupby("week_start")["tokens"].sum()
    covered = paid[paid["est_spend_usd"].notna()].groupby("week_start")["tokens"].sum()
    later = paid[paid["price_basis"] == "carried_back"].groupby("week_start")["tokens"].sum()
    spend = rows.groupby("week_start")["est_spend_usd"].sum()
    ceiling = rows.groupby("week_start")["unpriced_max_usd"].sum()
    out = pd.DataFrame(
        {
            "paid_tokens": total,
            "priced_share": covered.reindex(total.index, fill_value=0) / total,
            "carried_back_share": later.reindex(total.index, fill_value=0) / total,
            "unpriced_ceiling_share": (ceiling / (spend + ceiling)).reindex(total.index),
        }
    )
    out["target"] = out.index.year.map(lambda year: COVERAGE_TARGETS.get(year, max(COVERAGE_TARGETS.values())))
    out["meets_target"] = out["priced_share"] >= out["target"]
    return out.reset_index()


def unpriced_models(priced: pd.DataFrame, threshold_points: float = 1.0) -> pd.DataFrame:
    """Paid models without any price: tokens, the most they could cost, and the most that could add
    to their maker's share of a month's spend (points), flagged above ``threshold_points``."""
    rows = priced.assign(month=priced["date"].dt.to_period("M"))
    month_spend = rows.groupby("month")["est_spend_usd"].sum()
    unpriced = rows[rows["price_basis"] == "unpriced"]
    if unpriced.empty:
        return pd.DataFrame(
            columns=["model_permaslug", "origin", "tokens", "unpriced_max_usd", "max_points", "moves_share"]
        )
    per_month = unpriced.groupby(["model_permaslug", "origin", "month"], observed=True)[
        ["tokens", "unpriced_max_usd"]
    ].sum()
    ceiling = per_month["unpriced_max_usd"]
    months = per_month.index.get_level_values("month")
    points = 100 * ceiling / (month_spend.reindex(months).to_numpy() + ceiling)
    summary = (
        per_month.assign(points=points)
        .groupby(level=["model_permaslug", "origin"], observed=True)
        .agg(tokens=("tokens", "sum"), unpriced_max_usd=("unpriced_max_usd", "sum"), max_points=("points", "max"))
    )
    summary["moves_share"] = summary["max_points"] > threshold_points
    return summary.sort_values("tokens", ascending=False).reset_index()


def carried_back_points(priced: pd.DataFrame, group: pd.Series, year: int) -> pd.DataFrame:
    """Per month of ``year`` and group: how many points of the group's spend share rest on prices
    carried back in time (its carried-back spend as a percent of the month's spend)."""
    rows = priced.assign(group=group, month=priced["date"].dt.to_period("M").dt.start_time)
    rows = rows[rows["date"].dt.year == year]
    if rows.empty:
        return pd.DataFrame()
    carried = rows["est_spend_usd"].where(rows["price_basis"] == "carried_back", 0.0).fillna(0.0)
    share = (
        100
        * rows.assign(c=carried).groupby(["month", "group"])["c"].sum()
        / rows.groupby("month")["est_spend_usd"].sum()
    )
    return share.unstack("group", fill_value=0.0).round(1)


def prompt_share_sensitivity(
    classified: pd.DataFrame,
    prices: pd.DataFrame,
    shares: PromptShares,
    values=(0.75, 0.8, 0.85, 0.9, 0.935, 0.95, 0.99),
) -> pd.DataFrame:
    """Chinese and US share of central estimated spend if every model had the same prompt share."""
    records = []
    for value in values:
        fixed = PromptShares(shares.shares, shares.classes, value)
        records.append({"prompt_share": value, **_cn_us_split(price_rows(classified, prices, fixed))})
    return pd.DataFrame(records).round(2)


def caching_sensitivity(
    classified: pd.DataFrame, prices: pd.DataFrame, shares: PromptShares, multipliers=(1.0, 0.7, 0.5, 0.3)
) -> pd.DataFrame:
    """Chinese and US share of central spend if prompt tokens cost a fraction of the prompt price
    (caching: cached prompt tokens are billed at 10-50% of it, depending on the provider)."""
    records = [
        {"prompt_price_multiplier": m, **_cn_us_split(price_rows(classified, prices, shares, m))} for m in multipliers
    ]
    return pd.DataFrame(records).round(2)


def _cn_us_split(priced: pd.DataFrame) -> dict[str, float]:
    """Chinese and US percent of central estimated spend, and the total in millions of dollars."""
    spend = priced.groupby("origin", observed=True)["est_spend_usd"].sum()
    return {
        "cn_spend_pct": 100 * spend.get("CN", 0) / spend.sum(),
        "us_spend_pct": 100 * spend.get("US", 0) / spend.sum(),
        "total_usd_millions": spend.sum() / 1e6,
    }


def coverage_by_year(coverage: pd.DataFrame) -> pd.DataFrame:
    """The coverage table summed up per year: weeks, lowest priced share, weeks meeting the target,
    mean share priced with a price carried back, largest unpriced ceiling."""
    return (
        coverage.groupby(coverage["week_start"].dt.year)
        .agg(
            weeks=("priced_share", "size"),
            lowest_priced_share=("priced_share", "min"),
            weeks_meeting_target=("meets_target", "sum"),
            mean_carried_back_share=("carried_back_share", "mean"),
            largest_unpriced_ceiling_share=("unpriced_ceiling_share", "max"),
        )
        .round(3)
        .rename_axis("year")
    )


def dollar_streaks(priced: pd.DataFrame, history: pd.DataFrame) -> pd.DataFrame:
    """The headline's streak rule applied to central estimated spend, over every week of the data."""
    from .headline import add_week_completeness, streaks

    dollars = cn_us_spend(weekly_origin_spend(priced)).assign(definition="all_spend")
    return streaks(add_week_completeness(dollars, history), "cn_spend_usd", "us_spend_usd")


def last_weeks(dollar_streaks: pd.DataFrame, window, n: int = 8) -> pd.DataFrame:
    """The run's last complete weeks of the dollar comparison, in whole dollars."""
    rows = dollar_streaks[dollar_streaks["week_start"].isin(window.complete_weeks())].tail(n)
    dollars = ["cn_spend_usd", "us_spend_usd", "total_spend_usd"]
    return rows.assign(**{c: rows[c].round(0) for c in dollars})[["week_start", *dollars, "cn_leads", "streak_weeks"]]


def cn_us_spend(weekly_spend: pd.DataFrame) -> pd.DataFrame:
    """Weekly CN and US central estimated spend (USD), in the shape the streak rule takes."""
    wide = weekly_spend.pivot(index="week_start", columns="origin", values="est_spend_usd")
    return pd.DataFrame(
        {
            "week_start": wide.index,
            "cn_spend_usd": wide["CN"].to_numpy(),
            "us_spend_usd": wide["US"].to_numpy(),
            "total_spend_usd": wide.sum(axis=1).to_numpy(),
        }
    )


# --------------------------------------------------------------------------- named periods, checks, findings


def load_spend_checks(path: Path) -> pd.DataFrame:
    """Published figures of OpenRouter spend to check the estimate against (``spend_checks.csv``)."""
    from .registry import read_curated_table

    checks = read_curated_table(Path(path), SPEND_CHECK_COLUMNS)
    for column in ("period_start", "period_end"):
        checks[column] = _dates(checks, column, Path(path), required=True)
    for column in ("value_low", "value_high"):
        values = pd.to_numeric(checks[column].replace("", None), errors="coerce")
        bad = (checks[column] != "") & values.isna()
        if bad.any():
            _fail(Path(path), bad, column, "must be a number or empty")
        checks[column] = values
    return checks


SPEND_CHECK_COLUMNS = [
    "check_id",
    "publisher",
    "url",
    "published",
    "period_start",
    "period_end",
    "author",
    "metric",
    "value_low",
    "value_high",
    "evidence",
    "note",
]


def reference_period(window, rows: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp, str]:
    """The period a spend finding names: the run's last complete calendar month, else its days."""
    from .dates import period_name

    months = pd.period_range(window.start, window.end, freq="M")
    complete = [m for m in months if m.start_time >= window.start and m.end_time.normalize() <= window.end]
    if complete:
        month = complete[-1]
        return month.start_time, month.end_time.normalize(), period_name(month.start_time, month.end_time.normalize())
    return window.start, window.end, window.label()


def period_bands(
    priced: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp, group: str, groups: list[str]
) -> pd.DataFrame:
    """Token share and spend share (with band) per group over one period, in percent."""
    rows = priced[(priced["date"] >= start) & (priced["date"] <= end)].assign(period=start)
    bands = share_bands(rows, "period", group, groups).droplevel("period")
    tokens = rows.groupby(group, observed=True)["tokens"].sum().reindex(groups, fill_value=0)
    return pd.DataFrame(
        {
            "token_pct": 100 * tokens / tokens.sum(),
            "spend_pct": 100 * bands["share"],
            "spend_low_pct": 100 * bands["share_low"],
            "spend_high_pct": 100 * bands["share_high"],
        }
    )


def compare_with_checks(
    priced: pd.DataFrame, checks: pd.DataFrame, organisations: pd.Series | None = None
) -> pd.DataFrame:
    """Each published share of OpenRouter spend beside this project's band for the same lab and
    period, and each published annual spend beside this project's estimate for that month times 12.

    ``organisations`` (author slug -> name, from the registry) names each lab for readers."""
    names = {} if organisations is None else organisations.to_dict()
    records = []
    for check in checks.itertuples():
        rows = priced[(priced["date"] >= check.period_start) & (priced["date"] <= check.period_end)]
        if rows.empty:
            continue
        if check.author:
            groups = sorted(rows["author"].unique())
            band = period_bands(priced, check.period_start, check.period_end, "author", groups).loc[check.author]
            ours = (band["spend_low_pct"], band["spend_pct"], band["spend_high_pct"])
        else:
            scenario = rows[SPEND_SCENARIO_COLUMNS].sum()
            days = (check.period_end - check.period_start).days + 1
            yearly = scenario * 365 / days
            ours = (yearly.min(), yearly["est_spend_usd"], yearly.max() + rows["unpriced_max_usd"].sum() * 365 / days)
        low, high = check.value_low, check.value_high if pd.notna(check.value_high) else np.inf
        gap = 0.0 if ours[2] >= low and ours[0] <= high else min(abs(ours[0] - high), abs(ours[2] - low))
        records.append(
            {
                "check_id": check.check_id,
                "author": check.author or "all",
                "lab": names.get(check.author, check.author) if check.author else "all",
                "metric": check.metric,
                "period": f"{check.period_start:%Y-%m-%d}..{check.period_end:%Y-%m-%d}",
                "published_low": low,
                "published_high": check.value_high,
                "ours_low": ours[0],
                "ours_central": ours[1],
                "ours_high": ours[2],
                "overlaps": gap == 0.0,
                "gap": gap,
            }
        )
    return pd.DataFrame(records)


def findings(
    window,
    priced: pd.DataFrame,
    coverage: pd.DataFrame,
    dollar_streaks: pd.DataFrame,
    unpriced: pd.DataFrame,
    carried: pd.DataFrame,
    checks: pd.DataFrame,
    claim_week: pd.Timestamp,
) -> Findings:
    """What the spend lens found, for named periods inside the run."""
    from .dates import period_phrase, week_span

    start, end, name = reference_period(window, priced)
    during = period_phrase(start, end)
    origin = period_bands(priced, start, end, "origin", ORIGIN_GROUPS)
    cn, us = origin.loc["CN"], origin.loc["US"]
    items = [
        Finding(
            f"Counted in estimated dollars instead of tokens, Chinese models' share of OpenRouter {during} falls from "
            f"{cn['token_pct']:.0f}% of tokens to {_band(cn)} of spend, while US models' rises from {us['token_pct']:.0f}% to "
            f"{_band(us)} (central estimate at the prices OpenRouter charged; the range spans list prices, the prompt-share "
            "range and unpriced models).",
            figure="03_spend_vs_token_share",
            key="spend_share",
            verdict=True,
        )
    ]
    week_rows = priced[(priced["date"] >= claim_week) & (priced["date"] <= claim_week + pd.Timedelta(days=6))]
    if claim_week in set(window.complete_weeks()):
        by = week_rows.groupby("origin", observed=True)[["est_spend_usd", "spend_usd_list_ps_central"]].sum()
        items.append(
            Finding(
                f"In the headline's week ({week_span(claim_week)}), Chinese models drew an estimated "
                f"${by.loc['CN', 'est_spend_usd'] / 1e6:.1f}M of spend against ${by.loc['US', 'est_spend_usd'] / 1e6:.1f}M "
                f"for US models at the prices OpenRouter charged (${by.loc['CN', 'spend_usd_list_ps_central'] / 1e6:.1f}M against "
                f"${by.loc['US', 'spend_usd_list_ps_central'] / 1e6:.1f}M at list prices).",
                figure="03_spend_vs_token_share",
                key="headline_week_dollars",
            )
        )
    complete = dollar_streaks[dollar_streaks["week_start"].isin(window.complete_weeks())]
    if len(complete):
        led = int(complete["cn_leads"].sum())
        items.append(
            Finding(
                f"In estimated dollars, Chinese models out-spent US models in {led} of the run's {len(complete)} "
                "complete weeks.",
                figure="03_spend_vs_token_share",
                key="dollar_streak",
            )
        )
    period_rows = priced[(priced["date"] >= start) & (priced["date"] <= end)]
    free = period_rows.groupby("origin", observed=True).apply(
        lambda g: g.loc[g["free"], "tokens"].sum() / g["tokens"].sum() if g["tokens"].sum() else 0.0,
        include_groups=False,
    )
    items.append(
        Finding(
            f"{capitalised(during)}, {free.get('CN', 0):.0%} of Chinese-model tokens and {free.get('US', 0):.0%} of US-model "
            "tokens were free (:free variants and stealth models), and so weigh nothing in dollars.",
            figure="03_free_share_by_origin",
            key="free",
        )
    )
    items += _coverage_findings(coverage, unpriced)
    if len(carried):
        month = carried.index.max() if start not in carried.index else start
        row = carried.loc[month]
        top = row.idxmax()
        text = (
            f"Prices carried back in time (observed later and applied to earlier days) account for up to "
            f"{row.max():.1f} points of {_possessive(top)} share of spend in {month:%B %Y}"
            if row.max() >= 0.05
            else f"No vendor's share of spend in {month:%B %Y} rests on prices carried back in time"
        )
        items.append(Finding(text + "; notebook 3 lists every month and vendor.", key="carried_back"))
    items += _check_findings(checks)
    return Findings("03_spend_lens", items)


def _month(period: str) -> str:
    """``2026-08-01..2026-08-31`` as ``August 2026``."""
    return f"{pd.Timestamp(period[:10]):%B %Y}"


def _possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def _band(row: pd.Series) -> str:
    return band_text(row["spend_pct"], row["spend_low_pct"], row["spend_high_pct"], narrow_digits=0)


def _coverage_findings(coverage: pd.DataFrame, unpriced: pd.DataFrame) -> list:
    from .registry import model_name

    if coverage.empty:
        return []
    text = f"In every week of the run at least {coverage['priced_share'].min():.1%} of paid tokens had a price."
    movers = unpriced[unpriced["moves_share"]] if len(unpriced) else unpriced
    if len(movers):
        top = movers.sort_values("max_points", ascending=False).iloc[0]
        text += (
            f" {count(len(movers), 'unpriced model')} could move {'its' if len(movers) == 1 else 'their'} maker's share "
            f"of a month's spend by more than a point, most of all {model_name(top['model_permaslug'])}, by up to "
            f"{top['max_points']:.1f} points; the bands include {'it' if len(movers) == 1 else 'them'}."
        )
    else:
        text += " No unpriced model could move its maker's share of a month's spend by more than a point."
    return [Finding(text, key="coverage")]


def _check_findings(checks: pd.DataFrame) -> list:
    if checks.empty:
        return []
    shares = checks[checks["author"] != "all"]
    items = []
    if len(shares):
        inside = int(shares["overlaps"].sum())
        worst = shares.loc[shares["gap"].idxmax()]
        text = (
            f"{inside} of {len(shares)} independent estimates of a lab's share of OpenRouter spend (cache-register, for "
            f"{join_names(sorted({_month(p) for p in shares['period']}))}) fall inside this project's bands"
        )
        if worst["gap"] > 0:
            text += f"; the furthest, for {worst['lab']}, is {worst['gap']:.1f} points outside"
        items.append(Finding(text + ".", key="checks"))
    totals = checks[checks["author"] == "all"]
    for row in totals.itertuples():
        items.append(
            Finding(
                f"For {_month(row.period)}, this project's estimate comes to ${row.ours_central / 1e6:.0f}M a year "
                f"(${row.ours_low / 1e6:.0f}M-${row.ours_high / 1e6:.0f}M), against a published "
                f'"${row.published_low / 1e6:.0f}M+" of annualised spend through OpenRouter.',
                key="checks_total",
            )
        )
    return items


def chart_titles(window, priced: pd.DataFrame) -> dict[str, str]:
    """The spend charts' titles: what each shows for the run's reference period."""
    start, end, name = reference_period(window, priced)
    origin = period_bands(priced, start, end, "origin", ORIGIN_GROUPS)
    rows = priced[(priced["date"] >= start) & (priced["date"] <= end)]
    free = (
        rows[rows["free"]].groupby("origin", observed=True)["tokens"].sum()
        / rows.groupby("origin", observed=True)["tokens"].sum()
    )
    return {
        "spend": (
            f"Chinese models: {origin.loc['CN', 'token_pct']:.0f}% of OpenRouter's tokens but {_band(origin.loc['CN'])} "
            f"of its estimated spend in {name}; US models: {origin.loc['US', 'token_pct']:.0f}% and {_band(origin.loc['US'])}"
        ),
        "free": (
            f"Free traffic in {name}: {free.get('CN', 0):.0%} of Chinese-model tokens and {free.get('US', 0):.0%} of "
            "US-model tokens cost nothing"
        ),
    }
