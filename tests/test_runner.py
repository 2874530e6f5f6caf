"""The run command: planning, guarded output folders, the lock, the declared pipeline, and
parameters checked before any notebook starts."""

from __future__ import annotations

import os
import threading
import time

import pytest
from conftest import digest

from helpers import runner
from helpers.cli import main
from helpers.errors import ParameterError, ProjectError
from helpers.paths import NOTEBOOKS_DIR, PROCESSED_DIR, RANKINGS_DIR, ROOT, RUN_MARKER, RUNS_DIR
from helpers.pipeline import check_run_dates
from helpers.runner import publish as runner_publish
from helpers.steps import Step, dependencies, load_steps, longest_chain


@pytest.mark.parametrize(
    "start, end, message",
    [
        ("2026-13-01", "2026-06-30", r"start_date='2026-13-01' is not a date"),
        (
            "2026-06-30",
            "2026-06-01",
            r"start_date 2026-06-30 is after end_date 2026-06-01; the raw data covers 2025-01-01 to 2026-10-09",
        ),
        ("2024-12-01", "2025-02-01", r"outside the data: the raw data covers 2025-01-01 to 2026-10-09"),
        ("2026-09-01", "2026-12-31", r"outside the data: the raw data covers 2025-01-01 to 2026-10-09"),
    ],
)
def test_bad_dates_name_the_valid_range(start, end, message):
    with pytest.raises(ParameterError, match=message):
        check_run_dates(start, end, RANKINGS_DIR)


def test_cli_bad_dates_exit_nonzero_in_one_line_and_change_nothing(capsys):
    before = digest(PROCESSED_DIR, NOTEBOOKS_DIR)
    assert main(["run", "--start", "2026-06-30", "--end", "2026-06-01"]) == 2
    err = capsys.readouterr().err
    assert "the raw data covers 2025-01-01 to 2026-10-09" in err and len(err.strip().splitlines()) == 1
    assert digest(PROCESSED_DIR, NOTEBOOKS_DIR) == before


def test_parameters_cells_hold_the_reference_run():
    for step in load_steps():
        params = runner.notebook_defaults(step.source())
        assert params["start_date"] == "2025-01-01" and params["end_date"] == "2026-10-09"
        assert params["output_dir"] == "." and params["raw_dir"] == "data/raw"


def test_custom_dates_go_to_their_own_folder_and_relative_out_is_relative_to_the_current_directory(
    tmp_path, monkeypatch
):
    plan = runner.plan_run("2026-03-02", "2026-06-28", None)
    assert not plan.reference and plan.destination == RUNS_DIR / "2026-03-02_2026-06-28"
    assert runner.plan_run(None, None, None).reference
    monkeypatch.chdir(tmp_path)
    assert runner.plan_run("2026-06-01", "2026-06-07", "mine").destination == tmp_path / "mine"


@pytest.mark.parametrize("out", [".", "reports", "notebooks", "data", "data/processed", "src", ".."])
def test_the_repositorys_own_folders_are_refused(out, capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    before = digest(PROCESSED_DIR, NOTEBOOKS_DIR)
    assert main(["run", "--start", "2026-06-01", "--end", "2026-06-07", "--out", out]) == 2
    err = capsys.readouterr().err
    assert "is the repository or one of its own folders" in err and len(err.strip().splitlines()) == 1
    assert digest(PROCESSED_DIR, NOTEBOOKS_DIR) == before


def test_a_folder_with_other_files_or_a_file_is_refused_but_an_earlier_run_is_not(tmp_path):
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "mine.txt").write_text("keep me")
    with pytest.raises(ParameterError, match="is not empty and is not an earlier run"):
        runner.guard_destination(runner.plan_run("2026-06-01", "2026-06-07", str(tmp_path / "notes")))
    (tmp_path / "afile").write_text("x")
    with pytest.raises(ParameterError, match="is a file, not a folder"):
        runner.guard_destination(runner.plan_run("2026-06-01", "2026-06-07", str(tmp_path / "afile")))
    (tmp_path / "earlier").mkdir()
    (tmp_path / "earlier" / RUN_MARKER).write_text("{}")
    (tmp_path / "earlier" / "old.csv").write_text("x")
    runner.guard_destination(runner.plan_run("2026-06-01", "2026-06-07", str(tmp_path / "earlier")))
    assert (tmp_path / "notes" / "mine.txt").read_text() == "keep me"


