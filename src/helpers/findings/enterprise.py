"""What the enterprise comparison found (notebook 4), in sentences for the periods the dates overlap."""

from __future__ import annotations

import dataclasses

import pandas as pd

from ..dates import Window, period_name, period_phrase
from ..enterprise.comparison import _format_value, gaps_to_openrouter, group_table, nearest_figure
from ..enterprise.data import ADOPTION_UNIT, COUNTERPART_WORDS, RANK_UNIT, RESPONDENT_UNIT, credit, measure_words
from ..findings import Finding, Findings, capitalised, join_names
from .answer import answer, sides


def findings(
    comparison: pd.DataFrame,
    lenses: pd.DataFrame,
    sources: pd.DataFrame,
    observations: pd.DataFrame,
    window: Window,
    chinese: tuple[pd.DataFrame, str] | None = None,
) -> Findings:
    """What the comparison found, for named periods overlapping the run; never empty.

    ``chinese`` is :func:`with_nearest_chinese_labs`'s result, when the notebook computed it."""
    chinese_rows, chinese_note = chinese if chinese is not None else (comparison, "")
    tables = {
        f"{group} under each measure": group_table(
            chinese_rows if group == "Chinese labs" else comparison, lenses, sources, group
        ).to_dict("records")
        for group in ("Chinese labs", "Anthropic", "OpenAI")
        if not chinese_rows.empty
    }
    tables = {k: v for k, v in tables.items() if v}
    if comparison.empty and not chinese_note:
        near = nearest_figure(observations, window)
        when = "after" if near["period_start"] > window.end else "before"
        text = (
            f"No business figure's period falls within these dates. The nearest is {near['publisher']}'s "
            f"{lenses.set_index('lens').loc[near['lens'], 'label']} for {period_name(near['period_start'], near['period_end'])} "
            f"({near['vendor']}: {near['value']:g}{'%' if near['unit'] != RANK_UNIT else ''}), "
            f"{int(near['distance_days'])} days {when} them; notebook 4 rerun over that period compares the two."
        )
        return Findings("04_enterprise_comparison", [Finding(text, key="nearest")], tables)
    items: list[Finding | None] = (
        [Finding(chinese_note, figure="04_chinese_labs_by_lens", key="chinese_nearest")] if chinese_note else []
    )
    lead = _chinese_labs(chinese_rows, lenses, sources, outside=bool(chinese_note))
    what = _what_vs_who(chinese_rows)
    if chinese_note and what is not None:
        what = dataclasses.replace(what, text=what.text.removesuffix(".") + " (the same period, outside these dates).")
    items += [lead, _adoption(chinese_rows, lenses, sources), *_lab_spend(comparison, lenses, sources), what]
    items.append(answer(chinese_rows, lenses, outside=bool(chinese_note)))
    outside = comparison.loc[comparison["read_outside_window"], "period"].unique()
    if len(outside):
        items.append(
            Finding(
                f"For {_names('; '.join(outside))}, which extend{'s' if len(outside) == 1 else ''} beyond these dates, OpenRouter's "
                "shares were computed over the whole period, reading its rankings outside them.",
                key="read_outside",
            )
        )
    partial = comparison.loc[~comparison["openrouter_covers"].astype(bool), "period"].unique()
    if len(partial):
        items.append(
            Finding(
                f"OpenRouter's data covers only part of {', '.join(partial)}; its shares there are for the "
                "days it covers.",
                key="partial",
            )
        )
    return Findings("04_enterprise_comparison", [i for i in items if i is not None], tables)


def _value(comparison: pd.DataFrame, period: str, lens: str, group: str) -> pd.Series | None:
    rows = comparison[
        (comparison["period"] == period) & (comparison["lens"] == lens) & (comparison["vendor_group"] == group)
    ]
    return rows.iloc[0] if len(rows) else None


def _chinese_labs(
    comparison: pd.DataFrame, lenses: pd.DataFrame, sources: pd.DataFrame, outside: bool = False
) -> Finding | None:
    """OpenRouter's Chinese share set only beside business measures of the same thing (spend beside
    spend, tokens beside tokens) for the latest period that has one; adoption is said apart.
    ``outside``: that period is the nearest one outside the dates, and the sentence says so."""
    chinese = comparison[comparison["vendor_group"] == "Chinese labs"]
    pairs = gaps_to_openrouter(chinese, lenses).dropna(subset=["openrouter_pct"])
    if pairs.empty:
        return Finding(
            "No business measure of spend or tokens whose period falls in these dates reports on Chinese labs, so "
            "OpenRouter's Chinese share is not set against one here.",
            key="chinese_labs",
            verdict=True,
        )
    period = chinese[chinese["period"].isin(pairs["period"])].sort_values("period_end")["period"].iat[-1]
    rows = pairs[pairs["period"] == period]
    parts = []
    for _, r in rows.iterrows():
        ours = chinese[(chinese["period"] == period) & (chinese["lens"] == r["openrouter_lens"])].iloc[0]
        parts.append(
            f"{_format_value(ours)} {COUNTERPART_WORDS[r['openrouter_lens']]} against {r['value']:.1f}% of "
            f"{measure_words(r['lens'], lenses)} (counting "
            f"{_names(r['vendors'])}; {credit(r['lens'], r['source_id'], lenses, sources)}, {r['evidence']} evidence)"
        )
    when = chinese.loc[chinese["period"] == period].iloc[0]
    verdict = set(sides(rows))
    lead = (
        "OpenRouter does not mirror what businesses buy"
        if verdict <= {"higher", "lower"}
        else "On this measure OpenRouter is within the range of what businesses buy"
        if verdict == {"inside"}
        else "The business measures disagree on how far OpenRouter is from what businesses buy"
    )
    where = " (That period lies outside these dates: it is the nearest with such figures.)" if outside else ""
    return Finding(
        f"{lead}: {period_phrase(when['period_start'], when['period_end'])}, "
        "Chinese labs had " + "; and ".join(parts) + "." + where,
        figure="04_chinese_labs_by_lens",
        key="chinese_labs",
        verdict=True,
    )


