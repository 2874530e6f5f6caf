"""Shared fixtures: small hand-made frames and paths to the real shipped data and outputs."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

import pandas as pd
import pytest

from helpers.paths import PROCESSED_DIR, RAW_DIR
from helpers.pipeline import read_table
from helpers.registry import AUTHOR_COLUMNS, OPEN_WEIGHT_COLUMNS, OVERRIDE_COLUMNS, Registry


@pytest.fixture
def raw_copy(tmp_path: Path) -> Path:
    """A private copy of data/raw, for tests that corrupt files."""
    target = tmp_path / "raw"
    shutil.copytree(RAW_DIR, target)
    return target


@pytest.fixture(scope="session")
def processed() -> Path:
    return PROCESSED_DIR


@pytest.fixture(scope="session")
def history() -> pd.DataFrame:
    """The reference run's cleaned daily table (every day of the shipped raw data)."""
    return read_table(PROCESSED_DIR / "daily_model_tokens.csv", ("date",))


@pytest.fixture(scope="session")
def pricing(history):
    """Every input of the spend estimate, calibrated on the bill (as notebook 3 loads them)."""
    from helpers import spend

    return spend.load_pricing(RAW_DIR, history)


@pytest.fixture(scope="session")
def prices(pricing) -> pd.DataFrame:
    """The price table with the machine-collected snapshots laid over it."""
    return pricing.prices


@pytest.fixture(scope="session")
def shares():
    from helpers import spend

    return spend.load_prompt_shares(RAW_DIR / "assumptions")


@pytest.fixture(scope="session")
def priced(history, pricing) -> pd.DataFrame:
    """Every day of the shipped data priced under every band scenario (as notebook 3 does)."""
    from helpers import spend

    return spend.price_rows(history, pricing.prices, pricing.shares, calibration=pricing.calibration)


def pytest_configure(config) -> None:
    """nbval executes the committed notebooks: give their kernels a private output folder (a copy of
    the committed outputs), so notebooks run side by side never read a table another is rewriting and
    never write into the tree the other tests read."""
    from helpers.paths import REPORTS_DIR, STAGING_ENV

    if os.environ.get(STAGING_ENV):
        return
    scratch = Path(tempfile.mkdtemp(prefix="nbval-outputs-"))
    shutil.copytree(PROCESSED_DIR, scratch / "data" / "processed")
    shutil.copytree(REPORTS_DIR, scratch / "reports")
    os.environ[STAGING_ENV] = str(scratch)
    config._nbval_scratch = scratch


def pytest_unconfigure(config) -> None:
    scratch = getattr(config, "_nbval_scratch", None)
    if scratch is not None:
        shutil.rmtree(scratch, ignore_errors=True)


def digest(*folders: Path) -> dict[str, str]:
    """Every file below ``folders`` with its sha256: equal digests mean nothing was written."""
    return {
        str(p): hashlib.sha256(p.read_bytes()).hexdigest()
        for folder in folders
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def make_rows(records: list[tuple[str, str, int]]) -> pd.DataFrame:
    """Ranking rows from (date, permaslug, tokens) triples."""
    frame = pd.DataFrame(records, columns=["date", "model_permaslug", "tokens"])
    frame["date"] = pd.to_datetime(frame["date"])
    return frame


@pytest.fixture
def tiny_registry() -> Registry:
    authors = pd.DataFrame(
        [
            ["deepseek", "DeepSeek", "CN", "CN", "open", "u", "2026-11-29", "verified", ""],
            ["openai", "OpenAI", "US", "US", "mixed", "u", "2026-11-29", "verified", ""],
            ["tngtech", "TNG", "DE", "EU", "open", "u", "2026-11-29", "verified", ""],
            ["openrouter", "OpenRouter", "", "UNDISCLOSED", "unknown", "u", "2026-11-29", "secondary", ""],
            ["other", "other row", "", "LONG_TAIL", "unknown", "u", "2026-11-29", "secondary", ""],
        ],
        columns=AUTHOR_COLUMNS,
    )
    overrides = pd.DataFrame(
        [
            ["openrouter/pony-alpha", "stealth_revealed", "z-ai", "CN", "", "u", "verified", ""],
            ["openrouter/owl-alpha", "stealth", "", "", "", "", "unverified", ""],
            ["tngtech/deepseek-r1t2-chimera", "derivative", "tngtech", "EU", "CN", "u", "verified", ""],
        ],
        columns=OVERRIDE_COLUMNS,
    )
    open_weight = pd.DataFrame([["openai/gpt-oss-120b", "true", "u", "verified", ""]], columns=OPEN_WEIGHT_COLUMNS)
    return Registry(authors, overrides, open_weight)
