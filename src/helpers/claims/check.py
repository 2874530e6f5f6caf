"""A verdict per claim: the project's value under the claim's definition and period, the difference,
and a status in words with the reason.

The statuses and their rules, in one place:

- **reproduced**: token levels within 1% of the published figure, percentages (shares and
  changes) within 1 percentage point, and counts, ranks and streaks exactly (a count over several
  days is the mean daily count rounded to a whole model). 1% is the headline audit's tolerance.
- **close**: token levels within 5%, percentages within 3 points. Published figures are rounded
  ("2.7 trillion" is anything from 2.65T, 2% off) or hedged ("about", "nearly"), and shares are
  printed as whole percents; a gap of this size says the count is near, not that it is the same.
  Counts, ranks and streaks are never close: they agree or they do not.
- **not reproduced**: anything further, with what the project finds and, where it can tell, why
  (a decimal slip, the count of models that does give the figure, another denominator, the band of
  the spend estimate).
- **cannot be checked with licensed data**: the page gives no period, the period runs outside the
  data's days, or the figure needs what the rankings do not hold (model sizes, the 100 largest
  models, an unstated set of models).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ..dates import Window, span_label
from .data import CannotCheck, ClaimData, Measured
from .definitions import DEFINITIONS, describe
from .ledger import LEDGER_COLUMNS

REPRODUCED = "reproduced"
CLOSE = "close"
NOT_REPRODUCED = "not reproduced"
CANNOT = "cannot be checked with licensed data"
STATUSES = [REPRODUCED, CLOSE, NOT_REPRODUCED, CANNOT]

TOLERANCE = {"tokens": (0.01, 0.05), "percent": (1.0, 3.0)}  # (reproduced, close): relative / points
RULES = {
    "tokens": "within 1% (close: within 5%)",
    "percent": "within 1 point (close: within 3 points)",
    "weeks": "exactly",
    "rank": "exactly",
    "models": "exactly (mean per day, rounded)",
}

CHECKED_COLUMNS = [  # the ledger's description of the claim, then the check
    *LEDGER_COLUMNS[: LEDGER_COLUMNS.index("metric") + 1],
    "definition_id",
    "definition",
    "unit",
    "published_value",
    "project_value",
    "project_low",
    "project_high",
    "difference",
    "difference_pct",
    "rule",
    "status",
    "why",
]


def in_run(ledger: pd.DataFrame, window: Window, first_day: pd.Timestamp, last_day: pd.Timestamp) -> pd.Series:
    """Which claims a run over ``window`` checks.

    A dated claim belongs to the run when the part of its period that lies inside the data is
    inside the run's window (a week the run cuts in half is not checked). Claims with no period, or
    wholly outside the data, can only be answered "cannot be checked": only a run over every day of
    the data reports them, so a run over June never speaks of 2024.
    """
    whole_data = window.start <= first_day and window.end >= last_day
    start = ledger["period_start"].clip(lower=first_day)
    end = ledger["period_end"].clip(upper=last_day)
    overlaps = ledger["period_start"].notna() & (start <= end)
    inside = overlaps & (start >= window.start) & (end <= window.end)
    return inside | (~overlaps & whole_data)


def _tokens(value: float) -> str:
    return f"{value / 1e12:.3f}T" if value < 1e13 else f"{value / 1e12:.2f}T"


def show(value: float, unit: str) -> str:
    """A value in its unit as a sentence says it: ``4.688T``, ``85.7%``, ``6 weeks``, ``rank 7``, ``20 models``."""
    if unit == "tokens":
        return _tokens(value)
    if unit == "percent":
        return f"{value:.1f}%"
    if unit == "rank":
        return f"rank {value:.0f}"
    if unit == "models":
        return f"{value:.1f} models" if value % 1 else f"{value:.0f} models"
    return f"{value:.0f} week" + ("" if value == 1 else "s")


def _status(unit: str, published: float, ours: float) -> str:
    if unit in TOLERANCE:
        gap = abs(ours / published - 1) if unit == "tokens" else abs(ours - published)
        reproduced, close = TOLERANCE[unit]
        return REPRODUCED if gap <= reproduced + 1e-12 else CLOSE if gap <= close + 1e-12 else NOT_REPRODUCED
    return REPRODUCED if round(ours) == round(published) else NOT_REPRODUCED


def _decimal_slip(published: float, ours: float) -> str:
    """A published level that is the project's times a power of ten (within 1%): a slipped decimal point."""
    if ours <= 0 or published <= 0:
        return ""
    power = math.log10(published / ours)
    if round(power) != 0 and abs(power - round(power)) <= math.log10(1.01):
        return f"The published figure is {10 ** round(power):g} times the project's: a slipped decimal point."
    return ""


