"""What the whole-market comparison found (notebook 4): OpenRouter's size beside the market, in sentences, and its chart title."""

from __future__ import annotations

import pandas as pd

from ..findings import Finding


def findings(
    market_share: pd.DataFrame, lenses: pd.DataFrame, check: pd.DataFrame, study: pd.DataFrame
) -> list[Finding]:
    """Sentences for the whole-market section (each for a named period)."""
    from ..dates import day_label

    items = []
    if len(market_share):
        latest_month = market_share["month"].max()
        rows = market_share[market_share["month"] == latest_month].set_index("compared_with")
        parts = [
            f"at most {row['openrouter_share_at_most_pct']:.0f}% of the total beside the {label}"
            + ("" if row["providers"] in label else f" ({row['providers']})")
            for label, row in rows.iterrows()
        ]
        items.append(
            Finding(
                f"OpenRouter is a small slice of the market: in {latest_month:%B %Y} it served about "
                f"{rows['openrouter_tokens_per_day'].iat[0] / 1e12:.1f}T tokens a day: "
                + " and ".join(parts)
                + "; the providers that publish no volumes make its true share smaller still.",
                figure="04_market_lenses",
                key="market_share",
                verdict=True,
            )
        )
    router = lenses[lenses["label"].str.startswith("OpenRouter: share of tokens")] if len(lenses) else lenses
    others = lenses[~lenses["label"].str.startswith("OpenRouter")] if len(lenses) else lenses
    if len(router) and len(others):
        tokens = router["value"].iat[0]
        below = others[others["value"] < tokens]
        low, high = others.loc[others["value"].idxmin()], others.loc[others["value"].idxmax()]
        text = (
            f"{len(below)} of {len(others)} other public measures put the Chinese share below OpenRouter's {tokens:.0f}% of "
            f"tokens ({router['period'].iat[0]}), down to {low['value']:.1f}% ({low['label']}, {low['period']})"
        )
        if high["value"] >= tokens:
            text += f"; the highest is {high['value']:.0f}% ({high['label']}, {high['period']})"
        items.append(
            Finding(
                text + ". Each lens counts something different, for its own period and population.",
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
    """The whole-market chart's title: how far apart the lenses put the Chinese share."""
    router = lenses[lenses["label"].str.startswith("OpenRouter")].set_index("label")
    others = lenses[~lenses["label"].str.startswith("OpenRouter")]
    if router.empty or others.empty:
        return "The Chinese share of AI use under every public lens"
    tokens = router["value"].iat[0]
    return (
        f"The Chinese share depends on the lens: {tokens:.0f}% of OpenRouter's tokens ({router['period'].iat[0]}), "
        f"{others['value'].min():.1f}% to {others['value'].max():.0f}% under the other public measures"
    )
