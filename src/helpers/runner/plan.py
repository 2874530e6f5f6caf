"""Where a run reads and writes: the plan, the guard on its destination, its lock and its folders."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import ParameterError, ProjectError
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
    import jupytext

    notebook = jupytext.read(source)
    if not any("parameters" in c.metadata.get("tags", []) for c in notebook.cells):
        raise ProjectError(f"{relative_to_root(source)}: no cell tagged 'parameters'")
    return parameter_values(notebook)


def plan_run(
    start: str | None, end: str | None, out: str | None, raw: str | None = None, steps: list[Step] | None = None
) -> RunPlan:
    """Decide the run's folders; the default dates, raw folder and no --out make the reference run.

    A relative ``--out`` is relative to the current directory, as a reader typing it expects.
    """
    steps = steps or load_steps()
    defaults = notebook_defaults(steps[0].source())
    start = start or defaults["start_date"]
    end = end or defaults["end_date"]
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


@contextlib.contextmanager
def run_lock(plan: RunPlan) -> Iterator[None]:
    """One run at a time into one destination: a lock file beside it, created exclusively."""
    dest = plan.destination
    lock = (RUNS_DIR / ".reference.lock") if plan.reference else dest.parent / f".{dest.name}.lock"
    try:
        lock.parent.mkdir(parents=True, exist_ok=True)
        handle = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    except FileExistsError:
        holder = _lock_holder(lock)
        if holder is not None and _alive(holder):
            raise ParameterError(
                f"another run (process {holder}) is writing to {relative_to_root(dest)}; wait for it to finish"
            ) from None
        lock.unlink(missing_ok=True)  # left by a run that was killed
        handle = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    except OSError as exc:
        raise ParameterError(f"cannot write beside {dest}: {exc.strerror}") from None
    try:
        os.write(handle, str(os.getpid()).encode())
        os.close(handle)
        yield
    finally:
        lock.unlink(missing_ok=True)


def _lock_holder(lock: Path) -> int | None:
    try:
        return int(lock.read_text().strip())
    except (OSError, ValueError):
        return None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def staging_folder(plan: RunPlan) -> Path:
    """A new hidden folder beside the destination (same file system, so the final moves are renames)."""
    parent = RUNS_DIR if plan.reference else plan.destination.parent
    parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{plan.destination.name or 'reference'}.staging-", dir=parent))


def failed_folder(plan: RunPlan) -> Path:
    return RUNS_DIR / "failed" if plan.reference else plan.destination.parent / f"{plan.destination.name}.failed"
