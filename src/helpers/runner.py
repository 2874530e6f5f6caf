"""Execute the notebooks in order with papermill, safely, then render the HTML report.

A reference run (the notebooks' own default dates) re-executes the committed notebooks and
rewrites ``data/processed``, ``reports/figures`` and the report (``reports/index.html``). A run with other dates writes everything
under its own folder (``runs/<start>_<end>/`` unless ``--out`` says otherwise) and leaves the
reference run untouched. Parameters and raw data are checked before any notebook starts, and a
notebook is executed into a temporary file that replaces the committed one only on success, so
a failed run changes no committed file.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat
import papermill as pm
from nbconvert.preprocessors.coalescestreams import CoalesceStreamsPreprocessor

from .errors import ProjectError
from .manifest import verify_raw_data
from .paths import NOTEBOOKS_DIR, ROOT, relative_to_root
from .pipeline import check_run_dates, resolve
from .rankings import check_daily_shape, load_rankings
from .registry import classify, load_registry
from .report import build_report

KERNEL_NAME = "openrouter-audit"
VOLATILE_NOTEBOOK_KEYS = ("start_time", "end_time", "duration", "input_path", "output_path")


@dataclass(frozen=True)
class RunPlan:
    """Where one run reads and writes."""

    start_date: str
    end_date: str
    raw_dir: Path
    notebooks_out: Path
    processed_dir: Path
    figures_dir: Path
    reference: bool

    def parameters(self) -> dict[str, str]:
        return {"start_date": self.start_date, "end_date": self.end_date,
                "raw_dir": _param_path(self.raw_dir), "processed_dir": _param_path(self.processed_dir),
                "figures_dir": _param_path(self.figures_dir)}


def _param_path(path: Path) -> str:
    """Paths inside the repository are passed relative, so executed notebooks carry no machine path."""
    return relative_to_root(path)


def notebook_paths(notebooks_dir: Path = NOTEBOOKS_DIR) -> list[Path]:
    """The pipeline's notebooks, in the order their numeric prefixes give."""
    return sorted(notebooks_dir.glob("[0-9][0-9]_*.ipynb"))


def default_parameters(notebook: Path) -> dict[str, str]:
    """The literals of a notebook's ``parameters`` cell (the reference run's values)."""
    inferred = pm.inspect_notebook(str(notebook))
    return {name: _literal(spec["default"]) for name, spec in inferred.items()}


def _literal(source: str):
    """A parameter cell's literal as a Python value ("0.9" -> 0.9, '"2025-01-01"' -> "2025-01-01")."""
    try:
        return json.loads(source)
    except json.JSONDecodeError:
        return source


def plan_run(start: str | None, end: str | None, out: str | None, raw: str | None = None) -> RunPlan:
    """Decide the run's folders; the default dates, raw folder and no --out make the reference run."""
    defaults = default_parameters(notebook_paths()[0])
    start = start or defaults["start_date"]
    end = end or defaults["end_date"]
    raw_dir = resolve(raw or defaults["raw_dir"])
    reference = (out is None and raw is None
                 and (start, end) == (defaults["start_date"], defaults["end_date"]))
    if reference:
        return RunPlan(start, end, raw_dir, NOTEBOOKS_DIR, resolve(defaults["processed_dir"]),
                       resolve(defaults["figures_dir"]), True)
    base = resolve(out) if out else ROOT / "runs" / f"{start}_{end}"
    return RunPlan(start, end, raw_dir, base / "notebooks", base / "processed", base / "figures", False)


def preflight(plan: RunPlan) -> None:
    """Everything that can be checked before a notebook runs: checksums, dates, rows, authors."""
    verify_raw_data(plan.raw_dir)
    rankings_dir = plan.raw_dir / "openrouter" / "rankings-daily"
    check_run_dates(plan.start_date, plan.end_date, rankings_dir)
    rows, _ = load_rankings(rankings_dir)
    check_daily_shape(rows)
    classify(rows, load_registry(plan.raw_dir / "reference"))


def strip_volatile_metadata(path: Path) -> None:
    """Remove timestamps and machine paths papermill records and merge split stdout chunks, so
    reruns diff cleanly."""
    notebook = nbformat.read(path, as_version=4)
    meta = notebook.metadata.get("papermill", {})
    for key in VOLATILE_NOTEBOOK_KEYS:
        meta.pop(key, None)
    meta.pop("environment_variables", None)
    for cell in notebook.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
    # stdout can reach the notebook in one message or several, depending on timing
    notebook, _ = CoalesceStreamsPreprocessor().preprocess(notebook, {})
    nbformat.write(notebook, path)


def kernel_name() -> str:
    """The project's registered kernel, or the environment's default one when it is absent."""
    from jupyter_client.kernelspec import find_kernel_specs

    return KERNEL_NAME if KERNEL_NAME in find_kernel_specs() else "python3"


def execute(plan: RunPlan, notebooks: list[Path], log=print) -> None:
    """Run each notebook; on failure report notebook, cell and error, and raise."""
    plan.notebooks_out.mkdir(parents=True, exist_ok=True)
    kernel = kernel_name()
    parameters = None if plan.reference else plan.parameters()
    for number, notebook in enumerate(notebooks, start=1):
        started = time.perf_counter()
        log(f"[{number}/{len(notebooks)}] {notebook.name} ...", end="", flush=True)
        with tempfile.TemporaryDirectory() as scratch:
            executed = Path(scratch) / notebook.name
            try:
                pm.execute_notebook(str(notebook), str(executed), parameters=parameters or {},
                                    kernel_name=kernel, cwd=str(notebook.parent), progress_bar=False)
            except pm.PapermillExecutionError as exc:
                log(" failed")
                failed = plan.notebooks_out / f"FAILED_{notebook.name}" if not plan.reference else None
                if failed is not None:
                    shutil.copyfile(executed, failed)
                raise ProjectError(
                    f"{relative_to_root(notebook)} failed in cell {exc.cell_index} "
                    f"(execution count {exc.exec_count}): {exc.ename}: {exc.evalue}"
                    + (f"\nexecuted notebook kept at {relative_to_root(failed)}" if failed else "")) from None
            strip_volatile_metadata(executed)
            shutil.copyfile(executed, plan.notebooks_out / notebook.name)
        log(f" done in {time.perf_counter() - started:.1f} s")


def run(start: str | None, end: str | None, out: str | None, raw: str | None = None, log=print) -> RunPlan:
    plan = plan_run(start, end, out, raw)
    preflight(plan)
    kind = "reference run" if plan.reference else f"run into {relative_to_root(plan.notebooks_out.parent)}"
    log(f"Running {plan.start_date} to {plan.end_date} ({kind})")
    execute(plan, notebook_paths(), log)
    index = build_report(plan.notebooks_out, plan.figures_dir, plan.processed_dir, plan.figures_dir.parent)
    log(f"Tables: {relative_to_root(plan.processed_dir)}; figures: {relative_to_root(plan.figures_dir)}; "
        f"notebooks: {relative_to_root(plan.notebooks_out)}; report: {relative_to_root(index)}")
    return plan
