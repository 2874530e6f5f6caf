"""Every CSV of a raw folder matched to its contract and checked, as a run does before any notebook.

A run used to check its inputs by calling each domain module's loader in turn; a table no loader
happened to read was never checked. Here the raw folder is walked instead: every CSV must match
a declared contract (a table nobody declared stops the run), is read against it, and its
references to other tables are resolved from those tables as read.
"""

from __future__ import annotations

from collections.abc import Collection
from fnmatch import fnmatch
from pathlib import Path

import pandas as pd

from ..errors import RawDataError
from ..paths import relative_to_root
from . import enterprise, openrouter, reference, spend
from .reader import read_raw_table
from .spec import Contract, Reference

# The order matters where patterns overlap: the first contract whose pattern matches wins
# (``daily_ids.csv`` before ``daily_*.csv``, ``daily_totals.csv`` before a vintage's month files).
ALL_CONTRACTS: tuple[Contract, ...] = (
    reference.CONTRACTS + enterprise.CONTRACTS + spend.CONTRACTS + openrouter.CONTRACTS
)


def contract_for(relative: str | Path) -> Contract | None:
    """The contract of the raw table at ``relative`` (a path under the raw folder), if any declares it."""
    name = Path(relative).as_posix()
    return next((c for c in ALL_CONTRACTS if any(fnmatch(name, pattern) for pattern in c.files)), None)


def raw_tables(raw_dir: Path) -> list[tuple[Path, Contract]]:
    """Every CSV under ``raw_dir`` with its contract, in a stable order; a CSV no contract declares
    is refused (it would be read, or shipped, unchecked)."""
    raw_dir = Path(raw_dir)
    found = []
    for path in sorted(raw_dir.rglob("*.csv")):
        relative = path.relative_to(raw_dir)
        if any(part.startswith(".") for part in relative.parts):
            continue
        contract = contract_for(relative)
        if contract is None:
            raise RawDataError(
                f"{relative_to_root(path)}: no contract declares this table (add one in helpers/contracts/)"
            )
        found.append((path, contract))
    return found


class _Tables:
    """Parsed tables of one raw folder, each read once, references resolved on the way."""

    def __init__(self, raw_dir: Path) -> None:
        self.raw_dir = Path(raw_dir)
        self.read: dict[Path, pd.DataFrame] = {}

    def table(self, path: Path, contract: Contract) -> pd.DataFrame:
        if path not in self.read:
            self.read[path] = read_raw_table(path, contract, self.known(contract))
        return self.read[path]

    def values(self, ref: Reference) -> Collection[str]:
        path = self.raw_dir / ref.table
        contract = contract_for(ref.table)
        if contract is None or not path.is_file():
            raise RawDataError(f"{relative_to_root(path)}: missing, and another table refers to it")
        table = self.table(path, contract)
        rows = table if ref.where is None else table[ref.where.mask(table)]
        return set(rows[ref.column])

    def known(self, contract: Contract) -> dict[str, Collection[str]]:
        return {c.name: self.values(c.references) for c in contract.columns if c.references is not None}


def check_raw_tables(raw_dir: Path) -> dict[Path, pd.DataFrame]:
    """Read every raw table of ``raw_dir`` against its contract; returns the parsed tables by path.

    Checks that span the files of a folder (a rankings vintage's key) and rules that live in code
    (a claim's definition) are left to their loaders."""
    tables = _Tables(raw_dir)
    for path, contract in raw_tables(raw_dir):
        tables.table(path, contract)
    return tables.read
