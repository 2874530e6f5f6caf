"""Every published claim about OpenRouter's token and spend shares, checked against the rankings.

The headline audit (notebook 2) checks one week of one weekly series. Readers meet many more
figures drawn from the same data: the same series' other weeks, week-on-week changes and "N
consecutive weeks", single models' tokens and ranks, lab shares, Chinese labs against Anthropic and
OpenAI, counts of models in the daily top 50, open-weight shares, estimated spend. Each published
figure is a row of the claims ledger (``data/raw/reference/claims/claims.csv``) with the definition
the project checks it with; notebook 5 and ``python -m helpers claims`` check them. The rooms:

- :mod:`.ledger`: the ledger's columns and its loader, which refuses a bad row by file, line and column;
- :mod:`.definitions`: each definition by its stable id, its unit, words and computation;
- :mod:`.ranks`: counts by origin and per model over any period (the week's N largest models, ranks, streaks);
- :mod:`.shares`: shares of tokens and estimated spend by lab, groups of labs and open weights;
- :mod:`.top50`: the number of models per origin group among each day's 50 named models;
- :mod:`.data`: the tables a claim is checked against, each derived once;
- :mod:`.check`: the status rules, the reason in words, and which claims a run covers.

The sentences are in :mod:`helpers.findings.claims`.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..errors import RawDataError
from ..pipeline import read_table
from ..spend import with_daily_spend
from .check import (
    CANNOT,
    CHECKED_COLUMNS,
    CLOSE,
    NOT_REPRODUCED,
    REPRODUCED,
    RULES,
    STATUSES,
    check_claim,
    check_claims,
    claim_line,
    in_run,
    show,
    status_counts,
)
from .data import CannotCheck, ClaimData, Measured
from .definitions import DEFINITIONS, Definition, check_row, describe
from .ledger import DATED_BY, EVIDENCE, LEDGER_COLUMNS, ledger_path, load_ledger
from .ranks import COUNTED, TOTAL, counted_tokens, first_place_streak, nearest_top_n, period_model_ranks, top_n
from .shares import (
    closed_tokens,
    group_lead_streak,
    group_mask,
    open_weight_share_pct,
    open_weight_weekly_pct,
    spend_share_pct,
    token_share_pct,
    weekly_shares_pct,
)
from .top50 import TOP50_COLUMNS, daily_top50_counts, mean_daily_count


def claim_data(history: pd.DataFrame, daily_spend: pd.DataFrame | None = None) -> ClaimData:
    """The tables the claims are checked against: the cleaned daily rankings, with notebook 3's daily
    spend estimate joined row for row when it is given (spend claims need it; nothing is re-priced)."""
    priced = with_daily_spend(history, daily_spend) if daily_spend is not None else None
    return ClaimData(history, priced)


def load_claim_data(processed: Path) -> ClaimData:
    """The reference run's tables (``data/processed``), for checking claims outside a notebook."""
    tables = {}
    for name in ("daily_model_tokens.csv", "daily_model_spend.csv"):
        path = Path(processed) / name
        if not path.is_file():
            raise RawDataError(f"{name} is missing from {processed}: run `make report` first")
        tables[name] = read_table(path, ("date",))
    return claim_data(tables["daily_model_tokens.csv"], tables["daily_model_spend.csv"])


__all__ = [
    "LEDGER_COLUMNS",
    "EVIDENCE",
    "DATED_BY",
    "ledger_path",
    "load_ledger",
    "Definition",
    "DEFINITIONS",
    "check_row",
    "describe",
    "ClaimData",
    "Measured",
    "CannotCheck",
    "claim_data",
    "load_claim_data",
    "TOTAL",
    "COUNTED",
    "top_n",
    "period_model_ranks",
    "counted_tokens",
    "nearest_top_n",
    "first_place_streak",
    "group_mask",
    "token_share_pct",
    "weekly_shares_pct",
    "open_weight_share_pct",
    "open_weight_weekly_pct",
    "group_lead_streak",
    "closed_tokens",
    "spend_share_pct",
    "TOP50_COLUMNS",
    "daily_top50_counts",
    "mean_daily_count",
    "REPRODUCED",
    "CLOSE",
    "NOT_REPRODUCED",
    "CANNOT",
    "STATUSES",
    "RULES",
    "CHECKED_COLUMNS",
    "in_run",
    "show",
    "check_claim",
    "check_claims",
    "status_counts",
    "claim_line",
]
