"""Definitions of "Chinese vs US volume": functions from classified daily rows to weekly CN, US and total tokens.

Each definition is a function from the classified daily rows to one row per week with
``cn_tokens``, ``us_tokens`` and ``total_tokens``. ``total_tokens`` is always the week's whole
volume (long tail and stealth included), so the definitions differ only in what they let count
as Chinese or American volume.

Definitions (stable identifiers, used in ``headline_audit.csv``; :func:`definition_label` gives
each one's name in words):

- ``all_traffic``: every token of each origin group.
- ``all_excl_others``: as ``all_traffic``, but the week's total leaves out the long tail
  (OpenRouter's "Others"), as the Metaculus question on the Chinese share of OpenRouter tokens
  does; only the share changes, not who leads.
- ``all_paid``: as ``all_traffic`` without ``:free`` variants.
- ``all_attributed``: as ``all_traffic`` with stealth models moved to the lab a cited source
  later named (``attributed_origin``).
- ``top{N}_models`` (N = 1..50): the N models with the most tokens that week, grouped by origin.
  Models are ranked as OpenRouter lists them: a ``:free`` variant is its own entry, apart from
  its paid model; the ``other`` row is not a model and is never ranked. Ties are broken by
  permaslug so the ranking is deterministic. A model's weekly total only counts the days it was
  in the daily top 50 (other days sit in ``other``), exactly as OpenRouter's weekly charts do.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from ..dates import week_start
from ..rankings import OTHER_ROW

Definition = Callable[[pd.DataFrame], pd.DataFrame]


TOP_N_RANGE = range(1, 51)


def _with_week(rows: pd.DataFrame) -> pd.DataFrame:
    return rows.assign(week_start=week_start(rows["date"]))


def week_totals(rows: pd.DataFrame) -> pd.Series:
    """All tokens per week, long tail and stealth included: the denominator of every definition."""
    return _with_week(rows).groupby("week_start")["tokens"].sum().rename("total_tokens")


def _cn_us(subset: pd.DataFrame, origin_column: str, totals: pd.Series) -> pd.DataFrame:
    by_origin = (
        subset.groupby(["week_start", origin_column])["tokens"]
        .sum()
        .unstack(fill_value=0)
        .reindex(index=totals.index, fill_value=0)
    )
    return pd.DataFrame(
        {
            "cn_tokens": by_origin.get("CN", pd.Series(0, index=totals.index)).astype("int64"),
            "us_tokens": by_origin.get("US", pd.Series(0, index=totals.index)).astype("int64"),
            "total_tokens": totals,
        }
    ).reset_index()


def all_traffic(rows: pd.DataFrame) -> pd.DataFrame:
    """Every token of each origin group (the long tail and stealth count for neither side)."""
    rows = _with_week(rows)
    return _cn_us(rows, "origin", week_totals(rows))


def all_excl_others(rows: pd.DataFrame) -> pd.DataFrame:
    """All traffic, with the long tail ("Others") left out of the week's total."""
    rows = _with_week(rows)
    named = rows[rows["origin"] != "LONG_TAIL"]
    return _cn_us(rows, "origin", week_totals(named).reindex(week_totals(rows).index, fill_value=0))


def all_paid(rows: pd.DataFrame) -> pd.DataFrame:
    """All traffic without ``:free`` variants: removes the free-model skew critics point to."""
    rows = _with_week(rows)
    return _cn_us(rows[rows["variant"] != "free"], "origin", week_totals(rows))


def all_attributed(rows: pd.DataFrame) -> pd.DataFrame:
    """All traffic with stealth models assigned to their revealed lab where a source says so."""
    rows = _with_week(rows)
    return _cn_us(rows, "attributed_origin", week_totals(rows))


WHOLE_TRAFFIC: dict[str, Definition] = {
    "all_traffic": all_traffic,
    "all_excl_others": all_excl_others,
    "all_paid": all_paid,
    "all_attributed": all_attributed,
}


def weekly_model_ranks(rows: pd.DataFrame) -> pd.DataFrame:
    """Each model's weekly tokens and its rank that week (1 = most tokens); ``other`` excluded."""
    rows = _with_week(rows)
    models = (
        rows[rows["model_permaslug"] != OTHER_ROW]
        .groupby(["week_start", "model_permaslug", "origin"], observed=True)["tokens"]
        .sum()
        .reset_index()
        .sort_values(["week_start", "tokens", "model_permaslug"], ascending=[True, False, True])
    )
    models["rank"] = models.groupby("week_start").cumcount() + 1
    return models.reset_index(drop=True)


def top_n_models(n: int) -> Definition:
    """The definition ``top{n}_models``: the week's n largest models, grouped by origin."""

    def definition(rows: pd.DataFrame) -> pd.DataFrame:
        ranked = weekly_model_ranks(rows)
        return _cn_us(ranked[ranked["rank"] <= n], "origin", week_totals(rows))

    definition.__name__ = f"top{n}_models"
    definition.__doc__ = f"The {n} models with the most tokens each week, grouped by origin."
    return definition


def definitions() -> dict[str, Definition]:
    """Every definition in the grid, by its stable identifier."""
    grid: dict[str, Definition] = dict(WHOLE_TRAFFIC)
    grid.update({f"top{n}_models": top_n_models(n) for n in TOP_N_RANGE})
    return grid


def evaluate_definitions(rows: pd.DataFrame) -> pd.DataFrame:
    """Weekly CN and US tokens under every definition, long format.

    Ranks are computed once and reused for all fifty top-N definitions.
    """
    totals = week_totals(rows)
    frames = [fn(rows).assign(definition=name) for name, fn in WHOLE_TRAFFIC.items()]
    ranked = weekly_model_ranks(rows)
    frames += [
        _cn_us(ranked[ranked["rank"] <= n], "origin", totals).assign(definition=f"top{n}_models") for n in TOP_N_RANGE
    ]
    return pd.concat(frames, ignore_index=True)


KEY_DEFINITIONS = [
    "all_traffic",
    "all_excl_others",
    "all_paid",
    "all_attributed",
    "top5_models",
    "top9_models",
    "top10_models",
    "top20_models",
    "top50_models",
]


_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten"}


_LABELS = {
    "all_traffic": "all traffic",
    "all_excl_others": "all traffic without the long tail",
    "all_paid": "paid traffic only",
    "all_attributed": "all traffic with stealth models attributed",
}


def number_word(n: int) -> str:
    return _WORDS.get(int(n), str(int(n)))


def definition_label(name: str) -> str:
    """A definition's name in words ("the week's nine largest models"), for findings and charts."""
    if name in _LABELS:
        return _LABELS[name]
    n = int(name.removeprefix("top").removesuffix("_models"))
    return "the week's largest model" if n == 1 else f"the week's {number_word(n)} largest models"
