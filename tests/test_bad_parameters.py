"""The bad-input corpus, continued (see test_bad_inputs.py): a full disk, line endings."""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest

from helpers.figures import Chart, write_figure_data
from helpers.paths import ROOT
from helpers.pipeline import write_table

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


@needs_dev_full
def test_a_figures_data_written_to_a_full_disk_names_the_file(tmp_path):
    chart = Chart(name="02_x", title="t", alt="", fig=None, data=pd.DataFrame({"a": [1]}))
    full_disk_at(tmp_path / "02_x.csv")
    with pytest.raises(OSError) as caught:
        write_figure_data(chart, tmp_path, "source")
    assert caught.value.errno == errno.ENOSPC and caught.value.filename == str(tmp_path / "02_x.csv")


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
