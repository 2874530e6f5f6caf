"""Numbers as a reader reads them: every table shown on a page goes through here.

A published CSV keeps full precision and code-friendly columns; what a page shows is written for
people: units in the header ("China, trillion tokens"), numbers rounded for reading, percentages
with a sign where they are changes, words instead of booleans, and an empty cell (never ``nan``,
``inf`` or ``None``) where there is nothing to show. One place, so every notebook and the report
format alike.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from .dates import span_label

EMPTY = ""


def _each(values: pd.Series, fmt: Callable[[float], str]) -> pd.Series:
    numbers = pd.to_numeric(values, errors="coerce").astype(float)
    return numbers.map(lambda v: fmt(v) if np.isfinite(v) else EMPTY)


def usd_millions(values: pd.Series, digits: int = 2) -> pd.Series:
    """``17543000.0`` -> ``$17.54M``."""
    return _each(values, lambda v: f"${v / 1e6:,.{digits}f}M")


def trillions(values: pd.Series, digits: int = 2) -> pd.Series:
    """``14182000000000`` -> ``14.18T``."""
    return _each(values, lambda v: f"{v / 1e12:,.{digits}f}T")


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
