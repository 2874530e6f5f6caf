"""Each published figure's definition, by a stable id: how the project computes it, in its unit.

A ledger row names one of these ids (``definition_id``), with a ``count`` (which models or tokens
the figure is taken over) and a ``subject`` (whose figure it is). Each definition knows its unit,
which counts and subjects make sense for it, how to describe itself in words, and how to compute the
project's value over the claim's period. Three ids name figures the licensed data cannot give at
all (model sizes, the 100 largest models, an unstated set of models); they carry the reason instead
of a computation.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from ..headline import WHOLE_TRAFFIC, definition_label, number_word
from ..registry import ORIGIN_GROUPS, model_name
from . import ranks, shares
from .data import CannotCheck, ClaimData, Measured
from .top50 import mean_daily_count

Measure = Callable[[ClaimData, pd.Series], Measured]

HEADLINE_COUNTS = [*WHOLE_TRAFFIC, *(f"top{n}_models" for n in range(1, 51))]
GROUP_PART = re.compile(r"[a-z0-9][a-z0-9.-]*")


@dataclass(frozen=True)
class Definition:
    """``counts`` and ``subjects`` name what the ledger may put in those columns (see
    :func:`check_row`); ``unit`` is None for the ids that take the claim's own unit; ``reason``
    says why the data cannot give the figure, for the ids without a ``measure``."""

    words: str
    unit: str | None
    counts: str
    subjects: str
    measure: Measure | None = None
    reason: str = ""


def _week(claim: pd.Series) -> pd.Timestamp:
    start, end = claim["period_start"], claim["period_end"]
    if start.day_of_week != 0 or end - start != pd.Timedelta(days=6):
        raise CannotCheck("the figure is weekly but its period is not one Monday-to-Sunday week")
    return start


def _before(data: ClaimData, claim: pd.Series) -> pd.DataFrame:
    """The rows of the period just before the claim's, of the same length (the week before)."""
    length = claim["period_end"] - claim["period_start"] + pd.Timedelta(days=1)
    start = claim["period_start"] - length
    if start < data.first_day:
        raise CannotCheck("the period before it, which the change is measured from, starts before the data")
    return data.rows(start, claim["period_start"] - pd.Timedelta(days=1))


def _rows(data: ClaimData, claim: pd.Series) -> pd.DataFrame:
    return data.rows(claim["period_start"], claim["period_end"])


def _origin_tokens(data: ClaimData, claim: pd.Series) -> Measured:
    rows = _rows(data, claim)
    value = ranks.counted_tokens(rows, claim["count"], claim["subject"])
    return Measured(value, notes=_nearest_count_note(rows, claim))


def _nearest_count_note(rows: pd.DataFrame, claim: pd.Series) -> list[str]:
    """Which count of the period's largest models does give the published figure, if any."""
    if ranks.top_n(claim["count"]) is None or claim["subject"] == ranks.TOTAL:
        return []
    found = ranks.nearest_top_n(rows, claim["subject"], claim["value"], 0.01)
    if not found:
        return ["No count of the period's 1 to 50 largest models comes within 1% of the published figure."]
    tokens = ranks.counted_tokens(rows, f"top{found[0]}_models", claim["subject"])
    which = f"{number_word(found[0])}" if len(found) == 1 else f"{found[0]} to {found[-1]}"
    return [f"The period's {which} largest models give {tokens / 1e12:.2f}T, within 1% of the published figure."]


def _origin_change(data: ClaimData, claim: pd.Series) -> Measured:
    now = ranks.counted_tokens(_rows(data, claim), claim["count"], claim["subject"])
    before = ranks.counted_tokens(_before(data, claim), claim["count"], claim["subject"])
    if before == 0:
        raise CannotCheck("the count had no tokens in the period before, and a change from nothing is not a percentage")
    return Measured(100 * (now / before - 1), notes=[f"The project has {before / 1e12:.3f}T the period before."])


def _origin_share(data: ClaimData, claim: pd.Series) -> Measured:
    rows = _rows(data, claim)
    part = ranks.counted_tokens(rows, claim["count"], claim["subject"])
    whole = ranks.counted_tokens(rows, claim["count"], ranks.COUNTED)
    if whole == 0:
        raise CannotCheck("the count holds no tokens in the claim's period")
    return Measured(100 * part / whole)


