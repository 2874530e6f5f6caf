"""Notebook execution in kernels the runner owns, started early and stopped at once on Ctrl-C."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Collection, Iterator
from pathlib import Path

import nbformat

from ..errors import ProjectError
from ..paths import (
    NOTEBOOKS_DIR,
    STAGING_ENV,
    relative_to_root,
)
from ..steps import Step
from .plan import RunPlan

KERNEL_NAME = "openrouter-audit"


KERNEL_DISPLAY = "Python (openrouter-audit)"


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
