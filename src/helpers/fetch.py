"""Fetch new raw data from OpenRouter: ``python -m helpers fetch rankings|models``.

Raw data is evidence, so a fetch follows a few rules that are easy to state and checked in
``tests/test_fetch.py``:

* Nothing is written until every request succeeded and every row was validated; the new data
  then lands as one new folder (a *vintage* or a *snapshot*) created by an atomic rename, next to
  the existing ones. Existing raw files are never merged into, rewritten or deleted.
* The API key is read from ``OPENROUTER_API_KEY`` only, sent only in the ``Authorization``
  header, and never appears in a written file, a printed line or an error message.
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
import datetime as dt
import email.utils
import http.client
import json
import os
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

import pandas as pd

from .errors import FetchError, ParameterError, ProjectError
from .ingest import write_vintage
from .manifest import find_manifests, write_new_folder
from .paths import RANKINGS_DIR, RAW_DIR, relative_to_root
# PERMASLUG_PATTERN is shared on purpose: a fetched row must pass exactly the check the reader applies.
from .rankings import ATTRIBUTION, PERMASLUG_PATTERN, daily_totals, find_non_daily_days, load_rankings

DEFAULT_BASE_URL = "https://openrouter.ai/api/v1"
API_KEY_ENV = "OPENROUTER_API_KEY"
BASE_URL_ENV = "OPENROUTER_BASE_URL"
MODELS_DIR = RAW_DIR / "openrouter" / "models"
RANKINGS_PATH = "/datasets/rankings-daily"
MODELS_PATH = "/models"
API_VERSION = "v1"
MAX_WINDOW_DAYS = 366
REQUESTS_PER_MINUTE = 30
REQUESTS_PER_DAY = 500
MAX_BODY_BYTES = 256 * 1024 * 1024
RANKINGS_DOCS_URL = "https://openrouter.ai/docs/api/api-reference/datasets/get-rankings-daily"
MODELS_DOCS_URL = "https://openrouter.ai/docs/api-reference/list-available-models"
CC_BY = ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DIGITS = re.compile(r"^\d+$")
_LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}


class FetchParameterError(FetchError, ParameterError):
    """A fetch argument (date, URL, key format) is unusable; nothing was requested or written."""


def utc_now() -> dt.datetime:
    """The current time in UTC (the default retrieval timestamp)."""
    return dt.datetime.now(dt.timezone.utc)


@dataclass
class Tuning:
    """Knobs of the HTTP client, injectable so tests run offline in a fraction of a second.

    ``sleep`` and ``clock`` drive retries and the rate limiter; ``now`` stamps the retrieval.
    """

    timeout: float = 60.0
    max_attempts: int = 5
    backoff_base: float = 1.0
    backoff_cap: float = 60.0
    max_retry_after: float = 600.0
    per_minute: int = REQUESTS_PER_MINUTE
    per_day: int = REQUESTS_PER_DAY
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    now: Callable[[], dt.datetime] = utc_now


def redact(text: str, secret: str | None) -> str:
    """Replace every occurrence of ``secret`` in ``text``: servers may echo a rejected key."""
    if not secret:
        return text
    return text.replace(secret, "[redacted]")


class Console:
    """Prints progress lines with the key redacted (a server-supplied value could contain it)."""

    def __init__(self, secret: str | None, stream: TextIO | None = None) -> None:
        self.secret = secret
        self.stream = stream

    def say(self, line: str = "") -> None:
        print(redact(line, self.secret), file=self.stream or sys.stdout)

    def warn(self, line: str) -> None:
        print(redact(line, self.secret), file=self.stream or sys.stderr)


# --------------------------------------------------------------------------- HTTP client


@dataclass
class RateLimiter:
    """Client-side budget of the API's limits: ``per_minute`` in any 60 s, ``per_day`` in 24 h.

    Waiting for a minute's budget is cheap, so it sleeps; a day's budget is not worth waiting
    for in one command, so it stops with an error instead.
    """

    per_minute: int = REQUESTS_PER_MINUTE
    per_day: int = REQUESTS_PER_DAY
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    sent: deque[float] = field(default_factory=deque)

    def wait_turn(self) -> None:
        """Block until one more request fits the limits, then count it."""
        now = self.clock()
        while self.sent and now - self.sent[0] >= 86_400:
            self.sent.popleft()
        if len(self.sent) >= self.per_day:
            raise FetchError(f"client-side limit of {self.per_day} requests a day reached; "
                             "try again later")
        last_minute = [t for t in self.sent if now - t < 60]
        if len(last_minute) >= self.per_minute:
            wait = 60 - (now - last_minute[-self.per_minute])
            if wait > 0:
                self.sleep(wait)
            now = self.clock()
        self.sent.append(now)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """Turn redirects into errors: urllib would forward the Authorization header to any host."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[override]
        return None


