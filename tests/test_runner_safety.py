"""The runner's safety nets, unit by unit (whole runs are in test_slow_runs.py): signals handled like
Ctrl-C and held during the final move, failures named by notebook, cell and twin line, time limits,
the lock that names its run, and the clean-up after a killed run."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import types

import pytest

from helpers import interrupts, runner
from helpers.errors import ParameterError, ProjectError
from helpers.paths import NOTEBOOKS_DIR
from helpers.runner import publish as runner_publish
from helpers.steps import load_steps

STEP = {s.notebook: s for s in load_steps()}["02_headline_audit"]


# --------------------------------------------------------------------------- signals


@pytest.mark.parametrize(
    "signum, line, status",
    [
        (signal.SIGINT, "interrupted: stopped before finishing; no committed file was changed", 130),
        (signal.SIGTERM, "interrupted by SIGTERM: stopped before finishing; no committed file was changed", 143),
        (signal.SIGHUP, "interrupted by SIGHUP: stopped before finishing; no committed file was changed", 129),
    ],
)
def test_sigterm_and_sighup_stop_a_command_exactly_as_ctrl_c_does(signum, line, status):
    with pytest.raises(KeyboardInterrupt) as caught:
        with interrupts.stopping_like_ctrl_c():
            os.kill(os.getpid(), signum)
            for _ in range(1000):  # the handler runs between two bytecodes of the main thread
                pass
    assert interrupts.interruption(caught.value) == (line, status)


def test_a_signal_the_command_was_started_with_ignored_stays_ignored():
    previous = signal.signal(signal.SIGHUP, signal.SIG_IGN)  # as under nohup
    try:
        with interrupts.stopping_like_ctrl_c():
            os.kill(os.getpid(), signal.SIGHUP)
            assert signal.getsignal(signal.SIGHUP) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGHUP, previous)


def test_every_signal_that_would_end_the_run_is_held_during_the_move():
    held = set(interrupts.holdable_signals())
    wanted = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT, signal.SIGUSR1, signal.SIGUSR2}
    assert wanted | {signal.SIGALRM} <= held
    assert not {signal.SIGKILL, signal.SIGSTOP, signal.SIGCHLD, signal.SIGSEGV} & held


@pytest.mark.parametrize(
    "signums, said",
    [
        ([signal.SIGINT], "Ctrl-C"),
        ([signal.SIGTERM], "SIGTERM"),
        ([signal.SIGHUP, signal.SIGTERM], "SIGHUP, SIGTERM"),
        ([signal.SIGUSR1], "SIGUSR1"),  # its default would end the process half-way through the move
        ([signal.SIGQUIT], "SIGQUIT"),
    ],
)
def test_a_signal_during_the_final_move_lets_the_finished_run_complete_and_says_so(
    signums, said, tmp_path, monkeypatch
):
    """The move into place cannot be half-done by any catchable signal: one that comes then is too
    late to stop the run, which completes (every file moved) and says so."""
    staging, destination = tmp_path / "staging", tmp_path / "run"
    staging.mkdir()
    for name in ("a.csv", "b.csv"):
        (staging / name).write_text("new\n")
    destination.mkdir()
    (destination / "old.csv").write_text("old\n")
    plan = runner.plan_run("2026-06-01", "2026-06-07", str(destination))
    original = runner_publish._replace_folder

    def move_with_signals(source, target):
        for signum in signums:
            os.kill(os.getpid(), signum)
        original(source, target)

    monkeypatch.setattr(runner_publish, "_replace_folder", move_with_signals)
    said_lines: list[str] = []
    with interrupts.stopping_like_ctrl_c():
        runner.move_into_place(plan, staging, said_lines.append)
    assert sorted(p.name for p in destination.iterdir()) == ["a.csv", "b.csv"]
    assert said_lines == [f"  {said} came while the finished run was being moved into place: the run is complete"]


# --------------------------------------------------------------------------- naming a failed cell


def twin_lines() -> list[str]:
    return STEP.source().read_text().splitlines()


def test_a_failing_cell_is_named_by_its_number_and_its_line_in_the_twin():
    notebook = runner.source_notebook(STEP)
    code = [i for i, c in enumerate(notebook.cells) if c.cell_type == "code" and "open_run" in c.source][0]
    watch = runner.CellWatch(STEP.notebook, STEP.source(), executed=notebook)
    watch.entered(notebook.cells[code], code)
    where = watch.where("\x1b[0;31mCell In[7], line 3\x1b[0m\n      1 ...")
    [(number, line)] = re.findall(r"cell (\d+) \(notebooks/02_headline_audit\.py, line (\d+)\)", where)
    number, line = int(number), int(line)
    assert number == code + 1
    assert twin_lines()[line - 1] == notebook.cells[code].source.splitlines()[2]
    assert watch.where("").endswith(f"from line {line - 2})")


def test_the_injected_parameters_cell_does_not_shift_the_numbers():
    notebook = runner.parameterized(runner.source_notebook(STEP), {"start_date": "2026-06-01"})
    injected = [i for i, c in enumerate(notebook.cells) if "injected-parameters" in c.metadata.get("tags", [])][0]
    watch = runner.CellWatch(STEP.notebook, STEP.source(), executed=notebook)
    watch.entered(notebook.cells[injected], injected)
    assert watch.where() == "the injected parameters cell"
    watch.entered(notebook.cells[injected + 1], injected + 1)
    line = runner.twin_line(STEP.source(), injected, 1)
    assert watch.where() == f"cell {injected + 1} (notebooks/02_headline_audit.py, from line {line})"
    assert twin_lines()[line - 1] == notebook.cells[injected + 1].source.splitlines()[0]


def test_time_limits_shrink_to_what_is_left_of_the_notebooks():
    watch = runner.CellWatch("n", NOTEBOOKS_DIR / "none.py", runner.Limits(600, 1800))
    assert watch.timeout(None) == 600 and not watch.over_notebook_limit()
    watch.started -= 1790
    assert watch.timeout(None) == 10
    watch.started -= 100
    assert watch.timeout(None) == 1 and watch.over_notebook_limit()  # never 0: nbclient reads it as no limit


@pytest.mark.parametrize("cell, notebook", [(0, 10), (-1, 10), (10, float("nan")), (float("inf"), 10)])
def test_a_limit_must_be_a_positive_number_of_seconds(cell, notebook):
    with pytest.raises(ParameterError, match="must be a positive number of seconds"):
        runner.Limits(cell, notebook)


@pytest.mark.parametrize(
    "returncode, said", [(-9, "killed by SIGKILL"), (-15, "killed by SIGTERM"), (1, "exit code 1"), (None, "unknown")]
)
def test_how_a_kernel_ended_is_said(returncode, said):
    assert said in runner.exit_description(returncode)


class DeadKernel:
    """Stands in for a kernel manager whose process was killed."""

    def __init__(self, returncode: int) -> None:
        process = types.SimpleNamespace(poll=lambda: returncode, pid=0)
        self.provisioner = types.SimpleNamespace(process=process)


def test_a_dead_kernel_is_one_line_naming_the_notebook_the_signal_and_the_cell(tmp_path):
    plan = runner.plan_run("2026-06-01", "2026-06-07", str(tmp_path / "run"))
    executor = runner.Executor(plan, tmp_path / "staging", tmp_path, tmp_path / "run.failed")
    notebook = runner.source_notebook(STEP)
    watch = runner.CellWatch(STEP.notebook, STEP.source(), executed=notebook)
    watch.entered(notebook.cells[3], 3)
    client = types.SimpleNamespace(nb=notebook)
    error = executor.failure(STEP, client, DeadKernel(-9), watch, RuntimeError("Kernel died"))
    assert isinstance(error, ProjectError)
    assert str(error).startswith("02_headline_audit: its kernel died (killed by SIGKILL) while running cell 4 (")
    assert str(error).endswith(
        "the failed notebook is kept at " + str(tmp_path / "run.failed" / f"{STEP.notebook}.ipynb")
    )
    assert (tmp_path / "run.failed" / f"{STEP.notebook}.ipynb").is_file()
    executor.stop_all()
    assert str(executor.failure(STEP, client, DeadKernel(-9), watch, RuntimeError())) == "02_headline_audit: stopped"


# --------------------------------------------------------------------------- the lock and what killed runs leave


def test_a_lock_naming_a_live_process_that_may_not_be_a_run_says_how_to_tell_and_remove_it(tmp_path):
    plan = runner.plan_run("2026-06-01", "2026-06-07", str(tmp_path / "run"))
    lock = tmp_path / ".run.lock"
    lock.write_text(f"{os.getppid()}\n")  # a live process, with no start time to tell it apart
    with pytest.raises(ParameterError) as caught:
        with runner.run_lock(plan):
            pass
    message = str(caught.value)
    assert f"says the lock {lock}" in message and f"ps -p {os.getppid()} -o args=" in message
    assert f"remove {lock} and run again" in message
    assert lock.read_text() == f"{os.getppid()}\n"


def test_a_lock_held_by_a_live_run_names_the_lock_and_how_to_stop_the_run(tmp_path):
    plan = runner.plan_run("2026-06-01", "2026-06-07", str(tmp_path / "run"))
    with runner.run_lock(plan):
        with pytest.raises(
            ParameterError,
            match=rf"wait for it to finish or stop it \(kill {os.getpid()}\); its lock is {tmp_path}/\.run\.lock",
        ):
            with runner.run_lock(plan):
                pass


@pytest.mark.skipif(runner.Holder.me().started is None, reason="no /proc: process start times are unknown")
def test_a_lock_whose_process_number_was_reused_is_taken_over_and_said(tmp_path):
    plan = runner.plan_run("2026-06-01", "2026-06-07", str(tmp_path / "run"))
    (tmp_path / ".run.lock").write_text(f"{os.getpid()} 1\n")  # this process' number, another start time
    with runner.run_lock(plan) as lock:
        assert lock.stale == f"a stale lock (process {os.getpid()})"
    assert not (tmp_path / ".run.lock").exists()


def finished_pid() -> int:
    """The number of a process that has ended."""
    process = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return int(process.stdout)


def test_a_new_run_removes_what_a_killed_run_left_and_says_so_in_one_line(tmp_path, monkeypatch):
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(temp))
    dead = temp / f"openrouter-audit-run-{finished_pid()}-123-abc"
    live = temp / f"openrouter-audit-run-{os.getpid()}-{runner.Holder.me().started or 0}-abc"
    tests = temp / "openrouter-audit-tests-xyz"  # the test suite's copy: not a run's
    for folder in (dead, live, tests, tmp_path / ".run.staging-1-a", tmp_path / ".run.staging-2-b"):
        folder.mkdir()
    (tmp_path / ".other.staging-3-c").mkdir()  # another destination's: its run may be alive
    (tmp_path / ".run.previous-4").mkdir()  # an earlier run a killed run had set aside
    (tmp_path / ".run.previous-4" / "kept.csv").write_text("x")
    (tmp_path / ".run.lock").write_text(f"{finished_pid()}\n")
    plan = runner.plan_run("2026-06-01", "2026-06-07", str(tmp_path / "run"))
    with runner.run_lock(plan) as lock:
        said = runner.remove_leftovers(plan, lock)
    assert said.startswith("  cleaned up after a run that was killed: a stale lock (process ")
    assert said.endswith(f", 2 staging folders, 1 kernel temporary folder, put back {tmp_path / 'run'}")
    assert "\n" not in said
    assert sorted(p.name for p in temp.iterdir()) == sorted([live.name, tests.name])
    assert sorted(p.name for p in tmp_path.iterdir()) == [".other.staging-3-c", "run", "tmp"]
    assert (tmp_path / "run" / "kept.csv").read_text() == "x"
    with runner.run_lock(plan) as lock:
        assert runner.remove_leftovers(plan, lock) is None


def test_a_run_keeps_its_kernels_files_in_one_temporary_folder_it_removes(tmp_path):
    with runner.run_temp() as temp:
        assert temp.name.startswith(f"openrouter-audit-run-{os.getpid()}-")
        assert temp not in runner.dead_temp_folders(temp.parent)
    assert not temp.exists()
