"""OpenRouter's token and estimated-spend shares per vendor group, over any period.

Token shares are of all traffic (paid, free, stealth and the long tail); spend shares are of the
estimated spend on the daily top 50 models, central as notebook 3 estimates it, with its band (the
long tail's dollars are estimated only in total, so they are left out of every vendor's share).
"""

from __future__ import annotations

import pandas as pd

from ..dates import Window
from ..rankings import OTHER_ROW
from ..spend import SPEND_SCENARIO_COLUMNS
from ..spend.shares import share_table
from .data import VENDOR_GROUPS, openrouter_vendor_group


def daily_vendor_totals(priced: pd.DataFrame, groups: pd.DataFrame) -> pd.DataFrame:
    """Each day's tokens, spend in every scenario and unpriced ceiling per vendor group.

    Every OpenRouter share compared here is a sum over the days of a period, and a run compares
    dozens of periods: summing the ranking rows once per day and group turns each period into a
    sum of a few hundred rows instead of another pass over every row. A day and group whose rows
    are all unpriced stays NaN (``min_count``), as a period summed from the rows would. The long
    tail's tokens count; its dollars do not (see the module's docstring).
    """
    spend = [*SPEND_SCENARIO_COLUMNS, "unpriced_max_usd"]
    columns = ["tokens", *spend]
    rows = priced[["date", *columns]].assign(vendor_group=openrouter_vendor_group(priced, groups))
    rows.loc[(priced["model_permaslug"] == OTHER_ROW).to_numpy(), spend] = float("nan")
    return rows.groupby(["date", "vendor_group"], as_index=False)[columns].sum(min_count=1)


def _vendor_rows(priced: pd.DataFrame, groups: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp) -> pd.DataFrame:
    """Rows from ``start`` to ``end`` with their vendor group: priced ranking rows, or the day totals
    of :func:`daily_vendor_totals` (which carry it already)."""
    window = priced[(priced["date"] >= start) & (priced["date"] <= end)]
    if "vendor_group" in window.columns:
        return window
    return window.assign(vendor_group=openrouter_vendor_group(window, groups))


def as_lenses(table: pd.DataFrame) -> pd.DataFrame:
    """:func:`helpers.spend.share_table` in the comparison's long form: one ``openrouter_tokens``
    row (its range is itself) and one ``openrouter_spend`` row (with its band) per period and group."""
    tokens = table["token_pct"]
    long = pd.concat(
        {
            "openrouter_tokens": pd.DataFrame({"value": tokens, "value_low": tokens, "value_high": tokens}),
            "openrouter_spend": table[["spend_pct", "spend_low_pct", "spend_high_pct"]].set_axis(
                ["value", "value_low", "value_high"], axis=1
            ),
        },
        names=["lens"],
    )
    return long.reset_index()


def openrouter_shares(
    priced: pd.DataFrame, groups: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp
) -> pd.DataFrame:
    """OpenRouter's token and estimated-spend share per vendor group over ``start``..``end`` (percent),
    spend with its band; also Anthropic's share of Anthropic plus OpenAI (Ramp's two-way basis)."""
    rows = _vendor_rows(priced, groups, start, end).assign(period=start)
    table = share_table(rows, "period", "vendor_group", VENDOR_GROUPS, named_tokens=False)
    shares = as_lenses(table.droplevel("period"))[["lens", "vendor_group", "value", "value_low", "value_high"]]
    tokens = rows.groupby("vendor_group")["tokens"].sum().reindex(VENDOR_GROUPS, fill_value=0)
    spend = rows.groupby("vendor_group")["est_spend_usd"].sum().reindex(VENDOR_GROUPS, fill_value=0)
    pair = pd.DataFrame({"tokens": tokens, "spend": spend}).loc[["Anthropic", "OpenAI"]]
    two_way = 100 * pair.loc["Anthropic"] / pair.sum()
    two_way_rows = pd.DataFrame(
        {
            "lens": ["openrouter_tokens_two_way", "openrouter_spend_two_way"],
            "vendor_group": "Anthropic",
            "value": [two_way["tokens"], two_way["spend"]],
            "value_low": [two_way["tokens"], two_way["spend"]],
            "value_high": [two_way["tokens"], two_way["spend"]],
        }
    )
    return pd.concat([shares, two_way_rows], ignore_index=True)


def monthly_openrouter_shares(priced: pd.DataFrame, groups: pd.DataFrame, window: Window) -> pd.DataFrame:
    """OpenRouter's token and spend share (percent, spend with its band) per vendor group for every
    complete calendar month of the dates; dates holding no complete month get one period instead,
    their own days, so no chart or table loses OpenRouter's series (``period_start``..``period_end``
    says which days each row covers)."""
    rows = _vendor_rows(daily_vendor_totals(priced, groups), groups, window.start, window.end)
    months = window.complete_months()
    if len(months):
        rows = rows.assign(period_start=rows["date"].dt.to_period("M").dt.start_time)
        rows = rows[rows["period_start"].isin(months)]
        rows = rows.assign(period_end=rows["period_start"] + pd.offsets.MonthEnd(0))
    else:
        rows = rows.assign(period_start=window.start, period_end=window.end)
    columns = ["period_start", "period_end", "vendor_group", "lens", "value", "value_low", "value_high"]
    if rows.empty:
        return pd.DataFrame(columns=columns)
    out = as_lenses(share_table(rows, "period_start", "vendor_group", VENDOR_GROUPS, named_tokens=False))
    ends = rows.groupby("period_start")["period_end"].first()
    out = out.assign(period_end=out["period_start"].map(ends))[columns]
    out[["value", "value_low", "value_high"]] = out[["value", "value_low", "value_high"]].round(3)
    return out.sort_values(["period_start", "lens", "vendor_group"]).reset_index(drop=True)
