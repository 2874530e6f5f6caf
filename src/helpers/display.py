"""Numbers as a reader reads them: every table shown on a page goes through here.

A published CSV keeps full precision and code-friendly columns; what a page shows is written for
people: units in the header ("China, trillion tokens"), numbers rounded for reading, percentages
with a sign where they are changes, words instead of booleans, and an empty cell (never ``nan``,
``inf`` or ``None``) where there is nothing to show. One place, so every notebook and the report
format alike.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from .dates import span_label

EMPTY = ""


def _each(values: pd.Series, fmt: Callable[[float], str]) -> pd.Series:
    numbers = pd.to_numeric(values, errors="coerce").astype(float)
    cells = numbers.map(lambda v: fmt(v) if np.isfinite(v) else EMPTY)  # no nan or inf reaches a page
    return cells.astype(object)  # text even when empty, so cells can be joined


def usd_millions(values: pd.Series, digits: int = 2) -> pd.Series:
    """``17543000.0`` -> ``$17.54M``."""
    return _each(values, lambda v: f"${v / 1e6:,.{digits}f}M")


def percent(values: pd.Series, digits: int = 1, scale: float = 1.0) -> pd.Series:
    """A share in percent (``scale=100`` for a fraction): ``25.6%``."""
    return _each(values, lambda v: f"{v * scale:.{digits}f}%")


def signed_percent(values: pd.Series, digits: int = 1, scale: float = 1.0) -> pd.Series:
    """A change in percent, always with its sign: ``+27.3%``, ``-24.8%``."""
    return _each(values, lambda v: f"{v * scale:+.{digits}f}%")


def number(values: pd.Series, digits: int = 2) -> pd.Series:
    return _each(values, lambda v: f"{v:,.{digits}f}")


def times(values: pd.Series, digits: int = 2) -> pd.Series:
    """A ratio as a multiple: ``0.86x``."""
    return _each(values, lambda v: f"{v:.{digits}f}x")


def band_cell(central: pd.Series, low: pd.Series, high: pd.Series, fmt: Callable[[pd.Series], pd.Series]) -> pd.Series:
    """``central (low to high)`` in one cell, each part in the given format."""
    c, lo, hi = fmt(central), fmt(low), fmt(high)
    return (c + " (" + lo + " to " + hi + ")").where(c != EMPTY, EMPTY)


def yes_no(values: pd.Series) -> pd.Series:
    return values.map({True: "yes", False: "no"}).fillna(EMPTY)


def span(starts: pd.Series, ends: pd.Series) -> pd.Series:
    """Each start and end day as a reader says them: ``28 September-4 October 2026``."""
    return pd.Series([span_label(s, e) for s, e in zip(starts, ends)], index=starts.index)


def for_people(frame: pd.DataFrame, index: str | None = None) -> pd.DataFrame:
    """A table of strings with no missing cell, indexed by its first column when named (so the
    page shows the answer columns first, not a row number)."""
    out = frame.astype(object).where(frame.notna(), EMPTY)
    return out.set_index(index) if index else out.reset_index(drop=True)


# --------------------------------------------------------------------------- the column dictionary

COLUMNS_FILE = Path(__file__).with_name("columns.csv")
ORIGIN_WORDS = {
    "CN": "China",
    "US": "United States",
    "EU": "European Union",
    "ROW": "rest of world",
    "UNDISCLOSED": "undisclosed (stealth)",
    "LONG_TAIL": "long tail (outside the top 50)",
}


def column_dictionary() -> pd.DataFrame:
    """The dictionary of published columns (``src/helpers/columns.csv``): table (``*`` for any),
    column, type, unit, the label a reader sees, and what it means."""
    return pd.read_csv(COLUMNS_FILE, dtype=str, keep_default_na=False)


def describe_column(column: str, table: str = "*") -> pd.Series | None:
    """A column's dictionary entry: the table's own if it has one, else the general one."""
    entries = column_dictionary()
    found = entries[(entries["column"] == column) & (entries["table"].isin([table, "*"]))]
    if found.empty:
        return None
    return found.sort_values("table", key=lambda t: t == "*").iloc[0]


def day(values: pd.Series) -> pd.Series:
    """Days as a reader says them: ``6 October 2026``."""
    return pd.to_datetime(pd.Series(values)).map(lambda d: f"{d.day} {d:%B %Y}" if pd.notna(d) else EMPTY)
