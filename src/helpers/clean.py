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

from .dates import Window
from .errors import RawDataError
from .manifest import data_version, find_manifests, load_manifest
from .paths import CHECKED_RANKINGS, rankings_dir, reference_dir, relative_to_root
from .rankings import (
    DAILY_TOP_N,
    check_daily_shape,
    daily_totals,
    latest_per_day,
    load_all_vintages,
    missing_days,
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
COLLECTOR_COLUMNS = ["date", "total_tokens", "top50_tokens", "other_tokens"]


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
    kept = pickle.loads(path.read_bytes())  # written by this run's own runner, in its private staging folder
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
                totals = pd.read_csv(path, parse_dates=["date"])
                if list(totals.columns) != COLLECTOR_COLUMNS:
                    raise RawDataError(
                        f"{relative_to_root(path)}: columns {list(totals.columns)}, expected {COLLECTOR_COLUMNS}"
                    )
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


def validation_summary(data: CleanRankings, window: Window) -> pd.DataFrame:
    """The checks of step 1 in one table: what was checked and what was found, for the window."""
    rows = window.cut(data.classified)
    totals = daily_totals(rows)
    gaps = missing_days(rows, window.start, window.end)
    odd = totals[totals["model_rows"] != DAILY_TOP_N]
    restated = window.cut(data.restated)
    checks = [
        ("rows in the window", f"{len(rows):,} over {rows['date'].nunique()} days"),
        ("distinct models (permaslugs)", f"{rows['model_permaslug'].nunique()}"),
        ("missing days", ", ".join(gaps.strftime("%Y-%m-%d")) or "none"),
        ("days that look like multi-day buckets", "none (checked on every day of the raw data)"),
        (
            f"days without exactly {DAILY_TOP_N} named models",
            "; ".join(f"{d:%Y-%m-%d}: {n}" for d, n in zip(odd["date"], odd["model_rows"])) or "none",
        ),
        (
            "days restated by a later vintage",
            f"{len(restated)}"
            + (f" (largest change {restated['change_pct'].abs().max():.2f}%)" if len(restated) else ""),
        ),
        ("rows without an origin", f"{int(rows['origin'].isna().sum())}"),
    ]
    return pd.DataFrame(checks, columns=["check", "result"])


def tokens_by_group(rows: pd.DataFrame, column: str = "origin") -> pd.DataFrame:
    """Tokens (trillions) and share (percent) per value of ``column``."""
    totals = rows.groupby(column, observed=True)["tokens"].sum().sort_values(ascending=False)
    return pd.DataFrame(
        {"tokens_trillions": (totals / 1e12).round(2), "share_pct": (100 * totals / totals.sum()).round(2)}
    )


def variant_share(rows: pd.DataFrame) -> pd.DataFrame:
    """Percent of each origin group's tokens by variant (``free``, the default, ...)."""
    variant = rows["variant"].replace("", "(default)")
    table = rows.groupby(["origin", variant], observed=True)["tokens"].sum().unstack(fill_value=0)
    return (100 * table.div(table.sum(axis=1), axis=0)).round(1)


def weekly_tables(data: CleanRankings, window: Window) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The window's weekly tokens by origin and its data-quality table (restatements included)."""
    rows = window.cut(data.classified)
    restated = window.cut(data.restated)
    return weekly_origin_tokens(rows), data_quality_by_week(rows, window, restated)


def flagged_weeks(quality: pd.DataFrame) -> pd.DataFrame:
    """Weeks a reader should know about: partial, with missing or restated days, or with a day that
    did not list the usual top 50 models."""
    odd_rows = (quality["max_model_rows"] != DAILY_TOP_N) | (quality["min_model_rows"] != DAILY_TOP_N)
    flagged = quality[
        quality["partial_week"] | (quality["missing_days"] != "") | (quality["restated_days"] > 0) | odd_rows
    ]
    return flagged.round({"undisclosed_share": 3, "long_tail_share": 3})


def weekly_share_ranges(quality: pd.DataFrame) -> pd.DataFrame:
    """Smallest, median and largest weekly share (percent) of stealth models and of the long tail."""
    summary = quality[["undisclosed_share", "long_tail_share"]].describe().loc[["min", "50%", "max"]]
    return (100 * summary).round(1).rename(index={"50%": "median"})
