"""What the claims check found (notebook 5), each sentence true for the run's own dates.

A run checks the claims whose period lies inside its dates and says how many it left out; claims
with no period (or none inside the data) are reported only by a run over every day of the data.
"""

from __future__ import annotations

import re

import pandas as pd

from ..claims import STATUSES, show
from ..dates import Window, span_label, week_span
from ..findings import Finding, Findings, count, join_names
from ..tables import claims as claims_tables

NOTEBOOK = "05_claims_checked"
TALLY_TABLE = "Published claims by verdict"
CLAIMS_TABLE = "Each published claim beside the project's figure"
FIGURE = "05_top50_models_by_origin"
SERIES_DEFINITIONS = ["origin_tokens", "origin_change_pct", "lead_streak_weeks"]
SERIES_COUNT = "top9_models"


def _period(row: pd.Series) -> str:
    return span_label(row["period_start"], row["period_end"])


def _figure(row: pd.Series, column: str) -> str:
    return show(row[column], row["unit"])


def _summary(checked: pd.DataFrame, ledger: pd.DataFrame, window: Window) -> Finding:
    tally = checked["status"].value_counts().reindex(STATUSES, fill_value=0)
    skipped = len(ledger) - len(checked)
    parts = [
        f"{count(int(tally.iloc[0]), 'is', 'are')} reproduced by OpenRouter's data (token counts within 1%, "
        "percentages within 1 point, streaks, ranks and model counts exactly)",
        f"{count(int(tally.iloc[1]), 'comes', 'come')} close (within 5% or 3 points)",
        f"{count(int(tally.iloc[2]), 'is', 'are')} not reproduced",
        f"{count(int(tally.iloc[3]), 'cannot', 'cannot')} be checked with the licensed data",
    ]
    text = (
        f"Of {count(len(checked), 'published claim')} about OpenRouter's token and spend shares from "
        f"{count(checked['publisher'].nunique(), 'publisher')} checked for {window.label()}, "
        + ", ".join(parts[:-1])
        + " and "
        + parts[-1]
        + "."
    )
    if skipped:
        text += f" {count(skipped, 'further claim')} concern other dates and are not checked here."
    return Finding(text, key="claims_summary", verdict=True)


def _short(publisher: str) -> str:
    """A publisher as a sentence names it: ``CGTN``, ``163.com``, not the ledger's ``163.com (NetEase Hao)``."""
    return publisher.split(" (")[0].split(",")[0]


def _is_series(checked: pd.DataFrame, ledger: pd.DataFrame) -> pd.Series:
    """The weekly press series: dated figures under the week's nine largest models."""
    counts = checked["claim_id"].map(ledger.set_index("claim_id")["count"])
    return (
        checked["definition_id"].isin(SERIES_DEFINITIONS) & (counts == SERIES_COUNT) & checked["period_start"].notna()
    )


def _possessive(name: str) -> str:
    return name + ("'" if name.endswith("s") else "'s")


EXPLANATIONS = (
    (
        re.compile(r"(\d+) times the project's: a slipped decimal point"),
        "{0} times the data's figure: a slipped decimal point",
    ),
    (re.compile(r"The period's (\w+(?: to \d+)?) largest models give"), "the week's {0} largest models give it"),
)


def _because(why: str) -> str:
    """What the check found behind a miss, where its reason names it (a slipped decimal point, the
    count of largest models that does give the figure)."""
    for pattern, words in EXPLANATIONS:
        match = pattern.search(why)
        if match:
            return "; " + words.format(*match.groups())
    return ""


def _exception(row: pd.Series) -> str:
    ours = _figure(row, "project_value") if pd.notna(row["project_value"]) else "no value"
    return (
        f"{_possessive(_short(row['publisher']))} {_figure(row, 'published_value')} for {_period(row)} "
        f"({row['metric']}: {ours} in the data, {row['status']}{_because(row['why'])})"
    )


def _series(checked: pd.DataFrame, ledger: pd.DataFrame) -> Finding | None:
    """How far the week's nine largest models explain the weekly press series."""
    rows = checked[_is_series(checked, ledger)]
    if rows.empty:
        return None
    held = (rows["status"] == "reproduced").sum()
    weeks = sorted(rows["period_start"].unique())
    if len(weeks) <= 3:
        when = "the week" + ("s" if len(weeks) > 1 else "") + " of " + join_names([week_span(w) for w in weeks])
    else:
        when = f"{len(weeks)} weeks from {week_span(weeks[0])} to {week_span(weeks[-1])}"
    text = (
        f"Counting the week's nine largest models by their maker's country reproduces {held} of the {len(rows)} weekly "
        f"China-versus-US figures the press published for {when} (totals, Chinese and US tokens, week-on-week "
        "changes and consecutive weeks ahead)"
    )
    misses = rows[rows["status"] != "reproduced"]
    if misses.empty:
        return Finding(text + ".", key="claims_weekly_series")
    listed = [_exception(r) for _, r in misses.iterrows()]
    return Finding(f"{text}; the exceptions are {join_names(listed)}.", key="claims_weekly_series")


