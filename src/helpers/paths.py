"""Where things live. Every default path is derived from the project root, once.

The root is the folder holding ``data/raw`` and ``notebooks``. It is found, in order, from
``$OPENROUTER_AUDIT_ROOT`` (the test suite points it at a temporary copy of the repository, so
tests never write into the checkout), from this package's own location (an editable install or
a source checkout), or from the current directory and its parents (a ``pip install .``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .errors import ParameterError

ROOT_ENV = "OPENROUTER_AUDIT_ROOT"
STAGING_ENV = "OPENROUTER_AUDIT_STAGING"
MANIFEST_NAME = "MANIFEST.json"
RUN_MARKER = ".openrouter-audit-run"
# The rankings the runner cleaned while checking the inputs, left for notebook 1 (removed before the run is checked).
CHECKED_RANKINGS = ".checked/clean_rankings.pickle"


def is_project_root(folder: Path) -> bool:
    """A project root holds the raw data and the notebooks."""
    return (folder / "data" / "raw").is_dir() and (folder / "notebooks").is_dir()


def find_root() -> Path:
    """The project root (see the module docstring for the order in which it is looked for)."""
    override = os.environ.get(ROOT_ENV)
    if override:
        return Path(override).resolve()
    here = Path(__file__).resolve().parents[2]
    if is_project_root(here):
        return here
    for folder in [Path.cwd().resolve(), *Path.cwd().resolve().parents]:
        if is_project_root(folder):
            return folder
    return here


ROOT = find_root()
DATA_DIR = ROOT / "data"
RAW_DIR = DATA_DIR / "raw"
PROCESSED_DIR = DATA_DIR / "processed"
NOTEBOOKS_DIR = ROOT / "notebooks"
REPORTS_DIR = ROOT / "reports"
RUNS_DIR = ROOT / "runs"


def rankings_dir(raw_dir: Path) -> Path:
    """The folder of OpenRouter ``rankings-daily`` vintages inside a raw-data folder."""
    return Path(raw_dir) / "openrouter" / "rankings-daily"


def models_dir(raw_dir: Path) -> Path:
    """The folder of OpenRouter model-catalog snapshots inside a raw-data folder."""
    return Path(raw_dir) / "openrouter" / "models"


def reference_dir(raw_dir: Path) -> Path:
    """The curated reference tables (origin registry, vendor groups, the headline's figures)."""
    return Path(raw_dir) / "reference"


RANKINGS_DIR = rankings_dir(RAW_DIR)
REFERENCE_DIR = reference_dir(RAW_DIR)


@dataclass(frozen=True)
class OutputLayout:
    """Where one run writes, below one base folder (the repository root for the reference run).

    Every run, reference or not, uses the same layout, so a report's relative links hold
    wherever its folder is copied.
    """

    base: Path

    @property
    def processed(self) -> Path:
        return self.base / "data" / "processed"

    @property
    def notebooks(self) -> Path:
        return self.base / "notebooks"

    @property
    def report(self) -> Path:
        return self.base / "reports"

    @property
    def figures(self) -> Path:
        return self.report / "figures"

    @property
    def figure_data(self) -> Path:
        """The CSV of exactly what each figure plots, beside the figure."""
        return self.report / "data"

    @property
    def pages(self) -> Path:
        return self.report / "notebooks"


def resolve(path: str | Path) -> Path:
    """A parameter path: absolute as given, relative to the project root otherwise.

    Notebooks run with their own folder as working directory, so relative paths are anchored at
    the root rather than at the working directory.
    """
    path = Path(path)
    return path if path.is_absolute() else ROOT / path


def relative_to_root(path: Path) -> str:
    """Show a path relative to the repository when it lies inside it (stable notebook output)."""
    path = Path(path).resolve()
    try:
        return path.relative_to(ROOT).as_posix()
    except ValueError:
        return path.as_posix()


REQUIRED_FOLDERS = ("openrouter/rankings-daily", "reference", "prices", "assumptions", "enterprise", "market")


def check_raw_folders(raw_dir: Path) -> None:
    """A raw-data folder must hold every part the notebooks read."""
    raw_dir = Path(raw_dir)
    if not raw_dir.is_dir():
        raise ParameterError(f"raw data folder {raw_dir} does not exist")
    missing = [name for name in REQUIRED_FOLDERS if not (raw_dir / name).is_dir()]
    if missing:
        raise ParameterError(
            f"raw data folder {raw_dir} lacks {', '.join(f'{m}/' for m in missing)}; a raw folder "
            "holds the same parts as data/raw (copy data/raw and add fetched vintages to it)"
        )
