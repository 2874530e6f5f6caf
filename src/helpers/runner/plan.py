"""Where a run reads and writes: the plan, the guard on its destination, its lock and its folders."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import jupytext

from ..errors import ParameterError, ProjectError
from ..parameters import given, parse_day
from ..paths import (
    ROOT,
    RUN_MARKER,
    RUNS_DIR,
    OutputLayout,
    relative_to_root,
    resolve,
)
from ..steps import Step, load_steps, parameter_values

# What the reference run owns in the repository: replaced as a whole by every reference run.
REFERENCE_OWNED = ("data/processed", "reports")


Log = Callable[..., None]


@dataclass(frozen=True)
class RunPlan:
    """Where one run reads and writes."""

    start_date: str
    end_date: str
    raw_dir: Path
    destination: Path
    reference: bool

    @property
    def layout(self) -> OutputLayout:
        return OutputLayout(self.destination)

    def parameters(self) -> dict[str, str] | None:
        """What papermill injects; the reference run injects nothing (its notebooks keep their own
        parameters cell, so the committed notebooks show the defaults)."""
        if self.reference:
            return None
        return {
            "start_date": self.start_date,
            "end_date": self.end_date,
            "raw_dir": relative_to_root(self.raw_dir),
            "output_dir": relative_to_root(self.destination),
        }

    def describe(self) -> str:
        return "reference run" if self.reference else f"run into {relative_to_root(self.destination)}"


def notebook_defaults(source: Path) -> dict:
    """The literals of a notebook twin's ``parameters`` cell (the reference run's values)."""
    notebook = jupytext.read(source)
    if not any("parameters" in c.metadata.get("tags", []) for c in notebook.cells):
        raise ProjectError(f"{relative_to_root(source)}: no cell tagged 'parameters'")
    return parameter_values(notebook)


def plan_run(
    start: str | None, end: str | None, out: str | None, raw: str | None = None, steps: list[Step] | None = None
) -> RunPlan:
    """Decide the run's folders; the default dates, raw folder and no --out make the reference run.

    Parameters are checked strictly first (no empty value, days only as YYYY-MM-DD), before anything
    is created on disk. A relative ``--out`` is relative to the current directory, as a reader typing
    it expects.
    """
    steps = steps or load_steps()
    defaults = notebook_defaults(steps[0].source())
    start = given(
        start, "--start", f"give a day as YYYY-MM-DD, or leave --start out (default {defaults['start_date']})"
    )
    end = given(end, "--end", f"give a day as YYYY-MM-DD, or leave --end out (default {defaults['end_date']})")
    out = given(out, "--out", "name a folder, or leave --out out (default runs/<start>_<end>)")
    raw = given(raw, "--raw-dir", f"name a folder, or leave --raw-dir out (default {defaults['raw_dir']})")
    start = defaults["start_date"] if start is None else start
    end = defaults["end_date"] if end is None else end
    parse_day(start, "--start")
    parse_day(end, "--end")
    raw_dir = Path(raw).resolve() if raw else resolve(defaults["raw_dir"])
    reference = out is None and raw is None and (start, end) == (defaults["start_date"], defaults["end_date"])
    if reference:
        return RunPlan(start, end, raw_dir, ROOT, True)
    destination = Path(out).expanduser().resolve() if out else RUNS_DIR / f"{start}_{end}"
    return RunPlan(start, end, raw_dir, destination, False)


def guard_destination(plan: RunPlan) -> None:
    """Refuse an output folder inside the repository (other than under ``runs/``) or holding it,
    one that holds unrelated files, or a file; a previous run's folder (it carries a marker
    file) may be replaced whole."""
    if plan.reference:
        return
    dest = plan.destination
    inside_repository = dest == ROOT or ROOT in dest.parents
    if dest in ROOT.parents or (inside_repository and RUNS_DIR not in dest.parents):
        raise ParameterError(
            f"--out {dest} is the repository or one of its own folders; runs go to a new "
            f"folder, e.g. runs/{plan.start_date}_{plan.end_date}"
        )
    if dest.exists() and not dest.is_dir():
        raise ParameterError(f"--out {dest} is a file, not a folder")
    if dest.is_dir() and any(dest.iterdir()) and not (dest / RUN_MARKER).is_file():
        raise ParameterError(
            f"--out {dest} is not empty and is not an earlier run of this tool; choose a new or empty folder"
        )
    parent = dest.parent
    while not parent.exists():
        parent = parent.parent
    if not parent.is_dir() or not os.access(parent, os.W_OK | os.X_OK):
        raise ParameterError(f"--out {dest}: cannot write in {parent} (permission denied or not a folder)")


def run_key(plan: RunPlan) -> str:
    """The name a run's lock and staging folders share: ``reference`` or the destination's name."""
    return "reference" if plan.reference else plan.destination.name


def staging_parent(plan: RunPlan) -> Path:
    """Where a run's staging folder goes: beside the destination, on its file system (so the final
    moves are renames)."""
    return RUNS_DIR if plan.reference else plan.destination.parent


def failed_folder(plan: RunPlan) -> Path:
    """Where a failed run keeps its failed notebook for the reader."""
    return RUNS_DIR / "failed" if plan.reference else plan.destination.parent / f"{plan.destination.name}.failed"
