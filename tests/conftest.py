"""Shared fixtures: small hand-made frames and paths to the real shipped data and outputs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from helpers.paths import PROCESSED_DIR, RAW_DIR
from helpers.registry import (AUTHOR_COLUMNS, OPEN_WEIGHT_COLUMNS, OVERRIDE_COLUMNS, Registry)


@pytest.fixture
def raw_copy(tmp_path: Path) -> Path:
    """A private copy of data/raw, for tests that corrupt files."""
    target = tmp_path / "raw"
    shutil.copytree(RAW_DIR, target)
    return target


@pytest.fixture(scope="session")
def processed() -> Path:
    return PROCESSED_DIR


def make_rows(records: list[tuple[str, str, int]]) -> pd.DataFrame:
    """Ranking rows from (date, permaslug, tokens) triples."""
    frame = pd.DataFrame(records, columns=["date", "model_permaslug", "tokens"])
    frame["date"] = pd.to_datetime(frame["date"])
    return frame


@pytest.fixture
def tiny_registry() -> Registry:
    authors = pd.DataFrame([
        ["deepseek", "DeepSeek", "CN", "CN", "open", "u", "2026-11-29", "verified", ""],
        ["openai", "OpenAI", "US", "US", "mixed", "u", "2026-11-29", "verified", ""],
        ["tngtech", "TNG", "DE", "EU", "open", "u", "2026-11-29", "verified", ""],
        ["openrouter", "OpenRouter", "", "UNDISCLOSED", "unknown", "u", "2026-11-29", "secondary", ""],
        ["other", "other row", "", "LONG_TAIL", "unknown", "u", "2026-11-29", "secondary", ""],
    ], columns=AUTHOR_COLUMNS)
    overrides = pd.DataFrame([
        ["openrouter/pony-alpha", "stealth_revealed", "z-ai", "CN", "", "u", "verified", ""],
        ["openrouter/owl-alpha", "stealth", "", "", "", "", "unverified", ""],
        ["tngtech/deepseek-r1t2-chimera", "derivative", "tngtech", "EU", "CN", "u", "verified", ""],
    ], columns=OVERRIDE_COLUMNS)
    open_weight = pd.DataFrame([["openai/gpt-oss-120b", "true", "u", "verified", ""]],
                               columns=OPEN_WEIGHT_COLUMNS)
    return Registry(authors, overrides, open_weight)
