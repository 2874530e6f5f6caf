"""Where things live. Every default path is derived from the repository root, once."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = ROOT / "data"
RAW_DIR = DATA_DIR / "raw"
PROCESSED_DIR = DATA_DIR / "processed"
NOTEBOOKS_DIR = ROOT / "notebooks"
FIGURES_DIR = ROOT / "reports" / "figures"
RANKINGS_DIR = RAW_DIR / "openrouter" / "rankings-daily"
REFERENCE_DIR = RAW_DIR / "reference"
MANIFEST_NAME = "MANIFEST.json"


def relative_to_root(path: Path) -> str:
    """Show a path relative to the repository when it lies inside it (stable notebook output)."""
    path = Path(path).resolve()
    try:
        return path.relative_to(ROOT).as_posix()
    except ValueError:
        return path.as_posix()
