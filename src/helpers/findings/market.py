"""What the whole-market comparison found (notebook 4): OpenRouter's size beside the market, in sentences, and its chart title."""

from __future__ import annotations

import pandas as pd

from ..dates import day_label
from ..findings import Finding

SHARE_FAMILY = "share of tokens or dollars"


def _provider_phrase(compared_with: str, providers: str) -> str:
    """``the OpenAI API`` or ``all of Google's products``: what OpenRouter's tokens are set beside."""
    if compared_with.startswith("tokens Google reports"):
        return "all of Google's products"
    return f"the {providers}"


def nearest_month(market_share: pd.DataFrame, window) -> tuple[pd.Timestamp, bool]:
    """The month of provider volumes a sentence quotes: the latest inside the dates, else the
    nearest to them (and whether it lies outside them)."""
    months = pd.Series(sorted(market_share["month"].unique()))
    inside = months[(months + pd.offsets.MonthEnd(0) >= window.start) & (months <= window.end)]
    if len(inside):
        return inside.iat[-1], False
    distance = (months - window.start).abs().where(months < window.start, (months - window.end).abs())
    return months.iat[int(distance.to_numpy().argmin())], True


def findings(
    market_share: pd.DataFrame, lenses: pd.DataFrame, check: pd.DataFrame, study: pd.DataFrame, window=None
) -> list[Finding]:
    """Sentences for the whole-market section (each for a named period; a month outside the dates
    is said to be)."""
    items = []
    if len(market_share):
        month, outside = (
            nearest_month(market_share, window) if window is not None else (market_share["month"].max(), False)
        )
        rows = market_share[market_share["month"] == month].set_index("compared_with")
        parts = [
            f"at most {row['openrouter_share_at_most_pct']:.0f}% of what it and {_provider_phrase(label, row['providers'])} "
            "served together"
            for label, row in rows.iterrows()
        ]
        when = f"{month:%B %Y}" + (
            " (outside these dates: the nearest month for which providers published volumes)" if outside else ""
        )
        items.append(
            Finding(
                f"OpenRouter is a small slice of the market: in {when} it served about "
                f"{rows['openrouter_tokens_per_day'].iat[0] / 1e12:.1f}T tokens a day, "
                + " and ".join(parts)
                + "; providers that publish no volumes make its true share smaller still.",
                figure="04_market_lenses",
                key="market_share",
                verdict=True,
            )
        )
    shares = lenses[lenses["family"] == SHARE_FAMILY] if len(lenses) else lenses
    router = shares[shares["label"].str.startswith("OpenRouter: share of tokens")] if len(shares) else shares
    others = shares[~shares["label"].str.startswith("OpenRouter")] if len(shares) else shares
    if len(router) and len(others):
        tokens = router["value"].iat[0]
        below = others[others["value"] < tokens]
        low, high = others.loc[others["value"].idxmin()], others.loc[others["value"].idxmax()]
        text = (
            f"{len(below)} of {len(others)} other public measures of a share of tokens or dollars put the Chinese share "
            f"below OpenRouter's {tokens:.0f}% of tokens ({router['period'].iat[0]}), the lowest at {low['value']:.1f}% "
            f"in {low['label']} over {low['period']}"
        )
        if high["value"] >= tokens:
            text += f"; the highest is {high['value']:.0f}% in {high['label']} over {high['period']}"
        items.append(
            Finding(
                text + ". Each counts something different, for its own period and population; shares of businesses, "
                "downloads and web visits are shown apart and not compared.",
                figure="04_market_lenses",
                key="lenses",
            )
        )
    if len(check) and len(study):
        ours = check.iloc[0]
        items.append(
            Finding(
                f"OpenRouter's own State of AI study gives Chinese open-weight models a mean of {study['value'].iloc[0]:.0f}% of weekly "
                f"tokens over its year to November 2025; counted the same way over {day_label(ours['period_start'])} to {day_label(ours['period_end'])} "
                f"(the part this data covers), this project finds {ours['mean_weekly_pct']:.1f}%, peaking at {ours['peak_weekly_pct']:.0f}% "
                f"in the week of {day_label(ours['peak_week'])} (the study: 'nearly 30%' in some weeks).",
                key="state_of_ai",
            )
        )
    return items


def chart_title(lenses: pd.DataFrame) -> str:
    """The whole-market chart's title: how far apart the measures of the same kind put the Chinese share."""
    shares = lenses[lenses["family"] == SHARE_FAMILY] if len(lenses) else lenses
    router = shares[shares["label"].str.startswith("OpenRouter: share of tokens")] if len(shares) else shares
    others = shares[~shares["label"].str.startswith("OpenRouter")] if len(shares) else shares
    if router.empty:
        return "The Chinese share of AI use under every public measure, each kind apart"
    tokens = router["value"].iat[0]
    if others.empty:
        return f"Chinese models had {tokens:.0f}% of OpenRouter's tokens ({router['period'].iat[0]}); no other measure of tokens or dollars covers these dates"
    low, high = others["value"].min(), others["value"].max()
    elsewhere = (
        f"{low:.1f}% under {others['label'].iat[0]}"
        if len(others) == 1
        else f"{low:.1f}% to {high:.1f}% under {len(others)} other measures of tokens or dollars"
    )
    return (
        f"The Chinese share of tokens or dollars depends on where it is counted: {tokens:.0f}% of OpenRouter's tokens "
        f"({router['period'].iat[0]}), {elsewhere}"
    )
