"""The headline audit: named definitions of "Chinese vs US volume", reproduction, and streaks.

The rooms:

- :mod:`.definitions`: each way of counting Chinese and US volume per week, by a stable name;
- :mod:`.streaks`: complete weeks, leads and lead streaks;
- :mod:`.claim`: the published figures and which definitions reproduce them;
- :mod:`.audit`: one run's audit and its published tables.

The sentences (what a notebook found) are in :mod:`helpers.findings.headline`.
"""

from .audit import (
    AUDIT_COLUMNS,
    HEADLINE_WEEK_COLUMNS,
    Audit,
    audit_table,
    audit_weeks,
    claim_week_models,
    headline_weeks,
    lead_summary,
    reproduction_table,
    run_audit,
)
from .claim import (
    HEADLINE_CLAIM,
    TOLERANCE,
    TOLERANCE_LABEL,
    claim_week,
    claimed_streak_span,
    compare_with_claim,
    load_claim,
    matching_definitions,
    top_model_check,
)
from .definitions import (
    KEY_DEFINITIONS,
    TOP_N_RANGE,
    WHOLE_TRAFFIC,
    Definition,
    all_attributed,
    all_excl_others,
    all_paid,
    all_traffic,
    definition_label,
    definitions,
    evaluate_definitions,
    number_word,
    top_n_models,
    week_totals,
    weekly_model_ranks,
)
from .streaks import add_streak_start, add_week_completeness, streaks

__all__ = [
    "Definition",
    "TOP_N_RANGE",
    "week_totals",
    "all_traffic",
    "all_excl_others",
    "all_paid",
    "all_attributed",
    "WHOLE_TRAFFIC",
    "weekly_model_ranks",
    "top_n_models",
    "definitions",
    "evaluate_definitions",
    "KEY_DEFINITIONS",
    "number_word",
    "definition_label",
    "add_week_completeness",
    "streaks",
    "add_streak_start",
    "TOLERANCE",
    "load_claim",
    "compare_with_claim",
    "matching_definitions",
    "top_model_check",
    "HEADLINE_CLAIM",
    "TOLERANCE_LABEL",
    "claimed_streak_span",
    "claim_week",
    "AUDIT_COLUMNS",
    "HEADLINE_WEEK_COLUMNS",
    "Audit",
    "audit_weeks",
    "run_audit",
    "audit_table",
    "headline_weeks",
    "lead_summary",
    "reproduction_table",
    "claim_week_models",
]
