"""OpenRouter beside the enterprise figures, period by period, and the tables the report shows.

For each enterprise figure whose period overlaps the run, OpenRouter's shares are computed over
exactly that figure's period, reading the raw data outside the run when the period extends beyond
it (and saying so), or over the part the data covers (marked partial).
"""

from __future__ import annotations

import pandas as pd

from ..dates import Window
from ..findings import band_text
from .data import (
    ADOPTION_UNIT,
    OPENROUTER_CITE,
    OPENROUTER_SOURCE_ID,
    RANK_UNIT,
    RESPONDENT_UNIT,
    SHARE_UNIT,
    VENDOR_GROUPS,
    group_observations,
    period_label,
)
from .openrouter import daily_vendor_totals, openrouter_shares

COMPARISON_COLUMNS = [
    "period",
    "period_start",
    "period_end",
    "lens",
    "vendor_group",
    "value",
    "value_low",
    "value_high",
    "unit",
    "source_id",
    "evidence",
    "vintage",
    "observation_ids",
    "vendors",
    "openrouter_period",
    "openrouter_covers",
    "read_outside_window",
]


def comparison_periods(
    grouped: pd.DataFrame, window: Window, data_first: pd.Timestamp, data_last: pd.Timestamp
) -> pd.DataFrame:
    """The enterprise periods overlapping the run, and the days OpenRouter's data can match: the whole
    period when the raw data covers it (even beyond the run), else the part it covers."""
    periods = grouped[["period_start", "period_end"]].drop_duplicates()
    periods = periods[window.overlaps(periods["period_start"], periods["period_end"])]
    start = periods["period_start"].where(periods["period_start"] >= data_first, data_first)
    end = periods["period_end"].where(periods["period_end"] <= data_last, data_last)
    periods = periods.assign(
        openrouter_start=start,
        openrouter_end=end,
        openrouter_covers=(start == periods["period_start"]) & (end == periods["period_end"]),
    )
    periods = periods.assign(read_outside_window=(start < window.start) | (end > window.end))
    return (
        periods[periods["openrouter_start"] <= periods["openrouter_end"]]
        .sort_values(["period_start", "period_end"])
        .reset_index(drop=True)
    )


def lens_comparison(
    observations: pd.DataFrame, priced: pd.DataFrame, groups: pd.DataFrame, window: Window, cache: dict | None = None
) -> pd.DataFrame:
    """The citable table: every enterprise value whose period overlaps the run, with OpenRouter's for
    the same period (``openrouter_period`` says which days it covers).

    OpenRouter's shares over a period do not depend on the run, so a caller comparing many runs can
    pass a ``cache`` (a dict, for one set of observations and priced rows) to compute each period
    and the grouped observations once.
    """
    cache = {} if cache is None else cache
    if "grouped" not in cache:
        cache["grouped"] = group_observations(observations)
    grouped = cache["grouped"]
    if "daily" not in cache:
        cache["daily"] = daily_vendor_totals(priced, groups)
    daily = cache["daily"]
    periods = comparison_periods(grouped, window, daily["date"].min(), daily["date"].max())
    if periods.empty:
        return pd.DataFrame({c: pd.Series(dtype=float if c.endswith("_pct") else object) for c in COMPARISON_COLUMNS})
    enterprise = grouped.merge(periods, on=["period_start", "period_end"]).rename(columns={"value": "value"})
    enterprise = enterprise.assign(value_low=enterprise["value"], value_high=enterprise["value"])

    def shares_over(start: pd.Timestamp, end: pd.Timestamp) -> pd.DataFrame:
        if (start, end) not in cache:
            cache[(start, end)] = openrouter_shares(daily, groups, start, end)
        return cache[(start, end)]

    openrouter = pd.concat(
        [
            shares_over(p.openrouter_start, p.openrouter_end).assign(
                period_start=p.period_start,
                period_end=p.period_end,
                openrouter_start=p.openrouter_start,
                openrouter_end=p.openrouter_end,
                openrouter_covers=p.openrouter_covers,
                read_outside_window=p.read_outside_window,
            )
            for p in periods.itertuples()
        ],
        ignore_index=True,
    )
    openrouter = openrouter.assign(
        unit=SHARE_UNIT,
        source_id=OPENROUTER_SOURCE_ID,
        evidence="primary",
        vintage=pd.NaT,
        observation_ids="",
        vendors="",
    )
    table = pd.concat([openrouter, enterprise], ignore_index=True)
    days = table["openrouter_start"].dt.strftime("%Y-%m-%d") + ".." + table["openrouter_end"].dt.strftime("%Y-%m-%d")
    table = table.assign(
        period=period_label(table["period_start"], table["period_end"]),
        openrouter_period=days,
        vendor_group=pd.Categorical(table["vendor_group"], VENDOR_GROUPS, ordered=True),
    )
    for column in ("value", "value_low", "value_high"):
        table[column] = table[column].astype(float).round(2)
    table = table.sort_values(["period_start", "period_end", "lens", "source_id", "vintage", "vendor_group"])
    return table[COMPARISON_COLUMNS].reset_index(drop=True).astype({"vendor_group": str})


