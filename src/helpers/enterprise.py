"""The enterprise comparison: OpenRouter's vendor shares beside enterprise spend and adoption data.

Every lens is reduced to the same vendor groups (``data/raw/reference/vendor_groups.csv``, read
only by :func:`load_vendor_groups`) and the same periods: for each enterprise figure whose period
overlaps the run, OpenRouter's token and estimated-spend shares are computed over exactly that
figure's period, reading the raw data outside the run when the period extends beyond it (and
saying so), or over the part the data covers (marked partial).

Rules, each in one place below:

- A vendor group's value within one source and period is the sum of its vendors' shares (for
  share units), but the *largest* of its vendors' adoption figures (businesses can pay several
  vendors, so adoption cannot be summed; the largest member is a lower bound for the group).
- Enterprise sources list only some vendors: a group's value counts the vendors listed, and the
  comparison table names them (``vendors``), so "DeepSeek only" is never read as "all Chinese labs".
- OpenRouter token shares are of all traffic (paid, free, stealth and the long tail); spend shares
  are of estimated spend, central at the prices OpenRouter charged, with the band of notebook 3.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pandas as pd

from .dates import Window, period_name, period_phrase
from .errors import RawDataError
from .findings import Finding, Findings, band_text, capitalised, join_names
from .paths import relative_to_root
from .registry import ORIGIN_GROUPS, check_allowed, check_unique, read_curated_table

VENDOR_GROUPS = ["OpenAI", "Anthropic", "Google", "xAI", "Meta", "Mistral", "Chinese labs", "Other"]
VENDOR_GROUP_COLUMNS = ["key_type", "key", "vendor_group", "note"]
KEY_TYPES = ["author", "origin", "vendor"]
OBSERVATION_COLUMNS = [
    "observation_id",
    "source_id",
    "publisher",
    "title",
    "url",
    "published",
    "vintage",
    "period_start",
    "period_end",
    "period_kind",
    "metric",
    "lens",
    "population",
    "vendor",
    "value",
    "unit",
    "evidence",
    "relay_url",
    "primary_status",
    "note",
]
SOURCE_COLUMNS = [
    "source_id",
    "cite_as",
    "publisher",
    "title",
    "url",
    "published",
    "method",
    "sample",
    "metric_counts",
    "licence_or_terms",
    "note",
]
LENS_COLUMNS = ["lens", "label", "what_is_counted", "who_is_counted", "is_share", "openrouter_counterpart"]
SHARE_UNIT = "percent_share"
ADOPTION_UNIT = "percent_of_businesses"
RESPONDENT_UNIT = "percent_of_respondents"
RANK_UNIT = "rank_among_labs"
UNITS = [SHARE_UNIT, ADOPTION_UNIT, RESPONDENT_UNIT, RANK_UNIT]
SUMMABLE_UNITS = [SHARE_UNIT, RESPONDENT_UNIT]
EVIDENCE = ["primary", "secondary"]
PERIOD_KINDS = ["period", "point"]
OPENROUTER_SOURCE_ID = "openrouter_rankings"
OPENROUTER_CITE = "OpenRouter rankings (this project)"
OPENROUTER_LENSES = ["openrouter_tokens", "openrouter_spend", "openrouter_tokens_two_way", "openrouter_spend_two_way"]
COMPARISON_COLUMNS = [
    "period",
    "period_start",
    "period_end",
    "lens",
    "vendor_group",
    "value_pct",
    "low_pct",
    "high_pct",
    "unit",
    "source_id",
    "evidence",
    "vintage",
    "observation_ids",
    "vendors",
    "openrouter_days",
    "openrouter_covers",
    "read_outside_run",
]


def _lines(mask: pd.Series) -> list[int]:
    """CSV line numbers (header is line 1) of the rows flagged in ``mask``, for error messages."""
    return (mask[mask].index + 2).tolist()[:5]


def load_vendor_groups(path: Path) -> pd.DataFrame:
    """The one table that maps OpenRouter authors, origin groups and enterprise vendor names to groups."""
    table = read_curated_table(path, VENDOR_GROUP_COLUMNS)
    check_allowed(table, "key_type", KEY_TYPES, path)
    check_allowed(table, "vendor_group", VENDOR_GROUPS, path)
    check_allowed(table[table["key_type"] == "origin"], "key", ORIGIN_GROUPS, path)
    check_unique(table.assign(unique_key=table["key_type"] + ":" + table["key"]), "unique_key", path)
    return table


def _mapping(groups: pd.DataFrame, key_type: str) -> pd.Series:
    keyed = groups[groups["key_type"] == key_type]
    return keyed.set_index("key")["vendor_group"]


def openrouter_vendor_group(classified: pd.DataFrame, groups: pd.DataFrame) -> pd.Series:
    """Vendor group of each classified ranking row: by author, else by origin, else Other.

    Chinese labs are defined by the origin registry (one place for who is Chinese), the named
    Western labs by author slug; stealth, the long tail and every other lab fall into Other.
    """
    by_author = classified["author"].map(_mapping(groups, "author"))
    by_origin = classified["origin"].map(_mapping(groups, "origin"))
    return by_author.fillna(by_origin).fillna("Other")


def enterprise_vendor_group(observations: pd.DataFrame, groups: pd.DataFrame, path: Path) -> pd.Series:
    """Vendor group of each enterprise observation; a vendor name missing from the table is an error."""
    group = observations["vendor"].map(_mapping(groups, "vendor"))
    missing = group.isna()
    if missing.any():
        raise RawDataError(
            f"{relative_to_root(path)}: line(s) {_lines(missing)}, column vendor: "
            f"{sorted(observations.loc[missing, 'vendor'].unique())} not in vendor_groups.csv; "
            "add them there with their group"
        )
    return group


def load_lenses(path: Path) -> pd.DataFrame:
    """The lens table: what each measure counts and whom, and whether it is a share."""
    table = read_curated_table(path, LENS_COLUMNS)
    check_unique(table, "lens", path)
    check_allowed(table, "is_share", ["true", "false"], path)
    return table.assign(is_share=table["is_share"] == "true")


def load_sources(path: Path) -> pd.DataFrame:
    """The enterprise sources table (method, sample, what the metric counts, terms)."""
    table = read_curated_table(path, SOURCE_COLUMNS)
    check_unique(table, "source_id", path)
    return table


def source_summary(observations: pd.DataFrame) -> pd.DataFrame:
    """One row per source: how many figures, their evidence levels, and the periods they cover."""
    return observations.groupby("source_id").agg(
        rows=("observation_id", "size"),
        evidence=("evidence", lambda e: "/".join(sorted(set(e)))),
        first_period=("period_start", "min"),
        last_period=("period_end", "max"),
    )


def _check_dates(table: pd.DataFrame, columns: list[str], path: Path) -> pd.DataFrame:
    """Parse ISO date columns; a missing or malformed date is an error naming its line and column."""
    parsed = {}
    for column in columns:
        values = pd.to_datetime(table[column], format="%Y-%m-%d", errors="coerce")
        if values.isna().any():
            raise RawDataError(
                f"{relative_to_root(path)}: line(s) {_lines(values.isna())}, column {column}: must be a YYYY-MM-DD date"
            )
        parsed[column] = values
    return table.assign(**parsed)


def load_observations(path: Path, lenses: pd.DataFrame, sources: pd.DataFrame, groups: pd.DataFrame) -> pd.DataFrame:
    """Read and check the enterprise observations; adds ``vendor_group``.

    Every row needs a URL, dates, a known unit, lens, source and evidence level, a numeric value
    (percentages from 0 to 100, ranks from 1), a period that ends after it starts, and a word on
    its primary source (read on the publisher's page, or why not).
    """
    table = read_curated_table(path, OBSERVATION_COLUMNS)
    check_unique(table, "observation_id", path)
    no_url = ~table["url"].str.match(r"https?://\S+$")
    if no_url.any():
        raise RawDataError(
            f"{relative_to_root(path)}: line(s) {_lines(no_url)}, column url: every observation needs a URL"
        )
    no_status = table["primary_status"].str.strip() == ""
    if no_status.any():
        raise RawDataError(
            f"{relative_to_root(path)}: line(s) {_lines(no_status)}, column primary_status: say where the "
            "publisher's own page is, or why none was found"
        )
    for column, allowed in (
        ("unit", UNITS),
        ("evidence", EVIDENCE),
        ("lens", lenses["lens"].tolist()),
        ("source_id", sources["source_id"].tolist()),
        ("period_kind", PERIOD_KINDS),
    ):
        check_allowed(table, column, allowed, path)
    table = _check_dates(table, ["published", "vintage", "period_start", "period_end"], path)
    value = pd.to_numeric(table["value"], errors="coerce")
    percent = table["unit"] != RANK_UNIT
    bad_value = value.isna() | (percent & ((value < 0) | (value > 100))) | (~percent & (value < 1))
    if bad_value.any():
        raise RawDataError(
            f"{relative_to_root(path)}: line(s) {_lines(bad_value)}, column value: must be a number "
            "(a percentage from 0 to 100, written without %; a rank from 1)"
        )
    backwards = table["period_end"] < table["period_start"]
    if backwards.any():
        raise RawDataError(
            f"{relative_to_root(path)}: line(s) {_lines(backwards)}, column period_end: before period_start"
        )
    table = table.assign(value=value)
    return table.assign(vendor_group=enterprise_vendor_group(table, groups, path))


def check_share_totals(observations: pd.DataFrame) -> pd.DataFrame:
    """Sum of shares per source, lens, period and vintage: a share table above 100 is a transcription error."""
    shares = observations[observations["unit"].isin(SUMMABLE_UNITS)]
    totals = (
        shares.groupby(["source_id", "lens", "period_start", "period_end", "vintage"])["value"]
        .sum()
        .rename("total")
        .reset_index()
    )
    over = totals[totals["total"] > 100.0 + 1e-9]
    if not over.empty:
        raise RawDataError(f"enterprise shares sum past 100: {over.to_dict('records')}")
    return totals


def period_label(start: pd.Series, end: pd.Series) -> pd.Series:
    """A period as readers name it (``April 2026``, ``Q2 2026``, ``2025``), else its span in words."""
    return pd.Series([period_name(s, e) for s, e in zip(start, end)], index=start.index, dtype=object)


def group_observations(observations: pd.DataFrame) -> pd.DataFrame:
    """One value per source, lens, period, vintage and vendor group (sum of shares, largest adoption)."""
    keys = ["source_id", "lens", "period_start", "period_end", "vintage", "unit", "evidence", "vendor_group"]
    ordered = observations.sort_values("observation_id")
    grouped = (
        ordered.groupby(keys, sort=True)
        .agg(
            total=("value", "sum"),
            largest=("value", "max"),
            smallest=("value", "min"),
            observation_ids=("observation_id", " ".join),
            vendors=("vendor", "; ".join),
        )
        .reset_index()
    )
    value = grouped["total"].where(
        grouped["unit"].isin(SUMMABLE_UNITS),
        grouped["smallest"].where(grouped["unit"] == RANK_UNIT, grouped["largest"]),
    )
    return grouped.assign(value=value).drop(columns=["total", "largest", "smallest"])


# --------------------------------------------------------------------------- OpenRouter over a period


def daily_vendor_totals(priced: pd.DataFrame, groups: pd.DataFrame) -> pd.DataFrame:
    """Each day's tokens, spend in every scenario and unpriced ceiling per vendor group.

    Every OpenRouter share compared here is a sum over the days of a period, and a run compares
    dozens of periods: summing the ranking rows once per day and group turns each period into a
    sum of a few hundred rows instead of another pass over every row. A day and group whose rows
    are all unpriced stays NaN (``min_count``), as a period summed from the rows would.
    """
    from .spend import SPEND_SCENARIO_COLUMNS

    columns = ["tokens", *SPEND_SCENARIO_COLUMNS, "unpriced_max_usd"]
    rows = priced[["date", *columns]].assign(vendor_group=openrouter_vendor_group(priced, groups))
    return rows.groupby(["date", "vendor_group"], as_index=False)[columns].sum(min_count=1)


def _vendor_rows(priced: pd.DataFrame, groups: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp) -> pd.DataFrame:
    """Rows from ``start`` to ``end`` with their vendor group: priced ranking rows, or the day totals
    of :func:`daily_vendor_totals` (which carry it already)."""
    window = priced[(priced["date"] >= start) & (priced["date"] <= end)]
    if "vendor_group" in window.columns:
        return window
    return window.assign(vendor_group=openrouter_vendor_group(window, groups))


def openrouter_shares(
    priced: pd.DataFrame, groups: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp
) -> pd.DataFrame:
    """OpenRouter's token and estimated-spend share per vendor group over ``start``..``end`` (percent),
    spend with its band; also Anthropic's share of Anthropic plus OpenAI (Ramp's two-way basis)."""
    from .spend import share_bands

    rows = _vendor_rows(priced, groups, start, end).assign(period=start)
    tokens = rows.groupby("vendor_group")["tokens"].sum().reindex(VENDOR_GROUPS, fill_value=0)
    token_pct = 100 * tokens / tokens.sum()
    bands = 100 * share_bands(rows, "period", "vendor_group", VENDOR_GROUPS).droplevel("period")
    spend = rows.groupby("vendor_group")["est_spend_usd"].sum().reindex(VENDOR_GROUPS, fill_value=0)
    pair = pd.DataFrame({"tokens": tokens, "spend": spend}).loc[["Anthropic", "OpenAI"]]
    two_way = 100 * pair.loc["Anthropic"] / pair.sum()
    frames = [
        pd.DataFrame(
            {
                "lens": "openrouter_tokens",
                "vendor_group": VENDOR_GROUPS,
                "value_pct": token_pct.to_numpy(),
                "low_pct": token_pct.to_numpy(),
                "high_pct": token_pct.to_numpy(),
            }
        ),
        pd.DataFrame(
            {
                "lens": "openrouter_spend",
                "vendor_group": VENDOR_GROUPS,
                "value_pct": bands["share"].to_numpy(),
                "low_pct": bands["share_low"].to_numpy(),
                "high_pct": bands["share_high"].to_numpy(),
            }
        ),
        pd.DataFrame(
            {
                "lens": ["openrouter_tokens_two_way", "openrouter_spend_two_way"],
                "vendor_group": "Anthropic",
                "value_pct": [two_way["tokens"], two_way["spend"]],
                "low_pct": [two_way["tokens"], two_way["spend"]],
                "high_pct": [two_way["tokens"], two_way["spend"]],
            }
        ),
    ]
    return pd.concat(frames, ignore_index=True)


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
    periods = periods.assign(read_outside_run=(start < window.start) | (end > window.end))
    return (
        periods[periods["openrouter_start"] <= periods["openrouter_end"]]
        .sort_values(["period_start", "period_end"])
        .reset_index(drop=True)
    )


def lens_comparison(
    observations: pd.DataFrame, priced: pd.DataFrame, groups: pd.DataFrame, window: Window, cache: dict | None = None
) -> pd.DataFrame:
    """The citable table: every enterprise value whose period overlaps the run, with OpenRouter's for
    the same period (``openrouter_days`` says which days it covers).

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
    enterprise = grouped.merge(periods, on=["period_start", "period_end"]).rename(columns={"value": "value_pct"})
    enterprise = enterprise.assign(low_pct=enterprise["value_pct"], high_pct=enterprise["value_pct"])

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
                read_outside_run=p.read_outside_run,
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
        openrouter_days=days,
        vendor_group=pd.Categorical(table["vendor_group"], VENDOR_GROUPS, ordered=True),
    )
    for column in ("value_pct", "low_pct", "high_pct"):
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
    extra = extra[extra["vendor_group"] == "Chinese labs"].assign(read_outside_run=True)
    note = (
        f"No enterprise figure on Chinese labs overlaps this run; the nearest, for {extra['period'].iat[0]} "
        f"({int(near['distance_days'])} days {'after' if near['period_start'] > window.end else 'before'} it), is compared "
        "instead, with OpenRouter's shares over that period read from the raw data outside the run."
    )
    return pd.concat([comparison, extra], ignore_index=True), note