def _lead_streak(data: ClaimData, claim: pd.Series) -> Measured:
    week = _week(claim)
    table = data.lead_streaks
    hit = table.loc[(table["definition"] == claim["count"]) & (table["week_start"] == week), "streak_weeks"]
    return Measured(float(hit.iat[0]) if len(hit) else 0.0)


def _model_rows(data: ClaimData, claim: pd.Series, rows: pd.DataFrame | None = None) -> float:
    rows = _rows(data, claim) if rows is None else rows
    return float(rows.loc[rows["model_permaslug"] == claim["subject"], "tokens"].sum())


def _model_tokens(data: ClaimData, claim: pd.Series) -> Measured:
    return Measured(_model_rows(data, claim))


def _model_change(data: ClaimData, claim: pd.Series) -> Measured:
    before = _model_rows(data, claim, _before(data, claim))
    if before == 0:
        raise CannotCheck("the model had no tokens among the named models in the period before")
    return Measured(100 * (_model_rows(data, claim) / before - 1))


def _model_rank(data: ClaimData, claim: pd.Series) -> Measured:
    ranked = ranks.period_model_ranks(_rows(data, claim))
    hit = ranked.loc[ranked["model_permaslug"] == claim["subject"], "rank"]
    if hit.empty:
        raise CannotCheck("the model is not among the period's named models")
    return Measured(float(hit.iat[0]))


def _first_streak(data: ClaimData, claim: pd.Series) -> Measured:
    week = _week(claim)
    return Measured(float(ranks.first_place_streak(data.weekly_ranks, data.history, claim["subject"], week)))


def _token_share(data: ClaimData, claim: pd.Series) -> Measured:
    rows = _rows(data, claim)
    value = shares.token_share_pct(rows, claim["subject"], claim["count"])
    notes = []
    if claim["count"] == shares.ALL:
        named = shares.token_share_pct(rows, claim["subject"], shares.NAMED)
        notes.append(f"Of the named models' tokens (the long tail left out) it is {named:.1f}%.")
    return Measured(value, notes=notes)


def _weekly(series: pd.Series) -> pd.Series:
    if series.empty:
        raise CannotCheck("the period holds no complete Monday-to-Sunday week")
    return series


def _token_share_low(data: ClaimData, claim: pd.Series) -> Measured:
    weekly = _weekly(shares.group_weekly_shares_pct(_rows(data, claim), claim["subject"], claim["count"]))
    return Measured(float(weekly.min()), notes=[f"The lowest week is that of {weekly.idxmin():%-d %B %Y}."])


def _group_streak(data: ClaimData, claim: pd.Series) -> Measured:
    week = _week(claim)
    return Measured(float(shares.group_lead_streak(data.history, claim["subject"], claim["count"], week)))


def _spend_share(data: ClaimData, claim: pd.Series) -> Measured:
    rows = data.priced_rows(claim["period_start"], claim["period_end"])
    central, low, high, at_list = shares.spend_share_pct(rows, claim["subject"], claim["count"])
    return Measured(
        central,
        low,
        high,
        notes=[
            f"The project's estimate has a band of {low:.0f}-{high:.0f}%; at full list prices (no caching "
            f"discount, as list-price estimates assume) the share is {at_list:.0f}%."
        ],
    )


def _closed_tokens(data: ClaimData, claim: pd.Series) -> Measured:
    return Measured(shares.closed_tokens(_rows(data, claim), claim["subject"]))


def _open_share(data: ClaimData, claim: pd.Series) -> Measured:
    return Measured(shares.open_weight_share_pct(_rows(data, claim), claim["subject"], claim["count"]))


def _open_weekly(statistic: str) -> Measure:
    def measure(data: ClaimData, claim: pd.Series) -> Measured:
        weekly = _weekly(shares.open_weight_weekly_pct(_rows(data, claim), claim["subject"], claim["count"]))
        value = float(getattr(weekly, statistic)())
        return Measured(value, notes=[f"Over {len(weekly)} complete weeks; the largest is {weekly.max():.1f}%."])

    return measure


