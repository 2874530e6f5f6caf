"""The files of a working tree, as the scripts here see it: standard library only (the secret scan
runs without the project's environment)."""

from __future__ import annotations

import subprocess
from pathlib import Path

# folders no script reads or copies: git's own, environments, caches and run outputs
SKIPPED_PARTS = frozenset(
    {".git", ".venv", "runs", "test-artifacts", "__pycache__", ".pytest_cache", ".mypy_cache", ".ruff_cache"}
)


def working_tree_files(repo: Path) -> list[Path]:
    """Tracked files plus new files git does not ignore (so uncommitted work counts too), relative to
    ``repo``; every file below ``repo`` where it is not a git checkout (a copy, an archive)."""
    try:
        listing = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=repo,
            check=True,
            capture_output=True,
        ).stdout
        names = [Path(n) for n in listing.decode("utf-8").split("\0") if n]
    except (OSError, subprocess.CalledProcessError):
        names = [p.relative_to(repo) for p in repo.rglob("*") if p.is_file()]
    return [n for n in names if not SKIPPED_PARTS & set(n.parts) and (repo / n).is_file()]
