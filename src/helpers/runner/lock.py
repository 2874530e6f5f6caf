"""One run at a time into one destination: a lock file that names the run holding it.

The lock holds the run's process id and the time that process started (from ``/proc``), so a lock
left by a killed run is recognised even when its process id has since been given to another
program: the next run takes it over and says so. Where the start time cannot be read, a lock whose
process is alive is left alone, and the refusal names the lock file, the process and how to tell
whether it is a run and remove the lock.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import ParameterError
from ..paths import RUNS_DIR, relative_to_root
from .plan import RunPlan, run_key


def lock_path(plan: RunPlan) -> Path:
    """The lock file beside the destination (under ``runs/`` for the reference run)."""
    parent = RUNS_DIR if plan.reference else plan.destination.parent
    return parent / f".{run_key(plan)}.lock"


def process_started(pid: int) -> str | None:
    """When process ``pid`` started (clock ticks after boot, from ``/proc``), or None where unknown. With
    the process id it names one process for good: a number reused later has another start time."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        return stat.rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return None


def alive(pid: int) -> bool:
    """Whether a process with this id exists (one we may not signal counts)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except (OverflowError, ValueError):
        return False
    return True


def command_of(pid: int | None) -> str | None:
    """The command line of process ``pid`` (cut short), or None where it cannot be read (or no id was)."""
    if pid is None:
        return None
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return None
    text = raw.replace(b"\0", b" ").decode("utf-8", "replace").strip()
    return text[:80] + ("..." if len(text) > 80 else "")


@dataclass(frozen=True)
class Holder:
    """What a lock file says: the process holding it and when that process started."""

    pid: int | None
    started: str | None = None

    @classmethod
    def of(cls, lock: Path) -> Holder:
        try:
            fields = lock.read_text().split()
            return cls(int(fields[0]), fields[1] if len(fields) > 1 else None)
        except (OSError, ValueError, IndexError):
            return cls(None)

    @classmethod
    def me(cls) -> Holder:
        return cls(os.getpid(), process_started(os.getpid()))

    def text(self) -> str:
        return f"{self.pid} {self.started}\n" if self.started else f"{self.pid}\n"

    def stale(self) -> bool:
        """Left by a run that is gone: no readable process id, no such process, or a process that
        started at another time (its id was reused)."""
        if self.pid is None or not alive(self.pid):
            return True
        now = process_started(self.pid)
        return self.started is not None and now is not None and now != self.started


def refusal(lock: Path, holder: Holder, destination: Path) -> ParameterError:
    """Why the run cannot start, naming the lock file and how to clear it."""
    where, name = relative_to_root(destination), relative_to_root(lock)
    if holder.started is not None:
        return ParameterError(
            f"another run (process {holder.pid}) is writing to {where}; wait for it to finish or stop it "
            f"(kill {holder.pid}); its lock is {name}"
        )
    command = command_of(holder.pid)
    shown = f" ({command})" if command else ""
    return ParameterError(
        f"another run (process {holder.pid}{shown}) is writing to {where}, says the lock {name}; if "
        f"`ps -p {holder.pid} -o args=` does not show a run of this tool (python -m helpers run), the lock "
        f"was left by a killed run whose process number was reused: remove {name} and run again"
    )


def _create(lock: Path, holder: Holder) -> bool:
    """Create the lock holding ``holder``; False when it exists already."""
    try:
        handle = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    except FileExistsError:
        return False
    try:
        os.write(handle, holder.text().encode())
    finally:
        os.close(handle)
    return True


@dataclass
class RunLock:
    """A lock this run holds; ``stale`` names what a killed run left there, if anything."""

    path: Path
    stale: str | None = None


@contextlib.contextmanager
def run_lock(plan: RunPlan) -> Iterator[RunLock]:
    """Hold the destination's lock for the run, taking over one a killed run left."""
    lock = lock_path(plan)
    taken = RunLock(lock)
    try:
        lock.parent.mkdir(parents=True, exist_ok=True)
        if not _create(lock, Holder.me()):
            holder = Holder.of(lock)
            if not holder.stale():
                raise refusal(lock, holder, plan.destination)
            lock.unlink(missing_ok=True)
            taken.stale = f"a stale lock (process {holder.pid})" if holder.pid else "a stale lock"
            if not _create(lock, Holder.me()):  # another run took it in between
                raise refusal(lock, Holder.of(lock), plan.destination)
    except OSError as exc:
        raise ParameterError(f"cannot write the lock {relative_to_root(lock)}: {exc.strerror}") from None
    try:
        yield taken
    finally:
        lock.unlink(missing_ok=True)