_OPENER = urllib.request.build_opener(_NoRedirects())


class _Retryable(Exception):
    """A failure worth another attempt; ``delay`` is the server's Retry-After, if any."""

    def __init__(self, reason: str, delay: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.delay = delay


def parse_retry_after(value: str | None, now: dt.datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or an HTTP date), or None."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    try:
        return max(float(value), 0.0)
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    return max((when - (now or utc_now())).total_seconds(), 0.0)


class ApiClient:
    """GET requests to the OpenRouter API with rate limiting, retries and key-safe errors."""

    def __init__(self, base_url: str, api_key: str | None, tuning: Tuning | None = None) -> None:
        self.base_url = base_url
        self.api_key = api_key
        self.tuning = tuning or Tuning()
        self.limiter = RateLimiter(self.tuning.per_minute, self.tuning.per_day,
                                   self.tuning.clock, self.tuning.sleep)
        self.requests_made = 0
        self.console = Console(api_key)

    def url(self, path: str, params: Mapping[str, str] | None = None) -> str:
        query = f"?{urllib.parse.urlencode(dict(params))}" if params else ""
        return f"{self.base_url}{path}{query}"

    def get(self, path: str, params: Mapping[str, str] | None = None) -> bytes:
        """The complete body of a 200 response; retries what may be transient, then gives up.

        Retried: 429 (after Retry-After), 5xx, refused/dropped connections, timeouts and bodies
        shorter than their Content-Length. Not retried: 401/403 (the key is wrong and retrying
        would only spend the budget) and other 4xx.
        """
        url = self.url(path, params)
        headers = {"Accept": "application/json",
                   "User-Agent": "openrouter-representativeness (python urllib)"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        attempts = self.tuning.max_attempts
        last = ""
        for attempt in range(1, attempts + 1):
            self.limiter.wait_turn()
            self.requests_made += 1
            try:
                return self._once(url, headers)
            except _Retryable as problem:
                last = problem.reason
                if attempt == attempts:
                    break
                delay = problem.delay if problem.delay is not None else self.backoff(attempt)
                self.console.warn(f"  {problem.reason}; retrying in {delay:g} s "
                                  f"(attempt {attempt + 1}/{attempts})")
                self.tuning.sleep(delay)
        raise FetchError(redact(f"GET {url}: no complete response after {attempts} attempts "
                                f"(last problem: {last}); nothing was written", self.api_key))

    def backoff(self, attempt: int) -> float:
        """Exponential backoff: base, 2*base, 4*base, ... capped."""
        return min(self.tuning.backoff_cap, self.tuning.backoff_base * 2 ** (attempt - 1))

    def _once(self, url: str, headers: dict[str, str]) -> bytes:
        request = urllib.request.Request(url, method="GET")
        for name, value in headers.items():
            request.add_unredirected_header(name, value)
        try:
            with _OPENER.open(request, timeout=self.tuning.timeout) as response:
                return self._read_body(response)
        except urllib.error.HTTPError as exc:
            self._raise_for_status(exc, url)
        except http.client.IncompleteRead as exc:
            raise _Retryable(f"transfer interrupted after {len(exc.partial)} bytes") from None
        except (urllib.error.URLError, http.client.HTTPException, OSError) as exc:
            reason = getattr(exc, "reason", None) or exc
            raise _Retryable(redact(f"connection problem: {type(exc).__name__}: {reason}",
                                    self.api_key)) from None
        raise AssertionError("unreachable")  # pragma: no cover

    def _read_body(self, response: http.client.HTTPResponse) -> bytes:
        """Read the whole body, refusing one shorter than its declared length or absurdly long."""
        chunks, size = [], 0
        while block := response.read(1 << 16):
            size += len(block)
            if size > MAX_BODY_BYTES:
                raise FetchError(f"response larger than {MAX_BODY_BYTES:,} bytes; refusing it")
            chunks.append(block)
        declared = response.headers.get("Content-Length")
        if declared is not None and declared.strip().isdigit() and int(declared) != size:
            raise _Retryable(f"transfer interrupted: {size:,} of {int(declared):,} bytes received")
        return b"".join(chunks)

    def _raise_for_status(self, exc: urllib.error.HTTPError, url: str) -> None:
        status = exc.code
        try:
            detail = exc.read(500).decode("utf-8", "replace").strip()
        except (OSError, http.client.HTTPException):
            detail = ""
        detail = redact(" ".join(detail.split())[:200], self.api_key)
        suffix = f" (server said: {detail})" if detail else ""
        if status in (401, 403):
            if self.api_key:
                message = (f"the API rejected the key (HTTP {status}) for GET {url}: check that "
                           f"{API_KEY_ENV} holds a valid, active OpenRouter key{suffix}")
            else:
                message = (f"the API refused the request without a key (HTTP {status}) for "
                           f"GET {url}: set {API_KEY_ENV}{suffix}")
            raise FetchError(redact(message, self.api_key)) from None
        retry_after = parse_retry_after(exc.headers.get("Retry-After") if exc.headers else None)
        if 300 <= status < 400:
            location = redact(str(exc.headers.get("Location", "?")), self.api_key)[:200]
            raise FetchError(f"GET {url}: unexpected redirect (HTTP {status}) to {location}; "
                             "not followed, so the key is not sent elsewhere; check --base-url") from None
        if status == 429 or 500 <= status < 600:
            if retry_after is not None and retry_after > self.tuning.max_retry_after:
                raise FetchError(f"GET {url}: HTTP {status}; the server asks to wait "
                                 f"{retry_after:g} s, longer than {self.tuning.max_retry_after:g} s; "
                                 "try again later") from None
            label = "rate limited (HTTP 429)" if status == 429 else f"server error (HTTP {status})"
            raise _Retryable(label, retry_after) from None
        raise FetchError(redact(f"GET {url}: HTTP {status}{suffix}", self.api_key)) from None


# --------------------------------------------------------------------------- arguments


@dataclass(frozen=True)
class Window:
    """One request's inclusive date range."""

    start: dt.date
    end: dt.date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def label(self) -> str:
        return f"{self.start:%Y-%m-%d}..{self.end:%Y-%m-%d}"

    def params(self) -> dict[str, str]:
        return {"start_date": f"{self.start:%Y-%m-%d}", "end_date": f"{self.end:%Y-%m-%d}"}


def parse_day(text: str, name: str) -> dt.date:
    """A strict ``YYYY-MM-DD`` argument; the API would silently reinterpret anything looser."""
    if not isinstance(text, str) or not _ISO_DATE.match(text):
        raise FetchParameterError(f"--{name} must be a date as YYYY-MM-DD, got {text!r}")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise FetchParameterError(f"--{name} {text!r} is not a calendar date") from None


def split_windows(start: dt.date, end: dt.date, max_days: int = MAX_WINDOW_DAYS) -> list[Window]:
    """Consecutive windows of at most ``max_days`` covering ``start..end`` (the API's limit)."""
    if end < start:
        raise FetchParameterError(f"--end {end} is before --start {start}")
    windows, first = [], start
    while first <= end:
        last = min(end, first + dt.timedelta(days=max_days - 1))
        windows.append(Window(first, last))
        first = last + dt.timedelta(days=1)
    return windows


def resolve_base_url(cli_value: str | None, env: Mapping[str, str]) -> str:
    """``--base-url``, else ``$OPENROUTER_BASE_URL``, else the public API; without a trailing /."""
    url = (cli_value or env.get(BASE_URL_ENV) or DEFAULT_BASE_URL).strip().rstrip("/")
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchParameterError(f"base URL must be http(s)://host/..., got {url!r}")
    if parts.username or parts.password or parts.query or parts.fragment:
        raise FetchParameterError("base URL must not hold credentials, a query or a fragment")
    return url


def read_api_key(env: Mapping[str, str], required: bool) -> str | None:
    """The key from ``$OPENROUTER_API_KEY`` only (never an argument: it would land in history)."""
    key = (env.get(API_KEY_ENV) or "").strip()
    if not key:
        if required:
            raise FetchParameterError(f"{API_KEY_ENV} is not set; create a key at "
                                      "https://openrouter.ai/settings/keys and export it")
        return None
    if not key.isascii() or not key.isprintable() or any(c.isspace() for c in key):
        # http.client would put the whole header, key included, into its exception text.
        raise FetchParameterError(f"{API_KEY_ENV} contains spaces or control characters")
    return key


def check_key_transport(base_url: str, key: str | None) -> None:
    """Refuse to send a key in clear text to anything but this machine."""
    parts = urllib.parse.urlsplit(base_url)
    if key and parts.scheme == "http" and parts.hostname not in _LOCAL_HOSTS:
        raise FetchParameterError(f"refusing to send {API_KEY_ENV} over plain http to "
                                  f"{parts.hostname}; use https")


# --------------------------------------------------------------------------- rankings: parse


def _load_json(body: bytes, what: str) -> Any:
    try:
        return json.loads(body)
    except ValueError as exc:  # JSONDecodeError and UnicodeDecodeError
        where = f" at byte {exc.pos}" if isinstance(exc, json.JSONDecodeError) else ""
        raise FetchError(f"{what}: malformed response, not complete JSON ({len(body):,} bytes, "
                         f"error{where}: {getattr(exc, 'msg', exc)}); nothing was written") from None


def _iso_day(value: Any) -> dt.date | None:
    if not isinstance(value, str) or not _ISO_DATE.match(value[:10]):
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _row_problem(row: Any, window: Window) -> str | None:
    """Why one API row is unusable, or None when it is fine."""
    if not isinstance(row, dict):
        return "not an object"
    missing = [k for k in ("date", "model_permaslug", "total_tokens") if k not in row]
    if missing:
        return f"lacks {', '.join(missing)}"
    date = row["date"]
    if not isinstance(date, str) or not _ISO_DATE.match(date) or _iso_day(date) is None:
        return f"date {date!r} is not YYYY-MM-DD"
    if not window.start <= dt.date.fromisoformat(date) <= window.end:
        return f"date {date} is outside the requested window {window.label()}"
    slug = row["model_permaslug"]
    if not isinstance(slug, str) or not PERMASLUG_PATTERN.match(slug):
        return f"malformed model_permaslug {str(slug)[:80]!r}"
    tokens = row["total_tokens"]
    if isinstance(tokens, bool) or not (
            (isinstance(tokens, str) and _DIGITS.match(tokens))
            or (isinstance(tokens, int) and tokens >= 0)):
        return f"total_tokens {str(tokens)[:40]!r} is not a whole non-negative number"
    return None


def parse_rankings_response(body: bytes, window: Window) -> tuple[pd.DataFrame, dict[str, Any]]:
    """Validate one response and return its rows and ``meta``.

    Every row is checked, not a sample: one bad row would otherwise become a wrong share in a
    figure. Returns columns date (datetime), model_permaslug, total_tokens (the API's decimal
    string, kept verbatim for the raw file) and tokens (int64, for comparisons).
    """
    what = f"window {window.label()}"
    payload = _load_json(body, what)
    if not isinstance(payload, dict) or not isinstance(payload.get("data"), list) \
            or not isinstance(payload.get("meta"), dict):
        raise FetchError(f"{what}: malformed response, expected {{\"data\": [...], \"meta\": {{...}}}}")
    meta = payload["meta"]
    if meta.get("version") != API_VERSION:
        raise FetchError(f"{what}: meta.version is {meta.get('version')!r}, this fetcher "
                         f"understands {API_VERSION!r} only; check the API changelog")
    if _iso_day(meta.get("as_of")) is None:
        raise FetchError(f"{what}: meta.as_of {meta.get('as_of')!r} is not a date")
    for key in ("start_date", "end_date"):
        day = _iso_day(meta.get(key))
        if day is None or not window.start <= day <= window.end:
            raise FetchError(f"{what}: meta.{key} {meta.get(key)!r} does not match the request")
    problems = []
    for index, row in enumerate(payload["data"]):
        problem = _row_problem(row, window)
        if problem:
            problems.append(f"data[{index}]: {problem}")
            if len(problems) == 5:
                break
    if problems:
        raise FetchError(f"{what}: invalid rows: " + "; ".join(problems))
    rows = pd.DataFrame({
        "date": pd.to_datetime([r["date"] for r in payload["data"]], format="%Y-%m-%d"),
        "model_permaslug": pd.Series([r["model_permaslug"] for r in payload["data"]], dtype=object),
        "total_tokens": pd.Series([str(r["total_tokens"]) for r in payload["data"]], dtype=object),
    })
    rows["tokens"] = rows["total_tokens"].astype("int64")
    dup = rows.duplicated(["date", "model_permaslug"], keep=False)
    if dup.any():
        shown = "; ".join(f"{r.date:%Y-%m-%d} {r.model_permaslug}" for r in rows[dup].head(5).itertuples())
        raise FetchError(f"{what}: duplicate (date, model_permaslug) rows: {shown}")
    return rows, meta


# --------------------------------------------------------------------------- rankings: checks


def check_daily_rows(fetched: pd.DataFrame, windows: list[Window],
                     context: pd.DataFrame | None = None) -> None:
    """Refuse rows that look like weekly buckets rather than days.

    Two tests: every date of a window spanning two weeks or more is a Monday (the July 2026
    incident), and :func:`rankings.find_non_daily_days` on per-day totals, with the raw data
    already held as neighbours so even a short fetch is compared with real days.
    """
    if fetched.empty:
        return
    for window in windows:
        days = pd.DatetimeIndex(fetched.loc[fetched["date"].between(
            pd.Timestamp(window.start), pd.Timestamp(window.end)), "date"].unique()).sort_values()
        if window.days >= 14 and len(days) >= 2 and (days.day_of_week == 0).all():
            steps = sorted({int(s) for s in (days[1:] - days[:-1]).days})
            raise FetchError(
                f"window {window.label()}: every date is a Monday ({len(days)} dates, steps of "
                f"{steps} days): these are weekly buckets, not daily rows (as served in July "
                "2026); nothing was written. Fetch again later or report it to OpenRouter.")
    totals = daily_totals(fetched)
    if context is not None and not context.empty:
        others = context[~context["date"].isin(totals["date"])]
        if not others.empty:
            totals = pd.concat([daily_totals(others), totals], ignore_index=True)
    flagged = find_non_daily_days(totals)
    flagged = flagged[flagged["date"].isin(fetched["date"])]
    if not flagged.empty:
        listing = ", ".join(
            f"{r.date:%Y-%m-%d} (total {r.total_tokens:,}, neighbours' median "
            f"{r.neighbour_median:,.0f}{', weekly spacing' if r.weekly_spacing else ''})"
            for r in flagged.head(5).itertuples())
        raise FetchError(
            f"rows for {len(flagged)} day(s) do not look daily: {listing}. A day several times "
            "its neighbours, or dates a week apart, is a multi-day bucket (OpenRouter served "
            "weekly buckets in July 2026); nothing was written.")


@dataclass
class Comparison:
    """How fetched days relate to the raw data already held."""

    new_days: list[pd.Timestamp]
    unchanged_days: list[pd.Timestamp]
    restated_days: list[pd.Timestamp]
    differences: pd.DataFrame  # date, model, old, new, change

    def rows_to_write(self, fetched: pd.DataFrame) -> pd.DataFrame:
        keep = set(self.new_days) | set(self.restated_days)
        return fetched[fetched["date"].isin(keep)].reset_index(drop=True)


def load_existing(rankings_dir: Path) -> pd.DataFrame:
    """The rows currently used for each day (latest vintage), or an empty table if none exist."""
    if not Path(rankings_dir).is_dir() or not find_manifests(rankings_dir):
        return pd.DataFrame({"date": pd.Series(dtype="datetime64[ns]"),
                             "model_permaslug": pd.Series(dtype=object),
                             "tokens": pd.Series(dtype="int64")})
    rows, _ = load_rankings(rankings_dir)
    return rows


def compare_with_existing(fetched: pd.DataFrame, existing: pd.DataFrame) -> Comparison:
    """Classify each fetched day as new, unchanged or restated, listing restated values.

    A day is compared as a whole (all its models): the pipeline uses one vintage per day, so a
    day that differs in any row is stored again in full.
    """
    fetched_days = pd.DatetimeIndex(fetched["date"].unique()).sort_values()
    held = set(existing["date"].unique())
    new = [d for d in fetched_days if d not in held]
    overlap = [d for d in fetched_days if d in held]
    left = fetched.loc[fetched["date"].isin(overlap), ["date", "model_permaslug", "tokens"]]
    right = existing.loc[existing["date"].isin(overlap), ["date", "model_permaslug", "tokens"]]
    merged = right.merge(left, on=["date", "model_permaslug"], how="outer",
                         suffixes=("_old", "_new"))
    old = merged["tokens_old"].astype("Int64")
    new_values = merged["tokens_new"].astype("Int64")
    differs = (old != new_values).fillna(True)
    diff = pd.DataFrame({"date": merged["date"], "model": merged["model_permaslug"],
                         "old": old, "new": new_values, "change": new_values - old})[differs.to_numpy()]
    diff = diff.sort_values(["date", "model"]).reset_index(drop=True)
    restated = sorted(set(diff["date"]))
    unchanged = [d for d in overlap if d not in set(restated)]
    return Comparison(new, unchanged, restated, diff)


def format_differences(diff: pd.DataFrame, limit: int = 40) -> str:
    """The restatement table as aligned text (a missing value shows as '-')."""
    def num(value: Any, sign: bool = False) -> str:
        if pd.isna(value):
            return "-"
        return f"{int(value):+,}" if sign else f"{int(value):,}"

    table = pd.DataFrame({
        "date": diff["date"].dt.strftime("%Y-%m-%d"), "model": diff["model"],
        "old": [num(v) for v in diff["old"]], "new": [num(v) for v in diff["new"]],
        "change": [num(v, sign=True) for v in diff["change"]],
    })
    text = table.head(limit).to_string(index=False)
    if len(table) > limit:
        text += f"\n... and {len(table) - limit} more row(s)"
    return text


# --------------------------------------------------------------------------- rankings: command


def vintage_id(as_of: str, retrieved: dt.datetime) -> str:
    """``<as_of>_api-<UTC retrieval time>``: sorts like the pipeline orders vintages."""
    return f"{as_of}_api-{retrieved.astimezone(dt.timezone.utc):%Y%m%dT%H%M%SZ}"


def iso_utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def rankings_metadata(*, vintage: str, as_of: str, source_url: str, retrieved: dt.datetime,
                      request: Window, windows: list[dict[str, Any]], comparison: Comparison,
                      requests_made: int) -> dict[str, Any]:
    """The new vintage's manifest fields, in the shape of the shipped vintage's manifest."""
    def days(values: list[pd.Timestamp]) -> list[str]:
        return [f"{d:%Y-%m-%d}" for d in values]

    return {
        "dataset": "openrouter/rankings-daily",
        "vintage": vintage,
        "publisher": "OpenRouter",
        "source": f"OpenRouter Data API, GET {source_url} (schema {API_VERSION})",
        "source_url": source_url,
        "docs_url": RANKINGS_DOCS_URL,
        "licence": CC_BY[0],
        "licence_url": CC_BY[1],
        "attribution": ATTRIBUTION.format(as_of=as_of),
        "as_of": as_of,
        "obtained": {
            "how": "OpenRouter Data API via python -m helpers fetch rankings",
            "retrieved_at": iso_utc(retrieved),
            "requests": requests_made,
            "note": "Rows are stored as served (total_tokens verbatim), split by month; only days "
                    "new to the raw data or restated by the API are stored.",
        },
        "request_window": request.params(),
        "windows": windows,
        "new_days": len(comparison.new_days),
        "unchanged_days_skipped": days(comparison.unchanged_days),
        "restated_days": days(comparison.restated_days),
    }


def _refuse_secret(blob: str | bytes, secret: str | None, what: str) -> None:
    """Last line of defence: the key must never reach a file, whatever the server sent."""
    if secret and (secret.encode() if isinstance(blob, bytes) else secret) in blob:
        raise FetchError(f"{what} would contain the API key; refusing to write it")


def fetch_rankings(start: str, end: str, *, base_url: str | None = None, dry_run: bool = False,
                   rankings_dir: Path | None = None, env: Mapping[str, str] | None = None,
                   tuning: Tuning | None = None, out: TextIO | None = None) -> int:
    """Fetch ``start..end`` and store new or restated days as one new vintage; return 0.

    Order matters for safety: arguments and the existing raw data are checked before any
    request (a broken raw folder should not cost API budget), all windows are fetched and
    validated before anything is written, and the write is one atomic :func:`write_vintage`.
    """
    env = os.environ if env is None else env
    tuning = tuning or Tuning()
    rankings_dir = Path(rankings_dir if rankings_dir is not None else RANKINGS_DIR)
    request = Window(parse_day(start, "start"), parse_day(end, "end"))
    windows = split_windows(request.start, request.end)
    base = resolve_base_url(base_url, env)
    key = read_api_key(env, required=not dry_run)
    check_key_transport(base, key)
    console = Console(key, out)
    source_url = f"{base}{RANKINGS_PATH}"
    if dry_run:
        console.say(f"dry run: would request {len(windows)} window(s) from {source_url}:")
        for i, window in enumerate(windows, 1):
            console.say(f"  window {i}/{len(windows)} {window.label()} ({window.days} days)")
        console.say(f"and write new or restated days as one new vintage under "
                    f"{relative_to_root(rankings_dir)}/<as_of>_api-<UTC timestamp>; nothing written")
        return 0

    existing = load_existing(rankings_dir)
    client = ApiClient(base, key, tuning)
    retrieved = tuning.now()
    frames, window_records, as_ofs = [], [], []
    for i, window in enumerate(windows, 1):
        body = client.get(RANKINGS_PATH, window.params())
        rows, meta = parse_rankings_response(body, window)
        check_daily_rows(rows, [window])
        frames.append(rows)
        as_ofs.append(str(meta["as_of"])[:10])
        window_records.append({**window.params(), "rows": len(rows), "meta": meta})
        console.say(f"window {i}/{len(windows)} {window.label()}: {len(rows):,} rows")
    fetched = pd.concat(frames, ignore_index=True)
    check_daily_rows(fetched, windows, context=existing)
    if len(set(as_ofs)) > 1:
        console.warn(f"note: meta.as_of changed between windows ({', '.join(sorted(set(as_ofs)))}); "
                     "the latest is recorded")
    gaps = pd.date_range(request.start, request.end).difference(pd.DatetimeIndex(fetched["date"].unique()))
    if len(gaps):
        console.warn(f"note: the API returned no rows for {len(gaps)} day(s) of the window, "
                     f"first {gaps[0]:%Y-%m-%d}, last {gaps[-1]:%Y-%m-%d}")

    comparison = compare_with_existing(fetched, existing)
    console.say(f"{len(comparison.new_days)} new day(s), {len(comparison.restated_days)} restated "
                f"day(s), {len(comparison.unchanged_days)} unchanged day(s) skipped")
    if comparison.restated_days:
        console.say("restated values (old = raw data held now, new = this fetch):")
        console.say(format_differences(comparison.differences))
    to_write = comparison.rows_to_write(fetched)
    if to_write.empty:
        console.say("nothing new or restated; nothing written")
        return 0

    as_of = max(as_ofs)
    vintage = vintage_id(as_of, retrieved)
    metadata = rankings_metadata(vintage=vintage, as_of=as_of, source_url=source_url,
                                 retrieved=retrieved, request=request, windows=window_records,
                                 comparison=comparison, requests_made=client.requests_made)
    _refuse_secret(json.dumps(metadata), key, "the manifest")
    _refuse_secret(to_write["model_permaslug"].str.cat(sep="\n"), key, "the rows")
    target = write_vintage(rankings_dir / vintage, to_write, metadata)
    console.say(f"wrote {relative_to_root(target)}: {len(to_write):,} rows for "
                f"{to_write['date'].nunique()} day(s)")
    return 0


# --------------------------------------------------------------------------- models


def parse_models_response(body: bytes) -> int:
    """Check the catalog's shape (id, canonical_slug, pricing.prompt/completion); return its size."""
    payload = _load_json(body, "models")
    if not isinstance(payload, dict) or not isinstance(payload.get("data"), list) or not payload["data"]:
        raise FetchError("models: malformed response, expected a non-empty {\"data\": [...]}")
    problems = []
    for index, model in enumerate(payload["data"]):
        pricing = model.get("pricing") if isinstance(model, dict) else None
        if not isinstance(model, dict):
            problems.append(f"data[{index}] is not an object")
        elif not isinstance(model.get("id"), str) or not isinstance(model.get("canonical_slug"), str):
            problems.append(f"data[{index}] lacks a string id or canonical_slug")
        elif not isinstance(pricing, dict) or any(
                not isinstance(pricing.get(k), (str, int, float)) or isinstance(pricing.get(k), bool)
                for k in ("prompt", "completion")):
            problems.append(f"data[{index}] ({model['id'][:60]}) lacks pricing.prompt/completion")
        if len(problems) == 5:
            break
    if problems:
        raise FetchError("models: invalid entries: " + "; ".join(problems))
    return len(payload["data"])


def write_snapshot(target: Path, name: str, data: bytes, metadata: dict[str, Any],
                   fields: dict[str, Any]) -> Path:
    """Create ``target`` holding one file and its manifest, atomically; never overwrite."""
    target = Path(target)
    if target.exists():
        raise FetchError(f"{relative_to_root(target)}: already exists; raw data is never overwritten")
    return write_new_folder(target, {name: (data, fields)}, metadata)


def fetch_models(*, base_url: str | None = None, dry_run: bool = False,
                 models_dir: Path | None = None, env: Mapping[str, str] | None = None,
                 tuning: Tuning | None = None, out: TextIO | None = None) -> int:
    """Save today's model catalog byte for byte as a new dated snapshot; return 0.

    The bytes are kept unchanged (not re-serialised) so the snapshot's sha256 is that of what
    the API sent. The key is optional here and sent only if set.
    """
    env = os.environ if env is None else env
    tuning = tuning or Tuning()
    models_dir = Path(models_dir if models_dir is not None else MODELS_DIR)
    base = resolve_base_url(base_url, env)
    key = read_api_key(env, required=False)
    check_key_transport(base, key)
    console = Console(key, out)
    source_url = f"{base}{MODELS_PATH}"
    if dry_run:
        console.say(f"dry run: would request {source_url} and write "
                    f"{relative_to_root(models_dir)}/<date>_api-<UTC timestamp>/models.json; "
                    "nothing written")
        return 0
    client = ApiClient(base, key, tuning)
    retrieved = tuning.now()
    body = client.get(MODELS_PATH)
    count = parse_models_response(body)
    _refuse_secret(body, key, "the models snapshot")
    day = f"{retrieved.astimezone(dt.timezone.utc):%Y-%m-%d}"
    folder = vintage_id(day, retrieved)
    metadata = {
        "dataset": "openrouter/models",
        "vintage": folder,
        "publisher": "OpenRouter",
        "source": f"OpenRouter API, GET {source_url}",
        "source_url": source_url,
        "docs_url": MODELS_DOCS_URL,
        "licence": "not stated by OpenRouter for the model catalog; OpenRouter's terms apply",
        "licence_url": "https://openrouter.ai/terms",
        "attribution": f"Source: OpenRouter model catalog (openrouter.ai/models), retrieved {day}.",
        "as_of": day,
        "obtained": {"how": "OpenRouter API via python -m helpers fetch models",
                     "retrieved_at": iso_utc(retrieved), "requests": client.requests_made,
                     "note": "Response body saved byte for byte."},
    }
    target = write_snapshot(models_dir / folder, "models.json", body, metadata,
                            {"kind": "models", "models": count})
    console.say(f"wrote {relative_to_root(target)}/models.json: {count:,} models, {len(body):,} bytes")
    return 0


# --------------------------------------------------------------------------- entry point


def main(args: argparse.Namespace, *, env: Mapping[str, str] | None = None,
         tuning: Tuning | None = None, rankings_dir: Path | None = None,
         models_dir: Path | None = None, out: TextIO | None = None) -> int:
    """Run ``fetch rankings|models`` from parsed CLI arguments; return the exit code.

    Errors are :class:`ProjectError` (printed by the CLI as ``error: ...``, exit 2); their text
    is redacted once more here so no code path can print the key.
    """
    env = os.environ if env is None else env
    secret = (env.get(API_KEY_ENV) or "").strip() or None
    try:
        if args.what == "rankings":
            return fetch_rankings(args.start, args.end, base_url=args.base_url,
                                  dry_run=args.dry_run, rankings_dir=rankings_dir, env=env,
                                  tuning=tuning, out=out)
        if args.what == "models":
            return fetch_models(base_url=args.base_url, dry_run=args.dry_run,
                                models_dir=models_dir, env=env, tuning=tuning, out=out)
        raise FetchParameterError(f"unknown fetch target {args.what!r}")
    except ProjectError as exc:
        cleaned = redact(str(exc), secret)
        if cleaned != str(exc):
            raise type(exc)(cleaned) from None
        raise
