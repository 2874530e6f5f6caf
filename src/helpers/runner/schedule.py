"""The schedule: each notebook starts once the tables it reads exist; independent ones run side by side."""

from __future__ import annotations

import threading
from concurrent.futures import FIRST_COMPLETED, Future, wait
from pathlib import Path

from ..steps import Step, dependencies
from .kernels import Executor
from .plan import Log


def first_steps(steps: list[Step]) -> list[Step]:
    """The steps that read no other step's outputs: they can start at once."""
    needs = dependencies(steps)
    return [s for s in steps if not needs[s.notebook]]


def fed_everyone(step: Step, steps: list[Step], staging: Path | None) -> bool:
    """Whether every table other notebooks read from ``step`` exists already (and some do): the
    rest of its work (figures, findings) is something no other notebook waits for."""
    read_by_others = {name for other in steps if other is not step for name in other.reads} & set(step.writes)
    return bool(read_by_others) and staging is not None and all((staging / n).is_file() for n in read_by_others)


def yield_cpu(executor, step: Step) -> None:
    """Give the CPU to the notebooks still on the critical path (a no-op for executors that cannot)."""
    lower = getattr(executor, "yield_cpu", None)
    if lower is not None:
        lower(step.notebook)


def prepare(executor, steps: list[Step]) -> None:
    """Warm up the kernels of the steps that run next, while the current ones execute (two cores:
    warming every kernel at once would slow the notebook that is running)."""
    start = getattr(executor, "start_kernels", None)
    if start is not None:
        start([s for s in steps if s.notebook not in executor.warming])


def in_daemon_thread(function, step: Step) -> Future:
    """Run ``function(step)`` in a daemon thread: a thread left waiting on a killed kernel can never
    keep the process from exiting (a thread pool's workers would be joined at exit)."""
    future: Future = Future()

    def work() -> None:
        if future.set_running_or_notify_cancel():
            try:
                future.set_result(function(step))
            except BaseException as exc:  # handed to the waiting thread as is
                future.set_exception(exc)

    threading.Thread(target=work, daemon=True, name=f"notebook-{step.notebook}").start()
    return future


POLL_SECONDS = 0.05


def can_start(step: Step, writers: dict[str, str], done: set[str], staging: Path | None) -> bool:
    """Whether every file ``step`` reads from another notebook is there: the notebook that writes it
    finished, or wrote it already (tables are written whole, by an atomic rename, so a file that
    exists is complete). A notebook therefore starts as soon as its inputs exist, not when the
    notebook that writes them has also drawn its figures."""
    for name in step.reads:
        writer = writers.get(name)
        if writer is not None and writer not in done and not (staging is not None and (staging / name).is_file()):
            return False
    return True


def execute_steps(
    steps: list[Step], executor: Executor, log: Log, workers: int = 4, staging: Path | None = None
) -> None:
    """Run every step once every file it reads exists under ``staging``, independent ones side by
    side (at most ``workers`` at a time).

    On any failure or Ctrl-C the running kernels are killed and their threads abandoned (a thread
    may be blocked on a dead kernel); the caller cleans up.
    """
    needs = dependencies(steps)
    writers = {output: step.notebook for step in steps for output in step.writes}
    done: set[str] = set()
    pending = {s.notebook: s for s in steps}
    running: dict[Future, Step] = {}
    try:
        while pending or running:
            ready = [s for s in pending.values() if can_start(s, writers, done, staging)][: workers - len(running)]
            for step in ready:
                del pending[step.notebook]
                log(f"  {step.notebook} started")
                running[in_daemon_thread(executor.execute, step)] = step
            if ready:
                for step in running.values():
                    if fed_everyone(step, steps, staging):
                        yield_cpu(executor, step)
            under_way = done | {s.notebook for s in running.values()}
            prepare(executor, [s for name, s in pending.items() if needs[name] <= under_way])
            waiting = bool(pending) and len(running) < workers
            finished, _ = wait(running, timeout=POLL_SECONDS if waiting else None, return_when=FIRST_COMPLETED)
            for future in finished:
                step = running.pop(future)
                seconds = future.result()
                done.add(step.notebook)
                log(f"  {step.notebook} done in {seconds:.1f} s")
    except BaseException:
        executor.stop_all()
        raise
