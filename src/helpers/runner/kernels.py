"""Notebook execution in kernels the runner owns: started early, watched while they run, stopped at once.

A kernel that dies (a cell calling ``os._exit``, the out-of-memory killer), a cell or a notebook that
runs past its time limit, and a failing cell all end the notebook with one line naming it, the cell
and its line in the twin; the executor never waits on a kernel that can no longer answer. Kernels
also end themselves when the runner is gone, even if it was killed with ``kill -9`` (ipykernel's
parent poller, told the runner's process id), so no kernel outlives its run.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import logging
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Collection
from pathlib import Path
from queue import Empty

import jupytext
import nbformat
from jupyter_client import KernelManager
from jupyter_client.kernelspec import KernelSpecManager

from ..errors import ProjectError, naming_file
from ..paths import (
    NOTEBOOKS_DIR,
    STAGING_ENV,
    relative_to_root,
)
from ..steps import Step
from .cells import CellWatch, Limits, exit_description, last_error_line
from .plan import RunPlan

KERNEL_NAME = "openrouter-audit"


KERNEL_DISPLAY = "Python (openrouter-audit)"
# nbclient talks to the kernel through an asynchronous client, so its check that the kernel is still
# alive runs while it waits for a reply (a blocking client would wait forever on a dead kernel).
ASYNC_CLIENT = "jupyter_client.asynchronous.AsyncKernelClient"
# nbclient and jupyter_client log a dead kernel or a timeout to stderr; the runner says it in one line.
QUIET = logging.getLogger("helpers.runner.kernels.quiet")
QUIET.addHandler(logging.NullHandler())
QUIET.propagate = False


class _AbandonedTasks(logging.Filter):
    """After a cell's time limit nbclient leaves its output-polling task pending, and asyncio reports
    it to stderr when the task is collected ("Task was destroyed but it is pending!"): noise after the
    runner's own one-line message, about a notebook already stopped. Only that report is dropped."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "Task was destroyed but it is pending" not in record.getMessage()


logging.getLogger("asyncio").addFilter(_AbandonedTasks())
ALIVE_POLL_SECONDS = 0.5


def kernel_specs(folder: Path) -> Path:
    """Write, inside the run's private ``folder``, a kernel spec that starts this very interpreter, so
    notebooks always run in the runner's environment (no registered kernel needed; ``pip install -e .``
    is enough); return the folder of specs."""
    try:
        import ipykernel  # noqa: F401  # whether it is installed, with a clear error if not
    except ImportError:
        raise ProjectError("the Jupyter kernel package is missing: pip install ipykernel") from None
    specs = Path(folder) / "kernels"
    spec = specs / KERNEL_NAME
    spec.mkdir(parents=True)
    with naming_file(spec / "kernel.json"):
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
    return specs


def source_notebook(step: Step) -> nbformat.NotebookNode:
    """The notebook to execute, read from its plain-text twin, with stable cell ids."""
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


