"""Signals: SIGTERM and SIGHUP stop a command exactly as Ctrl-C does, and none stops the final move.

A run may be stopped from a terminal (Ctrl-C: SIGINT), by a service manager or ``kill`` (SIGTERM), or
by a closed terminal or SSH session (SIGHUP). All three raise :class:`Interrupted` in the main thread,
so the same clean-up runs (kernels killed, staging removed, lock released, one line printed), and
the exit status is 128 plus the signal's number, as a shell reports a process the signal ended.

While a finished run is moved into place, every signal that would end the process and can be caught
is held back (:func:`held_signals`): the move completes, and the run says that a signal came too late
to stop it, so the published outputs are all old or all new, never a mix.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator

STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))
# Signals that cannot be caught, that report a fault in this very process, or whose default is to do
# nothing or to pause: none of them is held during the move.
_NOT_HELD = {
    getattr(signal, name)
    for name in (
        "SIGKILL",
        "SIGSTOP",
        "SIGSEGV",
        "SIGBUS",
        "SIGFPE",
        "SIGILL",
        "SIGTRAP",
        "SIGSYS",
        "SIGCHLD",
        "SIGCONT",
        "SIGURG",
        "SIGWINCH",
        "SIGTSTP",
        "SIGTTIN",
        "SIGTTOU",
    )
    if hasattr(signal, name)
}


class Interrupted(KeyboardInterrupt):
    """A stop signal (Ctrl-C, SIGTERM, SIGHUP), raised like Ctrl-C's KeyboardInterrupt."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal_name(signum))
        self.signum = signum


def signal_name(signum: int) -> str:
    try:
        return signal.Signals(signum).name
    except ValueError:
        return f"signal {signum}"


def _raise_interrupted(signum: int, frame: object) -> None:
    raise Interrupted(signum)


def _in_main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


@contextlib.contextmanager
def stopping_like_ctrl_c() -> Iterator[None]:
    """For the duration of a command, SIGINT, SIGTERM and SIGHUP raise :class:`Interrupted`. A signal
    the process was started with ignored stays ignored (``nohup`` ignores SIGHUP; a background job
    started by a script, SIGINT), as the person who started it asked."""
    if not _in_main_thread():
        yield
        return
    previous = {sig: signal.getsignal(sig) for sig in STOP_SIGNALS}
    for sig, handler in previous.items():
        if handler is not signal.SIG_IGN:
            signal.signal(sig, _raise_interrupted)
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def interruption(exc: KeyboardInterrupt) -> tuple[str, int]:
    """The line to print and the exit status for an interrupted command."""
    signum = getattr(exc, "signum", signal.SIGINT)
    how = "interrupted" if signum == signal.SIGINT else f"interrupted by {signal_name(signum)}"
    return f"{how}: stopped before finishing; no committed file was changed", 128 + int(signum)


def holdable_signals() -> list[int]:
    """Every signal that would end the process and that a handler can catch, except those now ignored
    (or handled by code outside Python, whose handler could not be put back)."""
    held: list[int] = []
    for sig in sorted(signal.valid_signals()):
        if sig in _NOT_HELD:
            continue
        with contextlib.suppress(OSError, ValueError):
            handler = signal.getsignal(sig)
            if handler is not signal.SIG_IGN and handler is not None:  # None: set outside Python, left alone
                held.append(sig)
    return held


@contextlib.contextmanager
def held_signals() -> Iterator[list[int]]:
    """Hold back every catchable signal that would end the process while the block runs; the list it
    yields records those that came, so the caller can say so once the block is done. Outside the
    main thread (where handlers cannot be set) nothing is held."""
    received: list[int] = []
    if not _in_main_thread():
        yield received
        return
    previous = {}
    for sig in holdable_signals():
        with contextlib.suppress(OSError, ValueError, RuntimeError):
            previous[sig] = signal.signal(sig, lambda signum, frame: received.append(signum))
    try:
        yield received
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
