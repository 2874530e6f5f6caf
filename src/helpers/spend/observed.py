"""Prices seen in machine-collected snapshots of OpenRouter's catalogue, laid over the hand-typed table.

A hand-typed price row records what a cited page said on one day and, when open-ended, carries it
forward. A machine-collected snapshot (OpenRouter's ``/api/v1/models``, archived) says what
OpenRouter charged on the day it was taken. The rule, in one place (:func:`overlay_observations`):

- On a day a snapshot saw, the snapshot's price is the charged price. Consecutive snapshots with
  the same price make one documented range.
- A hand-typed row keeps its days outside those ranges; an open-ended one stops the day before
  the first snapshot at or after its start that shows a different price (a carried-forward price
  ends at the next observation that differs).
- After its last snapshot, a price carries forward as any price does (flagged so) until the next
  row starts.

Only the ``charged`` basis is observed this way: the catalogue shows OpenRouter's own price, not
the lab's list price.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

from ..contracts import read_raw_table
from ..contracts import spend as contracts
from ..manifest import load_manifest
from ..paths import MANIFEST_NAME
from .prices import BASE_KINDS, PRICE_COLUMNS

OBSERVED_COLUMNS = ["observed_date", "model_permaslug", "prompt_usd_per_mtok", "completion_usd_per_mtok", "source_url"]
CATALOG_KIND = "catalog_snapshot"
DAILY_KIND = "daily_prices"
ID_MAP_KIND = "daily_price_ids"
PER_MTOK = 1e6


def _catalog(path: Path, entry: dict) -> pd.DataFrame:
    """One catalogue snapshot: each standard model's price on the snapshot's day, in USD per million
    tokens, keyed by its permaslug (the catalogue's ``canonical_slug``). Variants (``:batch``,
    ``:free``), ``~`` aliases and routers (price -1) are left out."""
    table = read_raw_table(path, contracts.CATALOG_SNAPSHOT)
    keep = ~table["id"].str.contains(":") & ~table["id"].str.startswith("~")
    table = table[keep]
    prompt = table["prompt"] * PER_MTOK
    completion = table["completion"] * PER_MTOK
    usable = (prompt >= 0) & (completion >= 0)
    return pd.DataFrame(
        {
            "observed_date": pd.Timestamp(entry["observed_date"]),
            "model_permaslug": table.loc[usable, "canonical_slug"],
            "prompt_usd_per_mtok": prompt[usable].round(6),
            "completion_usd_per_mtok": completion[usable].round(6),
            "source_url": entry["source_url"],
        }
    )


def _daily(path: Path, entry: dict, ids: pd.DataFrame) -> pd.DataFrame:
    """The daily price file: each listed model id's price per day, mapped to its permaslug (an id
    missing from the id map is refused, naming its line)."""
    table = read_raw_table(path, contracts.DAILY_PRICES, {"model": ids["model"]})
    permaslug = table["model"].map(ids.set_index("model")["model_permaslug"])
    return pd.DataFrame(
        {
            "observed_date": table["date"],
            "model_permaslug": permaslug,
            "prompt_usd_per_mtok": table["prompt_usd_per_m"],
            "completion_usd_per_mtok": table["completion_usd_per_m"],
            "source_url": entry["source_url"],
        }
    )


def load_observations(folder: Path) -> pd.DataFrame:
    """Every machine-collected price observation under ``folder`` (its manifest says which file is
    which kind), one row per model and day; where two snapshots saw the same model on the same day,
    the later-listed file wins."""
    folder = Path(folder)
    manifest = load_manifest(folder / MANIFEST_NAME)
    entries = {e["path"]: e for e in manifest["files"]}
    id_maps = [p for p, e in entries.items() if e.get("kind") == ID_MAP_KIND]
    ids = pd.concat([read_raw_table(folder / p, contracts.DAILY_PRICE_IDS) for p in id_maps], ignore_index=True)
    frames = []
    for name, entry in entries.items():
        if entry.get("kind") == CATALOG_KIND:
            frames.append(_catalog(folder / name, entry))
        elif entry.get("kind") == DAILY_KIND:
            frames.append(_daily(folder / name, entry, ids))
    if not frames:
        return pd.DataFrame(columns=OBSERVED_COLUMNS)
    observed = pd.concat(frames, ignore_index=True)
    observed = observed.drop_duplicates(["observed_date", "model_permaslug"], keep="last")
    return observed.sort_values(["model_permaslug", "observed_date"]).reset_index(drop=True)[OBSERVED_COLUMNS]


def observed_ranges(observed: pd.DataFrame, changes: pd.DataFrame | None = None) -> pd.DataFrame:
    """Runs of consecutive snapshots with the same price, as documented charged price rows (from the
    run's first snapshot to its last).

    ``changes`` (``model_permaslug``, ``valid_from``) are the days the hand-typed table says a price
    changed: a run never spans one, since evidence of a change between two snapshots is evidence the
    price was not the same throughout."""
    if observed.empty:
        return pd.DataFrame(columns=PRICE_COLUMNS)
    rows = observed.sort_values(["model_permaslug", "observed_date"]).reset_index(drop=True)
    price = rows[["prompt_usd_per_mtok", "completion_usd_per_mtok"]]
    same_model = rows["model_permaslug"].eq(rows["model_permaslug"].shift())
    same_price = price.eq(price.shift()).all(axis=1)
    run = (~(same_model & same_price & ~_change_between(rows, changes))).cumsum()
    runs = rows.groupby(run).agg(
        model_permaslug=("model_permaslug", "first"),
        valid_from=("observed_date", "min"),
        valid_to=("observed_date", "max"),
        snapshots=("observed_date", "size"),
        prompt_usd_per_mtok=("prompt_usd_per_mtok", "first"),
        completion_usd_per_mtok=("completion_usd_per_mtok", "first"),
        source_url=("source_url", "last"),
    )
    return pd.DataFrame(
        {
            "model_permaslug": runs["model_permaslug"],
            "basis": "charged",
            "price_kind": "standard",
            "valid_from": runs["valid_from"],
            "valid_to": runs["valid_to"],
            "prompt_usd_per_mtok": runs["prompt_usd_per_mtok"],
            "completion_usd_per_mtok": runs["completion_usd_per_mtok"],
            "observed_date": runs["valid_from"],
            "carried_back": False,
            "source": "OpenRouter model catalogue, machine-collected snapshot",
            "source_url": runs["source_url"],
            "evidence": "primary",
            "note": "observed in "
            + runs["snapshots"].astype(str)
            + " snapshot(s) from "
            + runs["valid_from"].dt.strftime("%Y-%m-%d")
            + " to "
            + runs["valid_to"].dt.strftime("%Y-%m-%d"),
        }
    ).reset_index(drop=True)


def _change_between(rows: pd.DataFrame, changes: pd.DataFrame | None) -> pd.Series:
    """For each snapshot, whether the hand-typed table starts a price of its model after the model's
    previous snapshot and on or before this one."""
    if changes is None or changes.empty:
        return pd.Series(False, index=rows.index)
    previous = rows.groupby("model_permaslug")["observed_date"].shift()
    pairs = rows[["model_permaslug", "observed_date"]].assign(previous=previous).reset_index()
    merged = pairs.merge(changes[["model_permaslug", "valid_from"]], on="model_permaslug")
    inside = (merged["valid_from"] > merged["previous"]) & (merged["valid_from"] <= merged["observed_date"])
    hit = merged.loc[inside, "index"].unique()
    return pd.Series(rows.index.isin(hit), index=rows.index)


class _Seen(NamedTuple):
    """One model's snapshots as arrays (dates, prompt and completion prices), for per-row lookups."""

    dates: np.ndarray
    prompt: np.ndarray
    completion: np.ndarray


def _hand_row_end(row: dict, seen: _Seen) -> pd.Timestamp | None:
    """The last day an open-ended hand row may carry its price: the day before the first snapshot at
    or after its start that shows another price (None: no such snapshot)."""
    differs = (seen.dates >= row["valid_from"].to_datetime64()) & (
        (seen.prompt != row["prompt_usd_per_mtok"]) | (seen.completion != row["completion_usd_per_mtok"])
    )
    if not differs.any():
        return None
    return pd.Timestamp(seen.dates[differs].min()) - pd.Timedelta(days=1)


def _outside(
    start: pd.Timestamp, end: pd.Timestamp, ranges: list[tuple[pd.Timestamp, pd.Timestamp]]
) -> list[tuple[pd.Timestamp, pd.Timestamp]]:
    """The parts of ``start``..``end`` (``end`` NaT: open) that no range covers (``ranges``: first and
    last day, sorted by first day)."""
    pieces, cursor = [], start
    for valid_from, valid_to in ranges:
        if pd.notna(end) and valid_from > end:
            break
        if valid_to < cursor:
            continue
        if valid_from > cursor:
            pieces.append((cursor, valid_from - pd.Timedelta(days=1)))
        cursor = max(cursor, valid_to + pd.Timedelta(days=1))
    if pd.isna(end) or cursor <= end:
        pieces.append((cursor, end))
    return pieces


def overlay_observations(prices: pd.DataFrame, observed: pd.DataFrame) -> pd.DataFrame:
    """The price table with machine-collected snapshots laid over its charged base prices (see the
    module's rule); list prices and tiers are untouched. No two base rows of a model and basis
    cover the same day afterwards."""
    if observed.empty:
        return prices
    charged_base = (prices["basis"] == "charged") & prices["price_kind"].isin(BASE_KINDS)
    ranges = observed_ranges(observed, prices.loc[charged_base, ["model_permaslug", "valid_from"]])
    seen_models = set(ranges["model_permaslug"])
    touched = charged_base & prices["model_permaslug"].isin(seen_models)
    kept = [prices[~touched]]
    # plain records and arrays: this loop visits every hand-typed row of an observed model
    by_model = {
        model: _Seen(
            group["observed_date"].to_numpy(),
            group["prompt_usd_per_mtok"].to_numpy(),
            group["completion_usd_per_mtok"].to_numpy(),
        )
        for model, group in observed.groupby("model_permaslug")
    }
    range_by_model = {
        model: list(zip(group["valid_from"], group["valid_to"], strict=True))
        for model, group in ranges.sort_values("valid_from", kind="stable").groupby("model_permaslug")
    }
    pieces = []
    for row in prices[touched].to_dict("records"):
        end = row["valid_to"]
        if pd.isna(end):
            stop = _hand_row_end(row, by_model[row["model_permaslug"]])
            end = stop if stop is not None else pd.NaT
        for start, stop in _outside(row["valid_from"], end, range_by_model[row["model_permaslug"]]):
            if pd.notna(stop) and stop < start:
                continue
            carried_back = bool(pd.notna(row["observed_date"]) and start < row["observed_date"])
            pieces.append({**row, "valid_from": start, "valid_to": stop, "carried_back": carried_back})
    if pieces:
        kept.append(pd.DataFrame(pieces))
    kept.append(ranges)
    out = pd.concat(kept, ignore_index=True)
    out["carried_back"] = out["carried_back"].astype(bool)
    return out.sort_values(["model_permaslug", "basis", "valid_from"]).reset_index(drop=True)[PRICE_COLUMNS]
