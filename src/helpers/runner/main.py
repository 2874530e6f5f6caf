"""One run from start to end: plan, guard, check, build in staging, publish."""

from __future__ import annotations

import shutil
from pathlib import Path

from ..paths import (
    CHECKED_RANKINGS,
    check_raw_folders,
    rankings_dir,
    relative_to_root,
)
from ..steps import load_steps, longest_chain
from .kernels import Executor, kernel_specs
from .plan import Log, RunPlan, failed_folder, guard_destination, plan_run, run_lock, staging_folder
from .publish import EarlyPages, finish
from .schedule import execute_steps, first_steps


def check_inputs(plan: RunPlan, staging: Path) -> None:
    """The run's dates against the data, then every raw input (see :mod:`helpers.inputs`); the
    rankings cleaned on the way are left in ``staging`` for notebook 1."""
    from ..clean import keep_checked_rankings
    from ..inputs import check_all
    from ..pipeline import check_run_dates

    check_run_dates(plan.start_date, plan.end_date, rankings_dir(plan.raw_dir))
    keep_checked_rankings(check_all(plan.raw_dir), plan.raw_dir, staging)


def run(start: str | None, end: str | None, out: str | None, raw: str | None = None, log: Log = print) -> RunPlan:
    """Plan, guard, check, build in staging, and move into place only when everything succeeded.

    The first notebooks' kernels are started as soon as the destination is settled, before the
    runner imports pandas and the report's libraries and checks the inputs: a kernel takes about
    a second to start, and that second is spent on the other core. A bad parameter or input still
    stops the run before any notebook executes.
    """
    steps = load_steps()
    plan = plan_run(start, end, out, raw, steps)
    guard_destination(plan)
    check_raw_folders(plan.raw_dir)
    with run_lock(plan):
        staging = staging_folder(plan)
        try:
            pages = EarlyPages(plan, staging, steps)
            with kernel_specs() as specs:
                executor = Executor(plan, staging, specs, failed_folder(plan), after=pages, chain=longest_chain(steps))
                try:
                    executor.start_kernels(first_steps(steps))
                    check_inputs(plan, staging)
                    log(f"Running {plan.start_date} to {plan.end_date} ({plan.describe()})")
                    execute_steps(steps, executor, log, staging=staging)
                    shutil.rmtree((staging / CHECKED_RANKINGS).parent)
                finally:
                    executor.close()
            finish(plan, staging, steps, pages, log)
        finally:
            if staging.exists():
                shutil.rmtree(staging, ignore_errors=True)
    final = plan.layout
    log(
        f"Done. Report: {relative_to_root(final.report / 'index.html')}; tables: {relative_to_root(final.processed)}; "
        f"figures: {relative_to_root(final.figures)}; notebooks: {relative_to_root(final.notebooks)}"
    )
    return plan
