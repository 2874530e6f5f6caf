"""OpenRouter's token and estimated-spend shares per vendor group, over any period.

Token shares are of all traffic (paid, free, stealth and the long tail); spend shares are of the
estimated spend on the daily top 50 models, central as notebook 3 estimates it, with its band (the
long tail's dollars are estimated only in total, so they are left out of every vendor's share).
"""

from __future__ import annotations

import pandas as pd

from ..dates import Window
from ..rankings import OTHER_ROW
from ..spend import SPEND_SCENARIO_COLUMNS, share_bands
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


def openrouter_shares(
    priced: pd.DataFrame, groups: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp
) -> pd.DataFrame:
    """OpenRouter's token and estimated-spend share per vendor group over ``start``..``end`` (percent),
    spend with its band; also Anthropic's share of Anthropic plus OpenAI (Ramp's two-way basis)."""
    rows = _vendor_rows(priced, groups, start, end).assign(period=start)
    tokens = rows.groupby("vendor_group")["tokens"].sum().reindex(VENDOR_GROUPS, fill_value=0)
    token_pct = 100 * tokens / tokens.sum()
    bands = 100 * share_bands(rows, "period", "vendor_group", VENDOR_GROUPS).droplevel("period")
    spend = rows.groupby("vendor_group")["est_spend_usd"].sum().reindex(VENDOR_GROUPS, fill_value=0)
    pair = pd.DataFrame({"tokens": tokens, "spend": spend}).loc[["Anthropic", "OpenAI"]]
    two_way = 100 * pair.loc["Anthropic"] / pair.sum()
    frames = [
        pd.DataFrame(
            {
                "lens": "openrouter_tokens",
                "vendor_group": VENDOR_GROUPS,
                "value": token_pct.to_numpy(),
                "value_low": token_pct.to_numpy(),
                "value_high": token_pct.to_numpy(),
            }
        ),
        pd.DataFrame(
            {
                "lens": "openrouter_spend",
                "vendor_group": VENDOR_GROUPS,
                "value": bands["share"].to_numpy(),
                "value_low": bands["share_low"].to_numpy(),
                "value_high": bands["share_high"].to_numpy(),
            }
        ),
        pd.DataFrame(
            {
                "lens": ["openrouter_tokens_two_way", "openrouter_spend_two_way"],
                "vendor_group": "Anthropic",
                "value": [two_way["tokens"], two_way["spend"]],
                "value_low": [two_way["tokens"], two_way["spend"]],
                "value_high": [two_way["tokens"], two_way["spend"]],
            }
        ),
    ]
    return pd.concat(frames, ignore_index=True)


def monthly_openrouter_shares(priced: pd.DataFrame, groups: pd.DataFrame, window: Window) -> pd.DataFrame:
    """OpenRouter's token and spend share (percent, spend with its band) per vendor group for every
    complete calendar month of the run; a run holding no complete month gets one period instead,
    its own days, so no chart or table loses OpenRouter's series (``period_start``..``period_end``
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
    tokens = (
        rows.groupby(["period_start", "vendor_group"])["tokens"]
        .sum()
        .unstack(fill_value=0)
        .reindex(columns=VENDOR_GROUPS, fill_value=0)
    )
    token_pct = (100 * tokens.div(tokens.sum(axis=1), axis=0)).stack().rename("value")
    bands = 100 * share_bands(rows, "period_start", "vendor_group", VENDOR_GROUPS)
    token_rows = token_pct.reset_index().assign(
        lens="openrouter_tokens", value_low=lambda t: t["value"], value_high=lambda t: t["value"]
    )
    spend_rows = (
        bands.rename(columns={"share": "value", "share_low": "value_low", "share_high": "value_high"})
        .reset_index()
        .assign(lens="openrouter_spend")
    )
    ends = rows.groupby("period_start")["period_end"].first()
    out = pd.concat([token_rows, spend_rows], ignore_index=True)
    out = out.assign(period_end=out["period_start"].map(ends))[columns]
    out[["value", "value_low", "value_high"]] = out[["value", "value_low", "value_high"]].round(3)
    return out.sort_values(["period_start", "lens", "vendor_group"]).reset_index(drop=True)
