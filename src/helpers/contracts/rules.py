"""Rules across the cells of a row, or across rows: ranges in order, periods the right way round,
cells filled together, ranges by unit, values a table must hold, no overlapping date ranges,
shares that do not pass 100.

Each rule is evaluated on the parsed table (dates as dates, numbers as numbers) and refused
through :func:`helpers.contracts.failures.refuse`, showing the cells as written in the file.
"""

from __future__ import annotations

from functools import singledispatch
from pathlib import Path

import pandas as pd

from ..errors import RawDataError
from ..paths import relative_to_root
from .columns import is_whole, number_words
from .failures import refuse, refuse_lines
from .spec import (
    AllowedWhen,
    BothOrNeither,
    BoundsWhen,
    Covers,
    GroupTotal,
    NoOverlap,
    Ordered,
    RequiredWhen,
    RowRule,
    Rule,
)


def _filled(values: pd.Series) -> pd.Series:
    if values.dtype.kind in "fmM":
        return values.notna()
    return values.astype(str).str.strip() != ""


@singledispatch
def check_rule(rule: Rule, path: Path, table: pd.DataFrame, text: pd.DataFrame) -> None:
    """Refuse the rows of ``table`` (parsed) that break ``rule``; ``text`` is the table as written."""
    raise TypeError(f"no check for rule {rule!r}")


@check_rule.register
def _ordered(rule: Ordered, path: Path, table: pd.DataFrame, text: pd.DataFrame) -> None:
    for earlier, later in zip(rule.columns, rule.columns[1:]):
        backwards = table[later] < table[earlier]
        if backwards.any():
            first = backwards.idxmax()
            pair = f"{earlier} {text.at[first, earlier]!r}, {later} {text.at[first, later]!r}"
            message = rule.message or f"is below {earlier} (values must not decrease along {', '.join(rule.columns)})"
            refuse(path, text, backwards, later, f"{message} ({pair})", show=False)


@check_rule.register
def _both(rule: BothOrNeither, path: Path, table: pd.DataFrame, text: pd.DataFrame) -> None:
    filled = pd.concat([_filled(table[c]) for c in rule.columns], axis=1)
    mixed = filled.any(axis=1) & ~filled.all(axis=1)
    refuse(path, text, mixed, rule.columns[-1], rule.message, show=False)


@check_rule.register
def _required_when(rule: RequiredWhen, path: Path, table: pd.DataFrame, text: pd.DataFrame) -> None:
    missing = rule.when.mask(table) & ~_filled(table[rule.column])
    refuse(path, text, missing, rule.column, rule.message or f"must not be empty {rule.when.words()}", show=False)


@check_rule.register
def _allowed_when(rule: AllowedWhen, path: Path, table: pd.DataFrame, text: pd.DataFrame) -> None:
    bad = rule.when.mask(table) & ~table[rule.column].isin(rule.allowed)
    refuse(path, text, bad, rule.column, f"must be one of {list(rule.allowed)} {rule.when.words()}")


@check_rule.register
def _bounds_when(rule: BoundsWhen, path: Path, table: pd.DataFrame, text: pd.DataFrame) -> None:
    values = table[rule.column]
    applies = rule.when.mask(table) & values.notna()
    outside = (values < rule.bounds.low) | (values > rule.bounds.high)
    if rule.whole:
        outside |= ~is_whole(values)
    words = f"must be {number_words(rule.bounds, rule.whole)} {rule.when.words()}"
    refuse(path, text, applies & outside, rule.column, rule.message or words)


@check_rule.register
def _covers(rule: Covers, path: Path, table: pd.DataFrame, text: pd.DataFrame) -> None:
    missing = [v for v in rule.values if v not in set(table[rule.column])]
    if missing:
        raise RawDataError(
            f"{relative_to_root(Path(path))}: column {rule.column}: needs a row for each of {list(rule.values)}; "
            f"none for {missing}"
        )


@check_rule.register
def _no_overlap(rule: NoOverlap, path: Path, table: pd.DataFrame, text: pd.DataFrame) -> None:
    rows = table if rule.when is None else table[rule.when.mask(table)]
    ordered = rows.sort_values([*rule.key, rule.start])
    next_start = ordered.groupby(list(rule.key))[rule.start].shift(-1)
    end = ordered[rule.end]
    overlap = next_start.notna() & (end.isna() | (next_start <= end))
    if overlap.any():
        first = ordered[overlap].iloc[0]
        label = " ".join(f"{first[k]}" for k in rule.key)
        refuse_lines(
            path,
            [int(ordered.index[overlap][0]) + 2],
            rule.start,
            f"{label} has two {rule.noun} covering {next_start[overlap].iat[0]:%Y-%m-%d}",
        )


@check_rule.register
def _group_total(rule: GroupTotal, path: Path, table: pd.DataFrame, text: pd.DataFrame) -> None:
    rows = table if rule.when is None else table[rule.when.mask(table)]
    grouped = rows.groupby(list(rule.group), dropna=False)[rule.column]
    totals, group = grouped.transform("sum"), grouped.ngroup()
    over = totals > rule.at_most + 1e-9
    if over.any():
        first = group == group[over].iat[0]  # the first group past the limit, every row of it named
        total = totals[first].iat[0]
        refuse(
            path,
            text,
            first.reindex(table.index, fill_value=False),
            rule.column,
            f"{rule.what} of one {', '.join(rule.group)} sum to {total:g}, past {rule.at_most:g}",
        )


@check_rule.register
def _row_rule(rule: RowRule, path: Path, table: pd.DataFrame, text: pd.DataFrame) -> None:
    refuse(path, text, rule.broken(table).fillna(False).astype(bool), rule.column, rule.message)