def _gap_words(unit: str, published: float, ours: float) -> str:
    side = "above" if ours > published else "below"
    if unit == "tokens":
        return f"{abs(ours / published - 1):.1%} {side}"
    points = abs(ours - published)
    return f"{points:.1f} point{'' if round(points, 1) == 1 else 's'} {side}"


CLOSE_WORDS = {
    "tokens": ("near (within 5%) but not within the 1% that reproduction needs", "more than 5% apart"),
    "percent": (
        "near (within 3 points) but not within the 1 point that reproduction needs",
        "more than 3 points apart",
    ),
}


def _why(claim: pd.Series, measured: Measured, status: str) -> str:
    """The verdict's reason: the two values, the gap against the rule, and what explains it where known."""
    unit, published, ours = claim["unit"], claim["value"], measured.value
    said = f"The project finds {show(ours, unit)} (published: {show(published, unit)})"
    if status == REPRODUCED:
        return f"{said}: {RULES[unit].split(' (close')[0]}."
    if unit not in CLOSE_WORDS:
        return " ".join([f"{said}.", *measured.notes])
    near, far = CLOSE_WORDS[unit]
    lead = f"{said}, {_gap_words(unit, published, ours)}: {near if status == CLOSE else far}."
    slip = _decimal_slip(published, ours) if unit == "tokens" else ""
    return " ".join([lead, slip] if slip else [lead, *measured.notes])


def _cannot(claim: pd.Series, first_day: pd.Timestamp, last_day: pd.Timestamp) -> str:
    definition = DEFINITIONS[claim["definition_id"]]
    if definition.measure is None:
        return f"Cannot be checked: {definition.reason}."
    if pd.isna(claim["period_start"]):
        return "Cannot be checked: the page gives no period (no days, week or month) for the figure."
    if claim["period_start"] < first_day or claim["period_end"] > last_day:
        return (
            f"Cannot be checked: its period ({span_label(claim['period_start'], claim['period_end'])}) runs outside "
            f"the data's days ({span_label(first_day, last_day)})."
        )
    return ""


def check_claim(claim: pd.Series, data: ClaimData) -> dict:
    """One claim's row of the checked table."""
    row = {
        **{c: claim[c] for c in CHECKED_COLUMNS if c in claim.index},
        "definition": describe(claim),
        "published_value": claim["value"],
        "project_value": np.nan,
        "project_low": np.nan,
        "project_high": np.nan,
        "difference": np.nan,
        "difference_pct": np.nan,
        "rule": RULES[claim["unit"]],
    }
    measure = DEFINITIONS[claim["definition_id"]].measure
    why = _cannot(claim, data.first_day, data.last_day)
    if why or measure is None:  # _cannot gives the reason when a definition has no measure
        return {**row, "status": CANNOT, "why": why}
    try:
        measured = measure(data, claim)
    except CannotCheck as exc:
        return {**row, "status": CANNOT, "why": f"Cannot be checked: {exc}."}
    status = _status(claim["unit"], claim["value"], measured.value)
    return {
        **row,
        "project_value": measured.value,
        "project_low": np.nan if measured.low is None else measured.low,
        "project_high": np.nan if measured.high is None else measured.high,
        "difference": measured.value - claim["value"],
        "difference_pct": 100 * (measured.value / claim["value"] - 1),
        "status": status,
        "why": _why(claim, measured, status),
    }


def check_claims(ledger: pd.DataFrame, data: ClaimData, window: Window | None = None) -> pd.DataFrame:
    """Every claim the run covers (:func:`in_run`; all of them without a window), checked, in the
    ledger's order."""
    if window is not None:
        ledger = ledger[in_run(ledger, window, data.first_day, data.last_day)]
    rows = [check_claim(claim, data) for _, claim in ledger.iterrows()]
    return pd.DataFrame(rows, columns=CHECKED_COLUMNS)


def status_counts(checked: pd.DataFrame) -> pd.Series:
    """Claims per status, every status listed (zero where none)."""
    return checked["status"].value_counts().reindex(STATUSES, fill_value=0)


def claim_line(row: pd.Series) -> str:
    """One readable line per checked claim (the command line's output)."""
    period = "no period" if pd.isna(row["period_start"]) else span_label(row["period_start"], row["period_end"])
    return f"{row['claim_id']} [{row['status']}] {row['publisher']}, {period}: {row['metric']}. {row['why']}"
