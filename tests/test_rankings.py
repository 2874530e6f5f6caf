"""Validation of raw ranking files: every bad row is refused with its file and line."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from helpers.errors import RawDataError
from helpers.ingest import write_vintage
from helpers.paths import RANKINGS_DIR
from helpers.rankings import (
    check_daily_shape,
    check_no_duplicates,
    daily_totals,
    find_non_daily_days,
    load_rankings,
    missing_days,
    read_rankings_file,
)

HEADER = "date,model_permaslug,total_tokens\n"


def write(tmp_path: Path, body: str, header: str = HEADER) -> Path:
    path = tmp_path / "2026-06.csv"
    path.write_text(header + body)
    return path


@pytest.mark.parametrize(
    "body, message",
    [
        ("2026-06-01,deepseek/x,-5\n", r"line 2, column total_tokens: must be a whole number from 0"),
        ("2026-06-01,deepseek/x,12.5\n", r"line 2.*whole number.*'12.5'"),
        ("2026-06-01,deepseek/x,1\n2026-06-31,deepseek/y,2\n", r"line 3, column date: must be a YYYY-MM-DD"),
        ("06/01/2026,deepseek/x,1\n", r"column date: must be a YYYY-MM-DD date"),
        ("2026-06-01,,1\n", r"column model_permaslug: must be a model permaslug"),
    ],
)
def test_bad_rows_name_file_and_line(tmp_path, body, message):
    path = write(tmp_path, body)
    with pytest.raises(RawDataError, match=message) as info:
        read_rankings_file(path)
    assert "2026-06.csv" in str(info.value)


def test_wrong_header_is_refused(tmp_path):
    path = write(tmp_path, "2026-06-01,a/b,1\n", header="date,model,tokens\n")
    with pytest.raises(RawDataError, match="header is"):
        read_rankings_file(path)


def test_duplicate_day_and_model_is_refused(tmp_path):
    rows = read_rankings_file(write(tmp_path, "2026-06-01,a/b,1\n2026-06-01,a/b,2\n"))
    with pytest.raises(RawDataError, match=r"duplicate .*2026-06.csv:2 .*2026-06.csv:3"):
        check_no_duplicates(rows, "test")


def test_big_token_counts_parse_exactly(tmp_path):
    rows = read_rankings_file(write(tmp_path, "2026-06-01,a/b,481122929243\n"))
    assert rows["tokens"].iat[0] == 481_122_929_243


def daily_series(values: dict[str, int]) -> pd.DataFrame:
    return pd.DataFrame({"date": pd.to_datetime(list(values)), "total_tokens": list(values.values())})


def test_weekly_bucket_spike_is_flagged():
    days = {f"2026-07-{d:02d}": 100 for d in range(1, 29)}
    days["2026-07-13"] = 700  # one 7-day bucket among daily rows
    flagged = find_non_daily_days(daily_series(days))
    assert flagged["date"].dt.strftime("%Y-%m-%d").tolist() == ["2026-07-13"]


def test_monday_only_rows_are_flagged():
    mondays = {"2026-06-15": 700, "2026-06-22": 710, "2026-06-29": 690, "2026-07-06": 705}
    flagged = find_non_daily_days(daily_series(mondays))
    assert len(flagged) == 4 and flagged["weekly_spacing"].all()


def test_shipped_data_looks_daily_with_margin():
    rows, _ = load_rankings(RANKINGS_DIR)
    totals = check_daily_shape(rows)
    assert find_non_daily_days(totals, ratio=1.4).empty
    assert missing_days(rows, rows["date"].min(), rows["date"].max()).empty


def test_day_without_other_row_is_refused():
    rows = pd.DataFrame(
        {
            "date": pd.to_datetime(["2026-06-01", "2026-06-02"]),
            "model_permaslug": ["a/b", "other"],
            "tokens": [5, 5],
            "source_file": "f",
            "line": [2, 3],
        }
    )
    with pytest.raises(RawDataError, match="2026-06-01"):
        check_daily_shape(rows)


def vintage_rows(tokens_on_second_day: int) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "date": ["2026-06-01", "2026-06-01", "2026-06-02", "2026-06-02"],
            "model_permaslug": ["a/b", "other", "a/b", "other"],
            "total_tokens": ["10", "2", str(tokens_on_second_day), "3"],
        }
    )


def metadata(as_of: str) -> dict:
    return {
        "dataset": "t",
        "source": "s",
        "licence": "CC BY 4.0",
        "attribution": "a",
        "as_of": as_of,
        "obtained": {"retrieved_at": as_of},
    }


def test_later_vintage_wins_per_day_and_restatement_is_reported(tmp_path):
    write_vintage(tmp_path / "old", vintage_rows(20), metadata("2026-06-02"))
    write_vintage(tmp_path / "new", vintage_rows(25).iloc[2:], metadata("2026-06-03"))
    rows, restated = load_rankings(tmp_path)
    assert rows.loc[rows["date"] == "2026-06-02", "vintage"].unique().tolist() == ["new"]
    assert rows.loc[rows["date"] == "2026-06-01", "vintage"].unique().tolist() == ["old"]
    assert daily_totals(rows)["total_tokens"].tolist() == [12, 28]
    assert restated["used_vintage"].tolist() == ["new"] and restated["previous_vintage"].tolist() == ["old"]
    assert restated[["total_tokens", "previous_total_tokens", "change_tokens", "models_changed"]].values.tolist() == [
        [28, 23, 5, 1]
    ]
    assert restated["change_pct"].iat[0] == pytest.approx(100 * 5 / 23, abs=1e-3)


def test_a_day_published_again_unchanged_is_not_a_restatement(tmp_path):
    write_vintage(tmp_path / "old", vintage_rows(20), metadata("2026-06-02"))
    write_vintage(tmp_path / "new", vintage_rows(20).iloc[2:], metadata("2026-06-03"))
    rows, restated = load_rankings(tmp_path)
    assert restated.empty and rows.loc[rows["date"] == "2026-06-02", "vintage"].unique().tolist() == ["new"]


def test_rows_outside_the_manifest_range_are_refused(tmp_path):
    folder = write_vintage(tmp_path / "v", vintage_rows(20), metadata("2026-06-02"))
    month = folder / "2026-06.csv"
    manifest = (folder / "MANIFEST.json").read_text().replace('"end_date": "2026-06-02"', '"end_date": "2026-06-01"')
    (folder / "MANIFEST.json").unlink()
    (folder / "MANIFEST.json").write_text(manifest)
    with pytest.raises(RawDataError, match=r"2026-06.csv: lines 4, 5, column date: outside the manifest's range"):
        load_rankings(tmp_path)
    assert month.exists()


def test_per_distinct_gives_every_row_the_value_of_its_distinct_string():
    from helpers.rankings import per_distinct

    values = pd.Series(["a/x:free", "b/y", "a/x:free", "c/z"], index=[10, 3, 7, 1])
    calls = []

    def upper(distinct: pd.Series) -> pd.Series:
        calls.append(len(distinct))
        return distinct.str.upper()

    out = per_distinct(values, upper)
    assert calls == [3] and list(out.index) == [10, 3, 7, 1]
    assert out.tolist() == ["A/X:FREE", "B/Y", "A/X:FREE", "C/Z"]


def test_provenance_names_the_vintage_the_cleaning_treats_as_latest(tmp_path):
    """Two vintages with the same as-of date: the one retrieved later is the latest for the cleaning
    (rankings_manifests) and for the provenance every figure cites (describe_vintages) alike, even
    when its folder name sorts first."""
    import json

    from helpers.paths import RANKINGS_DIR
    from helpers.pipeline import describe_vintages
    from helpers.rankings import rankings_manifests

    shipped = json.loads(next(RANKINGS_DIR.glob("*/MANIFEST.json")).read_text())
    for folder, retrieved in (("b-retrieved-first", "2026-11-01"), ("a-retrieved-later", "2026-11-29")):
        (tmp_path / folder).mkdir()
        manifest = {**shipped, "obtained": {**shipped["obtained"], "retrieved_at": retrieved}}
        (tmp_path / folder / "MANIFEST.json").write_text(json.dumps(manifest))
    order = [p.parent.name for p in rankings_manifests(tmp_path)]
    assert order == ["b-retrieved-first", "a-retrieved-later"]
    assert describe_vintages(tmp_path)["vintage"].tolist() == order