class Executor:
    """Runs notebooks in kernels it can stop: on Ctrl-C or any failure every kernel is killed at once.

    Kernels are started, and their imports warmed up, as soon as the run begins, each in its own
    thread; a notebook then runs in a kernel that is already waiting for it. The warm-up runs
    silently, so it changes no output and no execution count. Everything a kernel needs on disk
    (its spec, sockets and connection file) lives in the run's private ``temp`` folder.
    """

    def __init__(
        self,
        plan: RunPlan,
        staging: Path,
        temp: Path,
        failed_dir: Path,
        after: Callable[[Step], None] | None = None,
        chain: Collection[str] = (),
        limits: Limits | None = None,
    ) -> None:
        self.plan, self.staging, self.failed_dir, self.after = plan, staging, failed_dir, after
        self.specs = kernel_specs(temp)
        self.sockets = Path(temp) / "sockets"
        self.sockets.mkdir()
        self.limits = limits or Limits()
        self.kernels: dict[str, object] = {}  # kernels that have started, by notebook
        self.warming: dict[str, threading.Thread] = {}
        self.launched: dict[str, threading.Event] = {}  # set once a kernel's process is started (or never will be)
        self.start_errors: dict[str, str] = {}
        self.closing = False
        self.chain = chain  # notebooks on the pipeline's longest chain: full CPU priority
        self.lock = threading.Lock()
        self.idle = threading.Condition(self.lock)
        self.busy = 0  # notebooks executing now: the staging folder is theirs until they return

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
        launched = self.launched[step.notebook]
        try:
            km = self._launch(step)
        except Exception as exc:  # reported by execute() as one line
            self.start_errors[step.notebook] = f"{type(exc).__name__}: {exc}".splitlines()[0]
            return
        finally:
            launched.set()
        if km is not None:
            warm_up(km, lambda: self.closing)

    def _launch(self, step: Step):
        """Start the notebook's kernel and register it; None when the run stopped meanwhile."""
        km = KernelManager(
            kernel_name=KERNEL_NAME,
            kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(self.specs)]),
            transport="ipc",
            ip=str(self.sockets / step.notebook),
            connection_file=str(self.sockets / f"{step.notebook}.json"),
            client_class=ASYNC_CLIENT,
        )
        if self.closing:
            return None
        # Not "independent": the kernel is told the runner's process id (JPY_PARENT_PID) and ends itself
        # when the runner is gone, even after kill -9. It still gets its own session (jupyter_client
        # starts every kernel so on POSIX), so a Ctrl-C in the terminal reaches the runner, which stops
        # everything cleanly, not a notebook's running cell.
        km.start_kernel(
            env={**os.environ, STAGING_ENV: str(self.staging)},
            cwd=str(NOTEBOOKS_DIR),
            independent=False,
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
            kill_kernel(km)
            return None
        return km

    def kernel_for(self, step: Step):
        """The notebook's started kernel (waiting for its warm-up), or a one-line error."""
        if step.notebook not in self.warming:
            self.start_kernels([step])
        warming = self.warming.get(step.notebook)
        if warming is None:  # not started: the run is stopping
            raise ProjectError(f"{step.notebook}: stopped")
        warming.join()
        with self.lock:
            km = self.kernels.get(step.notebook)
        if km is None:
            problem = self.start_errors.get(step.notebook, "the run is stopping")
            raise ProjectError(f"{step.notebook}: its kernel could not be started ({problem})")
        return km

    def execute(self, step: Step) -> float:
        """Run one notebook and write it executed into staging; one-line errors (see :meth:`failure`)."""
        with self.lock:
            self.busy += 1
        try:
            return self._execute(step)
        finally:
            with self.lock:
                self.busy -= 1
                self.idle.notify_all()

    def _execute(self, step: Step) -> float:
        from nbclient import NotebookClient  # here, not at the top: ~1 s to import, done while the kernels start

        started = time.perf_counter()
        notebook = source_notebook(step)
        parameters = self.plan.parameters()
        if parameters:
            notebook = parameterized(notebook, parameters)
        km = self.kernel_for(step)
        watch = CellWatch(step.notebook, step.source(), self.limits, executed=notebook)  # the clock starts now
        client = NotebookClient(
            notebook,
            km=km,
            timeout_func=watch.timeout,
            on_cell_execute=watch.entered,
            record_timing=False,
            log=QUIET,
            resources={"metadata": {"path": str(NOTEBOOKS_DIR)}},
        )
        try:
            client.execute()
        except Exception as exc:  # every way a notebook can fail becomes one line
            raise self.failure(step, client, km, watch, exc) from None
        finally:
            if client.kc is not None:
                with contextlib.suppress(Exception):
                    client.kc.stop_channels()
            # nbclient leaves its exit-time clean-up registered when the kernel died while starting;
            # at exit it would print a traceback about a kernel that is long gone
            atexit.unregister(client._cleanup_kernel)
            self.stop(step.notebook)
        if self.closing:  # the run is stopping: its staging folder is about to go
            raise ProjectError(f"{step.notebook}: stopped")
        write_executed(client.nb, self.staging / step.executed)
        if self.after is not None:
            self.after(step)
        return time.perf_counter() - started

    def failure(self, step: Step, client, km, watch: CellWatch, exc: Exception) -> ProjectError:
        """One line for a failed notebook, naming the cell, after keeping the failed notebook."""
        from nbclient.exceptions import CellTimeoutError  # as NotebookClient in _execute

        if self.closing:  # the run is stopping for another reason: this notebook's kernel was killed
            return ProjectError(f"{step.notebook}: stopped")
        where = watch.where(getattr(exc, "traceback", ""))
        if isinstance(exc, CellTimeoutError) and watch.over_notebook_limit():
            what = f": ran longer than the {self.limits.notebook_seconds:g} s a notebook may take (stopped in {where})"
        elif isinstance(exc, CellTimeoutError):
            what = f": {where} ran longer than the {self.limits.cell_seconds:g} s a cell may take"
        elif not kernel_alive(km):
            running = where if where.startswith("before") else f"while running {where}"
            what = f": its kernel died ({exit_description(kernel_returncode(km))}) {running}"
        else:
            what = f" failed in {where}: {last_error_line(exc)}"
        return ProjectError(f"{step.notebook}{what}; {self.keep_failed(step, client.nb)}")

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
            kill_kernel(km)

    def keep_failed(self, step: Step, notebook: nbformat.NotebookNode) -> str:
        """Keep the failed notebook for the reader; say where (or why it could not be kept)."""
        path = self.failed_dir / f"{step.notebook}.ipynb"
        try:
            with naming_file(path):
                self.failed_dir.mkdir(parents=True, exist_ok=True)
                nbformat.write(notebook, path)
        except OSError as exc:
            return f"the failed notebook could not be kept ({exc.strerror}: {exc.filename})"
        return f"the failed notebook is kept at {relative_to_root(path)}"

    def stop_all(self) -> None:
        """Kill every kernel at once (Ctrl-C or a failure): a kernel's process, not a polite shutdown."""
        with self.lock:
            self.closing = True
            managers = list(self.kernels.values())
            self.kernels.clear()
        for km in managers:
            with contextlib.suppress(Exception):
                km.provisioner.process.kill()  # type: ignore[attr-defined]  # the local provisioner has .process
        for km in managers:  # dead before anyone removes the staging folder they write into
            with contextlib.suppress(Exception):
                km.provisioner.process.wait(timeout=5)  # type: ignore[attr-defined]  # as above

    def close(self, seconds: float = 15) -> None:
        """Stop any kernel left (a step that never ran, or the run stopped early) and wait for the
        notebooks still executing to return (their kernels are dead: they notice within a second),
        so nothing writes into the staging folder once this returns. A kernel still starting is
        waited for (a fraction of a second) and then stopped by its own thread, so no kernel
        outlives the run."""
        with self.lock:
            self.closing = True
        for event in list(self.launched.values()):
            event.wait(timeout=30)
        for name in list(self.kernels):
            self.stop(name)
        with self.lock:
            self.idle.wait_for(lambda: self.busy == 0, timeout=seconds)


def warm_up(km, stopping: Callable[[], bool], seconds: float = 300) -> None:
    """Import the notebooks' libraries in a fresh kernel, silently, while the run does other work.
    It gives up as soon as the kernel dies or the run stops (never waiting on a dead kernel); a failed
    warm-up only costs time, and the notebook itself will report the problem."""
    client = km.blocking_client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=120)
        msg_id = client.execute(WARM_UP, silent=True, store_history=False)
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and not stopping() and kernel_alive(km):
            with contextlib.suppress(Empty):
                if client.get_shell_msg(timeout=ALIVE_POLL_SECONDS)["parent_header"].get("msg_id") == msg_id:
                    return
    except Exception:  # noqa: S110 - see the docstring
        pass
    finally:
        client.stop_channels()


def kernel_alive(km) -> bool:
    """Whether the kernel's process is still running."""
    try:
        return km.provisioner.process.poll() is None
    except AttributeError:
        return False


def kernel_returncode(km) -> int | None:
    """The kernel process' exit code (negative: the signal that killed it), or None while it runs."""
    try:
        return km.provisioner.process.poll()
    except AttributeError:
        return None


def kill_kernel(km) -> None:
    """Stop a kernel at once and remove its connection file."""
    with contextlib.suppress(Exception):
        km.shutdown_kernel(now=True)
    with contextlib.suppress(Exception):
        km.cleanup_resources()


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
    from papermill.parameterize import parameterize_notebook  # here, not at the top: ~1 s, while the kernels start

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


def write_executed(notebook: nbformat.NotebookNode, path: Path) -> None:
    """Write an executed notebook with stdout chunks merged, so reruns give identical bytes."""
    from nbconvert.preprocessors.coalescestreams import CoalesceStreamsPreprocessor  # as papermill above

    notebook, _ = CoalesceStreamsPreprocessor().preprocess(notebook, {})
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
    path.parent.mkdir(parents=True, exist_ok=True)
    with naming_file(path):
        nbformat.write(notebook, path)
