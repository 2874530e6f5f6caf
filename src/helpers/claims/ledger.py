"""The claims ledger (``data/raw/reference/claims/claims.csv``): published figures, read and checked.

Each row is one figure a publisher printed about OpenRouter's tokens or spend, with its page, its
words and the definition this project checks it with. The loader refuses a bad row before anything
is computed, naming the file, the line and the column, because a claim checked under the wrong unit
or period would give a confident wrong verdict.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..contracts import read_raw_table, refuse
from ..contracts import reference as contracts
from ..paths import reference_dir
from .definitions import DEFINITIONS, check_row

LEDGER_FOLDER = "claims"
LEDGER_FILE = "claims.csv"

LEDGER_COLUMNS = contracts.CLAIMS.header

EVIDENCE = list(contracts.CLAIM_EVIDENCE)
DATED_BY = list(contracts.DATED_BY)
WHOLE_UNITS = list(contracts.WHOLE_UNITS)


def ledger_path(raw_dir: Path) -> Path:
    """Where the ledger lives inside a raw-data folder."""
    return reference_dir(raw_dir) / LEDGER_FOLDER / LEDGER_FILE


def _check_definitions(table: pd.DataFrame, path: Path) -> None:
    """Each row's definition exists, has the row's unit, and understands its count and subject."""
    known = table["definition_id"].isin(list(DEFINITIONS))
    refuse(path, table, ~known, "definition_id", f"must be one of {sorted(DEFINITIONS)}")
    units = table["definition_id"].map(lambda d: DEFINITIONS[d].unit)
    refuse(path, table, (units != table["unit"]) & units.notna(), "unit", "is not the unit of the row's definition_id")
    problems = [
        check_row(DEFINITIONS[d], c, s) for d, c, s in zip(table["definition_id"], table["count"], table["subject"])
    ]
    for column in ("count", "subject"):
        bad = pd.Series([where == column for where, _ in problems], index=table.index)
        if bad.any():
            refuse(path, table, bad, column, problems[int(bad.to_numpy().argmax())][1])


def load_ledger(path: Path) -> pd.DataFrame:
    """Read and check the ledger; returns it with parsed dates and numeric values.

    Every row needs a unique lower-case id, a URL, a publisher, its quoted words, primary or relay
    evidence (a relay names what it relays), a unit and value that fit its definition, a count and
    subject the definition understands, and a period whose ends are dates (or none, said to be
    undated). The table's own rules are declared in :data:`helpers.contracts.reference.CLAIMS`;
    what each definition understands lives with the definitions, in code.
    """
    path = Path(path)
    table = read_raw_table(path, contracts.CLAIMS)
    _check_definitions(table, path)
    return table
