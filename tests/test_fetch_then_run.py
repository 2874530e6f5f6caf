"""End to end, offline: fetch new and restated days from a local fake OpenRouter, then run the
notebooks over them. A legitimate restatement must never block a run, and it is reported."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest
from conftest import digest

from helpers import fetch
from helpers.cli import main
from helpers.paths import NOTEBOOKS_DIR, PROCESSED_DIR, RAW_DIR, REPORTS_DIR
from helpers.pipeline import read_table
from helpers.rankings import load_rankings

try:
    from fake_openrouter import FakeOpenRouter, Reply, rankings_body
except ImportError:  # tests/ imported as a package
    from tests.fake_openrouter import FakeOpenRouter, Reply, rankings_body

pytestmark = [pytest.mark.network_local, pytest.mark.slow]  # a whole run: CI runs it (make test-slow)
KEY = "sk-or-test-E2E-SECRET"
NEW_DAYS = ["2026-10-10", "2026-10-11", "2026-10-12"]  # after the shipped data
RESTATED_DAYS = ["2026-10-07", "2026-10-08"]  # shipped only in the latest vintage


def new_day_rows(day: str) -> list[dict[str, str]]:
    """One plausible day: sizes like the shipped early-October days (about 16T tokens a day)."""
    values = {
        "deepseek/deepseek-v4-flash-20260423": 3_000_000_000_000,
        "openai/gpt-5.6-luna-20260709": 2_500_000_000_000,
        "anthropic/claude-4.6-sonnet-20260217": 1_000_000_000_000,
        "z-ai/glm-5.3-flash-20260826:free": 8_000_000_000_000,
        "other": 1_500_000_000_000,
    }
    return [{"date": day, "model_permaslug": slug, "total_tokens": str(v)} for slug, v in values.items()]


def restated_rows(day: str) -> list[dict[str, str]]:
    """The shipped rows of a day, with the largest model's tokens raised by 2%."""
    rows, _ = load_rankings(RAW_DIR / "openrouter" / "rankings-daily")
    held = rows[rows["date"] == day].sort_values("tokens", ascending=False)
    tokens = held["tokens"].tolist()
    tokens[0] = int(tokens[0] * 1.02)
    return [
        {"date": day, "model_permaslug": m, "total_tokens": str(t)} for m, t in zip(held["model_permaslug"], tokens)
    ]


def test_fetched_and_restated_days_flow_into_a_run_that_reports_them(raw_copy: Path, tmp_path: Path, capsys):
    rows = [r for day in RESTATED_DAYS for r in restated_rows(day)] + [r for day in NEW_DAYS for r in new_day_rows(day)]
    shipped = digest(RAW_DIR)
    reference = digest(PROCESSED_DIR, NOTEBOOKS_DIR, REPORTS_DIR)
    tuning = fetch.Tuning(sleep=lambda s: None, now=lambda: dt.datetime(2026, 11, 29, 12, tzinfo=dt.UTC))
    with FakeOpenRouter() as server:
        server.add(Reply(200, rankings_body(rows, RESTATED_DAYS[0], NEW_DAYS[-1], as_of="2026-10-10")))
        assert (
            fetch.fetch_rankings(
                RESTATED_DAYS[0],
                NEW_DAYS[-1],
                base_url=server.base_url,
                rankings_dir=raw_copy / "openrouter" / "rankings-daily",
                env={fetch.API_KEY_ENV: KEY},
                tuning=tuning,
            )
            == 0
        )
    assert "2 restated day(s)" in capsys.readouterr().out
    out = tmp_path / "run"
    assert (
        main(["run", "--start", "2026-10-07", "--end", "2026-10-12", "--raw-dir", str(raw_copy), "--out", str(out)])
        == 0
    )
    daily = read_table(out / "data" / "processed" / "daily_model_tokens.csv", ("date",))
    assert daily["date"].max() == pd.Timestamp("2026-10-12")
    assert daily.loc[daily["date"] == "2026-10-11", "tokens"].sum() == 16_000_000_000_000
    restated = read_table(out / "data" / "processed" / "restated_days.csv", ("date",))
    fetched = restated[restated["used_vintage"].str.startswith("2026-10-10_api-")]
    assert fetched["date"].dt.strftime("%Y-%m-%d").tolist() == RESTATED_DAYS  # the restated days, and no other
    assert (fetched["previous_vintage"] == "2026-10-09_pickmiu-llm-market-data").all()
    assert (fetched["models_changed"] == 1).all() and (fetched["change_pct"] > 0).all()
    quality = read_table(out / "data" / "processed" / "data_quality_weekly.csv", ("week_start",))
    assert quality.set_index("week_start").loc["2026-10-05", "restated_days"] == 2
    index = (out / "reports" / "index.html").read_text(encoding="utf-8")
    assert "7 October 2026 and 8 October 2026" in index and "published again by OpenRouter" in index
    record = json.loads((out / "data" / "processed" / "run_record.json").read_text())
    assert len(record["data"]["rankings_vintages"]) == 3
    assert digest(RAW_DIR) == shipped  # the shipped raw data was never touched
    assert digest(PROCESSED_DIR, NOTEBOOKS_DIR, REPORTS_DIR) == reference
    written = "".join(p.read_text(errors="ignore") for p in out.rglob("*") if p.is_file())
    assert KEY not in written
