"""The declared pipeline (``notebooks/pipeline.toml``): each notebook's inputs and outputs.

The runner orders notebooks by what they read and write instead of by file-name prefixes, runs
the ones that do not depend on each other side by side, and checks after each notebook that it
wrote what it declares and nothing else.
"""

from __future__ import annotations

import ast
import tomllib
from dataclasses import dataclass
from pathlib import Path

from .errors import ProjectError
from .paths import NOTEBOOKS_DIR, OutputLayout

ARTICLE_SUFFIX = "_640"  # a key figure's copy laid out for a 640-pixel article column

PIPELINE_FILE = "pipeline.toml"
RAW_INPUT = "raw"


@dataclass(frozen=True)
class Step:
    """One notebook: the files it reads and writes (relative to the run's folder) and its figures."""

    notebook: str
    reads: tuple[str, ...]
    writes: tuple[str, ...]
    figures: tuple[str, ...]
    key_figures: tuple[str, ...] = ()  # also exported at article width; shown first on the index

    @property
    def executed(self) -> str:
        return f"notebooks/{self.notebook}.ipynb"

    @property
    def page(self) -> str:
        """The notebook's page in the report (rendered by the runner, not by the notebook)."""
        return f"reports/notebooks/{self.notebook}.html"

    def figure_files(self) -> list[str]:
        """A figure may be left out when the window cannot show it (the notebook says why)."""
        return [
            f"reports/{kind}/{name}.{ext}"
            for name in self.figures
            for kind, ext in (("figures", "png"), ("figures", "svg"), ("data", "csv"), ("data", "json"))
        ] + [f"reports/figures/{name}{ARTICLE_SUFFIX}.png" for name in self.key_figures]

    def source(self, notebooks_dir: Path = NOTEBOOKS_DIR) -> Path:
        """The notebook's plain-text twin, the file the runner executes."""
        return notebooks_dir / f"{self.notebook}.py"


def parameter_values(notebook, tags: tuple[str, ...] = ("parameters",)) -> dict:
    """The literal assignments of a notebook's cells tagged with any of ``tags``, later cells
    overriding earlier ones (papermill's injected cell follows the parameters cell)."""
    values = {}
    for cell in notebook.cells:
        if set(tags) & set(cell.metadata.get("tags", [])):
            for node in ast.parse(cell.source).body:
                if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                    values[node.targets[0].id] = ast.literal_eval(node.value)
    return values


def load_steps(notebooks_dir: Path = NOTEBOOKS_DIR) -> list[Step]:
    """The declared steps, checked: every notebook exists and every input is raw data or the
    output of an earlier step."""
    path = notebooks_dir / PIPELINE_FILE
    try:
        declared = tomllib.loads(path.read_text(encoding="utf-8"))["step"]
    except (OSError, KeyError, tomllib.TOMLDecodeError) as exc:
        raise ProjectError(f"{path}: cannot read the declared pipeline ({exc})") from None
    steps = [
        Step(
            s["notebook"],
            tuple(s.get("reads", ())),
            tuple(s.get("writes", ())),
            tuple(s.get("figures", ())),
            tuple(s.get("key_figures", ())),
        )
        for s in declared
    ]
    made: set[str] = set()
    for step in steps:
        if not set(step.key_figures) <= set(step.figures):
            raise ProjectError(f"{path}: {step.notebook} lists key figures that are not among its figures")
        if not step.source(notebooks_dir).is_file():
            raise ProjectError(f"{path}: step {step.notebook} has no notebook {step.source(notebooks_dir).name}")
        missing = [r for r in step.reads if r != RAW_INPUT and r not in made]
        if missing:
            raise ProjectError(f"{path}: {step.notebook} reads {', '.join(missing)}, which no earlier step writes")
        made |= set(step.writes)
    return steps


def dependencies(steps: list[Step]) -> dict[str, set[str]]:
    """For each notebook, the notebooks whose outputs it reads."""
    writer = {output: step.notebook for step in steps for output in step.writes}
    return {step.notebook: {writer[r] for r in step.reads if r in writer} for step in steps}


def longest_chain(steps: list[Step]) -> set[str]:
    """The notebooks on the longest chain of notebooks each reading the previous one's tables (every
    chain of that length). The run cannot end before its last link does, so the runner gives these
    notebooks the cores first; a notebook off the chain has time to spare."""
    needs = dependencies(steps)
    depth: dict[str, int] = {}
    for step in steps:  # declared in order: every dependency comes first
        depth[step.notebook] = 1 + max((depth[n] for n in needs[step.notebook]), default=0)
    on_chain = {name for name, d in depth.items() if d == max(depth.values(), default=0)}
    frontier = set(on_chain)
    while frontier:
        frontier = {n for name in frontier for n in needs[name] if depth[n] == depth[name] - 1}
        on_chain |= frontier
    return on_chain


def check_outputs(steps: list[Step], layout: OutputLayout) -> None:
    """After the notebooks: every declared table exists, and nothing undeclared was written."""
    for step in steps:
        missing = [w for w in step.writes if not (layout.base / w).is_file()]
        if missing:
            raise ProjectError(f"{step.notebook} did not write {', '.join(missing)} (declared in {PIPELINE_FILE})")
    allowed = {f for step in steps for f in (*step.writes, *step.figure_files(), step.executed, step.page)}
    extra = sorted(written_files(layout) - allowed)
    if extra:
        raise ProjectError(f"the notebooks wrote files not declared in {PIPELINE_FILE}: {', '.join(extra)}")


def written_files(layout: OutputLayout) -> set[str]:
    """Every file below a run's folder, relative to it."""
    base = layout.base
    return {p.relative_to(base).as_posix() for p in base.rglob("*") if p.is_file()} if base.is_dir() else set()
