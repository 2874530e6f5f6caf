"""Every input a run reads, checked before any notebook starts.

A bad row in the price table or the enterprise data used to surface only inside notebook 3 or 4,
half a minute into a run. Here every raw table is read by the same loader its notebook uses, so
an error names file, line and column before anything runs or is written.
"""

from __future__ import annotations

from pathlib import Path

from . import claims, enterprise, market, spend
from .clean import CleanRankings, clean_rankings
from .headline import load_claim
from .manifest import verify_raw_data
from .paths import check_raw_folders, reference_dir


def check_all(raw_dir: Path) -> CleanRankings:
    """Verify checksums, then load every table; returns the cleaned rankings (notebook 1 reuses them
    rather than cleaning the same rows again, see :func:`helpers.clean.keep_checked_rankings`)."""
    check_raw_folders(raw_dir)
    verify_raw_data(raw_dir)
    cleaned = clean_rankings(raw_dir)
    spend.load_prices(raw_dir / "prices" / "prices.csv")
    spend.load_spend_checks(raw_dir / "prices" / "spend_checks.csv")
    spend.load_prompt_shares(raw_dir / "assumptions")
    groups = enterprise.load_vendor_groups(reference_dir(raw_dir) / "vendor_groups.csv")
    lenses = enterprise.load_lenses(raw_dir / "enterprise" / "lenses.csv")
    sources = enterprise.load_sources(raw_dir / "enterprise" / "sources.csv")
    observations = enterprise.load_observations(raw_dir / "enterprise" / "observations.csv", lenses, sources, groups)
    enterprise.check_share_totals(observations)
    market.load_market(raw_dir / "market" / "lenses.csv")
    load_claim(reference_dir(raw_dir) / "headline_claim.csv")
    claims.load_ledger(claims.ledger_path(raw_dir))
    return cleaned
