"""Whole runs, slow, run by CI (`make test-slow`): Ctrl-C at any moment and a failing notebook leave
every committed file as it was; the whole pipeline finishes on the date ranges readers try.

Each test works on its own copy of the repository (``$OPENROUTER_AUDIT_ROOT``), so the runs never
touch the checkout or each other.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from helpers.paths import ROOT, STAGING_ENV
from helpers.steps import load_steps

pytestmark = pytest.mark.slow
sys.path.insert(0, str(ROOT / "scripts"))
from test_in_copy import copy_tree  # noqa: E402


def committed(root: Path) -> dict[str, str]:
    """Every file a run may write, with its sha256."""
    files = [p for folder in ("data", "reports", "notebooks") for p in (root / folder).rglob("*") if p.is_file()]
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(files)}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    copy_tree(ROOT, tmp_path / "repo")
    return tmp_path / "repo"


STARTED: list[subprocess.Popen] = []


@pytest.fixture(autouse=True, scope="module")
def runs_take_ctrl_c_as_in_a_terminal():
    """A run started from a terminal takes Ctrl-C; one started under a background job (``cmd &`` in
    a script, nohup) inherits SIGINT *ignored* and would ignore the Ctrl-C these tests send. With
    Python's own handler in this process, the runs it starts begin with the terminal's default."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)


