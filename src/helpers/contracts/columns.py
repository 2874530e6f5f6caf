"""One column's text cells to typed values, each cell checked against its declared kind and range.

Text checks (empty cells, dates, patterns, allowed words, whole numbers) run once per distinct
value: a rankings file repeats a few hundred model names and 31 days over thousands of rows, and
every run reads all of them before any notebook starts, so the checks must cost little.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from .failures import refuse
from .spec import Bounds, Column

MAX_DIGITS = 18  # a whole number with more digits would not fit in 64 bits (below 2**63)
URL = re.compile(r"https?://\S+\Z")
DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
WHOLE = re.compile(r"[0-9]+\Z")
SIGNED_WHOLE = re.compile(r"-?[0-9]+\Z")


def number_words(bounds: Bounds, whole: bool = False) -> str:
    """A range as a message says it: ``a number from 0 to 2,000 (US dollars per million tokens)``."""
    kind = "a whole number" if whole else "a number"

    def edge(x: float) -> str:
        return f"{x:,.0f}" if float(x).is_integer() and abs(x) < 1e6 else f"{x:g}"

    return f"{kind} from {edge(bounds.low)} to {edge(bounds.high)} ({bounds.unit})"


def describe(column: Column) -> str:
    """What a cell of ``column`` must be, in words."""
    words = {
        "date": "a YYYY-MM-DD date",
        "bool": "true or false",
        "url": "a web address starting http:// or https://",
        "regex": "a regular expression that compiles",
        "int": "a whole number",
        "float": "a number",
    }.get(column.kind, "filled in")
    if column.kind in ("int", "float") and column.bounds is not None:
        words = number_words(column.bounds, column.kind == "int")
    elif column.allowed is not None:
        words = f"one of {list(column.allowed)}"
    elif column.pattern is not None:
        words = f"text matching {column.pattern}"
    return words + (" or empty" if not column.required else "")


def compiles(pattern: str) -> bool:
    """Whether ``pattern`` is a regular expression Python can compile."""
    try:
        re.compile(pattern)
    except re.error:
        return False
    return True


class Cells:
    """A column's cells, factorized: checks run on the distinct values and are spread back to rows."""

    def __init__(self, text: pd.Series) -> None:
        self.text = text
        codes, uniques = pd.factorize(text.to_numpy(dtype=object), use_na_sentinel=False)
        self.codes = codes
        self.uniques = uniques

    def per_value(self, test: Callable[[str], bool]) -> np.ndarray:
        """``test`` of every row's cell, evaluated once per distinct cell."""
        return np.fromiter((bool(test(v)) for v in self.uniques), bool, len(self.uniques))[self.codes]

    def mask(self, flags: np.ndarray) -> pd.Series:
        return pd.Series(flags, index=self.text.index)


def _dates(cells: Cells) -> tuple[pd.Series, np.ndarray]:
    shaped = [v if DATE.match(v) else None for v in cells.uniques]
    parsed = pd.to_datetime(pd.Series(shaped, dtype=object), format="%Y-%m-%d", errors="coerce").to_numpy()
    values = pd.Series(parsed[cells.codes], index=cells.text.index)
    return values, values.isna().to_numpy()


def _ints(cells: Cells, column: Column) -> tuple[pd.Series, np.ndarray]:
    shape = SIGNED_WHOLE if column.bounds is not None and column.bounds.low < 0 else WHOLE
    numbers = np.zeros(len(cells.uniques), "int64")
    good = np.zeros(len(cells.uniques), bool)
    for i, v in enumerate(cells.uniques):
        if shape.match(v) and len(v.lstrip("-").lstrip("0")) <= MAX_DIGITS:
            numbers[i], good[i] = int(v), True
    return pd.Series(numbers[cells.codes], index=cells.text.index), ~good[cells.codes]


def _floats(cells: Cells) -> tuple[pd.Series, np.ndarray]:
    values = pd.to_numeric(cells.text, errors="coerce").astype(float)
    return values, ~np.isfinite(values.to_numpy())