def _top50_count(data: ClaimData, claim: pd.Series) -> Measured:
    mean = mean_daily_count(data.top50_counts, claim["subject"], claim["period_start"], claim["period_end"])
    days = data.top50_counts.query("origin == @claim.subject and @claim.period_start <= date <= @claim.period_end")
    spread = f"between {days['models'].min()} and {days['models'].max()} a day, {mean:.1f} on average"
    return Measured(mean, notes=[f"The project counts {spread}."] if len(days) > 1 else [])


DEFINITIONS: dict[str, Definition] = {
    "origin_tokens": Definition("tokens of {subject} among {count}", "tokens", "headline", "origin", _origin_tokens),
    "origin_change_pct": Definition(
        "change of the tokens of {subject} among {count} on the period before",
        "percent",
        "headline",
        "origin",
        _origin_change,
    ),
    "origin_share_pct": Definition(
        "share of {subject} in the tokens of {count}", "percent", "headline", "origin", _origin_share
    ),
    "lead_streak_weeks": Definition(
        "consecutive complete weeks Chinese models led US models among {count}", "weeks", "headline", "CN", _lead_streak
    ),
    "model_tokens": Definition("tokens of {subject}", "tokens", "", "model", _model_tokens),
    "model_change_pct": Definition(
        "change of the tokens of {subject} on the week before", "percent", "", "model", _model_change
    ),
    "model_rank": Definition("rank of {subject} among the period's named models", "rank", "", "model", _model_rank),
    "model_first_streak_weeks": Definition(
        "consecutive complete weeks {subject} had the most tokens", "weeks", "", "model", _first_streak
    ),
    "token_share_pct": Definition("share of {subject} in {count}", "percent", "share", "groups", _token_share),
    "token_share_weekly_low_pct": Definition(
        "lowest weekly share of {subject} in {count}", "percent", "share", "groups", _token_share_low
    ),
    "group_lead_streak_weeks": Definition(
        "consecutive complete weeks {subject} had more tokens than the rest of {count} together",
        "weeks",
        "groups",
        "groups",
        _group_streak,
    ),
    "spend_share_pct": Definition(
        "share of {subject} in the estimated spend of {count} (notebook 3's estimate)",
        "percent",
        "spend",
        "groups",
        _spend_share,
    ),
    "closed_tokens": Definition(
        "tokens of the closed-weight models of {subject}", "tokens", "", "groups", _closed_tokens
    ),
    "open_weight_share_pct": Definition(
        "open-weight models' share of {count} ({subject})", "percent", "open", "open", _open_share
    ),
    "open_weight_weekly_mean_pct": Definition(
        "mean weekly share of open-weight models ({subject}) in {count}",
        "percent",
        "open",
        "open",
        _open_weekly("mean"),
    ),
    "open_weight_weekly_peak_pct": Definition(
        "largest weekly share of open-weight models ({subject}) in {count}",
        "percent",
        "open",
        "open",
        _open_weekly("max"),
    ),
    "top50_model_count": Definition(
        "{subject} among the day's 50 named models (mean per day over the period)", "models", "", "origin", _top50_count
    ),
    "unstated_count": Definition(
        "a share of models the page does not name",
        None,
        "",
        "text",
        reason="the page does not say which models its figure counts",
    ),
    "model_size_band": Definition(
        "tokens of models of a size band",
        "tokens",
        "",
        "text",
        reason="model sizes (parameter counts) are neither in OpenRouter's rankings nor in this project's registry",
    ),
    "top100_models": Definition(
        "tokens among the 100 largest models",
        "tokens",
        "",
        "text",
        reason="the rankings name only each day's 50 largest models, so the 100 largest cannot be rebuilt",
    ),
}


def _group_problem(expression: str, minimum: int = 1) -> str:
    parts = shares.group_parts(expression)
    bad = [p for p in parts if not (shares.is_origin(p) or GROUP_PART.fullmatch(p))]
    if len(parts) < minimum or bad or "+".join(parts) != expression:
        return f"a group expression (origin groups {ORIGIN_GROUPS} or author slugs joined by +), got {expression!r}"
    return ""


