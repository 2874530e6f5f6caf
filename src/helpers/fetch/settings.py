"""Settings of the OpenRouter fetcher: addresses, limits, the API key, date windows, and the
console that never prints the key."""

from __future__ import annotations

import datetime as dt
import functools
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TextIO

from .. import parameters
from ..errors import FetchError, ParameterError
from ..paths import RAW_DIR, models_dir

# The row rules are the reader's own (helpers.rankings): a fetched row must pass exactly the checks
# applied when the raw files are read.

DEFAULT_BASE_URL = "https://openrouter.ai/api/v1"
API_KEY_ENV = "OPENROUTER_API_KEY"
BASE_URL_ENV = "OPENROUTER_BASE_URL"
MODELS_DIR = models_dir(RAW_DIR)
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
_LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}


class FetchParameterError(FetchError, ParameterError):
    """A fetch argument (date, URL, key format) is unusable; nothing was requested or written."""


def utc_now() -> dt.datetime:
    """The current time in UTC (the default retrieval timestamp)."""
    return dt.datetime.now(dt.UTC)


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


REDACTED = "[redacted]"
# The shortest beginning of the key that counts as a leak: "sk-" already says which key it was cut from.
MIN_KEY_FRAGMENT = 3


def redact(text: str, secret: str | None) -> str:
    """Replace the key, and every beginning of it of three or more characters, wherever it appears.

    Servers may echo a rejected key whole, in part, or cut where a body or a header was read up to a
    limit; a beginning of the key is a leak too, so any text that starts the way the key starts is
    replaced (the longest match first). Redact before cutting anything (see :func:`clip`)."""
    if not secret:
        return text
    return _key_fragments(secret).sub(REDACTED, text)


@functools.lru_cache(maxsize=4)
def _key_fragments(secret: str) -> re.Pattern[str]:
    """The key and each of its beginnings down to :data:`MIN_KEY_FRAGMENT` characters, longest first."""
    shortest = min(MIN_KEY_FRAGMENT, len(secret))
    return re.compile("|".join(re.escape(secret[:size]) for size in range(len(secret), shortest - 1, -1)))


def clip(value: object, limit: int, secret: str | None) -> str:
    """A server-supplied value as text of at most ``limit`` characters, redacted *before* it is cut:
    a cut made first could leave the start of the key, which no later redaction would recognise."""
    return redact(str(value), secret)[:limit]


class Console:
    """Prints progress lines with the key redacted (a server-supplied value could contain it)."""

    def __init__(self, secret: str | None, stream: TextIO | None = None) -> None:
        self.secret = secret
        self.stream = stream

    def say(self, line: str = "") -> None:
        print(redact(line, self.secret), file=self.stream or sys.stdout)

    def warn(self, line: str) -> None:
        print(redact(line, self.secret), file=self.stream or sys.stderr)


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
    """A strict ``YYYY-MM-DD`` argument (:func:`helpers.parameters.parse_day`, the one rule); the
    API would silently reinterpret anything looser."""
    try:
        return parameters.parse_day(text, f"--{name}")
    except ParameterError as error:
        raise FetchParameterError(str(error)) from None


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
            raise FetchParameterError(
                f"{API_KEY_ENV} is not set; create a key at https://openrouter.ai/settings/keys and export it"
            )
        return None
    if not key.isascii() or not key.isprintable() or any(c.isspace() for c in key):
        # http.client would put the whole header, key included, into its exception text.
        raise FetchParameterError(f"{API_KEY_ENV} contains spaces or control characters")
    return key


def check_key_transport(base_url: str, key: str | None) -> None:
    """Refuse to send a key in clear text to anything but this machine."""
    parts = urllib.parse.urlsplit(base_url)
    if key and parts.scheme == "http" and parts.hostname not in _LOCAL_HOSTS:
        raise FetchParameterError(f"refusing to send {API_KEY_ENV} over plain http to {parts.hostname}; use https")
