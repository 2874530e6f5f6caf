"""Execute the notebooks safely, then render the report: ``python -m helpers run``.

A run never changes a committed file unless it succeeds as a whole:

1. **Plan and guard.** The notebooks' own default dates, raw folder and no ``--out`` make the
   *reference run*, whose outputs are the committed ones (``notebooks/*.ipynb``,
   ``data/processed/``, ``reports/``). Any other run writes to its own folder
   (``runs/<start>_<end>/`` or ``--out``), which must be new, empty or an earlier run of this
   tool; the repository's own folders are refused. A lock refuses a second run into the same place.
2. **Check every input** (checksums, dates, rankings, registry, prices, enterprise tables) before
   any notebook starts.
3. **Build in a staging folder** beside the destination: notebooks run from their plain-text
   twins, each told through ``$OPENROUTER_AUDIT_STAGING`` where to write, and each starting as
   soon as the tables it declares in ``notebooks/pipeline.toml`` exist (so they overlap); those
   the run is not waiting for yield the CPU to the pipeline's longest chain. Each notebook's
   report page is rendered as it finishes; then the index and a run record.
4. **Move into place** only when all of it succeeded (Ctrl-C is held back for those few
   milliseconds). A failed or interrupted run removes its staging folder, keeps the failed
   notebook under ``runs/failed/`` and says so in one line.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Collection, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, wait
from dataclasses import dataclass
from pathlib import Path

import nbformat

from .errors import ParameterError, ProjectError
from .paths import (
    CHECKED_RANKINGS,
    NOTEBOOKS_DIR,
    ROOT,
    RUN_MARKER,
    RUNS_DIR,
    STAGING_ENV,
    OutputLayout,
    check_raw_folders,
    rankings_dir,
    relative_to_root,
    resolve,
)
from .steps import Step, check_outputs, dependencies, load_steps, longest_chain, parameter_values, written_files

KERNEL_NAME = "openrouter-audit"
KERNEL_DISPLAY = "Python (openrouter-audit)"
# What the reference run owns in the repository: replaced as a whole by every reference run.
REFERENCE_OWNED = ("data/processed", "reports")
CODE_PATHS = ("src", "notebooks/*.py", "notebooks/pipeline.toml", "requirements.txt", "pyproject.toml")
Log = Callable[..., None]


@dataclass(frozen=True)
class RunPlan:
    """Where one run reads and writes."""

    start_date: str
    end_date: str
    raw_dir: Path
    destination: Path
    reference: bool

    @property
    def layout(self) -> OutputLayout:
        return OutputLayout(self.destination)

    def parameters(self) -> dict[str, str] | None:
        """What papermill injects; the reference run injects nothing (its notebooks keep their own
        parameters cell, so the committed notebooks show the defaults)."""
        if self.reference:
            return None
        return {
            "start_date": self.start_date,
            "end_date": self.end_date,
            "raw_dir": relative_to_root(self.raw_dir),
            "output_dir": relative_to_root(self.destination),
        }

    def describe(self) -> str:
        return "reference run" if self.reference else f"run into {relative_to_root(self.destination)}"


def notebook_defaults(source: Path) -> dict:
    """The literals of a notebook twin's ``parameters`` cell (the reference run's values)."""
    import jupytext

    notebook = jupytext.read(source)
    if not any("parameters" in c.metadata.get("tags", []) for c in notebook.cells):
        raise ProjectError(f"{relative_to_root(source)}: no cell tagged 'parameters'")
    return parameter_values(notebook)


def plan_run(
    start: str | None, end: str | None, out: str | None, raw: str | None = None, steps: list[Step] | None = None
) -> RunPlan:
    """Decide the run's folders; the default dates, raw folder and no --out make the reference run.

    A relative ``--out`` is relative to the current directory, as a reader typing it expects.
    """
    steps = steps or load_steps()
    defaults = notebook_defaults(steps[0].source())
    start = start or defaults["start_date"]
    end = end or defaults["end_date"]
    raw_dir = Path(raw).resolve() if raw else resolve(defaults["raw_dir"])
    reference = out is None and raw is None and (start, end) == (defaults["start_date"], defaults["end_date"])
    if reference:
        return RunPlan(start, end, raw_dir, ROOT, True)
    destination = Path(out).expanduser().resolve() if out else RUNS_DIR / f"{start}_{end}"
    return RunPlan(start, end, raw_dir, destination, False)


def guard_destination(plan: RunPlan) -> None:
    """Refuse an output folder inside the repository (other than under ``runs/``) or holding it,
    one that holds unrelated files, or a file; a previous run's folder (it carries a marker
    file) may be replaced whole."""
    if plan.reference:
        return
    dest = plan.destination
    inside_repository = dest == ROOT or ROOT in dest.parents
    if dest in ROOT.parents or (inside_repository and RUNS_DIR not in dest.parents):
        raise ParameterError(
            f"--out {dest} is the repository or one of its own folders; runs go to a new "
            f"folder, e.g. runs/{plan.start_date}_{plan.end_date}"
        )
    if dest.exists() and not dest.is_dir():
        raise ParameterError(f"--out {dest} is a file, not a folder")
    if dest.is_dir() and any(dest.iterdir()) and not (dest / RUN_MARKER).is_file():
        raise ParameterError(
            f"--out {dest} is not empty and is not an earlier run of this tool; choose a new or empty folder"
        )
    parent = dest.parent
    while not parent.exists():
        parent = parent.parent
    if not parent.is_dir() or not os.access(parent, os.W_OK | os.X_OK):
        raise ParameterError(f"--out {dest}: cannot write in {parent} (permission denied or not a folder)")


@contextlib.contextmanager
def run_lock(plan: RunPlan) -> Iterator[None]:
    """One run at a time into one destination: a lock file beside it, created exclusively."""
    dest = plan.destination
    lock = (RUNS_DIR / ".reference.lock") if plan.reference else dest.parent / f".{dest.name}.lock"
    try:
        lock.parent.mkdir(parents=True, exist_ok=True)
        handle = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    except FileExistsError:
        holder = _lock_holder(lock)
        if holder is not None and _alive(holder):
            raise ParameterError(
                f"another run (process {holder}) is writing to {relative_to_root(dest)}; wait for it to finish"
            ) from None
        lock.unlink(missing_ok=True)  # left by a run that was killed
        handle = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    except OSError as exc:
        raise ParameterError(f"cannot write beside {dest}: {exc.strerror}") from None
    try:
        os.write(handle, str(os.getpid()).encode())
        os.close(handle)
        yield
    finally:
        lock.unlink(missing_ok=True)


def _lock_holder(lock: Path) -> int | None:
    try:
        return int(lock.read_text().strip())
    except (OSError, ValueError):
        return None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


# --------------------------------------------------------------------------- kernels


@contextlib.contextmanager
def kernel_specs() -> Iterator[Path]:
    """A kernel spec that starts this very interpreter, so notebooks always run in the runner's
    environment (no registered kernel needed; ``pip install -e .`` is enough)."""
    try:
        import ipykernel  # noqa: F401
    except ImportError:
        raise ProjectError("the Jupyter kernel package is missing: pip install ipykernel") from None
    with tempfile.TemporaryDirectory(prefix="openrouter-audit-kernel-") as folder:
        spec = Path(folder) / KERNEL_NAME
        spec.mkdir()
        (spec / "kernel.json").write_text(
            json.dumps(
                {
                    "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                    "display_name": KERNEL_DISPLAY,
                    "language": "python",
                }
            ),
            encoding="utf-8",
        )
        yield Path(folder)


def source_notebook(step: Step) -> nbformat.NotebookNode:
    """The notebook to execute, read from its plain-text twin, with stable cell ids."""
    import jupytext

    notebook = number_cells(jupytext.read(step.source()))
    notebook.metadata = nbformat.NotebookNode(
        {
            "kernelspec": {"display_name": KERNEL_DISPLAY, "language": "python", "name": KERNEL_NAME},
            "language_info": {"name": "python"},
        }
    )
    return notebook


WARM_UP = (
    "import matplotlib.pyplot, numpy, pandas\n"
    "import helpers.charts, helpers.clean, helpers.enterprise, helpers.headline, helpers.market, helpers.pipeline, "
    "helpers.spend"
)


class EarlyPages:
    """Renders a notebook's report page as soon as the notebook has run, in the thread that ran it
    (one page at a time), so that when the last notebook finishes only its page and the index are
    left to render."""

    def __init__(self, plan: RunPlan, staging: Path, steps: list[Step]) -> None:
        self.plan, self.layout, self.steps = plan, OutputLayout(staging), steps
        self.lock = threading.Lock()
        self.pages = None
        self.rendered: set[str] = set()

    def __call__(self, step: Step) -> None:
        from .report import report_pages

        with self.lock:
            if self.pages is None:
                self.pages = report_pages(self.steps, self.plan.raw_dir, self.plan.start_date, self.plan.end_date)
            self.pages.render(self.layout, step)
            self.rendered.add(step.notebook)


class Executor:
    """Runs notebooks in kernels it can stop: on Ctrl-C every kernel is killed at once.

    Kernels are started, and their imports warmed up, as soon as the run begins, each in its own
    thread; a notebook then runs in a kernel that is already waiting for it. The warm-up runs
    silently, so it changes no output and no execution count.
    """

    def __init__(
        self,
        plan: RunPlan,
        staging: Path,
        specs: Path,
        failed_dir: Path,
        after: Callable[[Step], None] | None = None,
        chain: Collection[str] = (),
    ) -> None:
        self.plan, self.staging, self.specs, self.failed_dir, self.after = plan, staging, specs, failed_dir, after
        self.kernels: dict[str, object] = {}  # kernels that have started, by notebook
        self.warming: dict[str, threading.Thread] = {}
        self.launched: dict[str, threading.Event] = {}  # set once a kernel's process is started (or never will be)
        self.closing = False
        self.chain = chain  # notebooks on the pipeline's longest chain: full CPU priority
        self.lock = threading.Lock()
        self.sockets = Path(tempfile.mkdtemp(prefix="openrouter-audit-sockets-"))

    def start_kernels(self, steps: list[Step]) -> None:
        """Start one kernel per notebook and warm its imports up, without waiting."""
        for step in steps:
            if self.closing:
                return
            self.launched[step.notebook] = threading.Event()
            thread = threading.Thread(
                target=self._start_kernel, args=(step,), daemon=True, name=f"kernel-{step.notebook}"
            )
            self.warming[step.notebook] = thread
            thread.start()

    def _start_kernel(self, step: Step) -> None:
        from jupyter_client import KernelManager
        from jupyter_client.kernelspec import KernelSpecManager

        launched = self.launched[step.notebook]
        try:
            km = KernelManager(
                kernel_name=KERNEL_NAME,
                kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(self.specs)]),
                transport="ipc",
                ip=str(self.sockets / step.notebook),
            )
            if self.closing:
                return
            # independent: the kernel gets its own session, so a Ctrl-C in the terminal reaches the
            # runner (which stops everything cleanly), not a notebook's running cell
            km.start_kernel(
                env={**os.environ, STAGING_ENV: str(self.staging)},
                cwd=str(NOTEBOOKS_DIR),
                independent=True,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            if step.notebook not in self.chain:
                lower_priority(km)
            with self.lock:
                closing = self.closing
                if not closing:
                    self.kernels[step.notebook] = km
            if closing:  # the run stopped while this kernel was starting: it is this thread's to stop
                with contextlib.suppress(Exception):
                    km.shutdown_kernel(now=True)
                return
        finally:
            launched.set()
        client = km.blocking_client()
        client.start_channels()
        try:
            client.wait_for_ready(timeout=120)
            client.execute_interactive(WARM_UP, silent=True, store_history=False, timeout=300)
        except Exception:  # noqa: BLE001 - a failed warm-up only costs time; the notebook itself will report
            pass
        finally:
            client.stop_channels()

    def execute(self, step: Step) -> float:
        from nbclient import NotebookClient
        from nbclient.exceptions import CellExecutionError, DeadKernelError

        started = time.perf_counter()
        notebook = source_notebook(step)
        parameters = self.plan.parameters()
        if parameters:
            notebook = parameterized(notebook, parameters)
        if step.notebook not in self.warming:
            self.start_kernels([step])
        self.warming[step.notebook].join()
        km = self.kernels[step.notebook]
        client = NotebookClient(
            notebook, km=km, timeout=None, record_timing=False, resources={"metadata": {"path": str(NOTEBOOKS_DIR)}}
        )
        try:
            client.execute()
        except CellExecutionError as exc:
            kept = self.keep_failed(step, client.nb)
            raise ProjectError(
                f"{step.notebook} failed: {_last_error_line(exc)}; the failed notebook is kept "
                f"at {relative_to_root(kept)}"
            ) from None
        except DeadKernelError:
            raise ProjectError(f"{step.notebook}: its kernel stopped") from None
        finally:
            self.stop(step.notebook)
        write_executed(client.nb, self.staging / step.executed)
        if self.after is not None:
            self.after(step)
        return time.perf_counter() - started

    def yield_cpu(self, notebook: str) -> None:
        """Lower a running notebook's CPU priority: nothing waits for the rest of its work."""
        with self.lock:
            km = self.kernels.get(notebook)
        if km is not None:
            lower_priority(km)

    def stop(self, notebook: str) -> None:
        with self.lock:
            km = self.kernels.pop(notebook, None)
        if km is not None:
            with contextlib.suppress(Exception):
                km.shutdown_kernel(now=True)

    def keep_failed(self, step: Step, notebook: nbformat.NotebookNode) -> Path:
        self.failed_dir.mkdir(parents=True, exist_ok=True)
        path = self.failed_dir / f"{step.notebook}.ipynb"
        nbformat.write(notebook, path)
        return path

    def stop_all(self) -> None:
        """Kill every kernel at once (Ctrl-C or a failure): a kernel's process, not a polite shutdown."""
        with self.lock:
            self.closing = True
            managers = list(self.kernels.values())
            self.kernels.clear()
        for km in managers:
            with contextlib.suppress(Exception):
                km.provisioner.process.kill()  # type: ignore[attr-defined]

    def close(self) -> None:
        """Shut down any kernel left (a step that never ran, or the run stopped early) and remove
        the socket folder. A kernel still starting is waited for (a fraction of a second) and then
        stopped by its own thread, so no kernel outlives the run."""
        with self.lock:
            self.closing = True
        for event in list(self.launched.values()):
            event.wait(timeout=30)
        for name in list(self.kernels):
            self.stop(name)
        shutil.rmtree(self.sockets, ignore_errors=True)


