"""The report's answer to its own question, in one sentence of words and then the numbers behind it.

The question is whether OpenRouter is a representative sample of who uses which AI models. The
test is the like-for-like one notebook 4 makes: for each lab group a business measure of the same
thing (spend beside spend, tokens beside tokens) reports, is the business figure inside the band of
OpenRouter's share for the same period? A figure outside the band, either side, means OpenRouter's
users do not buy like businesses do; figures inside every band mean these measures cannot tell them
apart; no overlapping measure means the dates cannot answer.
"""

from __future__ import annotations

import pandas as pd

from ..enterprise.comparison import _format_value, gaps_to_openrouter
from ..enterprise.data import COUNTERPART_WORDS, measure_words
from ..findings import Finding, join_names

GROUPS = ("Chinese labs", "Anthropic", "OpenAI")
SHORT_WORDS = {"openrouter_tokens": "of OpenRouter's tokens", "openrouter_spend": "of OpenRouter's"}  # said again


def sides(pairs: pd.DataFrame) -> pd.Series:
    """Where each business figure falls against OpenRouter's band for the same measure and period:
    ``higher`` (OpenRouter above it), ``lower`` (OpenRouter below it) or ``inside``."""
    side = pd.Series("inside", index=pairs.index, dtype=object)
    side[pairs["value"] < pairs["openrouter_low_pct"]] = "higher"
    side[pairs["value"] > pairs["openrouter_high_pct"]] = "lower"
    return side


def latest_pairs(comparison: pd.DataFrame, lenses: pd.DataFrame) -> pd.DataFrame:
    """For each lab group, the like-for-like pairs of its latest period that has one, with where the
    business figure falls against OpenRouter's band: ``higher`` (OpenRouter above it), ``lower``, ``inside``."""
    pairs = gaps_to_openrouter(comparison, lenses).dropna(subset=["openrouter_pct"])
    pairs = pairs[pairs["vendor_group"].isin(GROUPS)]
    if pairs.empty:
        return pairs.assign(side=pd.Series(dtype=str), period_end=pd.Series(dtype="datetime64[ns]"))
    ends = comparison.drop_duplicates("period").set_index("period")["period_end"]
    pairs = pairs.assign(period_end=pairs["period"].map(ends))
    latest = pairs.groupby("vendor_group")["period_end"].transform("max")
    pairs = pairs[pairs["period_end"] == latest]
    side = sides(pairs)
    order = pairs["vendor_group"].map({g: i for i, g in enumerate(GROUPS)})
    return pairs.assign(side=side, order=order).sort_values(["order", "lens"]).drop(columns="order")


def _gist(pairs: pd.DataFrame) -> str:
    """The answer in words: which groups OpenRouter over- and under-weights against businesses."""
    sides = pairs.groupby("vendor_group", sort=False)["side"].agg(lambda s: s.iat[0] if s.nunique() == 1 else "mixed")
    larger, smaller = list(sides[sides == "higher"].index), list(sides[sides == "lower"].index)
    alike, mixed = list(sides[sides == "inside"].index), list(sides[sides == "mixed"].index)
    if not larger and not smaller and not mixed:
        return (
            "Not by these measures: for "
            + join_names(alike)
            + ", the business figures for the same period fall inside the range of OpenRouter's share, so these "
            "figures cannot tell OpenRouter's users from businesses"
        )
    if not larger and not smaller:
        inside = (
            f", and for {join_names(alike)} they fall inside the range of OpenRouter's own estimate" if alike else ""
        )
        return f"Not clearly: the business measures disagree on {join_names(mixed)}{inside}"
    parts = []
    if larger:
        parts.append(f"a larger share to {join_names(larger)}")
    if smaller:
        parts.append(f"a smaller share to {join_names(smaller)}")
    same = f", while {join_names(alike)}'s share is within that range" if alike else ""
    split = f"; the business measures disagree on {join_names(mixed)}" if mixed else ""
    return (
        "No: compared with what businesses buy, OpenRouter's traffic gives "
        + " and ".join(parts)
        + f", outside the range of OpenRouter's own estimate{same}{split}"
    )


def answer(comparison: pd.DataFrame, lenses: pd.DataFrame, outside: bool = False) -> Finding:
    """The report's one-sentence answer, then the like-for-like figures it rests on.

    ``outside`` says the Chinese labs' figures, where quoted, are the nearest period outside the dates."""
    pairs = latest_pairs(comparison, lenses)
    if pairs.empty:
        return Finding(
            "These dates cannot answer it: no business measure of spend or tokens overlaps them, so OpenRouter's "
            "shares have nothing like-for-like to be set beside.",
            key="answer",
        )
    numbers, said = [], set()
    for group, rows in pairs.groupby("vendor_group", sort=False):
        # one pair per side: where the business measures disagree, the reader sees each of them
        figures = []
        for _, r in rows.drop_duplicates("side").iterrows():
            ours = comparison[
                (comparison["period"] == r["period"])
                & (comparison["lens"] == r["openrouter_lens"])
                & (comparison["vendor_group"] == group)
            ].iloc[0]
            counterpart = r["openrouter_lens"]
            words = SHORT_WORDS[counterpart] if counterpart in said else COUNTERPART_WORDS[counterpart]
            said.add(counterpart)
            figures.append(
                f"{_format_value(ours)} {words} against {r['value']:.1f}% of "
                f"{measure_words(r['lens'], lenses)} ({r['period']})"
            )
        numbers.append(f"{group}, " + ", and ".join(figures))
    quoted = outside and "Chinese labs" in set(pairs["vendor_group"])  # the note is about a figure quoted here
    note = " The Chinese labs' period is the nearest one with a business figure, outside these dates." if quoted else ""
    return Finding(f"{_gist(pairs)}. {'; '.join(numbers)}.{note}", figure="04_chinese_labs_by_lens", key="answer")
