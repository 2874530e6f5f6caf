"""The one reader of raw tables: a CSV file checked against its contract, returned parsed.

Order of the checks, each stopping at its first problem with one line naming file, line and
column: the file is well-formed CSV (:mod:`.csvtext`); the header is the declared one; the table
is not cut to its header; every cell parses as its column's kind and lies in its range
(:mod:`.columns`); the key is unique; dates lie in the period the file's name gives; the table's cross-field rules (:mod:`.rules`); then its
references to other tables.

Nothing is written: a raw file is only ever read.
"""

from __future__ import annotations

import hashlib
import re
from collections import OrderedDict
from collections.abc import Collection, Mapping
from pathlib import Path

import pandas as pd

from ..errors import RawDataError
from ..paths import relative_to_root
from .columns import parse_column
from .csvtext import read_text_table
from .failures import line_numbers, lines_named, refuse
from .rules import check_rule
from .spec import Contract

RANGE_NAME = re.compile(r"(\d{4}-\d{2}-\d{2})_(\d{4}-\d{2}-\d{2})$")
DAY_NAME = re.compile(r"(?<![\d_])(\d{4}-\d{2}-\d{2})$")
MONTH_NAME = re.compile(r"(?<![\d-])(\d{4}-\d{2})$")


def _check_header(path: Path, header: list[str], contract: Contract) -> None:
    expected = contract.header
    if header != expected:
        missing = [c for c in expected if c not in header]
        extra = [c for c in header if c not in expected]
        detail = f"; missing {missing}" * bool(missing) + f"; not expected {extra}" * bool(extra)
        raise RawDataError(
            f"{relative_to_root(path)}: columns {header}, expected {expected} (the header is line 1{detail})"
        )


def _check_key(path: Path, table: pd.DataFrame, text: pd.DataFrame, contract: Contract) -> None:
    if not contract.key or contract.key_scope != "file":
        return
    key = list(contract.key)
    duplicated = text.duplicated(key, keep=False)
    if duplicated.any():
        name = key[0] if len(key) == 1 else f"({', '.join(key)})"
        rows = text.loc[duplicated, key]
        values = rows[key[0]] if len(key) == 1 else rows.apply(tuple, axis=1)
        lines = line_numbers(duplicated)
        raise RawDataError(
            f"{relative_to_root(path)}: duplicate {name}: {', '.join(repr(v) for v in sorted(set(values))[:5])} "
            f"({lines_named(lines)}, column {key[-1]})"
        )


def _check_references(
    path: Path, table: pd.DataFrame, text: pd.DataFrame, contract: Contract, known: Mapping[str, Collection[str]]
) -> None:
    for column in contract.columns:
        reference = column.references
        if reference is None or column.name not in known:
            continue
        values = table[column.name]
        missing = (values.astype(str).str.strip() != "") & ~values.isin(list(known[column.name]))
        where = f" where {reference.where.column} is {reference.where.values[0]}" if reference.where else ""
        refuse(
            path,
            text,
            missing,
            column.name,
            f"not in {Path(reference.table).name} (column {reference.column}{where}); add it there first",
        )


def named_period(path: Path) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The first and last day a file's name gives: ``2026-06`` (a month), ``2026-09-28`` (a day),
    ``2026-09-22_2026-09-28`` (a range, as the name's last part); None when it names no period."""
    stem = Path(path).stem
    try:
        if found := RANGE_NAME.search(stem):
            return pd.Timestamp(found[1]), pd.Timestamp(found[2])
        if found := DAY_NAME.search(stem):
            return pd.Timestamp(found[1]), pd.Timestamp(found[1])
        if found := MONTH_NAME.search(stem):
            start = pd.Timestamp(found[1] + "-01")
            return start, start + pd.offsets.MonthEnd(0)
    except ValueError:
        raise RawDataError(f"{relative_to_root(path)}: the file's name gives no real date ({stem})") from None
    return None


def _check_file_dates(path: Path, table: pd.DataFrame, text: pd.DataFrame, contract: Contract) -> None:
    if contract.file_dates is None:
        return
    period = named_period(path)
    if period is None:
        return
    start, end = period
    if end < start:
        raise RawDataError(f"{relative_to_root(path)}: the file's name gives a period that ends before it starts")
    days = table[contract.file_dates]
    outside = (days < start) | (days > end)
    span = f"{start:%Y-%m-%d}" if start == end else f"{start:%Y-%m-%d} to {end:%Y-%m-%d}"
    refuse(path, text, outside, contract.file_dates, f"outside {span}, the period the file's name gives")


def _check_rows(path: Path, text: pd.DataFrame, contract: Contract) -> None:
    if len(text) < contract.min_rows:
        raise RawDataError(
            f"{relative_to_root(path)}: line 1: the table holds only its header, no rows "
            f"(cut short? at least {contract.min_rows} expected)"
        )


def _checked_table(path: Path, data: bytes, contract: Contract) -> pd.DataFrame:
    """Everything the file alone decides: well-formed CSV, header, rows, cells, key, dates, rules."""
    header, text = read_text_table(path, data)
    _check_header(path, header, contract)
    _check_rows(path, text, contract)
    table = pd.DataFrame({c.name: parse_column(path, text, c) for c in contract.columns}, index=text.index)
    _check_key(path, table, text, contract)
    _check_file_dates(path, table, text, contract)
    for rule in contract.rules:
        check_rule(rule, path, table, text)
    return table


# Tables already checked in this process, by file name, contract and content: a run checks every
# raw table before any notebook starts, and the rankings loader then reads the same files again;
# each is parsed once. Keyed by the bytes' hash, so an edited file is read afresh.
_CHECKED: OrderedDict[tuple[str, str, bytes], pd.DataFrame] = OrderedDict()
CHECKED_KEPT = 128


def read_raw_table(
    path: Path | str, contract: Contract, known: Mapping[str, Collection[str]] | None = None
) -> pd.DataFrame:
    """The raw table at ``path``, checked against ``contract`` and parsed (dates as datetimes,
    numbers as numbers, ``true``/``false`` as booleans; empty optional cells as NaT, NaN or "").

    ``known`` gives, per column that references another table, the values that table holds (the
    caller read it already); a reference not given is not checked here. Raises
    :class:`~helpers.errors.RawDataError` with one line naming file, line and column."""
    path = Path(path)
    data = path.read_bytes()
    key = (str(path), contract.name, hashlib.blake2b(data, digest_size=16).digest())
    if key not in _CHECKED:
        _CHECKED[key] = _checked_table(path, data, contract)
        while len(_CHECKED) > CHECKED_KEPT:
            _CHECKED.popitem(last=False)
    table = _CHECKED[key].copy()
    _check_references(path, table, table, contract, known or {})
    return table
