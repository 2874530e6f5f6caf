"""What the headline audit found (notebook 2), each sentence true for the dates it covers."""

from __future__ import annotations

import pandas as pd

from ..dates import span_label, week_label, week_span
from ..findings import Finding, Findings, capitalised, count, join_names
from ..headline.audit import Audit, headline_weeks, lead_summary
from ..headline.claim import HEADLINE_CLAIM, TOLERANCE_LABEL, claimed_streak_span
from ..headline.definitions import WHOLE_TRAFFIC, definition_label, number_word
from ..tables import headline as tables

WEEKS_TABLE = "The headline's count, week by week"


def _tn(tokens: float) -> str:
    return f"{tokens / 1e12:.2f}T"


def findings(audit: Audit, history: pd.DataFrame) -> Findings:
    """What the audit found, each sentence true for the run's window (and saying when it looked back)."""
    if len(audit.run_weeks) == 0:
        return Findings("02_headline_audit", [_no_complete_week(audit, history), REQUESTS])
    items = [_reproduction(audit), *_streak(audit), *_first_leads(audit), _ratio(audit), REQUESTS]
    weeks = tables.headline_weeks(headline_weeks(audit), claimed_streak_span(audit.claim))
    return Findings(
        "02_headline_audit",
        [i for i in items if i is not None],
        {
            "Who led, count by count (complete weeks)": tables.leads(lead_summary(audit))
            .reset_index()
            .to_dict("records"),
            WEEKS_TABLE: weeks.reset_index().to_dict("records"),
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
        f"{capitalised(audit.window.label())} holds no complete Monday-to-Sunday week, so no weekly claim is "
        f"tested. Over its {count(audit.window.days, 'day')}, counting all traffic, Chinese models had {_tn(cn)} tokens "
        f"and US models {_tn(us)}.",
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
            f"None of the weeks the press reported ({held}) lies within these dates, so their reproduction is "
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
        ("; the same count matches the other published weeks: " + join_names([week_span(w) for w in others]))
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
                f"The six-week claim ends in {week_label(week)}, which is not a complete week of these dates, so it "
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
        text += " Weeks before these dates were counted from the raw data."
    return [Finding(text, figure="02_streaks_by_definition", key="streak", verdict=True), _changes(audit)]


def _changes(audit: Audit) -> Finding:
    """The claimed week's week-on-week changes under the headline's count."""
    head = audit.headline or "all_traffic"
    table = headline_weeks(audit, head).set_index("week_start")
    row = table.loc[audit.claim_week]
    published = audit.claim[audit.claim["claim_id"] == HEADLINE_CLAIM].set_index("metric")["value"]
    if pd.isna(row["cn_change_pct"]):
        return Finding(
            f"The week before {week_label(audit.claim_week)} is not complete in the data, so the week-on-week "
            "changes cannot be computed.",
            key="changes",
        )
    text = (
        f"Week on week, {definition_label(head)} give China {row['cn_change_pct']:+.1f}% and the US "
        f"{row['us_change_pct']:+.1f}% in {week_label(audit.claim_week)}"
    )
    if {"cn_change", "us_change"} <= set(published.index):
        text += f" (published: {100 * published['cn_change']:+.2f}% and {100 * published['us_change']:+.2f}%)"
    if row["prior_week_outside_window"]:
        text += "; the week before lies outside these dates and was read from the raw data"
    return Finding(text + ".", figure="02_cn_vs_us_weekly", key="changes")


def _first_leads(audit: Audit) -> list[Finding]:
    """Who led how often, under the headline's count and all traffic: weeks led, the first lead and
    the longest streak among the complete weeks of these dates (one sentence each)."""
    summary = lead_summary(audit, list(dict.fromkeys([n for n in [audit.headline, "all_traffic"] if n])))
    weeks = audit.run_weeks
    span = week_span(weeks.min()) if len(weeks) == 1 else span_label(weeks.min(), weeks.max() + pd.Timedelta(days=6))
    items = []
    for row in summary.itertuples():
        label = definition_label(row.definition)
        total = "the only complete week" if row.complete_weeks == 1 else f"{row.complete_weeks} complete weeks"
        if row.weeks_cn_led == 0:
            text = f"Counting {label}, China did not lead the US in {total} of {span}."
        else:
            text = (
                f"Counting {label}, China led the US in {row.weeks_cn_led} of the {total} of {span}"
                if row.complete_weeks > 1
                else f"Counting {label}, China led the US in {total} of these dates ({span})"
            )
            if row.ahead_week_before_window == "yes" and row.first_lead_week == weeks.min():
                text += ", and was already ahead the week before"
            elif row.complete_weeks > 1:
                text += f", first in {week_label(row.first_lead_week)}"
            if row.longest_streak_weeks > 1:
                before = " (it began before these dates)" if row.longest_streak_start < audit.window.start else ""
                text += (
                    f"; its longest streak of leads lasted {row.longest_streak_weeks} weeks, "
                    f"{span_label(row.longest_streak_start, row.longest_streak_end)}{before}"
                )
            text += "."
        items.append(Finding(text, figure="02_cn_vs_us_weekly", key=f"lead_{row.definition}"))
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
