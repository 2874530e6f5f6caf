"""One run from start to end: plan, guard, check, build in staging, publish."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

from ..paths import (
    CHECKED_RANKINGS,
    check_raw_folders,
    rankings_dir,
    relative_to_root,
)
from ..steps import Step, load_steps, longest_chain
from .cells import Limits
from .kernels import Executor
from .leftovers import new_staging_path, remove_leftovers, run_temp
from .lock import run_lock
from .plan import Log, RunPlan, failed_folder, guard_destination, plan_run
from .publish import EarlyPages, finish
from .schedule import execute_steps, first_steps


def check_inputs(plan: RunPlan, staging: Path) -> None:
    """The run's dates against the data, then every raw input (see :mod:`helpers.inputs`); the
    rankings cleaned on the way are left in ``staging`` for notebook 1."""
    from ..clean import keep_checked_rankings  # here, not at the top: pandas loads once the kernels are starting
    from ..inputs import check_all
    from ..pipeline import check_run_dates

    check_run_dates(plan.start_date, plan.end_date, rankings_dir(plan.raw_dir))
    keep_checked_rankings(check_all(plan.raw_dir), plan.raw_dir, staging)


def run(
    start: str | None,
    end: str | None,
    out: str | None,
    raw: str | None = None,
    log: Log = print,
    limits: Limits | None = None,
) -> RunPlan:
    """Plan, guard, check, build in staging, and move into place only when everything succeeded.

    Every parameter is checked (strictly, see :func:`plan_run`), and the dates against the data,
    before anything is created on disk: no folder, no lock. The first notebooks' kernels are started
    as soon as the destination is settled, before the runner imports pandas and the report's
    libraries and checks the inputs: a kernel takes about a second to start, and that second is
    spent on the other core. A bad parameter or input still stops the run before any notebook executes.
    """
    steps = load_steps()
    plan = plan_run(start, end, out, raw, steps)
    guard_destination(plan)
    check_raw_folders(plan.raw_dir)
    published = threading.Event()
    try:
        with run_temp() as temp:
            build_and_publish(plan, steps, temp, log, limits, published)
    except KeyboardInterrupt:
        if not published.is_set():
            raise
        log("  interrupted once the finished run was in place: the run is complete")
    final = plan.layout
    log(
        f"Done. Report: {relative_to_root(final.report / 'index.html')}; tables: {relative_to_root(final.processed)}; "
        f"figures: {relative_to_root(final.figures)}; notebooks: {relative_to_root(final.notebooks)}"
    )
    return plan


def build_and_publish(
    plan: RunPlan, steps: list[Step], temp: Path, log: Log, limits: Limits | None, published: threading.Event
) -> None:
    """Start the kernels, check the dates, then under the lock: clean up after killed runs, check the
    inputs, run the notebooks in a new staging folder and move the finished run into place."""
    from ..pipeline import check_run_dates  # here, not at the top: pandas loads once the kernels are starting

    staging = new_staging_path(plan)
    pages = EarlyPages(plan, staging, steps)
    executor = Executor(plan, staging, temp, failed_folder(plan), pages, longest_chain(steps), limits)
    try:
        executor.start_kernels(first_steps(steps))
        check_run_dates(plan.start_date, plan.end_date, rankings_dir(plan.raw_dir))
        with run_lock(plan) as lock:
            cleaned = remove_leftovers(plan, lock)
            if cleaned:
                log(cleaned)
            try:
                staging.mkdir()
                check_inputs(plan, staging)
                log(f"Running {plan.start_date} to {plan.end_date} ({plan.describe()})")
                execute_steps(steps, executor, log, staging=staging)
                shutil.rmtree((staging / CHECKED_RANKINGS).parent)
                executor.close()
                finish(plan, staging, steps, pages, log, published)
            finally:
                try:
                    executor.close()  # no kernel or notebook left to write into staging
                finally:
                    shutil.rmtree(staging, ignore_errors=True)
    finally:
        executor.close()
