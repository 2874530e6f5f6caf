"""Run the test suite against a temporary copy of the working tree, never the checkout itself.

nbval re-executes the committed notebooks, and several tests run the pipeline: run in place,
they would rewrite committed tables and figures whenever the code changes, and a test could
"pass" by overwriting the very output it checks. Here every tracked and new (not ignored) file
is copied to a temporary folder, ``$OPENROUTER_AUDIT_ROOT`` points the package at the copy, and
pytest runs there. Afterwards the checkout is byte-for-byte as it was, whatever the code did.

    python scripts/test_in_copy.py [--coverage FLOOR] [pytest arguments...]

With ``--coverage FLOOR`` the same pytest run measures coverage of src/helpers (pytest-cov, which
combines the xdist workers; kernels and other subprocesses are not measured) and fails when the
total falls below FLOOR percent: CI runs the tests once, not once more for coverage.

Test artifacts (screenshots) are copied back to ``test-artifacts/`` (ignored by git).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from worktree import working_tree_files

REPO = Path(__file__).resolve().parents[1]


def copy_tree(repo: Path, target: Path) -> None:
    for name in working_tree_files(repo):
        destination = target / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(repo / name, destination)


def main(argv: list[str]) -> int:
    floor = None
    if argv[:1] == ["--coverage"]:
        floor, argv = argv[1], argv[2:]
    artifacts = Path(os.environ.get("TEST_ARTIFACTS", REPO / "test-artifacts")).resolve()
    with tempfile.TemporaryDirectory(prefix="openrouter-audit-tests-") as scratch:
        copy = Path(scratch) / "repo"
        copy_tree(REPO, copy)
        env = {
            **os.environ,
            "OPENROUTER_AUDIT_ROOT": str(copy),
            "TEST_ARTIFACTS": str(artifacts),
            "PYTHONPATH": os.pathsep.join(filter(None, [str(copy / "src"), os.environ.get("PYTHONPATH")])),
            "PYTHONDONTWRITEBYTECODE": "1",
        }
        if floor is not None:
            source = copy / "src" / "helpers"
            argv = [f"--cov={source}", "--cov-report=term:skip-covered", f"--cov-fail-under={floor}", *argv]
        return subprocess.run([sys.executable, "-m", "pytest", *argv], cwd=copy, env=env).returncode


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
