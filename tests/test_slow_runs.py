"""Whole runs, slow, run by CI (`make test-slow`): Ctrl-C at any moment and a failing notebook leave
every committed file as it was; the whole pipeline finishes on the date ranges readers try.

Each test works on its own copy of the repository (``$OPENROUTER_AUDIT_ROOT``), so the runs never
touch the checkout or each other.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers.paths import ROOT, STAGING_ENV

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
    env.update(OPENROUTER_AUDIT_ROOT=str(repo), PYTHONPATH=str(repo / "src"))
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
    assert len(err.strip().splitlines()) == 1 and "04_enterprise_comparison failed: RuntimeError: boom" in err, err
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
    assert len(findings) == 4 and all(f["findings"] for f in findings.values())
    if (start, end) == ("2026-06-01", "2026-06-07"):
        text = " ".join(i["text"] for i in findings["02_headline_audit"]["findings"])
        assert "+27.3%" in text
    if (start, end) == ("2026-03-02", "2026-06-28"):
        table = json.loads((base / "data" / "processed" / "findings" / "04_enterprise_comparison.json").read_text())[
            "tables"
        ]
        assert table.get("Chinese labs under each measure"), "the Chinese-labs comparison vanished"