OFF_CHAIN_NICENESS = 10


def lower_priority(km) -> None:
    """Let a notebook the run is not waiting for yield the CPU to those it is: the run ends when its
    longest chain does, and on two cores the chain otherwise shares them with work nothing waits
    for. Each kernel runs in its own session, and Linux weighs sessions ("autogroups"), not
    processes, against each other, so the session's niceness is lowered as well as the process'.
    Where the system allows neither, nothing changes."""
    with contextlib.suppress(AttributeError, OSError):
        pid = km.provisioner.process.pid
        os.setpriority(os.PRIO_PROCESS, pid, OFF_CHAIN_NICENESS)
        Path(f"/proc/{pid}/autogroup").write_text(str(OFF_CHAIN_NICENESS))


def parameterized(notebook: nbformat.NotebookNode, parameters: dict) -> nbformat.NotebookNode:
    """The notebook with papermill's injected-parameters cell after its parameters cell."""
    from papermill.parameterize import parameterize_notebook

    for cell in notebook.cells:
        cell.metadata.setdefault("tags", [])
    notebook.metadata["papermill"] = {}
    notebook = parameterize_notebook(notebook, parameters)
    notebook.metadata.pop("papermill", None)
    return number_cells(notebook)


def number_cells(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Stable cell ids (``cell-00``...) and no empty tag lists, so reruns give identical bytes."""
    for number, cell in enumerate(notebook.cells):
        cell["id"] = f"cell-{number:02d}"
        if not cell.metadata.get("tags"):
            cell.metadata.pop("tags", None)
    return notebook


def _last_error_line(exc: Exception) -> str:
    """The error's name and message, without the traceback nbclient puts in front of it."""
    name, value = getattr(exc, "ename", ""), getattr(exc, "evalue", "")
    return f"{name}: {value}" if name else str(exc).strip().splitlines()[-1]


def write_executed(notebook: nbformat.NotebookNode, path: Path) -> None:
    """Write an executed notebook with stdout chunks merged, so reruns give identical bytes."""
    from nbconvert.preprocessors.coalescestreams import CoalesceStreamsPreprocessor

    notebook, _ = CoalesceStreamsPreprocessor().preprocess(notebook, {})
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, path)


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
            except BaseException as exc:  # noqa: BLE001 - handed to the waiting thread as is
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


