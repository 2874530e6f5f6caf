"""The headline audit: named definitions of "Chinese vs US volume", reproduction, and streaks.

Each definition is a function from the classified daily rows to one row per week with
``cn_tokens``, ``us_tokens`` and ``total_tokens``. ``total_tokens`` is always the week's whole
volume (long tail and stealth included), so the definitions differ only in what they let count
as Chinese or American volume.

Definitions (stable identifiers, used in ``headline_audit.csv``):

- ``all_traffic``: every token of each origin group.
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

from typing import Callable

import pandas as pd

from .rankings import OTHER_ROW
from .weekly import week_start

Definition = Callable[[pd.DataFrame], pd.DataFrame]
TOP_N_RANGE = range(1, 51)
AUDIT_COLUMNS = ["week_start", "definition", "cn_tokens", "us_tokens", "total_tokens", "cn_leads",
                 "streak_weeks", "matches_headline", "days", "complete_week"]
TOLERANCE = 0.01  # the "within 1%": relative for token levels, absolute for changes


def _with_week(rows: pd.DataFrame) -> pd.DataFrame:
    return rows.assign(week_start=week_start(rows["date"]))


def week_totals(rows: pd.DataFrame) -> pd.Series:
    """All tokens per week, long tail and stealth included: the denominator of every definition."""
    return _with_week(rows).groupby("week_start")["tokens"].sum().rename("total_tokens")


def _cn_us(subset: pd.DataFrame, origin_column: str, totals: pd.Series) -> pd.DataFrame:
    by_origin = (subset.groupby(["week_start", origin_column])["tokens"].sum()
                 .unstack(fill_value=0).reindex(index=totals.index, fill_value=0))
    return pd.DataFrame({
        "cn_tokens": by_origin.get("CN", pd.Series(0, index=totals.index)).astype("int64"),
        "us_tokens": by_origin.get("US", pd.Series(0, index=totals.index)).astype("int64"),
        "total_tokens": totals,
    }).reset_index()


def all_traffic(rows: pd.DataFrame) -> pd.DataFrame:
    """Every token of each origin group (the long tail and stealth count for neither side)."""
    rows = _with_week(rows)
    return _cn_us(rows, "origin", week_totals(rows))


def all_paid(rows: pd.DataFrame) -> pd.DataFrame:
    """All traffic without ``:free`` variants: removes the free-model skew critics point to."""
    rows = _with_week(rows)
    return _cn_us(rows[rows["variant"] != "free"], "origin", week_totals(rows))


def all_attributed(rows: pd.DataFrame) -> pd.DataFrame:
    """All traffic with stealth models assigned to their revealed lab where a source says so."""
    rows = _with_week(rows)
    return _cn_us(rows, "attributed_origin", week_totals(rows))


def weekly_model_ranks(rows: pd.DataFrame) -> pd.DataFrame:
    """Each model's weekly tokens and its rank that week (1 = most tokens); ``other`` excluded."""
    rows = _with_week(rows)
    models = (rows[rows["model_permaslug"] != OTHER_ROW]
              .groupby(["week_start", "model_permaslug", "origin"], observed=True)["tokens"].sum()
              .reset_index()
              .sort_values(["week_start", "tokens", "model_permaslug"], ascending=[True, False, True]))
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
    grid: dict[str, Definition] = {"all_traffic": all_traffic, "all_paid": all_paid,
                                   "all_attributed": all_attributed}
    grid.update({f"top{n}_models": top_n_models(n) for n in TOP_N_RANGE})
    return grid


def evaluate_definitions(rows: pd.DataFrame) -> pd.DataFrame:
    """Weekly CN and US tokens under every definition, long format.

    Ranks are computed once and reused for all fifty top-N definitions.
    """
    totals = week_totals(rows)
    frames = [fn(rows).assign(definition=name) for name, fn in
              {"all_traffic": all_traffic, "all_paid": all_paid, "all_attributed": all_attributed}.items()]
    ranked = weekly_model_ranks(rows)
    frames += [_cn_us(ranked[ranked["rank"] <= n], "origin", totals).assign(definition=f"top{n}_models")
               for n in TOP_N_RANGE]
    return pd.concat(frames, ignore_index=True)


