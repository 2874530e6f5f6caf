"""Publishing a finished run: report pages, the run record, and the move into place."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import naming_file
from ..interrupts import held_signals, signal_name
from ..paths import (
    NOTEBOOKS_DIR,
    ROOT,
    RUN_MARKER,
    OutputLayout,
    relative_to_root,
)
from ..steps import Step, check_outputs, written_files
from .plan import REFERENCE_OWNED, Log, RunPlan

if TYPE_CHECKING:
    from ..report import Pages

CODE_PATHS = ("src", "notebooks/*.py", "notebooks/pipeline.toml", "requirements.txt", "pyproject.toml")


class EarlyPages:
    """Renders a notebook's report page as soon as the notebook has run, in the thread that ran it
    (one page at a time), so that when the last notebook finishes only its page and the index are
    left to render."""

    def __init__(self, plan: RunPlan, staging: Path, steps: list[Step]) -> None:
        self.plan, self.layout, self.steps = plan, OutputLayout(staging), steps
        self.lock = threading.Lock()
        self.pages: Pages | None = None
        self.rendered: set[str] = set()

    def __call__(self, step: Step) -> None:
        from ..report import report_pages  # here, not at the top: nbconvert and pandas load after the kernels start

        with self.lock:
            if self.pages is None:
                self.pages = report_pages(self.steps, self.plan.raw_dir, self.plan.start_date, self.plan.end_date)
            self.pages.render(self.layout, step)
            self.rendered.add(step.notebook)


def code_version(root: Path = ROOT) -> dict[str, object]:
    """The last commit that changed the code (not the outputs) and whether the code has uncommitted
    changes; a copy without git history says so."""
    try:
        commit = subprocess.run(
            ["git", "log", "-1", "--format=%H", "--", *CODE_PATHS], cwd=root, check=True, capture_output=True, text=True
        ).stdout.strip()
        changes = subprocess.run(
            ["git", "status", "--porcelain", "--", *CODE_PATHS], cwd=root, check=True, capture_output=True, text=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return {"code_commit": "unknown (not a git checkout)", "code_uncommitted_changes": "unknown"}
    return {"code_commit": commit or "unknown", "code_uncommitted_changes": bool(changes)}


def run_record(plan: RunPlan, layout: OutputLayout, steps: list[Step]) -> dict:
    """What produced this run: parameters, data, code and environment, and every output's sha256."""
    from ..manifest import sha256_of  # here, not at the top: pandas loads after the kernels start
    from ..pipeline import verify_and_describe

    vintages, provenance = verify_and_describe(plan.raw_dir)
    requirements = ROOT / "requirements.txt"
    outputs = {name: sha256_of(layout.base / name) for name in sorted(written_files(layout))}
    return {
        "parameters": {
            "start_date": plan.start_date,
            "end_date": plan.end_date,
            "raw_dir": relative_to_root(plan.raw_dir),
            "reference_run": plan.reference,
        },
        "data": {
            "as_of": provenance.as_of,
            "data_version": provenance.data_version,
            "rankings_vintages": vintages.astype(str).to_dict("records"),
        },
        "code": code_version(),
        "environment": {"requirements_sha256": sha256_of(requirements) if requirements.is_file() else "missing"},
        "notebooks": [step.notebook for step in steps],
        "outputs_sha256": outputs,
    }


RECORD = "data/processed/run_record.json"


def move_into_place(plan: RunPlan, staging: Path, log: Log = print, published: threading.Event | None = None) -> None:
    """Replace the destination's outputs with the staged ones, with every catchable signal held back
    (a half-moved run would mix two runs). A signal during the move comes too late to stop the run:
    it finishes, and says so, rather than claim nothing was changed. ``published`` is set before the
    signals are let through again, so a caller can tell an interruption after the move from one before."""
    with held_signals() as received:
        if plan.reference:
            _replace_reference(staging)
        else:
            _replace_folder(staging, plan.destination)
        if published is not None:
            published.set()
    if received:
        names = ", ".join(sorted({"Ctrl-C" if s == signal.SIGINT else signal_name(s) for s in received}))
        log(f"  {names} came while the finished run was being moved into place: the run is complete")


def _replace_folder(staging: Path, destination: Path) -> None:
    old = destination.with_name(f".{destination.name}.previous-{os.getpid()}")
    if destination.exists():
        os.rename(destination, old)
    os.rename(staging, destination)
    shutil.rmtree(old, ignore_errors=True)


def _replace_reference(staging: Path) -> None:
    """Move every staged file over its committed counterpart, then remove committed outputs the
    run no longer produces (only inside the folders the reference run owns)."""
    produced = written_files(OutputLayout(staging))
    for name in sorted(produced):
        target = ROOT / name
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staging / name, target)
    owned = [p for folder in REFERENCE_OWNED for p in (ROOT / folder).rglob("*") if p.is_file()]
    owned += list(NOTEBOOKS_DIR.glob("*.ipynb"))
    for path in owned:
        if path.relative_to(ROOT).as_posix() not in produced:
            path.unlink()
    shutil.rmtree(staging, ignore_errors=True)


def finish(
    plan: RunPlan,
    staging: Path,
    steps: list[Step],
    pages: EarlyPages,
    log: Log,
    published: threading.Event | None = None,
) -> None:
    """Check what the notebooks wrote, finish the report, write the run record, move into place."""
    from ..report import build_report  # here, not at the top: nbconvert and pandas load after the kernels start

    layout = OutputLayout(staging)
    check_outputs(steps, layout)
    log("  rendering the report")
    with naming_file(layout.report):  # a full disk while rendering names at least the report's folder
        build_report(layout, plan.raw_dir, pages.pages, pages.rendered)
    if not plan.reference:
        write_text_file(staging / RUN_MARKER, json.dumps({"start_date": plan.start_date, "end_date": plan.end_date}))
    record = run_record(plan, layout, steps)
    write_text_file(staging / RECORD, json.dumps(record, indent=2, sort_keys=True))
    log("  moving the finished run into place")
    move_into_place(plan, staging, log, published)


def write_text_file(path: Path, text: str) -> None:
    """A small text file ending in one LF whatever the platform (reruns give identical bytes); a full
    disk names it."""
    with naming_file(path):
        path.write_bytes((text + "\n").encode("utf-8"))
