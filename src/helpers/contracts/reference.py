"""Contracts of the curated reference tables (``data/raw/reference/``): the origin registry, vendor
groups, the headline's figures and the claims ledger.

The words each table may use (origin groups, override kinds, units) are declared here once;
the domain modules import them from here.
"""

from __future__ import annotations

from . import units
from .spec import (
    AllowedWhen,
    BothOrNeither,
    Bounds,
    BoundsWhen,
    Column,
    Contract,
    Ordered,
    RequiredWhen,
    RowRule,
    When,
)

ORIGIN_GROUPS = ("CN", "US", "EU", "ROW", "UNDISCLOSED", "LONG_TAIL")
OPEN_WEIGHT_VALUES = ("true", "false", "unknown")
OPEN_WEIGHT_POLICIES = ("open", "closed", "mixed", "unknown")
OVERRIDE_KINDS = ("stealth", "stealth_revealed", "derivative")
REGISTRY_EVIDENCE = ("verified", "secondary", "unverified")
KEY_TYPES = ("author", "origin", "vendor")
VENDOR_GROUPS = ("OpenAI", "Anthropic", "Google", "xAI", "Meta", "Mistral", "Chinese labs", "Other")

# A model as OpenRouter's rankings name it: ``author/model[:variant]`` (a ``~`` marks an alias),
# or ``other`` for the long tail summed into one row.
PERMASLUG = r"(other|~?[a-z0-9][a-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._~+-]*(:[a-z0-9-]+)?)"
AUTHOR = r"[a-z0-9][a-z0-9._-]*"
IDENTIFIER = r"[a-z0-9_]+"
PERMASLUG_WORDS = "must be a model permaslug (author/model or author/model:variant, or other)"


def _note(name: str = "note") -> Column:
    return Column(name, required=False)


AUTHORS = Contract(
    name="origin registry: authors",
    files=("reference/authors.csv",),
    about="author slug -> organisation, HQ country, origin group, open-weight policy, with a source",
    columns=(
        Column("author", pattern=AUTHOR, say="must be an author slug (lower-case letters, digits, '.', '_', '-')"),
        Column("organisation"),
        Column("hq_country", required=False, pattern=r"[A-Z]{2}", say="must be a two-letter country code or empty"),
        Column("origin", allowed=ORIGIN_GROUPS),
        Column("open_weight_policy", allowed=OPEN_WEIGHT_POLICIES),
        Column("source_url"),
        Column("date_checked", kind="date", keep_text=True),
        Column("evidence", allowed=REGISTRY_EVIDENCE),
        _note(),
    ),
    key=("author",),
)

MODEL_OVERRIDES = Contract(
    name="origin registry: model overrides",
    files=("reference/model_overrides.csv",),
    about="stealth models, the lab a source later named, and derivatives of another country's base model",
    columns=(
        Column("model_permaslug", pattern=PERMASLUG, say=PERMASLUG_WORDS),
        Column("kind", allowed=OVERRIDE_KINDS),
        Column("revealed_author", required=False, pattern=AUTHOR),
        Column("revealed_origin", required=False, allowed=ORIGIN_GROUPS),
        Column("base_origin", required=False, allowed=ORIGIN_GROUPS),
        Column("source_url", required=False),
        Column("evidence", allowed=REGISTRY_EVIDENCE),
        _note(),
    ),
    key=("model_permaslug",),
    rules=(
        AllowedWhen("revealed_origin", ORIGIN_GROUPS, When("kind", ("stealth_revealed",))),
        AllowedWhen("base_origin", ORIGIN_GROUPS, When("kind", ("derivative",))),
    ),
)

MODEL_OPEN_WEIGHT = Contract(
    name="origin registry: open weights per model",
    files=("reference/model_open_weight.csv",),
    columns=(
        Column("model_permaslug", pattern=PERMASLUG, say=PERMASLUG_WORDS),
        Column("open_weight", allowed=OPEN_WEIGHT_VALUES),
        Column("source_url", required=False),
        Column("evidence", allowed=REGISTRY_EVIDENCE),
        _note(),
    ),
    key=("model_permaslug",),
)

VENDOR_GROUP_TABLE = Contract(
    name="vendor groups",
    files=("reference/vendor_groups.csv",),
    about="OpenRouter authors, origin groups and enterprise vendor names mapped to vendor groups",
    columns=(
        Column("key_type", allowed=KEY_TYPES),
        Column("key"),
        Column("vendor_group", allowed=VENDOR_GROUPS),
        _note(),
    ),
    key=("key_type", "key"),
    rules=(AllowedWhen("key", ORIGIN_GROUPS, When("key_type", ("origin",))),),
)