def add_week_completeness(table: pd.DataFrame, rows: pd.DataFrame) -> pd.DataFrame:
    """Days observed per week and whether the week is complete (all seven days present)."""
    days = _with_week(rows).groupby("week_start")["date"].nunique().rename("days")
    out = table.merge(days.reset_index(), on="week_start", how="left")
    out["complete_week"] = out["days"] == 7
    return out


def streaks(table: pd.DataFrame) -> pd.DataFrame:
    """Per definition and week: does China lead, and how long is the lead streak ending that week.

    A tie is not a lead. Incomplete weeks (fewer than seven days, e.g. the trailing partial week)
    get no streak and break any streak, and so does a calendar gap between weeks: a streak only
    counts complete, consecutive weeks.
    """
    out = table.sort_values(["definition", "week_start"]).reset_index(drop=True)
    out["cn_leads"] = out["cn_tokens"] > out["us_tokens"]
    counted = out["cn_leads"] & out["complete_week"]
    previous_week = out.groupby("definition")["week_start"].shift()
    consecutive = (out["week_start"] - previous_week) == pd.Timedelta(days=7)
    run_breaks = (~counted) | (~consecutive)
    run_id = run_breaks.groupby(out["definition"]).cumsum()
    out["streak_weeks"] = counted.groupby([out["definition"], run_id]).cumsum().where(counted, 0).astype(int)
    return out


def load_claim(path) -> pd.DataFrame:
    """The published figures (``data/raw/reference/headline_claim.csv``)."""
    claim = pd.read_csv(path, dtype={"value": float})
    claim["week_start"] = pd.to_datetime(claim["week_start"])
    return claim


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
        out[f"{side}_T"] = ours / 1e12
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


def top_model_check(rows: pd.DataFrame, week: pd.Timestamp) -> pd.DataFrame:
    """The week's largest models, with their change on the week before (for the DeepSeek claim)."""
    ranked = weekly_model_ranks(rows)
    now = ranked[ranked["week_start"] == week].set_index("model_permaslug")
    before = ranked[ranked["week_start"] == week - pd.Timedelta(days=7)].set_index("model_permaslug")
    out = now[["rank", "origin", "tokens"]].copy()
    out["tokens_T"] = out.pop("tokens") / 1e12
    out["change"] = now["tokens"] / before["tokens"].reindex(now.index) - 1
    out["rank_week_before"] = before["rank"].reindex(now.index)
    return out.reset_index()


def first_lead(streak_table: pd.DataFrame) -> pd.DataFrame:
    """Per definition: first complete week China led, and weeks led in all."""
    led = streak_table[streak_table["cn_leads"] & streak_table["complete_week"]]
    return pd.DataFrame({
        "first_week_cn_led": led.groupby("definition")["week_start"].min(),
        "complete_weeks_cn_led": led.groupby("definition").size(),
    })


def streak_at(streak_table: pd.DataFrame, week: pd.Timestamp) -> pd.Series:
    """Length of China's lead streak ending at ``week`` under each definition."""
    at = streak_table[streak_table["week_start"] == week].set_index("definition")["streak_weeks"]
    return at.rename("streak_at_week")


def audit_table(streak_table: pd.DataFrame, matching: list[str]) -> pd.DataFrame:
    """The published output table, one row per week and definition."""
    out = streak_table.assign(matches_headline=streak_table["definition"].isin(matching))
    order = {name: i for i, name in enumerate(definitions())}
    out = out.assign(_order=out["definition"].map(order)).sort_values(["_order", "week_start"])
    return out[AUDIT_COLUMNS].reset_index(drop=True)


def summary_by_definition(streak_table: pd.DataFrame, week: pd.Timestamp, names: list[str]) -> pd.DataFrame:
    """One row per definition: first lead, weeks led, streak at ``week`` and at the last complete week."""
    complete = streak_table[streak_table["complete_week"]]
    last_week = complete["week_start"].max()
    out = first_lead(streak_table).join(streak_at(streak_table, week))
    out = out.join(streak_at(streak_table, last_week).rename("streak_at_last_complete_week"))
    out["six_weeks_true"] = out["streak_at_week"] >= 6
    out["first_week_cn_led"] = out["first_week_cn_led"].dt.strftime("%Y-%m-%d")
    return out.reindex(names).rename_axis("definition")
