"""The enterprise comparison: OpenRouter's vendor shares beside enterprise spend and adoption data.

Every lens is reduced to the same vendor groups (``data/raw/reference/vendor_groups.csv``, read
only by :func:`load_vendor_groups`) and the same periods: for each period an enterprise source
reports, OpenRouter's token and estimated-spend shares are computed over exactly that period.

Rules, each in one place below:

- A vendor group's value within one source and period is the sum of its vendors' shares (for
  share units), but the *largest* of its vendors' adoption figures (businesses can pay several
  vendors, so adoption cannot be summed; the largest member is a lower bound for the group).
- Enterprise sources list only some vendors: a group's value counts the vendors listed, and the
  comparison table names them (``vendors``), so "DeepSeek only" is never read as "all Chinese labs".
- OpenRouter token shares are of all traffic (paid, free, stealth and the long tail); spend shares
  are of estimated list-price spend (free traffic costs 0, unpriced and long-tail tokens none).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .errors import RawDataError
from .paths import relative_to_root
from .registry import ORIGIN_GROUPS, check_allowed, check_unique, read_curated_table

VENDOR_GROUPS = ["OpenAI", "Anthropic", "Google", "xAI", "Meta", "Mistral", "Chinese labs", "Other"]
VENDOR_GROUP_COLUMNS = ["key_type", "key", "vendor_group", "note"]
KEY_TYPES = ["author", "origin", "vendor"]
OBSERVATION_COLUMNS = ["observation_id", "source_id", "publisher", "title", "url", "published", "period_start",
                       "period_end", "metric", "lens", "population", "vendor", "value", "unit", "evidence", "note"]
SOURCE_COLUMNS = ["source_id", "cite_as", "publisher", "title", "url", "published", "method", "sample", "metric_counts",
                  "licence_or_terms", "note"]
LENS_COLUMNS = ["lens", "label", "what_is_counted", "who_is_counted", "is_share", "openrouter_counterpart"]
SHARE_UNIT = "percent_share"
ADOPTION_UNIT = "percent_of_businesses"
UNITS = [SHARE_UNIT, ADOPTION_UNIT]
EVIDENCE = ["primary", "secondary"]
OPENROUTER_SOURCE_ID = "openrouter_rankings"
COMPARISON_COLUMNS = ["period", "period_start", "period_end", "lens", "vendor_group", "value", "unit",
                      "source_id", "observation_ids", "vendors"]


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
        raise RawDataError(f"{relative_to_root(path)}: line(s) {_lines(missing)}: vendor(s) "
                           f"{sorted(observations.loc[missing, 'vendor'].unique())} not in vendor_groups.csv; "
                           "add them there with their group")
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


def cite_sources(sources: pd.DataFrame, source_ids) -> str:
    """The short citations of the enterprise sources behind a figure, for its footer."""
    used = sources[sources["source_id"].isin(set(source_ids))]
    return "; ".join(dict.fromkeys(used["cite_as"]))


def _check_dates(table: pd.DataFrame, columns: list[str], path: Path) -> pd.DataFrame:
    """Parse ISO date columns; a missing or malformed date is an error naming its line."""
    parsed = {}
    for column in columns:
        values = pd.to_datetime(table[column], format="%Y-%m-%d", errors="coerce")
        if values.isna().any():
            raise RawDataError(f"{relative_to_root(path)}: line(s) {_lines(values.isna())}: "
                               f"{column} must be a YYYY-MM-DD date")
        parsed[column] = values
    return table.assign(**parsed)


def load_observations(path: Path, lenses: pd.DataFrame, sources: pd.DataFrame,
                      groups: pd.DataFrame) -> pd.DataFrame:
    """Read and check the enterprise observations; adds ``vendor_group``.

    Checks the issue's schema: every row has a URL and dates, a known unit, lens and source,
    shares within 0 to 100, and a period that ends after it starts.
    """
    table = read_curated_table(path, OBSERVATION_COLUMNS)
    check_unique(table, "observation_id", path)
    no_url = ~table["url"].str.startswith(("https://", "http://"))
    if no_url.any():
        raise RawDataError(f"{relative_to_root(path)}: line(s) {_lines(no_url)}: every observation needs a URL")
    check_allowed(table, "unit", UNITS, path)
    check_allowed(table, "evidence", EVIDENCE, path)
    check_allowed(table, "lens", lenses["lens"].tolist(), path)
    check_allowed(table, "source_id", sources["source_id"].tolist(), path)
    table = _check_dates(table, ["published", "period_start", "period_end"], path)
    value = pd.to_numeric(table["value"], errors="coerce")
    bad_value = value.isna() | (value < 0) | (value > 100)
    if bad_value.any():
        raise RawDataError(f"{relative_to_root(path)}: line(s) {_lines(bad_value)}: value must be a "
                           "percentage from 0 to 100")
    backwards = table["period_end"] < table["period_start"]
    if backwards.any():
        raise RawDataError(f"{relative_to_root(path)}: line(s) {_lines(backwards)}: period_end before period_start")
    table = table.assign(value=value)
    return table.assign(vendor_group=enterprise_vendor_group(table, groups, path))


def check_share_totals(observations: pd.DataFrame) -> pd.DataFrame:
    """Sum of shares per source, lens and period: a share table above 100 is a transcription error."""
    shares = observations[observations["unit"] == SHARE_UNIT]
    totals = (shares.groupby(["source_id", "lens", "period_start", "period_end"])["value"].sum()
              .rename("total").reset_index())
    over = totals[totals["total"] > 100.0 + 1e-9]
    if not over.empty:
        raise RawDataError(f"enterprise shares sum past 100: {over.to_dict('records')}")
    return totals


def period_label(start: pd.Series, end: pd.Series) -> pd.Series:
    """A readable period: ``2026-01`` for a month, ``2026-Q1`` for a quarter, ``2025`` for a year,
    else ``start..end``."""
    label = start.dt.strftime("%Y-%m-%d") + ".." + end.dt.strftime("%Y-%m-%d")
    names = {"M": start.dt.strftime("%Y-%m"), "Q": start.dt.year.astype(str) + "-Q" + start.dt.quarter.astype(str),
             "Y": start.dt.year.astype(str)}
    for freq, name in names.items():
        period = start.dt.to_period(freq)
        whole = (start == period.dt.start_time) & (end == period.dt.end_time.dt.normalize())
        label = label.mask(whole, name)
    return label


def group_observations(observations: pd.DataFrame) -> pd.DataFrame:
    """One value per source, lens, period and vendor group (sum of shares, largest adoption)."""
    keys = ["source_id", "lens", "period_start", "period_end", "unit", "vendor_group"]
    ordered = observations.sort_values("observation_id")
    grouped = ordered.groupby(keys, sort=True).agg(
        total=("value", "sum"), largest=("value", "max"),
        observation_ids=("observation_id", " ".join), vendors=("vendor", "; ".join)).reset_index()
    value = grouped["total"].where(grouped["unit"] == SHARE_UNIT, grouped["largest"])
    return grouped.assign(value=value).drop(columns=["total", "largest"])


def _vendor_rows(priced: pd.DataFrame, groups: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp) -> pd.DataFrame:
    """Priced ranking rows from ``start`` to ``end`` with their vendor group; unpriced tokens count as no spend."""
    window = priced[(priced["date"] >= start) & (priced["date"] <= end)]
    return window.assign(vendor_group=openrouter_vendor_group(window, groups), spend=window["est_spend_usd"].fillna(0.0))


def openrouter_shares(priced: pd.DataFrame, groups: pd.DataFrame, start: pd.Timestamp,
                      end: pd.Timestamp) -> pd.DataFrame:
    """OpenRouter's token and estimated-spend share per vendor group over ``start``..``end`` (percent).

    Also Anthropic's share of Anthropic plus OpenAI, the basis of Ramp's two-way API spend figure.
    """
    rows = _vendor_rows(priced, groups, start, end)
    totals = rows.groupby("vendor_group")[["tokens", "spend"]].sum().reindex(VENDOR_GROUPS, fill_value=0)
    tokens = 100 * totals["tokens"] / totals["tokens"].sum()
    spend = 100 * totals["spend"] / totals["spend"].sum()
    pair = totals.loc[["Anthropic", "OpenAI"]]
    two_way = 100 * pair.loc["Anthropic"] / pair.sum()
    frames = [
        pd.DataFrame({"lens": "openrouter_tokens", "vendor_group": VENDOR_GROUPS, "value": tokens.to_numpy()}),
        pd.DataFrame({"lens": "openrouter_spend", "vendor_group": VENDOR_GROUPS, "value": spend.to_numpy()}),
        pd.DataFrame({"lens": ["openrouter_tokens_two_way", "openrouter_spend_two_way"],
                      "vendor_group": "Anthropic", "value": [two_way["tokens"], two_way["spend"]]}),
    ]
    return pd.concat(frames, ignore_index=True)


def periods_in_run(grouped: pd.DataFrame, run_start: pd.Timestamp, run_end: pd.Timestamp) -> pd.DataFrame:
    """The enterprise periods that lie wholly inside the run's dates (the only ones OpenRouter can match)."""
    periods = grouped[["period_start", "period_end"]].drop_duplicates()
    inside = (periods["period_start"] >= run_start) & (periods["period_end"] <= run_end)
    return periods[inside].sort_values(["period_start", "period_end"]).reset_index(drop=True)


