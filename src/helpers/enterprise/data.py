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

from ..contracts import enterprise as contracts
from ..contracts import read_raw_table, refuse
from ..contracts import reference as reference_contracts
from ..dates import period_name
from ..errors import RawDataError

VENDOR_GROUPS = list(reference_contracts.VENDOR_GROUPS)


VENDOR_GROUP_COLUMNS = reference_contracts.VENDOR_GROUP_TABLE.header


KEY_TYPES = list(reference_contracts.KEY_TYPES)


OBSERVATION_COLUMNS = contracts.OBSERVATIONS.header


SOURCE_COLUMNS = contracts.SOURCES.header


LENS_COLUMNS = contracts.LENSES.header


SHARE_UNIT = contracts.SHARE_UNIT


ADOPTION_UNIT = contracts.ADOPTION_UNIT


RESPONDENT_UNIT = contracts.RESPONDENT_UNIT


RANK_UNIT = contracts.RANK_UNIT


UNITS = list(contracts.UNITS)


SUMMABLE_UNITS = list(contracts.SUMMABLE_UNITS)

UNIT_WORDS = {  # each unit as a table's header or cell says it
    SHARE_UNIT: "percent of the measure",
    ADOPTION_UNIT: "percent of businesses",
    RESPONDENT_UNIT: "percent of respondents",
    RANK_UNIT: "rank among labs",
}


EVIDENCE = list(contracts.EVIDENCE)


PERIOD_KINDS = list(contracts.PERIOD_KINDS)


OPENROUTER_SOURCE_ID = "openrouter_rankings"


OPENROUTER_CITE = "OpenRouter rankings (this project)"


OPENROUTER_LENSES = ["openrouter_tokens", "openrouter_spend", "openrouter_tokens_two_way", "openrouter_spend_two_way"]


def load_vendor_groups(path: Path) -> pd.DataFrame:
    """The one table that maps OpenRouter authors, origin groups and enterprise vendor names to groups."""
    return read_raw_table(path, reference_contracts.VENDOR_GROUP_TABLE)


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
    refuse(path, observations, group.isna(), "vendor", "not in vendor_groups.csv; add it there with its group")
    return group


def load_lenses(path: Path) -> pd.DataFrame:
    """The lens table: what each measure counts and whom, and whether it is a share."""
    return read_raw_table(path, contracts.LENSES)


def load_sources(path: Path) -> pd.DataFrame:
    """The enterprise sources table (method, sample, what the metric counts, terms)."""
    return read_raw_table(path, contracts.SOURCES)


def source_summary(observations: pd.DataFrame) -> pd.DataFrame:
    """One row per source: how many figures, their evidence levels, and the periods they cover."""
    return observations.groupby("source_id").agg(
        rows=("observation_id", "size"),
        evidence=("evidence", lambda e: "/".join(sorted(set(e)))),
        first_period=("period_start", "min"),
        last_period=("period_end", "max"),
    )


def load_observations(path: Path, lenses: pd.DataFrame, sources: pd.DataFrame, groups: pd.DataFrame) -> pd.DataFrame:
    """Read and check the enterprise observations (:data:`helpers.contracts.enterprise.OBSERVATIONS`);
    adds ``vendor_group``.

    Every row needs a URL, dates, a known unit, lens, source, vendor and evidence level, a numeric
    value (percentages from 0 to 100, ranks from 1), a period that ends on or after it starts, a
    word on its primary source (read on the publisher's page, or why not), and a source's shares of
    one lens and period may not sum past 100.
    """
    vendors = groups.loc[groups["key_type"] == "vendor", "key"]
    known = {"lens": lenses["lens"], "source_id": sources["source_id"], "vendor": vendors}
    table = read_raw_table(path, contracts.OBSERVATIONS, known)
    return table.assign(vendor_group=enterprise_vendor_group(table, groups, path))


def check_share_totals(observations: pd.DataFrame) -> pd.DataFrame:
    """Sum of shares per source, lens, period and vintage: a share table above 100 is a transcription
    error (the contract refuses it, naming its lines, when the observations are read)."""
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
