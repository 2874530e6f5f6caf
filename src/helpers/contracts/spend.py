"""Contracts of the tables the spend estimate reads: the price table, published spend checks, the
prompt-share assumption and its classes, the calibration parameters, and the machine-collected
price snapshots (``data/raw/prices/`` and ``data/raw/assumptions/``)."""

from __future__ import annotations

import pandas as pd

from . import units
from .columns import compiles
from .reference import IDENTIFIER, PERMASLUG, PERMASLUG_WORDS
from .spec import Bounds, BoundsWhen, Column, Contract, Covers, NoOverlap, Ordered, Reference, RowRule, When

BASES = ("charged", "list")
BASE_KINDS = ("standard", "promotion", "introductory", "permanent_reduction")
TIER_KINDS = ("long_context_tier", "batch_tier", "cache_tier")
EVIDENCE = ("primary", "secondary")


def _carried_back_wrong(t: pd.DataFrame) -> pd.Series:
    """A row is carried back exactly when it is valid before the day its price was observed."""
    return t["carried_back"] != (t["valid_from"] < t["observed_date"])


PRICES = Contract(
    name="price table",
    files=("prices/prices.csv",),
    about="dated charged and list prices per model, in US dollars per million tokens, each with its source",
    columns=(
        Column("model_permaslug", pattern=PERMASLUG, say=PERMASLUG_WORDS),
        Column("basis", allowed=BASES),
        Column("price_kind", allowed=BASE_KINDS + TIER_KINDS),
        Column("valid_from", kind="date"),
        Column("valid_to", kind="date", required=False),
        Column("prompt_usd_per_mtok", kind="float", bounds=units.USD_PER_MTOK),
        Column("completion_usd_per_mtok", kind="float", bounds=units.USD_PER_MTOK),
        Column("observed_date", kind="date", required=False),
        Column("carried_back", kind="bool"),
        Column("source"),
        Column("source_url", kind="url", say="every price needs the URL of its source"),
        Column("evidence", allowed=EVIDENCE),
        Column("note", required=False),
    ),
    rules=(
        Ordered(("valid_from", "valid_to"), "is before valid_from"),
        RowRule("carried_back", "must be true exactly when valid_from is before observed_date", _carried_back_wrong),
        NoOverlap(("model_permaslug", "basis"), "valid_from", "valid_to", When("price_kind", BASE_KINDS), "prices"),
    ),
)

SPEND_CHECKS = Contract(
    name="published spend checks",
    files=("prices/spend_checks.csv",),
    about="published estimates of OpenRouter spend: a lab's share in percent, or dollars a year when no lab is named",
    columns=(
        Column("check_id", pattern=r"[A-Za-z0-9_-]+"),
        Column("publisher"),
        Column("url", kind="url"),
        Column("published", kind="date", keep_text=True),
        Column("period_start", kind="date"),
        Column("period_end", kind="date"),
        Column("author", required=False, references=Reference("reference/authors.csv", "author")),
        Column("metric"),
        Column("value_low", kind="float", bounds=units.USD),
        Column("value_high", kind="float", required=False, bounds=units.USD),
        Column("evidence", allowed=EVIDENCE),
        Column("note", required=False),
    ),
    key=("check_id",),
    rules=(
        Ordered(("period_start", "period_end"), "before period_start"),
        Ordered(("value_low", "value_high"), "is below value_low"),
        BoundsWhen("value_low", units.PERCENT, When("author", ("",), negate=True)),
        BoundsWhen("value_high", units.PERCENT, When("author", ("",), negate=True)),
    ),
)

DEFAULT_CLASS = "general"

PROMPT_SHARE = Contract(
    name="prompt-share assumption",
    files=("assumptions/prompt_share.csv",),
    about="per model class, the share of tokens that are prompt tokens: central value and range, with sources",
    columns=(
        Column("model_class", pattern=IDENTIFIER),
        Column("prompt_share_central", kind="float", bounds=units.FRACTION),
        Column("prompt_share_low", kind="float", bounds=units.FRACTION),
        Column("prompt_share_high", kind="float", bounds=units.FRACTION),
        Column("evidence"),
        Column("source_urls"),
        Column("note"),
    ),
    key=("model_class",),
    rules=(
        Ordered(("prompt_share_low", "prompt_share_central", "prompt_share_high"), "must lie between low and high"),
        Covers("model_class", (DEFAULT_CLASS,)),
    ),
)

