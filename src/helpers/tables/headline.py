"""Notebook 2's tables as a reader sees them: the reproduction, the week's largest models, who led
under each count, and the headline's numbers week by week (the answer columns first)."""

from __future__ import annotations

import pandas as pd

from .. import display as show
from ..headline.definitions import definition_label
from ..registry import model_name

SIDES = (("cn", "China"), ("us", "US"), ("total", "total"))
WEEKS_BEFORE, WEEKS_AFTER = 3, 3  # weeks shown around the headline's weeks by default


def reproduction(table: pd.DataFrame | str, claim: pd.DataFrame) -> pd.DataFrame | str:
    """Our figures for each published week against the published ones, per count."""
    if isinstance(table, str):
        return table
    t = table.reset_index()
    weeks = claim.drop_duplicates("claim_id").set_index("claim_id")["week_start"]
    monday = t["claim"].map(weeks)
    out = {
        "published week": show.span(monday, monday + pd.Timedelta(days=6)),
        "count": t["definition"].map(definition_label),
    }
    for side, word in SIDES:
        if f"{side}_trillions" in t:
            out[f"{word}, trillion tokens"] = show.number(t[f"{side}_trillions"], 2)
        if f"{side}_gap" in t:
            out[f"{word}, difference from published, %"] = show.signed_percent(t[f"{side}_gap"], 1, 100).str.rstrip("%")
    out["within 1% of every published level"] = show.yes_no(t["matches"])
    return show.for_people(pd.DataFrame(out), "published week")


def largest_models(table: pd.DataFrame | None) -> pd.DataFrame | str:
    """The claimed week's largest models, with their change on the week before."""
    if table is None:
        return "The week the headline reported is not a complete week of these dates."
    return show.for_people(
        pd.DataFrame(
            {
                "rank": table["rank"],
                "model": table["model_permaslug"].map(model_name),
                "origin": table["origin"].map(show.ORIGIN_WORDS),
                "tokens, trillion": show.number(table["tokens_trillions"], 2),
                "change on the week before, %": show.signed_percent(table["change_pct"], 1).str.rstrip("%"),
                "rank the week before": show._each(table["rank_week_before"], lambda v: f"{v:.0f}"),
            }
        ),
        "rank",
    )


def leads(summary: pd.DataFrame) -> pd.DataFrame:
    """Who led under each count: weeks led, the first lead, the longest streak and when it ran."""
    began = show.day(summary["longest_streak_start"])
    ended = show.day(summary["longest_streak_end"])
    longest = summary["longest_streak_weeks"].map(lambda n: f"{n} weeks" if n != 1 else "1 week")
    longest = (longest + " (" + began + " to " + ended + ")").where(summary["longest_streak_weeks"] > 0, "none")
    return show.for_people(
        pd.DataFrame(
            {
                "count": summary["definition"].map(definition_label),
                "complete weeks": summary["complete_weeks"],
                "weeks China led": summary["weeks_cn_led"],
                "first week China led": show.day(summary["first_lead_week"]).replace("", "none"),
                "longest streak": longest,
                "streak at the headline's week": show._each(summary["streak_at_claimed_week"], lambda v: f"{v:.0f}"),
                "China ahead the week before these dates": summary["ahead_week_before_window"].fillna(
                    "no earlier week"
                ),
            }
        ),
        "count",
    )


HEADLINE_COLUMN = "one of the headline's six weeks"


def headline_weeks(
    weeks: pd.DataFrame, span: tuple[pd.Timestamp, pd.Timestamp] | None, all_weeks: bool = False
) -> pd.DataFrame:
    """The headline's count week by week, answer columns first (who led, the streak), then the
    volumes and their changes; by default only the weeks around the headline's own (or the last
    twelve when they are not among these dates). The last column marks the headline's weeks, so a
    page can highlight them."""
    if weeks.empty:
        return show.for_people(pd.DataFrame({"week": []}), "week")
    weeks = weeks.sort_values("week_start").reset_index(drop=True)
    in_span = pd.Series(False, index=weeks.index)
    if span is not None:
        in_span = (weeks["week_start"] >= span[0]) & (weeks["week_start"] <= span[1])
    if not all_weeks:
        if in_span.any():
            first, last = in_span[in_span].index.min(), in_span[in_span].index.max()
            keep = weeks.index[(weeks.index >= first - WEEKS_BEFORE) & (weeks.index <= last + WEEKS_AFTER)]
        else:
            keep = weeks.index[-12:]
        weeks, in_span = weeks.loc[keep], in_span.loc[keep]
    led = weeks["cn_leads"].map({True: "China", False: "US (or a tie)"})
    streak = weeks["streak_weeks"].map(lambda n: f"{n}" if n else "")
    table = pd.DataFrame(
        {
            "week": show.span(weeks["week_start"], weeks["week_end"]),
            "who led": led,
            "China's lead streak, weeks": streak,
            "China, trillion tokens": show.number(weeks["cn_tokens"] / 1e12, 2),
            "US, trillion tokens": show.number(weeks["us_tokens"] / 1e12, 2),
            "total, trillion tokens": show.number(weeks["total_tokens"] / 1e12, 2),
            "China, change on the week before, %": show.signed_percent(weeks["cn_change_pct"], 1).str.rstrip("%"),
            "US, change, %": show.signed_percent(weeks["us_change_pct"], 1).str.rstrip("%"),
            "total, change, %": show.signed_percent(weeks["total_change_pct"], 1).str.rstrip("%"),
            HEADLINE_COLUMN: in_span.map({True: "yes", False: ""}),
        }
    )
    return show.for_people(table, "week")
