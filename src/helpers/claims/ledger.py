"""The claims ledger (``data/raw/reference/claims/claims.csv``): published figures, read and checked.

Each row is one figure a publisher printed about OpenRouter's tokens or spend, with its page, its
words and the definition this project checks it with. The loader refuses a bad row before anything
is computed, naming the file, the line and the column, because a claim checked under the wrong unit
or period would give a confident wrong verdict.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..errors import RawDataError
from ..paths import reference_dir, relative_to_root
from ..registry import check_unique, read_curated_table
from .definitions import DEFINITIONS, check_row

LEDGER_FOLDER = "claims"
LEDGER_FILE = "claims.csv"

LEDGER_COLUMNS = [
    "claim_id",
    "publisher",
    "url",
    "published",
    "evidence",
    "relayed_from",
    "period_start",
    "period_end",
    "dated_by",
    "metric",
    "unit",
    "value",
    "quote",
    "definition_id",
    "count",
    "subject",
    "quote_checked_on",
    "note",
]

EVIDENCE = ["primary", "relay"]
# How the period was set: the page gives it; the series' numbering or its other reports fix it; it
# runs to the publication date; it is the cited study's own window; or the page gives none.
DATED_BY = ["page", "series", "publication", "study", "undated"]
WHOLE_UNITS = ["weeks", "rank", "models"]


def ledger_path(raw_dir: Path) -> Path:
    """Where the ledger lives inside a raw-data folder."""
    return reference_dir(raw_dir) / LEDGER_FOLDER / LEDGER_FILE


def _refuse(path: Path, bad: pd.Series, column: str, message: str) -> None:
    """Raise naming the file, the first lines (header is line 1) and the column of the bad rows."""
    if bad.any():
        lines = (bad[bad].index + 2).tolist()[:5]
        raise RawDataError(f"{relative_to_root(path)}: line(s) {lines}, column {column}: {message}")


def _dates(table: pd.DataFrame, column: str, path: Path, blank_ok: bool) -> pd.Series:
    values = pd.to_datetime(table[column], format="%Y-%m-%d", errors="coerce")
    blank = table[column].str.strip() == ""
    _refuse(path, values.isna() & ~(blank & blank_ok), column, "must be a YYYY-MM-DD date" + (" or empty" * blank_ok))
    return values


def _check_values(table: pd.DataFrame, path: Path) -> pd.Series:
    """Numbers in the claim's unit: tokens above zero, whole weeks, ranks and model counts from one
    (zero weeks or models could be a claim, but none says so), percentages as written (a change can
    pass 100)."""
    value = pd.to_numeric(table["value"], errors="coerce")
    _refuse(path, value.isna(), "value", "must be a number (tokens written out, e.g. 3.69e12; percentages without %)")
    whole = table["unit"].isin(WHOLE_UNITS)
    _refuse(path, whole & ((value < 1) | (value % 1 != 0)), "value", "weeks, ranks and models are whole numbers from 1")
    _refuse(path, (table["unit"] == "tokens") & (value <= 0), "value", "a token count is above zero")
    return value


def _check_periods(table: pd.DataFrame, path: Path) -> tuple[pd.Series, pd.Series]:
    start = _dates(table, "period_start", path, blank_ok=True)
    end = _dates(table, "period_end", path, blank_ok=True)
    _refuse(path, start.isna() != end.isna(), "period_end", "give both ends of the period or neither")
    _refuse(path, end < start, "period_end", "before period_start")
    undated = table["dated_by"] == "undated"
    _refuse(path, undated != start.isna(), "dated_by", "'undated' exactly when the period is empty")
    return start, end


def _check_definitions(table: pd.DataFrame, path: Path) -> None:
    known = table["definition_id"].isin(list(DEFINITIONS))
    _refuse(path, ~known, "definition_id", f"must be one of {sorted(DEFINITIONS)}")
    units = table["definition_id"].map(lambda d: DEFINITIONS[d].unit)
    _refuse(path, (units != table["unit"]) & units.notna(), "unit", "is not the unit of the row's definition_id")
    problems = [
        check_row(DEFINITIONS[d], c, s) for d, c, s in zip(table["definition_id"], table["count"], table["subject"])
    ]
    for column in ("count", "subject"):
        bad = pd.Series([where == column for where, _ in problems], index=table.index)
        if bad.any():
            _refuse(path, bad, column, problems[int(bad.to_numpy().argmax())][1])


def load_ledger(path: Path) -> pd.DataFrame:
    """Read and check the ledger; returns it with parsed dates and numeric values.

    Every row needs a unique lower-case id, a URL, a publisher, its quoted words, primary or relay
    evidence (a relay names what it relays), a unit and value that fit its definition, a count and
    subject the definition understands, and a period whose ends are dates (or none, said to be
    undated).
    """
    path = Path(path)
    table = read_curated_table(path, LEDGER_COLUMNS)
    check_unique(table, "claim_id", path)
    _refuse(path, ~table["claim_id"].str.fullmatch(r"[a-z0-9_]+"), "claim_id", "lower-case letters, digits and _")
    _refuse(path, ~table["url"].str.match(r"https?://\S+$"), "url", "every claim needs the URL it was read on")
    for column in ("publisher", "metric", "quote"):
        _refuse(path, table[column].str.strip() == "", column, "must not be empty")
    _refuse(path, ~table["evidence"].isin(EVIDENCE), "evidence", f"must be one of {EVIDENCE}")
    relay_unnamed = (table["evidence"] == "relay") & (table["relayed_from"].str.strip() == "")
    _refuse(path, relay_unnamed, "relayed_from", "a relay names what it relays")
    _refuse(path, ~table["dated_by"].isin(DATED_BY), "dated_by", f"must be one of {DATED_BY}")
    _check_definitions(table, path)
    value = _check_values(table, path)
    start, end = _check_periods(table, path)
    published = _dates(table, "published", path, blank_ok=True)
    _dates(table, "quote_checked_on", path, blank_ok=True)
    return table.assign(value=value, period_start=start, period_end=end, published=published)
