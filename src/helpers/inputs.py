"""Every input a run reads, checked before any notebook starts.

A bad row in the price table or the enterprise data used to surface only inside notebook 3 or 4,
half a minute into a run. Here every raw table is checked against its declared contract
(:mod:`helpers.contracts`: each CSV of the raw folder, whichever module reads it), so an error
names file, line and column before anything runs or is written. What no single table can say is
checked after: the rankings across their files and vintages and against the origin registry, and
each claim against the definition it is checked with (those live in code).
"""

from __future__ import annotations

from pathlib import Path

from . import claims
from .clean import CleanRankings, clean_rankings
from .contracts import check_raw_tables
from .manifest import verify_raw_data
from .paths import check_raw_folders


def check_all(raw_dir: Path) -> CleanRankings:
    """Verify checksums, check every raw table against its contract, then what spans tables;
    returns the cleaned rankings (notebook 1 reuses them rather than cleaning the same rows again,
    see :func:`helpers.clean.keep_checked_rankings`)."""
    check_raw_folders(raw_dir)
    verify_raw_data(raw_dir)
    check_raw_tables(raw_dir)
    cleaned = clean_rankings(raw_dir)
    claims.load_ledger(claims.ledger_path(raw_dir))
    return cleaned
