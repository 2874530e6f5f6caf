"""Run parameters as a reader types them, checked once, strictly, before anything is done.

A day is ``YYYY-MM-DD`` and nothing else: ``2026-3-2`` would name the same day as ``2026-03-02``, and
so the same run in a second folder, and every message asks for the strict form anyway. An empty
value (``--start ''``) is refused rather than silently taken for the default. This module imports
nothing heavy, so the command line can refuse a bad parameter before it loads pandas or starts a
kernel, and before it creates any folder or lock.
"""

from __future__ import annotations

import datetime as dt
import re

from .errors import ParameterError

DAY_PATTERN = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_day(value: object, name: str) -> dt.date:
    """A day written exactly as ``YYYY-MM-DD`` that exists in the calendar, or an error naming ``name``."""
    if not isinstance(value, str) or not DAY_PATTERN.fullmatch(value):
        raise ParameterError(f"{name}={value!r} is not a date in YYYY-MM-DD form (e.g. 2026-03-02)")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ParameterError(f"{name}={value!r} is not a date in YYYY-MM-DD form: there is no such day") from None


def given(value: str | None, name: str, instead: str) -> str | None:
    """``value`` when given (None when left out); an empty or blank one is an error that says what to
    do ``instead``."""
    if value is not None and not value.strip():
        raise ParameterError(f"{name} is empty: {instead}")
    return value
