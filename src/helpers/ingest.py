"""Write ranking rows as a new raw vintage: monthly files in the API's row format plus a manifest.

Used by the one-off import of the archived dataset and by ``helpers fetch rankings``, so both
produce the same layout. A vintage is assembled in a hidden temporary folder and renamed into
place in one step (:func:`helpers.manifest.write_new_folder`): a reader never sees a half-written vintage, and an existing vintage is never
touched.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from .manifest import write_new_folder
from .rankings import RANKINGS_COLUMNS


def rows_to_csv_bytes(rows: pd.DataFrame) -> bytes:
    """Rows (columns date, model_permaslug, total_tokens) as CSV text with LF line endings."""
    out = rows[RANKINGS_COLUMNS].copy()
    out["date"] = pd.to_datetime(out["date"]).dt.strftime("%Y-%m-%d")
    return out.to_csv(index=False, lineterminator="\n").encode("utf-8")


def split_by_month(rows: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Rows grouped into calendar months (``YYYY-MM``), keeping their order within each month."""
    months = pd.to_datetime(rows["date"]).dt.strftime("%Y-%m")
    return {month: group for month, group in rows.groupby(months, sort=True)}


def write_vintage(
    target: Path,
    rows: pd.DataFrame,
    metadata: dict[str, Any],
    extra_files: dict[str, tuple[bytes, dict[str, Any]]] | None = None,
) -> Path:
    """Create the vintage folder ``target`` with one CSV per month and its manifest.

    ``extra_files`` maps a file name to (bytes, manifest fields) for companion files such as the
    collector's daily totals. Refuses when ``target`` exists.
    """
    files: dict[str, tuple[bytes, dict[str, Any]]] = {}
    for month, group in split_by_month(rows).items():
        dates = pd.to_datetime(group["date"])
        files[f"{month}.csv"] = (
            rows_to_csv_bytes(group),
            {"kind": "rankings", "start_date": f"{dates.min():%Y-%m-%d}", "end_date": f"{dates.max():%Y-%m-%d}"},
        )
    files.update(extra_files or {})
    return write_new_folder(target, files, metadata)
