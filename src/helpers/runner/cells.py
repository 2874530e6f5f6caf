"""Where a notebook is while it runs, how long it may still run, and how its failures are named.

A failure must send the reader to the line to fix: the notebook, the cell and its line in the plain-text
twin (``notebooks/*.py``, the file a reader edits), not a position in an executed notebook they never
open. A cell or a notebook that runs too long, or a kernel that dies, is named the same way.
"""

from __future__ import annotations

import re
import signal
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from ..errors import ParameterError
from ..paths import relative_to_root

INJECTED = "injected-parameters"  # papermill's tag on the cell it adds after the parameters cell
_CELL_LINE = re.compile(r"Cell In\[\d+\], line (\d+)")
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


@dataclass(frozen=True)
class Limits:
    """How long one cell and one notebook may run, in seconds. Generous: the whole pipeline takes
    seconds; a limit only turns a hang (an endless loop, a lost server) into a clear error."""

    cell_seconds: float = 600
    notebook_seconds: float = 1800

    def __post_init__(self) -> None:
        for name, value in (("--cell-timeout", self.cell_seconds), ("--notebook-timeout", self.notebook_seconds)):
            if not value > 0 or value == float("inf"):
                raise ParameterError(f"{name} must be a positive number of seconds, got {value!r}")


def marker_lines(twin: Path) -> list[int]:
    """The line number (from 1) of each cell's ``# %%`` marker in a ``py:percent`` twin, in cell order."""
    lines = twin.read_text(encoding="utf-8").splitlines()
    return [number for number, line in enumerate(lines, 1) if line.startswith("# %%")]


def twin_line(twin: Path, source_index: int, line_in_cell: int = 1) -> int | None:
    """The twin's line holding line ``line_in_cell`` of cell ``source_index`` (the cell's code starts
    on the line after its marker), or None when the twin has no such cell."""
    try:
        markers = marker_lines(twin)
    except OSError:
        return None
    if not 0 <= source_index < len(markers):
        return None
    return markers[source_index] + max(line_in_cell, 1)


def line_in_cell(traceback: str) -> int:
    """The failing line within the cell, from IPython's ``Cell In[n], line L`` (the outermost frame,
    which is the cell that was running); 1 when the traceback does not say."""
    match = _CELL_LINE.search(_ANSI.sub("", traceback or ""))
    return int(match.group(1)) if match else 1


@dataclass
class CellWatch:
    """Follows one notebook's execution: the cell running now and when it and the notebook started,
    so a time limit, a dead kernel or an error can name the cell. nbclient calls :meth:`entered`
    before each cell and :meth:`timeout` for each cell's limit."""

    notebook: str
    twin: Path
    limits: Limits = field(default_factory=Limits)
    started: float = field(default_factory=time.monotonic)
    index: int | None = None
    executed: nbformat.NotebookNode | None = None

    def entered(self, cell: nbformat.NotebookNode, cell_index: int, **_: object) -> None:
        """nbclient's ``on_cell_execute`` hook: a code cell is about to run."""
        self.index = cell_index

    def timeout(self, cell: nbformat.NotebookNode) -> int:
        """nbclient's ``timeout_func``: this cell's limit, or what is left of the notebook's if less
        (at least one second: nbclient reads 0 as no limit at all)."""
        left = self.limits.notebook_seconds - (time.monotonic() - self.started)
        return max(1, int(min(self.limits.cell_seconds, left) + 0.999))

    def over_notebook_limit(self) -> bool:
        return time.monotonic() - self.started >= self.limits.notebook_seconds - 1

    def where(self, traceback: str = "") -> str:
        """``cell 8 (notebooks/02_headline_audit.py, line 123)``: the running cell, numbered from 1 in the
        twin's order, and the failing line when a traceback says which (else ``from line`` its first)."""
        if self.index is None or self.executed is None:
            return "before its first cell"
        cells = self.executed.cells
        if INJECTED in cells[self.index].metadata.get("tags", []):
            return "the injected parameters cell"
        source_index = self.index - sum(INJECTED in c.metadata.get("tags", []) for c in cells[: self.index])
        line = twin_line(self.twin, source_index, line_in_cell(traceback))
        if line is None:
            return f"cell {source_index + 1} ({relative_to_root(self.twin)})"
        at = "line" if _CELL_LINE.search(_ANSI.sub("", traceback or "")) else "from line"
        return f"cell {source_index + 1} ({relative_to_root(self.twin)}, {at} {line})"


def exit_description(returncode: int | None) -> str:
    """How a kernel process ended: ``killed by SIGKILL``, ``exit code 1``, or ``exit status unknown``."""
    if returncode is None:
        return "exit status unknown"
    if returncode < 0:
        try:
            return f"killed by {signal.Signals(-returncode).name}"
        except ValueError:
            return f"killed by signal {-returncode}"
    return f"exit code {returncode}"


def last_error_line(exc: Exception) -> str:
    """The error's name and message, without the traceback nbclient puts in front of it."""
    name, value = getattr(exc, "ename", ""), getattr(exc, "evalue", "")
    if name:
        return f"{name}: {value}"
    lines = str(exc).strip().splitlines()
    return lines[-1] if lines else type(exc).__name__
