"""The bad-input corpus, continued (see test_bad_inputs.py): parameters, a full disk, line endings.

Each parameter case runs the command a reader types and checks that it ends in one ``error:`` line
naming the parameter, before anything is created on disk (no output folder, no lock, no ``runs/``
folder), with every committed file as it was. Whole-run cases (kernels that die, signals, a killed
runner, time limits, a failing cell named by its twin line, a CRLF checkout) are in test_slow_runs.py.
"""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from conftest import digest

from helpers import runner
from helpers.cli import main, os_error_line
from helpers.figures import Chart, write_figure_data
from helpers.paths import NOTEBOOKS_DIR, PROCESSED_DIR, RAW_DIR, REPORTS_DIR, ROOT, RUNS_DIR
from helpers.pipeline import write_table
from helpers.steps import load_steps

VALID_RANGE = r"the raw data covers 2025-01-01 to \d{4}-\d{2}-\d{2}"  # the end moves with new data
RUN_CASES = {
    "empty start": (["--start", ""], r"--start is empty: give a day as YYYY-MM-DD, or leave --start out \(default "),
    "blank end": (["--end", "  "], r"--end is empty"),
    "empty out": (["--out", ""], r"--out is empty: name a folder, or leave --out out"),
    "empty raw-dir": (["--raw-dir", ""], r"--raw-dir is empty"),
    "unpadded date": (["--start", "2026-3-2"], r"--start='2026-3-2' is not a date in YYYY-MM-DD form"),
    "slashed date": (["--end", "02/03/2026"], r"--end='02/03/2026' is not a date in YYYY-MM-DD form"),
    "no such day": (["--start", "2026-02-30"], r"--start='2026-02-30' is not a date in YYYY-MM-DD form: there is no"),
    "month 13": (["--end", "2026-13-01"], r"--end='2026-13-01' is not a date"),
    "a date with a time": (["--start", "2026-06-01T00:00"], r"is not a date in YYYY-MM-DD form"),
    "start after end": (
        ["--start", "2026-06-30", "--end", "2026-06-01"],
        r"is after end_date 2026-06-01; " + VALID_RANGE,
    ),
    "before the data": (["--start", "2024-12-01"], r"fall outside the data: " + VALID_RANGE),
    "no cell time": (["--cell-timeout", "0"], r"--cell-timeout must be a positive number of seconds, got '0'"),
    "words for time": (["--notebook-timeout", "soon"], r"--notebook-timeout must be a positive number of seconds"),
}


@pytest.fixture(scope="module")
def untouched():
    return digest(RAW_DIR), digest(PROCESSED_DIR, NOTEBOOKS_DIR, REPORTS_DIR)