def nearest_figure(observations: pd.DataFrame, window: Window) -> pd.Series:
    """The enterprise observation whose period lies closest to a run that none overlaps."""
    before = (window.start - observations["period_end"]).dt.days.clip(lower=0)
    after = (observations["period_start"] - window.end).dt.days.clip(lower=0)
    distance = before + after
    return observations.assign(distance_days=distance).sort_values(["distance_days", "observation_id"]).iloc[0]


def with_nearest_chinese_labs(
    comparison: pd.DataFrame, observations: pd.DataFrame, priced: pd.DataFrame, groups: pd.DataFrame, window: Window
) -> tuple[pd.DataFrame, str]:
    """The comparison, plus the nearest enterprise figure on Chinese labs when none overlaps the run.

    The question every reader asks of this project is about Chinese labs, so a run without such a
    figure still compares OpenRouter with the closest one, over that figure's own period (read
    from the raw data outside the run), and says so in the returned note.
    """
    chinese = comparison[
        (comparison["vendor_group"] == "Chinese labs")
        & (comparison["source_id"] != OPENROUTER_SOURCE_ID)
        & (comparison["unit"] != RANK_UNIT)
    ]
    candidates = observations[
        (observations["vendor_group"] == "Chinese labs")
        & (observations["unit"] != RANK_UNIT)
        & (observations["period_end"] >= priced["date"].min())
        & (observations["period_start"] <= priced["date"].max())
    ]
    if len(chinese) or candidates.empty:
        return comparison, ""
    near = nearest_figure(candidates, window)
    same = candidates[
        (candidates["period_start"] == near["period_start"]) & (candidates["period_end"] == near["period_end"])
    ]
    extra = lens_comparison(same, priced, groups, Window(near["period_start"], near["period_end"]))
    extra = extra[extra["vendor_group"] == "Chinese labs"].assign(read_outside_window=True)
    note = (
        f"No business figure on Chinese labs overlaps these dates; the nearest, for {extra['period'].iat[0]} "
        f"({int(near['distance_days'])} days {'after' if near['period_start'] > window.end else 'before'} them), is "
        "compared instead, with OpenRouter's shares over that period read from its rankings outside these dates."
    )
    return pd.concat([comparison, extra], ignore_index=True), note


def outside_run(observations: pd.DataFrame, window: Window) -> pd.DataFrame:
    """Enterprise observations whose period does not overlap the run."""
    keep = ~window.overlaps(observations["period_start"], observations["period_end"])
    return observations.loc[
        keep, ["observation_id", "source_id", "period_start", "period_end", "lens", "vendor", "value", "unit"]
    ]


