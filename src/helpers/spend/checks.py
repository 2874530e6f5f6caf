"""Published estimates of OpenRouter spend (``spend_checks.csv``) set beside this project's bands."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ..registry import read_curated_table
from .engine import SPEND_SCENARIO_COLUMNS
from .prices import _dates, _fail
from .shares import period_bands


def load_spend_checks(path: Path) -> pd.DataFrame:
    """Published figures of OpenRouter spend to check the estimate against (``spend_checks.csv``)."""
    checks = read_curated_table(Path(path), SPEND_CHECK_COLUMNS)
    for column in ("period_start", "period_end"):
        checks[column] = _dates(checks, column, Path(path), required=True)
    for column in ("value_low", "value_high"):
        values = pd.to_numeric(checks[column].replace("", None), errors="coerce")
        bad = (checks[column] != "") & values.isna()
        if bad.any():
            _fail(Path(path), bad, column, "must be a number or empty")
        checks[column] = values
    return checks


SPEND_CHECK_COLUMNS = [
    "check_id",
    "publisher",
    "url",
    "published",
    "period_start",
    "period_end",
    "author",
    "metric",
    "value_low",
    "value_high",
    "evidence",
    "note",
]


def compare_with_checks(
    priced: pd.DataFrame, checks: pd.DataFrame, organisations: pd.Series | None = None
) -> pd.DataFrame:
    """Each published share of OpenRouter spend beside this project's band for the same lab and
    period, and each published annual spend beside this project's estimate for that month times 12.

    ``organisations`` (author slug -> name, from the registry) names each lab for readers."""
    names = {} if organisations is None else organisations.to_dict()
    records = []
    for check in checks.itertuples():
        rows = priced[(priced["date"] >= check.period_start) & (priced["date"] <= check.period_end)]
        if rows.empty:
            continue
        if check.author:
            groups = sorted(rows["author"].unique())
            band = period_bands(priced, check.period_start, check.period_end, "author", groups).loc[check.author]
            ours = (band["spend_low_pct"], band["spend_pct"], band["spend_high_pct"])
        else:
            scenario = rows[SPEND_SCENARIO_COLUMNS].sum()
            days = (check.period_end - check.period_start).days + 1
            yearly = scenario * 365 / days
            ours = (yearly.min(), yearly["est_spend_usd"], yearly.max() + rows["unpriced_max_usd"].sum() * 365 / days)
        low, high = check.value_low, check.value_high if pd.notna(check.value_high) else np.inf
        gap = 0.0 if ours[2] >= low and ours[0] <= high else min(abs(ours[0] - high), abs(ours[2] - low))
        records.append(
            {
                "check_id": check.check_id,
                "author": check.author or "all",
                "lab": names.get(check.author, check.author) if check.author else "all",
                "metric": check.metric,
                "unit": "percent" if check.author else "usd_per_year",
                "period": f"{check.period_start:%Y-%m-%d}..{check.period_end:%Y-%m-%d}",
                "published_low": low,
                "published_high": check.value_high,
                "ours_low": ours[0],
                "ours_central": ours[1],
                "ours_high": ours[2],
                "overlaps": gap == 0.0,
                "gap": gap,
            }
        )
    return pd.DataFrame(records)
