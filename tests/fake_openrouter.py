"""A scripted stand-in for the OpenRouter API on 127.0.0.1, for offline tests of ``helpers.fetch``.

Each incoming request takes the next entry of ``server.script``: a :class:`Reply`, or a callable
that receives the :class:`Seen` request and returns a :class:`Reply`. A request with no script
left gets HTTP 418, so a test that under-scripts fails loudly instead of hanging, and the number
of requests is bounded by the script. Every request is recorded in ``server.seen``.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.parse
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    """What the server does for one request.

    ``truncate_to`` sends only that many body bytes under the full Content-Length and then
    closes the connection (an interrupted transfer); ``drop`` closes the connection without any
    response; ``delay`` waits before answering (to trigger a client timeout).
    """

    status: int = 200
    body: bytes | dict | list = b""
    headers: dict[str, str] = field(default_factory=dict)
    truncate_to: int | None = None
    drop: bool = False
    delay: float = 0.0

    def payload(self) -> bytes:
        if isinstance(self.body, bytes):
            return self.body
        return json.dumps(self.body).encode("utf-8")


@dataclass
class Seen:
    """One request as the server saw it."""

    path: str
    query: dict[str, str]
    headers: dict[str, str]


class FakeOpenRouter:
    """Threaded HTTP server on an ephemeral port; use as a context manager or start()/stop()."""

    def __init__(self) -> None:
        self.script: deque[Reply | Callable[[Seen], Reply]] = deque()
        self.seen: list[Seen] = []
        self.unscripted = 0
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/api/v1"

    def add(self, *replies: Reply | Callable[[Seen], Reply]) -> FakeOpenRouter:
        self.script.extend(replies)
        return self

    def start(self) -> FakeOpenRouter:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=2)

    def __enter__(self) -> FakeOpenRouter:
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    def _next(self, seen: Seen) -> Reply:
        with self._lock:
            self.seen.append(seen)
            if not self.script:
                self.unscripted += 1
                return Reply(418, {"error": "unscripted request"})
            step = self.script.popleft()
        return step(seen) if callable(step) else step

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"  # one request per connection: simple to cut short

            def do_GET(self) -> None:  # http.server's naming
                parts = urllib.parse.urlsplit(self.path)
                seen = Seen(
                    parts.path, dict(urllib.parse.parse_qsl(parts.query)), {k: v for k, v in self.headers.items()}
                )
                reply = fake._next(seen)
                if reply.delay:
                    time.sleep(reply.delay)
                if reply.drop:
                    self.close_connection = True
                    return
                body = reply.payload()
                try:
                    self.send_response(reply.status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body)))
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(body if reply.truncate_to is None else body[: reply.truncate_to])
                    self.wfile.flush()
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout): nothing to do
                self.close_connection = True

            def log_message(self, format: str, *args: Any) -> None:
                pass  # keep test output quiet

        return Handler


def rankings_body(
    rows: list[dict[str, str]], start: str, end: str, as_of: str = "2027-03-01", version: str = "v1"
) -> dict[str, Any]:
    """A rankings-daily response body in the API's documented shape."""
    return {"data": rows, "meta": {"as_of": as_of, "start_date": start, "end_date": end, "version": version}}
