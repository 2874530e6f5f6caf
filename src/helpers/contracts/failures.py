"""The one shape of a raw-data error: file, lines, column, what is wrong, and the values at fault.

Every check on a raw table (the contracts' own and the few a domain module keeps) raises through
:func:`refuse`, so a reader learns where to look from one line without a traceback::

    data/raw/prices/prices.csv: line 9, column valid_from: must be a YYYY-MM-DD date (values: '2026-13-01')
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..errors import RawDataError
from ..paths import relative_to_root

SHOWN = 5  # lines and values named in one message; the rest are counted
CLIP = 60  # characters of one value shown


def line_numbers(mask: pd.Series) -> list[int]:
    """File lines of the rows flagged in ``mask`` (row index ``i`` is line ``i + 2``: the header is line 1)."""
    return [int(i) + 2 for i in mask[mask].index]


def _shown(values: list) -> str:
    def clip(value: object) -> str:
        text = repr(value)
        return text if len(text) <= CLIP else text[: CLIP - 3] + "..."

    return ", ".join(clip(v) for v in values[:SHOWN])


def lines_named(lines: list[int]) -> str:
    """``line 2``, ``lines 2, 3`` or ``lines 2, 3, 4, 5, 6 and 4 more``: the lines a reader opens."""
    shown = ", ".join(str(n) for n in lines[:SHOWN])
    more = f" and {len(lines) - SHOWN} more" if len(lines) > SHOWN else ""
    return f"{'line' if len(lines) == 1 else 'lines'} {shown}{more}"


def location(path: Path | str, lines: list[int], column: str | None = None) -> str:
    """``file: lines 2, 3 and 4 more, column x``: where a problem is, as every message starts."""
    where = f"{relative_to_root(Path(path))}: {lines_named(lines)}"
    return where + (f", column {column}" if column else "")


def refuse(
    path: Path | str, table: pd.DataFrame, bad: pd.Series, column: str | None, message: str, show: bool = True
) -> None:
    """Raise naming the file, the lines flagged in ``bad``, the column and the values there (if any is flagged)."""
    if not bad.any():
        return
    values = ""
    if show and column in table.columns:
        found = list(dict.fromkeys(table.loc[bad, column].tolist()))
        values = f" (values: {_shown(found)})"
    raise RawDataError(f"{location(path, line_numbers(bad), column)}: {message}{values}")


def refuse_lines(path: Path | str, lines: list[int], column: str | None, message: str) -> None:
    """Raise naming ``lines`` directly (for checks that already know them, across files)."""
    raise RawDataError(f"{location(path, lines, column)}: {message}")
