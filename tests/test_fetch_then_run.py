"""End to end, offline: fetch new days from a local fake OpenRouter, then run the notebooks on them."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pandas as pd
import pytest

from helpers import fetch
from helpers.cli import main
from helpers.paths import NOTEBOOKS_DIR, PROCESSED_DIR, RAW_DIR
from helpers.pipeline import read_table

try:
    from fake_openrouter import FakeOpenRouter, Reply, rankings_body
except ImportError:  # tests/ imported as a package
    from tests.fake_openrouter import FakeOpenRouter, Reply, rankings_body

pytestmark = pytest.mark.network_local
KEY = "sk-or-test-E2E-SECRET"


def new_day_rows(day: str) -> list[dict[str, str]]:
    """One plausible day: sizes like the shipped early-October days (about 16T tokens a day)."""
    values = {"deepseek/deepseek-v4-flash-20260423": 3_000_000_000_000,
              "openai/gpt-5.6-luna-20260709": 2_500_000_000_000,
              "anthropic/claude-4.6-sonnet-20260217": 1_000_000_000_000,
              "z-ai/glm-5.3-flash-20260826:free": 8_000_000_000_000,
              "other": 1_500_000_000_000}
    return [{"date": day, "model_permaslug": slug, "total_tokens": str(v)} for slug, v in values.items()]


def digest(folder: Path) -> dict[str, str]:
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_fetched_days_flow_into_the_tables(raw_copy: Path, tmp_path: Path):
    days = ["2026-10-07", "2026-10-08", "2026-10-09"]
    rows = [row for day in days for row in new_day_rows(day)]
    shipped = digest(RAW_DIR)
    reference = digest(PROCESSED_DIR) | digest(NOTEBOOKS_DIR)
    tuning = fetch.Tuning(sleep=lambda s: None, now=lambda: dt.datetime(2026, 11, 29, 12, tzinfo=dt.timezone.utc))
    with FakeOpenRouter() as server:
        server.add(Reply(200, rankings_body(rows, days[0], days[-1], as_of="2026-10-10")))
        assert fetch.fetch_rankings(days[0], days[-1], base_url=server.base_url,
                                    rankings_dir=raw_copy / "openrouter" / "rankings-daily",
                                    env={fetch.API_KEY_ENV: KEY}, tuning=tuning) == 0
    out = tmp_path / "run"
    assert main(["run", "--start", "2026-10-01", "--end", "2026-10-09", "--raw-dir", str(raw_copy),
                 "--out", str(out)]) == 0
    daily = read_table(out / "processed" / "daily_model_tokens.csv", ("date",))
    assert daily["date"].max() == pd.Timestamp("2026-10-09")
    assert daily.loc[daily["date"] == "2026-10-08", "tokens"].sum() == 16_000_000_000_000
    weekly = read_table(out / "processed" / "weekly_origin_tokens.csv", ("week_start",))
    assert weekly.loc[weekly["week_start"] == "2026-10-05", "days"].unique().tolist() == [5]
    assert digest(RAW_DIR) == shipped  # the shipped raw data was never touched
    assert digest(PROCESSED_DIR) | digest(NOTEBOOKS_DIR) == reference
    written = "".join(p.read_text(errors="ignore") for p in out.rglob("*") if p.is_file())
    assert KEY not in written
