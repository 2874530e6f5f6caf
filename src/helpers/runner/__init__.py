"""Execute the notebooks safely, then render the report: ``python -m helpers run``.

A run never changes a committed file unless it succeeds as a whole:

1. **Plan and guard** (:mod:`.plan`). The notebooks' own default dates, raw folder and no ``--out``
   make the *reference run*, whose outputs are the committed ones (``notebooks/*.ipynb``,
   ``data/processed/``, ``reports/``). Any other run writes to its own folder
   (``runs/<start>_<end>/`` or ``--out``), which must be new, empty or an earlier run of this
   tool; the repository's own folders are refused. Parameters are checked strictly before anything
   is created on disk. A lock refuses a second run into the same place.
2. **Check every input** (checksums, dates, rankings, registry, prices, enterprise tables) before
   any notebook starts (:mod:`.main`).
3. **Build in a staging folder** beside the destination: notebooks run from their plain-text
   twins in kernels the runner owns (:mod:`.kernels`), each starting as soon as the tables it
   declares in ``notebooks/pipeline.toml`` exist (:mod:`.schedule`), so they overlap; those the run
   is not waiting for yield the CPU to the pipeline's longest chain. Each notebook's report page is
   rendered as it finishes; then the index and a run record.
4. **Move into place** only when all of it succeeded (:mod:`.publish`; every catchable signal is
   held back for those few milliseconds). A failed or interrupted run (Ctrl-C, SIGTERM and SIGHUP
   alike) removes its staging folder, keeps the failed notebook under ``runs/failed/`` and says so
   in one line. A kernel that dies, or a cell or notebook past its time limit (:mod:`.cells`), fails
   its notebook the same way; kernels end themselves if the runner is killed, and the next run
   removes what a killed run left behind (:mod:`.leftovers`, :mod:`.lock`).
"""

from .cells import CellWatch, Limits, exit_description, twin_line
from .kernels import (
    KERNEL_DISPLAY,
    KERNEL_NAME,
    OFF_CHAIN_NICENESS,
    WARM_UP,
    Executor,
    kernel_specs,
    lower_priority,
    number_cells,
    parameterized,
    source_notebook,
    write_executed,
)
from .leftovers import dead_temp_folders, remove_leftovers, run_temp
from .lock import Holder, RunLock, lock_path, run_lock
from .main import check_inputs, run
from .plan import (
    REFERENCE_OWNED,
    Log,
    RunPlan,
    failed_folder,
    guard_destination,
    notebook_defaults,
    plan_run,
    run_key,
    staging_parent,
)
from .publish import CODE_PATHS, RECORD, EarlyPages, code_version, finish, move_into_place, run_record
from .schedule import (
    POLL_SECONDS,
    can_start,
    execute_steps,
    fed_everyone,
    first_steps,
    in_daemon_thread,
    prepare,
    yield_cpu,
)

__all__ = [
    "REFERENCE_OWNED",
    "Log",
    "RunPlan",
    "notebook_defaults",
    "plan_run",
    "guard_destination",
    "run_key",
    "staging_parent",
    "failed_folder",
    "Holder",
    "RunLock",
    "lock_path",
    "run_lock",
    "run_temp",
    "dead_temp_folders",
    "remove_leftovers",
    "Limits",
    "CellWatch",
    "exit_description",
    "twin_line",
    "KERNEL_NAME",
    "KERNEL_DISPLAY",
    "kernel_specs",
    "source_notebook",
    "WARM_UP",
    "Executor",
    "OFF_CHAIN_NICENESS",
    "lower_priority",
    "parameterized",
    "number_cells",
    "write_executed",
    "first_steps",
    "fed_everyone",
    "yield_cpu",
    "prepare",
    "in_daemon_thread",
    "POLL_SECONDS",
    "can_start",
    "execute_steps",
    "CODE_PATHS",
    "EarlyPages",
    "code_version",
    "run_record",
    "RECORD",
    "move_into_place",
    "finish",
    "check_inputs",
    "run",
]
