"""Contracts of the figures published outside OpenRouter: enterprise spend, usage and adoption
(``data/raw/enterprise/``) and the whole-market lenses (``data/raw/market/``)."""

from __future__ import annotations

from . import units
from .reference import IDENTIFIER
from .spec import Bounds, BoundsWhen, Column, Contract, GroupTotal, Ordered, Reference, RowRule, When

SHARE_UNIT = "percent_share"
ADOPTION_UNIT = "percent_of_businesses"
RESPONDENT_UNIT = "percent_of_respondents"
RANK_UNIT = "rank_among_labs"
UNITS = (SHARE_UNIT, ADOPTION_UNIT, RESPONDENT_UNIT, RANK_UNIT)
PERCENT_UNITS = (SHARE_UNIT, ADOPTION_UNIT, RESPONDENT_UNIT)
# Shares of one whole: a source's shares for one lens and period add up to at most 100.
SUMMABLE_UNITS = (SHARE_UNIT, RESPONDENT_UNIT)
EVIDENCE = ("primary", "secondary")
PERIOD_KINDS = ("period", "point")


def _text(name: str, required: bool = True) -> Column:
    return Column(name, required=required)


LENSES = Contract(
    name="enterprise lenses",
    files=("enterprise/lenses.csv",),
    about="what each measure counts and whom, whether it is a share, and its OpenRouter counterpart",
    columns=(
        Column("lens", pattern=IDENTIFIER),
        _text("label"),
        _text("what_is_counted"),
        _text("who_is_counted"),
        Column("is_share", kind="bool"),
        Column("openrouter_counterpart", required=False, pattern=IDENTIFIER),
        _text("publisher"),
    ),
    key=("lens",),
    rules=(
        RowRule(
            "openrouter_counterpart",
            "must be a lens of this table (or empty)",
            lambda t: (t["openrouter_counterpart"] != "") & ~t["openrouter_counterpart"].isin(t["lens"]),
        ),
    ),
)

SOURCES = Contract(
    name="enterprise sources",
    files=("enterprise/sources.csv",),
    about="each source's method, sample, what its metric counts and its terms",
    columns=(
        Column("source_id", pattern=IDENTIFIER),
        _text("cite_as"),
        _text("publisher"),
        _text("title"),
        Column("url", kind="url"),
        Column("published", kind="date", keep_text=True),
        _text("method"),
        _text("sample"),
        _text("metric_counts"),
        _text("licence_or_terms"),
        _text("note"),
        _text("relayed_by", required=False),
    ),
    key=("source_id",),
)

# Percentages and ranks share the value column: the widest any unit allows, narrowed per unit below.
ANY_ENTERPRISE_VALUE = Bounds(0.0, units.RANK.high, "in the row's unit")

OBSERVATIONS = Contract(
    name="enterprise observations",
    files=("enterprise/observations.csv",),
    about="one published figure per row: source, period, lens, vendor, value and unit",
    columns=(
        Column("observation_id", pattern=IDENTIFIER),
        Column("source_id", references=Reference("enterprise/sources.csv", "source_id")),
        _text("publisher"),
        _text("title"),
        Column("url", kind="url", say="every observation needs a URL"),
        Column("published", kind="date"),
        Column("vintage", kind="date"),
        Column("period_start", kind="date"),
        Column("period_end", kind="date"),
        Column("period_kind", allowed=PERIOD_KINDS),
        _text("metric"),
        Column("lens", references=Reference("enterprise/lenses.csv", "lens")),
        _text("population"),
        Column("vendor", references=Reference("reference/vendor_groups.csv", "key", When("key_type", ("vendor",)))),
        Column(
            "value",
            kind="float",
            bounds=ANY_ENTERPRISE_VALUE,
            say="must be a number (a percentage from 0 to 100, written without %; a rank from 1)",
        ),
        Column("unit", allowed=UNITS),
        Column("evidence", allowed=EVIDENCE),
        Column("relay_url", kind="url", required=False),
        Column("primary_status", say="say where the publisher's own page is, or why none was found"),
        _text("note", required=False),
    ),
    key=("observation_id",),
    rules=(
        BoundsWhen(
            "value",
            units.PERCENT,
            When("unit", PERCENT_UNITS),
            message="must be a number from 0 to 100 (a percentage, written without %)",
        ),
        BoundsWhen("value", units.RANK, When("unit", (RANK_UNIT,)), whole=True),
        Ordered(("period_start", "period_end"), "before period_start"),
        GroupTotal(
            "value",
            ("source_id", "lens", "period_start", "period_end", "vintage"),
            100.0,
            When("unit", SUMMABLE_UNITS),
            what="shares",
        ),
    ),
)

MARKET_FAMILIES = ("token_volume", "openrouter_share_of_all_tokens", "open_model_downloads", "chatbot_web_visits")
COUNTS_AS = ("openrouter", "provider", "chinese", "us")
MARKET_UNITS = ("tokens_per_day", "tokens_per_minute", "tokens_per_month", "percent", "downloads")
ANY_MARKET_VALUE = Bounds(0.0, units.TOKENS.high, "in the row's unit")

MARKET = Contract(
    name="whole-market lenses",
    files=("market/lenses.csv",),
    about="token volumes, OpenRouter's share of all tokens, open-model downloads and chatbot web visits",
    columns=(
        Column("lens_id", pattern=IDENTIFIER),
        Column("lens_family", allowed=MARKET_FAMILIES),
        _text("publisher"),
        Column("url", kind="url", say="every figure needs a URL"),
        Column("published", kind="date", required=False, keep_text=True),
        Column("period_start", kind="date"),
        Column("period_end", kind="date"),
        _text("population"),
        _text("metric"),
        _text("subject"),
        Column("counts_as", allowed=COUNTS_AS),
        Column("value", kind="float", bounds=ANY_MARKET_VALUE),
        Column("unit", allowed=MARKET_UNITS),
        _text("qualifier", required=False),
        Column("evidence", allowed=EVIDENCE),
        _text("note"),
    ),
    key=("lens_id",),
    rules=(
        Ordered(("period_start", "period_end"), "before period_start"),
        BoundsWhen("value", units.PERCENT, When("unit", ("percent",))),
        BoundsWhen("value", units.TOKENS_PER_DAY, When("unit", ("tokens_per_day",))),
        BoundsWhen("value", units.TOKENS_PER_MINUTE, When("unit", ("tokens_per_minute",))),
        BoundsWhen("value", units.TOKENS, When("unit", ("tokens_per_month",))),
        BoundsWhen("value", units.DOWNLOADS, When("unit", ("downloads",))),
    ),
)

CONTRACTS = (LENSES, SOURCES, OBSERVATIONS, MARKET)
