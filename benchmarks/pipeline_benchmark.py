"""Benchmark (not a test): wall time of each notebook and of the HTML report against a bare kernel start.

Runs each notebook with papermill into a temporary folder (parameters of the reference run,
outputs written to a temporary processed/figures folder, so the committed run is untouched), and
an empty notebook for the kernel start-up baseline. Prints a Markdown table; the figures for
this machine are kept in benchmarks/RESULTS.md.

    .venv/bin/python benchmarks/pipeline_benchmark.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import nbformat
import papermill as pm

from helpers.report import build_report
from helpers.runner import default_parameters, kernel_name, notebook_paths


def time_notebook(path: Path, parameters: dict, out_dir: Path) -> float:
    started = time.perf_counter()
    pm.execute_notebook(str(path), str(out_dir / path.name), parameters=parameters,
                        kernel_name=kernel_name(), cwd=str(path.parent), progress_bar=False)
    return time.perf_counter() - started


def time_report(scratch: Path) -> float:
    """Render the executed notebooks and the index, as the run command does after the notebooks."""
    started = time.perf_counter()
    build_report(scratch, scratch / "figures", scratch / "processed", scratch)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        bare = scratch / "bare.ipynb"
        notebook = nbformat.v4.new_notebook()
        notebook.cells = [nbformat.v4.new_code_cell("pass")]
        notebook.metadata["kernelspec"] = {"name": kernel_name(), "display_name": "", "language": "python"}
        nbformat.write(notebook, bare)
        rows = [("bare kernel start", [time_notebook(bare, {}, scratch) for _ in range(args.repeat)])]
        for path in notebook_paths():
            params = default_parameters(path)
            params.update(processed_dir=str(scratch / "processed"), figures_dir=str(scratch / "figures"))
            times = [time_notebook(path, params, scratch) for _ in range(args.repeat)]
            rows.append((path.name, times))
        rows.append(("HTML report (all pages)", [time_report(scratch) for _ in range(args.repeat)]))
    print(f"| step | median s (of {args.repeat}) | min s |\n|---|---|---|")
    for name, times in rows:
        print(f"| {name} | {statistics.median(times):.2f} | {min(times):.2f} |")
    total = sum(statistics.median(t) for _, t in rows[1:])
    print(f"| all notebooks and the report | {total:.2f} | |")


if __name__ == "__main__":
    main()
