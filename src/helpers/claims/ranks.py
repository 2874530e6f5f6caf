"""Counts by origin and per model over any period: the week's N largest models, all traffic, ranks.

The weekly press series counts "Chinese vs US volume" among the week's largest models; other
publishers rank models over a month, or quote one model's tokens, rank or run at the top. These
functions answer each of those over any span of days with the rules of notebook 2
(:mod:`helpers.headline.definitions`): a ``:free`` variant is its own entry, the ``other`` row is
never ranked, ties are broken by permaslug, and the whole-traffic counts are the headline module's
own functions.
"""

from __future__ import annotations

import re

import pandas as pd

from ..headline import WHOLE_TRAFFIC, add_week_completeness, evaluate_definitions, streaks
from ..rankings import OTHER_ROW

TOTAL = "TOTAL"  # every token of the period: the press series' "total global call volume"
COUNTED = "COUNTED"  # every token of the models the count names (e.g. the ten largest models' total)
TOP_N = re.compile(r"top([1-9]|[1-4][0-9]|50)_models")


def top_n(count: str) -> int | None:
    """``top9_models`` -> 9; a whole-traffic count -> None."""
    match = TOP_N.fullmatch(count)
    return int(match.group(1)) if match else None


def period_rows(history: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp) -> pd.DataFrame:
    """The classified daily rows from ``start`` to ``end`` inclusive."""
    return history[(history["date"] >= start) & (history["date"] <= end)]


def period_model_ranks(rows: pd.DataFrame) -> pd.DataFrame:
    """Each model's tokens over the rows' days and its rank (1 = most), ranked as OpenRouter lists
    models: for a Monday-to-Sunday week this is exactly :func:`helpers.headline.weekly_model_ranks`
    (a test holds the two together), and it also ranks a month, as the monthly press figures do."""
    models = (
        rows[rows["model_permaslug"] != OTHER_ROW]
        .groupby(["model_permaslug", "origin"], observed=True)["tokens"]
        .sum()
        .reset_index()
        .sort_values(["tokens", "model_permaslug"], ascending=[False, True])
        .reset_index(drop=True)
    )
    return models.assign(rank=models.index + 1)


def counted_tokens(rows: pd.DataFrame, count: str, subject: str) -> float:
    """``subject``'s tokens over the rows' days under ``count``.

    ``subject`` is an origin group, ``TOTAL`` (every token of the period, whatever the count) or
    ``COUNTED`` (every token the count names). Under ``topN_models`` the models are ranked over the
    whole period, so a month's ten largest are the month's, not each week's. Under a whole-traffic
    count the headline module's function gives the weekly figures, which add up over any days.
    """
    if subject == TOTAL:
        return float(rows["tokens"].sum())
    n = top_n(count)
    if n is not None:
        top = period_model_ranks(rows).query("rank <= @n")
        return float(top["tokens"].sum() if subject == COUNTED else top.loc[top["origin"] == subject, "tokens"].sum())
    weekly = WHOLE_TRAFFIC[count](rows)
    column = {"CN": "cn_tokens", "US": "us_tokens", COUNTED: "total_tokens"}[subject]
    return float(weekly[column].sum())


def nearest_top_n(rows: pd.DataFrame, subject: str, published: float, tolerance: float) -> list[int]:
    """The values of N (1 to 50) whose ``topN_models`` count gives ``subject`` within ``tolerance``
    of ``published`` (relative): which cut-off a publisher most likely used when it is not the
    usual one."""
    ranked = period_model_ranks(rows)
    if subject == COUNTED:
        running = ranked["tokens"].cumsum()
    else:
        running = ranked["tokens"].where(ranked["origin"] == subject, 0).cumsum()
    close = (running / published - 1).abs() <= tolerance
    return [int(rank) for rank in ranked.loc[close.to_numpy() & (ranked["rank"] <= 50).to_numpy(), "rank"]]


def lead_streaks(history: pd.DataFrame) -> pd.DataFrame:
    """For every headline count and complete week: does China lead the US, and for how many
    consecutive complete weeks (notebook 2's rule: a tie, a partial or a missing week ends it)."""
    table = add_week_completeness(evaluate_definitions(history), history)
    return streaks(table)


def first_place_streak(ranks: pd.DataFrame, history: pd.DataFrame, model: str, week: pd.Timestamp) -> int:
    """Consecutive complete weeks, ending with ``week``, in which ``model`` had the most tokens.

    ``ranks`` is :func:`helpers.headline.weekly_model_ranks` of ``history``; the streak is counted
    with the same rule as the lead streaks (:func:`helpers.headline.streaks`): China's column is
    "first that week", the US column zero.
    """
    firsts = ranks.loc[ranks["rank"] == 1, ["week_start", "model_permaslug"]].set_index("week_start")["model_permaslug"]
    weeks = pd.DataFrame({"week_start": sorted(ranks["week_start"].unique())})
    weeks = weeks.assign(
        definition="first_place",
        cn_tokens=(weeks["week_start"].map(firsts) == model).astype(int),
        us_tokens=0,
    )
    table = streaks(add_week_completeness(weeks, history))
    hit = table.loc[table["week_start"] == week, "streak_weeks"]
    return int(hit.iat[0]) if len(hit) else 0