# --------------------------------------------------------------------------- record and swap


def code_version(root: Path = ROOT) -> dict[str, object]:
    """The last commit that changed the code (not the outputs) and whether the code has uncommitted
    changes; a copy without git history says so."""
    try:
        commit = subprocess.run(
            ["git", "log", "-1", "--format=%H", "--", *CODE_PATHS], cwd=root, check=True, capture_output=True, text=True
        ).stdout.strip()
        changes = subprocess.run(
            ["git", "status", "--porcelain", "--", *CODE_PATHS], cwd=root, check=True, capture_output=True, text=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return {"code_commit": "unknown (not a git checkout)", "code_uncommitted_changes": "unknown"}
    return {"code_commit": commit or "unknown", "code_uncommitted_changes": bool(changes)}


def run_record(plan: RunPlan, layout: OutputLayout, steps: list[Step]) -> dict:
    """What produced this run: parameters, data, code and environment, and every output's sha256."""
    from .manifest import sha256_of
    from .pipeline import verify_and_describe

    vintages, provenance = verify_and_describe(plan.raw_dir)
    requirements = ROOT / "requirements.txt"
    outputs = {name: sha256_of(layout.base / name) for name in sorted(written_files(layout))}
    return {
        "parameters": {
            "start_date": plan.start_date,
            "end_date": plan.end_date,
            "raw_dir": relative_to_root(plan.raw_dir),
            "reference_run": plan.reference,
        },
        "data": {
            "as_of": provenance.as_of,
            "data_version": provenance.data_version,
            "rankings_vintages": vintages.astype(str).to_dict("records"),
        },
        "code": code_version(),
        "environment": {"requirements_sha256": sha256_of(requirements) if requirements.is_file() else "missing"},
        "notebooks": [step.notebook for step in steps],
        "outputs_sha256": outputs,
    }


RECORD = "data/processed/run_record.json"


@contextlib.contextmanager
def held_interrupts() -> Iterator[list[int]]:
    """Hold Ctrl-C back while files are being moved into place (a half-moved run would mix two
    runs); the list it yields records any that came."""
    received: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield received
        return
    previous = signal.signal(signal.SIGINT, lambda signum, frame: received.append(signum))
    try:
        yield received
    finally:
        signal.signal(signal.SIGINT, previous)


def move_into_place(plan: RunPlan, staging: Path, log: Log = print) -> None:
    """Replace the destination's outputs with the staged ones. A Ctrl-C during the move comes too
    late to stop the run: it finishes, and says so, rather than claim nothing was changed."""
    with held_interrupts() as received:
        if plan.reference:
            _replace_reference(staging)
        else:
            _replace_folder(staging, plan.destination)
    if received:
        log("  Ctrl-C came while the finished run was being moved into place: the run is complete")


def _replace_folder(staging: Path, destination: Path) -> None:
    old = destination.with_name(f".{destination.name}.previous-{os.getpid()}")
    if destination.exists():
        os.rename(destination, old)
    os.rename(staging, destination)
    shutil.rmtree(old, ignore_errors=True)


def _replace_reference(staging: Path) -> None:
    """Move every staged file over its committed counterpart, then remove committed outputs the
    run no longer produces (only inside the folders the reference run owns)."""
    produced = written_files(OutputLayout(staging))
    for name in sorted(produced):
        target = ROOT / name
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staging / name, target)
    owned = [p for folder in REFERENCE_OWNED for p in (ROOT / folder).rglob("*") if p.is_file()]
    owned += list(NOTEBOOKS_DIR.glob("*.ipynb"))
    for path in owned:
        if path.relative_to(ROOT).as_posix() not in produced:
            path.unlink()
    shutil.rmtree(staging, ignore_errors=True)


