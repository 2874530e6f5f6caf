"""Write ranking rows as a new raw vintage: monthly files in the API's row format plus a manifest.

Used by the one-off import of the archived dataset and by ``helpers fetch rankings``, so both
produce the same layout. A vintage is assembled in a hidden temporary folder and renamed into
place in one step: a reader never sees a half-written vintage, and an existing vintage is never
touched.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd

from .errors import RawDataError
from .manifest import manifest_entry, write_manifest, write_new_file
from .paths import relative_to_root
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


def write_vintage(target: Path, rows: pd.DataFrame, metadata: dict[str, Any],
                  extra_files: dict[str, tuple[bytes, dict[str, Any]]] | None = None) -> Path:
    """Create the vintage folder ``target`` with one CSV per month and its manifest.

    ``extra_files`` maps a file name to (bytes, manifest fields) for companion files such as the
    collector's daily totals. Refuses when ``target`` exists.
    """
    target = Path(target)
    if target.exists():
        raise RawDataError(f"{relative_to_root(target)}: vintage already exists; raw data is never overwritten")
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent))
    try:
        entries = []
        for month, group in split_by_month(rows).items():
            path = staging / f"{month}.csv"
            write_new_file(path, rows_to_csv_bytes(group))
            dates = pd.to_datetime(group["date"])
            entries.append(manifest_entry(path, kind="rankings",
                                          start_date=f"{dates.min():%Y-%m-%d}",
                                          end_date=f"{dates.max():%Y-%m-%d}"))
        for name, (data, fields) in (extra_files or {}).items():
            path = staging / name
            write_new_file(path, data)
            entries.append(manifest_entry(path, **fields))
        write_manifest(staging, metadata, entries)
        os.rename(staging, target)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return target
