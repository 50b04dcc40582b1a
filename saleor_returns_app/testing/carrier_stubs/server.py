"""The loopback HTTP server every carrier stub is built on: routes, a request log, faults.

A stub subclass registers its routes (method + path regex) in `routes()`; tests read
`requests` to see what the driver sent and call `fail_next` to make the next matching call
answer with a fault (an HTTP status, a 200 with an error body, a dropped connection).
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


@dataclass(frozen=True)
class StubRequest:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body or b"null")

    def form(self) -> dict[str, str]:
        return {key: values[-1] for key, values in parse_qs(self.body.decode()).items()}

    def arg(self, name: str, default: str = "") -> str:
        values = self.query.get(name)
        return values[-1] if values else default

    def header(self, name: str) -> str:
        lowered = name.lower()
        return next((v for k, v in self.headers.items() if k.lower() == lowered), "")


@dataclass(frozen=True)
class StubResponse:
    status: int = 200
    body: bytes = b""
    content_type: str = "application/json"
    headers: dict[str, str] = field(default_factory=dict)
    drop_connection: bool = False  # close the socket without answering

    @classmethod
    def json(cls, data: Any, status: int = 200, headers: dict[str, str] | None = None):
        return cls(status, json.dumps(data).encode(), "application/json", headers or {})

    @classmethod
    def xml(cls, text: str, status: int = 200) -> StubResponse:
        return cls(status, text.encode("utf-8"), "text/xml; charset=utf-8")


Handler = Callable[[StubRequest, re.Match[str]], StubResponse]


@dataclass
class _Route:
    method: str
    pattern: re.Pattern[str]
    handler: Handler


@dataclass
class _Fault:
    method: str
    pattern: re.Pattern[str]
    response: StubResponse
    times: int


class StubServer:
    """Base of every carrier stub. Use as a context manager; `url` is its base URL."""

    def __init__(self) -> None:
        self.requests: list[StubRequest] = []
        self._routes: list[_Route] = []
        self._faults: list[_Fault] = []
        self._lock = threading.RLock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.routes()

    def routes(self) -> None:
        """Register the carrier's endpoints with `add`."""

    def add(self, method: str, pattern: str, handler: Handler) -> None:
        self._routes.append(_Route(method.upper(), re.compile(f"^{pattern}$"), handler))

    def fail_next(
        self, method: str, pattern: str, response: StubResponse, *, times: int = 1
    ) -> None:
        """The next `times` calls matching `method` and path `pattern` get `response`."""
        with self._lock:
            self._faults.append(_Fault(method.upper(), re.compile(f"^{pattern}$"), response, times))

    def calls(self, method: str, pattern: str) -> list[StubRequest]:
        compiled = re.compile(f"^{pattern}$")
        with self._lock:
            return [r for r in self.requests if r.method == method and compiled.match(r.path)]

    @property
    def url(self) -> str:
        assert self._server is not None, "start the stub first"
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> StubServer:
        stub = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # Headers and body go out in separate writes; with Nagle on, the body waits for
            # the client's delayed ACK (~40 ms per request).
            disable_nagle_algorithm = True

            def _dispatch(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                parts = urlsplit(self.path)
                request = StubRequest(
                    self.command,
                    parts.path,
                    parse_qs(parts.query),
                    dict(self.headers.items()),
                    body,
                )
                response = stub.handle(request)
                if response.drop_connection:
                    self.close_connection = True
                    return
                self.send_response(response.status)
                self.send_header("Content-Type", response.content_type)
                self.send_header("Content-Length", str(len(response.body)))
                for name, value in response.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(response.body)

            do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _dispatch

            def log_message(self, format: str, *args: Any) -> None:
                return

        server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        server.daemon_threads = True
        self._server = server
        # A short poll interval: `shutdown()` waits up to one interval, once per test.
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> StubServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def handle(self, request: StubRequest) -> StubResponse:
        with self._lock:
            self.requests.append(request)
            fault = self._take_fault(request)
        if fault is not None:
            return fault
        for route in self._routes:
            if route.method != request.method:
                continue
            match = route.pattern.match(request.path)
            if match:
                with self._lock:
                    return route.handler(request, match)
        return StubResponse.json({"error": "Not Found"}, status=404)

    def _take_fault(self, request: StubRequest) -> StubResponse | None:
        for fault in self._faults:
            if fault.method == request.method and fault.pattern.match(request.path):
                fault.times -= 1
                if fault.times <= 0:
                    self._faults.remove(fault)
                return fault.response
        return None


def running(stub: StubServer) -> Iterator[StubServer]:
    """For pytest fixtures: `yield from running(SamedayStub())`."""
    with stub:
        yield stub
