"""The published figures (``headline_claim.csv``) and which definitions reproduce them within 1%."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..contracts import read_raw_table
from ..contracts.reference import HEADLINE_CLAIM as CLAIM_CONTRACT
from .definitions import weekly_model_ranks

TOLERANCE = 0.01  # the "within 1%": relative for token levels, absolute for changes


def load_claim(path: Path | str) -> pd.DataFrame:
    """The published figures (``data/raw/reference/headline_claim.csv``), checked against
    :data:`helpers.contracts.reference.HEADLINE_CLAIM` (one row per claim and metric, a Monday, a
    value in its unit's range)."""
    return read_raw_table(Path(path), CLAIM_CONTRACT)


def compare_with_claim(table: pd.DataFrame, claim: pd.DataFrame, claim_id: str = "june_2026") -> pd.DataFrame:
    """For each definition: our CN, US and total for the claimed week, their changes on the week
    before, and the relative gap to each published figure."""
    figures = claim[claim["claim_id"] == claim_id].set_index("metric")["value"]
    week = claim.loc[claim["claim_id"] == claim_id, "week_start"].iat[0]
    prior = week - pd.Timedelta(days=7)
    now = table[table["week_start"] == week].set_index("definition")
    before = table[table["week_start"] == prior].set_index("definition")
    out = pd.DataFrame(index=now.index)
    for side in ("cn", "us", "total"):
        ours = now[f"{side}_tokens"].astype(float)
        out[f"{side}_trillions"] = ours / 1e12
        if f"{side}_tokens" in figures:
            out[f"{side}_gap"] = ours / figures[f"{side}_tokens"] - 1
        if f"{side}_change" in figures and not before.empty:
            out[f"{side}_change"] = ours / before[f"{side}_tokens"] - 1
            out[f"{side}_change_gap"] = out[f"{side}_change"] - figures[f"{side}_change"]
    level_gaps = out[[c for c in out.columns if c.endswith("_gap") and "change" not in c]]
    out["max_level_gap"] = level_gaps.abs().max(axis=1)
    out["matches"] = out["max_level_gap"] <= TOLERANCE
    return out.reset_index()


def matching_definitions(table: pd.DataFrame, claim: pd.DataFrame) -> list[str]:
    """Definitions whose levels reproduce every claimed week in the claim table within 1%."""
    matches = None
    for claim_id in claim["claim_id"].unique():
        ok = set(compare_with_claim(table, claim, claim_id).query("matches")["definition"])
        matches = ok if matches is None else matches & ok
    return sorted(matches or [])


def top_model_check(rows: pd.DataFrame, week: pd.Timestamp, n: int = 10) -> pd.DataFrame:
    """The week's largest models, with their change on the week before (for the DeepSeek claim)."""
    ranked = weekly_model_ranks(rows)
    now = ranked[ranked["week_start"] == week].set_index("model_permaslug")
    before = ranked[ranked["week_start"] == week - pd.Timedelta(days=7)].set_index("model_permaslug")
    out = now[["rank", "origin", "tokens"]].copy()
    out["tokens_trillions"] = (out.pop("tokens") / 1e12).round(3)
    out["change_pct"] = (100 * (now["tokens"] / before["tokens"].reindex(now.index) - 1)).round(1)
    out["rank_week_before"] = before["rank"].reindex(now.index)
    return out.reset_index().head(n)


HEADLINE_CLAIM = "june_2026"


TOLERANCE_LABEL = "1%"


def claimed_streak_span(claim: pd.DataFrame, claim_id: str = HEADLINE_CLAIM) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First and last day of the weeks the headline's streak covers ("six consecutive weeks" ending
    with the claimed week), read from the claim table."""
    rows = claim[claim["claim_id"] == claim_id].set_index("metric")
    week = rows.loc["streak_weeks", "week_start"]
    weeks = int(rows.loc["streak_weeks", "value"])
    return week - pd.Timedelta(weeks=weeks - 1), week + pd.Timedelta(days=6)


def claim_week(claim: pd.DataFrame, claim_id: str = HEADLINE_CLAIM) -> pd.Timestamp:
    """The Monday of the week the headline reported."""
    return claim.loc[claim["claim_id"] == claim_id, "week_start"].iat[0]