def lens_comparison(observations: pd.DataFrame, priced: pd.DataFrame, groups: pd.DataFrame,
                    run_start: pd.Timestamp, run_end: pd.Timestamp) -> pd.DataFrame:
    """The citable table: every enterprise value inside the run, with OpenRouter's for the same period."""
    grouped = group_observations(observations)
    periods = periods_in_run(grouped, run_start, run_end)
    if periods.empty:
        return pd.DataFrame({column: pd.Series(dtype=float if column == "value" else "datetime64[ns]"
                                               if column in ("period_start", "period_end") else str)
                             for column in COMPARISON_COLUMNS})
    enterprise = grouped.merge(periods, on=["period_start", "period_end"])
    openrouter = pd.concat(
        [openrouter_shares(priced, groups, p.period_start, p.period_end).assign(
            period_start=p.period_start, period_end=p.period_end)
         for p in periods.itertuples()], ignore_index=True)
    openrouter = openrouter.assign(unit=SHARE_UNIT, source_id=OPENROUTER_SOURCE_ID, observation_ids="",
                                   vendors="", value=openrouter["value"].astype(float).round(2))
    table = pd.concat([openrouter, enterprise], ignore_index=True)
    table = table.assign(period=period_label(table["period_start"], table["period_end"]),
                         vendor_group=pd.Categorical(table["vendor_group"], VENDOR_GROUPS, ordered=True))
    table = table.sort_values(["period_start", "period_end", "lens", "source_id", "vendor_group"])
    return table[COMPARISON_COLUMNS].reset_index(drop=True).astype({"vendor_group": str})


