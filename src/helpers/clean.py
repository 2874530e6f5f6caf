"""Step 1 of the pipeline: raw rankings to cleaned, classified daily and weekly tables."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .errors import RawDataError
from .manifest import find_manifests, load_manifest
from .rankings import OTHER_ROW, daily_totals
from .weekly import week_start

DAILY_COLUMNS = ["date", "model_permaslug", "author", "variant", "origin", "open_weight", "tokens",
                 "attributed_origin", "base_origin"]


def daily_model_tokens(classified: pd.DataFrame) -> pd.DataFrame:
    """The cleaned per-day, per-model table in its published column order."""
    return classified[DAILY_COLUMNS].sort_values(["date", "tokens", "model_permaslug"],
                                                 ascending=[True, False, True]).reset_index(drop=True)


def within(rows: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp) -> pd.DataFrame:
    return rows[(rows["date"] >= start) & (rows["date"] <= end)].reset_index(drop=True)


def collector_totals(rankings_dir: Path) -> pd.DataFrame:
    """The archive collector's own per-day sums, where a vintage ships them (for reconciliation)."""
    frames = []
    for manifest_path in find_manifests(rankings_dir):
        for entry in load_manifest(manifest_path)["files"]:
            if entry.get("kind") == "collector_daily_totals":
                frames.append(pd.read_csv(manifest_path.parent / entry["path"], parse_dates=["date"]))
    if not frames:
        return pd.DataFrame(columns=["date", "total_tokens", "top50_tokens", "other_tokens"])
    return pd.concat(frames, ignore_index=True).drop_duplicates("date", keep="last")


def reconcile_with_collector(rows: pd.DataFrame, collector: pd.DataFrame) -> pd.DataFrame:
    """Compare our per-day sums with the collector's; raise naming the first days that differ."""
    ours = daily_totals(rows).set_index("date")
    theirs = collector.set_index("date").reindex(ours.index).dropna()
    compared = pd.DataFrame({
        "named_ok": ours.loc[theirs.index, "named_tokens"] == theirs["top50_tokens"],
        "other_ok": ours.loc[theirs.index, "other_tokens"] == theirs["other_tokens"],
        "total_ok": ours.loc[theirs.index, "total_tokens"] == theirs["total_tokens"],
    })
    bad = compared[~compared.all(axis=1)]
    if not bad.empty:
        days = ", ".join(bad.index.strftime("%Y-%m-%d")[:10])
        raise RawDataError(f"per-day sums differ from the collector's daily totals on {days}")
    return compared.reset_index()


def tokens_by_group(classified: pd.DataFrame, column: str = "origin") -> pd.DataFrame:
    """Total tokens and share per value of ``column`` over the whole run."""
    totals = classified.groupby(column, observed=True)["tokens"].sum().sort_values(ascending=False)
    return pd.DataFrame({"tokens_T": (totals / 1e12).round(2), "share_pct": (100 * totals / totals.sum()).round(2)})


def unusual_row_counts(totals: pd.DataFrame, expected: int = 50) -> pd.DataFrame:
    """Days whose number of named-model rows is not the documented top 50."""
    odd = totals[totals["model_rows"] != expected]
    return odd[["date", "model_rows", "total_tokens"]].reset_index(drop=True)


def variant_share(classified: pd.DataFrame) -> pd.DataFrame:
    """Share of tokens by variant (``free``, default, ...) per origin group."""
    variant = classified["variant"].replace("", "(default)")
    table = classified.groupby(["origin", variant], observed=True)["tokens"].sum().unstack(fill_value=0)
    return (100 * table.div(table.sum(axis=1), axis=0)).round(1)


def weekly_long_tail_and_stealth(classified: pd.DataFrame) -> pd.DataFrame:
    """Weekly shares of the long tail and undisclosed models (both kept visible, never dropped)."""
    weeks = week_start(classified["date"])
    totals = classified.groupby(weeks)["tokens"].sum()
    long_tail = classified[classified["model_permaslug"] == OTHER_ROW].groupby(weeks)["tokens"].sum()
    stealth = classified[classified["origin"] == "UNDISCLOSED"].groupby(weeks)["tokens"].sum()
    return pd.DataFrame({"long_tail": long_tail / totals, "undisclosed": stealth / totals}).fillna(0.0)
