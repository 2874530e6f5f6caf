"""Read and validate OpenRouter ``rankings-daily`` raw files.

The raw files keep the API's own row format (``date,model_permaslug,total_tokens``), one file per
month, in one folder per *vintage* (one retrieval from the API or an archive of it). OpenRouter
says figures may be restated, so a later vintage can hold a day again with different values; the
pipeline then uses the most recent vintage for that whole day and reports the restatement,
rather than merging rows from two vintages silently.

Every check here raises with the file and line at fault, because a wrong row that slips through
becomes a wrong share in a published figure.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from .contracts import read_raw_table, refuse_lines
from .contracts.columns import MAX_DIGITS
from .contracts.openrouter import RANKINGS
from .contracts.reference import PERMASLUG
from .errors import RawDataError
from .manifest import find_manifests, load_manifest
from .paths import relative_to_root

RANKINGS_COLUMNS = RANKINGS.header
# The attribution CC BY 4.0 asks for, written into each vintage's manifest when it is stored.
ATTRIBUTION = "Source: OpenRouter (openrouter.ai/rankings), as of {as_of}. Licensed under CC BY 4.0."
OTHER_ROW = "other"
MAX_TOKEN_DIGITS = MAX_DIGITS  # below 2**63: a whole day of the world's tokens is far smaller
DAILY_TOP_N = 50  # named models per day in rankings-daily (the rest are summed in the ``other`` row)
PERMASLUG_PATTERN = re.compile(f"^{PERMASLUG}$")
DATE_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TOKENS_PATTERN = re.compile(r"^\d+$")
# A day whose total is this many times the median of its neighbours is not a daily row: the
# July 2026 incident served 7-day buckets, about 7x a day. On the shipped 2025-2026 data no day
# exceeds 1.4x its neighbours' median (asserted in tests/test_rankings.py).
WEEKLY_BUCKET_RATIO = 3.0


def per_distinct(values: pd.Series, function):
    """``function`` applied once per distinct value, aligned back to every row.

    Ranking rows repeat the same few thousand permaslugs and days hundreds of times; string checks
    and splits on the distinct values keep a run's cost from growing with every extra row.
    """
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    result = function(pd.Series(uniques, dtype=values.dtype)).iloc[codes]
    result.index = values.index
    return result


def read_rankings_file(path: Path) -> pd.DataFrame:
    """Parse one raw file against :data:`helpers.contracts.openrouter.RANKINGS` (dates of the file's
    own month or day, well-formed permaslugs, whole non-negative token counts, not cut to its
    header); return typed rows with their line numbers."""
    path = Path(path)
    raw = read_raw_table(path, RANKINGS)
    return pd.DataFrame(
        {
            "date": raw["date"],
            "model_permaslug": raw["model_permaslug"],
            "tokens": raw["total_tokens"],
            "source_file": relative_to_root(path),
            "line": raw.index + 2,
        }
    )


def check_no_duplicates(rows: pd.DataFrame, where: str) -> None:
    """A (date, model) pair must appear once in a vintage (the contract's key, checked across the
    vintage's files): a second copy would double-count a model's day."""
    dup = rows.duplicated(list(RANKINGS.key), keep=False)
    if dup.any():
        shown = rows.loc[dup].head(6)
        listing = "; ".join(
            f"{r.source_file}:{r.line} {r.date:%Y-%m-%d} {r.model_permaslug}" for r in shown.itertuples()
        )
        raise RawDataError(f"{where}: duplicate (date, model_permaslug) rows: {listing}")


def check_within_declared_range(rows: pd.DataFrame, entry: dict, path: Path) -> None:
    """Rows must fall inside the date range the manifest declares for their file."""
    start, end = pd.Timestamp(entry["start_date"]), pd.Timestamp(entry["end_date"])
    outside = (rows["date"] < start) | (rows["date"] > end)
    if outside.any():
        refuse_lines(
            path,
            rows.loc[outside, "line"].astype(int).tolist(),
            "date",
            f"outside the manifest's range {entry['start_date']}..{entry['end_date']}",
        )


def vintage_order_key(manifest: dict) -> tuple[str, str]:
    """Vintages sort by the API's as-of date, then by when they were retrieved."""
    return (str(manifest.get("as_of", "")), str(manifest["obtained"].get("retrieved_at", "")))


def load_vintage(manifest_path: Path) -> pd.DataFrame:
    """All ranking rows of one vintage, validated file by file and across files."""
    manifest = load_manifest(manifest_path)
    frames = []
    for entry in manifest["files"]:
        if entry.get("kind", "rankings") != "rankings":
            continue
        path = Path(manifest_path).parent / entry["path"]
        rows = read_rankings_file(path)
        check_within_declared_range(rows, entry, path)
        frames.append(rows)
    if not frames:
        raise RawDataError(f"{relative_to_root(manifest_path)}: lists no rankings files")
    rows = pd.concat(frames, ignore_index=True)
    check_no_duplicates(rows, relative_to_root(Path(manifest_path).parent))
    rows["vintage"] = Path(manifest_path).parent.name
    return rows


def rankings_manifests(rankings_dir: Path) -> list[Path]:
    """Vintage manifests, oldest first."""
    manifests = find_manifests(rankings_dir)
    if not manifests:
        raise RawDataError(f"{relative_to_root(rankings_dir)}: no rankings vintages found")
    return sorted(manifests, key=lambda p: vintage_order_key(load_manifest(p)))


RESTATEMENT_COLUMNS = [
    "date",
    "used_vintage",
    "previous_vintage",
    "total_tokens",
    "previous_total_tokens",
    "change_tokens",
    "change_pct",
    "models_changed",
    "largest_model_change_pct",
]


def load_all_vintages(rankings_dir: Path) -> pd.DataFrame:
    """Every row of every vintage, validated, with its vintage and the vintage's rank (0 = oldest)."""
    vintages = [load_vintage(p) for p in rankings_manifests(rankings_dir)]
    rank = {v["vintage"].iat[0]: i for i, v in enumerate(vintages)}
    rows = pd.concat(vintages, ignore_index=True)
    return rows.assign(vintage_rank=rows["vintage"].map(rank))


def latest_per_day(rows: pd.DataFrame) -> pd.DataFrame:
    """For each day, the rows of the most recent vintage that holds it (a day is never mixed)."""
    latest = rows.groupby("date")["vintage_rank"].transform("max")
    chosen = rows[rows["vintage_rank"] == latest].drop(columns="vintage_rank")
    return chosen.sort_values(["date", "tokens"], ascending=[True, False]).reset_index(drop=True)


def load_rankings(rankings_dir: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Rows of the latest vintage for each day, plus the restated days (see :func:`restatements`)."""
    rows = load_all_vintages(rankings_dir)
    return latest_per_day(rows), restatements(rows)


def compare_rows(old: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """Two publications of the same days set row by row: one row per day and model in either,
    ``tokens_old`` and ``tokens_new`` (missing where a model is in one only) and ``changed``. The
    one rule for a restatement, used when cleaning vintages and when a fetch meets stored days."""
    keys = ["date", "model_permaslug"]
    merged = old[keys + ["tokens"]].merge(new[keys + ["tokens"]], on=keys, how="outer", suffixes=("_old", "_new"))
    both = merged[["tokens_old", "tokens_new"]]
    merged["changed"] = (merged["tokens_old"] != merged["tokens_new"]) | both.isna().any(axis=1)
    return merged


def restatements(rows: pd.DataFrame) -> pd.DataFrame:
    """Days a later vintage publishes again with different numbers, and by how much.

    One row per such day: the vintage used and the one before it, the day's total in each, the
    change (tokens and percent) and how many models' rows differ. Days published again with
    identical rows are not restatements and are left out.
    """
    latest = rows.groupby("date")["vintage_rank"].transform("max")
    earlier = rows[rows["vintage_rank"] < latest]
    if earlier.empty:
        return pd.DataFrame(
            {c: pd.Series(dtype="datetime64[ns]" if c == "date" else object) for c in RESTATEMENT_COLUMNS}
        )
    previous_rank = earlier.groupby("date")["vintage_rank"].max()
    new = rows[(rows["vintage_rank"] == latest) & rows["date"].isin(previous_rank.index)]
    old = earlier[earlier["vintage_rank"] == earlier["date"].map(previous_rank)]
    merged = compare_rows(old, new)
    merged["relative"] = 100 * (merged["tokens_new"] / merged["tokens_old"].where(merged["tokens_old"] > 0) - 1)
    per_day = pd.DataFrame(
        {
            "used_vintage": new.groupby("date")["vintage"].first(),
            "previous_vintage": old.groupby("date")["vintage"].first(),
            "total_tokens": new.groupby("date")["tokens"].sum(),
            "previous_total_tokens": old.groupby("date")["tokens"].sum(),
            "models_changed": merged.groupby("date")["changed"].sum().astype(int),
            # the model row (the long tail's included) whose tokens moved most, signed
            "largest_model_change_pct": merged.groupby("date")["relative"]
            .agg(lambda r: r.loc[r.abs().idxmax()] if r.notna().any() else float("nan"))
            .round(4),
        }
    )
    per_day["change_tokens"] = per_day["total_tokens"] - per_day["previous_total_tokens"]
    per_day["change_pct"] = (100 * per_day["change_tokens"] / per_day["previous_total_tokens"]).round(3)
    restated = per_day[per_day["models_changed"] > 0].rename_axis("date").reset_index()
    return restated[RESTATEMENT_COLUMNS]


def daily_totals(rows: pd.DataFrame) -> pd.DataFrame:
    """Per day: all tokens, tokens of named models, the ``other`` row, and the row count."""
    is_other = rows["model_permaslug"] == OTHER_ROW
    out = (
        pd.DataFrame(
            {
                "total_tokens": rows.groupby("date")["tokens"].sum(),
                "other_tokens": rows[is_other].groupby("date")["tokens"].sum(),
                "model_rows": rows[~is_other].groupby("date").size(),
                "other_rows": rows[is_other].groupby("date").size(),
            }
        )
        .fillna(0)
        .astype("int64")
    )
    out["named_tokens"] = out["total_tokens"] - out["other_tokens"]
    out.index.name = "date"
    return out.reset_index()


def find_non_daily_days(totals: pd.DataFrame, ratio: float = WEEKLY_BUCKET_RATIO) -> pd.DataFrame:
    """Days whose rows look like a multi-day bucket, not one day.

    Two signs, either enough: the day's total is ``ratio`` times the median of the days within a
    week either side (a 7-day bucket is ~7x a day); or the day is one of at least three observed
    dates in a row spaced exactly 7 days apart with nothing between (Monday-only buckets).
    """
    series = totals.set_index("date")["total_tokens"].sort_index()
    neighbours = []
    for offset in [d for d in range(-7, 8) if d != 0]:
        shifted = series.copy()
        shifted.index = shifted.index - pd.Timedelta(days=offset)
        neighbours.append(shifted.rename(offset))
    around = pd.concat(neighbours, axis=1, sort=True).reindex(series.index)
    median = around.median(axis=1, skipna=True)
    spike = series > ratio * median
    gaps = series.index.to_series().diff().dt.days
    weekly_step = (gaps == 7) & (gaps.shift(-1) == 7)
    weekly = weekly_step | weekly_step.shift(1, fill_value=False) | weekly_step.shift(-1, fill_value=False)
    flagged = pd.DataFrame(
        {
            "date": series.index,
            "total_tokens": series.values,
            "neighbour_median": median.values,
            "spike": spike.values,
            "weekly_spacing": weekly.values,
        }
    )
    return flagged[flagged["spike"] | flagged["weekly_spacing"]].reset_index(drop=True)


def check_daily_shape(rows: pd.DataFrame) -> pd.DataFrame:
    """Refuse rows that are not daily; return the per-day totals table when all is well."""
    totals = daily_totals(rows)
    flagged = find_non_daily_days(totals)
    if not flagged.empty:
        days = ", ".join(flagged["date"].dt.strftime("%Y-%m-%d").head(10))
        files = ", ".join(sorted(rows.loc[rows["date"].isin(flagged["date"]), "source_file"].unique()))
        raise RawDataError(
            f"{files}: rows for {days} do not look daily (a multi-day bucket: total far above the "
            "neighbouring days, or dates spaced a week apart). OpenRouter served weekly buckets in "
            "July 2026; fetch these days again rather than use them."
        )
    missing_other = totals[totals["other_rows"] != 1]
    if not missing_other.empty:
        days = ", ".join(missing_other["date"].dt.strftime("%Y-%m-%d").head(10))
        raise RawDataError(f"days without exactly one '{OTHER_ROW}' row: {days}")
    return totals


def missing_days(rows: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp) -> pd.DatetimeIndex:
    """Calendar days in [start, end] that have no rows at all."""
    expected = pd.date_range(start, end, freq="D")
    return expected.difference(pd.DatetimeIndex(rows["date"].unique()))


def available_range(rankings_dir: Path) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First and last day the raw rankings cover, read from the manifests (cheap)."""
    starts, ends = [], []
    for manifest_path in find_manifests(rankings_dir):
        for entry in load_manifest(manifest_path)["files"]:
            if entry.get("kind", "rankings") == "rankings":
                starts.append(pd.Timestamp(entry["start_date"]))
                ends.append(pd.Timestamp(entry["end_date"]))
    if not starts:
        raise RawDataError(f"{relative_to_root(rankings_dir)}: no rankings files in any manifest")
    return min(starts), max(ends)
