"""The notebooks: a plain-text twin for each, in sync; thin (logic lives in src/helpers); declared in
the pipeline file."""

from __future__ import annotations

import ast

import jupytext
import nbformat
import pytest

from helpers.paths import NOTEBOOKS_DIR
from helpers.steps import load_steps

STEPS = load_steps()
MAX_STATEMENTS_PER_CELL = 3  # a call per table or figure; the setup cell is the exception


@pytest.mark.parametrize("step", STEPS, ids=lambda s: s.notebook)
def test_every_notebook_has_a_plain_text_twin_in_sync(step):
    twin = jupytext.read(step.source())
    executed = nbformat.read(NOTEBOOKS_DIR / f"{step.notebook}.ipynb", as_version=4)
    executed_cells = [c for c in executed.cells if "injected-parameters" not in c.metadata.get("tags", [])]
    assert [(c.cell_type, c.source) for c in twin.cells] == [(c.cell_type, c.source) for c in executed_cells], (
        f"{step.notebook}: the .ipynb was not produced from the current .py; run `make report`"
    )


@pytest.mark.parametrize("step", STEPS, ids=lambda s: s.notebook)
def test_notebooks_stay_thin(step):
    """Beyond the parameters and the setup cell, a code cell makes a call or two, not an analysis."""
    code = [c for c in jupytext.read(step.source()).cells if c.cell_type == "code"]
    for cell in code[2:]:
        tree = ast.parse(cell.source)
        assert len(tree.body) <= MAX_STATEMENTS_PER_CELL, (
            f"{step.notebook}: a cell of {len(tree.body)} statements:\n{cell.source}"
        )
        assert not any(isinstance(node, (ast.For, ast.While, ast.FunctionDef, ast.If)) for node in ast.walk(tree)), (
            f"{step.notebook}: logic in a notebook cell (move it to src/helpers):\n{cell.source}"
        )


def test_every_notebook_in_the_folder_is_declared():
    declared = {s.notebook for s in STEPS}
    assert {p.stem for p in NOTEBOOKS_DIR.glob("[0-9][0-9]_*.py")} == declared
    assert {p.stem for p in NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb")} == declared


@pytest.mark.parametrize("step", STEPS, ids=lambda s: s.notebook)
def test_executed_notebooks_print_no_warnings_or_errors(step):
    executed = nbformat.read(NOTEBOOKS_DIR / f"{step.notebook}.ipynb", as_version=4)
    for cell in executed.cells:
        for output in cell.get("outputs", []):
            assert output.get("name") != "stderr", f"{step.notebook}: {output.get('text', '')[:300]}"
            assert output.get("output_type") != "error", step.notebook
