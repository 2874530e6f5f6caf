"""What the spend lens found (notebook 3), in sentences for named periods inside the run, and its chart titles."""

from __future__ import annotations

import pandas as pd

from ..findings import Finding, Findings, band_text, capitalised, count, join_names
from ..registry import ORIGIN_GROUPS
from ..spend.engine import period_bands, reference_period


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
    from ..dates import period_phrase, week_span

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
    from ..registry import model_name

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
