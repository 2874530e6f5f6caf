"""Spend summed into shares with bands: per week, per named period, and China against the US.

Every share here is of the estimated spend on the models rankings-daily names (the daily top 50):
the long tail's dollars are estimated in total (:mod:`.engine`) but its mix of makers is not known
day by day, so it is never split by origin or vendor. A share's band takes every scenario of the
estimate, each group's unpriced models at their ceiling, and each group's billed-to-list ratio at
one edge while the rest sit at the other.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..dates import period_name, week_start
from ..headline import add_week_completeness, streaks
from ..rankings import OTHER_ROW
from ..registry import ORIGIN_GROUPS
from .engine import CARRIED_BACK, SPEND_COLUMNS, SPEND_SCENARIO_COLUMNS


def named_rows(priced: pd.DataFrame) -> pd.DataFrame:
    """The rows of models the rankings name (the daily top 50): every spend share is of their dollars.
    Tables already summed by group (no ``model_permaslug``) are taken as they are."""
    if "model_permaslug" not in priced.columns:
        return priced
    return priced[priced["model_permaslug"] != OTHER_ROW]


def share_bands(priced: pd.DataFrame, period: str, group: str, groups: list[str]) -> pd.DataFrame:
    """Each group's share of the estimated spend on the daily top 50 per period, with its band.

    ``central`` is the central scenario's share. ``low`` is the smallest share over the band
    scenarios with every *other* group's unpriced models at their ceiling, and the group's own
    billed-to-list ratio at its low edge while the rest sit at their high edge; ``high`` the
    largest, the other way round. Shares are 0 to 1.
    """
    priced = named_rows(priced)
    columns = [*SPEND_SCENARIO_COLUMNS, "unpriced_max_usd"]
    sums = priced.groupby([period, group], observed=True)[columns].sum(min_count=1).fillna(0.0)
    full = pd.MultiIndex.from_product([sorted(priced[period].unique()), groups], names=[period, group])
    sums = sums.reindex(full, fill_value=0.0)
    totals = sums.groupby(level=period).transform("sum")
    own_u, all_u = sums["unpriced_max_usd"], totals["unpriced_max_usd"]
    scenario = sums[SPEND_SCENARIO_COLUMNS]
    scenario_totals = totals[SPEND_SCENARIO_COLUMNS]
    own_low, own_high = scenario["spend_usd_ratio_low"], scenario["spend_usd_ratio_high"]
    rest_low = scenario_totals["spend_usd_ratio_low"] - own_low
    rest_high = scenario_totals["spend_usd_ratio_high"] - own_high
    with np.errstate(invalid="ignore", divide="ignore"):
        central = scenario["est_spend_usd"] / scenario_totals["est_spend_usd"]
        low = scenario.div(scenario_totals.add(all_u - own_u, axis=0)).min(axis=1)
        high = scenario.add(own_u, axis=0).div(scenario_totals.add(own_u, axis=0)).max(axis=1)
        low = np.minimum(low, own_low / (own_low + rest_high + all_u - own_u))
        high = np.maximum(high, (own_high + own_u) / (own_high + own_u + rest_low))
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
        carried=rows["est_spend_usd"].where(rows["price_basis"] == CARRIED_BACK, 0.0).fillna(0.0),
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
    tail = out.index.get_level_values("origin") == "LONG_TAIL"  # priced in total, never a share
    out.loc[tail, ["spend_share", "spend_share_low", "spend_share_high"]] = np.nan
    return out.reset_index()[SPEND_COLUMNS]


def dollar_streaks(priced: pd.DataFrame, history: pd.DataFrame) -> pd.DataFrame:
    """The headline's streak rule applied to central estimated spend, over every week of the data."""
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
    months = window.complete_months()
    if len(months):
        start = months[-1]
        end = start + pd.offsets.MonthEnd(0)
        return start, end, period_name(start, end)
    return window.start, window.end, window.label()


def share_table(
    rows: pd.DataFrame, period: str, group: str, groups: list[str], named_tokens: bool = True
) -> pd.DataFrame:
    """OpenRouter's share table, the one rule for every share the project quotes: per period and
    group, the share of tokens and the share of estimated spend with its band, in percent.

    Spend shares are always of the daily top 50's dollars (:func:`share_bands`). Token shares are
    of the same models with ``named_tokens`` (like with like, as notebook 3 sets them side by side),
    or of all traffic, the long tail included, without it (as notebook 4 sets them beside other
    sources' shares of all traffic)."""
    counted = named_rows(rows) if named_tokens else rows
    full = pd.MultiIndex.from_product([sorted(rows[period].unique()), groups], names=[period, group])
    tokens = counted.groupby([period, group], observed=True)["tokens"].sum().reindex(full, fill_value=0)
    bands = share_bands(rows, period, group, groups)
    return pd.DataFrame(
        {
            "token_pct": 100 * tokens / tokens.groupby(level=period).transform("sum"),
            "spend_pct": 100 * bands["share"],
            "spend_low_pct": 100 * bands["share_low"],
            "spend_high_pct": 100 * bands["share_high"],
        }
    )


def weekly_token_shares(priced: pd.DataFrame) -> pd.DataFrame:
    """Each origin group's weekly share (0 to 1) of the daily top 50's tokens: the token share set
    beside the weekly spend share, so it is of the same models (:func:`share_table`'s like with like),
    not of all traffic as notebook 1's weekly table counts it."""
    rows = priced.assign(week_start=week_start(priced["date"]))
    table = share_table(rows, "week_start", "origin", ORIGIN_GROUPS)
    return pd.DataFrame({"share": table["token_pct"] / 100}).reset_index()


def period_bands(
    priced: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp, group: str, groups: list[str]
) -> pd.DataFrame:
    """:func:`share_table` over one period, by group: token share and spend share (with band) of
    the daily top 50, in percent."""
    rows = priced[(priced["date"] >= start) & (priced["date"] <= end)].assign(period=start)
    return share_table(rows, "period", group, groups).droplevel("period")