@pytest.mark.parametrize("case", list(RUN_CASES))
def test_a_bad_parameter_is_one_line_before_anything_is_created(case, tmp_path, capsys, untouched):
    args, message = RUN_CASES[case]
    defaults = ["--start", "2026-06-01", "--end", "2026-06-07", "--out", str(tmp_path / "runs" / "out")]
    given = dict(zip(args[::2], args[1::2]))
    for name, value in zip(defaults[::2], defaults[1::2]):
        given.setdefault(name, value)
    assert main(["run", *[part for pair in given.items() for part in pair]]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and len(err.strip().splitlines()) == 1, err
    assert re.search(message, err), err
    assert list(tmp_path.iterdir()) == [], "something was created before the parameters were accepted"
    assert (digest(RAW_DIR), digest(PROCESSED_DIR, NOTEBOOKS_DIR, REPORTS_DIR)) == untouched


def test_a_rejected_date_creates_no_folder_under_runs(capsys):
    """``02/03/2026`` once made ``runs/02/03/`` before it was refused."""
    assert main(["run", "--start", "02/03/2026", "--end", "2026-06-07"]) == 2
    assert "is not a date in YYYY-MM-DD form" in capsys.readouterr().err
    assert not (RUNS_DIR / "02").exists() and not list(RUNS_DIR.glob(".02*"))


@pytest.mark.parametrize(
    "args, message",
    [
        (["--date", "2026-13-45"], r"--date='2026-13-45' is not a date in YYYY-MM-DD form: there is no such day"),
        (["--date", "2026-3-2"], r"--date='2026-3-2' is not a date in YYYY-MM-DD form"),
        (["--date", ""], r"--date is empty"),
        (["--reason", ""], r"--reason is empty"),
    ],
)
def test_seal_refuses_an_impossible_date_or_an_empty_reason_and_writes_nothing(args, message, tmp_path, capsys):
    folder = tmp_path / "prices"
    shutil.copytree(RAW_DIR / "prices", folder)
    before = digest(folder)
    given = {"--reason": "a test", **dict(zip(args[::2], args[1::2]))}
    assert main(["seal", str(folder), *[part for pair in given.items() for part in pair]]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and len(err.strip().splitlines()) == 1 and re.search(message, err), err
    assert digest(folder) == before


# --------------------------------------------------------------------------- a full disk names the file


def full_disk_at(path: Path) -> Path:
    """Make writes to ``path`` fail as on a full disk: it becomes a link to /dev/full (ENOSPC)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to("/dev/full")
    return path


needs_dev_full = pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full on this system")


@needs_dev_full
def test_a_table_written_to_a_full_disk_names_the_table(tmp_path):
    target = tmp_path / "data" / "processed" / "weekly.csv"
    full_disk_at(target.with_name(".weekly.csv.partial"))
    with pytest.raises(OSError) as caught:
        write_table(pd.DataFrame({"a": [1]}), target)
    assert caught.value.errno == errno.ENOSPC and caught.value.filename == str(target)
    assert os_error_line(caught.value) == f"No space left on device: {target}"


@needs_dev_full
def test_a_figures_data_written_to_a_full_disk_names_the_file(tmp_path):
    chart = Chart(name="02_x", title="t", alt="", fig=None, data=pd.DataFrame({"a": [1]}))
    full_disk_at(tmp_path / "02_x.csv")
    with pytest.raises(OSError) as caught:
        write_figure_data(chart, tmp_path, "source")
    assert caught.value.errno == errno.ENOSPC and caught.value.filename == str(tmp_path / "02_x.csv")


@needs_dev_full
def test_an_executed_or_failed_notebook_on_a_full_disk_names_the_file(tmp_path):
    first = load_steps()[0]
    notebook = runner.source_notebook(first)
    executed = full_disk_at(tmp_path / "notebooks" / f"{first.notebook}.ipynb")
    with pytest.raises(OSError) as caught:
        runner.write_executed(notebook, executed)
    assert caught.value.errno == errno.ENOSPC and caught.value.filename == str(executed)
    plan = runner.plan_run("2026-06-01", "2026-06-07", str(tmp_path / "run"))
    executor = runner.Executor(plan, tmp_path / "staging", tmp_path, tmp_path / "run.failed")
    failed = full_disk_at(tmp_path / "run.failed" / f"{first.notebook}.ipynb")
    assert executor.keep_failed(first, notebook) == (
        f"the failed notebook could not be kept (No space left on device: {failed})"
    )


# --------------------------------------------------------------------------- line endings


def git(folder: Path, *args: str) -> str:
    command = ["git", "-c", "user.email=t@example.org", "-c", "user.name=t", "-c", "init.defaultBranch=main", *args]
    return subprocess.run(command, cwd=folder, check=True, capture_output=True, text=True).stdout


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_a_crlf_checkout_gets_the_generated_outputs_with_the_lf_endings_runs_write(tmp_path):
    """With core.autocrlf=true, git checks text files out with CRLF; a run rewrites its outputs with
    LF, and every one would show as modified. .gitattributes keeps the outputs LF (and PNGs binary)."""
    source, clone = tmp_path / "source", tmp_path / "clone"
    source.mkdir()
    shutil.copy(ROOT / ".gitattributes", source / ".gitattributes")
    outputs = {
        "data/processed/t.csv": b"a,b\n1,2\n",
        "data/processed/run_record.json": b'{\n  "a": 1\n}\n',
        "reports/index.html": b"<p>\n</p>\n",
        "reports/figures/f.svg": b"<svg>\n</svg>\n",
        "reports/figures/f.png": b"\x89PNG\r\n\x1a\n\x00\x00\nbinary\n",
    }
    for name, data in outputs.items():
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        (source / name).write_bytes(data)
    git(source, "init", "-q")
    git(source, "add", "-A")
    git(source, "commit", "-qm", "outputs")
    git(tmp_path, "clone", "-q", "-c", "core.autocrlf=true", str(source), str(clone))
    assert {name: (clone / name).read_bytes() for name in outputs} == outputs
    for name, data in outputs.items():  # a run writes the same bytes: nothing shows as modified
        (clone / name).write_bytes(data)
    assert git(clone, "status", "--porcelain") == ""
    assert json.loads((clone / "data/processed/run_record.json").read_text()) == {"a": 1}
