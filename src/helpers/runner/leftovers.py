"""What a killed run leaves behind, and the next run's clean-up of it.

A run killed outright (``kill -9``, a power cut) cannot clean up: its staging folder (``.<name>.staging-*``
beside the destination, often megabytes), its private temporary folder (``openrouter-audit-run-*``:
kernel spec, sockets, connection files), its lock, and, if it died half-way through replacing an
earlier run's folder, that folder set aside. The next run into the same place removes them, once it
holds the lock (so nothing a live run uses is touched), and says so in one line.

Temporary folders carry their run's process id and start time in their name, so those of runs that
are gone are recognised whatever their destination, and a live run's folder is never removed.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from ..paths import relative_to_root
from .lock import RunLock, alive, process_started
from .plan import RunPlan, run_key, staging_parent

RUN_TEMP_PREFIX = "openrouter-audit-run-"
_RUN_TEMP = re.compile(rf"{re.escape(RUN_TEMP_PREFIX)}(\d+)-(\d+)-")


@contextlib.contextmanager
def run_temp() -> Iterator[Path]:
    """The run's private temporary folder, named ``openrouter-audit-run-<pid>-<start time>-*``;
    removed when the run ends."""
    pid = os.getpid()
    folder = Path(tempfile.mkdtemp(prefix=f"{RUN_TEMP_PREFIX}{pid}-{process_started(pid) or 0}-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def dead_temp_folders(temp_dir: Path | None = None) -> list[Path]:
    """Temporary folders of runs whose process is gone (or whose process id now names another process)."""
    found = []
    for folder in Path(temp_dir or tempfile.gettempdir()).glob(f"{RUN_TEMP_PREFIX}*"):
        match = _RUN_TEMP.match(folder.name)
        if not match or not folder.is_dir():
            continue
        pid, started = int(match.group(1)), match.group(2)
        now = process_started(pid) if alive(pid) else None
        gone = not alive(pid) or (started != "0" and now is not None and now != started)
        if gone:
            found.append(folder)
    return found


def new_staging_path(plan: RunPlan) -> Path:
    """A fresh staging folder's path (created once the run holds the lock)."""
    return staging_parent(plan) / f".{run_key(plan)}.staging-{os.getpid()}-{secrets.token_hex(4)}"


def dead_staging(plan: RunPlan) -> list[Path]:
    """Staging folders of this destination: with its lock held, every one is a killed run's."""
    return sorted(staging_parent(plan).glob(f".{run_key(plan)}.staging-*"))


def restore_set_aside(plan: RunPlan) -> list[str]:
    """An earlier run's folder a killed run had set aside to replace it: put back when the destination
    is missing (the killed run never moved its own in), removed otherwise. Returns what was done."""
    if plan.reference:
        return []
    done = []
    for folder in sorted(plan.destination.parent.glob(f".{plan.destination.name}.previous-*")):
        if not plan.destination.exists():
            os.rename(folder, plan.destination)
            done.append(f"put back {relative_to_root(plan.destination)}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
            done.append("removed an earlier run set aside")
    return done


def remove_leftovers(plan: RunPlan, lock: RunLock) -> str | None:
    """Remove what killed runs left (see the module docstring); one line saying what, or None."""
    said = [lock.stale] if lock.stale else []
    staging = dead_staging(plan)
    temps = dead_temp_folders()
    for folder in [*staging, *temps]:
        shutil.rmtree(folder, ignore_errors=True)
    said += [_count(len(staging), "staging folder"), _count(len(temps), "kernel temporary folder")]
    said += restore_set_aside(plan)
    said = [s for s in said if s]
    return f"  cleaned up after a run that was killed: {', '.join(said)}" if said else None


def _count(number: int, thing: str) -> str:
    return "" if not number else f"{number} {thing}{'' if number == 1 else 's'}"
