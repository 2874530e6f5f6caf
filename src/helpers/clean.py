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

from .dates import Window, day_label, week_label
from .errors import RawDataError
from .findings import Finding, Findings, count
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


def findings(data: CleanRankings, window: Window, weekly: pd.DataFrame, quality: pd.DataFrame) -> Findings:
    """What step 1 found, in sentences true for the window."""
    rows = window.cut(data.classified)
    gaps = missing_days(rows, window.start, window.end)
    items = [
        Finding(
            f"OpenRouter's published rankings for {window.label()} hold {len(rows):,} rows over {count(rows['date'].nunique(), 'day')}; "
            + (
                "every day's rows add up, to the token, to the totals recorded by the collector that archived them."
                if (data.reconciliation["checked_against"] == "the collector's daily totals").any()
                else "every vintage passed its own checks."
            )
            + (f" {len(gaps)} days are missing." if len(gaps) else " No day is missing."),
            key="reconciled",
        )
    ]
    restated = window.cut(data.restated)
    if len(restated):
        worst = restated.loc[restated["change_pct"].abs().idxmax()]
        days = ", ".join(day_label(d) for d in restated["date"].head(6)) + (" and more" if len(restated) > 6 else "")
        items.append(
            Finding(
                f"{count(len(restated), 'day')} in the window {'was' if len(restated) == 1 else 'were'} published again by "
                f"OpenRouter with different numbers ({days}); the latest publication is used. The largest change is "
                f"{worst['change_pct']:+.2f}% of the day's tokens ({day_label(worst['date'])}).",
                key="restated",
            )
        )
    items.append(_share_trend(weekly, window))
    shares = quality.loc[~quality["partial_week"], ["undisclosed_share", "long_tail_share"]]
    if len(shares):
        items.append(
            Finding(
                f"Models whose maker is undisclosed (stealth models) took {_percent_range(shares['undisclosed_share'])} of a "
                f"week's tokens, and the long tail (models outside each day's top 50) "
                f"{_percent_range(shares['long_tail_share'])}: neither is Chinese or American in any count here.",
                figure="01_weekly_tokens_by_origin",
                key="stealth_long_tail",
            )
        )
    return Findings("01_clean_rankings", items)


def _share_trend(weekly: pd.DataFrame, window: Window) -> Finding:
    """Chinese and US shares of all tokens in the window's first and last complete weeks (or over
    its days, when it holds no complete week)."""
    complete = weekly[weekly["days"] == 7]
    share = weekly.pivot(index="week_start", columns="origin", values="tokens")
    if complete.empty:
        totals = share.sum()
        return Finding(
            f"Over {window.label()} (no complete Monday-to-Sunday week), models from Chinese labs had "
            f"{totals['CN'] / totals.sum():.1%} of all OpenRouter tokens and models from US labs "
            f"{totals['US'] / totals.sum():.1%}.",
            figure="01_weekly_tokens_by_origin",
            key="share_trend",
        )
    first, last = complete["week_start"].min(), complete["week_start"].max()
    shares = share.div(share.sum(axis=1), axis=0)
    text = (
        f"In {week_label(first)}, models from Chinese labs had {shares.loc[first, 'CN']:.1%} of all OpenRouter tokens and "
        f"US labs {shares.loc[first, 'US']:.1%}"
    )
    if last != first:
        text += f"; in {week_label(last)}, {shares.loc[last, 'CN']:.1%} and {shares.loc[last, 'US']:.1%}"
    return Finding(text + ".", figure="01_weekly_tokens_by_origin", key="share_trend")


def _percent_range(shares: pd.Series) -> str:
    """``between 6% and 9%``, or ``6%`` when the weeks agree to the point (one week, or steady ones)."""
    low, high = f"{shares.min():.0%}", f"{shares.max():.0%}"
    return low if low == high else f"between {low} and {high}"
