"""The headline audit: named definitions of "Chinese vs US volume", reproduction, and streaks.

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
from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from .dates import Window, week_label, week_span, week_start
from .findings import Finding, Findings, count
from .rankings import OTHER_ROW

Definition = Callable[[pd.DataFrame], pd.DataFrame]
TOP_N_RANGE = range(1, 51)
AUDIT_COLUMNS = [
    "week_start",
    "definition",
    "cn_tokens",
    "us_tokens",
    "total_tokens",
    "cn_share",
    "cn_leads",
    "streak_weeks",
    "streak_began_before_run",
    "matches_headline",
]
HEADLINE_WEEK_COLUMNS = [
    "week_start",
    "week_end",
    "definition",
    "china_tokens",
    "us_tokens",
    "total_tokens",
    "china_change_pct",
    "us_change_pct",
    "total_change_pct",
    "change_from_week_before_run",
    "china_leads",
    "streak_weeks",
]
TOLERANCE = 0.01  # the "within 1%": relative for token levels, absolute for changes


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


def add_week_completeness(table: pd.DataFrame, rows: pd.DataFrame) -> pd.DataFrame:
    """Days observed per week and whether the week is complete (all seven days present)."""
    days = _with_week(rows).groupby("week_start")["date"].nunique().rename("days")
    out = table.merge(days.reset_index(), on="week_start", how="left")
    out["complete_week"] = out["days"] == 7
    return out


def streaks(table: pd.DataFrame, cn_column: str = "cn_tokens", us_column: str = "us_tokens") -> pd.DataFrame:
    """Per definition and week: does China lead, and how long is the lead streak ending that week.

    A tie is not a lead. Incomplete weeks (fewer than seven days, e.g. the trailing partial week)
    get no streak and break any streak, and so does a calendar gap between weeks: a streak only
    counts complete, consecutive weeks. The columns compared are tokens unless said otherwise
    (the spend lens compares dollars).
    """
    out = table.sort_values(["definition", "week_start"]).reset_index(drop=True)
    out["cn_leads"] = out[cn_column] > out[us_column]
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


def add_streak_start(table: pd.DataFrame) -> pd.DataFrame:
    """The first week of the lead streak each row ends (NaT where China does not lead)."""
    start = table["week_start"] - pd.to_timedelta(7 * (table["streak_weeks"] - 1).clip(lower=0), unit="D")
    return table.assign(streak_start=start.where(table["streak_weeks"] > 0))


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
        streak_began_before_run=lambda t: t["streak_start"] < audit.window.start,
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
            "china_tokens": table.loc[weeks, "cn_tokens"].to_numpy(),
            "us_tokens": table.loc[weeks, "us_tokens"].to_numpy(),
            "total_tokens": table.loc[weeks, "total_tokens"].to_numpy(),
        }
    )
    for side, column in (("china", "cn_tokens"), ("us", "us_tokens"), ("total", "total_tokens")):
        change = (table[column] / before[column] - 1).where(previous_complete)
        out[f"{side}_change_pct"] = (100 * change.loc[weeks]).round(2).to_numpy()
    out["change_from_week_before_run"] = (weeks - pd.Timedelta(days=7) < audit.window.start) & out[
        "china_change_pct"
    ].notna()
    out["china_leads"] = table.loc[weeks, "cn_leads"].to_numpy()
    out["streak_weeks"] = table.loc[weeks, "streak_weeks"].to_numpy()
    return out[HEADLINE_WEEK_COLUMNS]


def lead_summary(audit: Audit, names: list[str] = KEY_DEFINITIONS) -> pd.DataFrame:
    """Per definition, for the run's complete weeks: weeks China led, its first lead inside the run,
    whether it was already ahead the week before the run, and the streak at the claimed week."""
    rows = audit.in_run()
    rows = rows[rows["definition"].isin(names)]
    led = rows[rows["cn_leads"]].groupby("definition")["week_start"]
    at_claim = rows[rows["week_start"] == audit.claim_week].set_index("definition")["streak_weeks"]
    summary = pd.DataFrame(index=pd.Index(names, name="definition")).assign(
        complete_weeks=rows.groupby("definition").size(),
        weeks_china_led=led.size(),
        first_lead_in_run=led.min().dt.strftime("%Y-%m-%d"),
        streak_at_claimed_week=at_claim.astype(object),
    )
    summary = summary.fillna(
        {"complete_weeks": 0, "weeks_china_led": 0, "first_lead_in_run": "none", "streak_at_claimed_week": "not in run"}
    )
    summary["ahead_week_before_run"] = _ahead_before(audit).reindex(names).fillna("no earlier week").to_numpy()
    summary.index = [definition_label(n) for n in names]
    return summary.rename_axis("definition").reset_index().astype({"complete_weeks": int, "weeks_china_led": int})


def _ahead_before(audit: Audit) -> pd.Series:
    """Per definition, whether China led in the last complete week before the run ("yes"/"no";
    definitions with no earlier week are absent)."""
    weeks = audit.weeks
    before = weeks[weeks["complete_week"] & (weeks["week_start"] + pd.Timedelta(days=6) < audit.window.start)]
    last = before.sort_values("week_start").groupby("definition")["cn_leads"].last()
    return last.map({True: "yes", False: "no"})


# --------------------------------------------------------------------------- findings


def _tn(tokens: float) -> str:
    return f"{tokens / 1e12:.2f}T"


def findings(audit: Audit, history: pd.DataFrame) -> Findings:
    """What the audit found, each sentence true for the run's window (and saying when it looked back)."""
    if len(audit.run_weeks) == 0:
        return Findings("02_headline_audit", [_no_complete_week(audit, history), REQUESTS])
    items = [_reproduction(audit), *_streak(audit), *_first_leads(audit), _ratio(audit), REQUESTS]
    return Findings(
        "02_headline_audit",
        [i for i in items if i is not None],
        {
            "Who leads, definition by definition (complete weeks of the run)": lead_summary(audit)
            .astype(str)
            .to_dict("records")
        },
    )