def outside_run(observations: pd.DataFrame, window: Window) -> pd.DataFrame:
    """Enterprise observations whose period does not overlap the run."""
    keep = ~window.overlaps(observations["period_start"], observations["period_end"])
    return observations.loc[
        keep, ["observation_id", "source_id", "period_start", "period_end", "lens", "vendor", "value", "unit"]
    ]


def monthly_openrouter_shares(priced: pd.DataFrame, groups: pd.DataFrame, window: Window) -> pd.DataFrame:
    """OpenRouter's token and spend share (percent, spend with its band) per vendor group for every
    complete calendar month of the run."""
    from .spend import share_bands

    rows = _vendor_rows(daily_vendor_totals(priced, groups), groups, window.start, window.end)
    rows = rows.assign(month=rows["date"].dt.to_period("M").dt.start_time)
    months = pd.Series(rows["month"].unique())
    complete = months[(months >= window.start) & (months + pd.offsets.MonthEnd(0) <= window.end)]
    rows = rows[rows["month"].isin(complete)]
    if rows.empty:
        return pd.DataFrame(columns=["month", "vendor_group", "lens", "value_pct", "low_pct", "high_pct"])
    tokens = (
        rows.groupby(["month", "vendor_group"])["tokens"]
        .sum()
        .unstack(fill_value=0)
        .reindex(columns=VENDOR_GROUPS, fill_value=0)
    )
    token_pct = (100 * tokens.div(tokens.sum(axis=1), axis=0)).stack().rename("value_pct")
    bands = 100 * share_bands(rows, "month", "vendor_group", VENDOR_GROUPS)
    token_rows = token_pct.reset_index().assign(
        lens="openrouter_tokens", low_pct=lambda t: t["value_pct"], high_pct=lambda t: t["value_pct"]
    )
    spend_rows = (
        bands.rename(columns={"share": "value_pct", "share_low": "low_pct", "share_high": "high_pct"})
        .reset_index()
        .assign(lens="openrouter_spend")
    )
    columns = ["month", "vendor_group", "lens", "value_pct", "low_pct", "high_pct"]
    out = pd.concat([token_rows[columns], spend_rows[columns]], ignore_index=True)
    out[["value_pct", "low_pct", "high_pct"]] = out[["value_pct", "low_pct", "high_pct"]].round(3)
    return out.sort_values(["month", "lens", "vendor_group"]).reset_index(drop=True)