def gaps_to_openrouter(comparison: pd.DataFrame, lenses: pd.DataFrame) -> pd.DataFrame:
    """Each enterprise share beside OpenRouter's comparable measure in the same period and group.

    The comparable measure is the lens table's ``openrouter_counterpart`` (tokens for usage and
    volume lenses, estimated spend for spend lenses); adoption and ranks have none and are left out,
    and so are measures OpenRouter published about itself (its State of AI study counts OpenRouter's
    own users; notebook 4 checks it apart).
    """
    counterpart = lenses.set_index("lens")["openrouter_counterpart"]
    own = lenses.loc[lenses["publisher"].str.startswith("OpenRouter"), "lens"]  # OpenRouter's own study is no business
    enterprise = comparison[(comparison["source_id"] != OPENROUTER_SOURCE_ID) & ~comparison["lens"].isin(own)]
    enterprise = enterprise.assign(openrouter_lens=enterprise["lens"].map(counterpart))
    enterprise = enterprise[enterprise["openrouter_lens"].fillna("") != ""]
    openrouter = comparison.loc[
        comparison["source_id"] == OPENROUTER_SOURCE_ID,
        ["period", "vendor_group", "lens", "value", "value_low", "value_high"],
    ].rename(
        columns={
            "lens": "openrouter_lens",
            "value": "openrouter_pct",
            "value_low": "openrouter_low_pct",
            "value_high": "openrouter_high_pct",
        }
    )
    merged = enterprise.merge(openrouter, on=["period", "vendor_group", "openrouter_lens"], how="left")
    merged = merged.assign(gap_points=(merged["openrouter_pct"] - merged["value"]).round(1))
    return merged[
        [
            "period",
            "vendor_group",
            "lens",
            "source_id",
            "evidence",
            "vendors",
            "value",
            "openrouter_lens",
            "openrouter_pct",
            "openrouter_low_pct",
            "openrouter_high_pct",
            "gap_points",
        ]
    ].reset_index(drop=True)


def _format_value(row) -> str:
    """A value in words: ``30% (29-34%)`` for a band, ``0.3% of businesses``, ``ranked 1``."""
    if row["unit"] == RANK_UNIT:
        return f"ranked {int(row['value'])}"
    text = band_text(row["value"], row["value_low"], row["value_high"], narrow_digits=1)
    return text + {ADOPTION_UNIT: " of businesses", RESPONDENT_UNIT: " of respondents"}.get(row["unit"], "")


def format_values(rows: pd.DataFrame) -> pd.Series:
    """Each row's value in words (see :func:`_format_value`)."""
    return pd.Series([_format_value(r) for r in rows.to_dict("records")], index=rows.index, dtype=object)


def group_table(
    comparison: pd.DataFrame, lenses: pd.DataFrame, sources: pd.DataFrame, vendor_group: str
) -> pd.DataFrame:
    """The report's small table for one vendor group: each period, each lens, its value in words,
    source, evidence level and the vendors counted."""
    rows = comparison[(comparison["vendor_group"] == vendor_group) & ~comparison["lens"].str.endswith("_two_way")]
    enterprise_periods = rows.loc[rows["source_id"] != OPENROUTER_SOURCE_ID, "period"].unique()
    rows = rows[rows["period"].isin(enterprise_periods)].merge(lenses[["lens", "label"]], on="lens")
    cite = sources.set_index("source_id")["cite_as"].to_dict() | {OPENROUTER_SOURCE_ID: OPENROUTER_CITE}
    order = rows["lens"].map({"openrouter_tokens": 0, "openrouter_spend": 1}).fillna(2)
    rows = rows.assign(_order=order).sort_values(["period_start", "_order", "lens"])
    return pd.DataFrame(
        {
            "period": rows["period"],
            "measure": rows["label"],
            "value": format_values(rows),
            "source": rows["source_id"].map(cite),
            "evidence": rows["evidence"],
            "vendors counted": rows["vendors"].replace("", "all"),
        }
    ).reset_index(drop=True)


def lab_points(comparison: pd.DataFrame, lenses: pd.DataFrame, labs: list[str]) -> pd.DataFrame:
    """Every non-OpenRouter figure on the given labs, with its lens's label (two-way figures, which
    compare two labs with each other, and ranks are left out), in the order of ``labs``."""
    points = comparison[
        (comparison["source_id"] != OPENROUTER_SOURCE_ID)
        & comparison["vendor_group"].isin(labs)
        & ~comparison["lens"].str.endswith("_two_way")
        & (comparison["unit"] != RANK_UNIT)
    ].merge(lenses, on="lens")
    order = points["vendor_group"].map({lab: i for i, lab in enumerate(labs)})
    return points.assign(_order=order).sort_values(["_order", "period_start", "lens"]).drop(columns="_order")
