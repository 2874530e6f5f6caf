"""Notebook 4's tables as a reader sees them: the business sources, the figures outside the dates,
the measures compared, each business figure beside OpenRouter's same measure, and the State of AI
study's number rebuilt."""

from __future__ import annotations

import pandas as pd

from .. import display as show
from ..dates import span_label
from ..enterprise.comparison import format_values
from ..enterprise.data import COUNTERPART_WORDS, UNIT_WORDS
from ..market import STUDY_WINDOW


def _labels(lenses: pd.DataFrame) -> dict[str, str]:
    return lenses.set_index("lens")["label"].to_dict()


def sources_table(summary: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """One row per source: its credit, how many figures it gives, the evidence and the dates covered."""
    cite = sources.set_index("source_id")["cite_as"]
    s = summary.reset_index()
    return show.for_people(
        pd.DataFrame(
            {
                "source": s["source_id"].map(cite).fillna(s["source_id"]),
                "figures": s["rows"],
                "evidence": s["evidence"].str.replace("/", " and "),
                "periods covered": show.span(s["first_period"], s["last_period"]),
            }
        ),
        "source",
    )


def outside_table(outside: pd.DataFrame, lenses: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame | str:
    """The business figures whose period lies outside the dates (shown, never compared)."""
    if outside.empty:
        return "Every business figure's period overlaps these dates."
    cite = sources.set_index("source_id")["cite_as"]
    return show.for_people(
        pd.DataFrame(
            {
                "period": show.span(outside["period_start"], outside["period_end"]),
                "measure": outside["lens"].map(_labels(lenses)),
                "vendor": outside["vendor"],
                "value": format_values(outside.assign(value_low=outside["value"], value_high=outside["value"])),
                "source": outside["source_id"].map(cite),
            }
        )
    )


def measures_table(comparison: pd.DataFrame, lenses: pd.DataFrame) -> pd.DataFrame:
    """How many figures and periods each measure brings to the comparison, OpenRouter's included."""
    counted = comparison.groupby(["lens", "unit"]).agg(figures=("value", "size"), periods=("period", "nunique"))
    counted = counted.reset_index()
    return show.for_people(
        pd.DataFrame(
            {
                "measure": counted["lens"].map(_labels(lenses)),
                "unit": counted["unit"].map(UNIT_WORDS),
                "figures": counted["figures"],
                "periods": counted["periods"],
            }
        ),
        "measure",
    )


def gaps_table(gaps: pd.DataFrame, lenses: pd.DataFrame) -> pd.DataFrame:
    """Each business share beside OpenRouter's share of the same thing in the same period, and the
    difference in percentage points (positive: OpenRouter higher)."""
    band = show.band_cell(
        gaps["openrouter_pct"],
        gaps["openrouter_low_pct"],
        gaps["openrouter_high_pct"],
        lambda v: show.percent(v, 1),
    )
    return show.for_people(
        pd.DataFrame(
            {
                "period": gaps["period"],
                "labs": gaps["vendor_group"],
                "business measure": gaps["lens"].map(_labels(lenses)),
                "business share, %": show.number(gaps["value"], 1),
                "OpenRouter's same measure": gaps["openrouter_lens"].map(COUNTERPART_WORDS).str.removeprefix("of "),
                "OpenRouter's share (range)": band,
                "OpenRouter minus business, points": show._each(gaps["gap_points"], lambda v: f"{v:+.1f}"),
            }
        )
    )


def state_of_ai_table(check: pd.DataFrame) -> pd.DataFrame | str:
    """The State of AI study's Chinese share rebuilt four ways from the rankings."""
    if check.empty:
        return f"These dates do not reach the State of AI study's period ({span_label(*STUDY_WINDOW)})."
    return show.for_people(
        pd.DataFrame(
            {
                "count": check["count"],
                "days": show.span(check["period_start"], check["period_end"]),
                "complete weeks": check["complete_weeks"],
                "mean of weekly shares, %": show.number(check["mean_weekly_pct"], 1),
                "largest week, %": show.number(check["peak_weekly_pct"], 1),
                "largest week": show.span(check["peak_week"], check["peak_week"] + pd.Timedelta(days=6)),
                "share of all the tokens, %": show.number(check["pooled_pct"], 1),
            }
        ),
        "count",
    )