def _count_problem(definition: Definition, count: str) -> str:
    kind = definition.counts
    if kind == "":
        return "" if count == "" else "must be empty for this definition"
    if kind == "headline":
        return "" if count in HEADLINE_COUNTS else f"a headline count ({', '.join(WHOLE_TRAFFIC)} or topN_models)"
    fixed = {"share": [shares.ALL, shares.NAMED], "spend": [shares.NAMED], "open": list(_OPEN_COUNTS), "groups": []}[
        kind
    ]
    if count in fixed:
        return ""
    return _group_problem(count, 2) if kind != "open" else f"one of {list(_OPEN_COUNTS)}"


_OPEN_COUNTS = (shares.ALL, shares.NAMED, shares.OPEN_OR_CLOSED)


def _subject_problem(definition: Definition, count: str, subject: str) -> str:
    kind = definition.subjects
    if kind == "origin":
        allowed = ORIGIN_GROUPS + [ranks.TOTAL, ranks.COUNTED] if definition.counts == "headline" else ORIGIN_GROUPS
        if count in WHOLE_TRAFFIC:
            allowed = ["CN", "US", ranks.TOTAL, ranks.COUNTED]  # what the headline's whole-traffic counts give
        return "" if subject in allowed else f"one of {allowed} for this definition and count"
    if kind == "CN":
        return "" if subject == "CN" else "CN (the streak is China's lead over the US)"
    if kind == "model":
        return "" if "/" in subject else "a model's permaslug (author/model)"
    if kind == "groups":
        return _group_problem(subject)
    if kind == "open":
        return "" if subject in [*ORIGIN_GROUPS, shares.EVERY_ORIGIN] else "an origin group or ALL"
    return "" if subject.strip() else "must not be empty"


def check_row(definition: Definition, count: str, subject: str) -> tuple[str, str]:
    """The column at fault and why, or ``("", "")`` when the row's count and subject fit its definition."""
    problem = _count_problem(definition, count)
    if problem:
        return "count", problem
    problem = _subject_problem(definition, count, subject)
    return ("subject", problem) if problem else ("", "")


SUBJECT_WORDS = {
    "CN": "Chinese labs",
    "US": "US labs",
    "EU": "EU labs",
    "ROW": "other named labs",
    "UNDISCLOSED": "stealth models",
    "LONG_TAIL": "the long tail",
    ranks.TOTAL: "all models",
    ranks.COUNTED: "the counted models",
    shares.EVERY_ORIGIN: "every origin",
}
LAB_WORDS = {"anthropic": "Anthropic", "openai": "OpenAI", "google": "Google", "deepseek": "DeepSeek"}
COUNT_WORDS = {
    shares.ALL: "every token",
    shares.NAMED: "the named models (the daily top 50)",
    shares.OPEN_OR_CLOSED: "named models of known open or closed weights",
}


def _group_words(expression: str) -> str:
    return " + ".join(SUBJECT_WORDS.get(p, LAB_WORDS.get(p, p)) for p in shares.group_parts(expression))


def describe(claim: pd.Series) -> str:
    """The claim's definition in words, for the checked table (no code names)."""
    definition = DEFINITIONS[claim["definition_id"]]
    count, subject = claim["count"], claim["subject"]
    if definition.counts == "headline":
        count_words = definition_label(count)
        start, end = claim["period_start"], claim["period_end"]
        if pd.notna(start) and not (start.day_of_week == 0 and end - start == pd.Timedelta(days=6)):
            count_words = count_words.replace("the week's", "the period's")
    else:
        count_words = COUNT_WORDS.get(count) or _group_words(count)
    if subject == ranks.TOTAL and claim["definition_id"] in WHOLE_PERIOD:
        return WHOLE_PERIOD[claim["definition_id"]]
    subject_words = model_name(subject) if definition.subjects == "model" else _group_words(subject)
    return definition.words.format(count=count_words, subject=subject_words)


# The press series' "total global volume" is every token of the week, whatever the count.
WHOLE_PERIOD = {
    "origin_tokens": "all tokens of the period (every model, the long tail included)",
    "origin_change_pct": "change of all tokens of the period on the period before",
}
