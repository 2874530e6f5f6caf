"""Shares of tokens and estimated spend by lab, by groups of labs and by open weights.

Analysts cut the same rankings many ways: one lab's share of every token (OpenRouter's own blog),
the three US labs' share (the viral "72% to 33%"), Chinese labs against Anthropic and OpenAI only
(two-way and three-way, cache-register), the open-weight share of named tokens. A *group* here is
written as the ledger writes it: an origin group in capitals (``CN``, from the origin registry, the
one place that says who is Chinese) or an author slug (``anthropic``), several joined by ``+``.
A share's denominator (``count``) is ``all`` (every token, the long tail included), ``named`` (the
models the rankings name, i.e. the daily top 50), or a group expression (only those groups).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..dates import full_weeks, week_start
from ..headline import add_week_completeness, streaks
from ..rankings import OTHER_ROW
from ..registry import ORIGIN_GROUPS
from ..spend import named_rows, share_bands

ALL = "all"
NAMED = "named"
OPEN_OR_CLOSED = "open_or_closed"  # named models whose weights are known to be open or closed
EVERY_ORIGIN = "ALL"  # open-weight numerator over every origin


def group_parts(expression: str) -> list[str]:
    """``CN+anthropic+openai`` -> its groups."""
    return [part for part in expression.split("+") if part]


def is_origin(part: str) -> bool:
    return part in ORIGIN_GROUPS


def group_mask(rows: pd.DataFrame, expression: str) -> pd.Series:
    """Rows belonging to any group of ``expression`` (origin groups by the registry's origin, labs
    by author slug)."""
    mask = pd.Series(False, index=rows.index)
    for part in group_parts(expression):
        mask |= (rows["origin"] == part) if is_origin(part) else (rows["author"] == part)
    return mask


def denominator_mask(rows: pd.DataFrame, count: str) -> pd.Series:
    """The rows a share is taken of: every row, the named models, the models of known weights, or groups."""
    if count == ALL:
        return pd.Series(True, index=rows.index)
    if count == NAMED:
        return rows["model_permaslug"] != OTHER_ROW
    if count == OPEN_OR_CLOSED:
        return rows["open_weight"].isin(["true", "false"])
    return group_mask(rows, count)


def token_share_pct(rows: pd.DataFrame, subject: str, count: str) -> float:
    """``subject``'s share of the tokens ``count`` covers over the rows' days (0-100), pooled."""
    within = denominator_mask(rows, count)
    total = rows.loc[within, "tokens"].sum()
    return float(100 * rows.loc[within & group_mask(rows, subject), "tokens"].sum() / total) if total else np.nan


def weekly_shares_pct(rows: pd.DataFrame, numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    """A share per complete Monday-to-Sunday week among the rows (0-100), indexed by week.

    Only weeks whose seven days all lie among the rows count: a week cut by the period's edge would
    be a different statistic. This is the rule of notebook 4's State of AI check, kept here for any
    numerator (a lab, a group, open-weight models).
    """
    weeks = week_start(rows["date"])
    complete = full_weeks(rows["date"])
    top = rows.loc[numerator, "tokens"].groupby(weeks[numerator]).sum()
    bottom = rows.loc[denominator, "tokens"].groupby(weeks[denominator]).sum()
    return (100 * top.reindex(bottom.index, fill_value=0) / bottom).reindex(complete).dropna()


def group_weekly_shares_pct(rows: pd.DataFrame, subject: str, count: str) -> pd.Series:
    within = denominator_mask(rows, count)
    return weekly_shares_pct(rows, within & group_mask(rows, subject), within)


def open_weight_mask(rows: pd.DataFrame, subject: str) -> pd.Series:
    """Open-weight models (the registry's ``open_weight``), of one origin group or of every origin."""
    mask = rows["open_weight"] == "true"
    return mask if subject == EVERY_ORIGIN else mask & (rows["origin"] == subject)


def open_weight_share_pct(rows: pd.DataFrame, subject: str, count: str) -> float:
    """Open-weight models' share of the tokens ``count`` covers (0-100), pooled over the rows' days."""
    within = denominator_mask(rows, count)
    total = rows.loc[within, "tokens"].sum()
    return float(100 * rows.loc[within & open_weight_mask(rows, subject), "tokens"].sum() / total) if total else np.nan


def open_weight_weekly_pct(rows: pd.DataFrame, subject: str, count: str) -> pd.Series:
    within = denominator_mask(rows, count)
    return weekly_shares_pct(rows, within & open_weight_mask(rows, subject), within)


def group_lead_streak(history: pd.DataFrame, subject: str, count: str, week: pd.Timestamp) -> int:
    """Consecutive complete weeks, ending with ``week``, in which ``subject``'s tokens exceeded the
    other groups of ``count`` together (cache-register's "more than Anthropic and OpenAI combined"),
    counted with notebook 2's streak rule."""
    others = [part for part in group_parts(count) if part not in group_parts(subject)]
    weeks = week_start(history["date"])
    own = history.loc[group_mask(history, subject), "tokens"].groupby(weeks).sum()
    rest = history.loc[group_mask(history, "+".join(others)), "tokens"].groupby(weeks).sum()
    index = sorted(weeks.unique())
    table = pd.DataFrame(
        {
            "week_start": index,
            "definition": "groups",
            "cn_tokens": own.reindex(index, fill_value=0).to_numpy(),
            "us_tokens": rest.reindex(index, fill_value=0).to_numpy(),
        }
    )
    table = streaks(add_week_completeness(table, history))
    hit = table.loc[table["week_start"] == week, "streak_weeks"]
    return int(hit.iat[0]) if len(hit) else 0


def closed_tokens(rows: pd.DataFrame, subject: str) -> float:
    """Tokens of ``subject``'s closed-weight models (the registry's ``open_weight`` false)."""
    return float(rows.loc[group_mask(rows, subject) & (rows["open_weight"] == "false"), "tokens"].sum())


def spend_share_pct(priced: pd.DataFrame, subject: str, count: str) -> tuple[float, float, float, float]:
    """``subject``'s share of the estimated spend ``count`` covers: central, low, high and at full
    list prices (0-100).

    The spend is notebook 3's estimate (``daily_model_spend.csv``), never re-priced here, and its
    band comes from :func:`helpers.spend.share_bands` (every scenario, unpriced models at their
    ceiling). Only named models carry dollars by model, so ``all`` is not a spend denominator.
    """
    rows = named_rows(priced)
    rows = rows[denominator_mask(rows, count)]
    side = np.where(group_mask(rows, subject), "subject", "rest")
    bands = share_bands(rows.assign(period=0, side=side), "period", "side", ["subject", "rest"]).loc[(0, "subject")]
    list_total = rows["spend_usd_list_price"].sum()
    at_list = rows.loc[side == "subject", "spend_usd_list_price"].sum() / list_total if list_total else np.nan
    central, low, high = (float(100 * bands[c]) for c in ("share", "share_low", "share_high"))
    return central, low, high, float(100 * at_list)