@pytest.fixture(autouse=True)
def no_run_outlives_its_test():
    """A run that hangs fails its test (the timeouts below) and is then killed with its kernels,
    so it cannot linger and slow every later test."""
    yield
    while STARTED:
        process = STARTED.pop()
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def start_run(repo: Path, *args: str) -> subprocess.Popen:
    env = {key: value for key, value in os.environ.items() if key != STAGING_ENV}
    # unbuffered: the tests act on progress lines the moment they are printed
    env.update(OPENROUTER_AUDIT_ROOT=str(repo), PYTHONPATH=str(repo / "src"), PYTHONUNBUFFERED="1")
    process = subprocess.Popen(
        [sys.executable, "-m", "helpers", "run", *args],
        cwd=repo,
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    STARTED.append(process)
    return process


def wait_for(process: subprocess.Popen, text: str, timeout: float = 120) -> list[str]:
    seen, deadline = [], time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        seen.append(line)
        if text in line:
            return seen
    raise AssertionError(f"never saw {text!r}: {''.join(seen)}")


@pytest.mark.parametrize(
    "moment", ["Running", "02_headline_audit started", "04_enterprise_comparison started", "rendering the report"]
)
def test_ctrl_c_at_any_moment_leaves_every_committed_file_as_it_was(repo, moment):
    before = committed(repo)
    process = start_run(repo)
    wait_for(process, moment)
    os.killpg(process.pid, signal.SIGINT)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 130, err
    assert err.strip() == "interrupted: stopped before finishing; no committed file was changed", err
    assert committed(repo) == before
    assert not [p for p in (repo / "runs").glob(".*staging*")], "a staging folder was left behind"
    assert not (repo / "runs" / ".reference.lock").exists()


def test_a_failing_notebook_changes_no_committed_file_and_keeps_the_failed_notebook(repo):
    twin = repo / "notebooks" / "04_enterprise_comparison.py"
    twin.write_text(
        twin.read_text().replace(
            "# %% [markdown]\n# ## 1. The enterprise data",
            "# %%\nraise RuntimeError('boom')\n\n# %% [markdown]\n# ## 1. The enterprise data",
        )
    )
    before = committed(repo)
    process = start_run(repo)
    _, err = process.communicate(timeout=300)
    assert process.returncode == 2
    line = twin.read_text().splitlines().index("raise RuntimeError('boom')") + 1
    assert len(err.strip().splitlines()) == 1, err
    assert re.search(
        rf"^error: 04_enterprise_comparison failed in cell \d+ \(notebooks/04_enterprise_comparison\.py, line {line}\): "
        r"RuntimeError: boom; the failed notebook is kept at runs/failed/04_enterprise_comparison\.ipynb$",
        err.strip(),
    ), err
    assert (
        "runs/failed/04_enterprise_comparison.ipynb" in err
        and (repo / "runs" / "failed" / "04_enterprise_comparison.ipynb").is_file()
    )
    assert committed(repo) == before


@pytest.mark.parametrize(
    "start, end",
    [
        ("2026-06-01", "2026-06-07"),
        ("2026-06-03", "2026-06-05"),
        ("2026-10-09", "2026-10-09"),
        ("2026-03-02", "2026-06-28"),
    ],
)
def test_the_whole_pipeline_runs_on_ranges_readers_try(repo, start, end):
    process = start_run(repo, "--start", start, "--end", end)
    out, err = process.communicate(timeout=300)
    assert process.returncode == 0, err
    base = repo / "runs" / f"{start}_{end}"
    assert (base / "reports" / "index.html").is_file()
    findings = {p.stem: json.loads(p.read_text()) for p in (base / "data" / "processed" / "findings").glob("*.json")}
    assert len(findings) == len(load_steps()) and all(f["findings"] for f in findings.values())
    if (start, end) == ("2026-06-01", "2026-06-07"):
        text = " ".join(i["text"] for i in findings["02_headline_audit"]["findings"])
        assert "+27.3%" in text
    if (start, end) == ("2026-03-02", "2026-06-28"):
        table = json.loads((base / "data" / "processed" / "findings" / "04_enterprise_comparison.json").read_text())[
            "tables"
        ]
        assert table.get("Chinese labs under each measure"), "the Chinese-labs comparison vanished"


# --------------------------------------------------------------------------- kernels that die, signals, a killed runner


def kernels_of(runner: int) -> dict[str, int]:
    """The runner's kernel processes, by notebook (each kernel's connection file is named after it)."""
    kernels = {}
    for children in Path(f"/proc/{runner}/task").glob("*/children"):
        for pid in children.read_text().split():
            try:
                command = Path(f"/proc/{pid}/cmdline").read_bytes().decode()
            except OSError:
                continue
            found = re.search(r"sockets/(\w+)\.json", command)
            if found:
                kernels[found.group(1)] = int(pid)
    return kernels


def gone(pids, timeout: float = 10) -> bool:
    """Whether every process in ``pids`` has ended within ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not any(Path(f"/proc/{pid}").exists() for pid in pids):
            return True
        time.sleep(0.2)
    return False


def insert_cell(twin: Path, code: str) -> int:
    """Put a code cell right after the twin's parameters cell; return the line of its first line of code."""
    text = twin.read_text()
    anchor = text.index("# %%", text.index('# %% tags=["parameters"]') + 1)
    twin.write_text(text[:anchor] + f"# %%\n{code}\n\n" + text[anchor:])
    return text[:anchor].count("\n") + 2


def left_behind(repo: Path) -> list[str]:
    """A staging folder or a lock left in runs/."""
    return [p.name for p in (repo / "runs").glob(".*")] if (repo / "runs").exists() else []


def kernel_of(process: subprocess.Popen, notebook: str, timeout: float = 120) -> int:
    """The process id of ``notebook``'s kernel, as soon as the runner has started it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = kernels_of(process.pid).get(notebook)
        if found:
            return found
        time.sleep(0.05)
    raise AssertionError(f"no kernel for {notebook}")


@pytest.mark.parametrize("how", ["os._exit in a cell", "kill -9 in a cell", "kill -9 while it starts"])
def test_a_dead_kernel_ends_the_run_within_seconds_in_one_line(repo, how):
    """A kernel that dies (a cell calling os._exit, the out-of-memory killer's kill -9, in a cell or
    while the kernel starts) ends the run at once with one line naming the notebook, how its kernel
    ended and the cell; the failed notebook is kept, every other kernel is stopped, the lock released,
    nothing committed changed."""
    twin, running = repo / "notebooks" / "02_headline_audit.py", repo.parent / "cell-running"
    then = "os._exit(1)" if how.startswith("os._exit") else "time.sleep(300)"
    line = insert_cell(twin, f"import os, pathlib, time\n\npathlib.Path({str(running)!r}).touch()\n{then}")
    before = committed(repo)
    process = start_run(repo)
    kernel = kernel_of(process, "02_headline_audit")
    if how != "kill -9 while it starts":
        deadline = time.monotonic() + 120
        while not running.exists() and time.monotonic() < deadline:  # the cell is running
            time.sleep(0.1)
    kernels = kernels_of(process.pid)
    if how.startswith("kill"):
        os.kill(kernel, signal.SIGKILL)
    died = time.monotonic()
    _, err = process.communicate(timeout=120)
    assert time.monotonic() - died < 30, "the run did not notice the dead kernel within 30 s"
    assert process.returncode == 2, err
    ended = "killed by SIGKILL" if how.startswith("kill") else "exit code 1"
    where = (
        "before its first cell"
        if how == "kill -9 while it starts"
        else rf"while running cell \d+ \(notebooks/02_headline_audit\.py, from line {line}\)"
    )
    assert re.fullmatch(
        rf"error: 02_headline_audit: its kernel died \({ended}\) {where}; the failed notebook is kept at "
        r"runs/failed/02_headline_audit\.ipynb",
        err.strip(),
    ), err
    assert (repo / "runs" / "failed" / "02_headline_audit.ipynb").is_file()
    assert gone(kernels.values()), "a kernel outlived its run"
    assert committed(repo) == before and not left_behind(repo)


LIMITS = {
    "--cell-timeout": r"01_clean_rankings: cell 3 \(notebooks/01_clean_rankings\.py, from line {line}\) ran longer "
    r"than the 3 s a cell may take",
    "--notebook-timeout": r"01_clean_rankings: ran longer than the 8 s a notebook may take \(stopped in cell 3 "
    r"\(notebooks/01_clean_rankings\.py, from line {line}\)\)",
}


@pytest.mark.parametrize("option, value", [("--cell-timeout", "3"), ("--notebook-timeout", "8")])
def test_a_cell_or_notebook_past_its_time_limit_stops_the_run_naming_the_cell(repo, option, value):
    """A cell that hangs (here: the first after the parameters) is stopped at the limit, in one line
    naming the notebook, the cell and its line, with the failed notebook kept."""
    twin = repo / "notebooks" / "01_clean_rankings.py"
    line = insert_cell(twin, "import time\n\ntime.sleep(300)")
    process = start_run(repo, "--start", "2026-06-01", "--end", "2026-06-07", option, value)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 2, err
    assert re.fullmatch(
        "error: "
        + LIMITS[option].format(line=line)
        + r"; the failed notebook is kept at runs/2026-06-01_2026-06-07\.failed/01_clean_rankings\.ipynb",
        err.strip(),
    ), err
    assert not left_behind(repo)


@pytest.mark.parametrize(
    "signum, moment", [(signal.SIGTERM, "02_headline_audit started"), (signal.SIGHUP, "01_clean_rankings done")]
)
def test_sigterm_and_sighup_stop_a_run_exactly_as_ctrl_c_does(repo, signum, moment):
    """Mid-run: as notebooks start, and as a finished notebook's page is rendered while the others
    run. (The index alone is rendered after the last notebook, in well under a tenth of a second: a
    signal then races the final move, which the next test covers.)"""
    before = committed(repo)
    process = start_run(repo)
    wait_for(process, moment)
    kernels = kernels_of(process.pid)
    os.kill(process.pid, signum)
    _, err = process.communicate(timeout=120)
    name = signal.Signals(signum).name
    assert process.returncode == 128 + signum, err
    assert err.strip() == f"interrupted by {name}: stopped before finishing; no committed file was changed", err
    assert committed(repo) == before and not left_behind(repo)
    assert gone(kernels.values()), "a kernel outlived its run"


def test_sigterm_during_the_final_move_leaves_the_outputs_all_old_or_all_new(repo):
    """Every committed output is marked 'old' first; a finished run rewrites each one. A SIGTERM as
    the move begins must leave all of them old (stopped before) or all new (too late to stop)."""
    outputs = [p for folder in ("data/processed", "reports") for p in (repo / folder).rglob("*") if p.is_file()]
    outputs += list((repo / "notebooks").glob("*.ipynb"))
    for path in outputs:
        path.write_bytes(path.read_bytes() + b"\nold\n")
    process = start_run(repo)
    wait_for(process, "moving the finished run into place")
    os.kill(process.pid, signal.SIGTERM)
    out, err = process.communicate(timeout=60)
    old = [p for p in outputs if p.read_bytes().endswith(b"\nold\n")]
    assert old == outputs or old == [], f"{len(old)} of {len(outputs)} outputs old: a half-published run"
    if old:
        assert process.returncode == 143 and "interrupted by SIGTERM" in err, (out, err)
    else:
        assert process.returncode == 0 and err == "" and "the run is complete" in out, (out, err)
    assert not left_behind(repo)


def test_kill_9_of_the_runner_takes_its_kernels_along_and_the_next_run_cleans_up(repo):
    process = start_run(repo)
    wait_for(process, "02_headline_audit started")
    kernels = kernels_of(process.pid)
    assert kernels, "no kernel found"
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=10)
    assert gone(kernels.values()), "kernels outlived the runner killed with kill -9"
    temp = list(Path(tempfile.gettempdir()).glob(f"openrouter-audit-run-{process.pid}-*"))
    assert temp and left_behind(repo), "the killed run left nothing to clean up: the test proves nothing"
    again = start_run(repo)
    out, err = again.communicate(timeout=300)
    assert again.returncode == 0, err
    assert re.match(
        rf"  cleaned up after a run that was killed: a stale lock \(process {process.pid}\), 1 staging folder, "
        r"\d+ kernel temporary folders?\n",
        out,
    ), out
    assert not left_behind(repo) and not any(p.exists() for p in temp)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_a_run_in_a_crlf_checkout_shows_no_output_as_modified(repo, tmp_path):
    """core.autocrlf=true checks text files out with CRLF; the run writes LF. Only the run record, which
    names the (new) commit, may differ."""
    git = ["git", "-c", "user.email=t@example.org", "-c", "user.name=t", "-c", "init.defaultBranch=main"]
    subprocess.run([*git, "init", "-q"], cwd=repo, check=True)
    subprocess.run([*git, "add", "-A"], cwd=repo, check=True)
    subprocess.run([*git, "commit", "-qm", "copy"], cwd=repo, check=True)
    clone = tmp_path / "crlf"
    subprocess.run([*git, "clone", "-q", "-c", "core.autocrlf=true", str(repo), str(clone)], check=True)
    assert b"\r\n" in (clone / "notebooks" / "01_clean_rankings.py").read_bytes(), "not a CRLF checkout"
    process = start_run(clone)
    _, err = process.communicate(timeout=300)
    assert process.returncode == 0, err
    status = subprocess.run([*git, "status", "--porcelain"], cwd=clone, check=True, capture_output=True, text=True)
    assert status.stdout.splitlines() in ([], [" M data/processed/run_record.json"]), status.stdout
