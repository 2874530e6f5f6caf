"""The run command: bad parameters stop before any notebook runs and change nothing."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from helpers.cli import main
from helpers.errors import ParameterError
from helpers.paths import NOTEBOOKS_DIR, PROCESSED_DIR, RANKINGS_DIR
from helpers.pipeline import check_run_dates
from helpers.runner import default_parameters, notebook_paths, plan_run


def fingerprint(*folders: Path) -> dict[str, str]:
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest()
            for folder in folders for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("start, end, message", [
    ("2026-13-01", "2026-06-30", r"start_date='2026-13-01' is not a date"),
    ("2026-06-30", "2026-06-01", r"start_date 2026-06-30 is after end_date 2026-06-01; the raw data covers 2025-01-01 to 2026-10-06"),
    ("2024-12-01", "2025-02-01", r"outside the data: the raw data covers 2025-01-01 to 2026-10-06"),
    ("2026-09-01", "2026-12-31", r"outside the data: the raw data covers 2025-01-01 to 2026-10-06"),
])
def test_bad_dates_name_the_valid_range(start, end, message):
    with pytest.raises(ParameterError, match=message):
        check_run_dates(start, end, RANKINGS_DIR)


def test_cli_bad_dates_exit_nonzero_and_change_nothing(capsys):
    before = fingerprint(PROCESSED_DIR, NOTEBOOKS_DIR)
    assert main(["run", "--start", "2026-06-30", "--end", "2026-06-01"]) == 2
    assert "the raw data covers 2025-01-01 to 2026-10-06" in capsys.readouterr().err
    assert fingerprint(PROCESSED_DIR, NOTEBOOKS_DIR) == before


def test_parameters_cells_hold_the_reference_run():
    for notebook in notebook_paths():
        params = default_parameters(notebook)
        assert params["start_date"] == "2025-01-01" and params["end_date"] == "2026-10-06"
        if "prompt_share" in params:  # numbers come back as numbers, so they can be passed on as parameters
            assert params["prompt_share"] == 0.9


def test_custom_dates_go_to_their_own_folder():
    plan = plan_run("2026-03-02", "2026-06-28", None)
    assert not plan.reference
    assert plan.processed_dir.parts[-3:] == ("runs", "2026-03-02_2026-06-28", "processed")
    assert plan_run(None, None, None).reference


def test_custom_run_executes_and_leaves_reference_untouched(tmp_path, capsys):
    before = fingerprint(PROCESSED_DIR, NOTEBOOKS_DIR)
    assert main(["run", "--start", "2026-05-25", "--end", "2026-06-14", "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert f"[1/{len(notebook_paths())}]" in out
    assert (tmp_path / "processed" / "weekly_origin_tokens.csv").exists()
    weeks = (tmp_path / "processed" / "weekly_origin_tokens.csv").read_text().splitlines()
    assert len(weeks) == 1 + 3 * 6  # three weeks x six origin groups
    index = (tmp_path / "index.html").read_text(encoding="utf-8")  # the custom run's own report
    assert "2026-05-25" in index and "2026-06-14" in index
    assert sorted(p.name for p in (tmp_path / "notebooks").glob("*.html")) == [
        p.with_suffix(".html").name for p in notebook_paths()]
    assert fingerprint(PROCESSED_DIR, NOTEBOOKS_DIR) == before
