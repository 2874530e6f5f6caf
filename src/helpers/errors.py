"""Error types that name the file, line or parameter at fault.

A reader who hits bad input must learn *where* it is without reading a traceback, so every
error raised on input data carries that location in its message.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path


class ProjectError(Exception):
    """Base class for errors a user can act on; the CLI prints these without a traceback."""


class RawDataError(ProjectError):
    """A raw file is missing, altered, malformed or inconsistent with its manifest."""


class ClassificationError(ProjectError):
    """A model could not be classified (for example an author missing from the registry)."""


class ParameterError(ProjectError):
    """A run parameter is malformed or outside what the data supports."""


class FetchError(ProjectError):
    """A fetch from the OpenRouter API failed; nothing was written."""


@contextlib.contextmanager
def naming_file(path: str | Path) -> Iterator[None]:
    """Name ``path`` in an OSError raised while writing it.

    A write that fails part-way (a full disk: ENOSPC, a quota) raises an OSError without a file
    name, so the message would not say which file; re-raised with the name, the command line and a
    notebook's error both show it."""
    try:
        yield
    except OSError as exc:
        if exc.filename is not None:
            raise
        raise OSError(exc.errno, exc.strerror or str(exc), str(path)) from None