def staging_folder(plan: RunPlan) -> Path:
    """A new hidden folder beside the destination (same file system, so the final moves are renames)."""
    parent = RUNS_DIR if plan.reference else plan.destination.parent
    parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{plan.destination.name or 'reference'}.staging-", dir=parent))


def failed_folder(plan: RunPlan) -> Path:
    return RUNS_DIR / "failed" if plan.reference else plan.destination.parent / f"{plan.destination.name}.failed"


def check_inputs(plan: RunPlan, staging: Path) -> None:
    """The run's dates against the data, then every raw input (see :mod:`helpers.inputs`); the
    rankings cleaned on the way are left in ``staging`` for notebook 1."""
    from .clean import keep_checked_rankings
    from .inputs import check_all
    from .pipeline import check_run_dates

    check_run_dates(plan.start_date, plan.end_date, rankings_dir(plan.raw_dir))
    keep_checked_rankings(check_all(plan.raw_dir), plan.raw_dir, staging)


def finish(plan: RunPlan, staging: Path, steps: list[Step], pages: EarlyPages, log: Log) -> None:
    """Check what the notebooks wrote, finish the report, write the run record, move into place."""
    from .report import build_report

    layout = OutputLayout(staging)
    check_outputs(steps, layout)
    log("  rendering the report")
    build_report(layout, plan.raw_dir, pages.pages, pages.rendered)
    if not plan.reference:
        (staging / RUN_MARKER).write_text(json.dumps({"start_date": plan.start_date, "end_date": plan.end_date}) + "\n")
    record = run_record(plan, layout, steps)
    (staging / RECORD).write_text(json.dumps(record, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    log("  moving the finished run into place")
    move_into_place(plan, staging, log)


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
