"""The spend lens: OpenRouter's tokens priced into estimated dollars, as bands.

The rankings count tokens; enterprise data counts money. Each model's daily tokens are priced
twice: at the price OpenRouter charged that day (promotions and permanent reductions included:
the central estimate) and at the lab's list price (the other edge), blended with a prompt share
per model class. The rooms:

- :mod:`.prices`: the dated price table, checked, and each row's price on its day;
- :mod:`.prompt_share`: the prompt-share assumption per model class;
- :mod:`.engine`: every row priced under every band scenario, and spend shares with their bands;
- :mod:`.diagnostics`: coverage, unpriced models, prices carried back, sensitivities;
- :mod:`.checks`: published estimates of OpenRouter spend beside this project's bands.

The sentences are in :mod:`helpers.findings.spend`.
"""

from ..findings.spend import chart_titles, findings
from ..registry import ORIGIN_GROUPS
from .checks import SPEND_CHECK_COLUMNS, compare_with_checks, load_spend_checks
from .diagnostics import (
    COVERAGE_TARGETS,
    caching_sensitivity,
    carried_back_points,
    coverage_by_year,
    prompt_share_sensitivity,
    unpriced_models,
    weekly_coverage,
)
from .engine import (
    DAILY_SPEND_COLUMNS,
    FREE_OVERRIDES,
    SCENARIO_COLUMNS,
    SCENARIOS,
    SPEND_COLUMNS,
    SPEND_SCENARIO_COLUMNS,
    UNPRICED_FALLBACK_QUANTILE,
    blend,
    cn_us_spend,
    daily_spend_table,
    dollar_streaks,
    is_free,
    last_weeks,
    period_bands,
    price_rows,
    reference_period,
    share_bands,
    unpriced_potential,
    weekly_origin_spend,
    with_daily_spend,
)
from .prices import BASE_KINDS, BASES, PRICE_COLUMNS, TIER_KINDS, load_prices, lookup_basis, price_key, promotions
from .prompt_share import DEFAULT_CLASS, MODEL_CLASS_COLUMNS, PROMPT_SHARE_COLUMNS, PromptShares, load_prompt_shares

__all__ = [
    "PRICE_COLUMNS",
    "BASES",
    "BASE_KINDS",
    "TIER_KINDS",
    "load_prices",
    "promotions",
    "price_key",
    "lookup_basis",
    "PROMPT_SHARE_COLUMNS",
    "MODEL_CLASS_COLUMNS",
    "DEFAULT_CLASS",
    "PromptShares",
    "load_prompt_shares",
    "SCENARIOS",
    "SCENARIO_COLUMNS",
    "SPEND_SCENARIO_COLUMNS",
    "DAILY_SPEND_COLUMNS",
    "SPEND_COLUMNS",
    "FREE_OVERRIDES",
    "UNPRICED_FALLBACK_QUANTILE",
    "is_free",
    "blend",
    "price_rows",
    "unpriced_potential",
    "daily_spend_table",
    "with_daily_spend",
    "share_bands",
    "weekly_origin_spend",
    "dollar_streaks",
    "last_weeks",
    "cn_us_spend",
    "reference_period",
    "period_bands",
    "COVERAGE_TARGETS",
    "weekly_coverage",
    "unpriced_models",
    "carried_back_points",
    "prompt_share_sensitivity",
    "caching_sensitivity",
    "coverage_by_year",
    "load_spend_checks",
    "SPEND_CHECK_COLUMNS",
    "compare_with_checks",
    "chart_titles",
    "findings",
    "ORIGIN_GROUPS",
]
