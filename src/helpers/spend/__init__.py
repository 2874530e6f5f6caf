"""The spend lens: OpenRouter's tokens priced into estimated dollars, as bands.

The rankings count tokens; enterprise data counts money. Each model's daily tokens are priced at
what OpenRouter charged that day, blended with the model's prompt share and scaled by its
billed-to-list ratio (what OpenRouter bills for a dollar of catalogue value, after caching and
discounts): both measured from what OpenRouter billed in four archived weeks where they can be,
and per class, with a band, elsewhere. The full charged and list prices are the band's upper edge.
The rooms:

- :mod:`.prices`: the dated price table, checked, and each row's price on its day;
- :mod:`.prompt_share`: the prompt-share assumption per model class;
- :mod:`.observed`: prices seen in machine-collected catalogue snapshots, laid over the table;
- :mod:`.bill`: what OpenRouter billed per model in four archived weeks, and what it measures;
- :mod:`.calibration`: measured prompt shares, billed-to-list ratios and the long tail, with bands;
- :mod:`.engine`: every row priced under every band scenario;
- :mod:`.shares`: spend shares with their bands, per week and per named period;
- :mod:`.diagnostics`: coverage, unpriced models, prices carried back, sensitivities;
- :mod:`.checks`: published estimates of OpenRouter spend beside this project's bands;
- :mod:`.against_bill`: the estimate set against the bill, and what explains the difference.

The sentences (what a notebook found) are in :mod:`helpers.findings.spend`.
"""

from ..registry import ORIGIN_GROUPS
from .against_bill import (
    ALL,
    COMPARISON_COLUMNS,
    FULL_PRICE,
    NAMED,
    SIDES,
    TAIL,
    BillCheck,
    bill_comparison,
    bill_steps,
    billed_split,
    check_against_bill,
    holdout,
    largest_models,
    main_window,
    overlapping,
    side,
)
from .bill import (
    BILL_COLUMNS,
    BILL_KIND,
    RAW_NAMES,
    UNCLASSIFIED,
    catalogue_value,
    load_bill,
    measured_windows,
    token_models,
    top50_share,
    window_days,
    windows,
    with_origin,
)
from .calibration import (
    CALIBRATION_COLUMNS,
    PARAMETERS,
    RATIO_ORIGINS,
    Calibration,
    calibrate,
    load_calibration_parameters,
    price_class,
    ratio_group,
    tail_windows,
    widening_rate,
    window_spread,
)
from .checks import SPEND_CHECK_COLUMNS, compare_with_checks, load_spend_checks
from .diagnostics import (
    COVERAGE_TARGETS,
    calibration_sensitivity,
    carried_back_points,
    coverage_by_year,
    prompt_share_sensitivity,
    unpriced_models,
    weekly_coverage,
)
from .engine import (
    DAILY_SPEND_COLUMNS,
    FREE_OVERRIDES,
    LONG_TAIL_BASIS,
    PRICED_BASES,
    SCENARIO_COLUMNS,
    SCENARIOS,
    SPEND_COLUMNS,
    SPEND_SCENARIO_COLUMNS,
    UNPRICED_FALLBACK_QUANTILE,
    blend,
    daily_spend_table,
    is_free,
    price_rows,
    tail_spend,
    unpriced_potential,
    with_daily_spend,
)
from .observed import (
    CATALOG_KIND,
    DAILY_KIND,
    ID_MAP_KIND,
    OBSERVED_COLUMNS,
    PER_MTOK,
    load_observations,
    observed_ranges,
    overlay_observations,
)
from .prices import BASE_KINDS, BASES, PRICE_COLUMNS, TIER_KINDS, load_prices, lookup_basis, price_key, promotions
from .pricing import BILL_FOLDER, OBSERVED_FOLDER, Pricing, load_pricing, named_history
from .prompt_share import DEFAULT_CLASS, MODEL_CLASS_COLUMNS, PROMPT_SHARE_COLUMNS, PromptShares, load_prompt_shares
from .shares import (
    cn_us_spend,
    dollar_streaks,
    last_weeks,
    named_rows,
    period_bands,
    reference_period,
    share_bands,
    weekly_origin_spend,
)

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
    "OBSERVED_COLUMNS",
    "CATALOG_KIND",
    "DAILY_KIND",
    "ID_MAP_KIND",
    "PER_MTOK",
    "load_observations",
    "observed_ranges",
    "overlay_observations",
    "BILL_KIND",
    "BILL_COLUMNS",
    "RAW_NAMES",
    "UNCLASSIFIED",
    "load_bill",
    "windows",
    "token_models",
    "with_origin",
    "window_days",
    "catalogue_value",
    "measured_windows",
    "top50_share",
    "CALIBRATION_COLUMNS",
    "PARAMETERS",
    "RATIO_ORIGINS",
    "load_calibration_parameters",
    "ratio_group",
    "price_class",
    "Calibration",
    "window_spread",
    "widening_rate",
    "tail_windows",
    "calibrate",
    "BILL_FOLDER",
    "OBSERVED_FOLDER",
    "Pricing",
    "named_history",
    "load_pricing",
    "SCENARIOS",
    "SCENARIO_COLUMNS",
    "SPEND_SCENARIO_COLUMNS",
    "DAILY_SPEND_COLUMNS",
    "SPEND_COLUMNS",
    "FREE_OVERRIDES",
    "UNPRICED_FALLBACK_QUANTILE",
    "PRICED_BASES",
    "LONG_TAIL_BASIS",
    "is_free",
    "blend",
    "price_rows",
    "tail_spend",
    "unpriced_potential",
    "daily_spend_table",
    "with_daily_spend",
    "named_rows",
    "share_bands",
    "weekly_origin_spend",
    "dollar_streaks",
    "last_weeks",
    "cn_us_spend",
    "reference_period",
    "period_bands",
    "SIDES",
    "COMPARISON_COLUMNS",
    "NAMED",
    "TAIL",
    "ALL",
    "side",
    "billed_split",
    "FULL_PRICE",
    "bill_comparison",
    "largest_models",
    "bill_steps",
    "holdout",
    "BillCheck",
    "overlapping",
    "main_window",
    "check_against_bill",
    "COVERAGE_TARGETS",
    "weekly_coverage",
    "unpriced_models",
    "carried_back_points",
    "prompt_share_sensitivity",
    "calibration_sensitivity",
    "coverage_by_year",
    "load_spend_checks",
    "SPEND_CHECK_COLUMNS",
    "compare_with_checks",
    "ORIGIN_GROUPS",
]