HEADLINE_UNITS = ("tokens", "fraction", "weeks")
# The widest any unit of the row allows (a fall of 100% to 1e17 tokens); each unit narrows it below.
ANY_HEADLINE_VALUE = Bounds(-1.0, units.TOKENS.high, "in the row's unit")

HEADLINE_CLAIM = Contract(
    name="the headline's published figures",
    files=("reference/headline_claim.csv",),
    columns=(
        Column("claim_id", pattern=IDENTIFIER),
        Column("metric", pattern=IDENTIFIER),
        Column("week_start", kind="date"),
        Column("value", kind="float", bounds=ANY_HEADLINE_VALUE),
        Column("unit", allowed=HEADLINE_UNITS),
        _note(),
        Column("source_url", kind="url"),
    ),
    key=("claim_id", "metric"),
    rules=(
        BoundsWhen("value", units.TOKENS, When("unit", ("tokens",))),
        BoundsWhen("value", units.CHANGE_FRACTION, When("unit", ("fraction",))),
        BoundsWhen("value", units.COUNT_FROM_ONE, When("unit", ("weeks",)), whole=True),
        RowRule(
            "week_start", "must be a Monday (weeks run Monday to Sunday)", lambda t: t["week_start"].dt.day_of_week != 0
        ),
    ),
)

CLAIM_EVIDENCE = ("primary", "relay")
# How a claim's period was set: the page gives it; the series' numbering or its other reports fix
# it; it runs to the publication date; it is the cited study's own window; or the page gives none.
DATED_BY = ("page", "series", "publication", "study", "undated")
CLAIM_UNITS = ("tokens", "percent", "weeks", "rank", "models")
WHOLE_UNITS = ("weeks", "rank", "models")
ANY_CLAIM_VALUE = Bounds(units.CHANGE_PERCENT.low, units.TOKENS.high, "in the row's unit")

CLAIMS = Contract(
    name="claims ledger",
    files=("reference/claims/claims.csv",),
    about="one published figure about OpenRouter per row, with its page, words and definition",
    columns=(
        Column("claim_id", pattern=IDENTIFIER, say="lower-case letters, digits and _ only"),
        Column("publisher"),
        Column("url", kind="url", say="every claim needs the URL it was read on"),
        Column("published", kind="date", required=False),
        Column("evidence", allowed=CLAIM_EVIDENCE),
        Column("relayed_from", required=False),
        Column("period_start", kind="date", required=False),
        Column("period_end", kind="date", required=False),
        Column("dated_by", allowed=DATED_BY),
        Column("metric"),
        Column("unit", allowed=CLAIM_UNITS),
        Column(
            "value",
            kind="float",
            bounds=ANY_CLAIM_VALUE,
            say="must be a number (tokens written out, e.g. 3.69e12; percentages without %)",
        ),
        Column("quote"),
        Column("definition_id", pattern=IDENTIFIER),
        Column("count", required=False),
        Column("subject", required=False),
        Column("quote_checked_on", kind="date", required=False, keep_text=True),
        _note(),
    ),
    key=("claim_id",),
    rules=(
        RequiredWhen("relayed_from", When("evidence", ("relay",)), "a relay names what it relays"),
        BoundsWhen(
            "value",
            units.COUNT_FROM_ONE,
            When("unit", WHOLE_UNITS),
            whole=True,
            message="weeks, ranks and models are whole numbers from 1",
        ),
        BoundsWhen("value", Bounds(1.0, units.TOKENS.high, "tokens"), When("unit", ("tokens",))),
        BoundsWhen("value", units.CHANGE_PERCENT, When("unit", ("percent",))),
        BothOrNeither(("period_start", "period_end"), "give both ends of the period or neither"),
        Ordered(("period_start", "period_end"), "before period_start"),
        RowRule(
            "dated_by",
            "'undated' exactly when the period is empty",
            lambda t: (t["dated_by"] == "undated") != t["period_start"].isna(),
        ),
    ),
)

CONTRACTS = (AUTHORS, MODEL_OVERRIDES, MODEL_OPEN_WEIGHT, VENDOR_GROUP_TABLE, HEADLINE_CLAIM, CLAIMS)
