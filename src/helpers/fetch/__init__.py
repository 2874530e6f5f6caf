"""Fetch new raw data from OpenRouter: ``python -m helpers fetch rankings|models``.

Raw data is evidence, so a fetch follows a few rules that are easy to state and checked in
``tests/test_fetch.py``:

* Nothing is written until every request succeeded and every row was validated; the new data
  then lands as one new folder (a *vintage* or a *snapshot*) created by an atomic rename, next to
  the existing ones. Existing raw files are never merged into, rewritten or deleted.
* The API key is read from ``OPENROUTER_API_KEY`` only, sent only in the ``Authorization``
  header, and never appears in a written file, a printed line or an error message, whole or in
  part: whatever a server echoes is redacted (the key and any beginning of it of three or more
  characters) before it is cut to length.
* The client is polite and bounded: at most 30 requests a minute and 500 a day, ``Retry-After``
  is honoured, server errors and broken transfers are retried a few times with exponential
  backoff, and everything else stops with one clear :class:`~helpers.errors.FetchError`.
* Rows that are not daily (OpenRouter served weekly buckets in July 2026) are refused, and days
  whose values differ from the raw data already held are shown and kept as a restatement.

Sleeping, the clock and the retrieval timestamp are injectable (:class:`Tuning`) so the tests
exercise retries and rate limits without waiting.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TextIO

from ..errors import ProjectError
from .client import ApiClient, RateLimiter, load_json, parse_retry_after
from .models import fetch_models, parse_models_response, write_snapshot
from .rankings import (
    Comparison,
    _row_problem,
    check_daily_rows,
    compare_with_existing,
    fetch_rankings,
    format_differences,
    load_existing,
    parse_rankings_response,
    rankings_metadata,
    vintage_id,
)
from .settings import (
    API_KEY_ENV,
    BASE_URL_ENV,
    DEFAULT_BASE_URL,
    MAX_WINDOW_DAYS,
    FetchParameterError,
    Tuning,
    Window,
    clip,
    parse_day,
    read_api_key,
    redact,
    resolve_base_url,
    split_windows,
)

__all__ = [
    "API_KEY_ENV",
    "BASE_URL_ENV",
    "DEFAULT_BASE_URL",
    "MAX_WINDOW_DAYS",
    "ApiClient",
    "Comparison",
    "FetchParameterError",
    "RateLimiter",
    "Tuning",
    "Window",
    "_row_problem",
    "check_daily_rows",
    "clip",
    "compare_with_existing",
    "fetch_models",
    "fetch_rankings",
    "format_differences",
    "load_existing",
    "load_json",
    "main",
    "parse_day",
    "parse_models_response",
    "parse_rankings_response",
    "parse_retry_after",
    "rankings_metadata",
    "read_api_key",
    "redact",
    "resolve_base_url",
    "split_windows",
    "vintage_id",
    "write_snapshot",
]


def main(
    args: argparse.Namespace,
    *,
    env: Mapping[str, str] | None = None,
    tuning: Tuning | None = None,
    rankings_dir: Path | None = None,
    models_dir: Path | None = None,
    out: TextIO | None = None,
) -> int:
    """Run ``fetch rankings|models`` from parsed CLI arguments; return the exit code.

    Errors are :class:`ProjectError` (printed by the CLI as ``error: ...``, exit 2); their text
    is redacted once more here so no code path can print the key.
    """
    env = os.environ if env is None else env
    secret = (env.get(API_KEY_ENV) or "").strip() or None
    try:
        if args.what == "rankings":
            return fetch_rankings(
                args.start,
                args.end,
                base_url=args.base_url,
                dry_run=args.dry_run,
                rankings_dir=rankings_dir,
                env=env,
                tuning=tuning,
                out=out,
            )
        if args.what == "models":
            return fetch_models(
                base_url=args.base_url, dry_run=args.dry_run, models_dir=models_dir, env=env, tuning=tuning, out=out
            )
        raise FetchParameterError(f"unknown fetch target {args.what!r}")
    except ProjectError as exc:
        cleaned = redact(str(exc), secret)
        if cleaned != str(exc):
            raise type(exc)(cleaned) from None
        raise