def outside_run(observations: pd.DataFrame, run_start: pd.Timestamp, run_end: pd.Timestamp) -> pd.DataFrame:
    """Enterprise observations OpenRouter's data cannot be set against (periods outside the run)."""
    inside = (observations["period_start"] >= run_start) & (observations["period_end"] <= run_end)
    return observations.loc[~inside, ["observation_id", "source_id", "period_start", "period_end", "lens",
                                      "vendor", "value", "unit"]]


def monthly_openrouter_shares(priced: pd.DataFrame, groups: pd.DataFrame, start: pd.Timestamp,
                              end: pd.Timestamp) -> pd.DataFrame:
    """OpenRouter's token and spend share per vendor group for every complete calendar month of the run."""
    rows = _vendor_rows(priced, groups, start, end)
    rows = rows.assign(month=rows["date"].dt.to_period("M").dt.start_time)
    months = rows["month"].drop_duplicates()
    complete = months[(months >= start) & (months + pd.offsets.MonthEnd(0) <= end)]
    rows = rows[rows["month"].isin(complete)]
    totals = rows.groupby(["month", "vendor_group"])[["tokens", "spend"]].sum()
    full = pd.MultiIndex.from_product([sorted(complete), VENDOR_GROUPS], names=["month", "vendor_group"])
    totals = totals.reindex(full, fill_value=0)
    month_totals = totals.groupby(level="month").transform("sum")
    shares = (100 * totals / month_totals).rename(columns={"tokens": "openrouter_tokens", "spend": "openrouter_spend"})
    return shares.reset_index().melt(id_vars=["month", "vendor_group"], var_name="lens", value_name="value")


def chart_rows(comparison: pd.DataFrame, lenses: pd.DataFrame, vendor_group: str) -> pd.DataFrame:
    """The bars of the lens chart for one vendor group: for each period with enterprise data on the
    group, OpenRouter's token and spend shares first, then every other lens of that period."""
    rows = comparison[comparison["vendor_group"] == vendor_group].merge(lenses, on="lens")
    enterprise_periods = rows.loc[rows["source_id"] != OPENROUTER_SOURCE_ID, "period"].unique()
    openrouter_first = {"openrouter_tokens": 0, "openrouter_spend": 1}
    rows = rows[rows["period"].isin(enterprise_periods) & ~rows["lens"].str.endswith("_two_way")]
    rows = rows.assign(order=rows["lens"].map(openrouter_first).fillna(2 + (~rows["is_share"]).astype(int)),
                       label=rows["label"] + " · " + rows["period"])
    rows = rows.sort_values(["period_start", "period_end", "order", "lens"])
    return rows[["period", "lens", "label", "value", "unit", "is_share", "source_id", "vendors"]].reset_index(drop=True)


