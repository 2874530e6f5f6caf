"""What OpenRouter billed: four archived 7-day windows of dollars per model, and what they measure.

OpenRouter's rankings feed reports, per model and variant, the dollars billed over a trailing
7-day window with its prompt and completion tokens (``data/raw/openrouter/billed-usage/``). Four
windows of autumn 2026 were archived. They measure three things the estimate otherwise assumes:

- each model's **prompt share** (prompt tokens over all its tokens);
- each model's **billed-to-list ratio**: dollars billed over what its tokens would cost at the
  price in OpenRouter's catalogue (caching, discounts and routing to cheaper or dearer providers
  all move it);
- the dollars **outside the daily top 50** models that rankings-daily names.

Rows billed without tokens (video, speech-to-text, rerank models: about $0.2M a week) are not
token models and are left out of every comparison here.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ..contracts import read_raw_table
from ..contracts.openrouter import BILLED_USAGE
from ..manifest import load_manifest
from ..paths import MANIFEST_NAME
from .prices import lookup_basis

BILL_KIND = "billed_usage"
BILL_COLUMNS = [
    "window_start",
    "window_end",
    "model_permaslug",
    "variant",
    "prompt_tokens",
    "completion_tokens",
    "requests",
    "billed_usd",
]
RAW_NAMES = {
    "total_prompt_tokens": "prompt_tokens",
    "total_completion_tokens": "completion_tokens",
    "count": "requests",
    "total_usage": "billed_usd",
}
UNCLASSIFIED = "UNCLASSIFIED"


def load_bill(folder: Path) -> pd.DataFrame:
    """Every billed row of every archived window, with the window's first and last day."""
    folder = Path(folder)
    manifest = load_manifest(folder / MANIFEST_NAME)
    frames = []
    for entry in manifest["files"]:
        if entry.get("kind") != BILL_KIND:
            continue
        path = folder / entry["path"]
        table = read_raw_table(path, BILLED_USAGE)
        table = table.rename(columns=RAW_NAMES).assign(
            window_start=pd.Timestamp(entry["window_start"]), window_end=pd.Timestamp(entry["window_end"])
        )
        frames.append(table[BILL_COLUMNS])
    if not frames:
        return pd.DataFrame(columns=BILL_COLUMNS)
    bill = pd.concat(frames, ignore_index=True)
    return bill.assign(tokens=bill["prompt_tokens"] + bill["completion_tokens"])


def windows(bill: pd.DataFrame) -> pd.DataFrame:
    """The archived windows, first day and last day, oldest first."""
    return bill[["window_start", "window_end"]].drop_duplicates().sort_values("window_start").reset_index(drop=True)


def token_models(bill: pd.DataFrame) -> pd.DataFrame:
    """Rows of models billed by the token (a model with no tokens is billed per request or second)."""
    return bill[bill["tokens"] > 0]


def with_origin(bill: pd.DataFrame, authors: pd.DataFrame) -> pd.DataFrame:
    """Each billed row with its author and origin group from the registry; authors the registry does
    not hold (none of them in the daily top 50) are ``UNCLASSIFIED`` rather than guessed."""
    author = bill["model_permaslug"].str.partition("/")[0].str.lower().str.lstrip("~")
    origin = author.map(authors.set_index("author")["origin"]).fillna(UNCLASSIFIED)
    return bill.assign(author=author, origin=origin)


def catalogue_value(standard: pd.DataFrame, prices: pd.DataFrame) -> pd.DataFrame:
    """Each standard billed row with the charged prompt and completion price averaged over its
    window's days (the price table, snapshots laid over), and what its tokens cost at that price."""
    grid = standard[["window_start", "window_end", "model_permaslug"]].drop_duplicates()
    length = (grid["window_end"] - grid["window_start"]).dt.days + 1
    days = grid.loc[grid.index.repeat(length), ["window_start", "model_permaslug"]].reset_index(drop=True)
    offset = pd.to_timedelta(days.groupby(["window_start", "model_permaslug"]).cumcount(), unit="D")
    days.insert(0, "date", days["window_start"] + offset)  # every day of each model's window
    priced = days.join(lookup_basis(days, prices, "charged"))
    mean = priced.groupby(["window_start", "model_permaslug"])[
        ["prompt_usd_per_mtok", "completion_usd_per_mtok"]
    ].mean()
    out = standard.join(mean, on=["window_start", "model_permaslug"])
    value = (
        out["prompt_tokens"] * out["prompt_usd_per_mtok"] + out["completion_tokens"] * out["completion_usd_per_mtok"]
    ) / 1e6
    return out.assign(catalogue_usd=value)


def measured_windows(bill: pd.DataFrame, prices: pd.DataFrame) -> pd.DataFrame:
    """Per window and model (standard variant, token models): tokens, prompt share, dollars billed,
    the catalogue value of its tokens and the billed-to-list ratio (NaN where the model has no
    price or its catalogue value is 0)."""
    standard = token_models(bill)
    standard = standard[(standard["variant"] == "standard") & (standard["model_permaslug"] != "")]
    out = catalogue_value(standard, prices)
    ratio = out["billed_usd"] / out["catalogue_usd"].where(out["catalogue_usd"] > 0)
    return out.assign(prompt_share=out["prompt_tokens"] / out["tokens"], billed_to_list=ratio).reset_index(drop=True)


def top50_share(bill: pd.DataFrame, named: pd.DataFrame) -> pd.DataFrame:
    """Per window and billed row, the part of its dollars that belongs to the daily top 50: its
    tokens in rankings-daily's named rows over its billed tokens (a model outside the top 50 on
    some days has the rest of its tokens in the ``other`` row), at most 1.

    ``named`` is the cleaned daily table's named rows (``date``, ``model_permaslug``, ``tokens``).
    Rankings-daily counts each variant as a model of its own, so billed rows are matched by their
    variant's permaslug: a model's standard row matches its named row exactly (to the token in the
    windows archived), while ``:batch`` variants are never in the top 50 and sit in ``other``.
    """
    slug = bill["model_permaslug"].where(bill["variant"] == "standard", bill["model_permaslug"] + ":" + bill["variant"])
    out = []
    for (start, end), rows in bill.assign(slug=slug).groupby(["window_start", "window_end"]):
        ranked = named[(named["date"] >= start) & (named["date"] <= end)].groupby("model_permaslug")["tokens"].sum()
        billed = rows.groupby("slug")["tokens"].sum()
        fraction = (ranked.reindex(billed.index).fillna(0) / billed.where(billed > 0)).clip(upper=1).fillna(0)
        out.append(rows.assign(top50_fraction=rows["slug"].map(fraction).to_numpy()))
    return pd.concat(out).drop(columns="slug") if out else bill.assign(top50_fraction=np.nan)