# --------------------------------------------------------------------------- tables and findings


def gaps_to_openrouter(comparison: pd.DataFrame, lenses: pd.DataFrame) -> pd.DataFrame:
    """Each enterprise share beside OpenRouter's comparable measure in the same period and group.

    The comparable measure is the lens table's ``openrouter_counterpart`` (tokens for usage and
    volume lenses, estimated spend for spend lenses); adoption and ranks have none and are left out.
    """
    counterpart = lenses.set_index("lens")["openrouter_counterpart"]
    enterprise = comparison[comparison["source_id"] != OPENROUTER_SOURCE_ID]
    enterprise = enterprise.assign(openrouter_lens=enterprise["lens"].map(counterpart))
    enterprise = enterprise[enterprise["openrouter_lens"].fillna("") != ""]
    openrouter = comparison.loc[
        comparison["source_id"] == OPENROUTER_SOURCE_ID,
        ["period", "vendor_group", "lens", "value_pct", "low_pct", "high_pct"],
    ].rename(
        columns={
            "lens": "openrouter_lens",
            "value_pct": "openrouter_pct",
            "low_pct": "openrouter_low_pct",
            "high_pct": "openrouter_high_pct",
        }
    )
    merged = enterprise.merge(openrouter, on=["period", "vendor_group", "openrouter_lens"], how="left")
    merged = merged.assign(gap_points=(merged["openrouter_pct"] - merged["value_pct"]).round(1))
    return merged[
        [
            "period",
            "vendor_group",
            "lens",
            "source_id",
            "evidence",
            "vendors",
            "value_pct",
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
        return f"ranked {int(row['value_pct'])}"
    text = band_text(row["value_pct"], row["low_pct"], row["high_pct"], narrow_digits=1)
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


def findings(
    comparison: pd.DataFrame,
    lenses: pd.DataFrame,
    sources: pd.DataFrame,
    observations: pd.DataFrame,
    window: Window,
    chinese: tuple[pd.DataFrame, str] | None = None,
) -> Findings:
    """What the comparison found, for named periods overlapping the run; never empty.

    ``chinese`` is :func:`with_nearest_chinese_labs`'s result, when the notebook computed it."""
    chinese_rows, chinese_note = chinese if chinese is not None else (comparison, "")
    tables = {
        f"{group} under each measure": group_table(
            chinese_rows if group == "Chinese labs" else comparison, lenses, sources, group
        ).to_dict("records")
        for group in ("Chinese labs", "Anthropic", "OpenAI")
        if not chinese_rows.empty
    }
    tables = {k: v for k, v in tables.items() if v}
    if comparison.empty and not chinese_note:
        near = nearest_figure(observations, window)
        when = "after" if near["period_start"] > window.end else "before"
        text = (
            f"No enterprise figure's period overlaps this run. The nearest is {near['publisher']}'s "
            f"{lenses.set_index('lens').loc[near['lens'], 'label']} for {period_name(near['period_start'], near['period_end'])} "
            f"({near['vendor']}: {near['value']:g}{'%' if near['unit'] != RANK_UNIT else ''}), "
            f"{int(near['distance_days'])} days {when} it; run notebook 4 over that period to compare."
        )
        return Findings("04_enterprise_comparison", [Finding(text, key="nearest")], tables)
    items = [Finding(chinese_note, figure="04_chinese_labs_by_lens", key="chinese_nearest")] if chinese_note else []
    lead = _chinese_labs(chinese_rows, lenses, sources)
    if chinese_note and lead is not None:
        lead = dataclasses.replace(
            lead, text=lead.text + " (That period lies outside this run: it is the nearest with such figures.)"
        )
    what = _what_vs_who(chinese_rows)
    if chinese_note and what is not None:
        what = dataclasses.replace(what, text=what.text.removesuffix(".") + " (the same period, outside this run).")
    items += [lead, *_lab_spend(comparison, lenses, sources), what]
    outside = comparison.loc[comparison["read_outside_run"], "period"].unique()
    if len(outside):
        items.append(
            Finding(
                f"For {_names('; '.join(outside))}, which extend{'s' if len(outside) == 1 else ''} beyond the run, OpenRouter's shares were computed "
                "over the whole period from the raw data outside the run.",
                key="read_outside",
            )
        )
    partial = comparison.loc[~comparison["openrouter_covers"].astype(bool), "period"].unique()
    if len(partial):
        items.append(
            Finding(
                f"OpenRouter's data covers only part of {', '.join(partial)}; its shares there are for the "
                "days it covers.",
                key="partial",
            )
        )
    return Findings("04_enterprise_comparison", [i for i in items if i is not None], tables)


def _value(comparison: pd.DataFrame, period: str, lens: str, group: str) -> pd.Series | None:
    rows = comparison[
        (comparison["period"] == period) & (comparison["lens"] == lens) & (comparison["vendor_group"] == group)
    ]
    return rows.iloc[0] if len(rows) else None


def _chinese_labs(comparison: pd.DataFrame, lenses: pd.DataFrame, sources: pd.DataFrame) -> Finding | None:
    enterprise = comparison[
        (comparison["vendor_group"] == "Chinese labs") & (comparison["source_id"] != OPENROUTER_SOURCE_ID)
    ]
    if enterprise.empty:
        return Finding("No enterprise source in this run's dates reports on Chinese labs.", key="chinese_labs")
    period = enterprise.sort_values("period_end")["period"].iat[-1]
    tokens = _value(comparison, period, "openrouter_tokens", "Chinese labs")
    spend = _value(comparison, period, "openrouter_spend", "Chinese labs")
    others = enterprise[enterprise["period"] == period]
    label = lenses.set_index("lens")["label"]
    cite = sources.set_index("source_id")["cite_as"]
    parts = [
        f"{_format_value(r)} in {label[r['lens']]} (counting {_names(r['vendors'])})" for _, r in others.iterrows()
    ]
    cited = others.drop_duplicates("source_id")
    credits = "; ".join(f"{cite[r['source_id']]}, {r['evidence']} evidence" for _, r in cited.iterrows())
    return Finding(
        f"OpenRouter does not mirror what businesses buy: in {period}, Chinese labs had {_format_value(tokens)} of "
        f"its tokens and {_format_value(spend)} of its estimated spend, against "
        + _names("; ".join(parts))
        + f"; source: {credits}.",
        figure="04_chinese_labs_by_lens",
        key="chinese_labs",
        verdict=True,
    )


def _names(joined: str) -> str:
    """``"a; b; c"`` as ``"a, b and c"`` (vendor lists are stored semicolon-separated)."""
    return join_names([n.strip() for n in joined.split(";") if n.strip()] or ["every vendor"])


def _lab_spend(comparison: pd.DataFrame, lenses: pd.DataFrame, sources: pd.DataFrame) -> list[Finding]:
    """The latest period in which a spend lens reports Anthropic and OpenAI, beside OpenRouter's spend."""
    spend_lenses = lenses.loc[lenses["openrouter_counterpart"] == "openrouter_spend", "lens"]
    rows = comparison[comparison["lens"].isin(spend_lenses) & comparison["vendor_group"].isin(["Anthropic", "OpenAI"])]
    if rows.empty:
        return []
    latest = rows.sort_values(["period_end", "period_start"]).iloc[-1]
    period, lens = latest["period"], latest["lens"]
    label = lenses.set_index("lens").loc[lens, "label"]
    cite = sources.set_index("source_id").loc[latest["source_id"], "cite_as"]
    parts = []
    for lab in ("Anthropic", "OpenAI"):
        ours, theirs = _value(comparison, period, "openrouter_spend", lab), _value(comparison, period, lens, lab)
        if ours is not None and theirs is not None:
            parts.append(
                f"{lab} had {_format_value(ours)} of estimated spend on OpenRouter against {_format_value(theirs)} in {label}"
            )
    if not parts:
        return []
    beyond = " (That period extends beyond this run; OpenRouter's shares are for all of it.)"
    return [
        Finding(
            f"{capitalised(period_phrase(latest['period_start'], latest['period_end']))}, "
            + "; ".join(parts)
            + f" (source: {cite})."
            + (beyond if latest["read_outside_run"] else ""),
            figure="04_anthropic_openai_by_lens",
            key="lab_spend",
            verdict=True,
        )
    ]


def _what_vs_who(comparison: pd.DataFrame) -> Finding | None:
    """How much of the distance comes from what is counted: tokens to dollars on OpenRouter alone."""
    periods = comparison.loc[comparison["vendor_group"] == "Chinese labs", "period"].unique()
    for period in reversed(list(periods)):
        tokens = _value(comparison, period, "openrouter_tokens", "Chinese labs")
        spend = _value(comparison, period, "openrouter_spend", "Chinese labs")
        if tokens is not None and spend is not None and tokens["value_pct"] > 0:
            return Finding(
                f"What is counted matters before who is counted: on OpenRouter alone, going from tokens to "
                f"estimated dollars takes the Chinese labs' share in {period} from {tokens['value_pct']:.0f}% to "
                f"{_format_value(spend)}.",
                figure="04_chinese_labs_by_lens",
                key="what_vs_who",
            )
    return None


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