def _parse(cells: Cells, column: Column) -> tuple[pd.Series, np.ndarray]:
    """Typed values and the cells that do not parse as the column's kind."""
    if column.kind == "date":
        return _dates(cells)
    if column.kind == "int":
        return _ints(cells, column)
    if column.kind == "float":
        return _floats(cells)
    if column.kind == "bool":
        return cells.text == "true", ~cells.per_value(lambda v: v in ("true", "false"))
    if column.kind == "url":
        return cells.text, ~cells.per_value(lambda v: bool(URL.match(v)))
    if column.kind == "regex":
        return cells.text, ~cells.per_value(compiles)
    return cells.text, np.zeros(len(cells.text), bool)


def _words(cells: Cells, column: Column) -> np.ndarray:
    bad = np.zeros(len(cells.text), bool)
    if column.allowed is not None:
        allowed = set(column.allowed)
        bad |= ~cells.per_value(lambda v: v in allowed)
    if column.pattern is not None:
        pattern = re.compile(f"(?:{column.pattern})\\Z")
        bad |= ~cells.per_value(lambda v: bool(pattern.match(v)))
    return bad


def _out_of_range(values: pd.Series, column: Column) -> np.ndarray:
    if column.bounds is None or column.kind not in ("int", "float"):
        return np.zeros(len(values), bool)
    outside = ((values < column.bounds.low) | (values > column.bounds.high)).to_numpy()
    if column.sentinels:
        outside = outside & ~values.isin(column.sentinels).to_numpy()
    return outside


def _too_long(cells: Cells, column: Column) -> np.ndarray:
    if column.kind != "int":
        return np.zeros(len(cells.text), bool)
    return cells.per_value(lambda v: len(v.lstrip("-").lstrip("0")) > MAX_DIGITS)


def parse_column(path: Path, text_table: pd.DataFrame, column: Column) -> pd.Series:
    """The column's typed values; a cell that is empty when required, does not parse, or falls
    outside its allowed words, pattern or range is refused naming its lines and values.

    Empty optional cells become empty text, NaT (dates) or NaN (numbers)."""
    cells = Cells(text_table[column.name])
    if column.kind in ("text", "url", "regex"):
        blank = cells.per_value(lambda v: not v.strip())
    else:  # a cell of spaces in a date or number column is not empty: it fails to parse, naming its line
        blank = cells.text.to_numpy(dtype=object) == ""
    message = column.say or f"must be {describe(column)}"
    if column.required:
        refuse(path, text_table, cells.mask(blank), column.name, column.say or _empty(column), show=False)
    filled = ~blank
    # refuse() returns when no cell is flagged
    too_long = filled & _too_long(cells, column)
    refuse(
        path, text_table, cells.mask(too_long), column.name, f"has more than {MAX_DIGITS} digits (a corrupted value)"
    )
    values, bad = _parse(cells, column)
    for flags in (bad, _words(cells, column)):
        refuse(path, text_table, cells.mask(filled & flags), column.name, message)
    outside = filled & _out_of_range(values, column)
    refuse(
        path, text_table, cells.mask(outside), column.name, f"outside the plausible range: must be {describe(column)}"
    )
    return cells.text if column.keep_text else _typed(values, column, cells.mask(filled))


def _empty(column: Column) -> str:
    return "must not be empty" if column.kind == "text" else f"must be {describe(column)}"


def _typed(values: pd.Series, column: Column, filled: pd.Series) -> pd.Series:
    if column.kind in ("text", "url", "regex", "bool"):
        return values
    if column.kind == "int":
        return values if filled.all() else values.astype(float).where(filled)
    return values if filled.all() else values.where(filled)


def is_whole(values: pd.Series) -> pd.Series:
    """Numbers without a fractional part (NaN counts as whole: emptiness is checked elsewhere)."""
    return values.isna() | (values % 1 == 0)
