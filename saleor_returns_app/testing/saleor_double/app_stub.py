"""A loopback HTTP server that stands in for an app: answers per path, records requests.

Handy where a test needs "the other side" of the double without a real app: manifest
and register endpoints for ``install_app``, webhook targets for deliveries.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any


@dataclass
class StubRequest:
    """One request the stub received."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class StubReply:
    """What the stub answers; ``body`` is sent as JSON unless it is ``bytes``."""

    status: int = 200
    body: Any = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)


Route = Callable[[StubRequest], StubReply]


class _Handler(BaseHTTPRequestHandler):
    server: _StubServer
    protocol_version = "HTTP/1.1"

    def _handle(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        request = StubRequest(
            method=self.command,
            path=self.path,
            headers=dict(self.headers.items()),
            body=self.rfile.read(length) if length else b"",
        )
        stub = self.server.stub
        with stub.lock:
            stub.received.append(request)
            route = stub.routes.get(self.path)
        reply = route(request) if route else StubReply(404, {"error": "no route"})
        payload = reply.body if isinstance(reply.body, bytes) else json.dumps(reply.body).encode()
        self.send_response(reply.status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(payload)

    def do_GET(self) -> None:
        self._handle()

    def do_POST(self) -> None:
        self._handle()

    def log_message(self, format: str, *args: Any) -> None:
        return


class _StubServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, stub: AppStub) -> None:
        self.stub = stub
        super().__init__(("127.0.0.1", 0), _Handler)


class AppStub:
    """Start with ``with AppStub() as stub:``; route paths with ``reply``/``on``."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.received: list[StubRequest] = []
        self.lock = threading.Lock()
        self._server = _StubServer(self)
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="app-stub", daemon=True
        )
        self._thread.start()

    def url(self, path: str) -> str:
        """Absolute URL of ``path`` on this stub."""
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}{path}"

    def on(self, path: str, route: Route) -> None:
        """Answer ``path`` with ``route(request)``."""
        with self.lock:
            self.routes[path] = route

    def reply(self, path: str, reply: StubReply) -> None:
        """Answer ``path`` with a fixed reply."""
        self.on(path, lambda _request: reply)

    def to(self, path: str) -> list[StubRequest]:
        """Requests received on ``path``, oldest first."""
        with self.lock:
            return [request for request in self.received if request.path == path]

    def close(self) -> None:
        """Stop serving and release the port."""
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> AppStub:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
