"""The enterprise data: sources, lenses, observations and vendor groups, checked and grouped.

Rules, each in one place below:

- A vendor group's value within one source and period is the sum of its vendors' shares (for
  share units), but the *largest* of its vendors' adoption figures (businesses can pay several
  vendors, so adoption cannot be summed; the largest member is a lower bound for the group).
- Enterprise sources list only some vendors: a group's value counts the vendors listed, and the
  comparison table names them (``vendors``), so "DeepSeek only" is never read as "all Chinese labs".
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..dates import period_name
from ..errors import RawDataError
from ..paths import relative_to_root
from ..registry import ORIGIN_GROUPS, check_allowed, check_unique, read_curated_table

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
    "relayed_by",
]


LENS_COLUMNS = [
    "lens",
    "label",
    "what_is_counted",
    "who_is_counted",
    "is_share",
    "openrouter_counterpart",
    "publisher",
]


SHARE_UNIT = "percent_share"


ADOPTION_UNIT = "percent_of_businesses"


RESPONDENT_UNIT = "percent_of_respondents"


RANK_UNIT = "rank_among_labs"


UNITS = [SHARE_UNIT, ADOPTION_UNIT, RESPONDENT_UNIT, RANK_UNIT]


SUMMABLE_UNITS = [SHARE_UNIT, RESPONDENT_UNIT]

UNIT_WORDS = {  # each unit as a table's header or cell says it
    SHARE_UNIT: "percent of the measure",
    ADOPTION_UNIT: "percent of businesses",
    RESPONDENT_UNIT: "percent of respondents",
    RANK_UNIT: "rank among labs",
}


EVIDENCE = ["primary", "secondary"]


PERIOD_KINDS = ["period", "point"]


OPENROUTER_SOURCE_ID = "openrouter_rankings"


OPENROUTER_CITE = "OpenRouter rankings (this project)"


OPENROUTER_LENSES = ["openrouter_tokens", "openrouter_spend", "openrouter_tokens_two_way", "openrouter_spend_two_way"]


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


def credit(lens: str, source_id: str, lenses: pd.DataFrame, sources: pd.DataFrame) -> str:
    """Who a figure is credited to: the measure's publisher, with the relay the project read it on
    named ("Ramp AI Index, relayed by the Cache Register project")."""
    publisher = lenses.set_index("lens").loc[lens, "publisher"]
    label = lenses.set_index("lens").loc[lens, "label"]
    relay = (
        sources.set_index("source_id").loc[source_id, "relayed_by"] if source_id in set(sources["source_id"]) else ""
    )
    name = label if label.startswith(publisher.split(" ")[0]) else f"{publisher}: {label}"
    return name + (f", relayed by {relay}" if relay else "")


COUNTERPART_WORDS = {  # OpenRouter's measure set beside a business one, as a sentence says it
    "openrouter_tokens": "of OpenRouter's tokens",
    "openrouter_spend": "of OpenRouter's estimated spend on its daily top 50",
}

MEASURE_WORDS = {  # what a measure counts, in words a sentence can carry
    "vercel_gateway_spend": "the spend through Vercel's AI Gateway",
    "vercel_gateway_tokens": "the tokens through Vercel's AI Gateway",
    "ramp_token_spend": "the API token spend of US businesses on Ramp",
    "ramp_token_volume": "the API tokens of US businesses on Ramp",
    "menlo_api_usage": "enterprise production API usage in Menlo Ventures' survey",
    "menlo_api_spend": "enterprise API spend in Menlo Ventures' survey",
    "a16z_cio_wallet": "enterprise LLM spend in a16z's CIO survey",
    "state_of_ai_tokens": "OpenRouter's tokens in its own State of AI study",
}


def measure_words(lens: str, lenses: pd.DataFrame) -> str:
    """What a measure counts, as a sentence or a title says it ("the spend through Vercel's AI Gateway")."""
    return MEASURE_WORDS.get(lens, lenses.set_index("lens").loc[lens, "label"])
