"""Step 1 of the pipeline: raw rankings to cleaned, classified daily and weekly tables.

Every vintage is validated and reconciled with the totals that describe *that* vintage (the
collector's daily sums for the archived vintage), then one vintage per day is chosen (the
latest) and every row is classified by origin. The cleaned daily table covers every day of the
raw data, so later notebooks can look back before their window; the weekly and data-quality
tables cover the run's window.
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .contracts import read_raw_table
from .contracts.openrouter import COLLECTOR_TOTALS
from .dates import Window
from .errors import RawDataError
from .manifest import data_version, find_manifests, load_manifest
from .paths import CHECKED_RANKINGS, rankings_dir, reference_dir
from .rankings import (
    check_daily_shape,
    daily_totals,
    latest_per_day,
    load_all_vintages,
    restatements,
)
from .registry import classify, load_registry
from .weekly import data_quality_by_week, weekly_origin_tokens

DAILY_COLUMNS = [
    "date",
    "model_permaslug",
    "author",
    "variant",
    "origin",
    "open_weight",
    "tokens",
    "attributed_origin",
    "base_origin",
    "override_kind",
]
COLLECTOR_COLUMNS = COLLECTOR_TOTALS.header


@dataclass(frozen=True)
class CleanRankings:
    """The raw rankings after validation, reconciliation and classification (every day held)."""

    rows: pd.DataFrame  # every row of every vintage
    classified: pd.DataFrame  # the latest vintage's rows for each day, classified
    restated: pd.DataFrame  # days a later vintage changed (rankings.restatements)
    reconciliation: pd.DataFrame  # one row per vintage: what it was checked against, and the result


def clean_rankings(raw_dir: Path) -> CleanRankings:
    """Validate, reconcile and classify the raw rankings; raises naming the file, day or author at fault."""
    folder = rankings_dir(raw_dir)
    rows = load_all_vintages(folder)
    chosen = latest_per_day(rows)
    check_daily_shape(chosen)
    reconciliation = reconcile_vintages(rows, collector_totals(folder))
    classified = classify(chosen, load_registry(reference_dir(raw_dir)))
    return CleanRankings(rows, classified, restatements(rows), reconciliation)


def keep_checked_rankings(cleaned: CleanRankings, raw_dir: Path, folder: Path) -> Path:
    """Leave the rankings the runner cleaned while checking the inputs in its staging ``folder``,
    with the raw folder and data version they came from, for notebook 1 of the same run."""
    path = Path(folder) / CHECKED_RANKINGS
    path.parent.mkdir(parents=True, exist_ok=True)
    kept = {"raw_dir": str(Path(raw_dir).resolve()), "data_version": data_version(raw_dir), "rankings": cleaned}
    path.write_bytes(pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL))
    return path


def checked_rankings(folder: Path, raw_dir: Path, version: str) -> CleanRankings | None:
    """The rankings :func:`keep_checked_rankings` left in ``folder``, if they come from this raw
    folder at this data version; otherwise None (the caller cleans them itself)."""
    path = Path(folder) / CHECKED_RANKINGS
    if not path.is_file():
        return None
    kept = pickle.loads(path.read_bytes())  # noqa: S301 - written by this run's own runner, in its private staging folder
    if kept["raw_dir"] != str(Path(raw_dir).resolve()) or kept["data_version"] != version:
        return None
    return kept["rankings"]


def daily_model_tokens(classified: pd.DataFrame) -> pd.DataFrame:
    """The cleaned per-day, per-model table in its published column order."""
    return (
        classified[DAILY_COLUMNS]
        .sort_values(["date", "tokens", "model_permaslug"], ascending=[True, False, True])
        .reset_index(drop=True)
    )


def collector_totals(rankings: Path) -> pd.DataFrame:
    """The archive collector's own per-day sums, with the vintage they describe."""
    frames = []
    for manifest_path in find_manifests(rankings):
        for entry in load_manifest(manifest_path)["files"]:
            if entry.get("kind") == "collector_daily_totals":
                path = manifest_path.parent / entry["path"]
                totals = read_raw_table(path, COLLECTOR_TOTALS)
                frames.append(totals.assign(vintage=manifest_path.parent.name))
    if not frames:
        return pd.DataFrame(columns=[*COLLECTOR_COLUMNS, "vintage"])
    return pd.concat(frames, ignore_index=True)


def reconcile_vintages(rows: pd.DataFrame, collector: pd.DataFrame) -> pd.DataFrame:
    """Each vintage against the totals that describe it: the collector's daily sums where the
    vintage ships them (named rows, the ``other`` row and the total must match to the token);
    otherwise the vintage's own structure (one ``other`` row per day, checked when it was read).

    A later vintage that restates a day is compared with its own totals, never with totals that
    describe an earlier vintage, so a legitimate restatement never blocks a run.
    """
    records = []
    for vintage, own in rows.groupby("vintage", sort=False):
        ours = daily_totals(own).set_index("date")
        theirs = collector[collector["vintage"] == vintage].set_index("date")
        if theirs.empty:
            records.append(
                {
                    "vintage": vintage,
                    "days": len(ours),
                    "checked_against": "its own rows (one 'other' row a day)",
                    "days_matching": len(ours),
                }
            )
            continue
        common = ours.index.intersection(theirs.index)
        same = (
            (ours.loc[common, "named_tokens"] == theirs.loc[common, "top50_tokens"])
            & (ours.loc[common, "other_tokens"] == theirs.loc[common, "other_tokens"])
            & (ours.loc[common, "total_tokens"] == theirs.loc[common, "total_tokens"])
        )
        unmatched = ours.index.difference(theirs.index)
        if not same.all() or len(unmatched):
            days = ", ".join([*same.index[~same].strftime("%Y-%m-%d")[:10], *unmatched.strftime("%Y-%m-%d")[:5]])
            raise RawDataError(
                f"vintage {vintage}: per-day sums differ from the collector's daily totals (or have none) on {days}"
            )
        records.append(
            {
                "vintage": vintage,
                "days": len(ours),
                "checked_against": "the collector's daily totals",
                "days_matching": int(same.sum()),
            }
        )
    return pd.DataFrame(records)


def weekly_tables(data: CleanRankings, window: Window) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The window's weekly tokens by origin and its data-quality table (restatements included)."""
    rows = window.cut(data.classified)
    restated = window.cut(data.restated)
    return weekly_origin_tokens(rows), data_quality_by_week(rows, window, restated)
