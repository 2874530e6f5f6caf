"""Notebook 1's tables as a reader sees them: vintages, checks, tokens by origin, flagged weeks, restated days."""

from __future__ import annotations

import pandas as pd

from .. import display as show
from ..clean import CleanRankings
from ..dates import Window, day_label
from ..findings import count
from ..rankings import (
    DAILY_TOP_N,
    daily_totals,
    missing_days,
)


def validation_summary(data: CleanRankings, window: Window) -> pd.DataFrame:
    """The checks of step 2 in one table: what was checked and what was found, for the window."""
    rows = window.cut(data.classified)
    totals = daily_totals(rows)
    gaps = missing_days(rows, window.start, window.end)
    odd = totals[totals["model_rows"] != DAILY_TOP_N]
    restated = window.cut(data.restated)
    checks = [
        ("rows in the window", f"{len(rows):,} over {rows['date'].nunique()} days"),
        ("distinct models", f"{rows['model_permaslug'].nunique()}"),
        ("missing days", ", ".join(day_label(d) for d in gaps) or "none"),
        ("days that look like multi-day buckets", "none (checked on every day of the raw data)"),
        (
            f"days without exactly {DAILY_TOP_N} named models",
            "; ".join(f"{day_label(d)}: {n}" for d, n in zip(odd["date"], odd["model_rows"])) or "none",
        ),
        (
            "days published again with other numbers",
            f"{len(restated)}"
            + (
                f" (the largest change to a day's total {restated['change_pct'].abs().max():.3f}%)"
                if len(restated)
                else ""
            ),
        ),
        ("rows without an origin", f"{int(rows['origin'].isna().sum())}"),
    ]
    return pd.DataFrame(checks, columns=["check", "result"]).set_index("check")


def vintages_table(vintages: pd.DataFrame) -> pd.DataFrame:
    """The rankings vintages as a reader reads them (newest last, as the cleaning ranks them)."""
    return show.for_people(
        pd.DataFrame(
            {
                "vintage": vintages["vintage"],
                "as of": show.day(vintages["as_of"]),
                "first day": show.day(vintages["first_day"]),
                "last day": show.day(vintages["last_day"]),
                "files": vintages["files"],
                "rows": vintages["rows"].map("{:,}".format),
                "licence": vintages["licence"],
            }
        ),
        "vintage",
    )


def reconciliation_table(reconciliation: pd.DataFrame) -> pd.DataFrame:
    return show.for_people(
        reconciliation.rename(
            columns={"checked_against": "checked against", "days_matching": "days that match to the token"}
        ),
        "vintage",
    )


def tokens_by_group(rows: pd.DataFrame, column: str = "origin") -> pd.DataFrame:
    """Tokens and share of all tokens per value of ``column`` (origin group or open weights)."""
    totals = rows.groupby(column, observed=True)["tokens"].sum().sort_values(ascending=False)
    names = show.ORIGIN_WORDS if column == "origin" else OPEN_WEIGHT_WORDS
    return show.for_people(
        pd.DataFrame(
            {
                column.replace("_", " "): totals.index.map(lambda v: names.get(v, v)),
                "tokens, trillion": show.number(totals / 1e12, 2).to_numpy(),
                "share of all tokens, %": show.percent(totals / totals.sum(), 1, 100).str.rstrip("%").to_numpy(),
            }
        ),
        column.replace("_", " "),
    )


OPEN_WEIGHT_WORDS = {"true": "open weights", "false": "closed weights", "unknown": "not known"}


def variant_share(rows: pd.DataFrame) -> pd.DataFrame:
    """Percent of each origin group's tokens by variant (``free``, the default, ...)."""
    variant = rows["variant"].replace("", "default")
    table = rows.groupby(["origin", variant], observed=True)["tokens"].sum().unstack(fill_value=0)
    shares = (100 * table.div(table.sum(axis=1), axis=0)).round(1)
    shares.index = shares.index.map(lambda o: show.ORIGIN_WORDS.get(o, o))
    shares.columns = [f"{c}, % of the group's tokens" for c in shares.columns]
    return show.for_people(shares.rename_axis("origin").reset_index().astype(str), "origin")


def flagged_weeks(quality: pd.DataFrame) -> pd.DataFrame | str:
    """Weeks a reader should know about (partial, with missing or restated days, or with a day that
    did not list the usual top 50 models), each with why, in words; a sentence when there is none."""
    odd_rows = (quality["max_model_rows"] != DAILY_TOP_N) | (quality["min_model_rows"] != DAILY_TOP_N)
    missing = quality["missing_days"].fillna("").astype(str) != ""
    flagged = quality[quality["partial_week"] | missing | (quality["restated_days"] > 0) | odd_rows]
    if flagged.empty:
        return (
            "No week of these dates is partial, misses a day, was published again or lists an unusual number of models."
        )
    reasons = pd.Series("", index=flagged.index)
    reasons = reasons.str.cat(flagged["partial_week"].map({True: "partial week; ", False: ""}))
    reasons = reasons.str.cat(missing[flagged.index].map({True: "days missing; ", False: ""}))
    restated = flagged["restated_days"].map(lambda n: f"{count(int(n), 'day')} published again; " if n else "")
    reasons = reasons.str.cat(restated)
    rows = odd_rows[flagged.index] & flagged["max_model_rows"].ne(DAILY_TOP_N)
    reasons = reasons.str.cat(
        flagged["max_model_rows"].where(rows).map(lambda n: f"a day with {n:.0f} named models; " if pd.notna(n) else "")
    )
    ends = flagged["week_start"] + pd.Timedelta(days=6)
    return show.for_people(
        pd.DataFrame(
            {
                "week": show.span(flagged["week_start"], ends),
                "why": reasons.str.rstrip("; "),
                "days observed": flagged["observed_days"],
                "largest restatement of a day, %": flagged["largest_restatement_pct"].map(lambda v: f"{v:.3f}"),
                "stealth models, % of tokens": show.percent(flagged["undisclosed_share"], 1, 100).str.rstrip("%"),
                "long tail, % of tokens": show.percent(flagged["long_tail_share"], 1, 100).str.rstrip("%"),
            }
        ),
        "week",
    )


def weekly_share_ranges(quality: pd.DataFrame) -> pd.DataFrame:
    """Smallest, median and largest weekly share (percent) of stealth models and of the long tail,
    complete weeks only."""
    complete = quality[~quality["partial_week"]]
    summary = complete[["undisclosed_share", "long_tail_share"]].describe().loc[["min", "50%", "max"]]
    summary = (100 * summary).round(1).rename(index={"min": "lowest week", "50%": "median week", "max": "highest week"})
    summary.columns = ["stealth models, % of a week's tokens", "long tail, % of a week's tokens"]
    return show.for_people(summary.rename_axis("").reset_index().astype(str), "")


def restated_table(restated: pd.DataFrame) -> pd.DataFrame | str:
    """The days a later vintage published again, as a reader reads them."""
    if restated.empty:
        return "No day in the window was published again with other numbers."
    return show.for_people(
        pd.DataFrame(
            {
                "day": show.day(restated["date"]),
                "vintage used": restated["used_vintage"],
                "replacing": restated["previous_vintage"],
                "day's total, trillion tokens": show.number(restated["total_tokens"] / 1e12, 3),
                "change of the day's total, %": restated["change_pct"].map(lambda v: f"{v:+.3f}"),
                "models changed": restated["models_changed"],
                "largest change of one model, %": restated["largest_model_change_pct"].map(lambda v: f"{v:+.3f}"),
            }
        ),
        "day",
    )