MODEL_CLASSES = Contract(
    name="model classes",
    files=("assumptions/model_classes.csv",),
    about="which models belong to which class: by author, or by a regular expression on the model slug",
    columns=(
        Column("match", allowed=("author", "pattern")),
        Column("key"),
        Column("model_class", references=Reference("assumptions/prompt_share.csv", "model_class")),
        Column("note", required=False),
    ),
    key=("match", "key"),
    rules=(
        RowRule(
            "key",
            "must be a regular expression that compiles (match is pattern)",
            lambda t: (t["match"] == "pattern") & ~t["key"].map(compiles).astype(bool),
        ),
    ),
)

# Each calibration parameter's range; spend.calibration reads the values through this contract.
CALIBRATION_RANGES = {
    "ratio_widening_cap": Bounds(0.0, 1.0, "fraction of the central ratio"),
    "premium_prompt_usd_per_mtok": Bounds(0.0, 1000.0, "US dollars per million prompt tokens"),
    "spread_quantile_low": Bounds(0.0, 0.5, "quantile"),
    "spread_quantile_high": Bounds(0.5, 1.0, "quantile"),
}

BILLING_CALIBRATION = Contract(
    name="calibration parameters",
    files=("assumptions/billing_calibration.csv",),
    about="the stated parameters of the calibration on the bill, one row each",
    columns=(
        Column("parameter", allowed=tuple(CALIBRATION_RANGES)),
        Column("value", kind="float"),
        Column("unit"),
        Column("meaning"),
        Column("rationale"),
    ),
    key=("parameter",),
    rules=(
        Covers("parameter", tuple(CALIBRATION_RANGES)),
        *(BoundsWhen("value", bounds, When("parameter", (name,))) for name, bounds in CALIBRATION_RANGES.items()),
    ),
)

PROMPT_SHARE_EVIDENCE = Contract(
    name="prompt-share evidence",
    files=("assumptions/prompt_share_evidence.csv",),
    about="each figure the prompt-share assumption rests on, as the source wrote it (not read by the code)",
    columns=(
        Column("evidence_id", pattern=r"PS\d+"),
        Column("model_class"),
        Column("metric"),
        Column("value"),  # as written: '>6000', '4x'
        Column("unit"),
        Column("period"),
        Column("publisher"),
        Column("url", kind="url"),
        Column("published", required=False),  # as written: '2026-05-28 (updated)'
        Column("quote"),
        Column("note", required=False),
    ),
    key=("evidence_id",),
)

CATALOG_SNAPSHOT = Contract(
    name="catalogue snapshot",
    files=("prices/observed/catalog_*.csv",),
    about="OpenRouter's model catalogue on one day: prices per token (-1: a router, priced per request)",
    columns=(
        Column("id", pattern=PERMASLUG, say=PERMASLUG_WORDS),
        Column("canonical_slug", pattern=PERMASLUG, say=PERMASLUG_WORDS),
        Column("created", kind="int", bounds=units.UNIX_SECONDS),
        Column("prompt", kind="float", bounds=units.USD_PER_TOKEN, sentinels=(-1.0,)),
        Column("completion", kind="float", bounds=units.USD_PER_TOKEN, sentinels=(-1.0,)),
        Column("input_cache_read", kind="float", required=False, bounds=units.USD_PER_TOKEN),
        Column("input_cache_write", kind="float", required=False, bounds=units.USD_PER_TOKEN),
        Column("other_pricing", required=False),
    ),
    key=("id",),
)

DAILY_PRICE_IDS = Contract(
    name="daily price ids",
    files=("prices/observed/daily_ids.csv",),
    about="each model id of the daily price file with its rankings permaslug",
    columns=(
        Column("model", pattern=PERMASLUG, say=PERMASLUG_WORDS),
        Column("model_permaslug", pattern=PERMASLUG, say=PERMASLUG_WORDS),
        Column("note"),
    ),
    key=("model",),
)

DAILY_PRICES = Contract(
    name="daily prices",
    files=("prices/observed/daily_*.csv",),
    about="each listed model's price per day, in US dollars per million tokens",
    columns=(
        Column("date", kind="date"),
        Column("model", references=Reference("prices/observed/daily_ids.csv", "model")),
        Column("prompt_usd_per_m", kind="float", bounds=units.USD_PER_MTOK),
        Column("completion_usd_per_m", kind="float", bounds=units.USD_PER_MTOK),
    ),
    key=("date", "model"),
    file_dates="date",
)

CONTRACTS = (
    PRICES,
    SPEND_CHECKS,
    PROMPT_SHARE,
    MODEL_CLASSES,
    BILLING_CALIBRATION,
    PROMPT_SHARE_EVIDENCE,
    CATALOG_SNAPSHOT,
    DAILY_PRICE_IDS,
    DAILY_PRICES,
)
