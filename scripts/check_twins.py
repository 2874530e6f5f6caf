"""Check that every executed notebook (notebooks/*.ipynb) was produced from its plain-text twin (*.py).

    python scripts/check_twins.py

The twins are what people edit and what the runner executes; the .ipynb files are the reference run's
executed copies (see ``[tool.jupytext]`` in pyproject.toml). They agree when their cells have the same
kinds and sources, apart from the parameters cell papermill injects. The pre-commit hook runs this
before a commit; tests/test_notebooks.py checks the same in ``make test``. Exit 1 names each notebook
that disagrees: after editing a twin, run ``make report`` and commit both.
"""

from __future__ import annotations

import sys
from pathlib import Path

import jupytext
import nbformat

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"


def cells(notebook: nbformat.NotebookNode) -> list[tuple[str, str]]:
    return [(c.cell_type, c.source) for c in notebook.cells if "injected-parameters" not in c.metadata.get("tags", [])]


def disagreements(folder: Path = NOTEBOOKS) -> list[str]:
    problems = []
    twins = {p.stem for p in folder.glob("*.py")}
    executed = {p.stem for p in folder.glob("*.ipynb")}
    problems += [f"{folder.name}/{name}.py has no executed notebook (.ipynb)" for name in sorted(twins - executed)]
    problems += [f"{folder.name}/{name}.ipynb has no plain-text twin (.py)" for name in sorted(executed - twins)]
    for name in sorted(twins & executed):
        twin = jupytext.read(folder / f"{name}.py")
        run = nbformat.read(folder / f"{name}.ipynb", as_version=4)
        if cells(twin) != cells(run):
            problems.append(f"{folder.name}/{name}.ipynb was not produced from the current {name}.py")
    return problems


def main() -> int:
    problems = disagreements()
    for line in problems:
        print(line)
    if problems:
        print("run `make report` and commit the twins with their notebooks", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
