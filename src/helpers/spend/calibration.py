"""The estimate calibrated on the bill: measured prompt shares, billed-to-list ratios and the long tail.

What the bill measures (see :mod:`.bill`) replaces what the estimate used to assume:

- **Prompt share**: each model's own, where a billed window holds it (band: the lowest and highest
  window); every other model takes its model class's pooled share, with the spread of the measured
  models of that class (10th to 90th percentile, token-weighted) as its band. A class with no
  measured model keeps the sourced assumption of ``data/raw/assumptions/prompt_share.csv``.
- **Billed-to-list ratio**: each model's own dollars billed over its tokens' catalogue value, pooled
  over the windows (band: the lowest and highest window; a model billed in one window only takes
  the typical window-to-window spread). Every other model takes the pooled ratio of its origin
  group and price class (premium: a charged prompt price of at least the threshold in
  ``billing_calibration.csv``), with the group's spread as its band.
- **Long tail**: the ``other`` row's dollars per token, as a multiple of the named models' dollars
  per token that day (measured per window; band: the lowest and highest window).

Away from the measured windows every band widens, since no earlier bill is public: by the rate at
which the models' ratios moved between the billed windows themselves (the median model's
half-range across the windows, over the days between the first and last window, per 30 days),
up to the cap stated in ``billing_calibration.csv``. The charged and list prices
stay as the band's upper edge (a ratio of 1).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd

from ..contracts import read_raw_table
from ..contracts import spend as contracts
from .bill import measured_windows, token_models, top50_share, with_origin
from .bill import windows as billed_windows

CALIBRATION_COLUMNS = contracts.BILLING_CALIBRATION.header
PARAMETERS = {name: (bounds.low, bounds.high) for name, bounds in contracts.CALIBRATION_RANGES.items()}
RATIO_ORIGINS = ("CN", "US")  # every other origin group is pooled as "other": too few billed models


def load_calibration_parameters(path: Path) -> dict[str, float]:
    """The stated parameters of the calibration (``billing_calibration.csv``), one row each, each
    within its range (:data:`helpers.contracts.spend.BILLING_CALIBRATION`)."""
    table = read_raw_table(Path(path), contracts.BILLING_CALIBRATION)
    values = table.set_index("parameter")["value"]
    return {name: float(values[name]) for name in PARAMETERS}


def _weighted_quantile(values: pd.Series, weights: pd.Series, q: float) -> float:
    order = np.argsort(values.to_numpy())
    v, w = values.to_numpy()[order], weights.to_numpy()[order]
    cumulative = np.cumsum(w) / w.sum()
    return float(v[min(np.searchsorted(cumulative, q), len(v) - 1)])


def ratio_group(origin: pd.Series) -> pd.Series:
    return origin.where(origin.isin(RATIO_ORIGINS), "other")


def price_class(prompt_usd_per_mtok: pd.Series, threshold: float) -> pd.Series:
    return pd.Series(np.where(prompt_usd_per_mtok >= threshold, "premium", "budget"), index=prompt_usd_per_mtok.index)


@dataclass(frozen=True)
class Calibration:
    """Measured prompt shares and billed-to-list ratios (per model, per class and group), the long
    tail's dollars per token, and how the bands widen away from the measured windows."""

    models: pd.DataFrame  # per model_permaslug
    ratio_groups: pd.DataFrame  # per (ratio_group, price_class)
    prompt_classes: pd.DataFrame  # per model_class
    tail: pd.DataFrame  # per window
    windows: pd.DataFrame  # window_start, window_end
    parameters: dict
    widening_per_30_days: float  # measured between the windows

    def without_ratios(self) -> Calibration:
        """The same calibration with every billed-to-list ratio at 1: measured prompt shares only."""
        return replace(self, models=self.models.assign(billed_to_list=np.nan), ratio_groups=self.ratio_groups.iloc[0:0])

    def distance_days(self, dates: pd.Series) -> pd.Series:
        """Days from each date to the nearest day of a billed window (0 inside one)."""
        distance = pd.Series(np.inf, index=dates.index)
        for w in self.windows.itertuples():
            before = (w.window_start - dates).dt.days.clip(lower=0)
            after = (dates - w.window_end).dt.days.clip(lower=0)
            distance = np.minimum(distance, before + after)
        return distance

    def widening(self, dates: pd.Series) -> pd.Series:
        """The fraction by which a band widens on each side at each date."""
        cap = self.parameters["ratio_widening_cap"]
        return (self.widening_per_30_days * self.distance_days(dates) / 30).clip(upper=cap)

    def ratios(self, rows: pd.DataFrame, prompt_price: pd.Series) -> pd.DataFrame:
        """Each paid row's billed-to-list ratio: central, low and high."""
        slug = rows["model_permaslug"].str.partition(":")[0]
        own = self.models.reindex(slug.to_numpy())
        own.index = rows.index
        group = pd.MultiIndex.from_arrays(
            [ratio_group(rows["origin"]), price_class(prompt_price, self.parameters["premium_prompt_usd_per_mtok"])]
        )
        fallback = self.ratio_groups.reindex(group)
        fallback.index = rows.index
        measured = own["billed_to_list"].notna()
        central = own["billed_to_list"].where(measured, fallback["billed_to_list"]).fillna(1.0)
        low = own["billed_to_list_low"].where(measured, fallback["billed_to_list_low"]).fillna(central)
        high = own["billed_to_list_high"].where(measured, fallback["billed_to_list_high"]).fillna(central)
        widen = self.widening(rows["date"])
        return pd.DataFrame(
            {
                "central": central,
                "low": low * (1 - widen),
                "high": np.maximum(np.minimum(high * (1 + widen), np.maximum(1.0, high)), central),
                "measured": measured,
            }
        )

    def prompt_shares(self, rows: pd.DataFrame, model_class: pd.Series, assumed: pd.DataFrame) -> pd.DataFrame:
        """Each row's prompt share (central, low, high): measured for the model, else its class's
        measured share, else the sourced assumption."""
        slug = rows["model_permaslug"].str.partition(":")[0]
        own = self.models.reindex(slug.to_numpy())
        own.index = rows.index
        cls = self.prompt_classes.reindex(model_class.to_numpy())
        cls.index = rows.index
        out = {}
        for edge, column in (("central", "prompt_share"), ("low", "prompt_share_low"), ("high", "prompt_share_high")):
            out[edge] = own[column].fillna(cls[column]).fillna(assumed[edge])
        return pd.DataFrame(out)

    def tail_ratios(self, dates: pd.Series) -> pd.DataFrame:
        """The ``other`` row's dollars per token as a multiple of the named models' (central, low, high)."""
        tail = self.tail
        central = (
            tail["tail_usd"].sum() / tail["tail_tokens"].sum() / (tail["named_usd"].sum() / tail["named_tokens"].sum())
        )
        widen = self.widening(dates)
        return pd.DataFrame(
            {
                "central": central,
                "low": tail["tail_ratio"].min() * (1 - widen),
                "high": tail["tail_ratio"].max() * (1 + widen),
            },
            index=dates.index,
        )