def _misses(checked: pd.DataFrame, ledger: pd.DataFrame) -> list[Finding]:
    """Every other claim the data do not reproduce, with both values."""
    rows = checked[(checked["status"] == "not reproduced") & ~_is_series(checked, ledger)]
    if rows.empty:
        return []
    listed = [_exception(r) for _, r in rows.iterrows()]
    return [Finding(f"Other figures the data do not reproduce: {'; '.join(listed)}.", key="claims_not_reproduced")]


def _spend(checked: pd.DataFrame) -> Finding | None:
    """Published spend shares beside the project's estimate and its band."""
    rows = checked[checked["definition_id"] == "spend_share_pct"]
    rows = rows[rows["project_value"].notna()]
    if rows.empty:
        return None
    inside = (
        (rows["published_value"] >= rows["project_low"]) & (rows["published_value"] <= rows["project_high"])
    ).sum()
    tally = rows["status"].value_counts()
    text = (
        f"Of {count(len(rows), 'published share')} of estimated spend, the project's estimate (calibrated on "
        f"OpenRouter's bill rather than list prices) reproduces {int(tally.get('reproduced', 0))} within 1 point, "
        f"comes close on {int(tally.get('close', 0))} and misses {int(tally.get('not reproduced', 0))}; {inside} of "
        f"the {len(rows)} published values lie inside the estimate's band"
    )
    return Finding(text + (", so none contradicts it." if inside == len(rows) else "."), key="claims_spend")


def _reason(why: str) -> str:
    if "gives no period" in why:
        return "the page gives no period"
    if "runs outside" in why:
        return "their period runs outside the data's days"
    return why.removeprefix("Cannot be checked: ").rstrip(".")


def _cannot(checked: pd.DataFrame) -> Finding | None:
    rows = checked[checked["status"] == "cannot be checked with licensed data"]
    if rows.empty:
        return None
    reasons = rows["why"].map(_reason).value_counts(sort=False)
    reasons = reasons.sort_values(ascending=False, kind="stable")
    listed = [f"{n} because {reason}" for reason, n in reasons.items()]
    return Finding(
        f"{count(len(rows), 'claim')} cannot be checked with the licensed data: {join_names(listed)}.",
        key="claims_cannot",
    )


def chart_title(top50: pd.DataFrame, window: Window) -> str:
    """The figure's title: how many Chinese and US labs' models the daily top 50 held, first and last day."""
    first, last = top50["date"].min(), top50["date"].max()
    day = top50.set_index(["date", "origin"])["models"]
    if first == last:
        return (
            f"On {first:%-d %B %Y}, Chinese labs had {day[(first, 'CN')]} of OpenRouter's 50 named models "
            f"and US labs {day[(first, 'US')]}"
        )
    return (
        f"Chinese labs' models in OpenRouter's daily top 50 went from {day[(first, 'CN')]} to "
        f"{day[(last, 'CN')]}, US labs' from {day[(first, 'US')]} to {day[(last, 'US')]} ({window.label()})"
    )


def _top50(top50: pd.DataFrame, window: Window) -> Finding:
    cn = top50[top50["origin"] == "CN"].set_index("date")["models"]
    us = top50[top50["origin"] == "US"].set_index("date")["models"]
    peak = cn.idxmax()
    text = chart_title(top50, window) + "."
    if len(cn) > 1:
        text += (
            f" The Chinese count peaked at {cn.max()} on {peak:%-d %B %Y}; on average Chinese labs had {cn.mean():.1f} "
            f"models a day and US labs {us.mean():.1f}."
        )
    return Finding(text, figure=FIGURE, key="claims_top50")


def findings(checked: pd.DataFrame, ledger: pd.DataFrame, top50: pd.DataFrame, window: Window) -> Findings:
    """What checking the ledger found for these dates, with the tally and every claim checked (its
    page linked) for the report's "Claims checked" section."""
    if checked.empty:
        items: list[Finding | None] = [
            Finding(
                f"None of the {count(len(ledger), 'published claim')} in the ledger concerns a period inside "
                f"{window.label()}, so none is checked here.",
                key="claims_summary",
            )
        ]
    else:
        items = [
            _summary(checked, ledger, window),
            _series(checked, ledger),
            *_misses(checked, ledger),
            _spend(checked),
            _cannot(checked),
        ]
    items.append(_top50(top50, window))
    tables = {}
    if not checked.empty:
        tables = {
            TALLY_TABLE: claims_tables.tally(checked).reset_index().to_dict("records"),
            CLAIMS_TABLE: claims_tables.claims_table(checked, links=True).to_dict("records"),
        }
    return Findings(NOTEBOOK, [item for item in items if item is not None], tables)
