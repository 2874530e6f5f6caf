"""One contract per raw table, and one reader every loader goes through.

Each raw CSV under ``data/raw`` is declared once, as data (:mod:`.spec`): its columns and their
kinds (dates, whole numbers, numbers, true/false, regular expressions, web addresses), the
words or range each may hold (:mod:`.units` gives the plausible range per unit and why), which
may be empty, the unique key, and the rules across cells and rows (low <= central <= high, a
period that ends on or after it starts, shares that do not pass 100, dates inside the period a
file's name gives). :func:`read_raw_table` reads a file against its contract; every error is
one line naming the file, the line and the column, and nothing on disk is changed.

The declarations live by subject: :mod:`.reference` (origin registry, vendor groups, claims),
:mod:`.enterprise` (enterprise and market figures), :mod:`.spend` (prices and assumptions),
:mod:`.openrouter` (rankings, collector totals, billed usage). :mod:`.folder` matches every CSV of
a raw folder to its contract and checks them all, as a run does before any notebook starts.
"""

from __future__ import annotations

from .failures import refuse, refuse_lines
from .folder import ALL_CONTRACTS, check_raw_tables, contract_for, raw_tables
from .reader import named_period, read_raw_table
from .spec import Bounds, Column, Contract

__all__ = [
    "ALL_CONTRACTS",
    "Bounds",
    "Column",
    "Contract",
    "check_raw_tables",
    "contract_for",
    "named_period",
    "raw_tables",
    "read_raw_table",
    "refuse",
    "refuse_lines",
]
