"""What the spend lens found (notebook 3), in sentences for named periods inside the run, and its chart titles."""

from __future__ import annotations

import pandas as pd

from ..dates import period_phrase, span_label, week_span
from ..findings import Finding, Findings, band_text, capitalised, count, join_names
from ..registry import ORIGIN_GROUPS, model_title
from ..spend.against_bill import ALL, NAMED, TAIL, BillCheck
from ..spend.diagnostics import carried_back_share
from ..spend.shares import period_bands, reference_period


def findings(
    window,
    priced: pd.DataFrame,
    coverage: pd.DataFrame,
    dollar_streaks: pd.DataFrame,
    unpriced: pd.DataFrame,
    carried: pd.DataFrame,
    checks: pd.DataFrame,
    claim_week: pd.Timestamp,
    check: BillCheck | None = None,
    pricing=None,
) -> Findings:
    """What the spend lens found, for named periods inside the run."""
    start, end, name = reference_period(window, priced)
    during = period_phrase(start, end)
    origin = period_bands(priced, start, end, "origin", ORIGIN_GROUPS)
    cn, us = origin.loc["CN"], origin.loc["US"]
    calibrated = pricing is not None and pricing.calibration is not None
    how = (
        "central estimate at the prices OpenRouter charged, scaled to what it actually billed for each model in "
        "September-October 2026; the range spans the measured spread, unpriced models and the full list price"
        if calibrated
        else "central estimate at the prices OpenRouter charged, at list value; the range spans list prices, the "
        "prompt-share range and unpriced models"
    )
    items = [
        Finding(
            f"Counted in dollars instead of tokens, Chinese models' share of the daily top 50 models on OpenRouter "
            f"{during} falls from {cn['token_pct']:.0f}% of their tokens to {_band(cn)} of their estimated spend, while "
            f"US models' rises from {us['token_pct']:.0f}% to {_band(us)} ({how}).",
            figure="03_spend_vs_token_share",
            key="spend_share",
            verdict=True,
        )
    ]
    if check is not None and pricing is not None:
        items += bill_findings(check, pricing, window)
    week_rows = priced[(priced["date"] >= claim_week) & (priced["date"] <= claim_week + pd.Timedelta(days=6))]
    if claim_week in set(window.complete_weeks()):
        by = week_rows.groupby("origin", observed=True)[["est_spend_usd", "spend_usd_list_price"]].sum()
        items.append(
            Finding(
                f"In the headline's week ({week_span(claim_week)}), Chinese models drew an estimated "
                f"${by.loc['CN', 'est_spend_usd'] / 1e6:.1f}M of spend against ${by.loc['US', 'est_spend_usd'] / 1e6:.1f}M "
                f"for US models (${by.loc['CN', 'spend_usd_list_price'] / 1e6:.1f}M against "
                f"${by.loc['US', 'spend_usd_list_price'] / 1e6:.1f}M at full list prices).",
                figure="03_spend_vs_token_share",
                key="headline_week_dollars",
            )
        )
    complete = dollar_streaks[dollar_streaks["week_start"].isin(window.complete_weeks())]
    if len(complete):
        led = int(complete["cn_leads"].sum())
        items.append(
            Finding(
                f"In estimated dollars, Chinese models out-spent US models in {led} of the {len(complete)} "
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
    items.append(_carried_back(priced, carried, window, claim_week, (start, end, during)))
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
    if coverage.empty:
        return []
    text = f"In every week of these dates at least {coverage['priced_share'].min():.1%} of paid tokens had a price."
    movers = unpriced[unpriced["moves_share"]] if len(unpriced) else unpriced
    if len(movers):
        top = movers.sort_values("max_points", ascending=False).iloc[0]
        text += (
            f" {count(len(movers), 'unpriced model')} could move {'its' if len(movers) == 1 else 'their'} maker's share "
            f"of a month's spend by more than a point, most of all {model_title(top['model_permaslug'])}, by up to "
            f"{top['max_points']:.1f} points; the bands include {'it' if len(movers) == 1 else 'them'}."
        )
    else:
        text += " No unpriced model could move its maker's share of a month's spend by more than a point."
    return [Finding(text, key="coverage")]


def _carried_back(priced: pd.DataFrame, carried: pd.DataFrame, window, claim_week: pd.Timestamp, period) -> Finding:
    """How much of the dollars rests on prices observed only later: for the headline's week when
    it is a complete week of the dates, else the reference period; and the most a vendor's share
    of a month's spend moves with them."""
    start, end, during = period
    if claim_week in set(window.complete_weeks()):
        start, end = claim_week, claim_week + pd.Timedelta(days=6)
        during = f"in the headline's week ({week_span(claim_week)})"
    share = carried_back_share(priced, start, end)
    text = (
        f"{capitalised(during)}, {share:.0%} of the daily top 50's estimated spend rests on prices observed only "
        "later and carried back to earlier days (a model's first recorded price applied to the days before it)"
    )
    if len(carried):
        month = pd.Timestamp(start).replace(day=1)
        month = month if month in carried.index else carried.index.max()
        row = carried.loc[month]
        text += (
            f"; in {month:%B %Y} they account for up to {row.max():.1f} points of {_possessive(row.idxmax())} share "
            "of spend"
            if row.max() >= 0.05
            else f"; in {month:%B %Y} no vendor's share of spend rests on them"
        )
    return Finding(text + ". Notebook 3 lists every month and vendor.", key="carried_back")


def _check_findings(checks: pd.DataFrame) -> list:
    if checks.empty:
        return []
    shares = checks[checks["author"] != "all"]
    items = []
    if len(shares):
        inside = int(shares["overlaps"].sum())
        worst = shares.loc[shares["gap"].idxmax()]
        text = (
            f"{inside} of {len(shares)} independent estimates of a lab's share of OpenRouter spend (the Cache Register "
            "project's, for "
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
            f"Chinese models: {origin.loc['CN', 'token_pct']:.0f}% of the tokens of OpenRouter's daily top 50 but "
            f"{_band(origin.loc['CN'])} of their estimated spend in {name}; US models: "
            f"{origin.loc['US', 'token_pct']:.0f}% and {_band(origin.loc['US'])}"
        ),
        "free": (
            f"Free traffic in {name}: {free.get('CN', 0):.0%} of Chinese-model tokens and {free.get('US', 0):.0%} of "
            "US-model tokens cost nothing"
        ),
    }


def _money(usd: float) -> str:
    return f"${usd / 1e6:.1f}M"


def _row(table: pd.DataFrame, universe: str, origin: str = "all") -> pd.Series:
    return table[(table["universe"] == universe) & (table["origin"] == origin)].iloc[0]


def bill_findings(check: BillCheck, pricing, window) -> list[Finding]:
    """The estimate against what OpenRouter billed: the week quoted, the old estimate, a week the
    calibration never saw, and the dollars outside the top 50; or one line when no billed week
    falls in the dates."""
    cal = pricing.calibration
    if cal is None:
        return [
            Finding(
                "No bill is in this raw data folder, so the estimate stays at list value (no caching or discount) and "
                "the long tail outside the daily top 50 is counted at $0.",
                key="bill",
            )
        ]
    billed_span = span_label(cal.windows["window_start"].min(), cal.windows["window_end"].max())
    if check.main is None:
        return [
            Finding(
                f"None of the four weeks OpenRouter's bill was archived for ({billed_span}) falls in these dates, so "
                "the estimate is not set against a bill here; it uses the ratios measured there, with bands that "
                f"widen by {100 * cal.widening_per_30_days:.0f}% of the central value for every 30 days away from them.",
                key="bill",
            )
        ]
    start, end = check.main
    week = check.comparison[check.comparison["window_start"] == start]
    total, named = _row(week, ALL), _row(week, NAMED)
    cn, us = _row(week, NAMED, "CN"), _row(week, NAMED, "US")
    first, bill_row = check.steps.iloc[0], check.steps.iloc[-1]
    outside = " (read beyond these dates)" if start < window.start or end > window.end else ""
    items = [
        Finding(
            f"Checked against what OpenRouter billed for {span_label(start, end)}{outside}, "
            f"{_money(total['billed_usd'])} for models billed by the token, the estimate comes to "
            f"{_money(total['est_spend_usd'])} ({_money(total['est_low_usd'])} to {_money(total['est_measured_high_usd'])} "
            f"across the bill's measured spread; {_money(total['est_list_price_usd'])} at full list prices), with Chinese "
            f"models at {cn['est_share_pct']:.0f}% of the daily top 50's dollars against {cn['billed_share_pct']:.0f}% billed "
            f"and US models at {us['est_share_pct']:.0f}% against {us['billed_share_pct']:.0f}%. Priced at list value with "
            f"assumed prompt shares, as before this check, the top 50 alone came to {_money(first['est_spend_usd'])} "
            f"({first['est_spend_usd'] / bill_row['est_spend_usd']:.1f} times the whole bill), with Chinese models at "
            f"{first['cn_share_pct']:.0f}%.",
            figure="03_spend_against_bill",
            key="bill",
            verdict=True,
        )
    ]
    held = check.held_out
    if len(held):
        h_total, h_cn = _row(held, ALL), _row(held, NAMED, "CN")
        items.append(
            Finding(
                f"Calibrated without its own bill, the estimate for {span_label(h_total['window_start'], h_total['window_end'])} "
                f"comes to {_money(h_total['est_spend_usd'])} against {_money(h_total['billed_usd'])} billed, with Chinese "
                f"models at {h_cn['est_share_pct']:.0f}% of the top 50's dollars against {h_cn['billed_share_pct']:.0f}% billed.",
                figure="03_spend_against_bill",
                key="bill_holdout",
            )
        )
    tail = _row(week, TAIL)
    items.append(
        Finding(
            f"In {span_label(start, end)}, {_money(tail['billed_usd'])} of the bill "
            f"({100 * tail['billed_usd'] / total['billed_usd']:.0f}%) went to models outside the daily top 50 (smaller "
            f"models and batch traffic), against {_money(named['billed_usd'])} inside it; the estimate prices that tail "
            f"in total (at {_money(tail['est_spend_usd'])} that week) but does not split it by origin, so every spend "
            "share here is of the top 50's dollars.",
            key="bill_universe",
        )
    )
    return items