REQUESTS = Finding(
    'The rankings count tokens, not requests: the headline\'s "API call volume" can only have been a '
    "token count, and request shares (the rankings page's summary, which prediction markets settle on) "
    "are not in the licensed data.",
    key="requests",
)


def _no_complete_week(audit: Audit, history: pd.DataFrame) -> Finding:
    days = audit.window.cut(history)
    cn, us = days.loc[days["origin"] == "CN", "tokens"].sum(), days.loc[days["origin"] == "US", "tokens"].sum()
    return Finding(
        f"This run ({audit.window.label()}) holds no complete Monday-to-Sunday week, so no weekly claim is "
        f"tested. Over its {count(audit.window.days, 'day')}, all traffic: Chinese models {_tn(cn)} tokens, US models "
        f"{_tn(us)}.",
        key="no_complete_week",
        verdict=True,
    )


def _reproduction(audit: Audit) -> Finding:
    claims = audit.claims_in_run
    if claims.empty:
        held = ", ".join(sorted({week_span(w) for w in audit.claim["week_start"]}))
        where = (
            f"; in the data as a whole only {definition_label(audit.headline)} reproduce them" if audit.headline else ""
        )
        return Finding(
            f"None of the weeks the press reported ({held}) lies inside this run, so their reproduction is "
            f"not tested here{where}.",
            key="reproduction",
        )
    main = HEADLINE_CLAIM if HEADLINE_CLAIM in set(claims["claim_id"]) else claims["claim_id"].iat[0]
    week = claims.loc[claims["claim_id"] == main, "week_start"].iat[0]
    if not audit.reproduced:
        return Finding(
            f"No count of OpenRouter's data reproduces the figures published for {week_span(week)} "
            f"within {TOLERANCE_LABEL}.",
            key="reproduction",
            verdict=True,
        )
    name = audit.reproduced[0]
    published = claims[claims["claim_id"] == main].set_index("metric")["value"]
    ours = audit.row(name, week)
    parts = [
        f"China {_tn(ours['cn_tokens'])} tokens (published {_tn(published['cn_tokens'])})",
        f"the US {_tn(ours['us_tokens'])} (published {_tn(published['us_tokens'])})",
    ]
    if "total_tokens" in published:
        parts.append(f"the total {_tn(ours['total_tokens'])} (published {_tn(published['total_tokens'])})")
    others = claims[claims["claim_id"] != main].drop_duplicates("claim_id")["week_start"].sort_values()
    also = (
        ("; the same count matches the earlier reports for " + " and ".join(week_span(w) for w in others))
        if len(others)
        else ""
    )
    return Finding(
        f"The headline counted only {definition_label(name)} on OpenRouter: that count reproduces the figures "
        f"published for {week_span(week)} within {TOLERANCE_LABEL}: "
        f"{', '.join(parts)}{also}."
        + ("" if set(WHOLE_TRAFFIC) & set(audit.reproduced) else " No count of all traffic does."),
        figure="02_top9_models_weekly",
        key="reproduction",
        verdict=True,
    )


def _weeks(n: int) -> str:
    return "1 week" if n == 1 else f"{n} weeks"


def _streak(audit: Audit) -> list[Finding]:
    week = audit.claim_week
    if week not in audit.run_weeks:
        return [
            Finding(
                f"The six-week claim ends in {week_label(week)}, which is not a complete week of this run, so it "
                "is not tested here.",
                key="streak",
            )
        ]
    claimed = int(audit.claim.set_index(["claim_id", "metric"]).loc[(HEADLINE_CLAIM, "streak_weeks"), "value"])
    head = audit.headline or "all_traffic"
    names = list(dict.fromkeys([head, "all_traffic", "all_paid", "all_attributed"]))
    rows = {n: audit.row(n, week) for n in names}
    lengths = {n: int(r["streak_weeks"]) for n, r in rows.items()}
    looked_back = any(pd.notna(r["streak_start"]) and r["streak_start"] < audit.window.start for r in rows.values())
    holds = lengths[head] >= claimed
    text = (
        f'"{number_word(claimed).capitalize()} consecutive weeks" {"holds" if holds else "does not hold"} under '
        f"the headline's count: by {week_label(week)} China had led for {_weeks(lengths[head])} in a row"
    )
    if lengths[head]:
        text += f", since {week_label(rows[head]['streak_start'])}"
    others = [n for n in names if n != head]
    passing = [f"{definition_label(n)} ({_weeks(lengths[n])})" for n in others if lengths[n] >= claimed]
    failing = [f"{definition_label(n)} ({_weeks(lengths[n])})" for n in others if lengths[n] < claimed]
    if passing:
        text += f". It also holds counting {' and '.join(passing)}"
    if failing:
        text += f"{', but' if passing else '. It'} fails counting {' and '.join(failing)}"
    text += "."
    if looked_back:
        text += " Weeks before the run were counted from the raw data."
    return [Finding(text, figure="02_streaks_by_definition", key="streak", verdict=True), _changes(audit)]


