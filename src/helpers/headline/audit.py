"""One run's headline audit: every definition over all the data, cut to the run, and its published tables."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from ..dates import Window
from .claim import claim_week, compare_with_claim, matching_definitions, top_model_check
from .definitions import KEY_DEFINITIONS, definition_label, definitions, evaluate_definitions
from .streaks import add_streak_start, add_week_completeness, streaks

AUDIT_COLUMNS = [
    "week_start",
    "definition",
    "cn_tokens",
    "us_tokens",
    "total_tokens",
    "cn_share",
    "cn_leads",
    "streak_weeks",
    "streak_began_before_window",
    "matches_headline",
]


HEADLINE_WEEK_COLUMNS = [
    "week_start",
    "week_end",
    "definition",
    "cn_tokens",
    "us_tokens",
    "total_tokens",
    "cn_change_pct",
    "us_change_pct",
    "total_change_pct",
    "prior_week_outside_window",
    "cn_leads",
    "streak_weeks",
]


@dataclass
class Audit:
    """The headline audit for one run.

    ``weeks`` holds every week of the data under every definition, with leads and streaks counted
    over all the data, so a streak that began before the run is measured in full; the run's own
    weeks are the complete weeks inside its window. ``headline`` is the definition that
    reproduces every published week in the data (the headline's count); ``reproduced`` lists the
    definitions that reproduce the published weeks inside the run (empty when none lies inside).
    """

    weeks: pd.DataFrame
    window: Window
    claim: pd.DataFrame
    headline: str | None
    reproduced: list[str]

    @property
    def run_weeks(self) -> pd.DatetimeIndex:
        return self.window.complete_weeks().intersection(
            pd.DatetimeIndex(self.weeks.loc[self.weeks["complete_week"], "week_start"].unique())
        )

    @property
    def claims_in_run(self) -> pd.DataFrame:
        return self.claim[self.claim["week_start"].isin(self.run_weeks)]

    @property
    def claim_week(self) -> pd.Timestamp:
        return claim_week(self.claim)

    def in_run(self) -> pd.DataFrame:
        """Every definition's row for the run's complete weeks."""
        return self.weeks[self.weeks["week_start"].isin(self.run_weeks)]

    def row(self, definition: str, week: pd.Timestamp) -> pd.Series:
        return self.indexed.loc[(definition, week)]

    @cached_property
    def indexed(self) -> pd.DataFrame:
        return self.weeks.set_index(["definition", "week_start"]).sort_index()


def audit_weeks(history: pd.DataFrame) -> pd.DataFrame:
    """Every week of the data under every definition, with leads, streaks and when each streak began.

    It does not depend on the run's window, so it is computed once and cut to any window."""
    weeks = streaks(add_week_completeness(evaluate_definitions(history), history))
    return add_streak_start(weeks.assign(cn_share=weeks["cn_tokens"] / weeks["total_tokens"]))


def run_audit(
    history: pd.DataFrame,
    window: Window,
    claim: pd.DataFrame,
    weeks: pd.DataFrame | None = None,
    headline: str | None = None,
) -> Audit:
    """The audit for one window: weekly volumes, leads and streaks under every definition over all
    the data (``weeks``, computed when not given), and which definitions reproduce the published
    weeks (all of them, and those inside the run)."""
    weeks = audit_weeks(history) if weeks is None else weeks
    if headline is None:
        held = set(weeks.loc[weeks["complete_week"], "week_start"])
        in_data = claim[claim["week_start"].isin(held)]
        matching = matching_definitions(weeks, in_data) if len(in_data) else []
        headline = matching[0] if matching else None
    audit = Audit(weeks, window, claim, headline, [])
    in_run = audit.claims_in_run
    audit.reproduced = matching_definitions(weeks, in_run) if len(in_run) else []
    return audit


def audit_table(audit: Audit) -> pd.DataFrame:
    """The published table: every definition in every complete week of the run."""
    out = audit.in_run().assign(
        matches_headline=lambda t: t["definition"].isin(audit.reproduced),
        streak_began_before_window=lambda t: t["streak_start"] < audit.window.start,
    )
    order = {name: i for i, name in enumerate(definitions())}
    out = out.assign(_order=out["definition"].map(order)).sort_values(["_order", "week_start"])
    return out[AUDIT_COLUMNS].reset_index(drop=True)


def headline_weeks(audit: Audit, definition: str | None = None) -> pd.DataFrame:
    """The headline's count week by week in the run: China, US and total, and each one's change on
    the week before (read from the data before the run for the run's first week, and marked so)."""
    definition = definition or audit.headline or "all_traffic"
    table = audit.weeks[audit.weeks["definition"] == definition].set_index("week_start").sort_index()
    before = table.shift(1)
    previous_complete = (table.index.to_series().diff() == pd.Timedelta(days=7)) & before["complete_week"].astype(bool)
    weeks = audit.run_weeks
    out = pd.DataFrame(
        {
            "week_start": weeks,
            "week_end": weeks + pd.Timedelta(days=6),
            "definition": definition_label(definition),
            "cn_tokens": table.loc[weeks, "cn_tokens"].to_numpy(),
            "us_tokens": table.loc[weeks, "us_tokens"].to_numpy(),
            "total_tokens": table.loc[weeks, "total_tokens"].to_numpy(),
        }
    )
    for side, column in (("cn", "cn_tokens"), ("us", "us_tokens"), ("total", "total_tokens")):
        change = (table[column] / before[column].where(before[column] > 0) - 1).where(
            previous_complete
        )  # from 0: undefined, left empty
        out[f"{side}_change_pct"] = (100 * change.loc[weeks]).round(2).to_numpy()
    out["prior_week_outside_window"] = (weeks - pd.Timedelta(days=7) < audit.window.start) & out[
        "cn_change_pct"
    ].notna()
    out["cn_leads"] = table.loc[weeks, "cn_leads"].to_numpy()
    out["streak_weeks"] = table.loc[weeks, "streak_weeks"].to_numpy()
    return out[HEADLINE_WEEK_COLUMNS]


def lead_summary(audit: Audit, names: list[str] = KEY_DEFINITIONS) -> pd.DataFrame:
    """Per definition, over the run's complete weeks: weeks China led, its first lead inside the run,
    the longest lead streak ending inside the run (with when it began, possibly before the run),
    the streak at the claimed week, and whether China was already ahead the week before the run."""
    rows = audit.in_run()
    rows = rows[rows["definition"].isin(names)]
    led = rows[rows["cn_leads"]].groupby("definition")["week_start"]
    at_claim = rows[rows["week_start"] == audit.claim_week].set_index("definition")["streak_weeks"]
    longest = rows.sort_values(["streak_weeks", "week_start"]).groupby("definition").tail(1).set_index("definition")
    longest = longest[longest["streak_weeks"] > 0]
    summary = pd.DataFrame(index=pd.Index(names, name="definition")).assign(
        complete_weeks=rows.groupby("definition").size(),
        weeks_cn_led=led.size(),
        first_lead_week=led.min(),
        longest_streak_weeks=longest["streak_weeks"],
        longest_streak_start=longest["streak_start"],
        longest_streak_end=longest["week_start"] + pd.Timedelta(days=6),
        streak_at_claimed_week=at_claim,
    )
    summary = summary.fillna({"complete_weeks": 0, "weeks_cn_led": 0, "longest_streak_weeks": 0})
    summary["ahead_week_before_window"] = _ahead_before(audit).reindex(names).to_numpy()
    return summary.reset_index().astype({"complete_weeks": int, "weeks_cn_led": int, "longest_streak_weeks": int})


def _ahead_before(audit: Audit) -> pd.Series:
    """Per definition, whether China led in the last complete week before the run ("yes"/"no";
    definitions with no earlier week are absent)."""
    weeks = audit.weeks
    before = weeks[weeks["complete_week"] & (weeks["week_start"] + pd.Timedelta(days=6) < audit.window.start)]
    last = before.sort_values("week_start").groupby("definition")["cn_leads"].last()
    return last.map({True: "yes", False: "no"})


def reproduction_table(audit: Audit, names: list[str] = KEY_DEFINITIONS) -> pd.DataFrame | str:
    """Our figures and their gaps to the published ones, per published week inside the run."""
    claims = audit.claims_in_run
    if claims.empty:
        return "No published week lies inside these dates."
    frames = []
    for claim_id in claims["claim_id"].unique():
        table = compare_with_claim(audit.weeks, claims, claim_id)
        table = table[table["definition"].isin(names)].assign(claim=claim_id)
        frames.append(table)
    out = pd.concat(frames, ignore_index=True).set_index(["claim", "definition"])
    return out.drop(columns=[c for c in out.columns if c in ("max_level_gap",)]).round(3)


def claim_week_models(history: pd.DataFrame, audit: Audit, n: int = 10) -> pd.DataFrame | None:
    """The claimed week's largest models with their change on the week before, or None when that
    week is not a complete week of the run."""
    if audit.claim_week not in audit.run_weeks:
        return None
    return top_model_check(history, audit.claim_week, n)