def window_spread(models: pd.DataFrame) -> float:
    """The median relative half-range of a model's ratio across the windows, among models priced
    in more than one (0 when none is)."""
    multi = models[models["priced_windows"] > 1]
    spread = ((multi["billed_to_list_high"] - multi["billed_to_list_low"]) / 2 / multi["billed_to_list"]).median()
    return 0.0 if pd.isna(spread) else float(spread)


def widening_rate(models: pd.DataFrame, windows: pd.DataFrame) -> float:
    """How fast ratios move, per 30 days: the window spread over the days between the first and the
    last window's start (the spread itself when all windows start on one day)."""
    days = (windows["window_start"].max() - windows["window_start"].min()).days
    return window_spread(models) * 30 / days if days else window_spread(models)


def _per_model(measured: pd.DataFrame) -> pd.DataFrame:
    """Pooled prompt share and ratio per model over its windows, with the lowest and highest window."""
    priced = measured[measured["billed_to_list"].notna()]
    grouped = measured.groupby("model_permaslug")
    out = pd.DataFrame(
        {
            "windows": grouped.size(),
            "tokens": grouped["tokens"].sum(),
            "prompt_share": grouped["prompt_tokens"].sum() / grouped["tokens"].sum(),
            "prompt_share_low": grouped["prompt_share"].min(),
            "prompt_share_high": grouped["prompt_share"].max(),
            "billed_usd": grouped["billed_usd"].sum(),
        }
    )
    by = priced.groupby("model_permaslug")
    out["catalogue_usd"] = by["catalogue_usd"].sum()
    out["billed_to_list"] = by["billed_usd"].sum() / by["catalogue_usd"].sum()
    out["billed_to_list_low"] = by["billed_to_list"].min()
    out["billed_to_list_high"] = by["billed_to_list"].max()
    out["priced_windows"] = by.size()
    out["priced_windows"] = out["priced_windows"].fillna(0).astype(int)
    # a model priced in one window only: the typical relative spread between windows
    spread = window_spread(out)
    single = out["priced_windows"] == 1
    out.loc[single, "billed_to_list_low"] = out.loc[single, "billed_to_list"] * (1 - spread)
    out.loc[single, "billed_to_list_high"] = out.loc[single, "billed_to_list"] * (1 + spread)
    return out