def test_an_unwritable_out_is_one_line(capsys):
    assert main(["run", "--start", "2026-06-01", "--end", "2026-06-07", "--out", "/proc/no-such/run"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_a_second_run_into_the_same_place_is_refused(tmp_path):
    plan = runner.plan_run("2026-06-01", "2026-06-07", str(tmp_path / "run"))
    with runner.run_lock(plan):
        with pytest.raises(ParameterError, match=r"another run \(process \d+\) is writing to"):
            with runner.run_lock(plan):
                pass
    with runner.run_lock(plan):  # released: free again
        pass


def test_a_lock_left_by_a_killed_run_is_taken_over(tmp_path):
    plan = runner.plan_run("2026-06-01", "2026-06-07", str(tmp_path / "run"))
    (tmp_path / ".run.lock").write_text("999999999")
    with runner.run_lock(plan) as lock:
        assert (tmp_path / ".run.lock").read_text().split()[0] == str(os.getpid())
        assert lock.stale == "a stale lock (process 999999999)"


def test_the_declared_pipeline_orders_the_notebooks():
    needs = dependencies(load_steps())
    assert needs == {
        "01_clean_rankings": set(),
        "02_headline_audit": {"01_clean_rankings"},
        "03_spend_lens": {"01_clean_rankings"},
        "04_enterprise_comparison": {"01_clean_rankings", "03_spend_lens"},
        "05_claims_checked": {"01_clean_rankings", "03_spend_lens"},
    }


def test_a_step_reading_what_nobody_writes_is_refused(tmp_path):
    for step in load_steps():
        (tmp_path / f"{step.notebook}.py").write_text("")
    text = (
        (NOTEBOOKS_DIR / "pipeline.toml")
        .read_text()
        .replace('"data/processed/daily_model_spend.csv"]', '"data/processed/nobody.csv"]')
    )
    (tmp_path / "pipeline.toml").write_text(text)
    with pytest.raises(ProjectError, match="reads data/processed/nobody.csv, which no earlier step writes"):
        load_steps(tmp_path)


class RecordingExecutor:
    """Stands in for the kernel executor: records when each step ran and when it wrote its tables.

    Each step takes 0.3 s and writes its tables half-way, into ``staging`` when one is given."""

    def __init__(self, staging=None) -> None:
        self.spans: dict[str, tuple[float, float]] = {}
        self.wrote: dict[str, float] = {}
        self.staging = staging
        self.lock = threading.Lock()

    def execute(self, step: Step) -> float:
        started = time.perf_counter()
        time.sleep(0.15)
        wrote = time.perf_counter()  # just before the tables appear: nothing reading them can start earlier
        if self.staging is not None:
            for name in step.writes:
                (self.staging / name).parent.mkdir(parents=True, exist_ok=True)
                (self.staging / name).write_text("x")
        time.sleep(0.15)
        with self.lock:
            self.spans[step.notebook] = (started, time.perf_counter())
            self.wrote[step.notebook] = wrote
        return 0.3

    def stop_all(self) -> None:
        pass


def test_independent_notebooks_run_side_by_side_and_dependents_wait():
    executor = RecordingExecutor()
    runner.execute_steps(load_steps(), executor, log=lambda *a, **k: None)
    spans = executor.spans
    assert (
        spans["02_headline_audit"][0] < spans["03_spend_lens"][1]
        and spans["03_spend_lens"][0] < spans["02_headline_audit"][1]
    )
    assert spans["04_enterprise_comparison"][0] >= spans["03_spend_lens"][1]
    assert min(spans[n][0] for n in ("02_headline_audit", "03_spend_lens")) >= spans["01_clean_rankings"][1]


def test_a_notebook_starts_as_soon_as_the_tables_it_reads_are_written(tmp_path):
    """Notebook 4 reads notebook 3's daily spend table: it starts once that table exists, while
    notebook 3 is still drawing its figures, and never before."""
    executor = RecordingExecutor(staging=tmp_path)
    runner.execute_steps(load_steps(), executor, log=lambda *a, **k: None, staging=tmp_path)
    spans, wrote = executor.spans, executor.wrote
    assert wrote["03_spend_lens"] <= spans["04_enterprise_comparison"][0] < spans["03_spend_lens"][1]
    for reader in ("02_headline_audit", "03_spend_lens"):
        assert wrote["01_clean_rankings"] <= spans[reader][0] < spans["01_clean_rankings"][1]


def test_a_notebook_cannot_read_a_table_it_does_not_declare(tmp_path, monkeypatch):
    """The runner starts a notebook once its declared inputs exist, so an undeclared read could
    race the notebook writing it: Run.read refuses it, naming the file and pipeline.toml."""
    from helpers.paths import STAGING_ENV
    from helpers.pipeline import open_run

    monkeypatch.delenv(STAGING_ENV, raising=False)
    run = open_run("02_headline_audit", "2026-06-01", "2026-06-07", "data/raw", str(tmp_path))
    with pytest.raises(
        ProjectError,
        match=r"02_headline_audit reads data/processed/daily_model_spend.csv but does not declare it in pipeline.toml",
    ):
        run.read("daily_model_spend.csv")
    with pytest.raises(
        ProjectError, match=r"weekly_origin_tokens.csv is missing from .*: run notebook 01_clean_rankings first"
    ):
        run.read("weekly_origin_tokens.csv")


def test_the_longest_chain_keeps_the_cpu_and_a_notebook_that_fed_the_rest_yields_it(tmp_path):
    """Notebook 2 feeds nothing and is off the longest chains (1 -> 3 -> 4 and 1 -> 3 -> 5): it runs at
    lower priority from the start. Notebooks 1 and 3 yield once every table another notebook reads
    from them exists; notebooks 4 and 5, the chains' ends, never do."""
    steps = load_steps()
    assert longest_chain(steps) == {
        "01_clean_rankings",
        "03_spend_lens",
        "04_enterprise_comparison",
        "05_claims_checked",
    }
    by_name = {s.notebook: s for s in steps}
    fed = {name: runner.fed_everyone(step, steps, tmp_path) for name, step in by_name.items()}
    assert not any(fed.values())
    (tmp_path / "data" / "processed").mkdir(parents=True)
    (tmp_path / "data" / "processed" / "daily_model_tokens.csv").write_text("x")
    assert not runner.fed_everyone(by_name["01_clean_rankings"], steps, tmp_path)  # the weekly table is still to come
    (tmp_path / "data" / "processed" / "weekly_origin_tokens.csv").write_text("x")
    (tmp_path / "data" / "processed" / "daily_model_spend.csv").write_text("x")
    fed = {name: runner.fed_everyone(step, steps, tmp_path) for name, step in by_name.items()}
    assert fed == {
        "01_clean_rankings": True,
        "02_headline_audit": False,
        "03_spend_lens": True,
        "04_enterprise_comparison": False,
        "05_claims_checked": False,
    }


def test_notebook_1_reuses_the_checked_rankings_only_for_the_same_raw_data(tmp_path):
    """The runner's input check cleans the rankings; notebook 1 takes that result instead of cleaning
    them again, but only for the same raw folder at the same data version."""
    from pandas.testing import assert_frame_equal

    from helpers.clean import checked_rankings, clean_rankings, keep_checked_rankings
    from helpers.manifest import data_version
    from helpers.paths import RAW_DIR

    cleaned = clean_rankings(RAW_DIR)
    keep_checked_rankings(cleaned, RAW_DIR, tmp_path)
    version = data_version(RAW_DIR)
    reused = checked_rankings(tmp_path, RAW_DIR, version)
    assert_frame_equal(reused.classified, cleaned.classified)
    assert_frame_equal(reused.reconciliation, cleaned.reconciliation)
    assert checked_rankings(tmp_path, RAW_DIR, "another data version") is None
    assert checked_rankings(tmp_path, tmp_path, version) is None
    assert checked_rankings(tmp_path / "elsewhere", RAW_DIR, version) is None


def test_a_ctrl_c_during_the_final_move_lets_the_finished_run_complete_and_says_so(tmp_path, monkeypatch):
    """Files are moved into place with Ctrl-C held back; one that comes then is too late to stop the
    run, so the run completes and says so instead of claiming that nothing changed."""
    import signal as signals

    staging, destination = tmp_path / "staging", tmp_path / "run"
    staging.mkdir()
    (staging / "table.csv").write_text("x\n")
    plan = runner.plan_run("2026-06-01", "2026-06-07", str(destination))
    said: list[str] = []
    original = runner_publish._replace_folder

    def move_and_interrupt(source, target):
        os.kill(os.getpid(), signals.SIGINT)
        original(source, target)

    monkeypatch.setattr(runner_publish, "_replace_folder", move_and_interrupt)
    runner.move_into_place(plan, staging, said.append)
    assert (destination / "table.csv").read_text() == "x\n"
    assert said == ["  Ctrl-C came while the finished run was being moved into place: the run is complete"]
