"""The enterprise comparison: OpenRouter's vendor shares beside enterprise spend and adoption data.

Every lens is reduced to the same vendor groups (``data/raw/reference/vendor_groups.csv``, read
only by :func:`load_vendor_groups`) and the same periods. The rooms:

- :mod:`.data`: the enterprise tables (sources, lenses, observations, vendor groups), checked and grouped;
- :mod:`.openrouter`: OpenRouter's token and estimated-spend shares per vendor group over any period;
- :mod:`.comparison`: the two set side by side, period by period, and the tables the report shows.

The sentences (what a notebook found) are in :mod:`helpers.findings.enterprise`.
"""

from .comparison import (
    COMPARISON_COLUMNS,
    comparison_periods,
    format_values,
    gaps_to_openrouter,
    group_table,
    lab_points,
    lens_comparison,
    nearest_figure,
    outside_run,
    with_nearest_chinese_labs,
)
from .data import (
    ADOPTION_UNIT,
    EVIDENCE,
    KEY_TYPES,
    LENS_COLUMNS,
    OBSERVATION_COLUMNS,
    OPENROUTER_CITE,
    OPENROUTER_LENSES,
    OPENROUTER_SOURCE_ID,
    PERIOD_KINDS,
    RANK_UNIT,
    RESPONDENT_UNIT,
    SHARE_UNIT,
    SOURCE_COLUMNS,
    SUMMABLE_UNITS,
    UNITS,
    VENDOR_GROUP_COLUMNS,
    VENDOR_GROUPS,
    check_share_totals,
    enterprise_vendor_group,
    group_observations,
    load_lenses,
    load_observations,
    load_sources,
    load_vendor_groups,
    openrouter_vendor_group,
    period_label,
    source_summary,
)
from .openrouter import daily_vendor_totals, monthly_openrouter_shares, openrouter_shares

__all__ = [
    "VENDOR_GROUPS",
    "VENDOR_GROUP_COLUMNS",
    "KEY_TYPES",
    "OBSERVATION_COLUMNS",
    "SOURCE_COLUMNS",
    "LENS_COLUMNS",
    "SHARE_UNIT",
    "ADOPTION_UNIT",
    "RESPONDENT_UNIT",
    "RANK_UNIT",
    "UNITS",
    "SUMMABLE_UNITS",
    "EVIDENCE",
    "PERIOD_KINDS",
    "OPENROUTER_SOURCE_ID",
    "OPENROUTER_CITE",
    "OPENROUTER_LENSES",
    "load_vendor_groups",
    "openrouter_vendor_group",
    "enterprise_vendor_group",
    "load_lenses",
    "load_sources",
    "source_summary",
    "load_observations",
    "check_share_totals",
    "period_label",
    "group_observations",
    "daily_vendor_totals",
    "openrouter_shares",
    "monthly_openrouter_shares",
    "COMPARISON_COLUMNS",
    "comparison_periods",
    "lens_comparison",
    "nearest_figure",
    "with_nearest_chinese_labs",
    "outside_run",
    "gaps_to_openrouter",
    "format_values",
    "group_table",
    "lab_points",
]