def _groups(models: pd.DataFrame, parameters: dict) -> pd.DataFrame:
    """Pooled ratio per origin group and price class, with the spread of its models' ratios."""
    priced = models[models["billed_to_list"].notna() & (models["catalogue_usd"] > 0)]
    q_low, q_high = parameters["spread_quantile_low"], parameters["spread_quantile_high"]
    records = []
    for (group, cls), rows in priced.groupby(["ratio_group", "price_class"]):
        ratio, weight = rows["billed_to_list"], rows["catalogue_usd"]
        records.append(
            {
                "ratio_group": group,
                "price_class": cls,
                "models": len(rows),
                "billed_usd": rows["billed_usd"].sum(),
                "catalogue_usd": weight.sum(),
                "billed_to_list": rows["billed_usd"].sum() / weight.sum(),
                "billed_to_list_low": _weighted_quantile(ratio, weight, q_low),
                "billed_to_list_high": _weighted_quantile(ratio, weight, q_high),
            }
        )
    table = pd.DataFrame(records).set_index(["ratio_group", "price_class"])
    table["billed_to_list_low"] = table[["billed_to_list_low", "billed_to_list"]].min(axis=1)
    table["billed_to_list_high"] = table[["billed_to_list_high", "billed_to_list"]].max(axis=1)
    return table


def _classes(models: pd.DataFrame, parameters: dict) -> pd.DataFrame:
    """Pooled prompt share per model class, with the token-weighted spread of its models."""
    q_low, q_high = parameters["spread_quantile_low"], parameters["spread_quantile_high"]
    records = []
    for cls, rows in models.groupby("model_class"):
        share, weight = rows["prompt_share"], rows["tokens"]
        records.append(
            {
                "model_class": cls,
                "models": len(rows),
                "prompt_share": float((share * weight).sum() / weight.sum()),
                "prompt_share_low": _weighted_quantile(share, weight, q_low),
                "prompt_share_high": _weighted_quantile(share, weight, q_high),
            }
        )
    return pd.DataFrame(records).set_index("model_class")


def tail_windows(bill: pd.DataFrame, named: pd.DataFrame) -> pd.DataFrame:
    """Per window: the bill's dollars and tokens inside the daily top 50 and outside it (the long
    tail: models outside the top 50 that day, and every ``:batch`` variant), and the tail's dollars
    per token as a multiple of the named models'."""
    tokens = top50_share(token_models(bill), named)
    inside = tokens["top50_fraction"]
    grouped = (
        tokens.assign(
            named_usd=tokens["billed_usd"] * inside,
            named_tokens=tokens["tokens"] * inside,
            tail_usd=tokens["billed_usd"] * (1 - inside),
            tail_tokens=tokens["tokens"] * (1 - inside),
        )
        .groupby(["window_start", "window_end"])[["named_usd", "named_tokens", "tail_usd", "tail_tokens"]]
        .sum()
    )
    rate = lambda usd, tok: grouped[usd] / grouped[tok]  # noqa: E731 - a two-use shorthand
    return grouped.assign(tail_ratio=rate("tail_usd", "tail_tokens") / rate("named_usd", "named_tokens")).reset_index()


def calibrate(
    bill: pd.DataFrame,
    prices: pd.DataFrame,
    named: pd.DataFrame,
    authors: pd.DataFrame,
    model_class,
    parameters: dict,
) -> Calibration:
    """Measure prompt shares, billed-to-list ratios and the long tail from the billed windows.

    ``named`` is the cleaned daily table's named rows; ``model_class`` maps permaslugs to model
    classes (:meth:`PromptShares.model_class`); ``authors`` is the registry's author table.
    """
    measured = with_origin(measured_windows(bill, prices), authors)
    models = _per_model(measured)
    first = measured.drop_duplicates("model_permaslug").set_index("model_permaslug")
    mean_prompt = measured.groupby("model_permaslug")["prompt_usd_per_mtok"].mean()
    models = models.assign(
        origin=first["origin"],
        ratio_group=ratio_group(first["origin"]),
        price_class=price_class(mean_prompt.reindex(models.index), parameters["premium_prompt_usd_per_mtok"]),
        model_class=model_class(pd.DataFrame({"model_permaslug": models.index.to_series()})).to_numpy(),
    )
    windows = billed_windows(bill)
    return Calibration(
        models=models,
        ratio_groups=_groups(models, parameters),
        prompt_classes=_classes(models, parameters),
        tail=tail_windows(bill, named),
        windows=windows,
        parameters=parameters,
        widening_per_30_days=widening_rate(models, windows),
    )