def _adoption(comparison: pd.DataFrame, lenses: pd.DataFrame, sources: pd.DataFrame) -> Finding | None:
    """Shares of businesses paying a Chinese lab: their own sentence, never set against a share of
    money or tokens (a business paying a few dollars counts as much as one paying millions)."""
    rows = comparison[
        (comparison["vendor_group"] == "Chinese labs") & comparison["unit"].isin([ADOPTION_UNIT, RESPONDENT_UNIT])
    ]
    if rows.empty:
        return None
    latest = rows.sort_values("period_end").iloc[-1]
    who = "US businesses on Ramp" if latest["unit"] == ADOPTION_UNIT else "respondents"
    return Finding(
        f"Counted by businesses rather than by money: in {latest['period']}, {latest['value']:.1f}% of {who} paid "
        f"{_names(latest['vendors'])} ({credit(latest['lens'], latest['source_id'], lenses, sources)}). A share of "
        "businesses is not a share of spend or tokens, so it is not set against OpenRouter's shares.",
        figure="04_chinese_labs_by_lens",
        key="adoption",
    )


def _names(joined: str) -> str:
    """``"a; b; c"`` as ``"a, b and c"`` (vendor lists are stored semicolon-separated)."""
    return join_names([n.strip() for n in joined.split(";") if n.strip()] or ["every vendor"])


def _lab_spend(comparison: pd.DataFrame, lenses: pd.DataFrame, sources: pd.DataFrame) -> list[Finding]:
    """The latest period in which a spend lens reports Anthropic and OpenAI, beside OpenRouter's spend."""
    spend_lenses = lenses.loc[lenses["openrouter_counterpart"] == "openrouter_spend", "lens"]
    rows = comparison[comparison["lens"].isin(spend_lenses) & comparison["vendor_group"].isin(["Anthropic", "OpenAI"])]
    if rows.empty:
        return []
    latest = rows.sort_values(["period_end", "period_start"]).iloc[-1]
    period, lens = latest["period"], latest["lens"]
    label = lenses.set_index("lens").loc[lens, "label"]
    cite = credit(lens, latest["source_id"], lenses, sources)
    parts = []
    for lab in ("Anthropic", "OpenAI"):
        ours, theirs = _value(comparison, period, "openrouter_spend", lab), _value(comparison, period, lens, lab)
        if ours is not None and theirs is not None:
            parts.append(
                f"{lab} had {_format_value(ours)} of estimated spend on OpenRouter against {_format_value(theirs)} in {label}"
            )
    if not parts:
        return []
    beyond = " (That period extends beyond these dates; OpenRouter's shares are for all of it.)"
    return [
        Finding(
            f"{capitalised(period_phrase(latest['period_start'], latest['period_end']))}, "
            + "; ".join(parts)
            + f" (source: {cite})."
            + (beyond if latest["read_outside_window"] else ""),
            figure="04_anthropic_openai_by_lens",
            key="lab_spend",
            verdict=True,
        )
    ]


def _what_vs_who(comparison: pd.DataFrame) -> Finding | None:
    """How much of the distance comes from what is counted: tokens to dollars on OpenRouter alone."""
    periods = comparison.loc[comparison["vendor_group"] == "Chinese labs", "period"].unique()
    for period in reversed(list(periods)):
        tokens = _value(comparison, period, "openrouter_tokens", "Chinese labs")
        spend = _value(comparison, period, "openrouter_spend", "Chinese labs")
        if tokens is not None and spend is not None and tokens["value"] > 0:
            return Finding(
                f"What is counted matters before who is counted: on OpenRouter alone, going from tokens to "
                f"estimated dollars takes the Chinese labs' share in {period} from {tokens['value']:.0f}% to "
                f"{_format_value(spend)}.",
                figure="04_chinese_labs_by_lens",
                key="what_vs_who",
            )
    return None