def gaps_to_openrouter(comparison: pd.DataFrame, lenses: pd.DataFrame) -> pd.DataFrame:
    """Each enterprise share beside OpenRouter's comparable measure in the same period and group.

    The comparable measure is the lens table's ``openrouter_counterpart`` (tokens for usage and
    volume lenses, estimated spend for spend lenses); adoption has none and is left out.
    """
    counterpart = lenses.set_index("lens")["openrouter_counterpart"]
    enterprise = comparison[comparison["source_id"] != OPENROUTER_SOURCE_ID]
    enterprise = enterprise.assign(openrouter_lens=enterprise["lens"].map(counterpart))
    enterprise = enterprise[enterprise["openrouter_lens"].fillna("") != ""]
    openrouter = comparison.loc[comparison["source_id"] == OPENROUTER_SOURCE_ID,
                                ["period", "vendor_group", "lens", "value"]].rename(
        columns={"lens": "openrouter_lens", "value": "openrouter_value"})
    merged = enterprise.merge(openrouter, on=["period", "vendor_group", "openrouter_lens"], how="left")
    merged = merged.assign(gap_pp=(merged["openrouter_value"] - merged["value"]).round(1),
                           ratio=(merged["openrouter_value"] / merged["value"].where(merged["value"] > 0)).round(2))
    return merged[["period", "vendor_group", "lens", "source_id", "vendors", "value", "openrouter_lens",
                   "openrouter_value", "gap_pp", "ratio"]].reset_index(drop=True)


def _describe_bars(rows: pd.DataFrame) -> str:
    """``Lens value%`` for each bar of a chart period, naming the vendors a source counted."""
    return ", ".join(
        f"{label.split(' · ')[0]} {value:.1f}%" + ("" if share else " of businesses")
        + (f" ({vendors})" if vendors and source != OPENROUTER_SOURCE_ID else "")
        for label, value, share, vendors, source in zip(rows["label"], rows["value"], rows["is_share"],
                                                         rows["vendors"].fillna(""), rows["source_id"]))


def findings(comparison: pd.DataFrame, lenses: pd.DataFrame) -> list[str]:
    """The notebook's findings as sentences, every number taken from the comparison table.

    Always at least one sentence, whatever the run's dates: a run with no enterprise period
    inside it says so rather than printing nothing.
    """
    if comparison.empty:
        return ["No enterprise figure falls inside this run's dates: nothing to compare."]
    lines = [f"Chinese labs, {period}: {_describe_bars(rows)}."
             for period, rows in chart_rows(comparison, lenses, "Chinese labs").groupby("period", sort=False)]
    labels = lenses.set_index("lens")["label"]
    gaps = gaps_to_openrouter(comparison, lenses)
    for lab in ["Anthropic", "OpenAI"]:
        lab_gaps = gaps[(gaps["vendor_group"] == lab) & (gaps["lens"] != "openrouter_spend_third_party")]
        lines += [f"{lab}, {labels[rows['openrouter_lens'].iat[0]]} minus {labels[lens]}: "
                  + ", ".join(f"{p} {g:+.1f} pp" for p, g in zip(rows["period"], rows["gap_pp"]))
                  for lens, rows in lab_gaps.groupby("lens", sort=False)]
    adoption = comparison[(comparison["lens"] == "ramp_adoption") & (comparison["vendor_group"] != "Chinese labs")]
    if len(adoption):
        rows = adoption[adoption["period_start"] == adoption["period_start"].max()]
        period = rows["period"].iat[0]
        spend = comparison[(comparison["period"] == period) & (comparison["lens"] == "openrouter_spend")]
        spend = spend.set_index("vendor_group")["value"]
        lines.append(f"Ramp adoption, {period} (latest month with Ramp figures): "
                     + ", ".join(f"{g} {v:.1f}% of businesses" for g, v in zip(rows["vendor_group"], rows["value"]))
                     + "; OpenRouter est. spend share the same month: "
                     + ", ".join(f"{g} {spend[g]:.1f}%" for g in rows["vendor_group"]) + ".")
    third = gaps[gaps["lens"] == "openrouter_spend_third_party"]
    if len(third):
        lines.append("Cross-check: this project's OpenRouter spend estimate differs from cache-register's independent "
                     f"estimate by at most {third['gap_pp'].abs().max():.1f} pp per vendor group "
                     f"({', '.join(third['period'].unique())}).")
    return lines


def lab_points(comparison: pd.DataFrame, lenses: pd.DataFrame, labs: list[str]) -> pd.DataFrame:
    """Every non-OpenRouter figure on the given labs, with its lens's label (two-way figures, which
    compare two labs with each other, are left out), in the order of ``labs``."""
    points = comparison[(comparison["source_id"] != OPENROUTER_SOURCE_ID) & comparison["vendor_group"].isin(labs)
                        & ~comparison["lens"].str.endswith("_two_way")].merge(lenses, on="lens")
    order = points["vendor_group"].map({lab: i for i, lab in enumerate(labs)})
    return points.assign(_order=order).sort_values(["_order", "period_start", "lens"]).drop(columns="_order")