def _changes(audit: Audit) -> Finding:
    """The claimed week's week-on-week changes under the headline's count."""
    head = audit.headline or "all_traffic"
    table = headline_weeks(audit, head).set_index("week_start")
    row = table.loc[audit.claim_week]
    published = audit.claim[audit.claim["claim_id"] == HEADLINE_CLAIM].set_index("metric")["value"]
    if pd.isna(row["china_change_pct"]):
        return Finding(
            f"The week before {week_label(audit.claim_week)} is not complete in the data, so the week-on-week "
            "changes cannot be computed.",
            key="changes",
        )
    text = (
        f"Week on week, {definition_label(head)} give China {row['china_change_pct']:+.1f}% and the US "
        f"{row['us_change_pct']:+.1f}% in {week_label(audit.claim_week)}"
    )
    if {"cn_change", "us_change"} <= set(published.index):
        text += f" (published: {100 * published['cn_change']:+.2f}% and {100 * published['us_change']:+.2f}%)"
    if row["change_from_week_before_run"]:
        text += "; the week before lies outside this run and was read from the raw data"
    return Finding(text + ".", figure="02_cn_vs_us_weekly", key="changes")


def _first_leads(audit: Audit) -> list[Finding]:
    items = []
    ahead = _ahead_before(audit)
    for name in dict.fromkeys([n for n in [audit.headline, "all_traffic"] if n]):
        rows = audit.in_run()
        mine = rows[rows["definition"] == name].sort_values("week_start")
        led = mine[mine["cn_leads"]]
        total = len(mine)
        label = definition_label(name)
        if led.empty:
            items.append(
                Finding(
                    f"Counting {label}, China did not lead the US in "
                    + ("the run's only complete week." if total == 1 else f"any of the run's {total} complete weeks."),
                    figure="02_cn_vs_us_weekly",
                    key=f"lead_{name}",
                )
            )
            continue
        first = led["week_start"].iat[0]
        ahead_before = ahead.get(name) == "yes"
        if first == mine["week_start"].iat[0] and ahead_before:
            start = mine["streak_start"].iat[0]
            text = (
                f"Counting {label}, China was already ahead when the run began: its lead had started in "
                f"{week_label(start)} (read from the raw data before the run)"
            )
        else:
            text = f"Counting {label}, China first led the US within this run in {week_label(first)}"
        text += f"; it led in {len(led)} of the run's {total} complete weeks."
        items.append(
            Finding(
                text.replace(" 1 of the run's 1 complete weeks", " the run's only complete week"),
                figure="02_cn_vs_us_weekly",
                key=f"lead_{name}",
            )
        )
    return items


def _ratio(audit: Audit) -> Finding:
    week = audit.claim_week if audit.claim_week in audit.run_weeks else audit.run_weeks.max()
    every = audit.row("all_traffic", week)
    named = audit.row("all_excl_others", week)
    text = f"In {week_label(week)}, Chinese models' tokens were {_times(every)} the US models' counting all traffic"
    if audit.headline:
        text += f", against {_times(audit.row(audit.headline, week))} in the headline's count of {definition_label(audit.headline)}"
    text += (
        f". Chinese models had {every['cn_share']:.1%} of all tokens that week, and {named['cn_share']:.1%} of the "
        "tokens of named models (the long tail left out, the rule a Metaculus forecasting question uses)"
    )
    return Finding(text + ".", figure="02_cn_vs_us_weekly", key="ratio")


def _times(row: pd.Series) -> str:
    if row["us_tokens"] == 0:
        return "infinitely many times"
    return f"{row['cn_tokens'] / row['us_tokens']:.1f} times"


def reproduction_table(audit: Audit, names: list[str] = KEY_DEFINITIONS) -> pd.DataFrame | str:
    """Our figures and their gaps to the published ones, per published week inside the run."""
    claims = audit.claims_in_run
    if claims.empty:
        return "No published week lies inside this run."
    frames = []
    for claim_id in claims["claim_id"].unique():
        table = compare_with_claim(audit.weeks, claims, claim_id)
        table = table[table["definition"].isin(names)].assign(claim=claim_id)
        frames.append(table)
    out = pd.concat(frames, ignore_index=True).set_index(["claim", "definition"])
    return out.drop(columns=[c for c in out.columns if c in ("max_level_gap",)]).round(3)
