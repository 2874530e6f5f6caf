"""The HTTP client: polite (rate limits, Retry-After), bounded (retries, body size), and key-safe
(no redirects, redacted errors)."""

from __future__ import annotations

import datetime as dt
import email.utils
import http.client
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..errors import FetchError
from .settings import (
    API_KEY_ENV,
    MAX_BODY_BYTES,
    REQUESTS_PER_DAY,
    REQUESTS_PER_MINUTE,
    Console,
    Tuning,
    clip,
    redact,
    utc_now,
)

# --------------------------------------------------------------------------- HTTP client

# How much of an error response is read, and how much of it is shown (after redaction).
DETAIL_BYTES = 500
DETAIL_CHARS = 200


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
            raise FetchError(f"client-side limit of {self.per_day} requests a day reached; try again later")
        last_minute = [t for t in self.sent if now - t < 60]
        if len(last_minute) >= self.per_minute:
            wait = 60 - (now - last_minute[-self.per_minute])
            if wait > 0:
                self.sleep(wait)
            now = self.clock()
        self.sent.append(now)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """Turn redirects into errors: urllib would forward the Authorization header to any host."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
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
        when = when.replace(tzinfo=dt.UTC)
    return max((when - (now or utc_now())).total_seconds(), 0.0)


class ApiClient:
    """GET requests to the OpenRouter API with rate limiting, retries and key-safe errors."""

    def __init__(self, base_url: str, api_key: str | None, tuning: Tuning | None = None) -> None:
        self.base_url = base_url
        self.api_key = api_key
        self.tuning = tuning or Tuning()
        self.limiter = RateLimiter(self.tuning.per_minute, self.tuning.per_day, self.tuning.clock, self.tuning.sleep)
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
        headers = {"Accept": "application/json", "User-Agent": "openrouter-representativeness (python urllib)"}
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
                self.console.warn(f"  {problem.reason}; retrying in {delay:g} s (attempt {attempt + 1}/{attempts})")
                self.tuning.sleep(delay)
        raise FetchError(
            redact(
                f"GET {url}: no complete response after {attempts} attempts "
                f"(last problem: {last}); nothing was written",
                self.api_key,
            )
        )

    def backoff(self, attempt: int) -> float:
        """Exponential backoff: base, 2*base, 4*base, ... capped."""
        return min(self.tuning.backoff_cap, self.tuning.backoff_base * 2 ** (attempt - 1))

    def _once(self, url: str, headers: dict[str, str]) -> bytes:
        request = urllib.request.Request(url, method="GET")  # noqa: S310 - resolve_base_url allows http(s) only
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
            raise _Retryable(redact(f"connection problem: {type(exc).__name__}: {reason}", self.api_key)) from None
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
            detail = exc.read(DETAIL_BYTES).decode("utf-8", "replace")
        except (OSError, http.client.HTTPException):
            detail = ""
        detail = clip(" ".join(detail.split()), DETAIL_CHARS, self.api_key)
        suffix = f" (server said: {detail})" if detail else ""
        if status in (401, 403):
            if self.api_key:
                message = (
                    f"the API rejected the key (HTTP {status}) for GET {url}: check that "
                    f"{API_KEY_ENV} holds a valid, active OpenRouter key{suffix}"
                )
            else:
                message = (
                    f"the API refused the request without a key (HTTP {status}) for "
                    f"GET {url}: set {API_KEY_ENV}{suffix}"
                )
            raise FetchError(redact(message, self.api_key)) from None
        retry_after = parse_retry_after(exc.headers.get("Retry-After") if exc.headers else None)
        if 300 <= status < 400:
            location = clip(exc.headers.get("Location", "?"), DETAIL_CHARS, self.api_key)
            raise FetchError(
                f"GET {url}: unexpected redirect (HTTP {status}) to {location}; "
                "not followed, so the key is not sent elsewhere; check --base-url"
            ) from None
        if status == 429 or 500 <= status < 600:
            if retry_after is not None and retry_after > self.tuning.max_retry_after:
                raise FetchError(
                    f"GET {url}: HTTP {status}; the server asks to wait "
                    f"{retry_after:g} s, longer than {self.tuning.max_retry_after:g} s; "
                    "try again later"
                ) from None
            label = "rate limited (HTTP 429)" if status == 429 else f"server error (HTTP {status})"
            raise _Retryable(label, retry_after) from None
        raise FetchError(redact(f"GET {url}: HTTP {status}{suffix}", self.api_key)) from None


def load_json(body: bytes, what: str) -> Any:
    try:
        return json.loads(body)
    except ValueError as exc:  # JSONDecodeError and UnicodeDecodeError
        where = f" at byte {exc.pos}" if isinstance(exc, json.JSONDecodeError) else ""
        raise FetchError(
            f"{what}: malformed response, not complete JSON ({len(body):,} bytes, "
            f"error{where}: {getattr(exc, 'msg', exc)}); nothing was written"
        ) from None
