"""Contracts of OpenRouter's own data as archived (``data/raw/openrouter/``): the daily rankings,
the archive collector's daily sums, and the billed usage of four 7-day windows."""

from __future__ import annotations

import pandas as pd

from . import units
from .reference import PERMASLUG, PERMASLUG_WORDS
from .spec import Column, Contract, RowRule

# A rankings file is one month (``2026-06.csv``) or one day (``2026-09-28.csv``) of one vintage.
# Its (date, model) pairs are unique across the whole vintage, which rankings.load_vintage checks
# across files (key_scope "folder"), naming both files and lines.
RANKINGS = Contract(
    name="OpenRouter rankings-daily",
    files=("openrouter/rankings-daily/*/[0-9][0-9][0-9][0-9]-[0-9][0-9]*.csv",),
    about="the API's own rows: each day's top 50 models and the long tail ('other'), tokens per model",
    columns=(
        Column("date", kind="date"),
        Column("model_permaslug", pattern=PERMASLUG, say=PERMASLUG_WORDS),
        Column("total_tokens", kind="int", bounds=units.TOKENS),
    ),
    key=("date", "model_permaslug"),
    key_scope="folder",
    file_dates="date",
)


def _sum_wrong(t: pd.DataFrame) -> pd.Series:
    return t["top50_tokens"] + t["other_tokens"] != t["total_tokens"]


COLLECTOR_TOTALS = Contract(
    name="collector daily totals",
    files=("openrouter/rankings-daily/*/daily_totals.csv",),
    about="the archive collector's own sum of each day's rows, to reconcile the vintage with",
    columns=(
        Column("date", kind="date"),
        Column("total_tokens", kind="int", bounds=units.TOKENS),
        Column("top50_tokens", kind="int", bounds=units.TOKENS),
        Column("other_tokens", kind="int", bounds=units.TOKENS),
    ),
    key=("date",),
    rules=(RowRule("total_tokens", "must equal top50_tokens + other_tokens", _sum_wrong),),
)


def _variant_slug_wrong(t: pd.DataFrame) -> pd.Series:
    """The variant's permaslug is the model's, with ``:variant`` unless it is the standard one."""
    expected = t["model_permaslug"].where(t["variant"] == "standard", t["model_permaslug"] + ":" + t["variant"])
    return expected != t["variant_permaslug"]


# Billed rows name models as the billing feed does (embedding models without an author, one row
# of dollars with no model at all), so model names are not held to the permaslug pattern.
BILLED_USAGE = Contract(
    name="OpenRouter billed usage",
    files=("openrouter/billed-usage/*.csv",),
    about="per model and variant, the tokens, requests and dollars billed over one 7-day window",
    columns=(
        Column("date", kind="date"),
        Column("model_permaslug", required=False),
        Column("variant", pattern=r"[a-z0-9-]+"),
        Column("variant_permaslug", required=False),
        Column("total_prompt_tokens", kind="int", bounds=units.TOKENS),
        Column("total_completion_tokens", kind="int", bounds=units.TOKENS),
        Column("count", kind="int", bounds=units.REQUESTS),
        Column("total_usage", kind="float", bounds=units.USD),
    ),
    key=("variant_permaslug",),
    file_dates="date",
    rules=(
        RowRule("variant_permaslug", "must be model_permaslug, with ':variant' unless standard", _variant_slug_wrong),
    ),
)

CONTRACTS = (COLLECTOR_TOTALS, RANKINGS, BILLED_USAGE)
