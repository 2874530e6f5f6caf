"""How far the spend estimate can be trusted: coverage, unpriced models, prices carried back, sensitivities."""

from __future__ import annotations

import pandas as pd

from ..dates import week_start
from ..rankings import OTHER_ROW
from .engine import CARRIED_BACK, look_up_prices, price_rows
from .prompt_share import PromptShares

COVERAGE_TARGETS = {2025: 0.8, 2026: 0.9}  # share of paid, attributed tokens priced, per week


def weekly_coverage(priced: pd.DataFrame) -> pd.DataFrame:
    """Per week: priced share of paid, attributed tokens (the coverage target), share priced with a
    price carried back, and the unpriced tokens' ceiling as a share of the week's spend."""
    rows = priced.assign(week_start=week_start(priced["date"]))
    paid = rows[~rows["free"] & (rows["origin"] != "LONG_TAIL")]
    total = paid.groupby("week_start")["tokens"].sum()
    covered = paid[paid["est_spend_usd"].notna()].groupby("week_start")["tokens"].sum()
    later = paid[paid["price_basis"] == CARRIED_BACK].groupby("week_start")["tokens"].sum()
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
    carried = rows["est_spend_usd"].where(rows["price_basis"] == CARRIED_BACK, 0.0).fillna(0.0)
    share = (
        100
        * rows.assign(c=carried).groupby(["month", "group"])["c"].sum()
        / rows.groupby("month")["est_spend_usd"].sum()
    )
    return share.unstack("group", fill_value=0.0).round(1)


def carried_back_share(priced: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp) -> float:
    """The fraction of the daily top 50's central estimated spend from ``start`` to ``end`` priced
    with prices observed only later and carried back (0 when there is no spend). Before the first
    machine-collected snapshot most prices are of this kind, so a reader must know how much of a
    period's dollars rest on them."""
    rows = priced[(priced["date"] >= start) & (priced["date"] <= end) & (priced["model_permaslug"] != OTHER_ROW)]
    total = rows["est_spend_usd"].sum()
    carried = rows.loc[rows["price_basis"] == CARRIED_BACK, "est_spend_usd"].sum()
    return float(carried / total) if total > 0 else 0.0


def prompt_share_sensitivity(
    classified: pd.DataFrame,
    prices: pd.DataFrame,
    shares: PromptShares,
    calibration=None,
    values=(0.75, 0.8, 0.85, 0.9, 0.935, 0.95, 0.99),
) -> pd.DataFrame:
    """Chinese and US share of central estimated spend on the daily top 50 (percent) and the total
    (millions of dollars, the long tail included) if every model had the same prompt share."""
    records = []
    lookup = look_up_prices(classified, prices)
    for value in values:
        fixed = PromptShares(shares.shares, shares.classes, value)
        split = _cn_us_split(price_rows(classified, prices, fixed, calibration=calibration, lookup=lookup))
        records.append({"every model's prompt share, % of its tokens": 100 * value, **split})
    return pd.DataFrame(records).set_index("every model's prompt share, % of its tokens").round(1)


def calibration_sensitivity(classified: pd.DataFrame, pricing) -> pd.DataFrame:
    """The same shares and total at list value (nothing from the bill), with only the measured
    prompt shares, and with everything the bill measures (the estimate)."""
    cal = pricing.calibration
    variants = [("at list value: nothing from the bill", None)]
    if cal is not None:
        no_ratio = cal.without_ratios()
        variants += [("measured prompt shares only", no_ratio), ("everything the bill measures (the estimate)", cal)]
    lookup = look_up_prices(classified, pricing.prices)
    records = [
        {
            "estimate": label,
            **_cn_us_split(price_rows(classified, pricing.prices, pricing.shares, calibration=c, lookup=lookup)),
        }
        for label, c in variants
    ]
    return pd.DataFrame(records).set_index("estimate").round(1)


def _cn_us_split(priced: pd.DataFrame) -> dict[str, float]:
    """Chinese and US percent of central estimated spend on the daily top 50, and the total in
    millions of dollars (the long tail included when it is priced)."""
    named = priced[priced["model_permaslug"] != OTHER_ROW]
    spend = named.groupby("origin", observed=True)["est_spend_usd"].sum()
    return {
        "Chinese share of the top 50's spend, %": 100 * spend.get("CN", 0) / spend.sum(),
        "US share, %": 100 * spend.get("US", 0) / spend.sum(),
        "total spend, $ millions": priced["est_spend_usd"].sum() / 1e6,
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
