"""The spend engine: every ranking row priced under every band scenario, summed into shares with bands.

- ``:free`` variants and stealth models cost 0 (free during their trials); the long tail
  (``other``) cannot be priced and is reported, never dropped silently.
- An unpriced paid model could carry anything from $0 to the highest price of its maker's priced
  models that day (or the 90th percentile of all priced models when its maker has none); spend
  shares are given as a band spanning prices charged and list, the prompt-share range and that
  unpriced range.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..dates import week_start
from ..errors import RawDataError
from ..registry import ORIGIN_GROUPS
from .prices import lookup_basis
from .prompt_share import PromptShares

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


def dollar_streaks(priced: pd.DataFrame, history: pd.DataFrame) -> pd.DataFrame:
    """The headline's streak rule applied to central estimated spend, over every week of the data."""
    from ..headline import add_week_completeness, streaks

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


def reference_period(window, rows: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp, str]:
    """The period a spend finding names: the run's last complete calendar month, else its days."""
    from ..dates import period_name

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
